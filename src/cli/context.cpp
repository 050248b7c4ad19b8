#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/app/settings.hpp>
#include <sleeplog/cli/context.hpp>
#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/snapshot.hpp>
#include <sleeplog/util/shell_word.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sleeplog::cli {

Context::Context(const Environment& env, std::ostream& out_stream, std::ostream& err_stream)
  : out(out_stream), err(err_stream), m_env(env)
{}

std::string Context::var(const std::string& name) const
{
  const auto found = m_env.vars.find(name);
  return found == m_env.vars.end() ? std::string() : found->second;
}

void Context::finish_setup()
{
  const auto tz = m_env.vars.find("TZ");
  zone = value_or_throw(time::Zone::from_tz_variable(
    tz == m_env.vars.end() ? std::nullopt : std::optional<std::string>(tz->second)));
  now = m_env.clock_now;
  if (const std::string fixed = var("SLEEPLOG_NOW"); !fixed.empty()) {
    auto parsed = time::parse_iso_instant(fixed);
    if (!parsed) {
      throw InputError(
        fmt::format("SLEEPLOG_NOW='{}' is not an ISO 8601 instant", shown_value(fixed)),
        "use a form like 2026-11-27T21:30:00-05:00 or 2026-11-28T02:30:00Z");
    }
    now = parsed->at;
  }
  if (opts.format != "text" && opts.format != "json" && opts.format != "csv" &&
      opts.format != "jsonl") {
    throw InputError(fmt::format("unknown format '{}'", shown_value(opts.format)),
                     "use --format text, json or csv");
  }
  if (opts.color != "auto" && opts.color != "always" && opts.color != "never") {
    throw InputError(fmt::format("unknown --color '{}'", shown_value(opts.color)),
                     "use --color auto, always or never");
  }
  style.color = report::decide_color(opts.color, m_env.stdout_is_tty,
                                     m_env.vars.count("NO_COLOR") > 0, var("TERM"));
  style.unicode = report::locale_is_utf8(var("LC_ALL"), var("LC_CTYPE"), var("LANG"));
  if (out_filter) {
    out_filter->allow_color(style.color);
  }
  if (opts.format != "text") {
    data_output();
  }
}

void Context::data_output()
{
  if (out_filter) {
    out_filter->set_passthrough(true);
  }
}

std::string Context::db_path() const
{
  return store::resolve_db_path(opts.db, var("SLEEPLOG_DB"), var("XDG_DATA_HOME"), var("HOME"));
}

std::optional<store::Store> Context::open_read()
{
  auto store = store::Store::open_read(db_path());
  if (store) {
    // A read command's queries (settings, child, nights…) share one snapshot, so the file
    // is locked and checked once, not for every statement.
    store::begin_read_snapshot(*store);
  }
  if (!store && opts.format == "text") {
    out << fmt::format("Nothing logged yet ({}). Start with `sleeplog bed`.\n", db_path());
  }
  return store;
}

store::Store Context::open_write()
{
  return store::Store::open_write(db_path());
}

store::Child Context::child_for_write(store::Store& store)
{
  auto chosen = app::child_for_write(store, opts.child, var("SLEEPLOG_CHILD"));
  if (chosen.added) {
    note_when_written(
      "Logging for a child called 'baby'; rename with `sleeplog child rename baby NAME`.");
  }
  return chosen.child;
}

std::optional<store::Child> Context::child_for_read(const store::Store& store)
{
  auto child = app::chosen_child(store, opts.child, var("SLEEPLOG_CHILD"));
  if (!child && opts.format == "text") {
    out << fmt::format("Nothing logged yet ({}). Start with `sleeplog bed`.\n", db_path());
  }
  return child;
}

std::string Context::child_option_for_hint() const
{
  // A hint never replaces the error it explains: a log that cannot be read names no child.
  try {
    const auto store = store::Store::open_read(db_path());
    if (!store || store->children().size() < 2) {
      return {};
    }
    const auto child =
      store->child_by_name(app::wanted_child(*store, opts.child, var("SLEEPLOG_CHILD")));
    return child ? child_option(*store, *child) : std::string(" -c NAME");
  } catch (const Failure&) {
    return {};
  }
}

std::string Context::caregiver(const store::Store& store, const std::string& by_flag) const
{
  return app::who_logged(store, by_flag, var("SLEEPLOG_BY"));
}

time::ParsedWhen Context::when(std::span<const std::string> tokens)
{
  auto parsed = value_or_throw(time::parse_when(tokens, now, zone));
  if (!parsed.warning.empty()) {
    warn(parsed.warning);
  }
  return parsed;
}

void Context::wait_toward(time::Instant due, long long step)
{
  if (due <= now) {
    return;
  }
  if (!var("SLEEPLOG_NOW").empty() || !m_env.sleep || !m_env.read_clock) {
    now = due; // a fixed clock: the wait is over at once
    return;
  }
  m_env.sleep(std::min<long long>(due - now, step));
  now = m_env.read_clock();
}

void Context::warn(const std::string& message) const
{
  err << "sleeplog: warning: " << message << '\n';
}

void Context::note(const std::string& message) const
{
  if (!opts.quiet) {
    err << "sleeplog: " << message << '\n';
  }
}

void Context::note_when_written(const std::string& message)
{
  m_held_notes.push_back(message);
}

void Context::flush_held_notes(bool written)
{
  if (written) {
    for (const auto& message : m_held_notes) {
      note(message);
    }
  }
  m_held_notes.clear();
}

} // namespace sleeplog::cli
