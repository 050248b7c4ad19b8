#include <sleeplog/store/schema.hpp>

namespace sleeplog::store {

// Migration i takes a database from user_version i to i + 1. Never edit a shipped one:
// add a new one at the end and raise schema_version.
const std::vector<std::string>& migrations()
{
  static const std::vector<std::string> steps{
    R"sql(
CREATE TABLE child(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  born TEXT
);
CREATE TABLE change(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  description TEXT NOT NULL
);
CREATE TABLE event(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL,
  child_id INTEGER NOT NULL REFERENCES child(id),
  kind TEXT NOT NULL
    CHECK (kind = 'bed' OR kind = 'asleep' OR kind = 'woke' OR kind = 'up' OR kind = 'cry'
           OR kind = 'checkin' OR kind = 'feed' OR kind = 'nap' OR kind = 'note'),
  start_at INTEGER NOT NULL,
  end_at INTEGER CHECK (end_at IS NULL OR end_at >= start_at),
  utc_offset INTEGER NOT NULL,
  by_name TEXT,
  note TEXT,
  source_key TEXT,
  change_id INTEGER REFERENCES change(id)
);
CREATE UNIQUE INDEX event_uuid ON event(uuid);
CREATE INDEX event_child_start ON event(child_id, start_at);
CREATE INDEX event_change ON event(change_id);
-- Only other apps' imports have a content key: a partial index costs sleeplog's own
-- events nothing.
CREATE UNIQUE INDEX event_source_key ON event(source_key) WHERE source_key IS NOT NULL;
CREATE TABLE undo_log(
  change_id INTEGER NOT NULL REFERENCES change(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  uuid TEXT NOT NULL,
  child_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER,
  utc_offset INTEGER NOT NULL,
  by_name TEXT,
  note TEXT,
  source_key TEXT,
  event_change_id INTEGER,
  PRIMARY KEY (change_id, seq)
);
CREATE TABLE setting(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
    // 2: ids are never given twice (AUTOINCREMENT remembers the highest id ever used,
    // seeded from the events and the undo journal), and nights carry context tags (§9).
    R"sql(
CREATE TABLE event_v2(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL,
  child_id INTEGER NOT NULL REFERENCES child(id),
  kind TEXT NOT NULL
    CHECK (kind = 'bed' OR kind = 'asleep' OR kind = 'woke' OR kind = 'up' OR kind = 'cry'
           OR kind = 'checkin' OR kind = 'feed' OR kind = 'nap' OR kind = 'note'),
  start_at INTEGER NOT NULL,
  end_at INTEGER CHECK (end_at IS NULL OR end_at >= start_at),
  utc_offset INTEGER NOT NULL,
  by_name TEXT,
  note TEXT,
  source_key TEXT,
  change_id INTEGER REFERENCES change(id)
);
INSERT INTO event_v2(id, uuid, child_id, kind, start_at, end_at, utc_offset, by_name, note,
                     source_key, change_id)
  SELECT id, uuid, child_id, kind, start_at, end_at, utc_offset, by_name, note, source_key,
         change_id FROM event;
DROP TABLE event;
ALTER TABLE event_v2 RENAME TO event;
CREATE UNIQUE INDEX event_uuid ON event(uuid);
CREATE INDEX event_child_start ON event(child_id, start_at);
CREATE INDEX event_change ON event(change_id);
CREATE UNIQUE INDEX event_source_key ON event(source_key) WHERE source_key IS NOT NULL;
DELETE FROM sqlite_sequence WHERE name = 'event';
INSERT INTO sqlite_sequence(name, seq)
  SELECT 'event', max(coalesce((SELECT max(id) FROM event), 0),
                      coalesce((SELECT max(event_id) FROM undo_log), 0));
CREATE TABLE tag(
  child_id INTEGER NOT NULL REFERENCES child(id),
  night TEXT NOT NULL CHECK (night GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  word TEXT NOT NULL CHECK (word <> ''),
  note TEXT,
  PRIMARY KEY (child_id, night, word)
);
-- Sleep-training plans (§8): one row per plan with its method's options, and the
-- `plan hold` history. A stopped plan keeps its rows; until_night is its last night.
CREATE TABLE plan(
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  method TEXT NOT NULL
    CHECK (method = 'ferber' OR method = 'checks' OR method = 'chair' OR method = 'fading'),
  from_night TEXT NOT NULL CHECK (from_night GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  until_night TEXT CHECK (until_night IS NULL OR until_night >= from_night),
  waits TEXT,
  stage_nights INTEGER,
  positions TEXT,
  start_min INTEGER,
  goal_min INTEGER,
  step_min INTEGER,
  checkin_max_s INTEGER NOT NULL DEFAULT 120,
  timer TEXT NOT NULL DEFAULT 'waking' CHECK (timer = 'waking' OR timer = 'crying'),
  created_at INTEGER NOT NULL
);
CREATE INDEX plan_child ON plan(child_id, from_night);
CREATE TABLE plan_hold(
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  from_night TEXT NOT NULL,
  nights INTEGER NOT NULL CHECK (nights > 0),
  created_at INTEGER NOT NULL
);
)sql",
    // 3: one change journal under every write (DESIGN §7.4). A change keeps the
    // changeset SQLite's session extension recorded for it; events_by_id marks the older
    // way (undo_log plus event.change_id), kept for changes made before this migration
    // and for bulk loads. The session extension tracks rows by primary key, so plan
    // holds get one.
    R"sql(
ALTER TABLE change ADD COLUMN changeset BLOB;
ALTER TABLE change ADD COLUMN events_by_id INTEGER NOT NULL DEFAULT 1;
CREATE TABLE plan_hold_v3(
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  from_night TEXT NOT NULL,
  nights INTEGER NOT NULL CHECK (nights > 0),
  created_at INTEGER NOT NULL
);
INSERT INTO plan_hold_v3(plan_id, from_night, nights, created_at)
  SELECT plan_id, from_night, nights, created_at FROM plan_hold ORDER BY rowid;
DROP TABLE plan_hold;
ALTER TABLE plan_hold_v3 RENAME TO plan_hold;
CREATE INDEX plan_hold_plan ON plan_hold(plan_id);
)sql",
    // 4: sync between caregivers' machines (DESIGN §12). Children, plans and holds get
    // the uuid events already have: the wire names rows by uuid, while the short ids
    // people type stay this file's own. The sync tables are never sent and never journaled.
    R"sql(
ALTER TABLE child ADD COLUMN uuid TEXT;
UPDATE child SET uuid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX child_uuid ON child(uuid);
ALTER TABLE plan ADD COLUMN uuid TEXT;
UPDATE plan SET uuid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX plan_uuid ON plan(uuid);
ALTER TABLE plan_hold ADD COLUMN uuid TEXT;
UPDATE plan_hold SET uuid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX plan_hold_uuid ON plan_hold(uuid);
-- An undo of a change that was already sent is itself a change that syncs, but it is
-- not undone in turn: undo walks back past it.
ALTER TABLE change ADD COLUMN syncs_only INTEGER NOT NULL DEFAULT 0;
-- This replica: its id, name, clock, and how far its journal has been sent.
CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- What was sent, whole, so that a file lost before it reached the folder is written again.
CREATE TABLE sync_out(
  seq INTEGER PRIMARY KEY,
  body BLOB NOT NULL,
  through_change INTEGER NOT NULL,
  changes INTEGER NOT NULL,
  latest_at INTEGER NOT NULL
);
-- The other replicas, and the last of their files applied here.
CREATE TABLE sync_peer(
  replica TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  applied_seq INTEGER NOT NULL DEFAULT 0,
  changes INTEGER NOT NULL DEFAULT 0,
  latest_at INTEGER
);
-- The version of every synced row: its clock, and which replica's file carried it.
CREATE TABLE row_clock(
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  oseq INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tbl, key)
) WITHOUT ROWID;
-- Versions that lost a conflict, for `sync conflicts` and `sync restore`.
CREATE TABLE sync_conflict(
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  row TEXT,
  winner_hlc TEXT NOT NULL,
  winner_origin TEXT NOT NULL,
  at INTEGER NOT NULL
);
-- Rows whose child or plan was deleted here when they came, kept in case it comes back.
CREATE TABLE sync_parked(
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  parent TEXT NOT NULL,
  hlc TEXT NOT NULL,
  row TEXT NOT NULL,
  PRIMARY KEY (tbl, key)
);
CREATE INDEX sync_parked_parent ON sync_parked(parent);
-- A child made on two replicas under one name is one child: the other uuid points here.
CREATE TABLE child_alias(uuid TEXT PRIMARY KEY, canonical TEXT NOT NULL);
)sql",
    // 5: a new machine's first sync keeps the clocks of the events it brought many to a
    // row: those of events first_id, first_id + 1, ... one to a line, all carried by
    // origin's file oseq (a line is a whole clock or, since the release after the one
    // that made this table, one told from the line before: see clock_in_run). A
    // row_clock row for an event is later and wins. (A row_clock row per event cost that
    // first load a third of its time.)
    R"sql(
CREATE TABLE event_clock_run(
  first_id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL,
  oseq INTEGER NOT NULL,
  hlcs TEXT NOT NULL
);
)sql",
  };
  return steps;
}

const std::vector<EventIndex>& event_indexes()
{
  // The same statements as in the latest migration that (re)defines them.
  static const std::vector<EventIndex> indexes{
    {"event_uuid", "CREATE UNIQUE INDEX event_uuid ON event(uuid)", true},
    {"event_child_start", "CREATE INDEX event_child_start ON event(child_id, start_at)"},
    {"event_change", "CREATE INDEX event_change ON event(change_id)"},
    {"event_source_key",
     "CREATE UNIQUE INDEX event_source_key ON event(source_key) WHERE source_key IS NOT NULL"},
  };
  return indexes;
}

} // namespace sleeplog::store
