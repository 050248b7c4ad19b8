// The sleeplog binary: the real clock, streams and environment handed to cli::run.
#include <sleeplog/cli/run.hpp>

int main(int argc, char** argv)
{
  return sleeplog::cli::run_main(argc, argv);
}
