"""End-to-end: one change journal under every write. `undo` after any command puts the
whole log — events, tags, plans, holds, children, settings — back as it was, says what it
undid, and goes back change by change in order."""

import os
import random
import shutil

from harness import SOURCE, SleeplogTest, main

# Every table a user can change, read whole (ids included), in a fixed order.
TABLES = {
    "child": "SELECT id, name, born FROM child ORDER BY id",
    "event": "SELECT id, uuid, child_id, kind, start_at, end_at, utc_offset, by_name, note "
             "FROM event ORDER BY id",
    "tag": "SELECT child_id, night, word, note FROM tag ORDER BY child_id, night, word",
    # The columns every schema has (4 adds a uuid, which the comparison leaves out).
    "plan": "SELECT id, child_id, method, from_night, until_night, waits, stage_nights, "
            "positions, start_min, goal_min, step_min, checkin_max_s, timer, created_at "
            "FROM plan ORDER BY id",
    "plan_hold": "SELECT plan_id, from_night, nights, created_at FROM plan_hold "
                 "ORDER BY plan_id, from_night, created_at",
    "setting": "SELECT key, value FROM setting ORDER BY key",
}


class UndoEveryKind(SleeplogTest):
    now = "2026-11-28T10:00:00-05:00"

    def setUp(self):
        super().setUp()
        # A few nights for Nora, so that tags and plans have nights to stand on.
        for night in ("2026-11-25", "2026-11-26", "2026-11-27"):
            day = int(night[-2:]) + 1
            self.ok("bed", f"{night} 19:00")
            self.ok("asleep", f"{night} 19:20")
            self.ok("up", f"2026-11-{day:02d} 06:30")
        self.ok("child", "rename", "baby", "Nora")

    def state(self):
        """The log as the commands show it (for Nora), and every journaled table's rows."""
        shown = {
            "events": self.ok("export", "--events", "--format", "jsonl", SLEEPLOG_CHILD="Nora").out,
            "tags": self.ok("tags", "--format", "json", SLEEPLOG_CHILD="Nora").out,
            "plans": self.ok("plan", "list", "--format", "json", SLEEPLOG_CHILD="Nora").out,
            "children": self.ok("child", "list").out,
            "config": self.ok("config").out,
        }
        rows = {name: self.query(sql) for name, sql in TABLES.items()}
        return shown, rows

    def assert_undo_restores(self, *command, says):
        before = self.state()
        self.ok(*command)
        self.assertNotEqual(self.state(), before, f"{command} changed nothing")
        r = self.ok("undo")
        self.assertIn(says, r.out)
        after = self.state()
        self.assertEqual(after[1], before[1])
        self.assertEqual(after[0], before[0])

    def test_tag(self):
        self.assert_undo_restores("tag", "2026-11-26", "teething", "--note", "molar",
                                  says="Undid `tag 2026-11-26 teething --note molar`: removed 1 tag")

    def test_untag(self):
        self.ok("tag", "2026-11-25..2026-11-27", "travel")
        self.assert_undo_restores("untag", "2026-11-26", "travel",
                                  says="restored 1 tag")

    def test_plan_start(self):
        self.assert_undo_restores("plan", "start", "ferber", "--from", "2026-11-26",
                                  says="Undid `plan start ferber --from 2026-11-26`: removed 1 plan")

    def test_plan_stop(self):
        self.ok("plan", "start", "ferber", "--from", "2026-11-25")
        self.assert_undo_restores("plan", "stop", says="Undid `plan stop`: restored 1 plan")

    def test_plan_hold(self):
        self.ok("plan", "start", "ferber", "--from", "2026-11-25")
        self.assert_undo_restores("plan", "hold", "--nights", "2",
                                  says="Undid `plan hold --nights 2`: removed 1 plan hold")

    def test_child_add_rename_default(self):
        self.assert_undo_restores("child", "add", "Leo", "--born", "2025-06-01",
                                  says="removed 1 child")
        self.ok("child", "add", "Leo")
        self.assert_undo_restores("child", "rename", "Leo", "Theo", says="restored 1 child")
        self.assert_undo_restores("child", "default", "Leo", says="removed 1 setting")
        self.assert_undo_restores("child", "edit", "Nora", "--born", "2025-08-09",
                                  says="restored 1 child")
        self.ok("child", "edit", "Nora", "--name", "Nola")
        self.assertIn("Nola", self.ok("child", "list").out)
        self.assertIn("Undid `child edit Nora --name Nola`: restored 1 child", self.ok("undo").out)
        self.assertNotIn("Nola", self.ok("child", "list").out)

    def test_edit_moving_an_event_to_another_child(self):
        self.ok("child", "add", "Leo")
        self.assert_undo_restores("edit", "4", "--child", "Leo", says="restored 1 event")

    def test_config(self):
        self.assert_undo_restores("config", "target-bedtime", "19:00", says="removed 1 setting")
        self.ok("config", "week-start", "sun")
        self.assert_undo_restores("config", "week-start", "mon", says="restored 1 setting")

    def test_edit_and_rm(self):
        self.assert_undo_restores("edit", "2", "--at", "2026-11-25 19:25", "--note", "slow",
                                  says="restored 1 event")
        self.assert_undo_restores("rm", "4", "5", says="restored 2 events")

    def test_import_is_one_change(self):
        path = os.path.join(self.dir, "export.csv")
        with open(path, "w") as f:
            f.write(self.ok("export", "--events").out)
        self.ok("--db", os.path.join(self.dir, "other.db"), "bed", "2026-11-27 19:00")
        other = os.path.join(self.dir, "other.db")
        before = self.state()
        self.ok("--db", other, "import", path)
        # Into another log: its own undo takes the import back whole.
        r = self.ok("--db", other, "undo")
        self.assertIn("Undid `import", r.out)
        self.assertEqual(self.ok("--db", other, "list", "--format", "csv", "--since",
                                 "2026-11-20").out.count("\n"), 2)
        self.assertEqual(self.state(), before)

    def test_undo_refuses_nothing_and_skips_nothing(self):
        self.ok("tag", "2026-11-27", "sick")
        self.ok("plan", "start", "ferber", "--from", "2026-11-26")
        self.ok("plan", "hold")
        r = self.ok("undo")
        self.assertIn("plan hold", r.out)
        r = self.ok("undo")
        self.assertIn("plan start ferber", r.out)
        r = self.ok("undo")
        self.assertIn("tag 2026-11-27 sick", r.out)
        # Next: the rename, not an older event.
        r = self.ok("undo")
        self.assertIn("child rename baby Nora", r.out)

    def test_a_failed_command_is_no_change(self):
        before = self.state()
        self.fails(2, "tag", "2026-11-27", "")
        self.fails(2, "child", "rename", "Nobody", "X")
        self.assertEqual(self.state(), before)
        r = self.ok("undo")
        self.assertIn("child rename baby Nora", r.out)

    def test_ten_mixed_changes_undone_in_reverse_return_to_the_start(self):
        start = self.state()
        commands = [
            ("tag", "2026-11-26", "teething"),
            ("plan", "start", "chair", "--from", "2026-11-26"),
            ("note", "started the chair", "--at", "2026-11-27 19:30"),
            ("child", "add", "Leo"),
            ("config", "caregiver", "Mum"),
            ("plan", "hold", "--nights", "3"),
            ("edit", "3", "--note", "early riser"),
            ("untag", "2026-11-26", "teething"),
            ("child", "default", "Leo"),
            ("rm", "1"),
        ]
        states = [start]
        for command in commands:
            self.ok(*command, SLEEPLOG_CHILD="Nora")
            states.append(self.state())
        for i in range(len(commands), 0, -1):
            self.ok("undo")
            self.assertEqual(self.state(), states[i - 1], f"after undoing {commands[i - 1]}")
        self.assertEqual(self.state(), start)

    def test_random_mixes_undo_in_order(self):
        """Seeded: random writes of every kind, then undo back to the start, state by state."""
        rng = random.Random(20261205)
        pool = [
            lambda: ("tag", rng.choice(["2026-11-25", "2026-11-26", "2026-11-27"]),
                     rng.choice(["sick", "travel", "grandma"])),
            lambda: ("untag", "2026-11-25..2026-11-27", rng.choice(["sick", "travel", "grandma"])),
            lambda: ("note", f"note {rng.randint(1, 99)}", "--at", "2026-11-27 20:00"),
            lambda: ("config", "week-start", rng.choice(["mon", "sun"])),
            lambda: ("config", "caregiver", rng.choice(["Mum", "Dad", ""])),
            lambda: ("edit", str(rng.randint(1, 9)), "--note", f"n{rng.randint(1, 9)}"),
        ]
        states = [self.state()]
        done = 0
        while done < 8:
            r = self.run_sl(*rng.choice(pool)())
            state = self.state()
            if r.code != 0 or state == states[-1]:
                # A failed command, or one that changed nothing (untag of a word not
                # there, a setting set to its value): no change for undo.
                self.assertEqual(state, states[-1])
                continue
            states.append(state)
            done += 1
        for i in range(done, 0, -1):
            self.ok("undo")
            self.assertEqual(self.state(), states[i - 1])


class PreviousReleaseDatabase(SleeplogTest):
    """tests/data/v2.db, written by the release before the change journal."""

    now = "2026-11-20T12:00:00+01:00"
    tz = "Europe/Berlin"

    def setUp(self):
        super().setUp()
        os.makedirs(os.path.dirname(self.db))
        shutil.copy(os.path.join(SOURCE, "tests", "data", "v2.db"), self.db)

    def rows(self, path=None):
        return {name: self.query(sql, path=path) for name, sql in TABLES.items()}

    def test_migrates_keeping_every_row_and_old_changes_stay_undoable(self):
        before = self.rows()
        self.assertEqual(len(before["event"]), 455)
        exported = self.ok("export", "--events", "-c", "Leo").out
        # A write migrates it (after a backup) and keeps every row of every table.
        self.ok("config", "target-bedtime", "19:30")
        self.assertEqual(self.query("PRAGMA user_version"), [(5,)])
        self.assertEqual(self.rows(path=self.db + ".v2.bak"), before)
        after = self.rows()
        after["setting"] = [r for r in after["setting"] if r[0] != "target-bedtime"]
        self.assertEqual(after, before)
        self.assertEqual(self.ok("export", "--events", "-c", "Leo").out, exported)
        # The new change, then the old release's changes, undone in order.
        self.assertIn("Undid `config target-bedtime 19:30`", self.ok("undo").out)
        self.assertIn("Undid `rm #301`: restored 1 event", self.ok("undo").out)
        self.assertIn("Undid `edit #300`: restored 1 event", self.ok("undo").out)
        self.assertEqual(len(self.rows()["event"]), 456)
        self.assertEqual(self.query("SELECT note FROM event WHERE id = 300"), [(None,)])


class UndoSaysWhatItWas(SleeplogTest):
    now = "2026-11-28T10:00:00-05:00"

    def test_undo_names_the_command_as_typed(self):
        self.ok("bed", "2026-11-27 19:00")
        self.ok("--db", self.db, "tag", "2026-11-27", "teething")
        r = self.ok("undo")
        self.assertEqual(r.out, "Undid `tag 2026-11-27 teething`: removed 1 tag\n")

    def test_everything_undone_then_nothing_to_undo(self):
        self.ok("bed", "2026-11-27 19:00")
        self.ok("undo")
        r = self.fails(2, "undo")
        self.assertIn("nothing to undo", r.err)

    def test_undo_refuses_when_rows_changed_outside_the_journal(self):
        import sqlite3
        self.ok("bed", "2026-11-27 19:00")
        self.ok("edit", "1", "--note", "first")
        con = sqlite3.connect(self.db)
        con.execute("UPDATE event SET note = 'by hand' WHERE id = 1")
        con.commit()
        con.close()
        digest = self.digest()
        r = self.fails(1, "undo")
        self.assertIn("cannot undo `edit", r.err)
        self.assertEqual(self.digest(), digest)


if __name__ == "__main__":
    main()
