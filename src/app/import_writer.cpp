// An import's rules (DESIGN §6.5): see import_writer.hpp.
#include <sleeplog/app/import_writer.hpp>
#include <sleeplog/app/settings.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

namespace sleeplog::app {

ImportWriter::ImportWriter(store::Store* store, std::int64_t change_id, ImportChild child,
                           std::function<void(const std::string&)> note)
  : m_store(store), m_change(change_id), m_child(std::move(child)), m_note(std::move(note)),
    m_nights(store)
{
  if (m_change != 0) {
    m_store->journal_events_by_change(); // an import's rows are undone by its change id
  }
  m_check_existing = m_store != nullptr && m_store->has_events();
  // Into an empty log, load without indexes and build them once at the end: much faster
  // for big files than updating a random uuid index row by row.
  m_bulk = m_change != 0 && !m_check_existing;
  if (m_bulk) {
    m_store->begin_bulk_load();
  }
}

void ImportWriter::end_load()
{
  if (m_bulk) {
    m_store->end_bulk_load();
    m_bulk = false;
  }
}

namespace {

// How far before a night or nap an earlier version of it may start.
constexpr time::Instant group_reach_s = 3 * 86400;

// The night or nap key of an app event's content key: up to its second ':'.
std::string group_of(const std::string& source_key)
{
  const auto first = source_key.find(':');
  return source_key.substr(0, source_key.find(':', first + 1));
}

} // namespace

// Whether this night or nap of an app export is to be added: not when the log has it
// already, nor when an earlier import holds a version of it that covers it (an older,
// shorter export). Earlier versions it overlaps and outgrows (the night went on) are
// removed first, in the same change, so the night is rebuilt rather than patched.
bool ImportWriter::group_is_new(const exchange::ImportedEvent& imported, std::int64_t child)
{
  if (const auto known = m_groups.find(imported.group_key); known != m_groups.end()) {
    return known->second;
  }
  bool add = true;
  std::map<std::string, std::pair<time::Instant, time::Instant>> spans;
  std::map<std::string, std::vector<std::int64_t>> ids;
  if (m_check_existing && m_store->has_source_key_prefix(imported.group_key + ":")) {
    add = false;
    // The same rows read in another zone give the same key but other instants.
    const auto stored = m_store->event_by_source_key(imported.source_key);
    if (stored && stored->start != imported.event.start) {
      m_other_zone_groups.insert(imported.group_key);
      if (!m_other_zone_offsets) {
        m_other_zone_offsets.emplace(stored->offset_s, imported.event.offset_s);
      }
    }
  } else if (m_check_existing && child > 0) {
    const std::string source = imported.group_key.substr(0, imported.group_key.find(':') + 1);
    for (const auto& e : m_store->keyed_events(child, source, imported.group_start - group_reach_s,
                                               imported.group_end + 1)) {
      const std::string group = group_of(e.source_key);
      if (m_groups.contains(group)) {
        continue; // brought in by this import
      }
      auto [span, fresh] = spans.try_emplace(group, e.start, e.end);
      span->second.first = std::min(span->second.first, e.start);
      span->second.second = std::max(span->second.second, e.end);
      ids[group].push_back(e.id);
    }
    std::erase_if(spans, [&](const auto& entry) {
      return entry.second.first > imported.group_end || entry.second.second < imported.group_start;
    });
    add = std::none_of(spans.begin(), spans.end(), [&](const auto& entry) {
      return entry.second.first <= imported.group_start &&
             entry.second.second >= imported.group_end;
    });
  }
  if (add && !spans.empty()) {
    ++m_counts.rebuilt;
    for (const auto& [group, span] : spans) {
      m_counts.replaced += ids[group].size();
      if (m_change != 0) {
        for (const auto id : ids[group]) {
          m_store->delete_event(id, m_change);
        }
      }
    }
  }
  m_groups.emplace(imported.group_key, add);
  return add;
}

bool ImportWriter::already_there(const exchange::ImportedEvent& imported) const
{
  if (!m_check_existing) {
    return false;
  }
  if (!imported.source_key.empty()) {
    return m_store->has_source_key(imported.source_key);
  }
  return !imported.event.uuid.empty() && m_store->has_uuid(imported.event.uuid);
}

std::string ImportWriter::default_child() const
{
  if (!m_child.from_environment.empty()) {
    return m_child.from_environment;
  }
  if (m_store == nullptr) {
    return "baby";
  }
  if (auto name = app::read_settings(*m_store).default_child; !name.empty()) {
    return name;
  }
  const auto all = m_store->children();
  if (all.size() > 1) {
    throw InputError("there are several children and some rows name none; say which one",
                     "use --child NAME, or set one with `sleeplog child default NAME`");
  }
  return all.empty() ? "baby" : all.front().name;
}

// The id of the child called `name` (--child overrides; empty = the default child),
// created when missing; a dry run gives a new child a stand-in id.
std::int64_t ImportWriter::child_id(const std::string& name)
{
  const std::string& wanted = !m_child.option.empty() ? m_child.option : name;
  if (const auto found = m_children.find(wanted); found != m_children.end()) {
    return found->second;
  }
  const std::string real = wanted.empty() ? default_child() : wanted;
  std::int64_t id = 0;
  if (const auto known = m_store != nullptr ? m_store->child_by_name(real) : std::nullopt) {
    id = known->id;
  } else if (m_change != 0) {
    id = m_store->add_child(real, "").id;
    if (m_note) {
      m_note(fmt::format("Added child '{}'.", real));
    }
  } else {
    id = -(++m_new_children);
  }
  m_children.emplace(wanted, id);
  m_child_names.emplace(id, real);
  return id;
}

void ImportWriter::add(exchange::ImportedEvent& imported)
{
  const bool from_app = !imported.source_key.empty();
  if (from_app) {
    const std::int64_t child = child_id(imported.child);
    const bool first_of_group = !m_groups.contains(imported.group_key);
    const bool added = group_is_new(imported, child);
    if (first_of_group) {
      // The rows of a night or nap are counted once, with its first event.
      if (added) {
        m_counts.imported += imported.group_rows;
        m_counts.overlapping += imported.group_merged;
      } else {
        m_counts.already += imported.group_rows + imported.group_merged;
      }
    }
    if (!added) {
      if (m_other_zone_groups.contains(imported.group_key)) {
        m_other_zone_lines.insert(imported.line);
      }
      return;
    }
  } else if (already_there(imported)) {
    ++m_counts.already;
    return;
  } else {
    ++m_counts.imported;
  }
  model::Event& e = imported.event;
  e.child_id = child_id(imported.child);
  auto& names = m_counts.children;
  if (const auto& real = m_child_names[e.child_id];
      std::find(names.begin(), names.end(), real) == names.end()) {
    names.push_back(real);
  }
  if (m_change != 0) {
    m_store->insert_event(e, m_change, imported.source_key);
  }
  ++m_counts.events;
  if (e.kind == model::Kind::nap) {
    ++m_counts.naps;
  } else if (e.kind == model::Kind::woke) {
    ++m_counts.wakings;
  }
  m_nights.add(e);
}

namespace {

// "−04:00": the offset as the message about an earlier import names it.
std::string offset_text(int offset_s)
{
  const int minutes = (offset_s < 0 ? -offset_s : offset_s) / 60;
  return fmt::format("{}{:02}:{:02}", offset_s < 0 ? "\u2212" : "+", minutes / 60, minutes % 60);
}

} // namespace

exchange::ImportCounts ImportWriter::finish()
{
  if (!m_other_zone_lines.empty()) {
    const auto n = m_other_zone_lines.size();
    throw InputError(
      fmt::format("{} row{} already imported with offset {}; this import reads {} with offset {}",
                  n, n == 1 ? " was" : "s", offset_text(m_other_zone_offsets->first),
                  n == 1 ? "it" : "them", offset_text(m_other_zone_offsets->second)),
      "`sleeplog undo` the first import, then import again; nothing was imported");
  }
  m_counts.nights = m_nights.count();
  return m_counts;
}

} // namespace sleeplog::app
