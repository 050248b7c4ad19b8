"""sleeplog benchmark against the sqlite3 floor.

For each history size N it fills a database with `sleeplog demo --nights N`, then times
each operation as the median of repeated runs, interleaved with its floor: the sqlite3
command line doing the same kind of work on the same file. Ratios are in CPU time (user +
system of the process and its threads, from os.wait4), which a machine shared with other
work disturbs far less than wall time; wall time is shown beside it. Each row shows its
target and whether it holds. Peak memory comes from GNU time (see peak_mib). It prints one
table, the growth check and the targets, and writes them as Markdown to --out. Run it
through tests/bench/run, which builds first.
"""

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ENV_FIXED = {
    "TZ": "America/New_York",
    # Late enough that 100,000 nights back (274 years) stay within the years sleeplog
    # stores (1900 to 2199).
    "SLEEPLOG_NOW": "2190-11-28T10:00:00-05:00",
    "LANG": "C.UTF-8",
}
FLOOR_INSERT = (
    "BEGIN IMMEDIATE; INSERT INTO event(uuid, child_id, kind, start_at, utc_offset) "
    "VALUES (lower(hex(randomblob(16))), 1, 'note', 1790000000, 0); COMMIT;"
)
FLOOR_QUERY = "SELECT * FROM event WHERE child_id = 1 ORDER BY start_at DESC LIMIT 100"
FLOOR_DUMP = "select * from event"
FLOOR_START = ["sqlite3", "--version"]
PEAK_LIMIT_MIB = 32.0  # every row at 100,000 nights
NOTES_COUNT, NOTE_BYTES, NOTES_LIMIT_MIB = 400_000, 500, 64.0  # report over many long notes
SLOW_RUN_S = 30.0  # a run slower than this is not repeated (keeps the 100k size bounded)
GNU_TIME = "/usr/bin/time"  # measures a child's peak RSS from a small parent (see peak_mib)


class Run:
    """One finished child process: wall and CPU time, peak memory, exit code, stderr head."""

    def __init__(self, seconds, cpu_seconds, maxrss_kib, code, err):
        self.ms = seconds * 1000.0
        self.cpu_ms = cpu_seconds * 1000.0
        self.mib = maxrss_kib / 1024.0
        self.code = code
        self.err = err


def run_once(argv, env, out_path=None):
    """Runs argv with stdout to out_path (or /dev/null); times it and reads its rusage."""
    out = open(out_path or os.devnull, "wb")
    err = tempfile.TemporaryFile()
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        err.seek(0)
        lines = err.read(4000).decode("utf-8", "replace").strip().splitlines()
        errors = [line for line in lines if "error" in line] or lines or [""]
        cpu = usage.ru_utime + usage.ru_stime  # the process and all its threads
        return Run(seconds, cpu, usage.ru_maxrss, proc.returncode, errors[0][:200])
    finally:
        out.close()
        err.close()


def peak_mib(argv, env, out_path=None):
    """Peak RSS of argv in MiB, from one run under GNU time, else None.

    A child forked from Python starts with Python's resident pages, and Linux keeps that
    high-water mark across exec, so os.wait4's ru_maxrss never reads below Python's own
    ~16 MiB. GNU time is a small parent, so its child's maxrss is the program's own."""
    if not os.access(GNU_TIME, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as report:
        run = run_once([GNU_TIME, "-f", "%M", "-o", report.name, *argv], env, out_path)
        text = report.read().strip().splitlines()
    try:
        return int(text[-1]) / 1024.0 if run.code == 0 else None
    except (IndexError, ValueError):
        return None


def remove_db(path):
    """Deletes a database file and its WAL/SHM companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def copy_db(src, dst):
    """Copies a database (and any WAL) so writes do not change the measured history."""
    remove_db(dst)
    for suffix in ("", "-wal"):
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dst + suffix)


class Op:
    """An operation and its floor. `mine`/`floor` return argv; `prepare_*` run untimed
    before each run; `whole` marks a whole-history operation."""

    def __init__(self, key, name, whole, mine, floor, floor_name,
                 prepare_mine=None, prepare_floor=None, fallback=None, target=None,
                 peak_limit=PEAK_LIMIT_MIB):
        self.key = key  # the same operation across sizes (names may differ)
        self.target = target  # the largest CPU-time ratio to the floor, or None
        self.peak_limit = peak_limit  # MiB, checked at 100,000 nights (None: never)
        self.name = name
        self.whole = whole
        self.mine = mine
        self.floor = floor
        self.floor_name = floor_name
        self.prepare_mine = prepare_mine or (lambda: None)
        self.prepare_floor = prepare_floor or (lambda: None)
        self.fallback = fallback  # another Op to try when this one is refused (exit 2)


class Result:
    """Medians for one operation at one size; `mine_ms` is None when it could not run."""

    def __init__(self, op, size, mine_ms, floor_ms, mib, floor_mib, runs, note="",
                 mine_cpu=None, floor_cpu=None):
        self.op = op
        self.size = size
        self.mine_ms = mine_ms  # wall
        self.floor_ms = floor_ms
        self.mine_cpu = mine_cpu  # user + system
        self.floor_cpu = floor_cpu
        self.mib = mib
        self.floor_mib = floor_mib
        self.runs = runs
        self.note = note

    @property
    def ratio(self):
        """CPU time against the floor's: the figure the targets are about."""
        if self.mine_cpu is None or not self.floor_cpu:
            return None
        return self.mine_cpu / self.floor_cpu

    @property
    def wall_ratio(self):
        if self.mine_ms is None or not self.floor_ms:
            return None
        return self.mine_ms / self.floor_ms

    @property
    def peak_checked(self):
        """The peak-memory limit this row is held to, or None."""
        if self.op.peak_limit is None or self.mib is None:
            return None
        if self.op.key == "report-notes" or self.size >= 100000:
            return self.op.peak_limit
        return None

    @property
    def holds(self):
        """True/False when the row has a target (ratio and/or peak memory), else None."""
        checks = []
        if self.op.target is not None and self.ratio is not None:
            checks.append(self.ratio <= self.op.target)
        if self.peak_checked is not None:
            checks.append(self.mib <= self.peak_checked)
        return None if not checks else all(checks)


class Bench:
    """Holds the settings and the results of one benchmark session."""

    def __init__(self, args):
        self.args = args
        self.bin = os.path.abspath(os.path.join(args.build_dir, "sleeplog"))
        self.work = os.path.abspath(args.work or os.path.join(args.build_dir, "bench-data"))
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("SLEEPLOG_") and k != "XDG_DATA_HOME"}
        self.env.update(ENV_FIXED)
        self.env["XDG_DATA_HOME"] = os.path.join(self.work, "xdg")  # never the user's db
        self.results = []
        self.setup_runs = []  # (size, Run) of each demo

    def sl(self, db, *args):
        """argv for sleeplog on database db."""
        return [self.bin, "--db", db, *args]

    def measure(self, op, size, repeats):
        """Interleaves runs of op and its floor; returns a Result of medians."""
        op.prepare_mine()
        first = run_once(op.mine(), self.env)
        if first.code != 0:
            if first.code == 2 and op.fallback is not None:
                return self.measure(op.fallback, size, repeats)
            return Result(op, size, None, None, None, None, 0,
                          f"n/a (exit {first.code}: {first.err})")
        # For cheap ops the first run is a warm-up, kept out of the median. Each side then
        # has one untimed run under GNU time for its peak memory.
        mine, floor = ([first] if op.whole else []), []
        op.prepare_mine()
        mib = peak_mib(op.mine(), self.env)
        op.prepare_floor()
        floor_mib = peak_mib(op.floor(), self.env)
        count = 1 if first.ms / 1000.0 > SLOW_RUN_S else repeats
        for i in range(count):
            op.prepare_floor()
            floor.append(run_once(op.floor(), self.env))
            if len(mine) < count:
                op.prepare_mine()
                mine.append(run_once(op.mine(), self.env))
        bad = [r for r in mine if r.code != 0] + [r for r in floor if r.code != 0]
        note = f"failed run: exit {bad[0].code}: {bad[0].err}" if bad else ""
        if mib is None:  # no GNU time: wait4's figure, an upper bound (see peak_mib)
            mib, floor_mib = max(r.mib for r in mine), max(r.mib for r in floor)
            note = (note + " " if note else "") + "peak MiB from wait4 (≥ Python's RSS)"
        return Result(op, size,
                      statistics.median(r.ms for r in mine),
                      statistics.median(r.ms for r in floor),
                      mib, floor_mib, len(mine), note,
                      statistics.median(r.cpu_ms for r in mine),
                      statistics.median(r.cpu_ms for r in floor))

    def make_history(self, size):
        """Fills DIR/N.db with N demo nights; returns its path."""
        db = os.path.join(self.work, f"{size}.db")
        remove_db(db)
        run = run_once(self.sl(db, "demo", "--nights", str(size)), self.env)
        if run.code != 0:
            sys.exit(f"bench: demo --nights {size} failed (exit {run.code}): {run.err}")
        scratch = os.path.join(self.work, "demo-peak.db")
        remove_db(scratch)  # a second, untimed demo for its peak memory
        run.mib = peak_mib(self.sl(scratch, "demo", "--nights", str(size)), self.env) or run.mib
        remove_db(scratch)
        self.setup_runs.append((size, run))
        return db

    def first_night(self, db):
        """The first night in db, from the nights export (else a date before any data)."""
        path = os.path.join(self.work, "nights.csv")
        run = run_once(self.sl(db, "export", "--nights", "--format", "csv"), self.env, path)
        if run.code == 0:
            with open(path, encoding="utf-8") as f:
                f.readline()
                row = f.readline()
            if row:
                return row.split(",", 1)[0]
        return "2000-01-01"

    def events_csv(self, db, size):
        """Exports db's events to a CSV for the import rows; None if export is missing."""
        path = os.path.join(self.work, f"events-{size}.csv")
        run = run_once(self.sl(db, "export", "--events", "--format", "csv"), self.env, path)
        return path if run.code == 0 else None

    def ops_for(self, size, db):
        """The operations measured at one size, each with its floor."""
        w = self.work
        log_db, floor_log_db = os.path.join(w, "log.db"), os.path.join(w, "floor-log.db")
        copy_db(db, log_db)
        copy_db(db, floor_log_db)
        os.sync()  # let the fresh files reach the disk before timing, not during it
        first = self.first_night(db)
        csv_path = self.events_csv(db, size)
        empty, empty2 = os.path.join(w, "empty.db"), os.path.join(w, "empty2.db")
        dump = lambda: ["sqlite3", "-csv", db, FLOOR_DUMP]
        query = lambda: ["sqlite3", db, FLOOR_QUERY]
        cheap = lambda key, name, *a, target=1.2: Op(key, name, False, lambda: self.sl(db, *a),
                                                     query, "indexed query", target=target)
        whole = lambda key, name, *a, target=1.2: Op(key, name, True, lambda: self.sl(db, *a),
                                                     dump, "csv dump", target=target)
        weeks = size // 7 + 1
        trend = whole("trend", f"trend --weeks {weeks}", "trend", "--weeks", str(weeks))
        trend.fallback = whole("trend", "trend --weeks 52 (cap)", "trend", "--weeks", "52")
        ops = [
            Op("version", "--version (process start)", False, lambda: [self.bin, "--version"],
               lambda: FLOOR_START, "sqlite3 --version"),
            Op("log", "log one event (note)", False, lambda: self.sl(log_db, "note", "bench"),
               lambda: ["sqlite3", floor_log_db, FLOOR_INSERT], "one insert", target=1.2),
            cheap("status", "status", "status"),
            cheap("show", "show", "show"),
            cheap("nights-7", "nights --last 7", "nights", "--last", "7"),
            whole("nights-all", f"nights --since {first}", "nights", "--since", first),
            whole("summary", f"summary --since {first}", "summary", "--since", first),
            trend,
            cheap("report-14", "report (latest 14 nights)", "report", target=None),
            whole("report-all", f"report --since {first}", "report", "--since", first,
                  target=1.5),
            whole("export-events", "export --events csv", "export", "--events", "--format", "csv"),
            whole("export-nights", "export --nights csv", "export", "--nights", "--format", "csv"),
        ]
        if csv_path:
            ops.append(Op("import", "import events csv", True,
                          lambda: self.sl(empty, "import", csv_path),
                          lambda: ["sqlite3", empty2, f".import --csv {csv_path} ev"],
                          ".import csv",
                          prepare_mine=lambda: remove_db(empty),
                          prepare_floor=lambda: remove_db(empty2), target=1.5))
        else:
            ops.append(Op("import", "import events csv", True, lambda: ["false"], dump,
                          ".import csv", target=1.5))
        if csv_path and size <= 10000:
            ops.append(self.sync_op(db, csv_path, empty2))
        return ops

    def sync_op(self, db, csv_path, empty2):
        """A new machine's first sync applying every event of the log (one file another
        replica sent), against importing the same events: it must take no longer."""
        w = self.work
        sender, folder = os.path.join(w, "sender.db"), os.path.join(w, "sync-folder")
        receiver = os.path.join(w, "receiver.db")
        copy_db(db, sender)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        run_once(self.sl(sender, "config", "replica-name", "bench-sender"), self.env)
        run_once(self.sl(sender, "sync", folder), self.env)
        remove_db(sender)

        def fresh_receiver():
            remove_db(receiver)
            root = os.path.join(folder, "sleeplog-sync")
            for name in os.listdir(root):
                if name != "bench-sender":
                    shutil.rmtree(os.path.join(root, name))

        return Op("sync", "sync applying every event (vs import)", True,
                  lambda: self.sl(receiver, "sync", folder),
                  lambda: self.sl(empty2, "import", csv_path), "sleeplog import",
                  prepare_mine=fresh_receiver, prepare_floor=lambda: remove_db(empty2),
                  target=1.0, peak_limit=None)

    def run(self):
        """Measures every operation at every size, printing progress to stderr."""
        os.makedirs(self.work, exist_ok=True)
        for size in self.args.sizes:
            started = time.perf_counter()
            db = self.make_history(size)
            for op in self.ops_for(size, db):
                repeats = self.args.repeat_whole if op.whole else self.args.repeat
                result = self.measure(op, size, repeats)
                self.results.append(result)
                shown = "n/a" if result.mine_ms is None else f"{result.mine_ms:.1f} ms"
                print(f"  {size:>7} {result.op.name:<26} {shown}", file=sys.stderr, flush=True)
            print(f"bench: size {size} took {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)
            if not self.args.keep:
                for name in ("log.db", "floor-log.db", "empty.db", "empty2.db", "receiver.db"):
                    remove_db(os.path.join(self.work, name))
        self.measure_notes()
        self.rm_rows = self.rm_scaling()

    def measure_notes(self):
        """`report` over the whole history of the smallest size with NOTES_COUNT notes of
        NOTE_BYTES each added: its memory must not grow with the notes."""
        source = os.path.join(self.work, f"{self.args.sizes[0]}.db")
        db = os.path.join(self.work, "notes.db")
        if self.args.notes <= 0 or not os.path.exists(source):
            return
        copy_db(source, db)
        con = sqlite3.connect(db)
        low, high, child = con.execute("SELECT min(start_at), max(start_at), min(child_id) "
                                       "FROM event").fetchone()
        text = ("a long note about the night " * 40)[:NOTE_BYTES]
        step = max(1, (high - low) // self.args.notes)
        con.executemany("INSERT INTO event(uuid, child_id, kind, start_at, utc_offset, note) "
                        "VALUES (?, ?, 'note', ?, -18000, ?)",
                        ((f"bench-note-{i:08d}", child, low + i * step, text)
                         for i in range(self.args.notes)))
        con.commit()
        con.close()
        first = self.first_night(db)
        op = Op("report-notes", f"report --since {first}, {self.args.notes:,} notes of "
                f"{NOTE_BYTES} B", True, lambda: self.sl(db, "report", "--since", first),
                lambda: ["sqlite3", "-csv", db, FLOOR_DUMP], "csv dump", target=1.5,
                peak_limit=NOTES_LIMIT_MIB)
        result = self.measure(op, self.args.sizes[0], self.args.repeat_whole)
        self.results.append(result)
        print(f"  notes {result.op.name}: {fmt(result.mine_cpu)} ms CPU, {fmt(result.mib)} MiB",
              file=sys.stderr, flush=True)
        if not self.args.keep:
            remove_db(db)

    def rm_scaling(self):
        """`rm` of 2,000 and of 20,000 ids, each on a fresh copy of one history: the time
        per id must not grow (it once was quadratic). Returns [(count, ms)]."""
        source = os.path.join(self.work, "rm-source.db")
        remove_db(source)
        run = run_once(self.sl(source, "demo", "--nights", "2600"), self.env)
        if run.code != 0:
            return []
        con = sqlite3.connect(source)
        ids = [str(r[0]) for r in con.execute("SELECT id FROM event ORDER BY id LIMIT 20000")]
        con.close()
        rows = []
        target = os.path.join(self.work, "rm.db")
        for count in (2000, 20000):
            if len(ids) < count:
                return rows
            times = []
            for _ in range(3):
                copy_db(source, target)
                one = run_once(self.sl(target, "-q", "rm", *ids[:count]), self.env)
                if one.code != 0:
                    return rows
                times.append(one.ms)
            rows.append((count, statistics.median(times)))
            print(f"  rm of {count} ids: {rows[-1][1]:.0f} ms", file=sys.stderr, flush=True)
        remove_db(target)
        remove_db(source)
        return rows


def fmt(value, digits=1):
    """A number with `digits` decimals, or n/a."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def verdict(ok):
    """met / missed / n/a for a check that may lack data."""
    return "n/a" if ok is None else ("met" if ok else "missed")


def results_table(bench):
    """The Markdown table of every measured operation: CPU times and their ratio first
    (what the targets are about), wall times beside them."""
    lines = ["| operation | size | sleeplog CPU ms | floor | floor CPU ms | ratio (CPU) "
             "| target | holds | wall ms | floor wall ms | ratio (wall) | peak MiB "
             "| floor MiB | runs | note |",
             "|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for size, run in bench.setup_runs:
        lines.append(f"| demo --nights {size} (setup) | {size} | {run.cpu_ms:.1f} | – | – | – "
                     f"| – | | {run.ms:.1f} | – | – | {run.mib:.1f} | – | 1 | |")
    for r in sorted(bench.results, key=lambda r: (r.size, bench_order(bench, r))):
        target = [] if r.op.target is None else [f"≤ {r.op.target:g}×"]
        if r.peak_checked is not None:
            target.append(f"≤ {r.peak_checked:g} MiB")
        lines.append(f"| {r.op.name} | {r.size} | {fmt(r.mine_cpu)} | {r.op.floor_name} "
                     f"| {fmt(r.floor_cpu)} | {fmt(r.ratio, 2)} | {', '.join(target) or '–'} "
                     f"| {holds_word(r.holds)} | {fmt(r.mine_ms)} | {fmt(r.floor_ms)} "
                     f"| {fmt(r.wall_ratio, 2)} | {fmt(r.mib)} | {fmt(r.floor_mib)} | {r.runs} "
                     f"| {r.note} |")
    return lines


def holds_word(ok):
    """yes / **no** / blank for a row's target."""
    return "" if ok is None else ("yes" if ok else "**no**")


def bench_order(bench, result):
    """Keeps the table in measuring order within one size."""
    return bench.results.index(result)


def by_key(bench):
    """Results grouped by operation key, in size order."""
    groups = {}
    for r in bench.results:
        groups.setdefault(r.op.key, []).append(r)
    return groups


def growth_lines(bench):
    """time(larger)/time(smaller) for each operation and each pair of sizes."""
    lines = ["| operation | sizes | sleeplog growth | floor growth | history growth | limit | |",
             "|---|---|---:|---:|---:|---:|---|"]
    checks = []
    for key, rows in by_key(bench).items():
        rows = [r for r in rows if r.mine_cpu is not None]
        whole = rows[0].op.whole if rows else True
        pairs = list(zip(rows, rows[1:])) if whole else (
            [(rows[0], rows[-1])] if len(rows) > 1 else [])
        for a, b in pairs:
            growth = b.mine_cpu / a.mine_cpu
            history = b.size / a.size
            if whole:
                limit = 1.1 * history
                ok = growth <= limit
            else:
                limit = 1.5
                ok = growth <= limit or b.mine_cpu - a.mine_cpu <= 1.0  # 1 ms of noise
            checks.append((key, whole, ok, f"{a.size}→{b.size}: {growth:.2f}×"))
            floor = fmt(b.floor_cpu / a.floor_cpu if a.floor_cpu and b.floor_cpu else None, 2)
            lines.append(f"| {key} | {a.size}→{b.size} | {growth:.2f}× | {floor}× | {history:g}× "
                         f"| {limit:.2f}× | {verdict(ok)} |")
    return lines, checks


def ratio_check(bench, keys, limit):
    """(ok, detail) for every result of `keys`: its ratio to the floor within limit."""
    rows = [r for r in bench.results if r.op.key in keys]
    if not rows or any(r.ratio is None for r in rows):
        detail = ", ".join(f"{r.op.key}@{r.size} n/a" for r in rows if r.ratio is None)
        return None, detail or "not measured"
    ok = all(r.ratio <= limit for r in rows)
    return ok, ", ".join(f"{r.op.key}@{r.size} {r.ratio:.2f}×" for r in rows)


def target_lines(bench, growth_checks):
    """The targets, each met or missed with its numbers (ratios in CPU time)."""
    out = []
    ok, detail = ratio_check(bench, {"status", "show", "nights-7"}, 1.2)
    out.append(("status, show, nights --last 7 ≤ 1.2× the indexed query", ok, detail))
    ok, detail = ratio_check(bench, {"log"}, 1.2)
    out.append(("log one event ≤ 1.2× the one-insert floor", ok, detail))
    ok, detail = ratio_check(bench, {"import"}, 1.5)
    out.append(("import events csv ≤ 1.5× the .import floor", ok, detail))
    ok, detail = ratio_check(bench, {"nights-all", "summary", "trend", "export-events",
                                     "export-nights"}, 1.2)
    out.append(("nights, summary, trend, export (whole history) ≤ 1.2× the CSV dump", ok, detail))
    ok, detail = ratio_check(bench, {"report-all", "report-notes"}, 1.5)
    out.append(("report (whole history) ≤ 1.5× the CSV dump", ok, detail))
    for whole, title in ((True, "whole-history ops: 10× history ≤ 11× time"),
                         (False, "other ops do not grow (≤ 1.5× or +1 ms, smallest→largest)")):
        mine = [c for c in growth_checks if c[1] == whole]
        ok = None if not mine else all(c[2] for c in mine)
        detail = ", ".join(f"{c[0]} {c[3]}" + ("" if c[2] else " MISSED") for c in mine)
        out.append((title, ok, detail or "needs two sizes"))
    out.append(memory_target(bench))
    out.append(notes_target(bench))
    out.append(rm_target(bench))
    return [f"- **{verdict(ok)}**: {title} — {detail}" for title, ok, detail in out]


def rm_target(bench):
    """rm of 20,000 ids within 2× the time per id of 2,000 (it once grew quadratically)."""
    title = "rm of 20,000 ids ≤ 2× the time per id of 2,000"
    rows = dict(getattr(bench, "rm_rows", []))
    if 2000 not in rows or 20000 not in rows:
        return title, None, "not measured"
    small, large = rows[2000] / 2000, rows[20000] / 20000
    detail = f"{small * 1000:.0f} µs/id at 2,000, {large * 1000:.0f} µs/id at 20,000"
    return title, large <= 2 * small, detail


def memory_target(bench):
    """Peak memory of every sleeplog command at 100,000 nights ≤ PEAK_LIMIT_MIB."""
    title = f"peak memory ≤ {PEAK_LIMIT_MIB:g} MiB for every row at 100,000 nights"
    rows = [(r.op.key, r.mib) for r in bench.results
            if r.size >= 100000 and r.mib is not None and r.op.key != "report-notes"]
    rows += [("demo", run.mib) for size, run in bench.setup_runs if size >= 100000]
    if not rows:
        worst = max((r.mib for r in bench.results if r.mib is not None), default=None)
        return title, None, f"100,000 not measured (largest measured peak {fmt(worst)} MiB)"
    key, peak = max(rows, key=lambda kv: kv[1])
    over = [f"{k} {m:.1f}" for k, m in rows if m > PEAK_LIMIT_MIB]
    detail = f"largest {key} {peak:.1f} MiB" + (f"; over: {', '.join(over)}" if over else "")
    return title, peak <= PEAK_LIMIT_MIB, detail


def notes_target(bench):
    """`report` over many long notes within NOTES_LIMIT_MIB."""
    title = (f"report over {bench.args.notes:,} notes of {NOTE_BYTES} bytes ≤ "
             f"{NOTES_LIMIT_MIB:g} MiB (the target is for {NOTES_COUNT:,})")
    rows = [r for r in bench.results if r.op.key == "report-notes"]
    if not rows or rows[0].mib is None:
        return title, None, "not measured"
    r = rows[0]
    return title, r.mib <= NOTES_LIMIT_MIB, f"{r.mib:.1f} MiB, {fmt(r.ratio, 2)}× the CSV dump"


def report(bench, seconds):
    """The whole report as Markdown lines."""
    growth, checks = growth_lines(bench)
    head = [f"# sleeplog benchmark", "",
            f"`tests/bench/run --sizes {','.join(map(str, bench.args.sizes))} "
            f"--repeat {bench.args.repeat} --repeat-whole {bench.args.repeat_whole} "
            f"--notes {bench.args.notes}` "
            f"— medians; sleeplog and its floor interleaved in one session; ratios in CPU "
            f"time (user + system, process and threads), wall time beside; "
            f"{os.cpu_count()} CPUs; sqlite3 {sqlite_version()}; total {seconds:.0f} s.", "",
            "Floors: *one insert* = `sqlite3 DB \"BEGIN IMMEDIATE; INSERT …; COMMIT;\"`; "
            f"*indexed query* = `sqlite3 DB '{FLOOR_QUERY}'`; *csv dump* = "
            f"`sqlite3 -csv DB '{FLOOR_DUMP}'`; *.import csv* = `sqlite3 NEW.db "
            "'.import --csv events.csv ev'`; *sqlite3 --version* = the shell's own start. "
            "Output goes to /dev/null.", ""]
    return (head + results_table(bench) + ["", "## Growth", ""] + growth
            + ["", "## Targets", ""] + target_lines(bench, checks))


def sqlite_version():
    """The sqlite3 command line's version."""
    out = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout
    return out.split(" ", 1)[0] if out else "?"


def parse_args(argv):
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000",
                   type=lambda s: [int(x) for x in s.split(",") if x])
    p.add_argument("--repeat", type=int, default=7, help="runs of each cheap operation")
    p.add_argument("--repeat-whole", type=int, default=3,
                   help="runs of each whole-history operation")
    p.add_argument("--notes", type=int, default=NOTES_COUNT,
                   help="notes added for the report-memory row (0: skip it)")
    p.add_argument("--out", help="Markdown output (default BUILD/bench.md)")
    p.add_argument("--build-dir", default="build-bench")
    p.add_argument("--work", help="folder for the databases (default BUILD/bench-data)")
    p.add_argument("--keep", action="store_true", help="keep the scratch databases")
    p.add_argument("--no-build", action="store_true", help="(handled by tests/bench/run)")
    args = p.parse_args(argv)
    args.out = args.out or os.path.join(args.build_dir, "bench.md")
    return args


def main(argv):
    args = parse_args(argv)
    bench = Bench(args)
    if not os.access(bench.bin, os.X_OK):
        sys.exit(f"bench: no binary at {bench.bin}; run tests/bench/run")
    started = time.perf_counter()
    bench.run()
    text = "\n".join(report(bench, time.perf_counter() - started)) + "\n"
    print(text)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"bench: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
