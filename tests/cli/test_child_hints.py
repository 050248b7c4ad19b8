"""Once the log holds two children, every hint that names a command about one child
names that child (`-c NAME`, quoted when the name needs it), and the command, run as
printed, acts on that child; with one child no hint carries `-c`. Run in New York and
in Berlin with a fixed clock."""

import json
import os
import re
import shlex
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(__file__))
from harness import SleeplogTest, main  # noqa: E402

LEO = "Leo Max"  # a name with a space: the hint must quote it
NORA = "Nora"


def hint_commands(text):
    """Every `sleeplog …` command quoted in backticks, as argv without "sleeplog"."""
    return [shlex.split(c)[1:] for c in re.findall(r"`(sleeplog [^`]+)`", text)]


def child_of(argv):
    """The child an argv names with -c NAME or --child=NAME, else None."""
    for i, word in enumerate(argv):
        if word in ("-c", "--child") and i + 1 < len(argv):
            return argv[i + 1]
        if word.startswith("--child="):
            return word[len("--child="):]
    return None


class ChildHintCases:
    """The cases; a subclass fixes the zone."""

    def at(self, date, clock):
        """SLEEPLOG_NOW for a local date and clock time in this test's zone."""
        local = datetime.fromisoformat(f"{date}T{clock}:00").replace(tzinfo=ZoneInfo(self.tz))
        return local.isoformat()

    def sl(self, when, *args):
        return self.run_sl(*args, SLEEPLOG_NOW=self.at(*when))

    def ok_at(self, when, *args):
        r = self.sl(when, *args)
        self.assertEqual(r.code, 0, r)
        return r

    def refused(self, when, *args, code=2):
        """A command that fails: nothing written; returns the result."""
        before = self.digest()
        r = self.sl(when, *args)
        self.assertEqual(r.code, code, r)
        self.assertIn("sleeplog: error:", r.err, r)
        if code == 2:
            self.assertEqual(self.digest(), before, r)
        return r

    def commands_for(self, text, child):
        """The commands `text` prints; asserts there is one and each names `child`."""
        commands = hint_commands(text)
        self.assertTrue(commands, text)
        for argv in commands:
            self.assertEqual(child_of(argv), child, f"{argv} in {text!r}")
        return commands

    def child_id(self, name):
        (cid,), = self.query("SELECT id FROM child WHERE name = ?", name)
        return cid

    def event(self, event_id):
        """(child name, kind, end_at) of an event."""
        rows = self.query("SELECT c.name, e.kind, e.end_at FROM event e JOIN child c "
                          "ON c.id = e.child_id WHERE e.id = ?", event_id)
        return rows[0] if rows else None

    def latest_id(self):
        (eid,), = self.query("SELECT max(id) FROM event")
        return eid

    def setUp(self):
        super().setUp()
        self.ok("child", "add", NORA)
        self.ok("child", "add", LEO)
        self.day = ("2026-11-27", "18:00")
        for child in (NORA, LEO):
            for args in (["bed", "2026-11-25", "19:00"], ["cry", "2026-11-25", "19:05",
                                                          "2026-11-25", "19:10"],
                         ["asleep", "2026-11-25", "19:15"], ["up", "2026-11-26", "06:00"],
                         ["bed", "2026-11-26", "19:00"], ["cry", "2026-11-26", "19:05",
                                                          "2026-11-26", "19:25"],
                         ["asleep", "2026-11-26", "19:30"], ["up", "2026-11-27", "06:00"]):
                self.ok_at(self.day, *args, "-c", child)

    # Logging

    def test_a_repeated_waking_names_the_child_and_its_edit_moves_that_childs_waking(self):
        self.ok_at(("2026-11-27", "21:00"), "bed", "2026-11-27", "19:00", "-c", LEO)
        self.ok_at(("2026-11-27", "21:00"), "asleep", "2026-11-27", "19:20", "-c", LEO)
        self.ok_at(("2026-11-27", "21:00"), "woke", "2026-11-27", "20:50", "-c", LEO)
        woke = self.latest_id()
        r = self.refused(("2026-11-27", "21:00"), "woke", "20:58", "-c", LEO)
        fix, = self.commands_for(r.err, LEO)
        self.assertEqual(fix[:2], ["edit", str(woke)])
        self.ok_at(("2026-11-27", "21:00"), *fix)
        (start,), = self.query("SELECT start_at FROM event WHERE id = ?", woke)
        self.assertEqual(datetime.fromtimestamp(start, ZoneInfo(self.tz)).strftime("%H:%M"),
                         "20:58")
        self.assertEqual(self.event(woke)[0], LEO)

    def test_interval_hints_name_the_child_and_stop_and_start_that_childs_cry(self):
        self.ok_at(("2026-11-27", "19:00"), "cry", "start", "-c", LEO)
        cry = self.latest_id()
        self.ok_at(("2026-11-27", "19:00"), "cry", "start", "-c", NORA)
        r = self.refused(("2026-11-27", "19:05"), "cry", "start", "-c", LEO)
        stop, = self.commands_for(r.err, LEO)
        self.ok_at(("2026-11-27", "19:05"), *stop)
        self.assertEqual(self.event(cry)[0], LEO)
        self.assertIsNotNone(self.event(cry)[2], "Leo's cry is ended")
        self.assertIsNone(self.event(cry + 1)[2], "Nora's cry is still open")
        r = self.refused(("2026-11-27", "19:10"), "cry", "stop", "-c", LEO)
        start, = self.commands_for(r.err, LEO)
        self.ok_at(("2026-11-27", "19:10"), *start)
        self.assertEqual(self.event(self.latest_id())[:2], (LEO, "cry"))
        r = self.refused(("2026-11-27", "19:12"), "cry", "stop", "--for", "5m", "-c", LEO)
        self.commands_for(r.err, LEO)  # `cry --for DUR -c …`: DUR is for the reader

    def test_an_interval_open_too_long_names_the_edit_that_ends_it_for_that_child(self):
        self.ok_at(("2026-11-26", "07:00"), "feed", "start", "-c", LEO)
        feed = self.latest_id()
        r = self.refused(("2026-11-27", "09:00"), "feed", "stop", "-c", LEO)
        edit, rm = self.commands_for(r.err, LEO)
        self.assertEqual(rm, ["rm", str(feed), "-c", LEO])
        self.ok_at(("2026-11-27", "09:00"), *edit)
        self.assertEqual(self.query("SELECT end_at - start_at FROM event WHERE id = ?", feed),
                         [(20 * 60,)])
        self.assertEqual(self.event(feed)[0], LEO)

    def test_a_bare_time_in_a_finished_night_names_the_child_in_both_readings(self):
        r = self.refused(("2026-11-27", "18:00"), "woke", "03:00", "-c", LEO)
        explicit, other = self.commands_for(r.err, LEO)
        self.ok_at(("2026-11-27", "18:00"), *explicit)
        (night, name), = self.query("SELECT e.start_at, c.name FROM event e JOIN child c ON "
                                    "c.id = e.child_id WHERE e.id = ?", self.latest_id())
        self.assertEqual(name, LEO)
        self.assertEqual(datetime.fromtimestamp(night, ZoneInfo(self.tz)).strftime("%d %H:%M"),
                         "27 03:00")
        self.assertEqual(other[0], "woke")

    def test_a_forgotten_up_names_the_child_and_files_that_childs_up(self):
        for args in (["bed", "2026-11-27", "19:00"], ["asleep", "2026-11-27", "19:20"]):
            self.ok_at(("2026-11-27", "19:30"), *args, "-c", LEO)
            self.ok_at(("2026-11-27", "19:30"), *args, "-c", NORA)
        r = self.ok_at(("2026-11-28", "11:00"), "status", "-c", LEO)
        up, = self.commands_for(r.out, LEO)
        self.ok_at(("2026-11-28", "11:00"), *up)
        self.assertEqual(self.event(self.latest_id())[:2], (LEO, "up"))
        r = self.ok_at(("2026-11-28", "11:00"), "status", "-c", NORA)
        self.commands_for(r.out, NORA)  # Nora's up is still missing, and said so

    # Plans

    def test_plan_hints_name_the_child_and_act_on_that_childs_plan(self):
        r = self.ok_at(self.day, "plan", "show", "-c", LEO)
        start, = self.commands_for(r.out, LEO)
        self.ok_at(self.day, *start)
        self.assertEqual(self.query("SELECT child_id FROM plan"), [(self.child_id(LEO),)])
        self.commands_for(self.ok_at(self.day, "next", "-c", NORA).out, NORA)
        r = self.refused(self.day, "plan", "start", "checks", "--waits", "3,5", "-c", LEO)
        stop, = self.commands_for(r.err, LEO)
        self.ok_at(self.day, *stop)
        self.assertEqual(self.query("SELECT count(*) FROM plan"), [(0,)])
        r = self.refused(self.day, "plan", "stop", "-c", LEO)
        listing, = self.commands_for(r.err, LEO)
        self.assertIn(f"No plan for {LEO}.", self.ok_at(self.day, *listing).out)
        r = self.refused(self.day, "plan", "hold", "-c", LEO)
        self.commands_for(r.err, LEO)  # `plan start METHOD -c …`

    def test_a_review_that_holds_names_the_hold_for_that_childs_plan(self):
        self.ok_at(self.day, "plan", "start", "chair", "--from", "2026-11-25", "-c", LEO)
        self.ok_at(self.day, "plan", "start", "chair", "--from", "2026-11-25", "-c", NORA)
        r = self.ok_at(self.day, "plan", "review", "-c", LEO)
        self.assertTrue(r.out.startswith("hold: "), r)
        hold, = self.commands_for(r.out, LEO)
        self.assertIn("Holding chair for 2 nights", self.ok_at(self.day, *hold).out)
        self.assertEqual(self.query("SELECT p.child_id FROM plan_hold h JOIN plan p ON "
                                    "p.id = h.plan_id"), [(self.child_id(LEO),)])

    # Reading, tags, edit, check

    def test_json_lines_hints_name_the_child_and_export_only_that_child(self):
        for command in (["list"], ["summary"], ["nights"]):
            r = self.refused(self.day, *command, "--format", "jsonl", "-c", LEO)
            export, = self.commands_for(r.err, LEO)
            rows = [json.loads(line) for line in self.ok_at(self.day, *export).out.splitlines()]
            self.assertTrue(rows)
            self.assertEqual({row["child"] for row in rows}, {LEO})

    def test_the_report_format_hint_names_the_child_and_reports_on_that_child(self):
        r = self.refused(self.day, "report", "--format", "pdf", "-c", LEO)
        report, = self.commands_for(r.err, LEO)
        page = self.ok_at(self.day, *report).out
        self.assertIn(LEO, page)
        self.assertNotIn(NORA, page)

    def test_tag_hints_name_the_child_and_tag_that_childs_night(self):
        r = self.ok_at(self.day, "tags", "-c", LEO)
        tag, = self.commands_for(r.out, LEO)
        self.ok_at(self.day, *tag)
        self.assertEqual(self.query("SELECT child_id, night, word FROM tag"),
                         [(self.child_id(LEO), "2026-11-26", "sick")])
        for command in ("tag", "untag"):
            r = self.refused(self.day, command, "sick", "-c", LEO)
            usage = self.commands_for(r.err, LEO)
            self.assertEqual({argv[0] for argv in usage}, {command})

    def test_edit_hints_name_each_child_and_move_an_event_to_the_other(self):
        r = self.refused(self.day, "edit", "999", "--note", "x", "-c", LEO)
        listings = hint_commands(r.err)
        self.assertEqual(sorted(child_of(argv) for argv in listings), sorted([NORA, LEO]))
        for argv in listings:
            self.assertIn(f"{child_of(argv)}", self.ok_at(self.day, *argv, "--format",
                                                          "csv").out)
        r = self.refused(self.day, "edit", "1", "-c", NORA)
        move, = self.commands_for(r.err, LEO)
        self.ok_at(self.day, *move)
        self.assertEqual(self.event(1)[0], LEO)

    def test_check_names_the_child_of_each_problem_and_its_rm_fixes_it(self):
        path = os.path.join(self.dir, "second-woke.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("id,uuid,child,night,kind,start,end,duration_s,by,note\n"
                    f"100,,{LEO},2026-11-26,woke,{self.at('2026-11-26', '23:00')},,,,\n"
                    f"101,,{LEO},2026-11-26,woke,{self.at('2026-11-26', '23:10')},,,,\n")
        self.ok_at(self.day, "import", path)
        r = self.refused(self.day, "check", code=1)
        edit, rm = self.commands_for(r.out, LEO)
        self.assertEqual(rm, ["rm", "101", "-c", LEO])
        self.assertIn("-c NAME", r.err)  # the closing hint: NAME is each line's child
        self.ok_at(self.day, *rm)
        self.assertIsNone(self.event(101))
        self.assertIsNotNone(self.event(100))
        self.assertIn("No problems found", self.ok_at(self.day, "check").out)

    # Who is meant

    def test_no_child_named_leaves_a_placeholder(self):
        r = self.refused(self.day, "list", "--format", "jsonl")
        self.assertIn("`sleeplog export --format jsonl -c NAME`", r.err)

    def test_the_default_child_is_the_one_named(self):
        self.ok("config", "default-child", LEO)
        r = self.refused(self.day, "list", "--format", "jsonl")
        self.commands_for(r.err, LEO)

    def test_a_name_with_quotes_reads_back_as_one_word(self):
        odd = "Bo \"B\" O'Day $x"
        self.ok("child", "add", odd)
        r = self.refused(self.day, "cry", "stop", "-c", odd)
        start, = self.commands_for(r.err, odd)
        self.ok_at(self.day, *start)
        self.assertEqual(self.event(self.latest_id())[:2], (odd, "cry"))


class NewYork(ChildHintCases, SleeplogTest):
    tz = "America/New_York"
    now = "2026-11-27T18:00:00-05:00"


class Berlin(ChildHintCases, SleeplogTest):
    tz = "Europe/Berlin"
    now = "2026-11-27T18:00:00+01:00"


class OneChild(SleeplogTest):
    """One child: the same hints name no child."""

    def test_no_hint_names_a_child(self):
        for args in (["bed", "2026-11-26", "19:00"], ["asleep", "2026-11-26", "19:30"],
                     ["woke", "2026-11-26", "23:00"], ["cry", "start"]):
            self.ok(*args)
        texts = []
        for args in (["woke", "2026-11-26", "23:05"], ["cry", "start"], ["feed", "stop"],
                     ["list", "--format", "jsonl"], ["report", "--format", "pdf"],
                     ["edit", "999", "--note", "x"], ["plan", "stop"], ["plan", "hold"],
                     ["tag", "sick"], ["cry", "stop", "--for", "5m"]):
            r = self.run_sl(*args)
            self.assertEqual(r.code, 2, r)
            texts.append(r.err)
        for args in (["plan", "show"], ["next"], ["tags"]):
            texts.append(self.ok(*args).out)
        commands = [argv for text in texts for argv in hint_commands(text)]
        self.assertGreaterEqual(len(commands), 13, texts)
        for argv in commands:
            self.assertIsNone(child_of(argv), argv)
            self.assertNotIn("NAME", argv)


if __name__ == "__main__":
    main()
