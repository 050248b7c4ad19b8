"""Truthful nights: main sleep and second put-downs, the naps setting,
concern reasons, check's rules, and app exports re-imported as they grow."""

import csv
import io
import os

from harness import SOURCE, SleeplogTest, main

DATA = os.path.join(SOURCE, "tests", "data")
APPS = ("huckleberry", "babyconnect", "babybuddy", "babytracker", "glow")


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


class MainSleep(SleeplogTest):
    def night(self, **env):
        return self.ok("show", "--format", "json", **env).json()["night"]

    def test_worked_check_up_and_put_back(self):
        for args in (["bed", "2026-11-26", "19:00"], ["asleep", "2026-11-26", "19:20"],
                     ["up", "2026-11-27", "05:00"], ["asleep", "2026-11-27", "05:10"],
                     ["up", "2026-11-27", "06:30"]):
            self.ok(*args)
        n = self.night()
        self.assertEqual(n["night"], "2026-11-26")
        self.assertEqual((n["wakings"], n["waso_min"], n["tst_min"], n["up"], n["twak_min"], n["sol_min"]),
                         (1, 10, 660, "2026-11-27T06:30:00-05:00", 0, 20))
        self.assertEqual(len(rows_of(self.ok("nights", "--format", "csv").out)), 1)
        self.assertEqual(self.ok("check").out, "No problems found in 5 events.\n")

    def test_worked_check_evening_catnap_in_berlin(self):
        env = {"TZ": "Europe/Berlin", "SLEEPLOG_NOW": "2026-03-30T12:00:00+02:00"}
        # The night of the spring-forward change: 21:49 CET to 08:05 CEST is 556 minutes.
        for args in (["asleep", "2026-03-28", "18:05"], ["up", "2026-03-28", "18:25"],
                     ["bed", "2026-03-28", "21:30"], ["asleep", "2026-03-28", "21:49"],
                     ["up", "2026-03-29", "08:05"], ["nap", "2026-03-28", "10:00", "2026-03-28", "11:00"]):
            self.ok(*args, **env)
        n = self.night(**env)
        self.assertEqual((n["bedtime"], n["sol_min"], n["tst_min"], n["naps"], n["nap_min"], n["sleep_24h_min"]),
                         ("2026-03-28T21:30:00+01:00", 19, 556, 2, 80, 636))
        self.assertEqual(self.ok("check", **env).out, "No problems found in 6 events.\n")

    def test_worked_check_evening_catnap(self):
        for args in (["asleep", "2026-11-26", "18:05"], ["up", "2026-11-26", "18:25"],
                     ["bed", "2026-11-26", "21:30"], ["asleep", "2026-11-26", "21:49"],
                     ["up", "2026-11-27", "08:05"]):
            self.ok(*args)
        self.ok("config", "naps", "logged")
        n = self.night()
        self.assertEqual((n["bedtime"][11:16], n["sol_min"], n["tst_min"], n["wakings"], n["naps"], n["nap_min"]),
                         ("21:30", 19, 616, 0, 1, 20))
        self.assertEqual(n["concern"], False)

    def test_second_put_down_is_one_night_and_no_problem(self):
        for args in (["bed", "2026-11-26", "19:00"], ["asleep", "2026-11-26", "19:20"],
                     ["woke", "2026-11-26", "23:00"], ["bed", "2026-11-26", "23:30"],
                     ["asleep", "2026-11-26", "23:45"], ["up", "2026-11-27", "06:00"]):
            self.ok(*args)
        n = self.night()
        self.assertEqual((n["bedtime"][11:16], n["sol_min"], n["wakings"], n["waso_min"], n["complete"]),
                         ("19:00", 20, 1, 45, True))
        self.assertEqual(self.ok("check").out, "No problems found in 6 events.\n")

    def test_two_woke_in_a_row_is_a_problem_naming_both(self):
        # Logging refuses the repeat (DESIGN §4); an import keeps what its file says, and
        # check then names both events.
        for args in (["bed", "2026-11-26", "19:00"], ["asleep", "2026-11-26", "19:20"],
                     ["woke", "2026-11-26", "23:00"]):
            self.ok(*args)
        refused = self.run_sl("woke", "2026-11-26", "23:10")
        self.assertEqual(refused.code, 2, refused)
        self.assertIn("#3", refused.err)
        path = os.path.join(self.dir, "second-woke.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("id,uuid,child,night,kind,start,end,duration_s,by,note\n"
                    "4,,baby,2026-11-26,woke,2026-11-26T23:10:00-05:00,,,,\n")
        self.ok("import", path)
        for args in (["asleep", "2026-11-26", "23:30"], ["up", "2026-11-27", "06:00"]):
            self.ok(*args)
        r = self.run_sl("check")
        self.assertEqual(r.code, 1, r)
        self.assertEqual(r.out, "baby: #3 woke 2026-11-26 23:00 and #4 woke 2026-11-26 23:10: woke twice "
                                "with no asleep between (fix with `sleeplog edit 4` or `sleeplog rm 4`)\n")
        self.assertFalse(self.night()["complete"])

    def test_a_nap_during_the_night_sleep_is_an_overlap(self):
        for args in (["bed", "2026-11-26", "19:00"], ["asleep", "2026-11-26", "19:20"],
                     ["nap", "2026-11-26", "20:00", "2026-11-26", "20:30"], ["up", "2026-11-27", "06:00"]):
            self.ok(*args)
        r = self.run_sl("check")
        self.assertEqual(r.code, 1, r)
        self.assertIn("#2 asleep 2026-11-26 19:20 and #3 nap 2026-11-26 20:00: overlap", r.out)


class NapsAndConcern(SleeplogTest):
    def log_tough_night(self):
        self.ok("bed", "2026-11-26", "19:00")
        self.ok("asleep", "2026-11-26", "19:15")
        for hour, back in ((20, 20), (21, 20), (22, 20), (23, 25)):
            self.ok("woke", "2026-11-26", f"{hour}:00")
            self.ok("asleep", "2026-11-26", f"{hour}:{back}")
        self.ok("up", "2026-11-27", "06:00")

    def test_naps_setting_validation(self):
        self.assertEqual(self.ok("config", "naps").out, "auto\n")
        r = self.fails(2, "config", "naps", "sometimes")
        self.assertIn("naps: 'sometimes' is not valid", r.err)
        self.assertIn("auto", r.err)
        self.assertIn("untracked", r.err)
        self.assertFalse(os.path.exists(self.db) and self.query("SELECT * FROM setting WHERE key = 'naps'"))
        self.assertEqual(self.ok("config", "naps", "untracked").out, "naps = untracked\n")
        self.assertEqual(self.ok("config", "naps").out, "untracked\n")

    def test_unknown_naps_are_empty_everywhere_and_concern_uses_what_is_known(self):
        self.log_tough_night()
        n = self.ok("show", "--format", "json").json()["night"]
        self.assertEqual((n["naps"], n["nap_min"], n["sleep_24h_min"]), (None, None, None))
        self.assertEqual((n["wakings"], n["waso_min"], n["tst_min"]), (4, 85, 560))
        self.assertEqual((n["concern"], n["concern_reasons"]), (True, "wakings>3;waso>60"))
        row = rows_of(self.ok("nights", "--format", "csv").out)[0]
        self.assertEqual((row["naps"], row["nap_min"], row["sleep_24h_min"]), ("", "", ""))
        self.assertEqual(list(row)[list(row).index("concern") + 1], "concern_reasons")
        self.assertEqual(row["concern_reasons"], "wakings>3;waso>60")
        show = self.ok("show", LANG="C").out
        self.assertIn("naps             -", show)
        self.assertIn("concern          yes: 4 wakings, 85 min awake", show)
        table = self.ok("nights", LANG="C").out
        self.assertIn("tough: 4 wakings, 85 min awake", table)
        summary = self.ok("summary", LANG="C").out
        self.assertIn("Thu 26 Nov (4 wakings, 85 min awake)", summary)

    def test_logged_makes_every_day_known(self):
        self.log_tough_night()
        self.ok("config", "naps", "logged")
        n = self.ok("show", "--format", "json").json()["night"]
        self.assertEqual((n["naps"], n["nap_min"], n["sleep_24h_min"]), (0, 0, 560))
        self.assertEqual(n["concern_reasons"], "wakings>3;waso>60")
        self.ok("bed", "2026-11-27", "19:00")
        self.ok("asleep", "2026-11-27", "19:15")
        self.ok("up", "2026-11-28", "03:00")
        n = self.ok("show", "--format", "json").json()["night"]
        self.assertEqual((n["sleep_24h_min"], n["concern"], n["concern_reasons"]), (465, True, "sleep_24h<540"))
        self.assertIn("concern          yes: 7:45 sleep in 24 h", self.ok("show", LANG="C").out)
        self.ok("config", "naps", "untracked")
        n = self.ok("show", "--format", "json").json()["night"]
        self.assertEqual((n["sleep_24h_min"], n["concern"], n["concern_reasons"]), (None, False, None))

    def test_auto_knows_days_near_a_logged_nap(self):
        for day in (22, 23, 24, 25, 26):
            self.ok("bed", f"2026-11-{day}", "19:00")
            self.ok("asleep", f"2026-11-{day}", "19:10")
            self.ok("up", f"2026-11-{day + 1}", "06:10")
        self.ok("nap", "2026-11-25", "13:00", "2026-11-25", "14:00")
        rows = rows_of(self.ok("nights", "--format", "csv").out)
        self.assertEqual([(r["night"], r["nap_min"], r["sleep_24h_min"], r["concern"]) for r in rows],
                         [("2026-11-22", "", "", "false"), ("2026-11-23", "0", "660", "false"),
                          ("2026-11-24", "0", "660", "false"), ("2026-11-25", "60", "720", "false"),
                          ("2026-11-26", "0", "660", "false")])
        self.ok("config", "naps", "untracked")
        rows = rows_of(self.ok("nights", "--format", "csv").out)
        self.assertTrue(all(r["nap_min"] == "" and r["naps"] == "" for r in rows))


class GrowingExports(SleeplogTest):
    now = "2026-01-20T12:00:00-05:00"

    def path(self, app, kind):
        return os.path.join(DATA, f"{app}-{kind}.csv")

    def state(self):
        nights = self.ok("nights", "--since", "2026-01-10", "--until", "2026-01-14", "--format", "csv").out
        events = [(r["kind"], r["start"], r["end"], r["note"])
                  for r in rows_of(self.ok("list", "--since", "2026-01-10", "--format", "csv").out)]
        return nights, events

    def test_short_then_long_equals_long_alone(self):
        for app in APPS:
            with self.subTest(app=app):
                self.tearDown()
                self.setUp()
                self.ok("import", self.path(app, "long"), "--child", "Kit")
                alone = self.state()
                self.tearDown()
                self.setUp()
                self.ok("import", self.path(app, "short"), "--child", "Kit")
                short = self.state()
                before = self.digest()
                dry = self.ok("import", self.path(app, "long"), "--child", "Kit", "--dry-run").out
                self.assertIn("Would import 7 events", dry)
                self.assertIn("would rebuild 1 night or nap", dry)
                self.assertEqual(self.digest(), before)
                r = self.ok("import", self.path(app, "long"), "--child", "Kit")
                self.assertIn("Imported 7 events (1 night, 1 nap, 2 wakings) for Kit", r.out)
                self.assertIn("rebuilt 1 night or nap that an earlier import had shorter "
                              "(2 old events replaced)", r.out)
                self.assertEqual(self.state(), alone)
                self.assertEqual(self.ok("check").out, f"No problems found in {len(alone[1])} events.\n")
                events = alone[1]
                self.assertEqual(len(events), len(set(events)))  # no duplicate events
                # Importing either file again adds nothing.
                again = self.ok("import", self.path(app, "long"), "--child", "Kit").out
                self.assertTrue(again.startswith("Imported 0 events"), again)
                self.ok("import", self.path(app, "short"), "--child", "Kit")
                self.assertEqual(self.state(), alone)
                self.ok("undo")
                self.assertEqual(self.state(), short)
                self.assertEqual(self.ok("check").out, f"No problems found in {len(short[1])} events.\n")

    def test_the_night_of_every_format(self):
        for app in APPS:
            with self.subTest(app=app):
                self.tearDown()
                self.setUp()
                self.ok("import", self.path(app, "long"), "--child", "Kit")
                night = rows_of(self.state()[0])[0]
                # 21:49-23:00, 23:20-06:30 with a nap row 06:10-06:50 inside it (merged, not
                # counted twice), and 06:55-07:30 continuing the night (5 min after it).
                self.assertEqual((night["night"], night["asleep"][11:16], night["wakings"], night["waso_min"],
                                  night["up"][11:16], night["tst_min"]),
                                 ("2026-01-12", "21:49", "2", "25", "07:30", str(71 + 450 + 35)))
                # The morning nap and the 18:05 catnap are naps of the 12th.
                self.assertEqual((night["naps"], night["nap_min"], night["sleep_24h_min"]), ("2", "80", "636"))
                self.assertEqual(self.ok("check").out.startswith("No problems found"), True)

    def test_babytracker_rows_without_the_empty_note(self):
        r = self.ok("import", "-", "--from", "babytracker", "--dry-run",
                    input='Baby,Time,Duration(minutes),Note\nBaby,"1/13/26, 19:54",660\n')
        self.assertIn("Would import 2 events (1 night, 0 naps, 0 wakings) for Baby", r.out)
        r = self.fails(2, "import", "-", "--from", "babytracker",
                       input='Baby,Time,Duration(minutes),Note\nBaby,"1/13/26, 19:54",660,a,b\n')
        self.assertIn("wrong column count", r.err)


class RealExport(SleeplogTest):
    tz = "America/Los_Angeles"
    now = "2026-11-28T07:00:00-08:00"

    def test_babyconnect_eva_nights_the_new_rules_changed(self):
        path = os.path.join(DATA, "babyconnect-eva.csv")
        r = self.ok("import", path, "--tz", "America/Los_Angeles", "--child", "Eva")
        self.assertEqual(r.out, f"Imported 2,550 events (360 nights, 1,160 naps, 323 wakings) for Eva from {path}; "
                                "4,207 rows: 1,855 imported, 2,348 not sleep, 1 unfinished, 2 overlapping, 1 inside a longer row\n")
        rows = {n["night"]: n for n in rows_of(self.ok("nights", "--since", "2019-12-01", "--until",
                                                       "2020-12-31", "--format", "csv").out)}
        self.assertEqual(len(rows), 360)
        self.assertEqual(sum(n["concern"] == "true" for n in rows.values()), 96)  # 156 before the main-sleep rule, 146 before evening catnaps
        # Naps are logged every day of the file; the night of 2019-12-19, whose sleep begins
        # at 01:49 on the 20th, is the day before the log's first moment: unknown.
        self.assertEqual([night for night, n in rows.items() if n["nap_min"] == ""], ["2019-12-19"])

        def numbers(night):
            n = rows[night]
            return (n["asleep"][11:16], n["wakings"], n["waso_min"], n["up"][11:16], n["tst_min"], n["naps"],
                    n["nap_min"], n["concern"], n["concern_reasons"])
        # An evening catnap 20:00-20:49, then the night from 01:07: once a 49-minute "tough" night.
        self.assertEqual(numbers("2020-01-10"), ("01:07", "0", "0", "07:34", "387", "6", "311", "false", ""))
        # A 06:35 sleep 25 min after the night ended at 06:10 goes on with it (was a 64-min nap).
        # Its 19:56 sleep of 37 min, then 98 min awake, is an evening catnap: the night
        # starts at 22:11 (was 19:56, 3 wakings, waso 170, tst 533, 5 naps of 141 min).
        self.assertEqual(numbers("2020-04-03"), ("22:11", "2", "72", "07:39", "496", "6", "178", "true", "waso>60"))
        # And the next evening's 21:28-22:00 sleep, 73 min before the night, is that day's nap.
        self.assertEqual((rows["2020-04-04"]["naps"], rows["2020-04-04"]["nap_min"]), ("6", "247"))
        # Two blocks, 19:34-23:42 and 02:42-07:30: the longer second one is the main sleep.
        self.assertEqual(numbers("2020-10-12"), ("02:42", "0", "0", "07:30", "288", "3", "395", "false", ""))
        self.ok("config", "naps", "untracked")
        rows = rows_of(self.ok("nights", "--since", "2020-10-01", "--until", "2020-10-31", "--format", "csv").out)
        self.assertTrue(all(n["naps"] == n["nap_min"] == n["sleep_24h_min"] == "" for n in rows))


if __name__ == "__main__":
    main()
