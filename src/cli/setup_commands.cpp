// child and config: who is logged, and the settings kept in the database.
#include <sleeplog/app/settings.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/table.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace sleeplog::cli {

namespace {

void print_settings(Context& ctx, const store::Store* store, const std::string& only)
{
  const auto rows = app::listed_settings(store, only);
  if (!only.empty() && ctx.opts.format == "text") {
    ctx.out << rows.front().second << '\n';
    return;
  }
  if (ctx.opts.format == "csv") {
    report::CsvWriter csv(ctx.out);
    csv.row({"key", "value"});
    for (const auto& [k, v] : rows) {
      csv.row({k, report::guard_formula(v)});
    }
  } else if (ctx.opts.format == "json") {
    report::JsonObject obj(ctx.out);
    for (const auto& [k, v] : rows) {
      obj.text(k, v);
    }
    obj.close();
    ctx.out << '\n';
  } else {
    report::TextTable table({"", ""},
                            {report::TextTable::Align::left, report::TextTable::Align::left});
    for (const auto& [k, v] : rows) {
      table.add_row({k, v.empty() ? "(not set)" : report::escape_controls(v)});
    }
    ctx.out << table.render();
  }
}

struct ConfigArgs
{
  std::string key;
  std::optional<std::string> value;
};

void run_config(Context& ctx, const ConfigArgs& args)
{
  if (!args.key.empty()) {
    app::setting_spec(args.key); // an unknown key is refused before the log is opened
  }
  if (!args.value) {
    auto store = store::Store::open_read(ctx.db_path());
    print_settings(ctx, store ? &*store : nullptr, args.key);
    return;
  }
  const std::string value = app::normalise_setting(args.key, *args.value);
  with_store(ctx, [&](store::Store& store) { app::store_setting(store, args.key, value); });
  if (!ctx.opts.quiet) {
    ctx.out << fmt::format("{} = {}\n", args.key, value.empty() ? "(default)" : value);
  }
}

struct ChildArgs
{
  std::string name;
  std::string other;
  std::string born;
  bool names_only = false;
};

void run_child_list(Context& ctx, bool names_only)
{
  if (names_only) {
    // For shell completion: names only, quiet, never an error.
    try {
      if (auto store = store::Store::open_read(ctx.db_path())) {
        for (const auto& c : store->children()) {
          ctx.out << c.name << '\n';
        }
      }
    } catch (const std::exception&) {
    }
    return;
  }
  auto store = ctx.open_read();
  if (!store) {
    return;
  }
  const auto fallback = app::listed_settings(&*store, "default-child").front().second;
  const auto children = store->children();
  if (ctx.opts.format == "csv") {
    report::CsvWriter csv(ctx.out);
    csv.row({"name", "born", "default"});
    for (const auto& c : children) {
      csv.row({report::guard_formula(c.name), c.born, c.name == fallback ? "true" : "false"});
    }
    return;
  }
  if (ctx.opts.format == "json") {
    ctx.out << "[";
    for (std::size_t i = 0; i < children.size(); ++i) {
      ctx.out << (i ? "," : "");
      report::JsonObject obj(ctx.out);
      obj.text("name", children[i].name)
        .text("born", children[i].born.empty() ? std::nullopt
                                               : std::optional<std::string_view>(children[i].born))
        .boolean("default", children[i].name == fallback);
    }
    ctx.out << "]\n";
    return;
  }
  if (children.empty()) {
    ctx.out << "No children yet. Add one with `sleeplog child add NAME`.\n";
    return;
  }
  for (const auto& c : children) {
    ctx.out << report::escape_controls(c.name) << (c.born.empty() ? "" : "  born " + c.born)
            << (c.name == fallback ? "  (default)" : "") << '\n';
  }
}

} // namespace

void add_child_command(CLI::App& child, Context& ctx)
{
  child.require_subcommand(1);
  auto args = std::make_shared<ChildArgs>();

  auto* add = child.add_subcommand("add", "add a child");
  add->add_option("name", args->name, "the child's name")->required();
  add->add_option("--born", args->born, "date of birth, YYYY-MM-DD");
  add->callback([&ctx, args] {
    if (!args->born.empty() && !time::parse_iso_date(args->born)) {
      throw InputError(fmt::format("--born: '{}' is not a date", shown_value(args->born)),
                       "use YYYY-MM-DD");
    }
    with_store(ctx, [&](store::Store& store) { store.add_child(args->name, args->born); });
    if (!ctx.opts.quiet) {
      ctx.out << fmt::format("Added {}.\n", report::escape_controls(args->name));
    }
  });

  auto* list = child.add_subcommand("list", "list the children");
  list->add_flag("--names", args->names_only,
                 "names only, one per line (for scripts and completion)");
  list->callback([&ctx, args] { run_child_list(ctx, args->names_only); });

  auto* rename = child.add_subcommand("rename", "rename a child: OLD NEW");
  rename->add_option("old", args->name, "current name")->required();
  rename->add_option("new", args->other, "new name")->required();
  rename->callback([&ctx, args] {
    with_store(ctx, [&](store::Store& store) { store.rename_child(args->name, args->other); });
    if (!ctx.opts.quiet) {
      ctx.out << fmt::format("Renamed {} to {}.\n", report::escape_controls(args->name),
                             report::escape_controls(args->other));
    }
  });

  auto* edit = child.add_subcommand("edit", "set a child's birth date or name");
  edit->add_option("name", args->name, "the child's name")->required();
  edit->add_option("--born", args->born, "date of birth, YYYY-MM-DD");
  edit->add_option("--name", args->other, "a new name");
  edit->footer("Example: sleeplog child edit baby --born 2026-03-14 --name Ada");
  edit->callback([&ctx, args] {
    if (args->born.empty() && args->other.empty()) {
      throw InputError("child edit needs --born DATE or --name NEW",
                       "for example `sleeplog child edit baby --born 2026-03-14`");
    }
    if (!args->born.empty() && !time::parse_iso_date(args->born)) {
      throw InputError(fmt::format("--born: '{}' is not a date", args->born), "use YYYY-MM-DD");
    }
    // One change, so one `undo` takes back both the birth date and the name.
    with_change(ctx, ctx.command_line, [&](store::Store& store, std::int64_t) {
      if (!args->born.empty()) {
        store.set_child_born(args->name, args->born);
      }
      if (!args->other.empty()) {
        store.rename_child(args->name, args->other);
      }
    });
    if (!ctx.opts.quiet) {
      std::string what;
      if (!args->born.empty()) {
        what = "born " + args->born;
      }
      if (!args->other.empty()) {
        what += (what.empty() ? "" : ", ") + std::string("now called ") +
                report::escape_controls(args->other);
      }
      ctx.out << fmt::format("Changed {}: {}.\n", report::escape_controls(args->name), what);
    }
  });

  auto* fallback = child.add_subcommand("default", "the child used when --child is not given");
  fallback->add_option("name", args->name, "the child's name")->required();
  fallback->callback([&ctx, args] {
    with_store(
      ctx, [&](store::Store& store) { app::store_setting(store, "default-child", args->name); });
    if (!ctx.opts.quiet) {
      ctx.out << fmt::format("{} is now the default child.\n", report::escape_controls(args->name));
    }
  });
}

void add_config_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<ConfigArgs>();
  cmd.add_option("key", args->key, "a setting");
  cmd.add_option("value", args->value, "its new value (\"\" resets it)");
  cmd.callback([&ctx, args] { run_config(ctx, *args); });
}

} // namespace sleeplog::cli
