"""The local zone (TZ) is read from its own file, without the tz database, and gives the
same offsets as the database does for a zone named with --tz: Lord Howe (half-hour DST),
Kathmandu (+05:45), a fall-back and a spring-forward night. Start-up touches no zone file
but the local one and starts no thread."""

import os
import shutil
import subprocess
import tempfile
import unittest

from harness import BIN, SleeplogTest, main

# The module a build with SLEEPLOG_TZDB_MODULE (the default; not the sanitized builds)
# puts beside the program.
HAS_MODULE = os.path.exists(os.path.join(os.path.dirname(os.path.abspath(BIN)), "sleeplog-tzdb.so"))

# One night across each change of the clocks (glow's format: local wall times, no offset),
# and a nap the next afternoon. Each with the offsets that night must show.
NIGHTS = [
    ("Australia/Lord_Howe", "04/04/2026", "04/05/2026", "+11:00", "+10:30"),  # falls back 30 min
    ("Australia/Lord_Howe", "10/03/2026", "10/04/2026", "+10:30", "+11:00"),  # springs forward 30 min
    ("Asia/Kathmandu", "06/10/2026", "06/11/2026", "+05:45", "+05:45"),
    ("America/New_York", "10/31/2026", "11/01/2026", "-04:00", "-05:00"),  # falls back
    ("Europe/Berlin", "03/28/2026", "03/29/2026", "+01:00", "+02:00"),  # springs forward
]


class LocalZoneTest(SleeplogTest):
    def glow_file(self, evening, morning):
        path = os.path.join(self.dir, "glow.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Begin time,End time\n")
            f.write(f"{evening} 7:30:00 PM,{morning} 6:15:00 AM\n")
            f.write(f"{morning} 1:00:00 PM,{morning} 2:30:00 PM\n")
        return path

    def starts(self, db, zone):
        events = self.ok("list", "--since", "2026-01-01", "--until", "2026-12-31", "--format", "json",
                         TZ=zone, SLEEPLOG_DB=db).json()
        return [(e["kind"], e["start"]) for e in events]

    def test_local_zone_gives_the_offsets_of_the_named_zone(self):
        for zone, evening, morning, before, after in NIGHTS:
            with self.subTest(zone=zone, night=evening):
                path = self.glow_file(evening, morning)
                fast = os.path.join(self.dir, f"fast-{len(os.listdir(self.dir))}.db")
                named = os.path.join(self.dir, f"named-{len(os.listdir(self.dir))}.db")
                # The local zone: TZ, read from its own file.
                self.ok("import", path, "--from", "glow", TZ=zone, SLEEPLOG_DB=fast)
                # The same zone named with --tz (through the tz database) under another TZ.
                other = "Europe/Berlin" if zone == "America/New_York" else "America/New_York"
                self.ok("import", path, "--from", "glow", "--tz", zone, TZ=other, SLEEPLOG_DB=named)
                got = self.starts(fast, zone)
                self.assertEqual(got, self.starts(named, zone))
                iso_evening = f"{evening[6:]}-{evening[:2]}-{evening[3:5]}"
                iso_morning = f"{morning[6:]}-{morning[:2]}-{morning[3:5]}"
                self.assertEqual(got, [("asleep", f"{iso_evening}T19:30:00{before}"),
                                       ("up", f"{iso_morning}T06:15:00{after}"),
                                       ("nap", f"{iso_morning}T13:00:00{after}")])

    def test_unknown_or_non_zone_tz_is_refused(self):
        for bad in ("Mars/Olympus", "zone.tab", "../../etc/passwd"):
            with self.subTest(tz=bad):
                r = self.fails(2, "status", TZ=bad)
                self.assertIn(f"unknown time zone '{bad}' in TZ", r.err)
                self.assertFalse(os.path.exists(self.db))


@unittest.skipUnless(shutil.which("strace"), "strace is not installed")
class StartupTraceTest(SleeplogTest):
    tz = "Europe/Berlin"

    def trace(self, *args):
        """The files the run names and whether it started a thread, from strace -f."""
        with tempfile.NamedTemporaryFile("r", dir=self.dir, suffix=".trace") as log:
            proc = subprocess.run(["strace", "-f", "-qq", "-o", log.name, "-e", "trace=file,clone,clone3",
                                   BIN, *args], capture_output=True, text=True, env=self.env(), timeout=120)
            if proc.returncode != 0 and "ptrace" in proc.stderr:
                self.skipTest("strace cannot trace here: " + proc.stderr.strip()[:200])
            lines = log.read().splitlines()
        return proc, lines

    def zone_files(self, lines):
        return sorted({line.split('"')[1] for line in lines if "zoneinfo" in line and '"' in line})

    def test_version_touches_no_zone_file_and_starts_no_thread(self):
        proc, lines = self.trace("--version")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("sleeplog ", proc.stdout)
        self.assertEqual([z for z in self.zone_files(lines) if not z.endswith("/Europe/Berlin")], [])
        self.assertEqual([line for line in lines if "clone" in line], [])

    def libraries(self, lines):
        """The shared objects the run opened, by file name."""
        opened = {line.split('"')[1] for line in lines if "open" in line and '"' in line
                  and "ENOENT" not in line}
        return sorted({os.path.basename(path) for path in opened if ".so" in path})

    @unittest.skipUnless(HAS_MODULE, "this build links date-tz and libstdc++ the ordinary way")
    def test_the_local_zone_loads_neither_libstdcxx_nor_date_tz(self):
        self.ok("bed", "21:00")
        proc, lines = self.trace("status")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        loaded = self.libraries(lines)
        self.assertIn("libc.so.6", loaded)  # the trace does see libraries opened
        for name in ("sleeplog-tzdb.so", "libdate-tz.so.3", "libstdc++.so.6", "libfmt.so.9"):
            self.assertNotIn(name, loaded)

    @unittest.skipUnless(HAS_MODULE, "this build links date-tz in: there is no module to load")
    def test_a_named_zone_loads_the_tzdb_module_once(self):
        path = os.path.join(self.dir, "glow.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Begin time,End time\n10/31/2026 7:30:00 PM,11/01/2026 6:15:00 AM\n")
        proc, lines = self.trace("import", path, "--from", "glow", "--tz", "America/New_York")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        loaded = self.libraries(lines)
        self.assertIn("sleeplog-tzdb.so", loaded)
        self.assertIn("libdate-tz.so.3", loaded)
        opens = [line for line in lines if "open" in line and "sleeplog-tzdb.so" in line]
        self.assertEqual(len(opens), 1, opens)

    def test_a_command_reads_only_the_local_zone_file(self):
        self.ok("bed", "21:00")
        proc, lines = self.trace("status")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(self.zone_files(lines), ["/usr/share/zoneinfo/Europe/Berlin"])
        self.assertEqual([line for line in lines if "clone" in line], [])


class MissingModuleTest(SleeplogTest):
    """A program whose sleeplog-tzdb.so is gone still works in the local zone, and says
    what is missing when a zone is named."""
    tz = "Europe/Berlin"

    @unittest.skipUnless(HAS_MODULE, "this build links date-tz in: there is no module to miss")
    def test_without_the_module_only_a_named_zone_fails(self):
        alone = os.path.join(self.dir, "bin")
        os.makedirs(alone)
        program = os.path.join(alone, "sleeplog")
        shutil.copy(BIN, program)
        env = self.env()
        run = lambda *args: subprocess.run([program, *args], capture_output=True, text=True,
                                           env=env, timeout=60)
        self.assertEqual(run("bed", "21:00").returncode, 0)
        self.assertIn("21:00", run("status").stdout)
        path = os.path.join(self.dir, "glow.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Begin time,End time\n10/31/2026 7:30:00 PM,11/01/2026 6:15:00 AM\n")
        before = self.query("SELECT count(*) FROM event")
        proc = run("import", path, "--from", "glow", "--tz", "America/New_York")
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("cannot load the time zone database", proc.stderr)
        self.assertIn("sleeplog-tzdb.so", proc.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM event"), before)


if __name__ == "__main__":
    main()
