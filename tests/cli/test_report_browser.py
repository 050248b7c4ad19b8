"""The report page in a real browser: headless Chromium renders it at phone (390 px) and
desktop (1280 px) widths and prints it to PDF on A4. Skipped, with a message, only where
Chromium is not installed (.ci/run installs it)."""

import os
import re
import unittest

import browser
from harness import BIN, SleeplogTest, main

SHEET_BLUE = (0x00, 0x72, 0xB2)  # Okabe–Ito blue: "asleep" on the sheet


def ink(pixels):
    """(share of pixels that are not white, count of sheet-blue pixels)."""
    total = marked = blue = 0
    for row in pixels:
        for rgb in row:
            total += 1
            if min(rgb) < 235:
                marked += 1
            if all(abs(a - b) <= 6 for a, b in zip(rgb, SHEET_BLUE)):
                blue += 1
    return marked / total, blue


@unittest.skipIf(browser.chromium() is None,
                 "chromium is not installed: the browser test is skipped")
class Browser(SleeplogTest):

    def setUp(self):
        super().setUp()
        self.page = browser.demo_page(os.path.abspath(BIN), self.dir)

    def test_phone_and_desktop_screenshots_are_drawn(self):
        for width in (390, 1280):
            with self.subTest(width=width):
                png = os.path.join(self.dir, f"page-{width}.png")
                browser.screenshot(self.page, png, width, 1800)
                w, h, pixels = browser.png_pixels(png)
                self.assertEqual((w, h), (width, 1800))
                share, blue = ink(pixels)
                self.assertGreater(share, 0.03)  # text, tables and the sheet, not blank
                self.assertLess(share, 0.9)
                self.assertGreater(blue, 500)  # the sheet's nights of sleep are drawn
                # Nothing runs off the right edge on a phone: the last column is white.
                self.assertTrue(all(min(row[-1]) >= 235 for row in pixels[:1200]))

    def test_nothing_scrolls_sideways_on_a_phone(self):
        # A 10,000-character word and ten 40-character tags must wrap, not widen the page.
        import subprocess
        db = os.path.join(self.dir, "demo.db")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.dir,
               "TZ": "America/New_York", "SLEEPLOG_NOW": "2026-11-28T07:00:00-05:00",
               "SLEEPLOG_DB": db, "LANG": "C.UTF-8"}
        run = lambda *args: subprocess.run([os.path.abspath(BIN), *args], env=env, check=True,
                                           capture_output=True)
        run("note", "w" * 10000, "--at", "2026-11-26 20:00")
        for i in range(10):
            run("tag", "2026-11-26", f"{i}" + "t" * 39, "--note", "n" * 60)
        wide = os.path.join(self.dir, "wide.html")
        run("report", "-o", wide)
        for page in (self.page, wide):
            with self.subTest(page=os.path.basename(page)):
                self.assertLessEqual(browser.document_width(page, 390, self.dir), 390)

    def test_prints_the_sheet_and_the_nights_table_on_page_1_of_a4(self):
        pdf = os.path.join(self.dir, "page.pdf")
        browser.print_pdf(self.page, pdf)
        with open(pdf, "rb") as f:
            boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", f.read())
        pages = browser.pdf_pages(pdf)
        # A4 is 595 x 842 points.
        self.assertEqual([(round(float(w)), round(float(h))) for w, h in boxes],
                         [(595, 842)] * pages)
        first = browser.pdf_text(pdf, 1)
        self.assertIn("Sleep sheet, noon to noon", first)
        self.assertIn("Nights in numbers", first)
        # Each of the 14 nights is on page 1 twice: its sheet row and its table line.
        for day in range(13, 27):
            date = f"{['Mon','Tue','Wed','Thu','Fri','Sat','Sun'][(day - 16) % 7]} {day} Nov"
            self.assertGreaterEqual(first.count(date), 2, date)
        # No scrollbar is printed: nothing of the page is clipped into a scroll box.
        self.assertNotIn("overflow-x:auto", open(self.page).read())

    def test_a_one_hour_cry_still_shows_in_grey(self):
        import subprocess
        db = os.path.join(self.dir, "cry.db")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.dir,
               "TZ": "Europe/Berlin", "SLEEPLOG_NOW": "2026-11-28T09:00:00+01:00",
               "SLEEPLOG_DB": db, "LANG": "C.UTF-8"}
        run = lambda *args: subprocess.run([os.path.abspath(BIN), *args], env=env, check=True,
                                           capture_output=True)
        for args in (["bed", "2026-11-27", "19:00"], ["asleep", "2026-11-27", "19:10"],
                     ["woke", "2026-11-28", "01:00"],
                     ["cry", "2026-11-28", "01:00", "2026-11-28", "02:00"],
                     ["asleep", "2026-11-28", "02:00"], ["up", "2026-11-28", "06:30"]):
            run(*args)
        page = os.path.join(self.dir, "cry.html")
        run("report", "-o", page)
        pdf = os.path.join(self.dir, "cry.pdf")
        browser.print_pdf(page, pdf)
        folder = os.path.join(self.dir, "grey")
        os.mkdir(folder)
        width, height, rows = browser.grey_pdf_page(pdf, 1, 200, folder)
        # The bar's row: the one with the longest run of sleep's grey.
        def runs(row):
            out, start = [], None
            for x, v in enumerate(list(row) + [255]):
                asleep = 70 <= v <= 120
                if asleep and start is None:
                    start = x
                elif not asleep and start is not None:
                    out.append((start, x))
                    start = None
            return out
        best = max(range(height), key=lambda y: max([b - a for a, b in runs(rows[y])] or [0]))
        sleep = sorted(runs(rows[best]), key=lambda r: r[0] - r[1])[:2]
        self.assertEqual(len(sleep), 2)
        (_, gap_from), (gap_to, _) = sorted(sleep)
        # 01:00-02:00 is the first half of the 2-hour gap: hatched, so both dark stripes
        # and white ones, where plain sleep or plain crying would be one grey.
        cry = rows[best][gap_from:gap_from + (gap_to - gap_from) // 2]
        self.assertGreater(sum(1 for v in cry if v < 165), 3, list(cry))
        self.assertGreater(sum(1 for v in cry if v > 195), 3, list(cry))
        self.assertGreater(max(cry) - min(cry), 60, list(cry))


if __name__ == "__main__":
    main()
