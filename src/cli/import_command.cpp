// import: sleeplog's own exports and five other apps' exports, in one undoable change.
#include <sleeplog/app/import_writer.hpp>
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
    app::ImportWriter writer(store, change, {ctx.opts.child, ctx.var("SLEEPLOG_CHILD")},
                             [&ctx](const std::string& note) { ctx.note_when_written(note); });
    read = exchange::read_import(in, options, problems,
                                 [&writer](exchange::ImportedEvent& e) { writer.add(e); });
    writer.end_load();
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
