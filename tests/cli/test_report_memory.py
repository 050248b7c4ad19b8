"""`report`, `list`, `nights` and `export` write as they read: their peak memory does not grow with the number of
notes or with the length of one note. Peak RSS comes from GNU time (a small parent: a child
of Python would start from Python's own resident set); skipped where it is missing."""

import os
import sqlite3
import subprocess
import tempfile
import unittest

from harness import BIN, SleeplogTest

GNU_TIME = "/usr/bin/time"
NOTE = ("a long note about the night " * 40)[:500]


def peak_kib(argv, env):
    """(exit code, peak RSS in KiB) of argv, its stdout thrown away."""
    with tempfile.NamedTemporaryFile("r") as report:
        proc = subprocess.run([GNU_TIME, "-f", "%M", "-o", report.name, *argv],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                              timeout=300)
        return proc.returncode, int(report.read().strip().splitlines()[-1])


def sanitized():
    """True for a build under AddressSanitizer, whose shadow memory makes peaks meaningless."""
    try:
        with open(BIN, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


@unittest.skipUnless(os.access(GNU_TIME, os.X_OK), "needs GNU time for peak memory")
@unittest.skipIf(sanitized(), "peak memory is not the program's own under AddressSanitizer")
class ReportMemoryTest(SleeplogTest):
    now = "2026-11-28T10:00:00-05:00"

    def add_notes(self, count, text, first=0):
        """count notes of `text` spread over the logged nights (uuids from `first` on)."""
        con = sqlite3.connect(self.db)
        low, high, child = con.execute(
            "SELECT min(start_at), max(start_at), min(child_id) FROM event").fetchone()
        step = max(1, (high - low) // max(count, 1))
        con.executemany(
            "INSERT INTO event(uuid, child_id, kind, start_at, utc_offset, note) "
            "VALUES (?, ?, 'note', ?, -18000, ?)",
            ((f"memory-note-{first + i:08d}", child, low + i * step, text)
             for i in range(count)))
        con.commit()
        con.close()

    def peak_mib(self, *args):
        code, kib = peak_kib([BIN, *args], self.env())
        self.assertEqual(code, 0, args)
        return kib / 1024.0

    def test_report_over_many_notes_stays_flat(self):
        self.ok("demo", "--nights", "300")
        self.add_notes(4000, NOTE)
        few = {fmt: self.peak_mib("report", "--since", "2020-01-01", "--format", fmt)
               for fmt in ("html", "md")}
        self.add_notes(36000, NOTE, first=4000)  # 40,000 notes: 18 MB more of them
        page = self.ok("report", "--since", "2020-01-01").out
        self.assertEqual(page.count("a long note about the night"), 40000 * NOTE.count("a long note about the night"))
        for fmt in ("html", "md"):
            many = self.peak_mib("report", "--since", "2020-01-01", "--format", fmt)
            # Held whole, 18 MB more of notes would add 18 MiB at least; streamed, nothing
            # that grows with them (the bound leaves room for allocator noise).
            self.assertLess(many - few[fmt], 4.0, (fmt, few[fmt], many))
            self.assertLess(many, 32.0, fmt)
        listed = self.peak_mib("list", "--since", "2020-01-01")
        self.assertLess(listed, 32.0)

    def test_one_long_note_is_not_copied_over_and_over(self):
        self.ok("demo", "--nights", "20")
        base = self.peak_mib("report", "--since", "2020-01-01", "--format", "html")
        self.add_notes(1, "x<y " * (5 << 20))  # one 20 MiB note, escaped to 35 MiB in HTML
        for args in (("report", "--since", "2020-01-01", "--format", "html"),
                     ("report", "--since", "2020-01-01", "--format", "md"),
                     ("list", "--since", "2020-01-01"), ("nights", "--since", "2020-01-01"),
                     ("export", "--events", "--format", "csv")):
            peak = self.peak_mib(*args)
            # SQLite's buffer and the event's own string, escaped a piece at a time: under
            # 2.5 copies (it was 3 and more, and the page held an escaped copy too).
            self.assertLess(peak - base, 2.5 * 20.0, (args, base, peak))


if __name__ == "__main__":
    unittest.main()
