// Blocks of sleep and the main sleep (SPEC §4). Every `asleep` while awake opens a
// stretch and every `woke` or `up` while asleep closes it, so a night put back to bed
// after an `up` simply continues with its next stretch.
#include <sleeplog/model/sleep_blocks.hpp>

namespace sleeplog::model {

namespace {

std::vector<StretchAt> find_stretches(const std::vector<Event>& events, bool& double_woke)
{
  std::vector<StretchAt> stretches;
  bool asleep = false;
  bool waking = false; // awake after a `woke`, no `asleep` or `up` yet
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    if (event.kind == Kind::asleep) {
      if (!asleep) {
        stretches.push_back({i, no_event, event.start, 0});
      }
      asleep = true;
      waking = false;
    } else if (event.kind == Kind::woke || event.kind == Kind::up) {
      if (asleep) {
        stretches.back().end = i;
        stretches.back().end_at = event.start;
      } else if (event.kind == Kind::woke && waking) {
        double_woke = true;
      }
      asleep = false;
      waking = event.kind == Kind::woke;
    }
  }
  return stretches;
}

} // namespace

SleepStructure sleep_structure(const std::vector<Event>& events)
{
  SleepStructure s;
  s.stretches = find_stretches(events, s.double_woke);
  for (std::size_t i = 0; i < s.stretches.size(); ++i) {
    const StretchAt& stretch = s.stretches[i];
    const bool joins = i > 0 && s.stretches[i - 1].end != no_event &&
                       stretch.start - s.stretches[i - 1].end_at < block_gap_s;
    if (!joins) {
      s.blocks.push_back({i, i, 0, false});
    }
    SleepBlock& block = s.blocks.back();
    block.last = i;
    if (stretch.end == no_event) {
      block.open = true;
    } else {
      block.asleep_s += stretch.end_at - stretch.start;
    }
  }
  if (s.blocks.empty()) {
    return s;
  }
  if (s.blocks.back().open) {
    s.main = s.blocks.size() - 1;
    return s;
  }
  s.main = 0;
  for (std::size_t b = 1; b < s.blocks.size(); ++b) {
    if (s.blocks[b].asleep_s > s.blocks[s.main].asleep_s) {
      s.main = b;
    }
  }
  return s;
}

} // namespace sleeplog::model
