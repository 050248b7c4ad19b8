// Events: names of kinds and the few facts every layer asks of a single event.
#include <sleeplog/model/event.hpp>

namespace sleeplog::model {

std::string_view kind_name(Kind kind)
{
  switch (kind) {
  case Kind::bed: return "bed";
  case Kind::asleep: return "asleep";
  case Kind::woke: return "woke";
  case Kind::up: return "up";
  case Kind::cry: return "cry";
  case Kind::checkin: return "checkin";
  case Kind::feed: return "feed";
  case Kind::nap: return "nap";
  case Kind::note: return "note";
  }
  return "note"; // unreachable: every enumerator is handled above
}

std::optional<Kind> parse_kind(std::string_view name)
{
  for (Kind kind : all_kinds) {
    if (kind_name(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

bool is_interval(Kind kind)
{
  return kind == Kind::cry || kind == Kind::checkin || kind == Kind::feed || kind == Kind::nap;
}

std::optional<std::int64_t> duration_seconds(const Event& event)
{
  if (!is_interval(event.kind) || !event.end) {
    return std::nullopt;
  }
  return *event.end - event.start;
}

time::CivilTime local_start(const Event& event)
{
  return time::local_civil(event.start, event.offset_s);
}

namespace {

// Length of the valid UTF-8 sequence at the start of text, or 0 when it is not one.
std::size_t utf8_length(std::string_view text)
{
  const auto lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80) {
    return 1;
  }
  const std::size_t more = lead >= 0xc2 && lead <= 0xdf   ? 1
                           : lead >= 0xe0 && lead <= 0xef ? 2
                           : lead >= 0xf0 && lead <= 0xf4 ? 3
                                                          : 0;
  if (more == 0 || text.size() <= more) {
    return 0;
  }
  const auto second = static_cast<unsigned char>(text[1]);
  const unsigned char low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
  const unsigned char high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) {
    return 0;
  }
  for (std::size_t k = 2; k <= more; ++k) {
    if ((static_cast<unsigned char>(text[k]) & 0xc0) != 0x80) {
      return 0;
    }
  }
  return more + 1;
}

bool year_in_range(Instant instant, int offset_seconds)
{
  const int year = time::local_civil(instant, offset_seconds).date.year;
  return year >= first_year && year <= last_year;
}

} // namespace

std::string text_problem(std::string_view what, std::string_view text)
{
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      return std::string(what) + " holds a NUL character";
    }
    const std::size_t length = utf8_length(text.substr(i));
    if (length == 0) {
      return std::string(what) + " is not valid UTF-8 text";
    }
    i += length;
  }
  return {};
}

std::string stored_text_problem(std::string_view what, std::string_view text)
{
  if (auto problem = text_problem(what, text); !problem.empty()) {
    return problem;
  }
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // C0 controls and DEL; C1 controls are U+0080..U+009F, encoded C2 80..C2 9F.
    const bool c1 =
      byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (byte < 0x20 || byte == 0x7f || c1) {
      return std::string(what) + " holds a control character (a line break, tab or escape)";
    }
    i += utf8_length(text.substr(i));
  }
  return {};
}

std::string event_problem(const Event& event)
{
  if (!year_in_range(event.start, event.offset_s) ||
      (event.end && !year_in_range(*event.end, event.offset_s))) {
    return "a time outside the years " + std::to_string(first_year) + " to " +
           std::to_string(last_year);
  }
  if (auto problem = text_problem("note", event.note); !problem.empty()) {
    return problem;
  }
  return text_problem("by", event.by);
}

} // namespace sleeplog::model
