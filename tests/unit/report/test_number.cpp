// format_number / format_bool (DESIGN §6.1): one decimal, no trailing ".0", never "-0".
#include <sleeplog/report/number.hpp>

#include <doctest/doctest.h>

#include <limits>

using sleeplog::report::format_bool;
using sleeplog::report::format_number;

TEST_CASE("format_number: whole numbers print without a decimal")
{
  CHECK(format_number(20.0) == "20");
  CHECK(format_number(0.0) == "0");
  CHECK(format_number(1440.0) == "1440");
  CHECK(format_number(-15.0) == "-15");
  CHECK(format_number(123456789.0) == "123456789");
}

TEST_CASE("format_number: one decimal, rounded half away from zero")
{
  CHECK(format_number(86.25) == "86.3");
  CHECK(format_number(86.24) == "86.2");
  CHECK(format_number(-86.25) == "-86.3");
  CHECK(format_number(0.25) == "0.3");
  CHECK(format_number(-0.25) == "-0.3");
  CHECK(format_number(2.5) == "2.5");
  CHECK(format_number(19.96) == "20");
  CHECK(format_number(-7.5) == "-7.5");
  CHECK(format_number(100.0 * 595.0 / 690.0) == "86.2"); // the worked example's se_pct
}

TEST_CASE("format_number: never negative zero")
{
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(-0.04) == "0");
  CHECK(format_number(0.04) == "0");
  CHECK(format_number(-0.05) == "-0.1");
}

TEST_CASE("format_number: empty for missing or non-finite values")
{
  CHECK(format_number(std::nullopt).empty());
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN()).empty());
  CHECK(format_number(std::numeric_limits<double>::infinity()).empty());
}

TEST_CASE("format_number: very large values print whole")
{
  CHECK(format_number(1e15) == "1000000000000000");
  CHECK(format_number(-2.5e16) == "-25000000000000000");
}

TEST_CASE("format_bool")
{
  CHECK(format_bool(true) == "true");
  CHECK(format_bool(false) == "false");
  CHECK(format_bool(std::nullopt).empty());
}
