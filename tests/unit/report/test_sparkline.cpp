// Sparklines for known series, Unicode and ASCII.
#include <sleeplog/report/sparkline.hpp>

#include <doctest/doctest.h>

using sleeplog::report::sparkline;

TEST_CASE("sparkline: a ramp uses every level, lowest to highest")
{
  const std::vector<std::optional<double>> ramp = {0, 1, 2, 3, 4, 5, 6, 7};
  CHECK(sparkline(ramp, true) == "▁▂▃▄▅▆▇█");
  CHECK(sparkline(ramp, false) == "_.,-=+*#");
}

TEST_CASE("sparkline: scaled linearly between the series' minimum and maximum")
{
  // 15 sits halfway: 3.5 of 7 levels rounds to the fifth glyph.
  CHECK(sparkline({10.0, 20.0, 15.0}, true) == "▁█▅");
  // 1 of 0..10 is 0.7 of a level: rounds to the second glyph.
  CHECK(sparkline({0.0, 1.0, 10.0}, true) == "▁▂█");
  CHECK(sparkline({-5.0, 5.0}, false) == "_#");
}

TEST_CASE("sparkline: a missing value is a space and does not affect the scale")
{
  CHECK(sparkline({10.0, std::nullopt, 20.0, 15.0}, true) == "▁ █▅");
  CHECK(sparkline({std::nullopt, 3.0, std::nullopt}, false) == " - ");
  CHECK(sparkline({std::nullopt, std::nullopt}, true) == "  ");
}

TEST_CASE("sparkline: a flat series sits at mid height")
{
  CHECK(sparkline({42.0, 42.0, 42.0}, true) == "▄▄▄");
  CHECK(sparkline({42.0}, false) == "-");
}

TEST_CASE("sparkline: an empty series is an empty string")
{
  CHECK(sparkline({}, true).empty());
}
