"""Shared helpers for the end-to-end tests: run the built sleeplog with a fixed clock,
zone and a private temporary database, and look at what it stored."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

BIN = os.environ.get("SLEEPLOG_BIN", "build/sleeplog")
SOURCE = os.environ.get("SLEEPLOG_SOURCE", os.getcwd())


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}>"


class SleeplogTest(unittest.TestCase):
    """Each test gets its own folder and database; NOW and TZ default to a fixed
    Saturday morning in New York (a DST zone)."""

    now = "2026-11-28T07:00:00-05:00"
    tz = "America/New_York"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sleeplog-test-")
        self.db = os.path.join(self.dir, "data", "sleeplog.db")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def env(self, **extra):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.dir,
            "TZ": self.tz,
            "SLEEPLOG_NOW": self.now,
            "SLEEPLOG_DB": self.db,
            "LANG": "C.UTF-8",
        }
        for key, value in extra.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def run_sl(self, *args, input=None, env=None, **extra):
        """Runs sleeplog with args; env entries in `extra` override the defaults."""
        full_env = env if env is not None else self.env(**extra)
        proc = subprocess.run([BIN, *args], capture_output=True, text=True, input=input,
                              env=full_env, timeout=300)
        return Result(proc)

    def ok(self, *args, **kw):
        """Runs and asserts exit 0; returns the result."""
        r = self.run_sl(*args, **kw)
        self.assertEqual(r.code, 0, r)
        return r

    def fails(self, code, *args, **kw):
        """Runs and asserts the given non-zero exit status and an error message."""
        r = self.run_sl(*args, **kw)
        self.assertEqual(r.code, code, r)
        self.assertIn("sleeplog: error:", r.err, r)
        return r

    def digest(self, path=None):
        """SHA-256 of a file's bytes (None when missing)."""
        path = path or self.db
        if not os.path.exists(path):
            return None
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def query(self, sql, *params, path=None):
        """Rows of a query on the database, opened read-only."""
        con = sqlite3.connect(f"file:{path or self.db}?mode=ro", uri=True)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def log_worked_night(self):
        """DESIGN §5.1's worked example, logged for the night of Fri 27 Nov 2026."""
        for args in (["nap", "2026-11-27", "09:30", "2026-11-27", "10:15"],
                     ["nap", "2026-11-27", "13:00", "2026-11-27", "14:30"],
                     ["bed", "2026-11-27", "19:00"], ["asleep", "19:20"],
                     ["woke", "23:10"], ["asleep", "23:25"], ["woke", "2:00"],
                     ["asleep", "2:40"], ["woke", "6:10"], ["up", "6:30"]):
            self.ok(*args)


    def seed_worked_night(self):
        """Logs the worked night; returns the file's digest and the events as CSV, to
        check later that a failed command left both as they were."""
        self.log_worked_night()
        return self.digest(), self.ok("list", "--format", "csv").out


def main():
    unittest.main(verbosity=2)
