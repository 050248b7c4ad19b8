"""The time grammar end to end: in every command and option, the slip guard,
repeated moments, intervals open over 24 h, the ended-night warning, ids never reused,
and zones from the tz library (DST in four zones, unknown names refused)."""

import os
import re
import shlex
import shutil
import sys
from datetime import datetime

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SOURCE, SleeplogTest, main  # noqa: E402


def local_iso(epoch, tz):
    """The stored instant as a local ISO string in the zone (via the system's zoneinfo)."""
    from zoneinfo import ZoneInfo
    return datetime.fromtimestamp(epoch, ZoneInfo(tz)).isoformat()


def hint_command(err):
    """The first `sleeplog …` command quoted in backticks in a hint, as argv."""
    found = re.search(r"`(sleeplog [^`]+)`", err)
    assert found, err
    return shlex.split(found.group(1))[1:]


class Grammar(SleeplogTest):
    # Sat 28 Nov 2026 07:00 in New York (EST).
    forms = [
        ("6:45 am", "2026-11-28T06:45:00-05:00"),
        ("6:45 AM", "2026-11-28T06:45:00-05:00"),
        ("3:10 AM", "2026-11-28T03:10:00-05:00"),
        ("6 am", "2026-11-28T06:00:00-05:00"),
        ("9:30pm", "2026-11-27T21:30:00-05:00"),
        ("0305", "2026-11-28T03:05:00-05:00"),
        ("21:30:15", "2026-11-27T21:30:15-05:00"),
        ("10 min ago", "2026-11-28T06:50:00-05:00"),
        ("10 mins ago", "2026-11-28T06:50:00-05:00"),
        ("10 minutes ago", "2026-11-28T06:50:00-05:00"),
        ("1 hour ago", "2026-11-28T06:00:00-05:00"),
        ("2 hours ago", "2026-11-28T05:00:00-05:00"),
        ("an hour ago", "2026-11-28T06:00:00-05:00"),
        ("1h30m ago", "2026-11-28T05:30:00-05:00"),
        ("-90s", "2026-11-28T06:58:30-05:00"),
        ("yesterday 21:30", "2026-11-27T21:30:00-05:00"),
        ("yesterday 9:30 pm", "2026-11-27T21:30:00-05:00"),
        ("fri 2130", "2026-11-27T21:30:00-05:00"),
        ("today 6:00", "2026-11-28T06:00:00-05:00"),
        ("2026-11-27 21:30", "2026-11-27T21:30:00-05:00"),
        ("2026-11-27T21:30", "2026-11-27T21:30:00-05:00"),
        ("2026-11-27T21:30-06:00", "2026-11-27T22:30:00-05:00"),
        ("now", "2026-11-28T07:00:00-05:00"),
    ]

    def latest_start(self):
        (start,), = self.query("SELECT start_at FROM event ORDER BY id DESC LIMIT 1")
        return local_iso(start, self.tz)

    def test_every_form_quoted_unquoted_with_at_and_in_edit(self):
        self.ok("note", "first")
        for text, expected in self.forms:
            with self.subTest(text=text):
                self.ok("note", "n", "--at", text)
                self.assertEqual(self.latest_start(), expected, "note --at")
                self.ok("nap", "start", text)
                self.assertEqual(self.latest_start(), expected, "nap start, one argument")
                self.ok("nap", "stop", "now")
                self.ok("cry", *text.split(), "now")
                self.assertEqual(self.latest_start(), expected, "cry WHEN END as several words")
                self.ok("cry", text, "now")
                self.assertEqual(self.latest_start(), expected, "cry WHEN END, one argument")
                self.ok("edit", "1", "--at", text)
                (start,), = self.query("SELECT start_at FROM event WHERE id = 1")
                self.assertEqual(local_iso(start, self.tz), expected, "edit --at")

    def test_end_and_duration_forms(self):
        r = self.ok("cry", "2:10 am", "2:15 am")
        self.assertIn("02:10\u201302:15 (5m)", r.out)
        r = self.ok("cry", "2:20", "am", "2:30", "am")
        self.assertIn("02:20\u201302:30 (10m)", r.out)
        r = self.ok("feed", "20 min ago", "5 min ago")
        self.assertIn("06:40\u201306:55 (15m)", r.out)
        r = self.ok("nap", "yesterday 23:50", "0020")
        self.assertIn("23:50\u201300:20 (30m)", r.out)
        r = self.ok("checkin", "6:00", "--for", "45 min")
        self.assertIn("06:00\u201306:45 (45m)", r.out)
        self.ok("edit", "1", "--end", "2:25 am")
        self.ok("edit", "2", "--at", "2:22 am", "--end", "an hour ago")
        rows = self.query("SELECT id, start_at, end_at FROM event WHERE id IN (1, 2) ORDER BY id")
        self.assertEqual([(i, local_iso(s, self.tz)[11:19], local_iso(e, self.tz)[11:19])
                          for i, s, e in rows],
                         [(1, "02:10:00", "02:25:00"), (2, "02:22:00", "06:00:00")])

    def test_each_refusal_exits_2_with_its_message_and_changes_nothing(self):
        self.ok("bed", "2026-11-27 19:00")
        self.ok("cry", "2026-11-27 19:05", "2026-11-27 19:10")
        before = self.digest()
        cases = [
            (["bed", "07:20"], "07:20 is in 20 min, not yet; for yesterday's, write "
                               "'yesterday 07:20'"),
            (["note", "x", "--at", "7:20 am"], "7:20 am is in 20 min, not yet"),
            (["edit", "1", "--at", "0720"], "0720 is in 20 min, not yet"),
            (["cry", "06:30", "06:20"], "end 06:20 is before the start 06:30, and the next "
                                        "day's 06:20 has not come yet"),
            (["bed", "10 min"], "cannot read time '10 min'"),
            (["bed", "xyz"], "cannot read time 'xyz'"),
            (["bed", "2026-11-28 07:30"], "2026-11-28 07:30 is in the future"),
            (["bed", "2 days ago"], "cannot read time '2 days ago'"),
            (["cry", "--for", "25h"], "longer than 24 h"),
            (["edit", "2", "--end", "2026-11-29 10:00"], "is in the future"),
            (["bed", "1899-12-31 21:30"], "1899"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.fails(2, *args)
                self.assertIn(message, r.err)
                self.assertEqual(self.digest(), before)
        hints = {
            "bed 10 min": "write '10 min ago'",
            "bed 2 days ago": "no day, week, month or year units",
        }
        for typed, hint in hints.items():
            self.assertIn(hint, self.fails(2, *typed.split()).err)

    def test_every_hint_of_a_refusal_works_as_typed(self):
        # The slip guard's other reading, quoted or not.
        r = self.fails(2, "bed", "07:20")
        offered = re.search(r"write '([^']+)'", r.err).group(1)
        self.assertEqual(offered, "yesterday 07:20")
        self.ok("bed", offered)
        self.assertEqual(self.latest_start(), "2026-11-27T07:20:00-05:00")
        self.ok("bed", *offered.split())
        self.assertEqual(self.latest_start(), "2026-11-27T07:20:00-05:00")
        # A bare number names its relative form.
        r = self.fails(2, "bed", "45")
        offered = re.search(r"write '([^']+)'", r.err).group(1)
        self.ok("bed", offered)
        self.assertEqual(self.latest_start(), "2026-11-28T06:15:00-05:00")


class Slips(SleeplogTest):
    def test_bed_1920_at_1902_is_refused_not_filed_yesterday(self):
        self.ok("bed", "2026-11-26 19:00", SLEEPLOG_NOW="2026-11-27T07:00:00-05:00")
        self.ok("up", "2026-11-27 06:30", SLEEPLOG_NOW="2026-11-27T07:00:00-05:00")
        before = self.digest()
        r = self.fails(2, "bed", "19:20", SLEEPLOG_NOW="2026-11-27T19:02:00-05:00")
        self.assertIn("19:20 is in 18 min, not yet; for yesterday's, write 'yesterday 19:20'",
                      r.err)
        self.assertIn("that was Thu 26 Nov 19:20", r.err)  # the time it would have meant
        self.assertEqual(self.digest(), before)

    def test_woke_2am_at_0010_is_refused_not_filed_in_the_night_before_last(self):
        self.ok("bed", "2026-11-27 19:00", SLEEPLOG_NOW="2026-11-28T00:05:00-05:00")
        self.ok("asleep", "19:20", SLEEPLOG_NOW="2026-11-28T00:05:00-05:00")
        before = self.digest()
        r = self.fails(2, "woke", "2am", SLEEPLOG_NOW="2026-11-28T00:10:00-05:00")
        self.assertIn("2am is in 1 h 50 min, not yet; for yesterday's, write 'yesterday 2am'",
                      r.err)
        self.assertIn("that was Fri 27 Nov 02:00", r.err)
        self.assertEqual(self.digest(), before)

    def test_checkin_stopped_a_week_later_is_not_a_179_hour_checkin(self):
        self.ok("checkin", "start", "2026-11-20 20:00", SLEEPLOG_NOW="2026-11-20T20:00:00-05:00")
        before = self.digest()
        r = self.fails(2, "checkin", "stop", SLEEPLOG_NOW="2026-11-28T07:00:00-05:00")
        self.assertIn("checkin #1 has been open since Fri 20 Nov 20:00, more than 24 h: stop does "
                      "not end it", r.err)
        self.assertEqual(self.digest(), before)
        # The hint's command, as printed, ends it.
        fix = hint_command(r.err)
        self.assertEqual(fix, ["edit", "1", "--for", "20m"])
        self.ok(*fix)
        self.assertEqual(self.query("SELECT end_at - start_at FROM event WHERE id = 1"),
                         [(20 * 60,)])

    def test_end_before_start_says_so(self):
        before = self.digest()
        r = self.fails(2, "cry", "06:30", "06:20")
        self.assertNotIn("is in the future", r.err)
        self.assertIn("end 06:20 is before the start 06:30", r.err)
        self.assertEqual(self.digest(), before)
        # Earlier than the start and already past the next day: the next day, as DESIGN §3.2 says.
        r = self.ok("nap", "2026-11-27 23:50", "00:20")
        self.assertIn("23:50\u201300:20 (30m)", r.out)


class RepeatedMoments(SleeplogTest):
    def night(self):
        self.ok("bed", "2026-11-27 19:00")
        self.ok("asleep", "19:20")

    def check_refused_and_fixed(self, args, open_id, message, fix_at):
        before = self.digest()
        r = self.fails(2, *args)
        self.assertIn(message, r.err)
        self.assertIn(f"#{open_id}", r.err)
        self.assertEqual(self.digest(), before)
        fix = hint_command(r.err)
        self.assertEqual(fix[:3], ["edit", str(open_id), "--at"])
        self.ok(*fix)
        (start,), = self.query("SELECT start_at FROM event WHERE id = ?", open_id)
        self.assertEqual(local_iso(start, self.tz), fix_at)

    def test_woke_while_awake(self):
        self.night()
        self.ok("woke", "2:00")
        self.check_refused_and_fixed(["woke", "2:10"], 3,
                                     "already awake: woke #3 at 02:00 has no asleep after it",
                                     "2026-11-28T02:10:00-05:00")

    def test_asleep_while_asleep(self):
        self.night()
        self.check_refused_and_fixed(["asleep", "19:40"], 2,
                                     "already asleep: asleep #2 at 19:20 has no woke or up after",
                                     "2026-11-27T19:40:00-05:00")

    def test_up_while_up(self):
        self.night()
        self.ok("up", "6:30")
        self.check_refused_and_fixed(["up"], 3, "already up: up #3 at 06:30",
                                     "2026-11-28T07:00:00-05:00")

    def test_a_repeat_logged_before_the_first_one(self):
        self.night()
        self.ok("woke", "2:10")
        self.check_refused_and_fixed(["woke", "1:55"], 3,
                                     "woke #3 at 02:10 already follows with no asleep between",
                                     "2026-11-28T01:55:00-05:00")

    def test_moments_with_their_state_between_are_logged(self):
        self.night()
        for args in (["woke", "2:00"], ["asleep", "2:30"], ["woke", "4:00"], ["asleep", "4:20"],
                     ["up", "6:30"], ["asleep", "6:40"], ["up", "6:55"]):
            self.ok(*args)
        # The next night's up, far from this one, is not a repeat.
        self.ok("up", "2026-11-29 06:30", SLEEPLOG_NOW="2026-11-29T07:00:00-05:00")


class OpenOver24Hours(SleeplogTest):
    def test_up_and_asleep_leave_it_open_and_say_how_to_end_it(self):
        self.ok("feed", "start", "2026-11-26 02:00")
        self.ok("cry", "start", "2026-11-28 06:00")
        self.ok("bed", "2026-11-27 19:00")
        r = self.ok("up", "6:50")
        self.assertIn("ended cry #2", r.out)
        self.assertIn("feed #1 has been open since Thu 26 Nov 02:00, more than 24 h; left open",
                      r.err)
        self.assertEqual(self.query("SELECT end_at FROM event WHERE id = 1"), [(None,)])
        self.ok(*hint_command(r.err))
        self.assertEqual(self.query("SELECT end_at - start_at FROM event WHERE id = 1"),
                         [(20 * 60,)])

    def test_a_new_start_names_the_edit_not_stop(self):
        self.ok("feed", "start", "2026-11-26 02:00")
        r = self.fails(2, "feed", "start")
        self.assertIn("a feed is already open since 02:00 (#1)", r.err)
        self.assertEqual(hint_command(r.err), ["edit", "1", "--for", "20m"])
        self.ok("feed", "start", "2026-11-28 06:00", SLEEPLOG_NOW="2026-11-28T06:00:00-05:00",
                SLEEPLOG_DB=os.path.join(self.dir, "other.db"))
        r = self.fails(2, "feed", "start", SLEEPLOG_DB=os.path.join(self.dir, "other.db"))
        self.assertEqual(hint_command(r.err), ["feed", "stop"])


class EndedNight(SleeplogTest):
    def test_a_note_into_an_ended_night_is_filed_without_a_warning(self):
        self.log_worked_night()
        r = self.ok("note", "forgot this", "--at", "2026-11-27 22:00")
        self.assertIn("night of Fri 27 Nov", r.out)
        self.assertNotIn("warning", r.err)

    def test_a_night_still_going_gets_no_warning(self):
        self.ok("bed", "2026-11-27 19:00")
        self.ok("asleep", "19:20")
        r = self.ok("woke", "2:00")
        self.assertNotIn("warning", r.err)
        # Back to sleep after an up: the night goes on, and a waking in it is not late.
        self.ok("up", "5:00")
        r = self.ok("asleep", "5:10")
        self.assertNotIn("already ended", r.err)
        r = self.ok("woke", "5:40")
        self.assertNotIn("already ended", r.err)
        # Up again and over: a note at 05:50, after that up, is filed in the ended night
        # without a word (a note does not change its sleep).
        self.ok("up", "5:45")
        r = self.ok("note", "x", "--at", "5:50")
        self.assertIn("night of Fri 27 Nov", r.out)
        self.assertNotIn("warning", r.err)


class Ids(SleeplogTest):
    def test_removed_ids_are_not_given_again_and_undo_restores_them(self):
        for when in ("19:00", "19:20", "23:10"):
            self.ok("note", "n", "--at", "yesterday " + when)
        self.ok("rm", "3")
        self.assertTrue(self.ok("note", "again").out.startswith("#4 "))
        self.ok("rm", "2")
        self.ok("undo")
        self.assertEqual([r[0] for r in self.query("SELECT id FROM event ORDER BY id")], [1, 2, 4])
        self.assertTrue(self.ok("note", "later").out.startswith("#5 "))

    def test_v1_database_never_hands_out_398_or_399_again(self):
        db = os.path.join(self.dir, "v1.db")
        shutil.copy(os.path.join(SOURCE, "tests", "data", "v1.db"), db)
        self.ok("rm", "399", SLEEPLOG_DB=db)
        r = self.ok("--child", "baby", "note", "after migration", SLEEPLOG_DB=db)
        self.assertTrue(r.out.startswith("#400 "), r.out)
        ids = [row[0] for row in self.query("SELECT id FROM event", path=db)]
        self.assertNotIn(398, ids)
        self.assertNotIn(399, ids)


class Zones(SleeplogTest):
    def night_row(self, tz, now, night, events):
        db = os.path.join(self.dir, tz.replace("/", "_") + ".db")
        for args in events:
            self.ok(*args, TZ=tz, SLEEPLOG_NOW=now, SLEEPLOG_DB=db)
        r = self.ok("nights", "--since", night, "--until", night, "--format", "json",
                    TZ=tz, SLEEPLOG_NOW=now, SLEEPLOG_DB=db)
        rows = r.json()
        self.assertEqual(len(rows), 1, r)
        return rows[0]

    def test_nights_across_dst_match_hand_computed_minutes(self):
        # New York, 8 Mar 2026: 02:00 EST jumps to 03:00 EDT. 19:30 EST = 00:30Z,
        # 07:00 EDT = 11:00Z: 10 h 30 min asleep, 11 h in bed from 19:00.
        row = self.night_row("America/New_York", "2026-03-08T12:00:00-04:00", "2026-03-07",
                             [["bed", "2026-03-07 19:00"], ["asleep", "2026-03-07 19:30"],
                              ["up", "07:00"]])
        self.assertEqual((row["tst_min"], row["tib_min"]), (630, 660))
        self.assertEqual(row["up"], "2026-03-08T07:00:00-04:00")
        # Berlin, 25 Oct 2026: 03:00 CEST falls back to 02:00 CET. 20:00 CEST = 18:00Z,
        # 06:00 CET = 05:00Z: 11 h asleep on a 10-h wall-clock night.
        row = self.night_row("Europe/Berlin", "2026-10-25T12:00:00+01:00", "2026-10-24",
                             [["bed", "2026-10-24 19:45"], ["asleep", "2026-10-24 20:00"],
                              ["up", "06:00"]])
        self.assertEqual((row["tst_min"], row["tib_min"]), (660, 675))
        # Lord Howe, 4 Oct 2026: 02:00 (+10:30) jumps to 02:30 (+11:00). 19:00 = 08:30Z,
        # 06:00 = 19:00Z: 10 h 30 min.
        row = self.night_row("Australia/Lord_Howe", "2026-10-04T12:00:00+11:00", "2026-10-03",
                             [["bed", "2026-10-03 18:45"], ["asleep", "2026-10-03 19:00"],
                              ["up", "06:00"]])
        self.assertEqual((row["tst_min"], row["tib_min"]), (630, 645))
        self.assertEqual(row["asleep"], "2026-10-03T19:00:00+10:30")
        self.assertEqual(row["up"], "2026-10-04T06:00:00+11:00")
        # Kathmandu, +05:45 all year: 19:15 = 13:30Z, 06:00 = 00:15Z: 10 h 45 min.
        row = self.night_row("Asia/Kathmandu", "2026-11-28T12:00:00+05:45", "2026-11-27",
                             [["bed", "2026-11-27 19:00"], ["asleep", "2026-11-27 19:15"],
                              ["up", "06:00"]])
        self.assertEqual((row["tst_min"], row["tib_min"]), (645, 660))
        self.assertEqual(row["bedtime"], "2026-11-27T19:00:00+05:45")

    def test_lord_howe_gap_is_half_an_hour(self):
        now = "2026-10-04T12:00:00+11:00"
        r = self.fails(2, "note", "x", "--at", "2026-10-04 02:15", TZ="Australia/Lord_Howe",
                       SLEEPLOG_NOW=now)
        self.assertIn("02:15 does not exist on 2026-10-04 in Australia/Lord_Howe", r.err)
        self.ok("note", "x", "--at", "2026-10-04 02:30", TZ="Australia/Lord_Howe",
                SLEEPLOG_NOW=now)

    def test_unknown_tz_is_exit_2_and_writes_nothing(self):
        for tz in ("Not/AZone", ":Not/AZone", "Europe/Berlim"):
            with self.subTest(tz=tz):
                r = self.fails(2, "bed", TZ=tz)
                self.assertIn(f"unknown time zone '{tz}' in TZ", r.err)
                self.assertIn("Europe/Berlin", r.err)
                self.assertFalse(os.path.exists(self.db))
        r = self.fails(2, "nights", TZ="Not/AZone")
        self.assertIn("unknown time zone", r.err)

    def test_colon_tz_and_empty_tz(self):
        r = self.ok("bed", "19:00", TZ=":Europe/Berlin", SLEEPLOG_NOW="2026-11-27T20:00:00+01:00")
        (start,), = self.query("SELECT start_at FROM event")
        self.assertEqual(local_iso(start, "Europe/Berlin"), "2026-11-27T19:00:00+01:00")
        self.ok("note", "x", "--at", "19:30", TZ="", SLEEPLOG_NOW="2026-11-27T20:00:00Z")
        (start,), = self.query("SELECT start_at FROM event WHERE kind = 'note'")
        self.assertEqual(local_iso(start, "UTC"), "2026-11-27T19:30:00+00:00")

    def test_time_layer_never_switches_the_process_zone(self):
        folder = os.path.join(SOURCE, "src", "time")
        names = sorted(os.path.relpath(os.path.join(top, name), folder)
                       for top, _, files in os.walk(folder) for name in files)
        self.assertIn(os.path.join("tzdb", "tzdb.cpp"), names)  # the walk goes into tzdb/
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                code = f.read()
            for call in ("setenv", "unsetenv", "putenv", "tzset", "localtime", "getenv"):
                self.assertIsNone(re.search(r"\b%s\s*\(" % call, code), f"{name} calls {call}")
        with open(os.path.join(SOURCE, "CMakeLists.txt"), encoding="utf-8") as f:
            cmake = f.read()
        self.assertIn("find_package(date REQUIRED)", cmake)
        self.assertIn("date::date-tz", cmake)
        self.assertIn("libdate-tz3", cmake)


if __name__ == "__main__":
    main()
