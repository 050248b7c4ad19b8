// An import's rules (DESIGN §6.5): which child a row is for, what an earlier import
// already brought in (by uuid, or by another app's content key), a night or nap of an
// app's export rebuilt when a longer export of it comes, rows read before in another zone
// refused, and the counts of the summary. The reading itself is exchange's.
#pragma once

#include <sleeplog/app/import_summary.hpp>
#include <sleeplog/exchange/import.hpp>
#include <sleeplog/exchange/summary.hpp>
#include <sleeplog/store/store.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace sleeplog::app {

/// Which child rows that name none are for.
struct ImportChild
{
  std::string option;           // --child: every row is for this child
  std::string from_environment; // SLEEPLOG_CHILD: rows that name none
};

/// Stores (or, for a dry run, only counts) what the reader hands over, skipping what an
/// earlier import already brought in.
class ImportWriter
{
public:
  /// `store` nullptr: a dry run on a database that does not exist yet; `change_id` 0: a
  /// dry run, nothing written. Otherwise the import's rows are journaled by its change
  /// id, and into a log with no events they are loaded without indexes (built by
  /// end_load). `note`: told of a child the import adds, once it is written.
  ImportWriter(store::Store* store, std::int64_t change_id, ImportChild child,
               std::function<void(const std::string&)> note);

  void add(exchange::ImportedEvent& imported);
  /// After the last row: builds the indexes of a bulk load.
  void end_load();
  /// The summary's counts; InputError when rows were imported before with another offset.
  exchange::ImportCounts finish();

private:
  bool already_there(const exchange::ImportedEvent& imported) const;
  bool group_is_new(const exchange::ImportedEvent& imported, std::int64_t child);
  std::int64_t child_id(const std::string& name);
  std::string default_child() const;

  store::Store* m_store;
  std::int64_t m_change;
  ImportChild m_child;
  std::function<void(const std::string&)> m_note;
  bool m_check_existing = false; // an empty database holds nothing to skip
  bool m_bulk = false;           // loading without indexes
  exchange::ImportCounts m_counts;
  std::unordered_map<std::string, std::int64_t> m_children;
  std::unordered_map<std::int64_t, std::string> m_child_names; // as counted in the summary
  std::int64_t m_new_children = 0;
  ImportedNights m_nights;
  std::unordered_map<std::string, bool> m_groups; // app night/nap key -> added
  // Nights and naps imported before under another zone: their rows and both offsets.
  std::set<std::string> m_other_zone_groups;
  std::set<std::size_t> m_other_zone_lines;
  std::optional<std::pair<int, int>> m_other_zone_offsets; // (stored, this import's)
};

} // namespace sleeplog::app
