"""`sleeplog report`, `help metrics`, notes in nights and ranges that never fail on a
bound not given (DESIGN §10), run on the built binary with a fixed clock and zone."""

import datetime
import os
import re
import xml.etree.ElementTree as ET

from harness import SleeplogTest, main

OUTCOME_KEYS = ["sol_min", "wakings", "waso_min", "tst_min", "sleep_24h_min", "twak_min",
                "cry_min"]
DISRUPTIONS = {"sick", "teething", "travel", "vaccine", "regression"}


def parse_page(html):
    """The page as an XML tree (HTML5 written as well-formed XML), after the doctype."""
    assert html.startswith("<!DOCTYPE html>\n"), html[:40]
    return ET.fromstring(html[len("<!DOCTYPE html>\n"):])


def sheet_row_of(start):
    """(row date, minute since the row's noon) of a local ISO time."""
    t = datetime.datetime.fromisoformat(start)
    minute = t.hour * 60 + t.minute
    date = t.date() if minute >= 720 else t.date() - datetime.timedelta(days=1)
    return date.isoformat(), (minute - 720) % 1440


class ReportPage(SleeplogTest):

    def setUp(self):
        super().setUp()
        self.ok("child", "add", "Mia", "--born", "2026-02-10")
        self.ok("demo", "--nights", "28")
        self.ok("note", "temp 38.4", "--at", "2026-11-25 20:10")
        # No `tag` command on this branch yet: the table is the interface.
        import sqlite3
        con = sqlite3.connect(self.db)
        con.execute("INSERT INTO tag(child_id, night, word) VALUES (1, '2026-11-25', 'sick')")
        con.commit()
        con.close()

    def test_html_is_well_formed_and_self_contained(self):
        html = self.ok("report").out
        root = parse_page(html)
        self.assertEqual(root.tag, "html")
        svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
        self.assertGreater(len(svgs), 14)
        for svg in svgs:
            ET.fromstring(svg)  # every SVG parses on its own
        self.assertNotIn("http", html)
        self.assertNotIn("<script", html.lower())
        self.assertIsNone(re.search(r"url\((?!#)", html))  # only the page's own hatch
        self.assertIn("@page{size:A4", html)
        self.assertIn('name="viewport"', html)
        self.assertIn("Sleep report: Mia", html)
        self.assertIn("9 months old", html)
        self.assertIn("Recommended for 9 months (AASM 2016): 12–16 h of sleep in 24 h.", html)

    def test_outcomes_equal_summary_json_for_the_same_range(self):
        for args in ([], ["--last", "7"], ["--since", "2026-11-10", "--until", "2026-11-20"],
                     ["--include-disrupted"]):
            with self.subTest(args=args):
                root = parse_page(self.ok("report", *args, "--compare", "previous").out)
                summary_args = [a for a in args if a != "--include-disrupted"] or ["--last", "14"]
                if "--include-disrupted" in args:
                    summary_args.append("--include-disrupted")
                data = self.ok("summary", *summary_args, "--format", "json").json()
                rows = {tr.get("data-key"): tr for tr in root.iter("tr") if tr.get("data-key")}
                self.assertEqual(list(rows), ["sol_min", "wakings", "waso_min", "tst_min",
                                              "sleep_24h_min", "twak_min", "cry_min", "feeds",
                                              "self_settled_pct"])
                # The progress sentence is summary's, with its note on disrupted nights.
                progress = next(p for p in root.iter("p") if p.get("class") == "progress")
                self.assertEqual("".join(progress.itertext()), data["message"])
                for key in OUTCOME_KEYS:
                    cells = rows[key].findall("td")
                    before, now = cells[1].get("data-value"), cells[2].get("data-value")
                    expect_before = data["previous"][key]
                    expect_now = data["current"][key]
                    self.assertEqual(now, "" if expect_now is None else
                                     f"{expect_now:g}", key)
                    self.assertEqual(before, "" if expect_before is None else
                                     f"{expect_before:g}", key)

    def test_disrupted_nights_left_out_of_the_numbers_but_on_the_sheet(self):
        data = self.ok("summary", "--last", "14", "--format", "json").json()
        tagged = [n["night"] for n in self.nights_json(data["range"]["first"],
                                                        data["range"]["last"])
                  if DISRUPTIONS & set((n["tags"] or "").split(";"))]
        self.assertEqual(tagged, ["2026-11-22", "2026-11-25"])  # the demo's and ours
        html = self.ok("report").out
        self.assertIn("2 disrupted nights left out.", html)
        root = parse_page(html)
        rows = {tr.get("data-night"): tr for tr in root.iter("tr") if tr.get("data-night")}
        for night in tagged:
            self.assertIn("sick", [span.text for span in rows[night].iter("span")])
        self.assertNotIn("disrupted night", self.ok("report", "--include-disrupted").out)
        md = self.ok("report", "--format", "md").out
        self.assertIn("2 disrupted nights left out.", md)
        self.assertRegex(md, r"Wed 25 Nov +[ .#n~!f]{96} \S+( tough)? \[sick\]")

    def self_settled_of(self, first, last):
        """The sum of self_settled over the nights of [first, last] that the outcomes
        count: nights tagged with a disruption left out, as summary does."""
        return sum(n["self_settled"] for n in self.nights_json(first, last)
                   if not DISRUPTIONS & set((n["tags"] or "").split(";")))

    def nights_json(self, first, last):
        return self.ok("nights", "--since", first, "--until", last, "--format", "json").json()

    def test_plan_section_and_self_settled_in_html_and_markdown(self):
        plan = self.ok("plan", "show", "--format", "json").json()
        self.assertEqual(plan["method"], "ferber")
        data = self.ok("summary", "--last", "14", "--format", "json").json()
        first, last = data["range"]["first"], data["range"]["last"]
        before_first, before_last = data["range"]["previous_first"], data["range"]["previous_last"]
        # Adherence over the report's nights, as plan show counts it: followed check-ins
        # (on time and not long) over all check-ins.
        checkins = [c for n in plan["nights"] if first <= n["night"] <= last
                    for c in n["checkins"]]
        self.assertGreater(len(checkins), 0)
        followed = sum(1 for c in checkins if c["timing"] == "on time" and not c["long"])
        adherence = f"{round(100 * followed / len(checkins), 1):g}%"

        root = parse_page(self.ok("report").out)
        section = next(s for s in root.iter("section") if s.get("class") == "plan")
        text = "".join(section.itertext())
        self.assertIn("Method: ferber", text)
        self.assertIn(f"{len(checkins)} check-ins", text)
        self.assertIn(f"adherence: {adherence}", text)
        # The share of crying episodes settled alone, over the nights the outcomes count.
        kept = [n for n in self.nights_json(first, last)
                if not DISRUPTIONS & set((n["tags"] or "").split(";"))]
        share = round(100 * sum(n["self_settled"] for n in kept) /
                      sum(n["cry_episodes"] for n in kept))
        root = parse_page(self.ok("report", "--compare", "previous").out)
        row = next(tr for tr in root.iter("tr") if tr.get("data-key") == "self_settled_pct")
        self.assertEqual(row.findall("td")[2].text, str(share))

        md = self.ok("report", "--format", "md").out
        self.assertIn("## Plan\n\nMethod **ferber** from the night of ", md)
        self.assertIn(f"adherence {adherence}.", md)
        self.assertRegex(md, r"\| Crying episodes settled alone +\| % +\|")

        # Over the whole plan the page says what `plan show` says.
        whole = parse_page(self.ok("report", "--since", plan["from"]).out)
        section = next(s for s in whole.iter("section") if s.get("class") == "plan")
        text = "".join(section.itertext())
        self.assertIn(f"{plan['checkins']} check-ins", text)
        self.assertIn(f"adherence: {plan['adherence_pct']:g}%", text)
        self.assertIn(f"on time: {plan['on_time_pct']:g}%", text)

    def test_output_refuses_a_symlink_and_leaves_its_target(self):
        target = f"{self.dir}/other.txt"
        with open(target, "w") as f:
            f.write("keep me\n")
        link = f"{self.dir}/sleep.html"
        os.symlink(target, link)
        r = self.fails(2, "report", "-o", link)
        self.assertNotEqual(r.err, "")
        self.assertTrue(os.path.islink(link))
        with open(target) as f:
            self.assertEqual(f.read(), "keep me\n")
        self.assertEqual([n for n in os.listdir(self.dir) if "sleep.html" in n], ["sleep.html"])

    def test_sheet_has_one_row_per_night_and_each_event_at_its_minute(self):
        root = parse_page(self.ok("report").out)
        rows = [tr for tr in root.iter("tr") if tr.get("data-night")]
        nights = [tr.get("data-night") for tr in rows]
        first = datetime.date.fromisoformat(
            self.ok("summary", "--last", "14", "--format", "json").json()["range"]["first"])
        self.assertEqual(nights, [(first + datetime.timedelta(days=i)).isoformat()
                                  for i in range(14)])
        marks = {}
        for tr in rows:
            for rect in tr.iter("rect"):
                marks.setdefault(tr.get("data-night"), set()).add(
                    (rect.get("class"), int(rect.get("x"))))
        events = self.ok("list", "--last", "14", "--format", "json").json()
        checked = 0
        for e in events:
            kind = {"checkin": "checkin", "cry": "crying", "feed": "feed", "nap": "nap"}.get(
                e["kind"])
            if kind is None:
                continue
            night, minute = sheet_row_of(e["start"])
            if night not in nights:
                continue  # a morning nap of the first day sits before the sheet
            self.assertIn((kind, minute), marks[night], e)
            checked += 1
        self.assertGreater(checked, 40)
        # The night tagged sick shows its tag beside its row, and its note below.
        sick = next(tr for tr in rows if tr.get("data-night") == "2026-11-25")
        self.assertIn("sick", [span.text for span in sick.iter("span")])
        self.assertIn("Wed 25 Nov 20:10 temp 38.4",
                      [li.text for li in root.iter("li")])

    def test_who_handled_the_wakings(self):
        root = parse_page(self.ok("report").out)
        section = next(s for s in root.iter("section") if s.get("class") == "who")
        names = [th.text for th in next(section.iter("tr")).findall("th")][1:]
        self.assertEqual(sorted(names), ["Alex", "Sam"])

    def test_markdown_has_the_outcomes_and_an_ascii_grid(self):
        md = self.ok("report", "--format", "md").out
        self.assertTrue(md.startswith("# Sleep report: Mia\n"))
        self.assertRegex(md, r"\| Settling time +\| min +\|")
        grid = re.findall(r"^(\w{3} \d{1,2} \w{3}) +([ .#n~!f]{96}) ", md, re.M)
        self.assertEqual(len(grid), 14)
        self.assertRegex(md, r"Wed 25 Nov +[ .#n~!f]{96} \S+( tough)? \[sick\]")
        self.assertIn("- Wed 25 Nov 20:10 temp 38.4", md)

    def test_output_file_and_bad_format(self):
        path = f"{self.dir}/sleep.html"
        r = self.ok("report", "-o", path)
        self.assertEqual(r.out, "")
        with open(path) as f:
            self.assertEqual(f.read(), self.ok("report").out)
        md_path = f"{self.dir}/sleep.md"
        self.ok("report", "-o", md_path)
        with open(md_path) as f:
            self.assertEqual(f.read(), self.ok("report", "--format", "md").out)
        r = self.fails(2, "report", "--format", "pdf")
        self.assertIn("html or md", r.err)


class BerlinNight(SleeplogTest):
    """A night across the autumn clock change in Berlin is drawn at wall-clock minutes."""

    now = "2026-10-26T09:00:00+01:00"
    tz = "Europe/Berlin"

    def test_dst_night_on_the_sheet(self):
        self.ok("bed", "2026-10-24", "19:00")
        self.ok("asleep", "2026-10-24", "19:30")
        self.ok("checkin", "2026-10-25", "3:10", "2026-10-25", "3:14")
        self.ok("up", "2026-10-25", "06:30")
        root = parse_page(self.ok("report", "--last", "1").out)
        row = next(tr for tr in root.iter("tr") if tr.get("data-night") == "2026-10-24")
        rects = {(r.get("class"), int(r.get("x")), int(r.get("width")))
                 for r in row.iter("rect")}
        self.assertIn(("inbed", 420, 690), rects)  # 19:00 to 06:30 on the wall
        self.assertIn(("checkin", 910, 6), rects)  # 03:10
        night = self.ok("show", "--format", "json").json()["night"]
        self.assertEqual(night["tib_min"], 750)  # 12.5 h slept in real time


class ReadableText(SleeplogTest):

    def test_help_metrics_and_pointers(self):
        text = self.ok("help", "metrics").out
        for name in ("sol_min", "waso_min", "sri", "bedtime_sd_min", "consistency_pct",
                     "self_settled", "response_min", "concern_reasons"):
            self.assertIn(f"({name})", text)
        self.assertIn("Usage", self.ok("help", "nights").out)
        r = self.fails(2, "help", "metric")
        self.assertIn("sleeplog help metrics", r.err)
        self.log_worked_night()
        for command in ("summary", "trend", "nights"):
            out = self.ok(command).out
            self.assertTrue(out.endswith("What each number means: sleeplog help metrics\n"),
                            command)

    def test_nights_show_notes_and_h_mm(self):
        self.log_worked_night()
        self.ok("note", "temp 38.4", "--at", "2026-11-27 23:30")
        out = self.ok("nights", LANG="C").out
        self.assertIn("Fri 27 Nov  19:00      20     2    55  06:30   9:55", out)
        self.assertIn("\n            note 23:30 temp 38.4\n", out)
        self.assertIn("temp 38.4", self.ok("show").out)
        summary = self.ok("summary", LANG="C").out
        self.assertIn("night sleep               9:55", summary)
        self.assertIn("settling                  20.0", summary)

    def test_range_never_fails_on_a_bound_not_given(self):
        self.log_worked_night()
        r = self.ok("export", "--since", "2030-01-01")
        self.assertEqual(r.out, "id,uuid,child,night,kind,start,end,duration_s,by,note\n")
        r = self.ok("nights", "--since", "2030-01-01")
        self.assertIn("No nights in this range.", r.out)
        self.ok("summary", "--since", "2030-01-01", "--format", "json")
        # Both bounds given the wrong way round is the user's own range: an error.
        r = self.fails(2, "export", "--since", "2030-01-01", "--until", "2029-01-01")
        self.assertIn("--since 2030-01-01 is after --until 2029-01-01", r.err)


if __name__ == "__main__":
    main()
