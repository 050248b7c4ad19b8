// The private temporary files written before they are moved into place: each is new,
// hidden beside its target, readable by its owner only, and a missing folder is an errno.
#include <sleeplog/store/paths.hpp>

#include <doctest/doctest.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace sleeplog::store;

namespace {

struct Folder
{
  Folder()
  {
    char pattern[] = "/tmp/sleeplog-paths-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~Folder() { std::filesystem::remove_all(dir); }
  std::string dir;
};

} // namespace

TEST_CASE("a temporary file is new, hidden beside its target, and private")
{
  Folder folder;
  const std::string target = folder.dir + "/report.html";
  auto first = create_temporary_beside(target, "partial");
  auto second = create_temporary_beside(target, "partial");
  REQUIRE(first.fd >= 0);
  REQUIRE(second.fd >= 0);
  CHECK(first.error == 0);
  CHECK(first.name != second.name);
  CHECK(first.name.rfind(folder.dir + "/.report.html.", 0) == 0);
  CHECK(first.name.size() == (folder.dir + "/.report.html.12345678.partial").size());
  CHECK(first.name.substr(first.name.size() - 8) == ".partial");
  struct stat st
  {};
  REQUIRE(::stat(first.name.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == 0);
  CHECK(::write(first.fd, "x", 1) == 1);
  ::close(first.fd);
  ::close(second.fd);
  CHECK_FALSE(path_exists(target));
}

TEST_CASE("a temporary file in a missing folder is not created and says why")
{
  Folder folder;
  const auto none = create_temporary_beside(folder.dir + "/missing/log.db", "new");
  CHECK(none.fd < 0);
  CHECK(none.name.empty());
  CHECK(none.error == ENOENT);
}
