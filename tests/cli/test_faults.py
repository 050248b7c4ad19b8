"""End-to-end: faults and hostile input. Each fault test asserts that what was
stored before is still there and readable, and that the command said so clearly."""

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import time

from harness import BIN, SOURCE, SleeplogTest, main

NOBODY = 65534


def as_nobody():
    """Runs the child as an unprivileged user, so file modes apply even under root."""
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


class Check(SleeplogTest):
    def test_clean_log_passes(self):
        self.log_worked_night()
        r = self.ok("check")
        self.assertEqual(r.out, "No problems found in 10 events.\n")

    def test_problems_are_listed_with_ids_and_exit_1(self):
        self.ok("bed", "2026-11-25", "19:00")
        self.ok("woke", "2026-11-25", "23:00")
        self.ok("cry", "start", "2026-11-26", "20:00")
        self.ok("bed", "2026-11-27", "19:00")
        r = self.run_sl("check")
        self.assertEqual(r.code, 1, r)
        self.assertEqual(sorted(r.out.splitlines()), [
            "baby: #1 bed 2026-11-25 19:00 and #4 bed 2026-11-27 19:00: overlapping nights (no `up` between two beds)",
            "baby: #2 woke 2026-11-25 23:00: waking never ended (no `asleep` or `up` after it)",
            "baby: #3 cry 2026-11-26 20:00: never ended (started over a day ago)",
        ])
        self.assertIn("check found 3 problems", r.err)

    def test_future_and_overlong_events(self):
        self.ok("bed", "19:00")
        con = sqlite3.connect(self.db)
        con.execute("UPDATE event SET start_at = start_at + 86400 * 3")
        con.execute("INSERT INTO event(uuid, child_id, kind, start_at, end_at, utc_offset) "
                    "VALUES ('x', 1, 'nap', 1790000000, 1790000000 + 90000, 0)")
        con.commit()
        con.close()
        r = self.run_sl("check")
        self.assertEqual(r.code, 1, r)
        self.assertIn("#1 bed 2026-11-30 19:00: in the future", r.out)
        self.assertIn("#2 nap", r.out)
        self.assertIn("over 24 h", r.out)


class StorageFaults(SleeplogTest):
    def assert_intact(self, digest, listing):
        self.assertEqual(self.digest(), digest)
        self.assertEqual(self.ok("list", "--format", "csv").out, listing)

    def run_as_nobody(self, *args):
        proc = subprocess.run([BIN, *args], capture_output=True, text=True, env=self.env(),
                              preexec_fn=as_nobody, timeout=60)
        return proc

    def test_read_only_file(self):
        digest, listing = self.seed_worked_night()
        os.chmod(self.dir, 0o755)
        os.chmod(os.path.dirname(self.db), 0o755)
        os.chmod(self.db, 0o444)
        proc = self.run_as_nobody("woke", "6:50")
        self.assertEqual(proc.returncode, 1, proc)
        self.assertIn("sleeplog: error:", proc.stderr)
        os.chmod(self.db, 0o600)
        self.assert_intact(digest, listing)

    def test_unwritable_folder(self):
        os.chmod(self.dir, 0o755)
        target = os.path.join(self.dir, "locked")
        os.mkdir(target, 0o555)
        env = self.env(SLEEPLOG_DB=os.path.join(target, "new", "s.db"))
        proc = subprocess.run([BIN, "bed", "19:00"], capture_output=True, text=True, env=env,
                              preexec_fn=as_nobody, timeout=60)
        self.assertEqual(proc.returncode, 1, proc)
        self.assertIn("cannot create folder", proc.stderr)
        self.assertEqual(os.listdir(target), [])

    def test_truncated_file(self):
        self.seed_worked_night()
        size = os.path.getsize(self.db)
        with open(self.db, "r+b") as f:
            f.truncate(size // 2)
        digest = self.digest()
        for args in (["nights"], ["woke", "6:50"]):
            r = self.run_sl(*args)
            self.assertEqual(r.code, 1, r)
            self.assertIn("sleeplog: error:", r.err)
        self.assertEqual(self.digest(), digest)

    def test_random_bytes(self):
        os.makedirs(os.path.dirname(self.db))
        with open(self.db, "wb") as f:
            f.write(os.urandom(65536))
        digest = self.digest()
        for args in (["status"], ["bed", "19:00"], ["check"], ["undo"]):
            r = self.run_sl(*args)
            self.assertEqual(r.code, 1, r)
            self.assertIn("not a sleeplog database", r.err + r.out)
        self.assertEqual(self.digest(), digest)

    def test_disk_full(self):
        digest, listing = self.seed_worked_night()
        limit = os.path.getsize(self.db) + 64 * 1024

        def small_disk():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        big_note = "x" * (120 * 1024)  # more than the file may grow
        proc = subprocess.run([BIN, "note", big_note], capture_output=True, text=True,
                              env=self.env(), preexec_fn=small_disk, timeout=60)
        self.assertEqual(proc.returncode, 1, proc)
        self.assertIn("sleeplog: error:", proc.stderr)
        self.assert_intact(digest, listing)
        self.assertEqual(self.ok("check").code, 0)

    def test_killed_during_a_burst_of_writes(self):
        digest, listing = self.seed_worked_night()
        script = ("import subprocess, sys\n"
                  "while True:\n"
                  "    subprocess.run([sys.argv[1], '-q', 'note', 'burst'])\n")
        burst = subprocess.Popen(["python3", "-c", script, BIN], env=self.env(),
                                 start_new_session=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.query("SELECT count(*) FROM event WHERE note = 'burst'")[0][0] >= 20:
                break
            time.sleep(0.05)
        os.killpg(burst.pid, signal.SIGKILL)
        burst.wait()
        self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)])
        rows = self.ok("list", "--format", "csv").out.splitlines()
        for line in listing.splitlines():
            self.assertIn(line, rows)
        self.assertTrue(all(r.endswith(",burst") for r in rows if r not in listing.splitlines()))
        # The log still takes writes (a bare `woke 6:55` after the night's up at 06:30 would
        # now be refused as rewriting a finished night, so the write says its day).
        self.ok("woke", "today", "6:55")

    def test_killed_during_a_large_write(self):
        demo = subprocess.Popen([BIN, "demo", "--nights", "20000"], env=self.env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        demo.send_signal(signal.SIGKILL)
        demo.wait()
        if os.path.exists(self.db):
            count = self.query("SELECT count(*) FROM event")[0][0]
            self.assertIn(count, (0, self.query("SELECT count(*) FROM event")[0][0]))
            self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)])
        # Whatever happened, the log works afterwards and holds all or nothing of the demo.
        self.ok("status")


class KilledImport(SleeplogTest):
    def test_killed_in_the_middle_of_a_large_import(self):
        source = os.path.join(self.dir, "source.db")
        self.ok("--db", source, "demo", "--nights", "3000")
        export = os.path.join(self.dir, "events.csv")
        self.ok("--db", source, "export", "-o", export)
        _, listing = self.seed_worked_night()
        before = self.query("SELECT count(*) FROM event")[0][0]
        imp = subprocess.Popen([BIN, "import", export], env=self.env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wal = self.db + "-wal"
        deadline = time.time() + 20
        while time.time() < deadline and imp.poll() is None:
            if os.path.exists(wal) and os.path.getsize(wal) > 512 * 1024:
                break
            time.sleep(0.01)
        self.assertIsNone(imp.poll(), "the import ended before it could be killed")
        imp.send_signal(signal.SIGKILL)
        imp.wait()
        self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)])
        # All or nothing: the kill lands either inside the transaction (nothing added) or
        # just after its commit, while the process was still exiting (everything added;
        # the WAL grows mostly at commit, so both happen). Never a part.
        total = before + self.query("SELECT count(*) FROM event", path=source)[0][0]
        after = self.query("SELECT count(*) FROM event")[0][0]
        self.assertIn(after, (before, total))
        if after == before:
            self.assertEqual(self.ok("list", "--format", "csv").out, listing)
        # The same import, run to the end afterwards, adds everything once.
        self.ok("import", export)
        self.assertEqual(self.query("SELECT count(*) FROM event")[0][0], total)


class Load(SleeplogTest):
    def test_eight_processes_logging_and_reading_at_once(self):
        """Four writers and four readers for a bounded time: no lost write, no
        "database is locked", no error of any kind."""
        self.ok("child", "add", "Ada")
        script = (
            "import subprocess, sys, time\n"
            "bin, role, n = sys.argv[1], sys.argv[2], sys.argv[3]\n"
            "reads = [['status'], ['list', '--format', 'json'], ['nights', '--format', 'csv'],"
            " ['summary', '--format', 'json'], ['check']]\n"
            "done, end = 0, time.time() + 8\n"
            "while time.time() < end:\n"
            "    args = ['-q', 'note', f'{n}-{done}'] if role == 'w' else reads[done % 5]\n"
            "    r = subprocess.run([bin, *args], capture_output=True, text=True)\n"
            "    if r.returncode != 0 or r.stderr:\n"
            "        print('FAIL', args, r.returncode, r.stderr); sys.exit(1)\n"
            "    done += 1\n"
            "print(done)\n"
        )
        env = self.env()
        procs = [subprocess.Popen(["python3", "-c", script, BIN, "w" if n < 4 else "r", str(n)],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for n in range(8)]
        results = [p.communicate(timeout=120) for p in procs]
        writes = 0
        for n, (p, (out, err)) in enumerate(zip(procs, results)):
            self.assertEqual(p.returncode, 0, out + err)
            self.assertNotIn("locked", out + err)
            if n < 4:
                writes += int(out.strip())
        self.assertGreater(writes, 0)
        self.assertEqual(self.query("SELECT count(*) FROM event"), [(writes,)])
        self.assertEqual(self.query("SELECT count(DISTINCT note) FROM event"), [(writes,)])


class NoShell(SleeplogTest):
    def test_sources_never_start_a_shell_or_another_program(self):
        """Nothing in src/ can hand text to a shell: no system(), popen() or exec*()."""
        import re
        pattern = re.compile(r"\b(system|popen|execl|execlp|execle|execv|execvp|execve|fork)\s*\(")
        offenders = []
        for root, _, files in os.walk(os.path.join(SOURCE, "src")):
            for name in files:
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        if pattern.search(line):
                            offenders.append(f"{name}:{number}: {line.strip()}")
        self.assertEqual(offenders, [])


class HostileText(SleeplogTest):
    texts = [
        "'); DROP TABLE event; --",
        "$(rm -rf /); `id` | tee x & echo > /tmp/pwned",
        "bell\x07 escape\x1b[31mred\x1b[0m tab\tcr\r",
        "=HYPERLINK(\"http://x\")",
        "l" * 100000,
    ]

    def test_stored_and_printed_back_verbatim(self):
        self.ok("child", "add", "Robert'); DROP TABLE child;--")
        self.ok("child", "default", "Robert'); DROP TABLE child;--")
        for text in self.texts:
            self.ok("note", text, "--by", text[:40])
        stored = [row[0] for row in self.query("SELECT note FROM event ORDER BY id")]
        self.assertEqual(stored, self.texts)
        events = self.ok("list", "--format", "json").json()
        self.assertEqual([e["note"] for e in events], self.texts)
        self.assertEqual([e["by"] for e in events], [t[:40] for t in self.texts])
        self.assertEqual(events[0]["child"], "Robert'); DROP TABLE child;--")
        self.assertFalse(os.path.exists("/tmp/pwned"))

    def test_controls_escaped_on_a_terminal(self):
        self.ok("note", "a\x1b[31mb\nc")
        out = self.ok("list").out
        self.assertIn("a\\x1b[31mb\\nc", out)
        self.assertNotIn("\x1b", out)


if __name__ == "__main__":
    main()
