"""A half-asleep partner's slips replayed with a fixed clock: the clock-face rule, a
finished night changed only on purpose, the fall-back night, two children, interval
edits, morning naps, durations in several words, a forgotten up, and a normal week that
prints no warning at all. Every refusal leaves the database byte-identical, and the
command its hint prints, run as printed, files what was meant."""

import os
import re
import shlex
import sys
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(__file__))
from harness import SleeplogTest, main  # noqa: E402


def local_iso(epoch, tz):
    from zoneinfo import ZoneInfo
    return datetime.fromtimestamp(epoch, ZoneInfo(tz)).isoformat()


def hint_commands(err):
    """Every `sleeplog …` command quoted in backticks in the message and hint, as argv."""
    return [shlex.split(c)[1:] for c in re.findall(r"`(sleeplog [^`]+)`", err)]


def ny(date, clock):
    """An instant on a date in New York, with the offset of November after the change."""
    offset = "-04:00" if date < "2026-11-01" else "-05:00"
    return f"{date}T{clock}:00{offset}"


class SlipTest(SleeplogTest):
    def at(self, date, clock, *args, **kw):
        return self.ok(*args, SLEEPLOG_NOW=ny(date, clock), **kw)

    def refused_at(self, date, clock, *args):
        """Runs a slip: exit 2, nothing written; returns the result."""
        before = self.digest()
        r = self.fails(2, *args, SLEEPLOG_NOW=ny(date, clock))
        self.assertEqual(self.digest(), before, r)
        return r

    def start_of(self, event_id):
        (start,), = self.query("SELECT start_at FROM event WHERE id = ?", event_id)
        return local_iso(start, self.tz)

    def latest(self):
        (eid, kind, start), = self.query(
            "SELECT id, kind, start_at FROM event ORDER BY id DESC LIMIT 1")
        return eid, kind, local_iso(start, self.tz)

    def night_of_11_nov(self):
        """Wed 11 Nov: bed 19:00, asleep 19:20, woke 01:10, asleep 01:30, up 05:56."""
        self.at("2026-11-11", "19:00", "bed")
        self.at("2026-11-11", "19:20", "asleep")
        self.at("2026-11-12", "01:10", "woke")
        self.at("2026-11-12", "01:30", "asleep")
        self.at("2026-11-12", "05:56", "up")


class ClockFace(SlipTest):
    def test_asleep_8_05_at_20_10_is_tonight(self):
        self.night_of_11_nov()
        r = self.at("2026-11-12", "20:10", "bed", "19:50")
        r = self.at("2026-11-12", "20:10", "asleep", "8:05", "--by", "Dad")
        self.assertIn("asleep 20:05", r.out)
        self.assertIn("night of Thu 12 Nov", r.out)
        self.assertEqual(r.err, "")
        self.assertEqual(self.latest()[2], "2026-11-12T20:05:00-05:00")
        # The finished night kept its up and its single waking.
        night = {n["night"]: n for n in self.at("2026-11-12", "20:10", "nights", "--format",
                                                "json").json()}["2026-11-11"]
        self.assertEqual(night["wakings"], 1)
        self.assertEqual(night["up"], "2026-11-12T05:56:00-05:00")

    def test_asleep_08_05_at_20_10_is_refused_and_the_hint_files_what_was_meant(self):
        self.night_of_11_nov()
        self.at("2026-11-12", "20:00", "bed")
        r = self.refused_at("2026-11-12", "20:10", "asleep", "08:05", "--by", "Dad")
        self.assertIn("asleep 08:05 lands in the night of Wed 11 Nov, which has already ended "
                      "(up 05:56, #5)", r.err)
        explicit, meant = hint_commands(r.err)
        self.assertEqual(explicit, ["asleep", "today", "08:05", "--by", "Dad"])
        self.assertEqual(meant, ["asleep", "20:05", "--by", "Dad"])
        self.at("2026-11-12", "20:10", *meant)
        eid, kind, start = self.latest()
        self.assertEqual((kind, start), ("asleep", "2026-11-12T20:05:00-05:00"))
        (by,), = self.query("SELECT by_name FROM event WHERE id = ?", eid)
        self.assertEqual(by, "Dad")

    def test_the_explicit_form_files_it_in_the_finished_night_on_purpose(self):
        self.night_of_11_nov()
        r = self.refused_at("2026-11-12", "20:10", "asleep", "08:05")
        explicit = hint_commands(r.err)[0]
        r = self.at("2026-11-12", "20:10", *explicit)
        self.assertIn("night of Wed 11 Nov", r.out)
        self.assertEqual(self.latest()[2], "2026-11-12T08:05:00-05:00")

    def test_bed_7_15_at_19_22_is_tonight_and_bed_07_15_is_refused(self):
        self.night_of_11_nov()
        r = self.refused_at("2026-11-12", "19:22", "bed", "07:15")
        self.assertIn("lands in the night of Wed 11 Nov", r.err)
        self.assertEqual(hint_commands(r.err)[1], ["bed", "19:15"])
        r = self.at("2026-11-12", "19:22", "bed", "7:15")
        self.assertIn("bed 19:15", r.out)
        self.assertIn("night of Thu 12 Nov", r.out)

    def test_up_6_40_at_07_05_and_bed_7_15_backfilled_as_last_evening(self):
        self.at("2026-11-12", "19:20", "asleep")
        r = self.at("2026-11-13", "07:05", "up", "6:40")
        self.assertIn("up 06:40", r.out)
        # The morning backfill of the missing bedtime: 19:15 yesterday, with no warning.
        r = self.at("2026-11-13", "07:05", "bed", "7:15")
        self.assertIn("bed 19:15", r.out)
        self.assertIn("night of Thu 12 Nov", r.out)
        self.assertEqual(r.err, "")
        self.assertEqual(self.latest()[2], "2026-11-12T19:15:00-05:00")

    def test_woke_15_05_at_03_07_lands_in_the_nap_and_is_refused(self):
        self.at("2026-11-12", "16:10", "nap", "14:30", "16:00")
        self.at("2026-11-12", "19:00", "bed")
        self.at("2026-11-12", "19:20", "asleep")
        self.at("2026-11-13", "02:00", "woke")
        self.at("2026-11-13", "02:06", "asleep")
        r = self.refused_at("2026-11-13", "03:07", "woke", "15:05")
        self.assertIn("woke 15:05 lands inside nap #1 (14:30-16:00)", r.err)
        meant = hint_commands(r.err)[1]
        self.assertEqual(meant, ["woke", "03:05"])
        self.at("2026-11-13", "03:07", *meant)
        status = self.at("2026-11-13", "03:07", "status").out
        self.assertIn("awake since 03:05", status)

    def test_help_time_explains_the_rule_with_an_example(self):
        out = self.ok("help", "time").out
        self.assertIn("at 20:10 '8:05' is 20:05", out)
        self.assertIn("took the second 01:35 (-05:00)", out)


class FallBack(SlipTest):
    """The night of Sat 31 Oct 2026 in New York: the clocks go back at 02:00 EDT."""

    def test_a_bare_time_that_happens_twice_takes_the_second_and_says_so(self):
        self.ok("bed", "2026-10-31 19:00", SLEEPLOG_NOW="2026-10-31T19:00:00-04:00")
        self.ok("asleep", "19:20", SLEEPLOG_NOW="2026-10-31T19:20:00-04:00")
        self.ok("woke", "2026-11-01T01:30-05:00", SLEEPLOG_NOW="2026-11-01T01:31:00-05:00")
        r = self.ok("asleep", "1:35", SLEEPLOG_NOW="2026-11-01T01:40:00-05:00")
        self.assertIn("took the second 01:35 (-05:00)", r.err)
        self.assertEqual(self.latest()[2], "2026-11-01T01:35:00-05:00")
        night = self.ok("nights", "--format", "json",
                        SLEEPLOG_NOW="2026-11-01T07:00:00-05:00").json()[-1]
        self.assertEqual(night["wakings"], 1)
        self.assertEqual(night["waso_min"], 5)

    def test_the_repeat_hint_edits_a_moment_of_the_same_kind(self):
        self.ok("bed", "2026-10-31 19:00", SLEEPLOG_NOW="2026-10-31T19:00:00-04:00")
        self.ok("asleep", "19:20", SLEEPLOG_NOW="2026-10-31T19:20:00-04:00")
        self.ok("woke", "2026-11-01T01:30-05:00", SLEEPLOG_NOW="2026-11-01T01:31:00-05:00")
        before = self.digest()
        r = self.fails(2, "asleep", "2026-11-01T01:35-04:00",
                       SLEEPLOG_NOW="2026-11-01T01:40:00-05:00")
        self.assertEqual(self.digest(), before)
        for command in hint_commands(r.err):
            if command[0] == "edit":
                (kind,), = self.query("SELECT kind FROM event WHERE id = ?", int(command[1]))
                self.assertEqual(kind, "asleep")


class TwoChildren(SlipTest):
    def setUp(self):
        super().setUp()
        self.ok("child", "add", "Nora")
        self.ok("child", "add", "Leo")
        self.ok("config", "default-child", "Nora")

    def test_every_line_names_the_child_and_an_event_moves_with_one_undo(self):
        r = self.at("2026-11-24", "19:46", "bed", "19:45", "-c", "Leo")
        self.assertRegex(r.out, r"^#1 bed 19:45 \u00b7 Leo \u00b7 night of Tue 24 Nov\n$")
        self.at("2026-11-24", "20:00", "asleep", "-c", "Leo")
        r = self.at("2026-11-25", "02:10", "woke", "2:10", "--by", "Dad")
        self.assertIn("\u00b7 Nora \u00b7", r.out)
        r = self.at("2026-11-25", "02:12", "edit", "3", "-c", "Leo")
        self.assertIn("moved from Nora", r.out)
        self.assertIn("\u00b7 Leo \u00b7 night of Tue 24 Nov", r.out)
        leo, = [cid for (cid,) in self.query("SELECT id FROM child WHERE name = 'Leo'")]
        self.assertEqual(self.query("SELECT child_id FROM event WHERE id = 3"), [(leo,)])
        self.at("2026-11-25", "02:13", "undo")
        self.assertNotEqual(self.query("SELECT child_id FROM event WHERE id = 3"), [(leo,)])
        self.at("2026-11-25", "02:14", "edit", "3", "-c", "Leo")
        # A repeat in Leo's night: the hint carries -c Leo and works as printed.
        r = self.refused_at("2026-11-25", "02:20", "woke", "2:15", "-c", "Leo")
        fix = hint_commands(r.err)[0]
        self.assertIn("-c", fix)
        self.assertEqual(fix[fix.index("-c") + 1], "Leo")
        self.at("2026-11-25", "02:20", *fix)
        self.assertEqual(self.start_of(3), "2026-11-25T02:15:00-05:00")
        r = self.at("2026-11-25", "02:21", "rm", "3")
        self.assertIn("#3 woke 02:15 removed \u00b7 Leo", r.out)

    def test_one_child_lines_name_no_child(self):
        r = self.ok("bed", "19:45", SLEEPLOG_DB=os.path.join(self.dir, "one.db"))
        self.assertRegex(r.out, r"^#1 bed 19:45 \u00b7 night of Fri 27 Nov\n$")


class IntervalEdits(SlipTest):
    def test_moving_a_check_in_keeps_its_length(self):
        self.at("2026-11-27", "19:00", "bed")
        self.at("2026-11-27", "19:21", "checkin", "19:18", "19:20")
        r = self.at("2026-11-27", "19:30", "edit", "2", "--at", "19:20")
        self.assertIn("#2 checkin 19:20-19:22 edited", r.out)
        self.assertIn("night of Fri 27 Nov", r.out)
        self.assertEqual(self.query("SELECT end_at - start_at FROM event WHERE id = 2"),
                         [(120,)])
        self.at("2026-11-27", "19:30", "edit", "2", "--end", "19:25")
        self.assertEqual(self.query("SELECT end_at - start_at FROM event WHERE id = 2"),
                         [(300,)])
        self.at("2026-11-27", "19:30", "edit", "2", "--for", "1h", "5m", "--at", "18:00")
        self.assertEqual(self.query("SELECT end_at - start_at FROM event WHERE id = 2"),
                         [(3900,)])

    def test_cry_for_typed_during_a_waking_starts_at_the_woke(self):
        self.at("2026-11-27", "19:00", "bed")
        self.at("2026-11-27", "19:20", "asleep")
        self.at("2026-11-28", "02:00", "woke", "2:00")
        r = self.at("2026-11-28", "02:03", "cry", "--for", "5m")
        self.assertIn("cry 02:00\u201302:03 (3m)", r.out)
        self.assertIn("starts at woke #3 02:00", r.out)


class MorningNaps(SlipTest):
    def test_a_morning_nap_note_feed_and_tag_print_no_warning(self):
        self.log_worked_night()  # up 06:30 on Sat 28 Nov
        for args in (["nap", "9:30", "10:15"], ["note", "teething"], ["feed", "10:20", "10:35"],
                     ["tag", "2026-11-27", "teething"]):
            r = self.at("2026-11-28", "11:00", *args)
            self.assertNotIn("warning", r.err, args)
        (start, end), = self.query(
            "SELECT start_at, end_at FROM event WHERE kind = 'nap' ORDER BY id DESC LIMIT 1")
        self.assertEqual((local_iso(start, self.tz), local_iso(end, self.tz)),
                         ("2026-11-28T09:30:00-05:00", "2026-11-28T10:15:00-05:00"))


class Durations(SlipTest):
    def test_several_words_and_a_leading_at(self):
        for words, minutes in ((["1h", "20m"], 80), (["24", "min"], 24),
                               (["1", "h", "20", "min"], 80)):
            self.at("2026-11-28", "07:00", "cry", "--for", *words)
            (length,), = self.query(
                "SELECT end_at - start_at FROM event ORDER BY id DESC LIMIT 1")
            self.assertEqual(length, minutes * 60, words)
        r = self.at("2026-11-28", "19:20", "asleep", "at", "19:15")
        self.assertIn("asleep 19:15", r.out)

    def test_clock_settings_take_every_form(self):
        self.assertEqual(self.ok("config", "target-bedtime", "7pm").out,
                         "target-bedtime = 19:00\n")
        self.assertEqual(self.ok("config", "target-bedtime", "7:30").out,
                         "target-bedtime = 19:30\n")
        self.assertEqual(self.ok("config", "night-boundary", "1pm").out,
                         "night-boundary = 13:00\n")
        before = self.digest()
        self.fails(2, "config", "target-bedtime", "soon")
        self.assertEqual(self.digest(), before)

    def test_errors_print_local_times(self):
        r = self.fails(2, "checkin", "now", "--for", "2m",
                       SLEEPLOG_NOW="2026-11-27T19:30:00-05:00")
        self.assertIn("19:30 plus 2m ends in the future", r.err)


class ForgottenUp(SlipTest):
    def test_status_points_at_the_missing_up_and_tonight_follows_the_clock(self):
        for day in range(20, 26):
            date = f"2026-11-{day}"
            nxt = f"2026-11-{day + 1}"
            self.at(date, "19:00", "bed")
            self.at(date, "19:20", "asleep")
            self.at(nxt, "06:40", "up")
        self.at("2026-11-26", "19:00", "bed")
        self.at("2026-11-26", "19:20", "asleep")
        self.at("2026-11-27", "06:35", "woke")
        # Before 09:40 the night may still be going on: nothing said.
        self.assertNotIn("No `up`", self.at("2026-11-27", "08:00", "status").out)
        out = self.at("2026-11-27", "19:05", "status").out
        self.assertIn("No `up` logged for the night of Thu 26 Nov", out)
        fix = hint_commands(out)[0]
        self.assertEqual(fix, ["up", "06:35"])
        # Before noon the forgotten up does not make "tonight" the night before.
        r = self.at("2026-11-27", "10:00", "plan", "start", "ferber")
        self.assertIn("ferber from 2026-11-27", r.out)
        self.at("2026-11-27", "19:05", *fix)
        self.assertNotIn("No `up`", self.at("2026-11-27", "19:06", "status").out)


class CheckinNumbers(SlipTest):
    def test_next_and_plan_show_number_the_open_check_in_alike(self):
        self.at("2026-11-19", "18:00", "plan", "start", "ferber")
        self.at("2026-11-19", "19:00", "bed")
        self.at("2026-11-19", "19:01", "cry", "start")
        self.at("2026-11-19", "19:07", "checkin", "19:04", "19:06")
        self.at("2026-11-19", "19:18", "checkin", "start")
        out = self.at("2026-11-19", "19:19", "next").out
        self.assertIn("check-in 2 under way", out)
        rows = self.at("2026-11-19", "19:19", "plan", "show", "--format", "csv").out
        numbers = [line.split(",")[3] for line in rows.splitlines()[1:]]
        self.assertEqual(numbers, ["1", "2"])


class NormalWeek(SlipTest):
    def test_a_week_of_normal_logging_prints_no_warning(self):
        self.ok("child", "add", "Mia")
        start = datetime(2026, 11, 16)
        for i in range(7):
            day = start + timedelta(days=i)
            d = day.strftime("%Y-%m-%d")
            n = (day + timedelta(days=1)).strftime("%Y-%m-%d")
            steps = [
                (d, "10:50", ["nap", "9:30", "10:40"]),
                (d, "15:10", ["nap", "1:15", "2:45", "--by", "Sam"]),
                (d, "19:40", ["asleep", "7:35"]),
                (n, "02:20", ["woke", "2:05"]),
                (n, "02:21", ["cry", "--for", "10", "min"]),
                (n, "02:40", ["asleep", "2:35"]),
                (n, "06:50", ["up", "6:45"]),
                (n, "07:10", ["bed", "yesterday", "19:10"]),
                (n, "07:15", ["note", "slept well", "--at", "6:50"]),
                (n, "07:20", ["feed", "6:55", "7:10"]),
            ]
            for date, clock, args in steps:
                r = self.at(date, clock, *args)
                self.assertEqual(r.err, "", (date, clock, args))
        nights = self.at("2026-11-23", "08:00", "nights", "--format", "json").json()
        self.assertEqual(len(nights), 7)
        for night in nights:
            self.assertEqual(night["wakings"], 1, night["night"])
            self.assertEqual(night["naps"], 2, night["night"])


if __name__ == "__main__":
    main()
