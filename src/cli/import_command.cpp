// import: sleeplog's own exports and five other apps' exports, in one undoable change.
#include <sleeplog/app/import_summary.hpp>
#include <sleeplog/app/settings.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/exchange/import.hpp>
#include <sleeplog/exchange/sheet_format.hpp>
#include <sleeplog/exchange/summary.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <unordered_map>

namespace sleeplog::cli {

namespace {

struct ImportArgs
{
  std::string file;
  std::string from;
  std::string tz;
  std::string columns;
  std::string date_order;
  bool dry_run = false;
};

// Stores (or, for a dry run, only counts) what the reader hands over, skipping what an
// earlier import already brought in.
class ImportWriter
{
public:
  /// `had_events`: whether the log held events before this import (else nothing can be
  /// there already and no row needs looking up).
  ImportWriter(Context& ctx, store::Store* store, std::int64_t change_id, bool had_events)
    : m_ctx(ctx), m_store(store), m_change(change_id), m_check_existing(had_events), m_nights(store)
  {}

  void add(exchange::ImportedEvent& imported);
  exchange::ImportCounts finish();

private:
  bool already_there(const exchange::ImportedEvent& imported) const;
  bool group_is_new(const exchange::ImportedEvent& imported, std::int64_t child);
  std::int64_t child_id(const std::string& name);
  std::string default_child() const;

  Context& m_ctx;
  store::Store* m_store; // nullptr: a dry run on a database that does not exist yet
  std::int64_t m_change; // 0: a dry run, nothing is written
  bool m_check_existing; // an empty database holds nothing to skip
  exchange::ImportCounts m_counts;
  std::unordered_map<std::string, std::int64_t> m_children;
  std::unordered_map<std::int64_t, std::string> m_child_names; // as counted in the summary
  std::int64_t m_new_children = 0;
  app::ImportedNights m_nights;
  std::unordered_map<std::string, bool> m_groups; // app night/nap key -> added
  // Nights and naps imported before under another zone: their rows and both offsets.
  std::set<std::string> m_other_zone_groups;
  std::set<std::size_t> m_other_zone_lines;
  std::optional<std::pair<int, int>> m_other_zone_offsets; // (stored, this import's)
};

// How far before a night or nap an earlier version of it may start.
constexpr time::Instant group_reach_s = 3 * 86400;

// The night or nap key of an app event's content key: up to its second ':'.
std::string group_of(const std::string& source_key)
{
  const auto first = source_key.find(':');
  return source_key.substr(0, source_key.find(':', first + 1));
}

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
  if (auto env = m_ctx.var("SLEEPLOG_CHILD"); !env.empty()) {
    return env;
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
  const std::string& wanted = !m_ctx.opts.child.empty() ? m_ctx.opts.child : name;
  if (const auto found = m_children.find(wanted); found != m_children.end()) {
    return found->second;
  }
  const std::string real = wanted.empty() ? default_child() : wanted;
  std::int64_t id = 0;
  if (const auto known = m_store != nullptr ? m_store->child_by_name(real) : std::nullopt) {
    id = known->id;
  } else if (m_change != 0) {
    id = m_store->add_child(real, "").id;
    m_ctx.note_when_written(fmt::format("Added child '{}'.", real));
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

exchange::ReadOptions read_options(const Context& ctx, const ImportArgs& args)
{
  exchange::ReadOptions options{std::nullopt, ctx.zone, ctx.now};
  if (!args.from.empty()) {
    options.from = exchange::parse_source(args.from);
    if (!options.from) {
      throw InputError(fmt::format("--from {}: not a format sleeplog reads", args.from),
                       fmt::format("use one of {}", exchange::source_names()));
    }
  }
  const bool sheet = options.from == exchange::Source::sheet;
  if (sheet && args.columns.empty()) {
    throw InputError("--from sheet needs --columns: which column holds what",
                     "e.g. --columns date=Date,bed=\"Put down\",asleep=Asleep,up=\"Woke up\"");
  }
  if (!sheet && (!args.columns.empty() || !args.date_order.empty())) {
    throw InputError(fmt::format("{} is only for --from sheet",
                                 args.columns.empty() ? "--date-order" : "--columns"),
                     "a parent's own spreadsheet is read with --from sheet --columns ...");
  }
  if (sheet) {
    value_or_throw(exchange::parse_sheet_columns(args.columns));
    options.columns = args.columns;
  }
  if (!args.date_order.empty()) {
    options.date_order = exchange::parse_date_order(args.date_order);
    if (!options.date_order) {
      throw InputError(fmt::format("--date-order {}: not an order", args.date_order),
                       "use dmy (31/12/2025), mdy (12/31/2025) or ymd (2025-12-31)");
    }
  }
  if (!args.tz.empty()) {
    options.zone = value_or_throw(time::Zone::named(args.tz));
  }
  return options;
}

void run_import(Context& ctx, const ImportArgs& args)
{
  const exchange::ReadOptions options = read_options(ctx, args);
  const bool from_stdin = args.file == "-";
  const std::string shown = from_stdin ? "stdin" : args.file;
  std::ifstream file;
  std::vector<char> buffer(std::size_t{1} << 16);
  if (!from_stdin) {
    struct stat st
    {};
    if (::stat(args.file.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      throw InputError(fmt::format("{} is a folder, not a file", args.file),
                       "give the exported file itself, e.g. sleeplog import export.csv");
    }
    file.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    file.open(args.file, std::ios::binary);
    if (!file) {
      throw InputError(fmt::format("cannot read {}", args.file),
                       "check the file's name and that you may read it");
    }
  }
  std::istream& in = from_stdin ? std::cin : file;

  exchange::Problems problems(shown);
  exchange::ReadResult read;
  exchange::ImportCounts counts;
  const auto import_into = [&](store::Store* store, std::int64_t change) {
    // Asked once: counting every row of a big log twice cost a full scan each time.
    if (!from_stdin) {
      file.clear(); // a second attempt (another process created the log) reads it again
      file.seekg(0);
    }
    if (change != 0) {
      store->journal_events_by_change(); // an import's rows are undone by its change id
    }
    const bool had_events = store != nullptr && store->has_events();
    ImportWriter writer(ctx, store, change, had_events);
    // Into an empty log, load without indexes and build them once at the end: much
    // faster for big files than updating a random uuid index row by row.
    const bool bulk = change != 0 && !had_events;
    if (bulk) {
      store->begin_bulk_load();
    }
    read = exchange::read_import(in, options, problems,
                                 [&writer](exchange::ImportedEvent& e) { writer.add(e); });
    if (bulk) {
      store->end_bulk_load();
    }
    if (!problems.empty()) {
      for (const auto& line : problems.lines()) {
        ctx.err << "sleeplog: error: " << line << '\n';
      }
      throw InputError(fmt::format("{}: {} bad {}; nothing was imported", shown,
                                   exchange::with_commas(problems.count()),
                                   problems.count() == 1 ? "row" : "rows"),
                       "fix the rows named above and import again");
    }
    counts = writer.finish();
  };
  if (args.dry_run) {
    auto store = store::Store::open_read(ctx.db_path());
    import_into(store ? &*store : nullptr, 0);
  } else {
    // Nothing new is no change at all: the journal gets no empty entry (undo then still
    // undoes the import before), and a missing log is not created.
    with_change_or_discard(
      ctx, "import " + args.file, [&](store::Store& store, std::int64_t change) {
        import_into(&store, change);
        return counts.events == 0 ? ChangeOutcome::discard : ChangeOutcome::keep;
      });
  }
  if (!ctx.opts.quiet) {
    ctx.out << exchange::render_summary(counts, read, shown, args.dry_run) << '\n';
  }
}

} // namespace

void add_import_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<ImportArgs>();
  cmd
    .add_option("FILE", args->file,
                "the file to read (- for stdin): an export, or a spreadsheet saved as CSV "
                "(with --from sheet)")
    ->required();
  cmd.add_option("--from", args->from,
                 "who wrote it: sleeplog, huckleberry, babybuddy, babyconnect, babytracker, glow, "
                 "sheet (default: from the header)");
  cmd.add_option("--tz", args->tz, "the time zone of another app's times (default: local, $TZ)");
  cmd.add_option("--columns", args->columns,
                 "for --from sheet: which column holds what, "
                 "date=COL,bed=COL,asleep=COL,up=COL[,note=COL]");
  cmd.add_option("--date-order", args->date_order,
                 "for --from sheet: dmy, mdy or ymd (needed when the dates do not settle it)");
  cmd.add_flag("--dry-run", args->dry_run,
               "check the file and say what would be added; write nothing");
  footer_before_examples(cmd, "A spreadsheet is read one row per sleep (put down, asleep, up); "
                              "save it as CSV first.");
  cmd.callback([&ctx, args] { run_import(ctx, *args); });
}

} // namespace sleeplog::cli
