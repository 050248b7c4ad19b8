// sync DIR, sync status DIR, sync conflicts, sync restore ID (DESIGN §12): two
// caregivers' machines share one log through a folder a file-sync tool keeps in step.
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/terminal.hpp>
#include <sleeplog/store/sync.hpp>
#include <sleeplog/time/parse.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <optional>

namespace sleeplog::cli {

namespace {

struct SyncArgs
{
  std::string dir;
  bool dry_run = false;
  std::vector<std::string> separate;
  std::string status_dir;
  std::int64_t restore_id = 0;
};

std::string plural(std::int64_t n, const char* one, const char* many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "02:14" today, "Tue 01:10" within the week, else the date.
std::string when(const Context& ctx, std::int64_t at)
{
  if (at <= 0) {
    return "-";
  }
  const int offset = ctx.zone.offset_at(at);
  const std::string iso = time::format_iso(at, offset);
  const auto day = [&](std::int64_t t) { return (t + ctx.zone.offset_at(t)) / 86400; };
  if (day(at) == day(ctx.now)) {
    return time::format_clock(at, offset);
  }
  return fmt::format("{} {}", iso.substr(0, 10), time::format_clock(at, offset));
}

void run_sync(Context& ctx, const SyncArgs& args)
{
  if (args.dry_run) {
    const auto store = store::Store::open_read(ctx.db_path());
    if (!store) {
      throw InputError("there is no log to sync yet", "log something first, e.g. `sleeplog bed`");
    }
    const auto status = store::sync_status(*store, args.dir);
    for (const auto& warning : status.warnings) {
      ctx.warn(warning);
    }
    std::string line = fmt::format("would send {}", plural(status.unsent, "change", "changes"));
    for (const auto& peer : status.peers) {
      if (!peer.self && peer.pending > 0) {
        line += fmt::format("; would receive {} from {}", plural(peer.pending, "file", "files"),
                            peer.name);
      }
    }
    ctx.out << report::escape_controls(line) << " (dry run: nothing written)\n";
    return;
  }
  // A new machine joins with an empty log: made only once the sync has succeeded.
  std::optional<store::Store> store = store::Store::open_existing(ctx.db_path());
  if (!store) {
    store = store::Store::begin_new(ctx.db_path());
  }
  if (!store) {
    store = store::Store::open_existing(ctx.db_path()); // it appeared meanwhile
  }
  if (!store) {
    throw StorageError(fmt::format("cannot open database {}", ctx.db_path()));
  }
  if (!store->is_new()) {
    store::flush_outbox(*store, args.dir); // what an interrupted sync left unwritten
  }
  store::SyncResult result;
  store::prepare_to_sync(*store);
  store->write([&] { result = store::sync_with(*store, args.dir, ctx.now, args.separate); });
  const std::string path = ctx.db_path();
  if (store->is_new() && !store->publish()) {
    throw StorageError(fmt::format("database {} was created by another command meanwhile", path),
                       "run the sync again");
  }
  // What this sync sent goes to the folder now that it is committed. (Nothing sent,
  // nothing new to write: what an earlier sync left unwritten went out above.)
  if (result.sent > 0) {
    if (auto written = store::Store::open_read(path)) {
      store::flush_outbox(*written, args.dir);
    }
  }
  for (const auto& warning : result.warnings) {
    ctx.warn(warning);
  }
  std::string line = fmt::format("sent {}", plural(result.sent, "change", "changes"));
  if (result.received.empty()) {
    line += "; received nothing";
  }
  for (const auto& receipt : result.received) {
    line +=
      fmt::format("; received {} from {} (latest {})", plural(receipt.changes, "change", "changes"),
                  receipt.name, when(ctx, receipt.latest_at));
  }
  line += fmt::format("; {}", plural(result.conflicts, "conflict", "conflicts"));
  for (const auto& name : result.merged_children) {
    line += fmt::format("; child '{}' made on both machines is now one child (keep them apart "
                        "next time with --separate '{}')",
                        name, name);
  }
  ctx.out << report::escape_controls(line) << '\n';
  if (result.conflicts > 0 && !ctx.opts.quiet) {
    ctx.note("see what lost with `sleeplog sync conflicts`; bring one back with `sleeplog sync "
             "restore ID`");
  }
}

void run_status(Context& ctx, const std::string& dir)
{
  const auto store = store::Store::open_read(ctx.db_path());
  if (!store) {
    throw InputError("there is no log yet", "log something first, e.g. `sleeplog bed`");
  }
  const auto status = store::sync_status(*store, dir);
  for (const auto& warning : status.warnings) {
    ctx.warn(warning);
  }
  if (ctx.opts.format == "json") {
    ctx.data_output();
    ctx.out << "[";
    bool first = true;
    for (const auto& peer : status.peers) {
      ctx.out << (first ? "" : ",");
      first = false;
      report::JsonObject obj(ctx.out);
      obj.text("replica", peer.name);
      obj.text("id", peer.replica);
      obj.boolean("self", peer.self);
      obj.integer("files", peer.files);
      obj.integer("applied", peer.applied_seq);
      obj.integer("pending", peer.pending);
      obj.close();
    }
    ctx.out << "]\n";
    return;
  }
  ctx.out << fmt::format("this machine: {} ({} not sent yet)\n",
                         report::escape_controls(status.name),
                         plural(status.unsent, "change", "changes"));
  if (status.peers.empty()) {
    ctx.out << "no replica has synced to this folder yet\n";
    return;
  }
  for (const auto& peer : status.peers) {
    if (peer.self) {
      ctx.out << fmt::format("  {} (this machine): {} in the folder\n",
                             report::escape_controls(peer.name),
                             plural(peer.files, "file", "files"));
      continue;
    }
    ctx.out << fmt::format("  {}: {} in the folder, {} applied here, {} pending; latest change "
                           "{}\n",
                           report::escape_controls(peer.name), plural(peer.files, "file", "files"),
                           peer.applied_seq, peer.pending, when(ctx, peer.latest_at));
  }
}

void run_conflicts(Context& ctx)
{
  const auto store = store::Store::open_read(ctx.db_path());
  const auto conflicts = store ? store::sync_conflicts(*store) : std::vector<store::Conflict>{};
  if (ctx.opts.format == "json") {
    ctx.data_output();
    ctx.out << "[";
    for (std::size_t i = 0; i < conflicts.size(); ++i) {
      const auto& c = conflicts[i];
      ctx.out << (i ? "," : "");
      report::JsonObject obj(ctx.out);
      obj.integer("id", c.id);
      obj.text("table", c.table);
      obj.text("key", c.key);
      obj.text("from", c.from);
      obj.text("lost_to", c.winner);
      obj.text("what", c.what);
      obj.boolean("deleted", c.row_json.empty());
      obj.close();
    }
    ctx.out << "]\n";
    return;
  }
  if (conflicts.empty()) {
    ctx.out << "no conflicts: every change from every replica is in the log\n";
    return;
  }
  for (const auto& c : conflicts) {
    ctx.out << fmt::format("#{}  {}: {} (written at {}), lost to {}'s later change\n", c.id,
                           report::escape_controls(c.from), report::escape_controls(c.what),
                           when(ctx, c.at), report::escape_controls(c.winner));
  }
  ctx.out << "bring one back with `sleeplog sync restore ID`\n";
}

void run_restore(Context& ctx, std::int64_t id)
{
  store::Conflict restored;
  with_change(ctx, fmt::format("sync restore {}", id), [&](store::Store& store, std::int64_t) {
    restored = store::restore_conflict(store, id);
  });
  if (!ctx.opts.quiet) {
    ctx.out << fmt::format("restored {} {} from conflict #{}; the next sync sends it\n",
                           restored.table, restored.key.substr(0, restored.key.find('\t')), id);
  }
}

} // namespace

void add_sync_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<SyncArgs>();
  auto* sync = &cmd;
  sync->add_option("dir", args->dir,
                   "a folder Syncthing, Nextcloud, Dropbox, a network share or a USB stick keeps "
                   "in step");
  sync->add_flag("--dry-run", args->dry_run, "say what would be sent and received; write nothing");
  sync->add_option("--separate", args->separate,
                   "a child's name not to merge with the same name from another machine");
  footer_before_examples(
    cmd, "Run it on each machine, in any order, at any time. Each machine writes its changes\n"
         "to DIR/sleeplog-sync/NAME/ (NAME: `config replica-name`) and applies the others'.\n"
         "The later change wins a conflict; `sleeplog sync conflicts` lists what lost.");
  auto* status = sync->add_subcommand("status", "the replicas in the folder and what is pending");
  status->add_option("dir", args->status_dir, "the sync folder")->required();
  status->footer("Example: sleeplog sync status ~/Sync/baby");
  status->callback([&ctx, args] { run_status(ctx, args->status_dir); });
  auto* conflicts = sync->add_subcommand("conflicts", "versions that lost a conflict");
  conflicts->footer("Example: sleeplog sync conflicts");
  conflicts->callback([&ctx] { run_conflicts(ctx); });
  auto* restore = sync->add_subcommand("restore", "bring a lost version back (one change)");
  restore->add_option("id", args->restore_id, "its number in `sleeplog sync conflicts`")
    ->required();
  restore->footer("Example: sleeplog sync restore 3");
  restore->callback([&ctx, args] { run_restore(ctx, args->restore_id); });
  sync->callback([&ctx, args, sync] {
    if (!sync->get_subcommands().empty()) {
      return;
    }
    if (args->dir.empty()) {
      throw InputError("which folder?",
                       "usage: sleeplog sync DIR (e.g. sleeplog sync ~/Sync/baby)");
    }
    run_sync(ctx, *args);
  });
}

} // namespace sleeplog::cli
