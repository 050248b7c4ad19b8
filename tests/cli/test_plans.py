"""Plans, next, tags and disruptions end to end (DESIGN §8, §9): a scripted Ferber night
stepped through with SLEEPLOG_NOW, chair and fading nights, plan review, sick nights left
out of summary and trend, and the migration of a database from the previous release."""

import csv
import io
import os
import shutil
import time

from harness import SOURCE, SleeplogTest, main


def at(date, clock, offset="-05:00"):
    return f"{date}T{clock}:00{offset}"


class ScriptedFerberNight(SleeplogTest):
    """Night 2 of Ferber (waits 5, 10, 12) on Fri 20 Nov 2026 in New York."""

    def step(self, date, clock, *args):
        return self.ok(*args, SLEEPLOG_NOW=at(date, clock))

    def next_at(self, date, clock, *extra):
        return self.step(date, clock, "next", *extra).out

    def setUp(self):
        super().setUp()
        self.step("2026-11-19", "18:00", "plan", "start", "ferber")
        # Night 1: a quiet one.
        self.step("2026-11-19", "19:00", "bed")
        self.step("2026-11-19", "19:10", "asleep")
        self.step("2026-11-20", "06:30", "up")

    def test_next_at_each_moment_then_show_and_nights(self):
        d = "2026-11-20"
        self.assertEqual(self.next_at(d, "18:00"),
                         "tonight: wait 5, 10, 12 min before each check-in (ferber, night 2)\n")
        self.step(d, "20:00", "bed")
        self.step(d, "20:01", "cry", "start")
        self.assertEqual(self.next_at(d, "20:02"),
                         "check-in 1 due at 20:05 (in 3 min): wait 5 min, night 2 of ferber\n")
        status = self.step(d, "20:02", "status").out
        self.assertIn("Plan: check-in 1 due at 20:05 (in 3 min)", status)
        self.assertEqual(self.step(d, "20:02", "status", "--format", "json").json()["plan"],
                         "check-in 1 due at 20:05 (in 3 min): wait 5 min, night 2 of ferber")
        self.assertEqual(self.next_at(d, "20:06"), "check-in due now (waited 6 min; plan 5)\n")
        # Already due: --wait returns at once with the same line.
        started = time.monotonic()
        self.assertEqual(self.next_at(d, "20:06", "--wait"),
                         "check-in due now (waited 6 min; plan 5)\n")
        self.assertLess(time.monotonic() - started, 5)
        self.step(d, "20:07", "checkin", "20:06", "20:07")
        self.assertEqual(self.next_at(d, "20:09"),
                         "check-in 2 due at 20:17 (in 8 min): wait 10 min, night 2 of ferber\n")
        # With SLEEPLOG_NOW, --wait never sleeps in real time: the fixed clock moves to the
        # moment the check-in is due.
        started = time.monotonic()
        self.assertEqual(self.next_at(d, "20:09", "--wait"),
                         "check-in due now (waited 10 min; plan 10)\n")
        self.assertLess(time.monotonic() - started, 5)
        self.step(d, "20:21", "checkin", "20:18", "20:21")  # on time (11 of 10), but 3 min long
        self.step(d, "20:30", "cry", "stop")
        self.step(d, "20:31", "asleep")
        self.assertEqual(self.next_at(d, "21:00"),
                         "tonight: wait 5, 10, 12 min before each check-in (ferber, night 2)\n")
        # A waking that settles alone.
        self.step(d, "23:00", "woke")
        self.assertEqual(self.next_at(d, "23:01"),
                         "check-in 1 due at 23:05 (in 4 min): wait 5 min, night 2 of ferber\n")
        self.step(d, "23:04", "cry", "23:00", "23:04")
        self.step(d, "23:05", "asleep")
        self.step("2026-11-21", "06:30", "up")

        show = self.step("2026-11-21", "07:00", "show", "2026-11-20").out
        self.assertIn("Plan: ferber, night 2; adherence 50%\n", show)
        lines = [l.split() for l in show.splitlines()]
        self.assertIn(["#6", "1", "20:06", "5", "min", "6", "min", "on", "time"], lines)
        self.assertIn(["#7", "2", "20:18", "10", "min", "11", "min", "on", "time", "long"], lines)

        rows = self.step("2026-11-21", "07:00", "nights", "--format", "json").json()
        night = {r["night"]: r for r in rows}["2026-11-20"]
        self.assertEqual(night["plan"], "ferber")
        self.assertEqual(night["plan_night"], 2)
        self.assertEqual(night["adherence_pct"], 50)
        self.assertEqual(night["self_settled"], 1)
        self.assertEqual(night["response_min"], 5)
        self.assertIsNone(night["tags"])
        first = {r["night"]: r for r in rows}["2026-11-19"]
        self.assertEqual(first["plan_night"], 1)
        self.assertIsNone(first["adherence_pct"])  # no check-ins: empty, not 0 or 100

        # plan show lists planned against actual too; the CSV keeps the columns at the end.
        plan_show = self.step("2026-11-21", "07:00", "plan", "show").out
        self.assertIn("So far: 2 check-ins, 100% on time; adherence 50%", plan_show)
        rows = self.step("2026-11-21", "07:00", "plan", "show", "--format", "csv").out
        self.assertEqual(rows.splitlines()[1:], [
            "2026-11-20,2,6,1,2026-11-20T20:06:00-05:00,5,6,on time,false",
            "2026-11-20,2,7,2,2026-11-20T20:18:00-05:00,10,11,on time,true"])
        exported = self.step("2026-11-21", "07:00", "export", "--nights").out
        header, *data = list(csv.reader(io.StringIO(exported)))
        # The plan columns follow concern_reasons and tags; later columns come after them.
        first = header.index("concern_reasons")
        self.assertEqual(header[first:first + 7], ["concern_reasons", "tags", "self_settled", "response_min",
                                                   "plan", "plan_night", "adherence_pct"])
        self.assertEqual(data[-1][first + 2:first + 7], ["1", "5", "ferber", "2", "50"])

    def test_a_sick_night_pauses_the_plan(self):
        self.step("2026-11-20", "12:00", "tag", "2026-11-20", "sick", "--note", "temp 38.4")
        self.assertEqual(self.next_at("2026-11-20", "19:00"), "plan paused: sick\n")
        self.step("2026-11-20", "19:00", "bed")
        self.step("2026-11-20", "20:00", "asleep")
        self.step("2026-11-21", "06:00", "up")
        # The night after the pause is plan night 2, not 3: waits 5, 10, 12.
        self.assertEqual(self.next_at("2026-11-21", "19:00"),
                         "tonight: wait 5, 10, 12 min before each check-in (ferber, night 2)\n")
        rows = self.step("2026-11-21", "19:00", "nights", "--format", "json").json()
        sick = {r["night"]: r for r in rows}["2026-11-20"]
        self.assertEqual(sick["tags"], "sick")
        self.assertEqual(sick["plan"], "ferber")
        self.assertIsNone(sick["plan_night"])
        table = self.step("2026-11-21", "19:00", "nights").out
        self.assertRegex(table, r"Fri 20 Nov .* sick")
        self.assertIn("2026-11-20  sick *  temp 38.4", self.step("2026-11-21", "19:00", "tags").out)
        self.step("2026-11-21", "19:00", "untag", "2026-11-20", "sick")
        self.assertEqual(self.next_at("2026-11-21", "19:00"),
                         "tonight: wait 10, 12, 15 min before each check-in (ferber, night 3)\n")

    def test_plan_list_stop_and_export(self):
        listed = self.step("2026-11-21", "07:00", "plan", "list").out
        self.assertEqual(listed, "#1  ferber from 2026-11-19, check-ins up to 2m  (3 nights, "
                                 "running)\n")
        self.fails(2, "plan", "start", "chair", SLEEPLOG_NOW=at("2026-11-21", "07:00"))
        self.step("2026-11-21", "07:00", "plan", "stop")
        exported = self.step("2026-11-21", "07:00", "export", "--plans").out
        self.assertEqual(exported.splitlines(), [
            "id,child,method,from,until,waits,stage_nights,positions,start,goal,step_min,"
            "checkin_max_s,timer,holds",
            "1,baby,ferber,2026-11-19,2026-11-20,,,,,,,120,waking,"])
        plans = self.step("2026-11-21", "07:00", "export", "--plans", "--format", "json").json()
        self.assertEqual(plans[0]["until"], "2026-11-20")
        self.assertEqual(plans[0]["checkin_max_s"], 120)
        self.assertEqual(self.next_at("2026-11-21", "19:00"),
                         "No plan for baby. Start one with `sleeplog plan start ferber` (or "
                         "checks, chair, fading).\n")


class DstNight(SleeplogTest):
    """The night clocks fall back in New York: a wait counts in real minutes, and the due
    time prints on the wall clock in force when it falls due."""

    def test_a_check_in_due_across_the_fall_back(self):
        self.ok("plan", "start", "ferber", SLEEPLOG_NOW="2026-10-31T18:00:00-04:00")
        self.ok("bed", "19:00", SLEEPLOG_NOW="2026-10-31T19:05:00-04:00")
        self.ok("asleep", "19:20", SLEEPLOG_NOW="2026-10-31T19:25:00-04:00")
        self.ok("woke", "2026-11-01T01:58-04:00", SLEEPLOG_NOW="2026-11-01T01:59:00-04:00")
        out = self.ok("next", SLEEPLOG_NOW="2026-11-01T01:59:00-04:00").out
        self.assertEqual(out, "check-in 1 due at 01:01 (in 2 min): wait 3 min, night 1 of ferber\n")
        out = self.ok("next", SLEEPLOG_NOW="2026-11-01T01:02:00-05:00").out
        self.assertEqual(out, "check-in due now (waited 4 min; plan 3)\n")


class ChairAndFading(SleeplogTest):
    tz = "Europe/Berlin"

    def line(self, date, clock="19:00"):
        return self.ok("next", SLEEPLOG_NOW=f"{date}T{clock}:00+01:00").out

    def test_chair_every_night_and_hold(self):
        self.ok("plan", "start", "chair", "--from", "2026-11-01", "--stage-nights", "2",
                SLEEPLOG_NOW="2026-11-01T18:00:00+01:00")
        positions = ["beside the crib", "beside the crib", "halfway to the door",
                     "halfway to the door", "in the doorway", "in the doorway"]
        for n, where in enumerate(positions, start=1):
            self.assertEqual(self.line(f"2026-11-{n:02}"),
                             f"tonight: sit {where} (chair, night {n})\n")
        # On night 5 (stage 3) crying rose: hold 2 nights; stages move on 2 nights later.
        held = self.ok("plan", "hold", "--nights", "2", SLEEPLOG_NOW="2026-11-05T18:00:00+01:00")
        self.assertEqual(held.out, "Holding chair for 2 nights from Thu 5 Nov: sit halfway to the "
                                   "door.\n")
        after = ["halfway to the door", "halfway to the door", "in the doorway",
                 "in the doorway", "outside in view"]
        for n, where in enumerate(after, start=5):
            self.assertEqual(self.line(f"2026-11-{n:02}"),
                             f"tonight: sit {where} (chair, night {n})\n")

    def test_fading_advances_after_three_quick_nights(self):
        self.ok("plan", "start", "fading", "--from", "2026-11-02", "--start", "20:45", "--goal",
                "20:15", SLEEPLOG_NOW="2026-11-02T12:00:00+01:00")
        self.assertEqual(self.line("2026-11-02"), "bedtime tonight 20:45 (fading; goal 20:15)\n")
        for day in ("02", "03", "04"):
            now = f"2026-11-{day}T21:00:00+01:00"
            self.ok("bed", "20:45", SLEEPLOG_NOW=now)
            self.ok("asleep", "21:00", SLEEPLOG_NOW=f"2026-11-{day}T21:01:00+01:00")
            self.ok("up", "06:30",
                    SLEEPLOG_NOW=f"2026-11-{int(day) + 1:02}T06:31:00+01:00")
        self.assertEqual(self.line("2026-11-05"), "bedtime tonight 20:30 (fading; goal 20:15)\n")
        review = self.ok("plan", "review", SLEEPLOG_NOW="2026-11-05T12:00:00+01:00").out
        self.assertTrue(review.startswith("advance: move bedtime 15 min earlier, to 20:30"), review)
        rows = self.ok("nights", "--format", "json", SLEEPLOG_NOW="2026-11-05T12:00:00+01:00").json()
        self.assertEqual([r["adherence_pct"] for r in rows], [100, 100, 100])
        # A fading plan without --start and no nights logged before it cannot guess one.
        self.ok("plan", "stop", SLEEPLOG_NOW="2026-11-05T12:00:00+01:00")
        r = self.fails(2, "--db", os.path.join(self.dir, "other.db"), "plan", "start", "fading")
        self.assertIn("--start HH:MM", r.err)

    def test_fading_over_twenty_nights(self):
        # Nights 1-3 settle within 30 min without crying: 15 min earlier from night 4.
        # Nights 4-17 are slow (45 min): after 14 nights without a move, 15 min later from
        # night 18. Nights 18-20 are quick again: earlier from night 21, never past 20:00.
        self.ok("plan", "start", "fading", "--from", "2026-11-01", "--start", "20:45", "--goal",
                "20:00", SLEEPLOG_NOW="2026-11-01T12:00:00+01:00")
        expected = ["20:45"] * 3 + ["20:30"] * 14 + ["20:45"] * 3 + ["20:30"]
        for n in range(1, 21):
            day = f"2026-11-{n:02}"
            line = self.line(day, "18:00")
            self.assertEqual(line, f"bedtime tonight {expected[n - 1]} (fading; goal 20:00)\n", n)
            settle = 45 if 4 <= n <= 17 else 10
            hour, minute = map(int, expected[n - 1].split(":"))
            minute += settle
            hour, minute = hour + minute // 60, minute % 60
            self.ok("bed", day, expected[n - 1], SLEEPLOG_NOW=f"{day}T23:00:00+01:00")
            self.ok("asleep", day, f"{hour}:{minute:02}", SLEEPLOG_NOW=f"{day}T23:00:00+01:00")
            self.ok("up", "06:30", SLEEPLOG_NOW=f"2026-11-{n + 1:02}T07:00:00+01:00")
        self.assertEqual(self.line("2026-11-21", "18:00"),
                         f"bedtime tonight {expected[20]} (fading; goal 20:00)\n")
        rows = self.ok("nights", "--last", "20", "--format", "json",
                       SLEEPLOG_NOW="2026-11-21T12:00:00+01:00").json()
        self.assertEqual([r["plan_night"] for r in rows], list(range(1, 21)))
        self.assertEqual({r["adherence_pct"] for r in rows}, {100})

    def test_bad_plan_options_are_refused_and_write_nothing(self):
        for args, words in ((["plan", "start", "checks"], "checks needs --waits"),
                            (["plan", "start", "checks", "--waits", "3,x"], "'x' is not a wait"),
                            (["plan", "start", "ferber", "--waits", "3"], "--waits is for checks"),
                            (["plan", "start", "karate"], "unknown method 'karate'"),
                            (["plan", "start", "fading", "--start", "25:00"], "not a clock time"),
                            (["tag", "last", "two words"], "is not a tag"),
                            (["plan", "hold"], "follows no plan")):
            r = self.fails(2, *args)
            self.assertIn(words, r.err)
        self.assertFalse(os.path.exists(self.db))


class PlanReview(SleeplogTest):
    def log_night(self, day, settle_min, cry_min):
        date = f"2026-11-{day:02}"
        self.ok("bed", date, "19:00", SLEEPLOG_NOW=at(date, "23:00"))
        if cry_min:
            self.ok("cry", date, "19:01", "--for", f"{cry_min}m", SLEEPLOG_NOW=at(date, "23:00"))
        self.ok("asleep", date, f"19:{settle_min:02}", SLEEPLOG_NOW=at(date, "23:00"))
        self.ok("up", "06:30", SLEEPLOG_NOW=at(f"2026-11-{day + 1:02}", "07:00"))

    def test_checks_re_evaluate_after_seven_nights_without_a_fall(self):
        self.ok("plan", "start", "checks", "--waits", "3,5;5,7", "--from", "2026-11-01",
                SLEEPLOG_NOW=at("2026-11-01", "12:00"))
        for day in range(1, 8):
            self.log_night(day, 40, 20)
        r = self.ok("plan", "review", "--format", "json", SLEEPLOG_NOW=at("2026-11-08", "12:00"))
        review = r.json()
        self.assertEqual(review["verdict"], "re-evaluate")
        self.assertEqual(len(review["nights"]), 7)

    def test_chair_holds_when_crying_rose(self):
        self.ok("plan", "start", "chair", "--from", "2026-11-01",
                SLEEPLOG_NOW=at("2026-11-01", "12:00"))
        self.log_night(1, 30, 10)
        self.log_night(2, 30, 25)
        out = self.ok("plan", "review", SLEEPLOG_NOW=at("2026-11-03", "12:00")).out
        self.assertEqual(out, "hold: hold this stage 2 more nights (`sleeplog plan hold --nights "
                              "2`): crying rose from 10 min to 25 min\nNights: Sun 1 Nov, Mon 2 "
                              "Nov\n")


class Disruptions(SleeplogTest):
    tz = "Europe/Berlin"
    now = "2026-11-30T09:00:00+01:00"

    def log(self, nights, skip=None):
        # 14 nights, 2026-11-16 to 11-29, with settling and wakings that vary.
        for i in range(14):
            if i == skip:
                continue
            date = f"2026-11-{16 + i:02}"
            nxt = f"2026-11-{17 + i:02}"
            self.ok("bed", date, f"19:{(i * 7) % 40:02}")
            self.ok("asleep", date, f"20:{(i * 11) % 50:02}")
            if i % 3 == 0:
                self.ok("woke", nxt, f"02:{i:02}")
                self.ok("asleep", nxt, f"03:{(i * 5) % 60:02}")
            self.ok("up", nxt, f"06:{(i * 13) % 60:02}")

    def numbers(self, *args, db=None):
        extra = {"SLEEPLOG_DB": db} if db else {}
        data = self.ok(*args, "--format", "json", **extra).json()
        message = data.pop("message")
        return data, message

    def test_a_sick_night_changes_summary_and_trend_as_if_absent(self):
        sick_index = 10  # Thu 26 Nov, inside the latest week
        self.log(14)
        absent_db = os.path.join(self.dir, "absent.db")
        plain = self.db
        self.db = absent_db
        self.log(14, skip=sick_index)
        self.db = plain
        self.ok("tag", "2026-11-26", "sick")
        for command in (["summary"], ["trend", "--weeks", "3"]):
            with_tag, message = self.numbers(*command)
            absent, _ = self.numbers(*command, db=absent_db)
            self.assertEqual(with_tag, absent, command)
            self.assertIn("1 disrupted night left out.", message)
            included, message = self.numbers(*command, "--include-disrupted")
            self.assertNotEqual(included, absent)
            self.assertNotIn("left out", message)
            self.ok("untag", "2026-11-26", "sick")
            untagged, _ = self.numbers(*command)
            self.assertEqual(included, untagged)
            self.ok("tag", "2026-11-26", "sick")
        # A word that is not a disruption leaves the numbers alone; the list can change.
        self.ok("untag", "2026-11-26", "sick")
        self.ok("tag", "2026-11-26", "grandma")
        self.assertEqual(self.numbers("summary")[0], self.numbers("summary", "--include-disrupted")[0])
        self.ok("config", "disruptions", "sick,grandma")
        self.assertEqual(self.numbers("summary")[0], self.numbers("summary", db=absent_db)[0])
        self.fails(2, "config", "disruptions", "sick;bad")

    def test_tag_a_range(self):
        self.log(14)
        out = self.ok("tag", "2026-11-20..2026-11-22", "travel").out
        self.assertEqual(out, "Tagged Fri 20 Nov to Sun 22 Nov travel (a disruption: left out of "
                              "trends, plan paused).\n")
        rows = self.ok("tags", "--format", "csv").out.splitlines()
        self.assertEqual(rows, ["night,tag,disruption,note", "2026-11-20,travel,true,",
                                "2026-11-21,travel,true,", "2026-11-22,travel,true,"])
        self.assertEqual(self.ok("untag", "--since", "2026-11-21", "--until", "2026-11-23",
                                 "travel").out, "Removed travel from 2 nights.\n")
        _, message = self.numbers("summary")
        self.assertTrue(message.endswith(" 1 disrupted night left out."), message)  # 11-20


class Migration(SleeplogTest):
    def test_a_v1_database_reads_as_is_then_migrates_with_a_backup(self):
        os.makedirs(os.path.dirname(self.db))
        shutil.copy(os.path.join(SOURCE, "tests", "data", "v1.db"), self.db)
        before = self.digest()
        with open(os.path.join(SOURCE, "tests", "data", "v1-events.csv"), encoding="utf-8") as f:
            expected = f.read()
        # Read-only commands read the old file as it is and never write it.
        self.assertEqual(self.ok("export").out, expected)
        self.assertTrue(self.ok("tags", "--child", "baby").out.startswith("No tags yet."))
        self.assertIn("No plan", self.ok("plan", "show", "--child", "baby").out)
        self.assertEqual(self.digest(), before)
        self.assertFalse(os.path.exists(self.db + ".v1.bak"))
        # The first write backs it up, migrates it and keeps every event.
        self.ok("tag", "--child", "baby", "last", "sick")
        self.assertEqual(self.ok("--db", self.db + ".v1.bak", "export").out, expected)
        self.assertEqual(self.query("PRAGMA user_version", path=self.db + ".v1.bak"), [(1,)])
        self.assertEqual(self.query("PRAGMA user_version"), [(5,)])
        self.assertEqual(self.ok("export").out, expected)
        self.ok("plan", "start", "--child", "baby", "ferber")
        self.assertEqual(self.query("SELECT method FROM plan"), [("ferber",)])
        # backup copies plans and tags.
        copy = os.path.join(self.dir, "copy.db")
        self.ok("backup", copy)
        self.assertEqual(self.query("SELECT word FROM tag", path=copy), [("sick",)])
        self.assertEqual(self.query("SELECT method FROM plan", path=copy), [("ferber",)])


if __name__ == "__main__":
    main()
