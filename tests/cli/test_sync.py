"""Two caregivers, two machines, one log: `sleeplog sync DIR` through a folder that a
file-sync tool keeps in step (rsync stands in for it here). Each machine has its own
database and its own copy of the folder."""

import datetime
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SleeplogTest  # noqa: E402


class Machines(SleeplogTest):
    """Mum's and Dad's machines: a database and a sync folder each."""

    def setUp(self):
        super().setUp()
        self.db_of = {}
        self.dir_of = {}
        for who in ("mum", "dad"):
            self.db_of[who] = os.path.join(self.dir, who, "sleeplog.db")
            self.dir_of[who] = os.path.join(self.dir, who, "Sync")
            os.makedirs(self.dir_of[who])

    def on(self, who, *args, now=None, code=0):
        r = self.run_sl(*args, SLEEPLOG_DB=self.db_of[who], SLEEPLOG_NOW=now or self.now)
        self.assertEqual(r.code, code, r)
        return r

    def carry(self, source, target):
        """The sync tool: copies what is new in one folder to the other."""
        subprocess.run(["rsync", "-a", self.dir_of[source] + "/", self.dir_of[target] + "/"],
                       check=True)

    def sync(self, who, now=None):
        return self.on(who, "sync", self.dir_of[who], now=now)

    def sync_both(self, now=None):
        self.sync("mum", now)
        self.sync("dad", now)
        self.carry("mum", "dad")
        self.carry("dad", "mum")
        self.sync("mum", now)
        self.sync("dad", now)

    def rewrite_body(self, source, target, change):
        """Copies a sync file with its body changed by `change`, and a header that matches
        the new body (as a file written wrongly, not damaged in transit, would have)."""
        with open(source, "rb") as f:
            header, body = f.read().split(b"\n\n", 1)
        bad = change(body)
        self.assertNotEqual(bad, body)
        lines = [line for line in header.split(b"\n")
                 if not line.startswith(b"sha256 ") and not line.startswith(b"length ")]
        lines += [b"length %d" % len(bad), b"sha256 " + hashlib.sha256(bad).hexdigest().encode()]
        with open(target, "wb") as f:
            f.write(b"\n".join(lines) + b"\n\n" + bad)

    def events(self, who):
        out = self.on(who, "export", "--events", "--format", "jsonl").out
        rows = [json.loads(line) for line in out.splitlines()]
        for row in rows:
            del row["id"]  # ids are each machine's own
        return sorted(rows, key=lambda r: r["uuid"])


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class TwoCaregiversShareOneNight(Machines):
    def test_both_machines_show_the_same_night_with_both_caregivers(self):
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.on("mum", "bed", "19:30", "--by", "Mum", now="2026-11-24T19:31:00-05:00")
        self.on("mum", "asleep", "19:52", "--by", "Mum", now="2026-11-24T19:53:00-05:00")
        first = self.sync("mum", now="2026-11-24T20:00:00-05:00")
        self.assertEqual(first.out, "sent 2 changes; received nothing; 0 conflicts\n")
        self.carry("mum", "dad")
        got = self.sync("dad", now="2026-11-24T20:05:00-05:00")
        self.assertIn("received 2 changes from mum-laptop (latest 19:53)", got.out)
        # The night goes on at Dad's.
        self.on("dad", "woke", "02:10", "--by", "Dad", now="2026-11-25T02:11:00-05:00")
        self.on("dad", "checkin", "02:15", "02:17", "--by", "Dad",
                now="2026-11-25T02:18:00-05:00")
        self.on("dad", "asleep", "02:25", "--by", "Dad", now="2026-11-25T02:26:00-05:00")
        self.sync("dad", now="2026-11-25T02:30:00-05:00")
        self.carry("dad", "mum")
        got = self.sync("mum", now="2026-11-25T06:30:00-05:00")
        self.assertIn("received 3 changes from dad-laptop (latest 02:26)", got.out)
        self.on("mum", "up", "06:40", "--by", "Mum", now="2026-11-25T06:41:00-05:00")
        self.sync_both(now="2026-11-25T06:45:00-05:00")

        shows = {}
        for who in ("mum", "dad"):
            out = self.on(who, "show", "2026-11-24", now="2026-11-25T07:00:00-05:00").out
            # Ids are each machine's own; everything else is the same.
            shows[who] = "\n".join(line.split(None, 1)[-1] if line.startswith("#") else line
                                   for line in out.splitlines())
            self.assertIn("Mum", out)
            self.assertIn("Dad", out)
            self.assertRegex(out, r"woke\s+Dad")
            self.assertRegex(out, r"up\s+Mum")
        self.assertEqual(shows["mum"], shows["dad"])
        self.assertEqual(self.events("mum"), self.events("dad"))
        self.assertEqual(len(self.events("mum")), 6)
        nights = {who: self.on(who, "nights", "--format", "csv", "--since", "2026-11-24",
                               now="2026-11-25T07:00:00-05:00").out for who in ("mum", "dad")}
        self.assertEqual(nights["mum"], nights["dad"])

    def test_status_names_the_replicas_and_what_is_pending(self):
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.on("mum", "bed", "19:30")
        self.on("dad", "note", "teething gel at 18:00")
        self.sync("dad")
        self.carry("dad", "mum")
        status = self.on("mum", "sync", "status", self.dir_of["mum"]).out
        self.assertIn("this machine: mum-laptop (1 change not sent yet)", status)
        self.assertIn("dad-laptop: 1 file in the folder, 0 applied here, 1 pending", status)
        dry = self.on("mum", "sync", "--dry-run", self.dir_of["mum"])
        self.assertIn("would send 1 change; would receive 1 file from dad-laptop", dry.out)
        self.assertFalse(os.path.exists(os.path.join(self.dir_of["mum"], "sleeplog-sync",
                                                     "mum-laptop")))
        self.sync("mum")
        status = self.on("mum", "sync", "status", self.dir_of["mum"]).out
        self.assertIn("dad-laptop: 1 file in the folder, 1 applied here, 0 pending", status)

    def test_the_child_each_started_is_one_child_after_the_first_sync(self):
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.on("mum", "bed", "19:30")  # both start with `baby`
        self.on("dad", "note", "hello")
        self.sync("mum")
        self.sync("dad")
        self.carry("mum", "dad")
        self.carry("dad", "mum")
        out = self.sync("mum").out
        self.assertIn("child 'baby' made on both machines is now one child", out)
        self.sync("dad")
        for who in ("mum", "dad"):
            self.assertEqual(self.on(who, "child", "list", "--names").out, "baby\n")
        self.assertEqual(self.events("mum"), self.events("dad"))

    def test_undo_of_a_synced_change_syncs_as_a_new_change(self):
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.on("mum", "bed", "19:30")
        self.on("mum", "asleep", "19:40")
        self.sync_both()
        self.assertEqual(len(self.events("dad")), 2)
        undone = self.on("mum", "undo")
        self.assertIn("Undid `asleep 19:40`", undone.out)
        self.sync_both()
        self.assertEqual([e["kind"] for e in self.events("dad")], ["bed"])
        self.assertEqual(self.events("mum"), self.events("dad"))
        # Undo goes on walking back through Mum's own changes.
        self.assertIn("Undid `bed 19:30`", self.on("mum", "undo").out)
        self.sync_both()
        self.assertEqual(self.events("dad"), [])


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class OneEventEditedOnBothMachines(Machines):
    def test_the_later_edit_wins_everywhere_and_each_lists_the_other(self):
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.on("mum", "bed", "19:30", now="2026-11-27T19:31:00-05:00")
        self.sync_both(now="2026-11-27T19:35:00-05:00")
        # Both fix the bedtime before they sync: Mum first, Dad a minute later.
        self.on("mum", "edit", "1", "--at", "19:20", now="2026-11-27T21:00:00-05:00")
        dad_id = self.on("dad", "list", "--format", "json").json()[0]["id"]
        self.on("dad", "edit", str(dad_id), "--at", "19:25", now="2026-11-27T21:01:00-05:00")
        self.sync("mum", now="2026-11-27T21:05:00-05:00")
        self.sync("dad", now="2026-11-27T21:05:00-05:00")
        self.carry("mum", "dad")
        self.carry("dad", "mum")
        mum = self.sync("mum", now="2026-11-27T21:06:00-05:00")
        dad = self.sync("dad", now="2026-11-27T21:06:00-05:00")
        self.assertIn("1 conflict", mum.out)
        self.assertIn("1 conflict", dad.out)
        for who in ("mum", "dad"):
            [event] = self.events(who)
            self.assertEqual(event["start"], "2026-11-27T19:25:00-05:00")
        # Each lists the version that lost: Mum's 19:20, written on mum-laptop.
        for who in ("mum", "dad"):
            listed = self.on(who, "sync", "conflicts", "--format", "json").json()
            self.assertEqual(len(listed), 1, listed)
            self.assertEqual(listed[0]["from"], "mum-laptop")
            self.assertEqual(listed[0]["lost_to"], "dad-laptop")
            text = self.on(who, "sync", "conflicts").out
            self.assertIn("lost to dad-laptop", text)
            # In words, as the family typed it: the kind and the local time of the version.
            self.assertIn("mum-laptop: bed 2026-11-27 19:20", text)
        # Restoring it is one change that wins everywhere at the next sync.
        conflict = self.on("mum", "sync", "conflicts", "--format", "json").json()[0]["id"]
        self.on("mum", "sync", "restore", str(conflict), now="2026-11-27T21:10:00-05:00")
        self.sync_both(now="2026-11-27T21:11:00-05:00")
        for who in ("mum", "dad"):
            [event] = self.events(who)
            self.assertEqual(event["start"], "2026-11-27T19:20:00-05:00")


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class FilesASyncToolCarries(Machines):
    def prepare(self):
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.on("dad", "bed", "19:30")
        self.sync("dad")
        self.on("dad", "asleep", "19:45")
        self.sync("dad")
        source = os.path.join(self.dir_of["dad"], "sleeplog-sync", "dad-laptop")
        target = os.path.join(self.dir_of["mum"], "sleeplog-sync", "dad-laptop")
        os.makedirs(target)
        return source, target

    def test_half_written_corrupt_and_conflict_copies_are_skipped_until_whole(self):
        source, target = self.prepare()
        with open(os.path.join(source, "1.changeset"), "rb") as f:
            whole = f.read()
        # Half-copied by the sync tool.
        with open(os.path.join(target, "1.changeset"), "wb") as f:
            f.write(whole[: len(whole) // 2])
        shutil.copy(os.path.join(source, "2.changeset"), os.path.join(target, "2.changeset"))
        shutil.copy(os.path.join(source, "2.changeset"),
                    os.path.join(target, "2.sync-conflict-20261127-101010-ABCDEF.changeset"))
        shutil.copy(os.path.join(source, "2.changeset"),
                    os.path.join(target, "2 (Dad's conflicted copy 2026-11-27).changeset"))
        r = self.sync("mum")
        self.assertIn("received nothing", r.out)
        self.assertIn("1.changeset: it is incomplete", r.err)
        self.assertIn("sync-conflict", r.err)
        self.assertIn("conflicted copy", r.err)
        self.assertEqual(self.events("mum"), [])

        # Damaged in transit: whole length, one byte changed.
        damaged = bytearray(whole)
        damaged[-3] ^= 0x55
        with open(os.path.join(target, "1.changeset"), "wb") as f:
            f.write(damaged)
        r = self.sync("mum")
        self.assertIn("checksum", r.err)
        self.assertEqual(self.events("mum"), [])

        # The sync tool finishes: both files apply, once.
        with open(os.path.join(target, "1.changeset"), "wb") as f:
            f.write(whole)
        r = self.sync("mum")
        self.assertIn("received 2 changes from dad-laptop", r.out)
        self.assertEqual(sorted(e["kind"] for e in self.events("mum")), ["asleep", "bed"])
        r = self.sync("mum")
        self.assertIn("received nothing", r.out)
        self.assertEqual(len(self.events("mum")), 2)

    def test_a_changeset_that_breaks_the_rules_is_refused_whole(self):
        source, target = self.prepare()
        # An event kind no sleeplog writes, with a header that matches the body.
        self.rewrite_body(os.path.join(source, "1.changeset"), os.path.join(target, "1.changeset"),
                          lambda body: body.replace(b"bed", b"bad"))
        self.on("mum", "note", "before")
        before = self.digest(self.db_of["mum"])
        r = self.on("mum", "sync", self.dir_of["mum"], code=2)
        self.assertIn("does not fit this sleeplog's sync format", r.err)
        self.assertIn("nothing was applied", r.err)
        self.assertEqual(self.digest(self.db_of["mum"]), before)

    def test_a_replica_name_taken_by_another_machine_is_refused(self):
        self.on("mum", "config", "replica-name", "laptop")
        self.on("dad", "config", "replica-name", "laptop")
        self.on("dad", "bed", "19:30")
        self.sync("dad")
        self.carry("dad", "mum")
        self.on("mum", "bed", "19:30")
        before = self.digest(self.db_of["mum"])
        r = self.on("mum", "sync", self.dir_of["mum"], code=2)
        self.assertIn("belongs to another replica", r.err)
        self.assertIn("config replica-name", r.err)
        self.assertEqual(self.digest(self.db_of["mum"]), before)

    def test_a_folder_that_does_not_exist_is_an_input_error(self):
        self.on("mum", "bed", "19:30")
        r = self.on("mum", "sync", os.path.join(self.dir, "nowhere"), code=2)
        self.assertIn("is not a folder", r.err)


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class ANewMachineJoinsALongLog(Machines):
    """A second machine's first sync brings a long history at once (its event indexes are
    built after the load, as an import does); later syncs merge as usual."""

    def test_every_event_arrives_once_and_later_changes_still_merge(self):
        self.on("mum", "demo", "--nights", "200")
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.sync_both()
        mum = self.events("mum")
        self.assertGreater(len(mum), 1000)
        self.assertEqual(self.events("dad"), mum)
        ok = self.query("PRAGMA integrity_check", path=self.db_of["dad"])
        self.assertEqual(ok, [("ok",)])
        # The indexes are back: the same uuid cannot go in twice.
        names = {r[0] for r in self.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event'",
            path=self.db_of["dad"])}
        self.assertLessEqual({"event_uuid", "event_child_start", "event_source_key"}, names)
        # Dad removes the latest event and logs one; mum edits another; both arrive.
        latest = self.on("dad", "list", "--format", "json").json()[-1]
        self.on("dad", "rm", str(latest["id"]))
        self.on("dad", "note", "teething, gave cuddles", now="2026-11-24T20:00:00-05:00")
        self.sync_both()
        self.assertEqual(self.events("mum"), self.events("dad"))
        uuids = [e["uuid"] for e in self.events("mum")]
        self.assertNotIn(latest["uuid"], uuids)
        self.assertEqual(len(uuids), len(set(uuids)))
        self.assertEqual(len(uuids), len(mum))

    def test_a_long_log_with_one_event_that_breaks_the_rules_is_refused_whole(self):
        """A new machine's first load checks each event as the wire table does: one kind no
        sleeplog writes, near the end of a file of more than a thousand events, refuses the
        file whole, and nothing is applied."""
        self.on("mum", "demo", "--nights", "200")
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.sync("mum")
        source = os.path.join(self.dir_of["mum"], "sleeplog-sync", "mum-laptop")
        target = os.path.join(self.dir_of["dad"], "sleeplog-sync", "mum-laptop")
        shutil.copytree(source, target)
        [name] = [n for n in os.listdir(source) if n.endswith(".changeset")]

        def break_the_last_kind(body):
            # A changeset holds text as type 3, its length, its bytes.
            at = body.rfind(b"\x03\x06asleep")
            self.assertGreater(at, len(body) // 2)
            return body[:at] + b"\x03\x06aslept" + body[at + 8:]

        self.rewrite_body(os.path.join(source, name), os.path.join(target, name),
                          break_the_last_kind)
        before = self.digest(self.db_of["dad"])
        r = self.on("dad", "sync", self.dir_of["dad"], code=2)
        self.assertIn("does not fit this sleeplog's sync format", r.err)
        self.assertIn("breaks the rules of its table", r.err)
        self.assertEqual(self.digest(self.db_of["dad"]), before)
        self.assertEqual(self.events("dad"), [])

    def test_a_long_log_waits_for_the_file_that_brings_its_child(self):
        """Gran's tablet joins when the sync tool has brought Dad's long log but not yet
        Mum's file, which holds the child those events belong to: Dad's file waits, with
        a warning, and goes in whole once Mum's has come."""
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.on("mum", "child", "add", "baby")
        self.sync("mum")
        self.carry("mum", "dad")
        self.sync("dad")
        rows = ["id,uuid,child,night,kind,start,end,duration_s,by,note"]
        for day in range(150):
            for kind, hour, minute in (("bed", 19, 0), ("asleep", 19, 20), ("woke", 23, 0),
                                       ("asleep", 23, 15), ("woke", 2, 0), ("asleep", 2, 10),
                                       ("up", 6, 30)):
                date = datetime.date(2026, 6, 1) + datetime.timedelta(days=day + (hour < 12))
                rows.append(f",,baby,,{kind},{date}T{hour:02}:{minute:02}:00-04:00,,,Dad,")
        path = os.path.join(self.dir, "dads-nights.csv")
        with open(path, "w") as f:
            f.write("\n".join(rows) + "\n")
        self.on("dad", "import", path)
        self.sync("dad")
        expected = self.events("dad")
        self.assertEqual(len(expected), 1050)  # enough to load as a new log's first

        self.db_of["gran"] = os.path.join(self.dir, "gran", "sleeplog.db")
        self.dir_of["gran"] = os.path.join(self.dir, "gran", "Sync")
        os.makedirs(os.path.join(self.dir_of["gran"], "sleeplog-sync"))
        self.on("gran", "config", "replica-name", "gran-tablet")

        def bring(who):
            shutil.copytree(os.path.join(self.dir_of[who], "sleeplog-sync", f"{who}-laptop"),
                            os.path.join(self.dir_of["gran"], "sleeplog-sync", f"{who}-laptop"))

        bring("dad")
        r = self.sync("gran")
        self.assertIn("waits for a change another replica's file brings", r.err)
        self.assertIn("received nothing", r.out)
        self.assertEqual(self.events("gran"), [])
        bring("mum")
        r = self.sync("gran")
        self.assertIn("from dad-laptop", r.out)
        self.assertIn("from mum-laptop", r.out)
        self.assertEqual(self.events("gran"), expected)
        self.assertEqual(self.query("PRAGMA integrity_check", path=self.db_of["gran"]),
                         [("ok",)])
        self.assertEqual(self.sync("gran").out, "sent 0 changes; received nothing; 0 conflicts\n")


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class KilledInTheMiddleOfASync(Machines):
    def test_fifty_kills_leave_a_sound_log_and_the_next_sync_applies_everything_once(self):
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        # Dad's machine holds a long history, sent in several files.
        self.on("dad", "demo", "--nights", "30")
        self.sync("dad")
        for minute in range(10):
            self.on("dad", "note", f"note {minute}", f"-{minute + 1}m")
            self.sync("dad")
        self.carry("dad", "mum")
        expected = self.events("dad")
        self.on("mum", "note", "mum's own")
        # How long a whole sync takes here: timed on copies, so Mum's own stays unsynced.
        trial_db = os.path.join(self.dir, "trial.db")
        trial_dir = os.path.join(self.dir, "trial")
        shutil.copy(self.db_of["mum"], trial_db)
        shutil.copytree(self.dir_of["mum"], trial_dir)
        began = time.monotonic()
        trial = subprocess.run([BIN, "sync", trial_dir], env=self.env(SLEEPLOG_DB=trial_db),
                               capture_output=True, text=True)
        duration = time.monotonic() - began
        self.assertEqual(trial.returncode, 0, trial.stderr)
        self.assertIn("received 11 changes from dad-laptop", trial.stdout)

        rng = random.Random(7)
        env = self.env(SLEEPLOG_DB=self.db_of["mum"])
        survived = 0
        for _ in range(50):
            proc = subprocess.Popen([BIN, "sync", self.dir_of["mum"]], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * 1.2))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if proc.returncode == 0:
                survived += 1
            check = self.query("PRAGMA integrity_check", path=self.db_of["mum"])
            self.assertEqual(check, [("ok",)])
        self.sync("mum")
        self.assertEqual(self.sync("mum").out, "sent 0 changes; received nothing; 0 conflicts\n")
        got = [e for e in self.events("mum") if e["note"] != "mum's own"]
        self.assertEqual(got, expected)
        uuids = [e["uuid"] for e in self.events("mum")]
        self.assertEqual(len(uuids), len(set(uuids)))
        # Mum's own change went out exactly once, in one file.
        mine = os.listdir(os.path.join(self.dir_of["mum"], "sleeplog-sync", "mum-laptop"))
        self.assertEqual(sorted(f for f in mine if not f.startswith(".")), ["1.changeset"])
        self.assertLess(survived, 50)


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class ALogFromThePreviousRelease(Machines):
    def test_it_upgrades_with_its_backup_and_every_event_reaches_the_other_machine(self):
        fixture = os.path.join(os.path.dirname(__file__), "..", "data", "v3.db")
        os.makedirs(os.path.dirname(self.db_of["mum"]), exist_ok=True)
        shutil.copy(fixture, self.db_of["mum"])
        before = self.query("SELECT uuid, kind, start_at, coalesce(note, '') FROM event "
                            "ORDER BY uuid", path=self.db_of["mum"])
        self.assertEqual(len(before), 597)
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.assertTrue(os.path.exists(self.db_of["mum"] + ".v3.bak"))
        self.assertEqual(self.query("PRAGMA user_version", path=self.db_of["mum"]), [(5,)])
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.sync_both()
        for who in ("mum", "dad"):
            after = self.query("SELECT uuid, kind, start_at, coalesce(note, '') FROM event "
                               "ORDER BY uuid", path=self.db_of[who])
            self.assertEqual(after, before)
        self.assertEqual(self.on("dad", "child", "list", "--names").out, "baby\nLeo\n")
        self.assertEqual(self.on("dad", "-c", "baby", "tags", "--format", "csv").out,
                         self.on("mum", "-c", "baby", "tags", "--format", "csv").out)
        self.assertEqual(self.on("dad", "-c", "baby", "plan", "list", "--format", "json").json()[0]["method"],
                         "ferber")
        # caregiver is each machine's own: it stays on Mum's.
        self.assertEqual(self.on("mum", "config", "caregiver").out, "Mum\n")
        self.assertEqual(self.on("dad", "config", "caregiver").out, "\n")


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class ALongFileDamagedInTransit(Machines):
    """A long first file damaged in transit is skipped with a warning, whether or not its
    damaged body still reads: nothing of it goes in, the replica's later file waits for
    it, and both go in once it is whole."""

    def prepare(self):
        self.on("mum", "demo", "--nights", "300")
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.sync("mum")
        self.on("mum", "note", "after the long file", now="2026-11-28T07:10:00-05:00")
        self.sync("mum", now="2026-11-28T07:11:00-05:00")
        self.carry("mum", "dad")
        self.first = os.path.join(self.dir_of["dad"], "sleeplog-sync", "mum-laptop",
                                  "1.changeset")
        with open(self.first, "rb") as f:
            self.whole = f.read()
        self.assertGreater(len(self.whole), 256 * 1024)

    def damage_and_sync(self, old, new):
        header, body = self.whole.split(b"\n\n", 1)
        at = body.find(old)
        self.assertGreater(at, 0)
        with open(self.first, "wb") as f:
            f.write(header + b"\n\n" + body[:at] + new + body[at + len(new):])
        r = self.sync("dad")
        self.assertIn("1.changeset: its checksum does not match (damaged in transit)", r.err)
        self.assertIn("received nothing", r.out)
        self.assertEqual(self.events("dad"), [])
        # Whole again, it goes in, and the file after it too.
        with open(self.first, "wb") as f:
            f.write(self.whole)
        r = self.sync("dad")
        self.assertNotIn("skipped", r.err)
        self.assertEqual(self.events("dad"), self.events("mum"))
        self.assertIn("after the long file", [e["note"] for e in self.events("dad")])

    def test_a_damaged_body_that_still_reads(self):
        self.prepare()
        self.damage_and_sync(b"\x03\x03Sam", b"\x03\x03Sal")  # a caregiver's name

    def test_a_damaged_body_that_breaks_the_rules(self):
        self.prepare()
        self.damage_and_sync(b"\x03\x06asleep", b"\x03\x06asleeq")  # a kind no one logs

    def test_a_damaged_body_that_does_not_read(self):
        self.prepare()
        self.damage_and_sync(b"\x03\x06asleep", b"\x07")  # no type a value can have


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
class ALogThatSyncedWithThePreviousRelease(Machines):
    def test_it_upgrades_and_a_new_machine_still_loads_it_at_once(self):
        """tests/data/v4.db: Mum's log synced twice by the release before a first load
        kept its clocks in runs (schema 4)."""
        fixture = os.path.join(os.path.dirname(__file__), "..", "data", "v4.db")
        os.makedirs(os.path.dirname(self.db_of["mum"]), exist_ok=True)
        shutil.copy(fixture, self.db_of["mum"])
        rows = "SELECT uuid, kind, start_at, coalesce(note, '') FROM event ORDER BY uuid"
        before = self.query(rows, path=self.db_of["mum"])
        self.assertEqual(len(before), 1279)
        # Her sync upgrades it with its checked backup, and writes her two files again
        # into this (empty) folder from what it keeps of them.
        self.assertEqual(self.sync("mum").out, "sent 0 changes; received nothing; 0 conflicts\n")
        self.assertTrue(os.path.exists(self.db_of["mum"] + ".v4.bak"))
        self.assertEqual(self.query("PRAGMA user_version", path=self.db_of["mum"]), [(5,)])
        self.assertEqual(self.query(rows, path=self.db_of["mum"]), before)
        mine = os.listdir(os.path.join(self.dir_of["mum"], "sleeplog-sync", "mum-laptop"))
        self.assertEqual(sorted(mine), ["1.changeset", "2.changeset"])
        # Dad's new machine takes her long first file at once: its clocks in runs.
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.sync_both()
        self.assertEqual(self.query(rows, path=self.db_of["dad"]), before)
        self.assertEqual(self.events("dad"), self.events("mum"))
        runs = self.query("SELECT count(*), sum(length(hlcs) - length(replace(hlcs, char(10), "
                          "'')) + 1) FROM event_clock_run", path=self.db_of["dad"])
        self.assertEqual(runs, [(10, 1278)])  # 1,278 demo events; the note came later
        self.assertEqual(self.query("SELECT count(*) FROM row_clock WHERE tbl = 'event'",
                                    path=self.db_of["dad"]), [(1,)])
        # An edit on each side of one of those events: the later (Dad's) wins on both.
        uuid = before[100][0]
        mum_id = self.query("SELECT id FROM event WHERE uuid = ?", uuid, path=self.db_of["mum"])
        dad_id = self.query("SELECT id FROM event WHERE uuid = ?", uuid, path=self.db_of["dad"])
        self.on("mum", "edit", str(mum_id[0][0]), "--note", "Mum's",
                now="2026-11-28T08:00:00-05:00")
        self.on("dad", "edit", str(dad_id[0][0]), "--note", "Dad's",
                now="2026-11-28T08:01:00-05:00")
        self.sync_both(now="2026-11-28T08:05:00-05:00")
        for who in ("mum", "dad"):
            [event] = [e for e in self.events(who) if e["uuid"] == uuid]
            self.assertEqual(event["note"], "Dad's")
            [lost] = self.on(who, "sync", "conflicts", "--format", "json").json()
            self.assertEqual((lost["from"], lost["lost_to"]), ("mum-laptop", "dad-laptop"))


@unittest.skipIf(shutil.which("rsync") is None, "rsync is not installed")
def run_clocks(hlcs):
    """The clocks of an event_clock_run row, read as DESIGN §12 says and independently of
    sleeplog: a line is a whole clock, or a space, the lengths of the prefix and suffix it
    shares with the clock before ('!' + length), and the bytes between."""
    clocks = []
    for line in hlcs.split("\n"):
        if line.startswith(" "):
            before = clocks[-1]
            prefix, suffix = ord(line[1]) - ord("!"), ord(line[2]) - ord("!")
            clocks.append(before[:prefix] + line[3:] + before[len(before) - suffix:])
        else:
            clocks.append(line)
    return clocks


class AnOlderVersionMeetsAFirstLoad(Machines):
    def test_the_clock_a_first_load_kept_decides(self):
        """Gran's tablet began as a copy of Mum's log, and its clock is behind: its first
        file, with Gran's note on one event, is older than Mum's. Dad's new machine loads
        Mum's long file at once (its clocks in runs), then Gran's: Gran's version loses
        there as on Mum's and Gran's machines, and every machine lists it."""
        self.meet(whole_lines=False)

    def test_runs_the_release_before_wrote_whole_read_the_same(self):
        """The release that made event_clock_run wrote every clock of a run whole. A log it
        loaded (its runs rewritten so here) decides the same."""
        self.meet(whole_lines=True)

    def meet(self, whole_lines):
        self.on("mum", "demo", "--nights", "130")
        self.db_of["gran"] = os.path.join(self.dir, "gran", "sleeplog.db")
        self.dir_of["gran"] = os.path.join(self.dir, "gran", "Sync")
        os.makedirs(self.dir_of["gran"])
        shutil.copy(self.db_of["mum"], self.db_of["gran"])
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.db_of["mum"] + suffix):
                shutil.copy(self.db_of["mum"] + suffix, self.db_of["gran"] + suffix)
        first = self.events("mum")[0]
        gran_id = self.query("SELECT id FROM event WHERE uuid = ?", first["uuid"],
                             path=self.db_of["gran"])[0][0]
        self.on("gran", "config", "replica-name", "gran-tablet")
        self.on("gran", "edit", str(gran_id), "--note", "Gran's", now="2026-11-28T06:10:00-05:00")
        self.sync("gran", now="2026-11-28T06:15:00-05:00")
        self.on("mum", "config", "replica-name", "mum-laptop")
        self.sync("mum", now="2026-11-28T07:00:00-05:00")
        self.on("dad", "config", "replica-name", "dad-laptop")
        self.carry("mum", "dad")
        self.sync("dad", now="2026-11-28T07:30:00-05:00")
        # Every event's clock in Dad's runs is the clock Mum sent it with.
        sent = dict(self.query("SELECT key, hlc FROM row_clock WHERE tbl = 'event'",
                               path=self.db_of["mum"]))
        runs = self.query("SELECT first_id, hlcs FROM event_clock_run ORDER BY first_id",
                          path=self.db_of["dad"])
        self.assertGreater(len(runs), 5)
        uuid_of = dict(self.query("SELECT id, uuid FROM event", path=self.db_of["dad"]))
        loaded = {}
        for first_id, hlcs in runs:
            for n, clock in enumerate(run_clocks(hlcs)):
                loaded[uuid_of[first_id + n]] = clock
        self.assertEqual(loaded, sent)
        # After a run's first, each line is told from the one before in a few bytes.
        lines = sum(hlcs.count("\n") + 1 for _, hlcs in runs)
        self.assertLess(sum(len(hlcs) for _, hlcs in runs), 10 * lines)
        if whole_lines:
            con = sqlite3.connect(self.db_of["dad"])
            with con:
                for first_id, hlcs in runs:
                    con.execute("UPDATE event_clock_run SET hlcs = ? WHERE first_id = ?",
                                ("\n".join(run_clocks(hlcs)), first_id))
            con.close()
            self.assertEqual(self.query("SELECT count(*) FROM event_clock_run WHERE hlcs LIKE "
                                        "'% %'", path=self.db_of["dad"]), [(0,)])
        self.carry("gran", "dad")
        self.assertIn("; 1 conflict", self.sync("dad", now="2026-11-28T07:31:00-05:00").out)
        self.carry("gran", "mum")
        self.assertIn("; 1 conflict", self.sync("mum", now="2026-11-28T07:32:00-05:00").out)
        self.carry("mum", "gran")
        self.assertIn("; 1 conflict", self.sync("gran", now="2026-11-28T07:33:00-05:00").out)
        mum = self.events("mum")
        self.assertEqual(self.events("dad"), mum)
        self.assertEqual(self.events("gran"), mum)
        [kept] = [e for e in mum if e["uuid"] == first["uuid"]]
        self.assertEqual(kept["note"], first["note"])
        for who in ("mum", "dad", "gran"):
            [lost] = self.on(who, "sync", "conflicts", "--format", "json").json()
            self.assertEqual((lost["from"], lost["lost_to"]), ("gran-tablet", "mum-laptop"))


class SyncInBerlin(TwoCaregiversShareOneNight):
    """The same nights in another DST zone."""
    tz = "Europe/Berlin"
    now = "2026-11-28T07:00:00+01:00"

    def test_both_machines_show_the_same_night_with_both_caregivers(self):
        self.skipTest("the New York run covers the clock times; Berlin runs the rest")


if __name__ == "__main__":
    unittest.main()
