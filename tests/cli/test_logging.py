"""End-to-end: logging a night, reading it back, bad input, undo, children."""

import os
import sqlite3
import subprocess

from harness import BIN, SleeplogTest, main


class LogNight(SleeplogTest):
    def test_full_night_reads_back_as_json(self):
        self.log_worked_night()
        self.ok("cry", "23:11", "23:20", "--by", "Sam")
        self.ok("checkin", "2:05", "--for", "3m", "--note", "quiet voice")
        events = self.ok("list", "--format", "json").json()
        kinds = [(e["kind"], e["start"], e["end"]) for e in events]
        self.assertEqual(kinds, [
            ("nap", "2026-11-27T09:30:00-05:00", "2026-11-27T10:15:00-05:00"),
            ("nap", "2026-11-27T13:00:00-05:00", "2026-11-27T14:30:00-05:00"),
            ("bed", "2026-11-27T19:00:00-05:00", None),
            ("asleep", "2026-11-27T19:20:00-05:00", None),
            ("woke", "2026-11-27T23:10:00-05:00", None),
            ("cry", "2026-11-27T23:11:00-05:00", "2026-11-27T23:20:00-05:00"),
            ("asleep", "2026-11-27T23:25:00-05:00", None),
            ("woke", "2026-11-28T02:00:00-05:00", None),
            ("checkin", "2026-11-28T02:05:00-05:00", "2026-11-28T02:08:00-05:00"),
            ("asleep", "2026-11-28T02:40:00-05:00", None),
            ("woke", "2026-11-28T06:10:00-05:00", None),
            ("up", "2026-11-28T06:30:00-05:00", None),
        ])
        self.assertTrue(all(e["night"] == "2026-11-27" for e in events))
        self.assertTrue(all(e["child"] == "baby" for e in events))
        cry = events[5]
        self.assertEqual((cry["duration_s"], cry["by"]), (540, "Sam"))
        self.assertEqual(events[8]["note"], "quiet voice")
        self.assertEqual(len({e["uuid"] for e in events}), 12)
        self.assertEqual(sorted(e["id"] for e in events), list(range(1, 13)))

    def test_confirmation_names_id_time_and_night(self):
        r = self.ok("bed", "19:32")
        self.assertEqual(r.out, "#1 bed 19:32 \u00b7 night of Fri 27 Nov\n")
        self.assertIn("child called 'baby'", r.err)
        r = self.ok("woke", "0:40")
        self.assertEqual(r.out, "#2 woke 00:40 \u00b7 night of Fri 27 Nov\n")
        r = self.ok("nap", "2026-11-27", "23:50", "00:20")
        self.assertEqual(r.out, "#3 nap 23:50\u201300:20 (30m) \u00b7 night of Fri 27 Nov\n")

    def test_ascii_confirmation_without_utf8_locale(self):
        r = self.ok("bed", "19:32", LANG="C")
        self.assertEqual(r.out, "#1 bed 19:32 - night of Fri 27 Nov\n")

    def test_asleep_and_up_close_what_is_open(self):
        self.ok("bed", "19:00")
        self.ok("cry", "start", "19:05")
        self.ok("checkin", "start", "19:10")
        r = self.ok("asleep", "19:30")
        self.assertIn("ended cry #2, checkin #3", r.out)
        self.ok("nap", "start", "6:00")
        r = self.ok("up", "6:30")
        self.assertIn("ended nap #5", r.out)
        ends = dict(self.query("SELECT id, end_at - start_at FROM event WHERE end_at IS NOT NULL"))
        self.assertEqual(ends, {2: 25 * 60, 3: 20 * 60, 5: 30 * 60})

    def test_start_and_stop(self):
        self.ok("cry", "start", "-20m")
        self.fails(2, "cry", "start")  # one already open
        r = self.ok("cry", "stop", "-5m")
        self.assertEqual(r.out, "#1 cry 06:40\u201306:55 (15m) \u00b7 night of Fri 27 Nov\n")
        self.fails(2, "cry", "stop")  # none open
        self.ok("cry", "start", "-4m")
        self.assertIn("after", self.fails(2, "cry", "stop", "-10m").err)  # before it began
        self.assertIn("--for does not go", self.fails(2, "cry", "stop", "--for", "2m").err)

    def test_interval_for_duration_ends_now(self):
        r = self.ok("feed", "--for", "15m")
        self.assertEqual(r.out, "#1 feed 06:45\u201307:00 (15m) \u00b7 night of Fri 27 Nov\n")

    def test_note_keeps_text(self):
        self.ok("note", "teething,", "gave \"cold\" teether", "--at", "yesterday 21:00")
        events = self.ok("list", "--format", "json").json()
        self.assertEqual(events[0]["note"], 'teething, gave "cold" teether')
        self.assertEqual(events[0]["start"], "2026-11-27T21:00:00-05:00")

    def test_by_defaults_from_environment(self):
        self.ok("bed", "19:00", SLEEPLOG_BY="Alex")
        self.assertEqual(self.query("SELECT by_name FROM event"), [("Alex",)])

    def test_ambiguous_fall_back_time_warns_and_takes_the_most_recent(self):
        r = self.ok("woke", "2026-11-01", "01:30")
        self.assertIn("took the second 01:30 (-05:00)", r.err)
        self.assertEqual(self.query("SELECT start_at, utc_offset FROM event"),
                         [(1793514600, -5 * 3600)])

    def test_list_csv_header_and_columns(self):
        self.ok("bed", "19:00")
        lines = self.ok("list", "--format", "csv").out.splitlines()
        self.assertEqual(lines[0], "id,uuid,child,night,kind,start,end,duration_s,by,note")
        self.assertRegex(lines[1], r"^1,[0-9a-f-]{36},baby,2026-11-27,bed,2026-11-27T19:00:00-05:00,,,,$")


class BadInput(SleeplogTest):
    """Every bad input exits 2, names the problem, and leaves the database untouched."""

    cases = [
        (["bed", "25:00"], "cannot read time"),
        (["bed", "tomorrow"], "cannot read time"),
        (["bed", "2026-11-29", "19:00"], "future"),
        (["bed", "2026-03-08", "02:30"], "does not exist"),
        (["nap", "1:00", "1:30", "extra"], "unexpected"),
        (["nap", "2026-11-26", "13:00", "2026-11-27", "14:00"], "24 h"),
        (["nap", "14:00", "2026-11-27", "13:00"], "before"),
        (["cry", "--for", "3mo"], "--for"),
        (["cry", "-5m", "--for", "10m"], "future"),
        (["bed", "19:00", "--for", "10m"], "--for"),
        (["asleep", "--child", "nobody"], "no child named"),
        (["edit", "999", "--note", "x"], "no event #999"),
        (["edit", "1"], "nothing to change"),
        (["edit", "1", "--end", "20:00"], "no end"),
        (["rm", "999"], "no event #999"),
        (["list", "--kind", "sleep"], "unknown kind"),
        (["config", "night-boundary", "25:00"], "not valid"),
        (["config", "colour", "x"], "unknown setting"),
        (["bedd"], "unknown command"),
        (["list", "--lsat", "3"], "--lsat"),
        (["--format", "xml", "list"], "unknown format"),
        (["demo"], "empty database"),
    ]

    def test_each_bad_input_exits_2_and_changes_nothing(self):
        self.ok("bed", "19:00")
        before = self.digest()
        for args, message in self.cases:
            with self.subTest(args=args):
                r = self.fails(2, *args)
                self.assertIn(message, r.err)
                self.assertEqual(r.out, "")
                self.assertEqual(self.digest(), before)

    def test_unparseable_time_lists_accepted_forms(self):
        r = self.fails(2, "woke", "half past two")
        self.assertIn("21:30", r.err)
        self.assertIn("ago", r.err)

    def test_did_you_mean(self):
        self.assertIn("did you mean 'child'?", self.fails(2, "chlid", "list").err)
        self.assertIn("did you mean --last?", self.fails(2, "list", "--lsat", "3").err)

    def test_bad_input_on_missing_database_creates_nothing(self):
        self.fails(2, "bed", "25:00")
        self.fails(2, "asleep", "--child", "nobody")
        self.assertFalse(os.path.exists(self.db))

    def test_bad_sleeplog_now(self):
        self.fails(2, "status", SLEEPLOG_NOW="yesterday")


class ReadOnly(SleeplogTest):
    def test_read_commands_on_missing_database_create_nothing(self):
        for args in (["status"], ["list"], ["nights"], ["child", "list"], ["config"],
                     ["list", "--format", "json"], ["export"]):
            with self.subTest(args=args):
                r = self.ok(*args)
                self.assertFalse(os.path.exists(self.db))
                self.assertFalse(os.path.exists(os.path.dirname(self.db)))
        self.assertIn("Nothing logged yet", self.ok("status").out)
        self.assertEqual(self.ok("list", "--format", "json").out, "[]\n")
        self.assertEqual(self.ok("list", "--format", "csv").out,
                         "id,uuid,child,night,kind,start,end,duration_s,by,note\n")

    def test_read_commands_leave_the_file_and_folder_unchanged(self):
        self.log_worked_night()
        before = self.digest()
        listing = sorted(os.listdir(os.path.dirname(self.db)))
        for args in (["status"], ["list"], ["nights"], ["child", "list"], ["config"]):
            self.ok(*args)
        self.assertEqual(self.digest(), before)
        self.assertEqual(sorted(os.listdir(os.path.dirname(self.db))), listing)

    def test_modes(self):
        self.ok("bed", "19:00")
        self.assertEqual(os.stat(os.path.dirname(self.db)).st_mode & 0o777, 0o700)
        self.assertEqual(os.stat(self.db).st_mode & 0o777, 0o600)
        backup = os.path.join(self.dir, "copy.db")
        self.ok("backup", backup)
        self.assertEqual(os.stat(backup).st_mode & 0o777, 0o600)
        self.assertEqual(self.query("SELECT kind FROM event", path=backup), [("bed",)])
        self.fails(2, "backup", backup)  # never overwrites

    def test_xdg_path(self):
        r = self.run_sl("bed", "19:00", SLEEPLOG_DB=None, XDG_DATA_HOME=os.path.join(self.dir, "xdg"))
        self.assertEqual(r.code, 0, r)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "xdg", "sleeplog", "sleeplog.db")))
        r = self.run_sl("bed", "19:00", SLEEPLOG_DB=None)
        self.assertTrue(os.path.exists(os.path.join(self.dir, ".local/share/sleeplog/sleeplog.db")))
        other = os.path.join(self.dir, "flag.db")
        self.ok("--db", other, "bed", "19:00")
        self.assertEqual(self.query("SELECT count(*) FROM event", path=other), [(1,)])


class Schema(SleeplogTest):
    def test_wal_and_version(self):
        self.ok("bed", "19:00")
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("PRAGMA journal_mode").fetchone()[0], "wal")
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], 5)
        con.close()

    def test_future_schema_is_refused_and_left_unchanged(self):
        self.ok("bed", "19:00")
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version = 99")
        con.commit()
        con.close()
        before = self.digest()
        for args in (["status"], ["woke", "23:00"], ["list"], ["undo"]):
            with self.subTest(args=args):
                r = self.run_sl(*args)
                self.assertEqual(r.code, 1, r)
                self.assertIn("newer than this sleeplog", r.err)
                self.assertEqual(self.digest(), before)

    def test_not_a_database(self):
        os.makedirs(os.path.dirname(self.db))
        with open(self.db, "wb") as f:
            f.write(b"this is not sqlite" * 100)
        before = self.digest()
        for args in (["status"], ["bed", "19:00"]):
            r = self.run_sl(*args)
            self.assertEqual(r.code, 1, r)
            self.assertIn("sleeplog: error:", r.err)
        self.assertEqual(self.digest(), before)

    def test_path_is_a_directory(self):
        os.makedirs(self.db)
        r = self.run_sl("bed", "19:00")
        self.assertEqual(r.code, 1, r)
        self.assertIn("directory", r.err)


class Undo(SleeplogTest):
    def rows(self):
        return self.query("SELECT id, kind, start_at, end_at, note FROM event ORDER BY id")

    def test_undo_after_add_edit_and_rm(self):
        self.ok("bed", "19:00")
        self.ok("cry", "19:05", "19:15")
        after_add = self.rows()
        self.ok("asleep", "19:30")
        self.ok("undo")
        self.assertEqual(self.rows(), after_add)
        self.ok("edit", "2", "--at", "19:02", "--end", "19:20", "--note", "hard")
        self.assertNotEqual(self.rows(), after_add)
        r = self.ok("undo")
        self.assertIn("restored 1 event", r.out)
        self.assertEqual(self.rows(), after_add)
        self.ok("rm", "1", "2")
        self.assertEqual(self.rows(), [])
        self.ok("undo")
        self.assertEqual(self.rows(), after_add)
        self.ok("undo")
        self.ok("undo")
        self.assertEqual(self.rows(), [])
        r = self.fails(2, "undo")
        self.assertIn("nothing to undo", r.err)

    def test_undo_of_asleep_reopens_what_it_closed(self):
        self.ok("bed", "19:00")
        self.ok("cry", "start", "19:05")
        self.ok("asleep", "19:30")
        self.ok("undo")
        self.assertEqual(self.query("SELECT kind, end_at FROM event ORDER BY id"),
                         [("bed", None), ("cry", None)])


class Children(SleeplogTest):
    def test_two_children_kept_apart(self):
        self.ok("child", "add", "Ada", "--born", "2026-03-14")
        self.ok("child", "add", "Ben")
        self.fails(2, "bed", "19:00")  # which one?
        self.ok("--child", "Ada", "bed", "19:00")
        self.ok("bed", "19:30", SLEEPLOG_CHILD="Ben")
        self.ok("-c", "Ben", "asleep", "19:45")
        ada = self.ok("-c", "Ada", "list", "--format", "json").json()
        ben = self.ok("-c", "Ben", "list", "--format", "json").json()
        self.assertEqual([(e["child"], e["kind"]) for e in ada], [("Ada", "bed")])
        self.assertEqual([(e["child"], e["kind"]) for e in ben], [("Ben", "bed"), ("Ben", "asleep")])
        self.ok("child", "default", "Ben")
        self.assertEqual(len(self.ok("list", "--format", "json").json()), 2)
        self.ok("child", "rename", "Ben", "Benjamin")
        self.assertEqual(self.ok("child", "list", "--names").out, "Ada\nBenjamin\n")
        self.assertEqual(self.ok("config", "default-child").out, "Benjamin\n")
        self.fails(2, "child", "add", "Ada")
        self.fails(2, "child", "rename", "Nobody", "X")


class BerlinDst(SleeplogTest):
    tz = "Europe/Berlin"
    now = "2026-10-25T08:00:00+01:00"

    def test_night_across_fall_back(self):
        self.ok("bed", "2026-10-24", "19:00")
        self.ok("asleep", "19:30")
        r = self.ok("woke", "02:30")
        self.assertIn("warning", r.err)
        self.ok("asleep", "03:00")
        self.ok("up", "6:30")
        events = self.ok("list", "--format", "json").json()
        # 02:30 happened twice; the most recent (+01:00) is taken.
        self.assertEqual([e["start"][-6:] for e in events],
                         ["+02:00", "+02:00", "+01:00", "+01:00", "+01:00"])
        self.assertEqual({e["night"] for e in events}, {"2026-10-24"})
        nights = self.ok("nights", "--format", "json").json()
        self.assertEqual(nights[0]["tib_min"], 750)  # 11.5 h on the wall, 12.5 h in real time

    def test_spring_forward_gap_is_an_error(self):
        r = self.fails(2, "bed", "2026-03-29", "02:30", SLEEPLOG_NOW="2026-03-29T08:00:00+02:00")
        self.assertIn("does not exist", r.err)


class Concurrency(SleeplogTest):
    def test_four_writers_lose_nothing(self):
        self.ok("child", "add", "Ada")
        script = (
            "import subprocess, sys\n"
            "for i in range(100):\n"
            "    r = subprocess.run([sys.argv[1], '-q', 'note', f'w{sys.argv[2]} {i}'],"
            " capture_output=True, text=True)\n"
            "    if r.returncode != 0 or r.stderr:\n"
            "        print(r.returncode, r.stderr); sys.exit(1)\n"
        )
        env = self.env()
        procs = [subprocess.Popen(["python3", "-c", script, BIN, str(n)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for n in range(4)]
        outputs = [p.communicate(timeout=600) for p in procs]
        for p, (out, err) in zip(procs, outputs):
            self.assertEqual(p.returncode, 0, out + err)
            self.assertNotIn("locked", out + err)
        self.assertEqual(self.query("SELECT count(*) FROM event"), [(400,)])
        self.assertEqual(self.query("SELECT count(DISTINCT note) FROM event"), [(400,)])


if __name__ == "__main__":
    main()
