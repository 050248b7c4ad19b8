// A report page's periods, asked in-process: the rows it reads past its sheet, whether
// the outcomes' first column lies apart from the sheet, and how the sentence names it.
#include <sleeplog/app/periods.hpp>

#include <doctest/doctest.h>

using namespace sleeplog;

namespace {

app::NightRange nov(int first, int last)
{
  return {time::Date{2026, 11, first}, time::Date{2026, 11, last}};
}

bool same(const app::NightRange& a, const app::NightRange& b)
{
  return a.first == b.first && a.last == b.last;
}

} // namespace

TEST_CASE("a page without a plan: the week before, next to the sheet, rows one night past it")
{
  const auto periods = app::page_periods(nov(17, 23), std::nullopt);
  CHECK(same(periods.before, nov(10, 16)));
  CHECK(same(periods.now, nov(17, 23)));
  CHECK(same(periods.rows, nov(17, 24)));
  CHECK_FALSE(periods.apart);
  CHECK(periods.before_name == "the week before");
  CHECK(app::page_periods(nov(10, 23), std::nullopt).before_name == "the 14 nights before");
}

TEST_CASE("a page set against its plan: split on the plan's first night, or before it apart")
{
  const auto split = app::page_periods(nov(10, 23), time::Date{2026, 11, 17});
  CHECK(same(split.before, nov(10, 16)));
  CHECK(same(split.now, nov(17, 23)));
  CHECK_FALSE(split.apart);
  CHECK(split.before_name == "the nights before the plan");
  // A plan begun long before the page: its week before lies apart, the nights between unread.
  const auto early = app::page_periods(nov(17, 23), time::Date{2026, 11, 5});
  CHECK(same(early.before, {time::Date{2026, 10, 29}, time::Date{2026, 11, 4}}));
  CHECK(same(early.now, nov(17, 23)));
  CHECK(early.apart);
  CHECK(early.before_name == "the nights before the plan");
}

TEST_CASE("the period before is named as a week when it is 7 nights")
{
  CHECK(app::previous_period_name(nov(17, 23)) == "the week before");
  CHECK(app::previous_period_name(nov(17, 17)) == "the 1 nights before");
  CHECK(app::previous_period_name(nov(1, 30)) == "the 30 nights before");
}
