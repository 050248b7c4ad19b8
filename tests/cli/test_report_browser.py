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

    def test_prints_on_three_a4_pages(self):
        # Page 1: who, plan, outcomes; 2: the sleep sheet; 3: weeks, who went in, notes.
        pdf = os.path.join(self.dir, "page.pdf")
        browser.print_pdf(self.page, pdf)
        self.assertEqual(browser.pdf_pages(pdf), 3)
        with open(pdf, "rb") as f:
            boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", f.read())
        # A4 is 595 x 842 points.
        self.assertEqual([(round(float(w)), round(float(h))) for w, h in boxes], [(595, 842)] * 3)


if __name__ == "__main__":
    main()
