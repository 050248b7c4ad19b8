"""The consultant's report page (DESIGN §10) on a scripted 16-night history: two nights
before a ferber plan, a sick night with a tag note, two caregivers, a 2-hour waking with
a 1-hour cry. Every number the page shows is checked against `export --events`,
`nights` and `summary`, computed here independently."""

import datetime
import re
import statistics
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET

from harness import SleeplogTest, main

FIRST = datetime.date(2026, 11, 12)  # night 1; the plan starts on night 3
NIGHTS = 16
PLAN_FROM = "2026-11-14"
SICK = "2026-11-22"
LONG = "2026-11-20"  # the 2-hour waking, with a 1-hour cry
HOSTILE = ["[click](javascript:alert(6))", "![px](http://evil.example/p.png)",
           "<img src=x onerror=alert(1)>", "# heading", "- item", "1. item", "a|b",
           "\u202eevil", "<http://evil.example>"]


def iso(day, clock):
    """ISO local time at the zone's November offset (-05:00); clocks before noon are the
    next morning."""
    h, m = map(int, clock.split(":"))
    d = day + datetime.timedelta(days=1) if h < 12 else day
    return f"{d.isoformat()}T{h:02}:{m:02}:00-05:00"


def history():
    """Rows (kind, start, end, by, note) of the scripted history."""
    rows = []
    for i in range(NIGHTS):
        day = FIRST + datetime.timedelta(days=i)
        night = day.isoformat()
        by = "Dad" if i % 2 == 0 else "Mum"
        rows.append(("nap", iso(day, "13:00"), iso(day, "14:30"), by, ""))
        rows.append(("bed", iso(day, "19:00"), "", by, ""))
        rows.append(("cry", iso(day, "19:00"), iso(day, "19:12"), "", ""))
        rows.append(("asleep", iso(day, "19:15"), "", "", ""))
        if night == LONG:
            rows += [("woke", iso(day, "01:00"), "", "Mum", ""),
                     ("cry", iso(day, "01:00"), iso(day, "02:00"), "", ""),
                     ("checkin", iso(day, "01:05"), iso(day, "01:07"), "Mum", ""),
                     ("asleep", iso(day, "03:00"), "", "", "")]
        else:
            rows += [("woke", iso(day, "02:10"), "", by, ""),
                     ("cry", iso(day, "02:10"), iso(day, "02:30"), "", ""),
                     ("checkin", iso(day, "02:15"), iso(day, "02:17"), by, ""),
                     ("asleep", iso(day, "02:35"), "", "", "")]
        if i % 3 == 0:
            rows += [("woke", iso(day, "23:30"), "", "Mum", ""),
                     ("feed", iso(day, "23:32"), iso(day, "23:50"), "Mum", ""),
                     ("asleep", iso(day, "23:55"), "", "", "")]
        if i % 4 == 1:  # an 8-minute waking that settles alone
            rows += [("woke", iso(day, "04:00"), "", "Dad", ""),
                     ("cry", iso(day, "04:00"), iso(day, "04:03"), "", ""),
                     ("asleep", iso(day, "04:08"), "", "", "")]
        rows.append(("up", iso(day, "06:30"), "", by, HOSTILE[i % len(HOSTILE)]))
    return rows


def markdown_token_types(md):
    """The token types markdown-it (CommonMark) makes of `md`, inline ones included; run
    by whichever Python has the module (python3-markdown-it is a Debian package)."""
    code = ("import sys, markdown_it\n"
            "for t in markdown_it.MarkdownIt().parse(sys.stdin.read()):\n"
            "    print(t.type)\n"
            "    for c in t.children or []:\n"
            "        print(c.type)\n")
    for python in (sys.executable, "/usr/bin/python3"):
        r = subprocess.run([python, "-c", code], input=md, capture_output=True, text=True)
        if r.returncode == 0:
            return set(r.stdout.split())
    raise unittest.SkipTest("markdown_it is not installed")


def parse_page(html):
    assert html.startswith("<!DOCTYPE html>\n"), html[:40]
    return ET.fromstring(html[len("<!DOCTYPE html>\n"):])


def text_of(element):
    return "".join(element.itertext())


class ConsultantPage(SleeplogTest):

    def setUp(self):
        super().setUp()
        path = f"{self.dir}/history.csv"
        with open(path, "w") as f:
            f.write("id,uuid,child,night,kind,start,end,duration_s,by,note\n")
            for kind, start, end, by, note in history():
                quoted = '"' + note.replace('"', '""') + '"'
                f.write(f",,baby,,{kind},{start},{end},,{by},{quoted}\n")
        self.ok("import", path)
        self.ok("plan", "start", "ferber", "--from", PLAN_FROM)
        self.ok("tag", SICK, "sick", "--note", "temp 38.4")

    def events(self):
        return self.ok("export", "--events", "--format", "json").json()

    def real_wakings(self):
        """(night, woke event, next asleep) of every waking inside the night's sleep,
        from the exported events alone."""
        by_night = {}
        for e in self.events():
            by_night.setdefault(e["night"], []).append(e)
        out = []
        for night, events in sorted(by_night.items()):
            events.sort(key=lambda e: e["start"])
            for i, e in enumerate(events):
                if e["kind"] != "woke":
                    continue
                after = next(x for x in events[i + 1:] if x["kind"] in ("asleep", "up"))
                if after["kind"] == "asleep":
                    out.append((night, e, after, events))
        return out

    def test_every_waking_in_the_nights_table_with_time_length_and_caregiver(self):
        root = parse_page(self.ok("report").out)
        lines = {tr.get("data-line"): tr for tr in root.iter("tr") if tr.get("data-line")}
        self.assertEqual(len(lines), 14)
        checked = 0
        for night, woke, asleep, events in self.real_wakings():
            if night not in lines:
                continue
            start = datetime.datetime.fromisoformat(woke["start"])
            minutes = round((datetime.datetime.fromisoformat(asleep["start"]) - start)
                            .total_seconds() / 60)
            length = f"{minutes // 60}h{minutes % 60:02}m" if minutes >= 60 else f"{minutes}m"
            responses = [x for x in events if x["kind"] in ("checkin", "feed")
                         and woke["start"] <= x["start"] < asleep["start"]]
            how = ({"checkin": "check-in", "feed": "feed"}[responses[0]["kind"]]
                   if responses else "self-settled")
            who = responses[0]["by"] if responses else woke["by"]
            expected = f"{start:%H:%M} {length} {who} {how}"
            shown = [span.text for span in lines[night].iter("span") if span.get("class") == "w"]
            self.assertIn(expected, shown, night)
            checked += 1
        self.assertGreaterEqual(checked, 14 + 5 + 3)
        # The 2-hour waking, and the sick night's tag with its note.
        self.assertIn("01:00 2h00m Mum check-in", text_of(lines[LONG]))
        self.assertIn("sick: temp 38.4", text_of(lines[SICK]))
        self.assertIn("04:00 8m Dad self-settled", text_of(lines["2026-11-14"]) +
                      text_of(lines["2026-11-17"]))

    def test_before_the_plan_against_the_plan_with_night_counts_and_no_arrow_under_3(self):
        root = parse_page(self.ok("report").out)
        section = next(s for s in root.iter("section") if s.get("class") == "outcomes")
        caption = text_of(section.find(".//caption"))
        # 14 nights before the plan hold the 2 logged; the plan's 14 less the sick night.
        self.assertIn("Before the plan (Sat 31 Oct – Fri 13 Nov, 2 nights)", caption)
        self.assertIn("On the plan (Sat 14 Nov – Fri 27 Nov, 13 nights)", caption)
        rows = {tr.get("data-key"): tr for tr in section.iter("tr") if tr.get("data-key")}
        self.assertEqual(list(rows), ["sol_min", "wakings", "waso_min", "tst_min",
                                      "sleep_24h_min", "twak_min", "cry_min", "feeds",
                                      "self_settled_pct"])
        self.assertNotIn("checkins", rows)  # check-ins are the plan's, not better/worse
        for key, tr in rows.items():
            change = tr.findall("td")[-1]
            self.assertEqual(change.text, "–", key)
        self.assertIn("fewer than 3 nights", text_of(section))
        html = self.ok("report").out
        self.assertNotIn("↓", html)
        self.assertNotIn("↑", html)

        # With 5 nights before the plan in the page, arrows come back.
        root = parse_page(self.ok("report", "--last", "16").out)
        section = next(s for s in root.iter("section") if s.get("class") == "outcomes")
        self.assertIn("2 nights", text_of(section.find(".//caption")))
        # --compare previous gives the old comparison, equal to summary's.
        root = parse_page(self.ok("report", "--last", "7", "--compare", "previous").out)
        data = self.ok("summary", "--last", "7", "--format", "json").json()
        rows = {tr.get("data-key"): tr for tr in root.iter("tr") if tr.get("data-key")}
        for key in ("sol_min", "wakings", "waso_min", "tst_min", "cry_min"):
            self.assertEqual(rows[key].findall("td")[1].get("data-value"),
                             f"{data['previous'][key]:g}", key)
            self.assertEqual(rows[key].findall("td")[2].get("data-value"),
                             f"{data['current'][key]:g}", key)
        section = next(s for s in root.iter("section") if s.get("class") == "outcomes")
        self.assertRegex(text_of(section), r"[↑↓=]")
        self.fails(2, "report", "--compare", "lastweek")

    def test_self_settled_share_and_feeds_per_column(self):
        nights = self.ok("nights", "--since", PLAN_FROM, "--format", "json").json()
        kept = [n for n in nights if "sick" not in (n["tags"] or "")]
        share = round(100 * sum(n["self_settled"] for n in kept) /
                      sum(n["cry_episodes"] for n in kept))
        feeds = sum(n["feeds"] for n in kept) / len(kept)
        root = parse_page(self.ok("report").out)
        rows = {tr.get("data-key"): tr for tr in root.iter("tr") if tr.get("data-key")}
        self.assertEqual(rows["self_settled_pct"].findall("td")[2].text, str(share))
        self.assertEqual(rows["feeds"].findall("td")[2].text, f"{feeds:.1f}")

    def test_caregivers_side_by_side_equal_the_exported_events(self):
        sick = SICK
        nights = {n["night"] for n in self.ok("nights", "--last", "14", "--format",
                                                "json").json()} - {sick}
        events = [e for e in self.events() if e["night"] in nights]
        handled, responses, lengths = {}, {}, {}
        for night, woke, asleep, evs in self.real_wakings():
            if night not in nights:
                continue
            rs = [x for x in evs if x["kind"] in ("checkin", "feed")
                  and woke["start"] <= x["start"] < asleep["start"]]
            who = rs[0]["by"] if rs else woke["by"]
            handled[who] = handled.get(who, 0) + 1
        for cry in (e for e in events if e["kind"] == "cry"):
            first = next((x for x in events if x["kind"] in ("checkin", "feed")
                          and cry["start"] <= x["start"] < cry["end"]), None)
            if first:
                minutes = (datetime.datetime.fromisoformat(first["start"]) -
                           datetime.datetime.fromisoformat(cry["start"])).total_seconds() / 60
                responses.setdefault(first["by"], []).append(minutes)
        for c in (e for e in events if e["kind"] == "checkin"):
            lengths.setdefault(c["by"], []).append(c["duration_s"] / 60)
        root = parse_page(self.ok("report").out)
        section = next(s for s in root.iter("section") if s.get("class") == "who")
        trs = list(section.iter("tr"))
        names = [th.text for th in trs[0].findall("th")][1:]
        self.assertEqual(sorted(names), ["Dad", "Mum"])
        table = {tr.find("th").text: [td.text for td in tr.findall("td")] for tr in trs[1:]}
        for i, name in enumerate(names):
            self.assertEqual(table["wakings handled"][i], str(handled[name]), name)
            self.assertEqual(table["median response to crying, min"][i],
                             f"{statistics.median(responses[name]):.1f}", name)
            self.assertEqual(table["mean check-in length, min"][i],
                             f"{statistics.mean(lengths[name]):.1f}", name)
        # Real wakings only: the morning `up` is never counted.
        self.assertEqual(sum(handled.values()),
                         sum(int(x) for x in table["wakings handled"]))
        self.assertNotIn("fault", text_of(section).lower())

    def test_hostile_notes_and_names_stay_text_in_markdown(self):
        self.ok("child", "edit", "baby", "--name", "[x](http://evil.example) #1")
        md = self.ok("report", "--format", "md", "--last", "16").out
        self.assertIn("\\u202e", md)
        self.assertNotIn("\u202e", md)
        kinds = markdown_token_types(md)
        self.assertFalse(kinds & {"link_open", "image", "html_inline", "html_block"}, kinds)
        self.assertIn("bullet_list_open", kinds)  # the notes list is still a list
        self.assertEqual(md.count("\n- "), 16)  # one item per note, no note made a list

    def test_html_escapes_names_and_notes_and_breaks_long_words(self):
        self.ok("note", "x" * 10000, "--at", "2026-11-27 20:00")
        self.ok("child", "edit", "baby", "--name", "\u202eMia <b>")
        html = self.ok("report").out
        root = parse_page(html)  # still well-formed
        self.assertNotIn("\u202e", html)
        self.assertIn("\\u202eMia &lt;b&gt;", html)
        self.assertNotIn("Mia <b>", html)
        self.assertIn("overflow-wrap:anywhere", html)
        self.assertEqual([a for a in root.iter("a")], [])

    def test_markdown_grid_in_quarter_hours_with_charts_symbols_and_padded_tables(self):
        md = self.ok("report", "--format", "md").out
        grid = re.findall(r"^(\w{3} \d{1,2} \w{3}) +([ .#n~!f]{96}) ", md, re.M)
        self.assertEqual(len(grid), 14)
        rows = dict(grid)
        # Tue 17 Nov: the 8-minute waking at 04:00 (cell 64) is not hidden.
        self.assertEqual(rows["Tue 17 Nov"][64], "~")
        self.assertEqual(rows["Mon 16 Nov"][64], "#")
        # 02:10-02:35 on Fri 20 Nov is asleep, but 01:00-03:00 is the long waking.
        self.assertNotIn("#", rows["Fri 20 Nov"][52:60])
        # A table's rows are all the same width.
        table = re.search(r"## Nights in numbers\n\n((?:\|.*\n)+)", md).group(1).splitlines()
        self.assertEqual(len({len(line) for line in table}), 1, table[:3])
        # One unit per outcome row.
        for line in re.search(r"## Before the plan and on it\n\n((?:\|.*\n)+)", md).group(1) \
                .splitlines()[2:]:
            self.assertFalse("min" in line and ":" in line.split("|")[3], line)

    def test_child_edit_sets_the_birth_date_and_the_name(self):
        html = self.ok("report").out
        self.assertIn("sleeplog child edit baby --born YYYY-MM-DD", html)
        r = self.fails(2, "child", "add", "baby", "--born", "2026-02-10")
        self.assertIn("already a child named", r.err)
        self.ok("child", "edit", "baby", "--born", "2026-02-10", "--name", "Mia")
        self.assertEqual(self.ok("child", "list", "--format", "json").json()[0]["born"],
                         "2026-02-10")
        html = self.ok("report").out
        self.assertIn("Sleep report: Mia", html)
        self.assertIn("9 months old", html)
        before = self.digest()
        r = self.fails(2, "child", "edit", "Mia")
        self.assertIn("--born", r.err)
        self.fails(2, "child", "edit", "Mia", "--born", "soon")
        self.fails(2, "child", "edit", "nobody", "--born", "2026-02-10")
        self.assertEqual(self.digest(), before)

    def test_tag_notes_in_show_nights_and_the_report(self):
        self.assertIn("sick: temp 38.4", self.ok("show", SICK).out)
        csv = self.ok("nights", "--since", SICK, "--until", SICK, "--format", "csv").out
        header, row = csv.splitlines()[:2]
        self.assertTrue(header.endswith(",tag_notes"), header)
        self.assertTrue(row.endswith(",sick: temp 38.4"), row)
        self.assertIn("sick: temp 38.4", self.ok("nights").out)
        self.assertIn("sick: temp 38.4", self.ok("report", "--format", "md").out)

    def test_summary_nights_and_report_agree_on_tough_nights(self):
        nights = self.ok("nights", "--last", "7", "--format", "json").json()
        tough = {n["night"] for n in nights if n["concern"]}
        self.assertIn(LONG, {n["night"] for n in self.ok(
            "nights", "--last", "14", "--format", "json").json() if n["concern"]})
        message = self.ok("summary", "--last", "7", "--format", "json").json()["message"]
        named = set()
        for n in nights:
            d = datetime.date.fromisoformat(n["night"])
            if f"{d:%a} {d.day} {d:%b}" in message:
                named.add(n["night"])
        self.assertEqual(named, tough)
        root = parse_page(self.ok("report").out)
        marked = {tr.get("data-night") for tr in root.iter("tr")
                  if tr.get("data-night") and "tough" in text_of(tr)}
        every = {n["night"] for n in self.ok("nights", "--last", "14", "--format",
                                               "json").json() if n["concern"]}
        self.assertEqual(marked, every)
        self.assertIn("BISQ", self.ok("report").out)

    def test_no_empty_rows_before_the_first_or_after_the_last_logged_night(self):
        root = parse_page(self.ok("report", "--last", "1000").out)
        nights = [tr.get("data-night") for tr in root.iter("tr") if tr.get("data-night")]
        self.assertEqual(nights[0], FIRST.isoformat())
        self.assertEqual(len(nights), NIGHTS)


if __name__ == "__main__":
    main()
