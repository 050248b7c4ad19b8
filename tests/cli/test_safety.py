"""End-to-end: the safety net under every write. A checked backup before an upgrade,
validation before any upgrade, repairs instead of failures, foreign files refused, stored
text and plan inputs checked, storage and input errors told apart, the id ceiling, app
imports across clock changes, and a plan's history kept by `plan stop --from`."""

import glob
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
import unittest

from harness import BIN, SOURCE, SleeplogTest, main

V1 = os.path.join(SOURCE, "tests", "data", "v1.db")
HEADER = "id,uuid,child,night,kind,start,end,duration_s,by,note\n"


def fixture_events():
    con = sqlite3.connect(f"file:{V1}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute("SELECT count(*) FROM event").fetchone()[0]
    finally:
        con.close()


def backup_state(path):
    """(integrity_check result, user_version, event count) of a backup file."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (con.execute("PRAGMA integrity_check").fetchone()[0],
                con.execute("PRAGMA user_version").fetchone()[0],
                con.execute("SELECT count(*) FROM event").fetchone()[0])
    finally:
        con.close()


class OldDatabaseTest(SleeplogTest):
    """A copy of the schema-1 fixture as the test's database."""

    now = "2026-11-21T12:00:00-05:00"

    def setUp(self):
        super().setUp()
        self.db = os.path.join(self.dir, "db")
        shutil.copy(V1, self.db)
        self.events = fixture_events()

    def env(self, **extra):
        # The fixture has two children; its events are baby's.
        return super().env(**{"SLEEPLOG_CHILD": "baby", **extra})

    def backups(self):
        return sorted(p for p in glob.glob(self.db + ".v1*.bak"))

    def assert_good_backup(self, path):
        self.assertEqual(backup_state(path), ("ok", 1, self.events), path)


class CheckedBackupBeforeAnUpgrade(OldDatabaseTest):
    def test_a_planted_backup_name_is_kept_and_the_checked_backup_takes_the_next(self):
        target = os.path.join(self.dir, "elsewhere")
        with open(target, "w") as f:
            f.write("not mine")
        plants = {
            "junk": lambda p: open(p, "w").write("junk\n"),
            "empty": lambda p: open(p, "w").close(),
            "directory": os.mkdir,
            "symlink": lambda p: os.symlink(target, p),
        }
        for name, plant in plants.items():
            with self.subTest(name):
                shutil.copy(V1, self.db)
                for leftover in glob.glob(self.db + ".v1*"):
                    if os.path.isdir(leftover) and not os.path.islink(leftover):
                        os.rmdir(leftover)
                    else:
                        os.unlink(leftover)
                planted = self.db + ".v1.bak"
                plant(planted)
                self.ok("note", "x")
                self.assertEqual(self.query("PRAGMA user_version"), [(5,)])
                self.assert_good_backup(self.db + ".v1.1.bak")
                if name == "junk":
                    self.assertEqual(open(planted).read(), "junk\n")
                elif name == "empty":
                    self.assertEqual(os.path.getsize(planted), 0)
                elif name == "directory":
                    self.assertTrue(os.path.isdir(planted))
                else:
                    self.assertEqual(os.readlink(planted), target)
                    self.assertEqual(open(target).read(), "not mine")
                self.assertEqual(glob.glob(self.db + "*.partial"), [])

    def test_a_second_old_file_backup_never_replaces_the_first(self):
        self.ok("note", "x")
        first = open(self.db + ".v1.bak", "rb").read()
        shutil.copy(V1, self.db)
        self.ok("note", "y")
        self.assertEqual(open(self.db + ".v1.bak", "rb").read(), first)
        self.assert_good_backup(self.db + ".v1.1.bak")

    def test_killed_first_writes_always_leave_a_good_backup(self):
        env = self.env(SLEEPLOG_DB=self.db)
        started = time.monotonic()
        self.ok("note", "timing", SLEEPLOG_DB=self.db)
        duration = time.monotonic() - started
        rng = random.Random(20261121)
        killed = 0
        for round_ in range(100):
            for leftover in glob.glob(self.db + "*"):
                os.unlink(leftover)
            shutil.copy(V1, self.db)
            proc = subprocess.Popen([BIN, "note", "first"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * 1.2))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            r = self.run_sl("note", "after", env=env)
            self.assertEqual(r.code, 0, (round_, r))
            backups = self.backups()
            self.assertTrue(backups, round_)
            for path in backups:
                self.assertEqual(backup_state(path), ("ok", 1, self.events), (round_, path))
            self.assertEqual(self.query("PRAGMA user_version"), [(5,)])
            notes = self.query("SELECT count(*) FROM event WHERE kind = 'note' AND note = 'after'")
            self.assertEqual(notes, [(1,)])
            self.assertEqual(glob.glob(self.db + "*.partial"), [], round_)
        self.assertGreater(killed, 10)

    def test_a_full_disk_fails_the_backup_and_leaves_the_database_as_it_was(self):
        mount = os.path.join(self.dir, "small")
        os.mkdir(mount)
        size = 2 * os.path.getsize(V1) + 256 * 1024
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mount],
                           capture_output=True, text=True)
        if r.returncode != 0:
            self.skipTest(f"cannot mount a small tmpfs here: {r.stderr.strip()}")
        try:
            self.db = os.path.join(mount, "db")
            shutil.copy(V1, self.db)
            digest = self.digest()
            # Leave room for SQLite's -wal and -shm files but not for a whole copy.
            filler = os.path.join(mount, "filler")
            st = os.statvfs(mount)
            with open(filler, "wb") as f:
                f.write(b"\0" * (st.f_bavail * st.f_frsize - 48 * 1024))
            r = self.fails(1, "note", "x")
            self.assertIn(f"cannot write the backup {self.db}.v1.bak", r.err)
            self.assertNotIn(f"database {self.db}:", r.err)
            self.assertEqual(self.digest(), digest)
            self.assertEqual(glob.glob(self.db + ".v1*"), [])
            os.unlink(filler)
            self.ok("note", "x")
            self.assert_good_backup(self.db + ".v1.bak")
            self.assertEqual(self.query("PRAGMA user_version"), [(5,)])
        finally:
            subprocess.run(["umount", mount], capture_output=True)


class ValidationBeforeAnUpgrade(OldDatabaseTest):
    def test_bad_input_leaves_an_old_database_byte_identical(self):
        digest = self.digest()
        for args in (["-c", "Nobody", "note", "x"], ["rm", "99999"],
                     ["tag", "0001-01-01", "sick"], ["bed", "25:99"]):
            with self.subTest(args=args):
                self.fails(2, *args)
                self.assertEqual(self.digest(), digest)
                self.assertEqual(self.backups(), [])
                self.assertFalse(os.path.exists(self.db + "-wal"))
        self.ok("note", "x")
        self.assertEqual(self.query("PRAGMA user_version"), [(5,)])


class EventsOfNoChildAreRepaired(OldDatabaseTest):
    def setUp(self):
        super().setUp()
        con = sqlite3.connect(self.db)
        con.execute("INSERT INTO event(id, uuid, child_id, kind, start_at, utc_offset, note) "
                    "VALUES (5000, 'b5d1b1f0-0000-4000-8000-000000005000', 77, 'note', "
                    "1763000000, -18000, 'lost')")
        con.commit()
        con.close()

    def test_the_upgrade_moves_them_to_unknown_and_check_says_so(self):
        r = self.run_sl("check")
        self.assertIn("#5000: belongs to no child", r.out)
        self.assertIn("'unknown'", r.err)
        self.assertTrue(",unknown," in self.ok("export", SLEEPLOG_CHILD=None).out)
        self.ok("rm", "5000")
        self.assertEqual(self.query("SELECT count(*) FROM event WHERE id = 5000"), [(0,)])
        self.ok("undo")
        rows = self.query("SELECT c.name FROM event e JOIN child c ON c.id = e.child_id "
                          "WHERE e.id = 5000")
        self.assertEqual(rows, [("unknown",)])
        out = self.run_sl("check").out
        self.assertNotIn("belongs to no child", out)
        self.assertIn("repaired: the upgrade from schema version 1 moved 1 event of no child "
                      "(#5000) to the child 'unknown'", out)
        exported = self.ok("export", SLEEPLOG_CHILD=None).out
        self.assertTrue("5000,b5d1b1f0-0000-4000-8000-000000005000,unknown," in exported)


class FilesThatAreNotSleeplogs(SleeplogTest):
    def make(self, setup):
        os.makedirs(os.path.dirname(self.db), exist_ok=True)
        con = sqlite3.connect(self.db)
        con.executescript(setup)
        con.commit()
        con.close()

    def test_a_foreign_sqlite_file_is_refused_untouched(self):
        self.make("CREATE TABLE photos(id INTEGER PRIMARY KEY, path TEXT);"
                  "INSERT INTO photos(path) VALUES ('a.jpg');")
        digest = self.digest()
        for args in (["note", "x"], ["list"], ["child", "add", "Ada"]):
            r = self.fails(2, *args)
            self.assertIn("is a SQLite database, but not a sleeplog one", r.err)
            self.assertEqual(self.digest(), digest)
        self.assertEqual(self.query("PRAGMA journal_mode"), [("delete",)])
        tables = self.query("SELECT name FROM sqlite_schema WHERE type = 'table'")
        self.assertEqual(tables, [("photos",)])

    def test_an_empty_file_or_empty_sqlite_database_becomes_the_log(self):
        for setup in (None, "PRAGMA user_version = 0;"):
            with self.subTest(setup=setup):
                if os.path.exists(self.db):
                    os.unlink(self.db)
                if setup is None:
                    os.makedirs(os.path.dirname(self.db), exist_ok=True)
                    open(self.db, "w").close()
                else:
                    self.make(setup)
                self.ok("note", "x")
                self.assertEqual(self.query("PRAGMA user_version"), [(5,)])

    def test_versions_no_sleeplog_wrote_are_refused_clearly(self):
        self.log_worked_night()
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version = 2147483648")
        con.close()
        digest = self.digest()
        r = self.fails(2, "note", "x")
        self.assertNotIn("already exists", r.err)
        self.assertIn("not a sleeplog one", r.err)
        self.assertEqual(self.digest(), digest)
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version = 6")
        con.close()
        digest = self.digest()
        r = self.fails(1, "note", "x")
        self.assertIn("schema version 6, newer than this sleeplog understands", r.err)
        self.assertEqual(self.digest(), digest)


class StoredTextIsOneLineOfUtf8(SleeplogTest):
    def test_tag_words_and_notes_are_checked_at_entry(self):
        self.log_worked_night()
        for args in (["tag", "last", "a\udcff\udcfeb"], ["tag", "last", "x\x7fy"],
                     ["tag", "last", "sick", "--note", "line\nbreak"],
                     ["tag", "last", "sick", "--note", "a\udcffb"],
                     ["tag", "last", "sick", "--note", "esc\x1b[31m"]):
            with self.subTest(args=repr(args)):
                r = self.run_sl(*args, env={**self.env(), "LANG": "C.UTF-8"})
                self.assertEqual(r.code, 2, r)
        self.assertEqual(self.ok("tags", "--format", "json").out, "[]\n")
        self.ok("tag", "last", "sick", "--note", "temp 38.4 °C")

    def test_plan_positions_stage_nights_and_dates_are_checked(self):
        self.log_worked_night()
        cases = [
            (["plan", "start", "chair", "--positions", "cot\nhall,door"], "control character"),
            (["plan", "start", "chair", "--stage-nights", "0"], "--stage-nights 0"),
            (["plan", "start", "ferber", "--from", "0001-01-01"], "years 1900 to 2199"),
            (["plan", "start", "ferber", "--from", "9999-12-31"], "years 1900 to 2199"),
            (["plan", "start", "ferber", "--from", "-999999"], "years 1900 to 2199"),
            (["tag", "-999999", "sick"], "years 1900 to 2199"),
            (["tag", "0001-01-01", "sick"], "years 1900 to 2199"),
        ]
        digest = self.digest()
        for args, wording in cases:
            with self.subTest(args=args):
                r = self.fails(2, *args)
                self.assertIn(wording, r.err)
                self.assertNotIn("constraint", r.err.lower())
                self.assertEqual(self.digest(), digest)

    def test_a_bare_fading_start_is_the_evening_bedtime(self):
        self.log_worked_night()
        self.ok("plan", "start", "fading", "--start", "7:30", "--goal", "7")
        plans = self.ok("plan", "list", "--format", "json").json()
        self.assertIn("19:30", plans[0]["description"])
        self.assertIn("19:00", plans[0]["description"])
        self.ok("plan", "stop")
        self.ok("plan", "start", "fading", "--start", "20:30", "--goal", "07:30pm")
        plans = self.ok("plan", "list", "--format", "json").json()
        self.assertIn("20:30", plans[-1]["description"])


class ErrorsSayWhatWentWrong(SleeplogTest):
    def test_values_echoed_in_errors_are_cut_to_40_characters(self):
        huge = "x" * 1_000_000
        path = os.path.join(self.dir, "big.jsonl")
        with open(path, "w") as f:
            f.write('{"id":' + huge + "}\n")
        r = self.fails(2, "import", path)
        self.assertLess(len(r.err), 2000, r.err[:3000])
        self.assertIn("x" * 40 + "…", r.err)
        long_arg = "y" * 100_000
        r = self.fails(2, "-c", long_arg, "note", "x")
        self.assertLess(len(r.err), 2000)
        r = self.fails(2, "plan", "start", "fading", "--start", long_arg)
        self.assertLess(len(r.err), 2000)

    def test_hints_name_the_whole_command(self):
        r = self.fails(2, "plan", "hold", "--bogus")
        self.assertIn("sleeplog plan hold --help", r.err)
        r = self.fails(2, "plan", "start", "--bogus", "ferber")
        self.assertIn("sleeplog plan start --help", r.err)

    def test_a_child_added_by_a_failed_write_is_never_announced(self):
        r = self.fails(2, "tag", "1899-12-31", "sick")
        self.assertNotIn("'baby'", r.err)
        self.assertFalse(os.path.exists(self.db))
        r = self.ok("note", "x")
        self.assertIn("child called 'baby'", r.err)

    def test_a_new_chair_plan_is_not_told_to_advance(self):
        self.log_worked_night()
        self.ok("plan", "start", "chair")
        out = self.ok("plan", "review").out
        self.assertIn("too early to judge", out)
        self.assertFalse(out.startswith("advance"), out)

    def test_report_for_a_child_with_nothing_logged_says_so(self):
        self.ok("child", "add", "Ada")
        r = self.ok("report", "-c", "Ada")
        self.assertEqual(r.out, "Nothing logged yet for Ada.\n")
        self.assertEqual(self.ok("summary", "-c", "Ada").out, "Nothing logged yet for Ada.\n")


class IdCeiling(SleeplogTest):
    def test_an_id_above_2_53_minus_2_32_is_a_bad_row(self):
        ceiling = 2 ** 53 - 2 ** 32
        path = os.path.join(self.dir, "ids.csv")
        with open(path, "w") as f:
            f.write(HEADER + f"{ceiling + 1},,baby,,bed,2026-11-27T19:00:00-05:00,,,,\n")
        r = self.fails(2, "import", path)
        self.assertIn(f"ids.csv:2: id {ceiling + 1} is above 2^53 - 2^32", r.err)
        self.assertFalse(os.path.exists(self.db))
        with open(path, "w") as f:
            f.write(HEADER + f"{ceiling},,baby,,bed,2026-11-27T19:00:00-05:00,,,,\n")
        self.ok("import", path)
        self.ok("note", "after")
        # The next ids still fit a JSON number exactly.
        exported = self.ok("export", "--format", "json").out
        self.assertIn(f'"id":{ceiling + 1},', exported)
        self.assertLess(ceiling + 2 ** 32, 2 ** 53 + 1)


class AppImportsAcrossClockChanges(SleeplogTest):
    now = "2026-11-21T12:00:00-05:00"
    HUCK = "Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes\n"

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_a_wall_time_in_the_spring_forward_gap_is_a_bad_row(self):
        path = self.write("h.csv", self.HUCK +
                          "Sleep,2026-03-07 19:30,2026-03-08 02:30,,,,,\n"
                          "Sleep,2026-03-09 19:30,2026-03-10 06:30,,,,,\n")
        r = self.fails(2, "import", path, "--tz", "America/New_York")
        self.assertIn("h.csv:2:", r.err)
        self.assertIn("2026-03-08 02:30", r.err)
        self.assertIn("--tz", r.err)
        self.assertFalse(os.path.exists(self.db))
        self.ok("import", path, "--tz", "Europe/Berlin")

    def test_rows_imported_before_under_another_zone_are_reported(self):
        rows = "".join(f"Sleep,2026-10-{d:02} 19:30,2026-10-{d + 1:02} 06:30,,,,,\n"
                       for d in range(1, 13))
        path = self.write("h.csv", self.HUCK + rows)
        self.ok("import", path, "--tz", "America/New_York")
        digest = self.digest()
        r = self.fails(2, "import", path, "--tz", "America/Chicago")
        self.assertIn("12 rows already imported with offset \u221204:00; this import reads them "
                      "with offset \u221205:00", r.err)
        self.assertIn("undo", r.err)
        self.assertEqual(self.digest(), digest)
        out = self.ok("import", path, "--tz", "America/New_York").out
        self.assertIn("already imported", out)


class PlanStopKeepsHistory(SleeplogTest):
    now = "2026-11-21T12:00:00-05:00"

    def test_stop_from_before_a_running_plan_is_refused(self):
        self.ok("note", "x")
        self.ok("plan", "start", "ferber", "--from", "2026-11-15")
        self.ok("plan", "hold", "--nights", "2")
        r = self.fails(2, "plan", "stop", "--from", "2026-11-10")
        self.assertIn("would delete its plan nights", r.err)
        self.assertIn("`sleeplog plan stop` without --from", r.err)
        self.assertEqual(self.query("SELECT count(*) FROM plan"), [(1,)])
        self.assertEqual(self.query("SELECT count(*) FROM plan_hold"), [(1,)])
        self.ok("plan", "stop")
        self.assertEqual(self.query("SELECT from_night, until_night FROM plan"),
                         [("2026-11-15", "2026-11-20")])

    def test_stop_from_before_a_plan_still_ahead_removes_it(self):
        self.ok("note", "x")
        self.ok("plan", "start", "ferber", "--from", "2026-11-25")
        self.ok("plan", "stop", "--from", "2026-11-22")
        self.assertEqual(self.query("SELECT count(*) FROM plan"), [(0,)])


class ReportFiles(SleeplogTest):
    def test_an_upper_case_md_extension_writes_markdown(self):
        self.log_worked_night()
        out = os.path.join(self.dir, "r.MD")
        self.ok("report", "-o", out)
        text = open(out, encoding="utf-8").read()
        self.assertFalse(text.lstrip().startswith("<"), text[:80])
        self.assertTrue(text.startswith("#"), text[:80])

    def test_a_global_format_the_report_cannot_write_is_refused(self):
        self.log_worked_night()
        r = self.fails(2, "--format", "json", "report")
        self.assertIn("report prints html or md, not 'json'", r.err)

    def test_a_killed_report_leaves_no_partial_file(self):
        self.log_worked_night()
        out = os.path.join(self.dir, "r.html")
        for _ in range(20):
            proc = subprocess.Popen([BIN, "report", "-o", out], env=self.env(),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0, 0.05))
            proc.kill()
            proc.wait()
        self.assertEqual([n for n in os.listdir(self.dir) if "partial" in n], [])


if __name__ == "__main__":
    main()
