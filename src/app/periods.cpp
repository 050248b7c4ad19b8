#include <sleeplog/app/periods.hpp>

#include <fmt/format.h>

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

std::string previous_period_name(const NightRange& range)
{
  const auto length = time::days_from_date(range.last) - time::days_from_date(range.first) + 1;
  return length == 7 ? std::string("the week before") : fmt::format("the {} nights before", length);
}

PagePeriods page_periods(const NightRange& sheet, std::optional<time::Date> plan_first)
{
  const auto columns = comparison_columns(sheet, plan_first);
  PagePeriods periods;
  periods.before = columns.first;
  periods.now = columns.second;
  periods.rows = {sheet.first, time::add_days(sheet.last, 1)};
  periods.apart = time::days_from_date(periods.before.last) + 1 < time::days_from_date(sheet.first);
  periods.before_name =
    plan_first ? std::string("the nights before the plan") : previous_period_name(periods.before);
  return periods;
}

PeriodPlan::PeriodPlan(const PlanBook& book, const NightRange& sheet)
  : m_book(book), m_plan(book.latest_in(sheet))
{
  if (m_plan != nullptr) {
    m_tally.emplace(*m_plan);
  }
}

std::optional<time::Date> PeriodPlan::first() const
{
  return m_plan != nullptr ? std::optional(m_plan->from) : std::nullopt;
}

void PeriodPlan::add(const model::Night& night, const model::PlanNight& measured)
{
  if (m_plan != nullptr && m_book.plan_on(night.date) == m_plan) {
    m_tally->add(measured);
  }
}

std::optional<report::PagePlan> PeriodPlan::finish() const
{
  if (m_plan == nullptr) {
    return std::nullopt;
  }
  const auto summary = m_tally->result();
  report::PagePlan plan;
  plan.method = summary.method;
  plan.first = m_plan->from;
  plan.last = m_plan->until;
  plan.checkins = summary.checkins;
  plan.on_time_pct = summary.on_time_pct;
  plan.adherence_pct = summary.adherence_pct;
  return plan;
}

} // namespace sleeplog::app
