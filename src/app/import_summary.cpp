#include <sleeplog/app/import_summary.hpp>
#include <sleeplog/app/settings.hpp>
#include <sleeplog/model/night.hpp>

namespace sleeplog::app {

ImportedNights::ImportedNights(const store::Store* store)
  : m_boundary_min(store != nullptr ? read_settings(*store).night_boundary_min
                                    : Settings{}.night_boundary_min)
{}

void ImportedNights::add(const model::Event& event)
{
  if (event.kind == model::Kind::nap) {
    return;
  }
  m_nights.emplace(event.child_id,
                   time::days_from_date(model::night_by_boundary(event, m_boundary_min)));
}

} // namespace sleeplog::app
