// Slips: pure questions about a candidate event and the events around it.
#include <sleeplog/model/slips.hpp>

#include <algorithm>

namespace sleeplog::model {

namespace {

bool is_state_moment(Kind kind)
{
  return kind == Kind::bed || kind == Kind::asleep || kind == Kind::woke || kind == Kind::up;
}

} // namespace

std::optional<Event> repeated_moment(const std::vector<Event>& nearby, const Event& candidate)
{
  if (candidate.kind != Kind::woke && candidate.kind != Kind::asleep &&
      candidate.kind != Kind::up) {
    return std::nullopt;
  }
  const Event* before = nullptr;
  const Event* after = nullptr;
  for (const Event& e : nearby) {
    if (!is_state_moment(e.kind) || (candidate.id != 0 && e.id == candidate.id)) {
      continue;
    }
    if (e.start <= candidate.start) {
      if (before == nullptr || e.start > before->start ||
          (e.start == before->start && e.id > before->id)) {
        before = &e;
      }
    } else if (after == nullptr || e.start < after->start) {
      after = &e;
    }
  }
  if (before != nullptr && before->kind == candidate.kind &&
      candidate.start - before->start < repeat_window_s) {
    return *before;
  }
  if (after != nullptr && after->kind == candidate.kind &&
      after->start - candidate.start < repeat_window_s) {
    return *after;
  }
  return std::nullopt;
}

bool may_close(const Event& open, Instant at)
{
  return at - open.start <= max_open_s;
}

std::optional<Event> night_end(const Night& night)
{
  std::optional<Event> up;
  for (const Event& e : night.events) {
    if (e.kind == Kind::up) {
      up = e;
    } else if (e.kind == Kind::asleep && up && e.start >= up->start) {
      up.reset(); // sleep went on after that up
    }
  }
  return up;
}

bool night_has_ended(const Night& night)
{
  return night_end(night).has_value();
}

std::optional<Event> written_after_end(const Night& night, const Event& candidate)
{
  auto up = night_end(night);
  if (!up) {
    return std::nullopt;
  }
  const bool resumes = (candidate.kind == Kind::bed || candidate.kind == Kind::asleep) &&
                       candidate.start >= up->start &&
                       candidate.start - up->start < resume_window_s;
  return resumes ? std::nullopt : up;
}

} // namespace sleeplog::model
