"""The incident schema and its migrations, versioned with ``PRAGMA user_version``.

Each migration moves the schema up one version inside the caller's transaction. Never edit a
migration that has shipped: add a new one, and a test for upgrading from every earlier version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

# Closed incidents are read-only at the database level, so no code path can rewrite history;
# corrections go to the append-only amendments table.
_V1 = """
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,
    started_ts REAL NOT NULL,
    ended_at TEXT,
    ended_ts REAL,
    terminal TEXT NOT NULL DEFAULT '',
    reported_by TEXT NOT NULL DEFAULT '',
    symptom TEXT NOT NULL DEFAULT '',
    error_code TEXT NOT NULL DEFAULT '',
    outcome TEXT,
    cause TEXT,
    training INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    app_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incidents_by_start ON incidents(training, started_ts);
CREATE INDEX incidents_by_terminal ON incidents(terminal, started_ts);
CREATE INDEX incidents_by_cause ON incidents(cause, started_ts);
CREATE INDEX incidents_open ON incidents(ended_ts) WHERE ended_ts IS NULL;

CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    seq INTEGER NOT NULL,
    step_key TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    answers TEXT NOT NULL DEFAULT '{}',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX steps_by_incident ON steps(incident_id, seq);

CREATE TABLE probe_results (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES steps(id),
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    probe_id TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    duration_ms REAL NOT NULL,
    measurements TEXT NOT NULL DEFAULT '{}',
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX probe_results_by_step ON probe_results(step_id);
CREATE INDEX probe_results_by_incident ON probe_results(incident_id);

CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    step_id INTEGER REFERENCES steps(id),
    caption TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    original_format TEXT NOT NULL,
    original_size INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    taken_at TEXT,
    attached_at TEXT NOT NULL,
    jpeg BLOB NOT NULL,
    thumbnail BLOB NOT NULL
);
CREATE INDEX photos_by_incident ON photos(incident_id);

CREATE TABLE escalations (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    attempt INTEGER NOT NULL DEFAULT 1,
    ok INTEGER NOT NULL DEFAULT 1,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX escalations_by_incident ON escalations(incident_id);

CREATE TABLE amendments (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX amendments_by_incident ON amendments(incident_id);

CREATE TRIGGER incidents_closed_no_update BEFORE UPDATE ON incidents
WHEN OLD.ended_ts IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'incident is closed'); END;
CREATE TRIGGER incidents_closed_no_delete BEFORE DELETE ON incidents
WHEN OLD.ended_ts IS NOT NULL AND OLD.training = 0
BEGIN SELECT RAISE(ABORT, 'incident is closed'); END;
CREATE TRIGGER amendments_no_update BEFORE UPDATE ON amendments
BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
CREATE TRIGGER amendments_no_delete BEFORE DELETE ON amendments
BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
"""

# Children of a closed incident are frozen too.
_CHILD_GUARD = """
CREATE TRIGGER {table}_closed_no_insert BEFORE INSERT ON {table}
WHEN (SELECT ended_ts FROM incidents WHERE id = NEW.incident_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'incident is closed'); END;
CREATE TRIGGER {table}_closed_no_update BEFORE UPDATE ON {table}
WHEN (SELECT ended_ts FROM incidents WHERE id = OLD.incident_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'incident is closed'); END;
"""


_FTS = """
CREATE VIRTUAL TABLE {table}_fts USING fts5({columns}, content={table}, tokenize='trigram');
CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN
  INSERT INTO {table}_fts (rowid, {columns}) VALUES (new.rowid, {new_cols});
END;
CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN
  INSERT INTO {table}_fts ({table}_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old_cols});
END;
CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN
  INSERT INTO {table}_fts ({table}_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old_cols});
  INSERT INTO {table}_fts (rowid, {columns}) VALUES (new.rowid, {new_cols});
END;
"""


def _fts(table: str, columns: list[str]) -> str:
    # Trigram tokens find Chinese words inside unsegmented text ("维护中" in "终端显示在维护中").
    return _FTS.format(
        table=table,
        columns=", ".join(columns),
        new_cols=", ".join(f"new.{c}" for c in columns),
        old_cols=", ".join(f"old.{c}" for c in columns),
    )


def split_statements(script: str) -> list[str]:
    """Split SQL into statements (``executescript`` would COMMIT the migration's transaction)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def _v1(conn: sqlite3.Connection) -> None:
    script = _V1 + "".join(
        _CHILD_GUARD.format(table=t) for t in ("steps", "probe_results", "photos")
    )
    script += _fts("incidents", ["symptom", "notes", "error_code"]) + _fts("steps", ["notes"])
    for statement in split_statements(script):
        conn.execute(statement)


_V2 = """
CREATE TABLE manual_notices (
    id INTEGER PRIMARY KEY,
    provider_id TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    ends_ts REAL,
    body TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX manual_notices_by_provider ON manual_notices(provider_id, ends_ts);
"""


def _v2(conn: sqlite3.Connection) -> None:
    """Maintenance notices the manager types in (from an SMS or a WeChat message)."""
    for statement in split_statements(_V2):
        conn.execute(statement)


def _v3(conn: sqlite3.Connection) -> None:
    """Probe summaries in translatable form: the English source and its values (JSON), so a
    report is read out in the shop's language. Older rows keep NULL and their English summary."""
    conn.execute("ALTER TABLE probe_results ADD COLUMN summary_source TEXT")
    conn.execute("ALTER TABLE probe_results ADD COLUMN summary_args TEXT")


# Searchable text, per table: what the history's search box looks in.
FTS_COLUMNS = {"incidents": ["symptom", "notes", "error_code"], "steps": ["notes"]}


def _v4(conn: sqlite3.Connection) -> None:
    """Full-text search kept by sqlite-utils (its triggers, the same trigram tokenizer) instead
    of the hand-written triggers of version 1; the index is rebuilt from the tables once."""
    db = sqlite_utils.Database(conn, recursive_triggers=False)
    for table, columns in FTS_COLUMNS.items():
        for suffix in ("ai", "ad", "au"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
        conn.execute(f"DROP TABLE IF EXISTS {table}_fts")
        db.table(table).enable_fts(columns, create_triggers=True, tokenize="trigram")


def _v5(conn: sqlite3.Connection) -> None:
    """The training situation a training incident was played in, so that resuming it plays
    the same one (empty for real incidents); photos of a closed incident cannot be deleted."""
    conn.execute("ALTER TABLE incidents ADD COLUMN training_scenario TEXT NOT NULL DEFAULT ''")
    # A photo attached by mistake may be taken back while its incident is open; not after.
    conn.execute(
        "CREATE TRIGGER photos_closed_no_delete BEFORE DELETE ON photos"
        " WHEN (SELECT ended_ts FROM incidents WHERE id = OLD.incident_id) IS NOT NULL"
        " BEGIN SELECT RAISE(ABORT, 'incident is closed'); END"
    )


def _v6(conn: sqlite3.Connection) -> None:
    """The manager's PIN (an Argon2id hash) and its failed tries: the count survives a restart,
    so the back-off after wrong PINs cannot be reset by closing the program."""
    conn.execute(
        "CREATE TABLE manager_pin ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " pin_hash TEXT NOT NULL,"
        " set_at TEXT NOT NULL,"
        " failed_tries INTEGER NOT NULL DEFAULT 0,"
        " lockouts INTEGER NOT NULL DEFAULT 0,"
        " locked_until_ts REAL NOT NULL DEFAULT 0)"
    )
    # What the history filters on besides time: an alarm per incident.
    conn.execute("CREATE INDEX escalations_by_kind ON escalations(kind, incident_id)")


def _v7(conn: sqlite3.Connection) -> None:
    """An index that holds what the statistics read, in the order they count it: a year of
    incidents is counted per cause, terminal and outcome without visiting the table or sorting."""
    conn.execute(
        "CREATE INDEX incidents_by_kind"
        " ON incidents(training, cause, terminal, outcome, started_ts, ended_ts)"
    )


def _v8(conn: sqlite3.Connection) -> None:
    """How the incident's terminal went online ([[terminals]] uplink: ethernet, wifi, cellular,
    dialup; "" for incidents recorded before), and the statistics' index counting it too."""
    conn.execute("ALTER TABLE incidents ADD COLUMN uplink TEXT NOT NULL DEFAULT ''")
    conn.execute("DROP INDEX incidents_by_kind")
    conn.execute(
        "CREATE INDEX incidents_by_kind"
        " ON incidents(training, cause, terminal, outcome, uplink, started_ts, ended_ts)"
    )


_V9 = """
CREATE TABLE inspections (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    started_ts REAL NOT NULL,
    finished_at TEXT NOT NULL,
    trigger TEXT NOT NULL,
    app_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspections_by_start ON inspections(started_ts);

CREATE TABLE inspection_results (
    id INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    terminal TEXT NOT NULL DEFAULT '',
    probe_id TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    duration_ms REAL NOT NULL,
    measurements TEXT NOT NULL DEFAULT '{}',
    detail TEXT NOT NULL DEFAULT '{}',
    summary_source TEXT,
    summary_args TEXT
);
CREATE INDEX inspection_results_by_inspection ON inspection_results(inspection_id);

CREATE TRIGGER inspections_no_update BEFORE UPDATE ON inspections
BEGIN SELECT RAISE(ABORT, 'inspections are append-only'); END;
CREATE TRIGGER inspection_results_no_update BEFORE UPDATE ON inspection_results
BEGIN SELECT RAISE(ABORT, 'inspections are append-only'); END;
"""


def _v9(conn: sqlite3.Connection) -> None:
    """Daily inspections (``posguide inspect``): the automatic checks of every terminal, kept
    apart from incidents, so the console can show what degrades over the days. Each one is
    written whole, in one transaction, and never changed."""
    for statement in split_statements(_V9):
        conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9,
]  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)
# "PosG" in the file header (bytes 68-71): a database posguide made or upgraded says it is ours.
APPLICATION_ID = 0x506F7347


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date in one transaction; returns the version found before.

    The version is read again under the write lock: another process may have upgraded the file
    since this one looked, and must not be upgraded twice.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for version in range(current, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
        if current < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return current
