#include <sleeplog/app/periods.hpp>

#include <algorithm>

namespace sleeplog::app {

NightRange logged_part(const NightSource& source, NightRange range)
{
  NightRange sheet = range;
  if (const auto first = first_night(source)) {
    sheet.first = std::max(sheet.first, *first);
  }
  if (const auto last = latest_night(source)) {
    sheet.last = std::min(sheet.last, *last);
  }
  return sheet.first <= sheet.last ? sheet : range;
}

std::pair<NightRange, NightRange> comparison_columns(const NightRange& sheet,
                                                     std::optional<time::Date> plan_first)
{
  const auto length = time::days_from_date(sheet.last) - time::days_from_date(sheet.first) + 1;
  if (plan_first && *plan_first > sheet.first && *plan_first <= sheet.last) {
    return {{sheet.first, time::add_days(*plan_first, -1)}, {*plan_first, sheet.last}};
  }
  const auto before_end = plan_first && *plan_first <= sheet.first ? *plan_first : sheet.first;
  return {{time::add_days(before_end, -length), time::add_days(before_end, -1)}, sheet};
}

} // namespace sleeplog::app
