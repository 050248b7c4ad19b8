"""End-to-end: export and import round trips, malformed files, idempotency, undo, and the
five other apps' exports."""

import csv
import io
import json
import os
import shutil

from harness import SOURCE, SleeplogTest, main

DATA = os.path.join(SOURCE, "tests", "data")
HEADER = "id,uuid,child,night,kind,start,end,duration_s,by,note"
NIGHTS_HEADER = ("night,child,bedtime,asleep,sol_min,wakings,waso_min,final_wake,up,twak_min,"
                 "tib_min,tst_min,se_pct,longest_stretch_min,cry_min,cry_episodes,checkins,"
                 "checkin_min,feeds,naps,nap_min,sleep_24h_min,complete,concern,concern_reasons,tags,"
                 "self_settled,response_min,plan,plan_night,adherence_pct,nap_cry_min,nap_checkins,tag_notes")

# Notes that stress CSV and the formula guard: every guarded first character, quotes,
# commas, newlines (LF, CRLF), emoji, and text that already looks guarded.
TRICKY = ["=SUM(A1:A2)", "+1 more", "-10 minutes", "@mention", "\tindented", "\rcarriage",
          "a, b and \"c\"", "line one\nline two\r\nline three", "sleepy \U0001F634 baby",
          "'=already quoted", "''double", "plain"]


class Exchange(SleeplogTest):
    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        path = self.path(name)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def other_db(self, name):
        return {"SLEEPLOG_DB": self.path(name)}

    def log_tricky_history(self):
        self.log_worked_night()
        for i, note in enumerate(TRICKY):
            self.ok("feed", "2026-11-27", f"20:{i:02d}", "--for", "1m", f"--note={note}",
                    f"--by={TRICKY[(i + 3) % len(TRICKY)]}")
        self.ok("child", "add", "=Max")
        self.ok("nap", "2026-11-27", "11:00", "2026-11-27", "11:20", "--child", "=Max")
        self.ok("config", "default-child", "baby")

    def count(self, path=None):
        return self.query("SELECT count(*) FROM event", path=path)[0][0]

    # --- round trips ---------------------------------------------------------------

    def export_bytes(self, name, *args, **env):
        """Exports to a file (no newline translation on the way) and returns its bytes."""
        path = self.path(name)
        self.ok("export", *args, "-o", path, **env)
        with open(path, "rb") as f:
            return f.read()

    def round_trip(self, fmt):
        self.log_tricky_history()
        first = self.export_bytes("out." + fmt)
        r = self.ok("import", self.path("out." + fmt), **self.other_db("copy.db"))
        self.assertIn(f"Imported {self.count()} events", r.out)
        self.assertEqual(self.export_bytes("again." + fmt, **self.other_db("copy.db")), first)
        return first.decode()

    def test_csv_round_trip_is_byte_identical(self):
        text = self.round_trip("csv")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertTrue(all(len(row) == 10 for row in rows))
        notes = {row[9] for row in rows[1:]}
        for note in TRICKY:
            guarded = "'" + note if note.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r") else note
            self.assertIn(guarded, notes)
        self.assertIn("'=Max", {row[2] for row in rows})
        self.assertIn("'-10 minutes", {row[8] for row in rows})

    def test_jsonl_round_trip_is_byte_identical(self):
        text = self.round_trip("jsonl")
        notes = {json.loads(line)["note"] for line in text.split("\n") if line}
        self.assertTrue(set(TRICKY) <= notes)

    def test_json_array_imports_too(self):
        self.log_tricky_history()
        first = self.export_bytes("out.csv")
        self.export_bytes("out.json")
        self.ok("import", self.path("out.json"), **self.other_db("copy.db"))
        self.assertEqual(self.export_bytes("again.csv", **self.other_db("copy.db")), first)

    def test_two_thousand_nights_round_trip(self):
        self.ok("demo", "--nights", "2000")
        for fmt in ("csv", "jsonl"):
            first = self.export_bytes("big." + fmt)
            target = self.other_db(fmt + ".db")
            r = self.ok("import", self.path("big." + fmt), **target)
            self.assertRegex(r.out, r"^Imported 1\d,\d{3} events \(2,000 nights, 4,000 naps, [\d,]+ wakings\) "
                                    r"for baby from .*big\.\w+; ([\d,]+) rows: \1 imported\n$")
            self.assertEqual(self.export_bytes("again." + fmt, **target), first)

    def test_import_from_stdin(self):
        self.log_worked_night()
        text = self.ok("export").out
        r = self.ok("import", "-", input=text, **self.other_db("copy.db"))
        self.assertEqual(r.out, "Imported 10 events (1 night, 2 naps, 3 wakings) for baby from stdin; "
                                "10 rows: 10 imported\n")

    # --- exports read by Python's csv module --------------------------------------

    def test_every_export_has_the_header_column_count_on_every_row(self):
        self.log_tricky_history()
        outputs = [(self.export_bytes("e.csv", "--events").decode(), HEADER),
                   (self.export_bytes("n.csv", "--nights").decode(), NIGHTS_HEADER),
                   (self.ok("list", "--format", "csv").out, HEADER),
                   (self.ok("nights", "--format", "csv").out, NIGHTS_HEADER)]
        for text, header in outputs:
            rows = list(csv.reader(io.StringIO(text, newline="")))
            self.assertEqual(",".join(rows[0]), header)
            self.assertGreater(len(rows), 1)
            self.assertTrue(all(len(row) == len(rows[0]) for row in rows), rows)

    def test_an_empty_export_is_a_header_alone(self):
        self.assertEqual(self.ok("export").out, HEADER + "\n")
        self.assertEqual(self.ok("export", "--nights").out, NIGHTS_HEADER + "\n")
        self.log_worked_night()
        out = self.ok("export", "--since", "2026-01-01", "--until", "2026-01-31").out
        self.assertEqual(list(csv.reader(io.StringIO(out, newline=""))), [HEADER.split(",")])

    # --- malformed files -----------------------------------------------------------

    MALFORMED = [
        ("unbalanced quote", HEADER + "\n1,a,baby,,note,2026-11-27T19:00:00-05:00,,,,\"open\n", 2,
         "unbalanced quote"),
        ("wrong column count", HEADER + "\n1,a,baby,,note,2026-11-27T19:00:00-05:00,,,\n2,b,baby,,bed,"
         "2026-11-27T19:00:00-05:00,,,,\n", 2, "wrong column count: 9 cells, the header has 10"),
        ("bad time", HEADER + "\n1,a,baby,,bed,2026-11-27 7pm,,,,\n", 2, "bad time '2026-11-27 7pm' in start"),
        ("end before start", HEADER + "\n1,a,baby,,nap,2026-11-27T13:00:00-05:00,2026-11-27T12:00:00-05:00,,,\n",
         2, "end before start"),
        ("unknown kind", HEADER + "\n1,a,baby,,bed,2026-11-27T19:00:00-05:00,,,,\n2,b,baby,,snooze,"
         "2026-11-27T19:00:00-05:00,,,,\n", 3, "unknown kind 'snooze'"),
        ("duplicate uuid", HEADER + "\n1,a,baby,,bed,2026-11-27T19:00:00-05:00,,,,\n2,a,baby,,up,"
         "2026-11-28T06:00:00-05:00,,,,\n", 3, "duplicate uuid 'a'"),
        ("truncated last line", HEADER + "\n1,a,baby,,bed,2026-11-27T19:00:00-05:00,,,,\n2,b,baby,,up,2026-11",
         3, "truncated last line: 6 cells, the header has 10"),
        ("empty file", "", 1, "empty file: no header"),
        ("binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 1, "binary data (not a text file)"),
        ("binary with NUL", b"\x00\x01ELF", 1, "binary data (NUL byte)"),
        ("bad JSON line", '{"kind":"bed","start":"2026-11-27T19:00:00-05:00"}\n{"kind":"up",\n', 2,
         "the object is not closed"),
        ("app row", "Begin time,End time\n03/07/2020 8:00:00 PM,03/08/2020 7:00:00 AM\n"
         "03/08/2020 8:00:00 PM,03/08/2020 7:00:00 PM\n", 3, "end before start"),
    ]

    def test_malformed_files_exit_2_naming_the_line_and_change_nothing(self):
        self.log_worked_night()
        before = self.digest()
        for name, content, line, problem in self.MALFORMED:
            with self.subTest(name):
                path = self.write("bad.csv", content)
                r = self.fails(2, "import", path)
                self.assertIn(f"sleeplog: error: {path}:{line}: {problem}", r.err)
                self.assertIn("nothing was imported", r.err)
                self.assertEqual(r.out, "")
                self.assertEqual(self.digest(), before)
                self.fails(2, "import", path, "--dry-run")
                self.assertEqual(self.digest(), before)

    def test_malformed_file_into_no_database_leaves_none(self):
        path = self.write("bad.csv", HEADER + "\n1,a,baby,,bed,soon,,,,\n")
        self.fails(2, "import", path)
        self.assertIsNone(self.digest())

    def test_every_bad_row_is_reported_up_to_twenty(self):
        rows = "".join(f"{i},u{i},baby,,bed,never,,,,\n" for i in range(1, 31))
        path = self.write("bad.csv", HEADER + "\n" + rows)
        r = self.fails(2, "import", path)
        lines = r.err.splitlines()
        self.assertEqual(lines[0], f"sleeplog: error: {path}:2: bad time 'never' in start "
                                   "(expected ISO 8601 with offset, e.g. 2026-11-27T19:32:00-05:00)")
        self.assertEqual(lines[19].split(": bad")[0], f"sleeplog: error: {path}:21")
        self.assertEqual(lines[20], f"sleeplog: error: {path}: and 10 more problems")
        self.assertEqual(lines[21], f"sleeplog: error: {path}: 30 bad rows; nothing was imported")

    def test_usage_errors(self):
        path = self.write("x.csv", HEADER + "\n")
        r = self.fails(2, "import", path, "--from", "snoozly")
        self.assertIn("babyconnect", r.err)
        self.fails(2, "import", path, "--tz", "Mars/Olympus")
        r = self.fails(2, "import", self.path("missing.csv"))
        self.assertIn("cannot read", r.err)
        r = self.fails(2, "import", self.write("y.csv", "Date,What\n1,2\n"))
        self.assertIn("y.csv:1: not a file sleeplog can read", r.err)

    # --- idempotency, undo, dry run --------------------------------------------------

    def test_reimporting_adds_nothing(self):
        self.log_worked_night()
        exported = self.write("out.csv", self.ok("export").out)
        self.ok("import", exported, **self.other_db("copy.db"))
        for path in (exported, os.path.join(DATA, "glow.csv")):
            self.ok("import", path, **self.other_db("copy.db"))
            before = self.digest(self.path("copy.db"))
            r = self.ok("import", path, **self.other_db("copy.db"))
            self.assertTrue(r.out.startswith("Imported 0 events (0 nights, 0 naps, 0 wakings) from"), r.out)
            # Every row is counted, each as already imported.
            self.assertRegex(r.out, r"; (\d+) rows: 0 imported, \1 already imported\n$")
            self.assertEqual(self.digest(self.path("copy.db")), before)
        self.assertEqual(self.count(self.path("copy.db")), 10 + 9)

    def test_undo_removes_a_whole_import(self):
        self.log_worked_night()
        listing = self.ok("list", "--format", "json").out
        self.ok("config", "default-child", "baby")
        self.ok("import", os.path.join(DATA, "huckleberry.csv"), "--child", "Lou")
        self.assertEqual(self.count(), 10 + 13)
        r = self.ok("undo")
        self.assertIn("import", r.out)
        self.assertEqual(self.count(), 10)
        self.assertEqual(self.ok("list", "--format", "json").out, listing)
        # A re-import that adds nothing is no change of its own: undo reaches the import.
        self.ok("import", os.path.join(DATA, "huckleberry.csv"), "--child", "Lou")
        self.ok("import", os.path.join(DATA, "huckleberry.csv"), "--child", "Lou")
        self.ok("undo")
        self.assertEqual(self.count(), 10)

    def test_dry_run_writes_nothing(self):
        path = os.path.join(DATA, "babytracker.csv")
        r = self.ok("import", path, "--dry-run")
        self.assertEqual(r.out, f"Would import 8 events (2 nights, 2 naps, 1 waking) for Max from {path}; "
                                "6 rows: 5 to import, 1 unfinished\n")
        self.assertIsNone(self.digest())
        self.log_worked_night()
        before = self.digest()
        self.ok("import", path, "--dry-run")
        self.assertEqual(self.digest(), before)

    def test_crlf_and_bom_are_accepted(self):
        self.log_worked_night()
        text = self.ok("export").out
        path = self.write("win.csv", "\ufeff" + text.replace("\n", "\r\n"))
        # Notes hold no newline here, so CRLF only ends rows.
        self.ok("import", path, **self.other_db("copy.db"))
        self.assertEqual(self.ok("export", **self.other_db("copy.db")).out, text)

    # --- other apps --------------------------------------------------------------------

    def nights_rows(self, **env):
        out = self.ok("nights", "--since", "2019-01-01", "--until", "2021-12-31", "--format", "csv", **env).out
        return [{k: row[k] for k in ("night", "asleep", "wakings", "waso_min", "up", "tst_min", "naps", "nap_min",
                                     "bedtime", "sol_min", "tib_min", "se_pct")}
                for row in csv.DictReader(io.StringIO(out, newline=""))]

    def check_fixture(self, name, summary, nights, *args):
        path = os.path.join(DATA, name)
        r = self.ok("import", path, *args)
        self.assertEqual(r.out, summary.replace("FILE", path) + "\n")
        rows = self.nights_rows()
        got = [(n["night"], n["asleep"][11:16], int(n["wakings"]), int(n["waso_min"]), n["up"][11:],
                int(n["tst_min"]), int(n["naps"]) if n["naps"] else None,
                int(n["nap_min"]) if n["nap_min"] else None) for n in rows]
        self.assertEqual(got, nights)
        # No bed is invented, so what depends on it stays empty.
        self.assertTrue(all(n["bedtime"] == n["sol_min"] == n["tib_min"] == n["se_pct"] == "" for n in rows))

    def test_huckleberry_fixture(self):
        self.check_fixture(
            "huckleberry.csv",
            "Imported 13 events (3 nights, 3 naps, 2 wakings) for baby from FILE; 10 rows: 8 imported, 2 not sleep",
            # The file starts at 19:30: that first day's naps were never logged, so unknown.
            [("2020-10-30", "19:30", 1, 25, "06:40:00-04:00", 645, None, None),
             # clocks go back: 19:15 EDT to 06:30 EST is 12 h 15 on the wall, 13 h 15 slept through
             ("2020-10-31", "19:15", 1, 30, "06:30:00-05:00", 705, 2, 135),
             ("2020-11-01", "19:00", 0, 0, "06:45:00-05:00", 705, 1, 60)])

    def test_babybuddy_fixture(self):
        self.check_fixture(
            "babybuddy.csv",
            "Imported 15 events (3 nights, 3 naps, 3 wakings) for Ada from FILE; 9 rows: 9 imported",
            [("2020-03-06", "19:00", 0, 0, "06:30:00-05:00", 690, None, None),
             # clocks go forward: woke 01:30 EST, asleep 03:15 EDT is a 45 min waking
             ("2020-03-07", "19:30", 1, 45, "07:00:00-04:00", 585, 2, 90),
             ("2020-03-08", "19:00", 2, 60, "06:50:00-04:00", 650, 1, 120)])
        events = self.ok("list", "--since", "2020-03-07", "--until", "2020-03-07", "--format", "json").json()
        self.assertEqual([(e["kind"], e["start"][11:16], e["note"]) for e in events],
                         [("nap", "09:00", None), ("nap", "17:00", "catnap in the car"), ("asleep", "19:30", None),
                          ("woke", "01:30", None), ("asleep", "03:15", "clocks went forward"), ("up", "07:00", None)])

    def test_babytracker_fixture(self):
        self.check_fixture(
            "babytracker.csv",
            "Imported 8 events (2 nights, 2 naps, 1 waking) for Max from FILE; 6 rows: 5 imported, 1 unfinished",
            # 01:15 EST plus 330 min is 07:45 EDT: durations are absolute.
            [("2020-03-07", "19:45", 1, 45, "07:45:00-04:00", 615, None, None),
             ("2020-03-08", "20:10", 0, 0, "06:50:00-04:00", 640, 2, 135)])

    def test_glow_fixture(self):
        self.check_fixture(
            "glow.csv",
            "Imported 9 events (2 nights, 3 naps, 1 waking) for Wren from FILE; 6 rows: 6 imported",
            [("2019-11-02", "19:30", 1, 40, "06:15:00-05:00", 665, 1, 90),
             ("2019-11-03", "19:00", 0, 0, "06:30:00-05:00", 690, 2, 145)],
            "--from", "glow", "--child", "Wren")

    def test_tz_reads_wall_times_elsewhere(self):
        path = os.path.join(DATA, "glow.csv")
        self.ok("import", path, "--tz", "Europe/London")
        first = self.ok("list", "--since", "2019-11-01", "--format", "json").json()[0]
        # 13:00 in London, kept with London's offset then (an event keeps the offset in force where it happened).
        self.assertEqual((first["kind"], first["start"]), ("nap", "2019-11-02T13:00:00+00:00"))

    def test_babyconnect_real_export(self):
        path = os.path.join(DATA, "babyconnect-eva.csv")
        r = self.ok("import", path, "--tz", "America/Los_Angeles", "--child", "Eva", TZ="America/Los_Angeles")
        self.assertEqual(r.out, f"Imported 2,550 events (360 nights, 1,160 naps, 323 wakings) for Eva from {path}; "
                                "4,207 rows: 1,855 imported, 2,348 not sleep, 1 unfinished, 2 overlapping, 1 inside a longer row\n")
        self.assertEqual(self.query("SELECT kind, count(*) FROM event GROUP BY kind ORDER BY kind"),
                         [("asleep", 372 + 323), ("nap", 1160), ("up", 372), ("woke", 323)])
        self.assertEqual(self.query("SELECT count(DISTINCT by_name) FROM event"), [(2,)])
        env = {"TZ": "America/Los_Angeles"}
        rows = self.nights_rows(**env)
        self.assertEqual(len(rows), 360)
        # The last night of the file: 19:47 to 07:20, one stretch; a nap of 33 min that day.
        self.assertEqual(rows[-1], {"night": "2020-12-12", "asleep": "2020-12-12T19:47:00-08:00", "wakings": "0",
                                    "waso_min": "0", "up": "2020-12-13T07:20:00-08:00", "tst_min": "693",
                                    "naps": "1", "nap_min": "33", "bedtime": "", "sol_min": "",
                                    "tib_min": "", "se_pct": ""})
        # The spring-forward night: 20:04-20:30, 21:26-22:19, then 22:56 PST to 07:55 PDT, which is
        # 479 minutes, as the app's own Duration column says.
        dst = next(n for n in rows if n["night"] == "2020-03-07")
        self.assertEqual((dst["asleep"][11:16], dst["wakings"], dst["waso_min"], dst["up"][11:], dst["tst_min"]),
                         ("20:04", "2", "93", "07:55:00-07:00", str(26 + 53 + 479)))
        text = self.ok("nights", "--since", "2020-12-06", "--until", "2020-12-12", **env).out
        self.assertIn("Sat 12 Dec", text)
        self.assertIn("07:20", text)
        trend = self.ok("trend", "--weeks", "4", **env).out
        self.assertIn("Trend for Eva", trend)
        again = self.ok("import", path, "--tz", "America/Los_Angeles", "--child", "Eva", TZ="America/Los_Angeles")
        self.assertIn("Imported 0 events", again.out)


if __name__ == "__main__":
    main()
