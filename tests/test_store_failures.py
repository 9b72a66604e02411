"""A locked, read-only, corrupt or too-new database gives a clear message and is never changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from histories import migrate_to

from posguide.store import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    IncidentFilter,
    IncidentStore,
)
from posguide.store.queries import list_incidents
from posguide.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_db(path: Path, incidents: int = 3) -> None:
    with IncidentStore.open(path) as store:
        for n in range(incidents):
            store.start_incident(terminal=f"till-{n}", symptom="在维护中")


def test_a_database_locked_by_another_program_says_so_and_loses_nothing(db_path: Path) -> None:
    _make_db(db_path)
    # Another process holds the write lock, as a second posguide or a backup tool might.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sqlite3, sys, time
            c = sqlite3.connect({str(db_path)!r}, isolation_level=None)
            c.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with (
            IncidentStore.open(db_path, busy_timeout_ms=200, integrity="none") as store,
            pytest.raises(DatabaseLockedError, match="in use by another program"),
        ):
            store.start_incident(symptom="blocked")
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(10)
        assert holder.stdout is not None
        holder.stdout.close()
    with IncidentStore.open(db_path) as store:
        assert len(store.db.execute("SELECT id FROM incidents").fetchall()) == 3
        store.start_incident(symptom="works again")


@pytest.mark.skipif(not hasattr(os, "setuid"), reason="POSIX accounts")
def test_a_read_only_database_is_reported_not_overwritten(tmp_path: Path) -> None:
    # pytest's own temp root is private to root; the cashier account must be able to see in.
    folder = Path(tempfile.mkdtemp(prefix="posguide-ro-", dir="/tmp"))
    db_path = folder / "posguide.db"
    _make_db(db_path)
    before = _digest(db_path)
    if os.geteuid() == 0:
        # As root every file is writable; open it as an ordinary cashier account instead.
        os.chmod(folder, 0o755)
        os.chmod(db_path, 0o644)
        script = textwrap.dedent(f"""
            import os, sys
            from posguide.store import IncidentStore, DatabaseReadOnlyError
            os.setgid(65534); os.setuid(65534)
            try:
                IncidentStore.open({str(db_path)!r})
            except DatabaseReadOnlyError as err:
                print(err)
                sys.exit(3)
        """)
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        assert result.returncode == 3, result.stderr
        message = result.stdout
    else:
        os.chmod(db_path, 0o444)
        with pytest.raises(DatabaseReadOnlyError) as caught:
            IncidentStore.open(db_path)
        message = str(caught.value)
    assert "read-only" in message and "write access" in message
    assert _digest(db_path) == before
    shutil.rmtree(folder)


def test_a_file_that_is_not_a_database_is_reported_and_kept(db_path: Path) -> None:
    db_path.write_bytes(b"this is a spreadsheet, not posguide's database" * 100)
    before = _digest(db_path)
    with pytest.raises(DatabaseCorruptError, match=r"damaged.*has not been changed"):
        IncidentStore.open(db_path)
    assert _digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["posguide.db"]


def test_damaged_pages_are_found_by_the_integrity_check(db_path: Path) -> None:
    with IncidentStore.open(db_path) as store:
        for n in range(400):
            store.start_incident(symptom=f"incident {n} " + "x" * 200)
    size = db_path.stat().st_size
    page = 4096
    with db_path.open("r+b") as handle:
        # Scribble over a page in the middle of the file, as a failing disk would.
        handle.seek((size // page // 2) * page)
        handle.write(os.urandom(page))
    before = _digest(db_path)
    with pytest.raises(DatabaseCorruptError, match="damaged"):
        IncidentStore.open(db_path, integrity="full")
    assert _digest(db_path) == before


def test_a_database_from_a_newer_posguide_is_left_alone(db_path: Path) -> None:
    _make_db(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseTooNewError, match="newer posguide"):
        IncidentStore.open(db_path)
    assert _digest(db_path) == before


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_migrating_from_every_earlier_version_keeps_the_data(db_path: Path, start: int) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate_to(conn, start)
    conn.execute("CREATE TABLE keepme (x)")  # data that exists before the upgrade
    conn.execute("INSERT INTO keepme VALUES ('在维护中')")
    conn.close()
    with IncidentStore.open(db_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("SELECT x FROM keepme").fetchall() == [("在维护中",)]
        incident = store.start_incident(symptom="after upgrade")
        assert store.get_incident(incident).incident.symptom == "after upgrade"


def test_probe_results_of_a_version_2_database_survive_the_upgrade(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate_to(conn, 2)
    conn.execute(
        "INSERT INTO incidents (id, uid, started_at, started_ts, terminal)"
        " VALUES (1, 'u1', '2026-11-01T10:00:00+08:00', 1793502000, 'till1')"
    )
    conn.execute(
        "INSERT INTO steps (id, incident_id, seq, step_key, started_at)"
        " VALUES (1, 1, 1, 'cables', '2026-11-01T10:00:00+08:00')"
    )
    conn.execute(
        "INSERT INTO probe_results (step_id, incident_id, probe_id, status, summary, started_at,"
        " duration_ms, measurements) VALUES (1, 1, 'network.dns', 'ok',"
        " 'The payment host names resolve (12 ms)', '2026-11-01T10:00:01+08:00', 12.0,"
        ' \'{"resolve_ms_max": {"value": 12, "unit": "ms"}}\')'
    )
    conn.close()
    with IncidentStore.open(db_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [probe] = store.get_incident(1).steps[0].probes
        assert probe.summary == "The payment host names resolve (12 ms)"
        assert probe.measurements == {"resolve_ms_max": {"value": 12, "unit": "ms"}}
        assert probe.summary_source is None and probe.summary_args is None


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_search_finds_what_was_recorded_before_the_upgrade(db_path: Path, start: int) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate_to(conn, start)
    conn.execute(
        "INSERT INTO incidents (id, uid, started_at, started_ts, symptom, notes)"
        " VALUES (1, 'u1', '2026-11-01T10:00:00+08:00', 1793502000, '终端显示在维护中', '')"
    )
    conn.execute(
        "INSERT INTO steps (id, incident_id, seq, step_key, started_at, notes)"
        " VALUES (1, 1, 1, 'cables', '2026-11-01T10:00:00+08:00', 'Router WAN light was off')"
    )
    conn.execute("UPDATE incidents SET ended_at = started_at, ended_ts = started_ts + 60")
    conn.close()
    with IncidentStore.open(db_path) as store:
        later = store.start_incident(symptom="又在维护中")
        step = store.begin_step(later, "cables")
        store.save_step(step, notes="router restarted")

        def found(text: str) -> set[int]:
            return {i.id for i in list_incidents(store.db, IncidentFilter(text=text))}

        assert found("在维护中") == {1, later}
        assert found("wan light") == {1}
        assert found("router") == {1, later}


def _schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    conn.close()
    return set(rows)


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_an_upgraded_database_has_the_schema_of_a_new_one(tmp_path: Path, start: int) -> None:
    IncidentStore.open(tmp_path / "new.db").close()
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate_to(conn, start)
    conn.close()
    IncidentStore.open(tmp_path / "old.db").close()
    assert _schema(tmp_path / "old.db") == _schema(tmp_path / "new.db")


def test_a_failed_migration_leaves_the_old_schema(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr("posguide.store.schema.MIGRATIONS", [*MIGRATIONS, broken])
    monkeypatch.setattr("posguide.store.schema.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    _conn = sqlite3.connect(db_path, isolation_level=None)
    migrate_to(_conn, SCHEMA_VERSION)
    with pytest.raises(RuntimeError):
        migrate(_conn)
    assert _conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not _conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchall()
    _conn.close()
