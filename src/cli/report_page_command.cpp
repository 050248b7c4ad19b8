// `sleeplog report`: gathers the period's nights, the period before, the tags and the
// child's age into a PageInput, and writes the HTML or Markdown page to stdout or a file.
#include <sleeplog/app/disruptions.hpp>
#include <sleeplog/app/periods.hpp>
#include <sleeplog/app/plans.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/reading.hpp>
#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/store/output_file.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <vector>

namespace sleeplog::cli {

using app::DisruptionFilter;
using app::for_each_night;
using app::logged_part;
using app::NightRange;
using app::NightSource;
using app::page_periods;
using app::PlanBook;
using app::RangeOptions;
using app::read_settings;
using app::resolve_range;

namespace {

struct ReportArgs
{
  RangeOptions range;
  std::string output;
  std::string format = "html";
  bool include_disrupted = false;
  std::string compare; // "plan" (the default when a plan exists) or "previous"
};

// An unnamed temporary file written through a stream and then copied out: a part of the
// page that comes after another written in the same read of the log, held on disk so
// memory stays flat.
class SpillFile : public std::streambuf
{
public:
  SpillFile() = default;
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;
  ~SpillFile() override
  {
    if (m_file != nullptr) {
      std::fclose(m_file);
    }
  }

  /// Creates the file; false when there is no place for one.
  bool open()
  {
    m_file = std::tmpfile();
    if (m_file == nullptr) {
      return false;
    }
    // Large blocks: a whole-history page spills megabytes, a system call per 4 KiB costs.
    // (glibc keeps its own 4 KiB unless given the buffer.)
    m_buffer.resize(std::size_t{1} << 16);
    std::setvbuf(m_file, m_buffer.data(), _IOFBF, m_buffer.size());
    return true;
  }

  /// Writes everything written so far to `out`; StorageError when the file failed.
  void copy_to(std::ostream& out)
  {
    if (std::fflush(m_file) != 0 || std::fseek(m_file, 0, SEEK_SET) != 0) {
      throw StorageError("cannot write a temporary file for the report");
    }
    std::array<char, 1 << 16> chunk{};
    std::size_t got = 0;
    while ((got = std::fread(chunk.data(), 1, chunk.size(), m_file)) > 0) {
      out.write(chunk.data(), static_cast<std::streamsize>(got));
    }
    if (std::ferror(m_file) != 0) {
      throw StorageError("cannot read back a temporary file for the report");
    }
  }

protected:
  int_type overflow(int_type c) override
  {
    if (traits_type::eq_int_type(c, traits_type::eof())) {
      return traits_type::not_eof(c);
    }
    return std::fputc(c, m_file) == EOF ? traits_type::eof() : c;
  }

  std::streamsize xsputn(const char* data, std::streamsize size) override
  {
    return static_cast<std::streamsize>(
      std::fwrite(data, 1, static_cast<std::size_t>(size), m_file));
  }

private:
  std::vector<char> m_buffer; // outlives the file: closed in the destructor's body
  std::FILE* m_file = nullptr;
};

// Writes the page as the log is read, so memory stays flat however long the period and
// however many or long the notes: a first pass gathers the numbers (outcomes, plan, weeks,
// who; how many nights and notes there are, and, for Markdown, the nights table's column
// widths) while, for HTML, the sheet, the nights table and the notes are written to
// temporary files, copied out after the page's head. Markdown reads the log a second time
// for the sheet, its table and notes waiting in the temporary files; with no place for a
// temporary file, the log is read once more for each part.
// Disrupted nights (DESIGN §9) are left out of the outcomes, the self-settled counts, the weeks and
// the caregivers unless --include-disrupted, as in `summary` and `trend` and the plan line; the
// sheet, the nights table and the notes show every night.
void write_page(Context& ctx, store::Store& store, const store::Child& child,
                const ReportArgs& args, std::ostream& out)
{
  NightSource source{store, child, read_settings(store)};
  const auto range = resolve_range(ctx, source, args.range, 14);
  if (!range) {
    throw InputError(fmt::format("nothing logged yet for {}", child.name),
                     "log a night first, or try `sleeplog demo` in an empty database");
  }
  const NightRange sheet = logged_part(source, *range);
  const bool sunday = source.settings.week_starts_sunday;
  const auto target = source.settings.target_bedtime_since_noon();
  const PlanBook book(source);
  app::PeriodPlan plan(book, sheet);
  const bool before_plan = plan.first() && args.compare != "previous";
  const bool md = args.format == "md";
  // Named members, not a structured binding: the lambdas below use them, which clang 14
  // (and so clang-tidy) cannot compile.
  const auto periods = page_periods(sheet, before_plan ? plan.first() : std::nullopt);
  const NightRange& before = periods.before;
  const NightRange& now = periods.now;
  report::SummaryBuilder summary(now.first, now.last, before.first, before.last, target);
  // Weeks and caregivers from the kept nights.
  report::PageBuilder weeks(sheet.first, sheet.last, sunday, target, [](report::SheetRow&&) {});
  weeks.numbers_only();
  DisruptionFilter filter(store, args.include_disrupted);
  report::PageInput page;
  page.child = child.name;
  page.born = time::parse_iso_date(child.born);
  page.today = ctx.zone.to_civil(ctx.now).date;
  report::MdNightsTable md_nights(page);
  bool any_nights = false;
  bool any_notes = false;
  const auto in_sheet = [&](const model::Night& night) {
    return night.date >= sheet.first && night.date <= sheet.last;
  };
  // The numbers of one night that the first pass gathers (`measured` against the plan,
  // for a night of the sheet).
  const auto gather = [&](model::Night&& night, const model::NightMetrics& metrics,
                          const model::PlanNight& measured) {
    const bool shown = in_sheet(night);
    const auto* on_plan = measured.plan.empty() ? nullptr : &measured;
    if (shown) {
      plan.add(night, measured);
      page.logged += night.events.empty() ? 0 : 1;
      any_nights = any_nights || !night.events.empty();
      if (md && !night.events.empty()) {
        md_nights.measure(report::night_line(night, metrics, on_plan));
      }
      report::for_each_noted(night, [&](const model::Event&) { any_notes = true; });
    }
    if (!filter.keep(night)) {
      return;
    }
    const bool in_now = night.date >= now.first && night.date <= now.last;
    const bool in_before = night.date >= before.first && night.date <= before.last;
    if ((in_now || in_before) && !night.events.empty()) {
      auto& counts = in_now ? page.now_counts : page.before_counts;
      ++counts.nights;
      counts.feeds += metrics.feeds;
      counts.cry_episodes += metrics.cry_episodes;
      counts.self_settled += metrics.self_settled;
    }
    weeks.add(night, metrics, on_plan);
    summary.add(std::move(night), metrics);
  };
  const auto measure = [&](const model::Night& night, const model::NightMetrics& metrics) {
    return in_sheet(night) ? book.evaluate(night, metrics) : model::PlanNight{};
  };
  const auto gather_only = [&](model::Night&& night) {
    const auto metrics = model::compute_metrics(night);
    const auto measured = measure(night, metrics);
    gather(std::move(night), metrics, measured);
  };
  // The sheet's rows, the nights table's lines and the notes, each written to a stream of
  // its own.
  std::map<time::Date, std::vector<std::string>> tags;
  for (auto& tag : store::tags_between(store, child.id, sheet.first, sheet.last)) {
    tags[tag.night].push_back(std::move(tag.word));
  }
  std::ostream* rows_out = &out;
  report::PageBuilder rows(sheet.first, sheet.last, sunday, target, [&](report::SheetRow&& row) {
    if (const auto found = tags.find(row.date); found != tags.end()) {
      row.tags = found->second; // also on nights with no events
    }
    *rows_out << (md ? report::md_sheet_row(row) : report::html_sheet_row(row));
  });
  const auto write_line = [&](const model::Night& night, const model::NightMetrics& metrics,
                              const model::PlanNight& measured, std::ostream& to) {
    const auto line =
      report::night_line(night, metrics, measured.plan.empty() ? nullptr : &measured);
    to << (md ? md_nights.line(line) : report::html_night_line(page, line));
  };
  const auto write_notes = [&](const model::Night& night, std::ostream& to) {
    report::for_each_noted(night, [&](const model::Event& noted) {
      if (md) {
        report::write_md_note(to, night.date, noted);
      } else {
        report::write_html_note(to, night.date, noted);
      }
    });
  };
  // The columns and the sheet, and one night past the sheet (periods.rows); nights
  // between the columns and the sheet are not read (periods.apart).
  const bool apart = periods.apart;
  const NightRange& rows_range = periods.rows;
  SpillFile rows_spill;
  SpillFile lines_spill;
  SpillFile notes_spill;
  const bool spill = rows_spill.open() && lines_spill.open() && notes_spill.open();
  std::ostream rows_stream(&rows_spill);
  std::ostream lines_stream(&lines_spill);
  std::ostream notes_stream(&notes_spill);
  const bool one_read = spill && !md;
  if (one_read) {
    // One read of the log: the numbers are gathered while the sheet, the nights table and
    // the notes wait in unnamed temporary files until the page's head, which needs the
    // numbers, is out. (Markdown's table is as wide as its widest cell: it is written
    // after a read that measured every line, so it reads the log once more.)
    rows_out = &rows_stream;
    const auto every_part = [&](model::Night&& night) {
      const auto metrics = model::compute_metrics(night);
      const auto measured = measure(night, metrics);
      if (night.date >= sheet.first) {
        rows.add(night, metrics);
      }
      if (in_sheet(night)) {
        if (!night.events.empty()) {
          write_line(night, metrics, measured, lines_stream);
        }
        write_notes(night, notes_stream);
      }
      if (night.date <= sheet.last) {
        gather(std::move(night), metrics, measured);
      }
    };
    if (apart) {
      for_each_night(source, before, gather_only);
      for_each_night(source, rows_range, every_part);
    } else {
      for_each_night(source, {before.first, rows_range.last}, every_part);
    }
  } else if (apart) {
    for_each_night(source, before, gather_only);
    for_each_night(source, sheet, gather_only);
  } else {
    for_each_night(source, {before.first, sheet.last}, gather_only);
  }
  const auto result = summary.finish(periods.before_name);
  page.first = sheet.first;
  page.last = sheet.last;
  page.before_plan = before_plan;
  page.before_first = result.previous_first;
  page.before_last = result.previous_last;
  page.now_first = result.first;
  page.now_last = result.last;
  page.before = result.previous;
  page.now = result.current;
  page.message = result.message + filter.note();
  page.plan = plan.finish();
  weeks.finish(page);

  out << (md ? report::md_report_head(page) : report::html_report_head(page));
  if (spill && !one_read) {
    // Markdown: the sheet is written as the log is read again, the table's lines (measured
    // now) and the notes wait in the temporary files.
    for_each_night(source, rows_range, [&](model::Night&& night) {
      const auto metrics = model::compute_metrics(night);
      rows.add(night, metrics);
      if (in_sheet(night)) {
        if (!night.events.empty()) {
          write_line(night, metrics, book.evaluate(night, metrics), lines_stream);
        }
        write_notes(night, notes_stream);
      }
    });
  } else if (!spill) {
    // No temporary file: the log is read once more for each part.
    for_each_night(source, rows_range,
                   [&](model::Night&& night) { rows.add(night, model::compute_metrics(night)); });
  }
  report::PageInput rest;
  rows.finish(rest);
  if (one_read) {
    rows_spill.copy_to(out);
  }
  out << (md ? report::md_report_nights_head() : report::html_report_nights_head());
  if (md) {
    out << md_nights.head();
  }
  if (spill) {
    lines_spill.copy_to(out);
  } else {
    for_each_night(source, sheet, [&](model::Night&& night) {
      if (!night.events.empty()) {
        const auto metrics = model::compute_metrics(night);
        write_line(night, metrics, book.evaluate(night, metrics), out);
      }
    });
  }
  if (md) {
    out << report::md_report_middle(page);
  } else {
    report::write_html_report_middle(out, page, any_nights, any_notes);
  }
  if (any_notes) {
    if (spill) {
      notes_spill.copy_to(out);
    } else {
      for_each_night(source, sheet, [&](model::Night&& night) { write_notes(night, out); });
    }
  }
  out << (md ? report::md_report_end(any_notes) : report::html_report_end(any_notes));
}

void write_output(Context& ctx, const std::string& output,
                  const std::function<void(std::ostream&)>& write)
{
  if (output.empty() || output == "-") {
    ctx.data_output(); // the page goes out exactly as written: it is a file, not a text report
    write(ctx.out);
    ctx.out.flush();
    return;
  }
  // Written to a new private file beside the target and renamed over it (as `export -o`),
  // so a failed write never leaves half a page and nothing but a regular file is replaced.
  store::OutputFile file(output);
  std::ostream stream(&file.buffer());
  write(stream);
  stream.flush();
  file.commit();
  ctx.note(fmt::format("wrote {}", output));
}

bool has_md_extension(const std::string& path)
{
  if (path.size() < 3) {
    return false;
  }
  std::string end = path.substr(path.size() - 3);
  std::transform(end.begin(), end.end(), end.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return end == ".md";
}

void run_report(Context& ctx, const ReportArgs& args)
{
  if (!args.compare.empty() && args.compare != "plan" && args.compare != "previous") {
    throw InputError(fmt::format("--compare takes plan or previous, not '{}'", args.compare),
                     "use `--compare previous` for the nights before the report's, or leave "
                     "it out to compare with the nights before the plan");
  }
  if (args.format != "html" && args.format != "md") {
    throw InputError(fmt::format("report prints html or md, not '{}'", shown_value(args.format)),
                     fmt::format("use `sleeplog report --format html{}` or `--format md`",
                                 ctx.child_option_for_hint()));
  }
  auto store = ctx.open_read();
  if (!store) {
    return;
  }
  const auto child = ctx.child_for_read(*store);
  if (!child) {
    return;
  }
  // As `summary`: a child with nothing logged is said so (exit 0), and no file is written.
  if (!resolve_range(ctx, NightSource{*store, *child, read_settings(*store)}, args.range, 14)) {
    ctx.out << fmt::format("Nothing logged yet for {}.\n", child->name);
    return;
  }
  write_output(ctx, args.output,
               [&](std::ostream& out) { write_page(ctx, *store, *child, args, out); });
}

} // namespace

void add_report_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<ReportArgs>();
  add_range_options(cmd, args->range);
  cmd.add_option("-o,--output", args->output, "write to FILE instead of stdout");
  cmd.add_option("--format", args->format, "html (default) or md (the default for -o FILE.md)");
  cmd.add_option("--compare", args->compare,
                 "plan (default with a plan: before it against on it) or previous");
  cmd.add_flag("--include-disrupted", args->include_disrupted,
               "count nights tagged sick, teething, travel… (left out by default)");
  footer_before_examples(
    cmd, "One self-contained page: outcomes before the plan against on it (or, with\n"
         "--compare previous or no plan, against the period before), a noon-to-noon\n"
         "sleep sheet with every night in numbers, week-by-week charts, the caregivers\n"
         "side by side, notes. Prints on A4.\n"
         "The plan section shows the plan's method and adherence; nights tagged with a\n"
         "disruption stay on the sheet but out of the numbers unless --include-disrupted.");
  cmd.callback([&ctx, args, &cmd] {
    if (cmd.count("--format") == 0) {
      // `sleeplog --format md report`: the global option names the page's format too (and
      // `--format json` is refused, never answered with HTML).
      if (ctx.opts.format != "text") {
        args->format = ctx.opts.format;
      } else if (has_md_extension(args->output)) {
        args->format = "md"; // `-o sleep.md` (or SLEEP.MD) means Markdown
      }
    }
    run_report(ctx, *args);
  });
}

} // namespace sleeplog::cli
