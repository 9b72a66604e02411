"""Opening the database: a refused file stays byte-identical, processes racing to create or
upgrade it all succeed, and a full disk or a folder in its place is named for what it is."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from disks import fill, needs_root, small_disk
from histories import migrate_to

from posguide.store import (
    DatabaseCorruptError,
    DatabaseTooNewError,
    DiskFullError,
    ForeignDatabaseError,
    IncidentStore,
    StoreError,
)
from posguide.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rollback_journal_db(path: Path, incidents: int = 50) -> None:
    """A posguide database as an older copy or a backup has it: journal_mode DELETE."""
    with IncidentStore.open(path) as store:
        for n in range(incidents):
            store.start_incident(terminal=f"till-{n}", symptom="在维护中 " + "x" * 300)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _journal_mode_bytes(path: Path) -> bytes:
    # File format bytes 18-19: 1 = rollback journal, 2 = WAL.
    return path.read_bytes()[18:20]


def test_a_future_schema_rollback_journal_file_is_refused_byte_identical(db_path: Path) -> None:
    _rollback_journal_db(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(db_path)
    assert _journal_mode_bytes(db_path) == b"\x01\x01"
    with pytest.raises(DatabaseTooNewError, match="has not been changed"):
        IncidentStore.open(db_path)
    assert _digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_damaged_rollback_journal_file_is_refused_byte_identical(db_path: Path) -> None:
    _rollback_journal_db(db_path, incidents=200)
    data = bytearray(db_path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle + 8 : middle + page] = b"\xa5" * (page - 8)  # a failing disk's garbage
    db_path.write_bytes(bytes(data))
    before = _digest(db_path)
    with pytest.raises(DatabaseCorruptError, match="has not been changed"):
        IncidentStore.open(db_path)
    assert _digest(db_path) == before


def test_another_programs_database_is_refused_byte_identical(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE customers (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO customers VALUES ('王芳', '13800138000')")
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(ForeignDatabaseError, match="not a posguide"):
        IncidentStore.open(db_path)
    assert _digest(db_path) == before


RACER = textwrap.dedent("""
    import sys
    from posguide.store import IncidentStore
    print("ready", flush=True)
    for line in sys.stdin:
        try:
            IncidentStore.open(line.strip()).close()
            print("ok", flush=True)
        except Exception as err:
            print(f"failed: {type(err).__name__}: {err}", flush=True)
""")


@pytest.fixture
def racers() -> Iterator[list[subprocess.Popen[str]]]:
    """Eight processes, each opening the database whose path it is sent."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(8)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield procs
    finally:
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait(30)
            assert proc.stdout is not None
            proc.stdout.close()


@pytest.mark.slow
@pytest.mark.parametrize("start", [None, *range(1, SCHEMA_VERSION)], ids=lambda s: f"v{s or 0}")
def test_processes_opening_a_new_or_older_database_at_once_all_succeed(
    tmp_path: Path, racers: list[subprocess.Popen[str]], start: int | None
) -> None:
    failures: list[str] = []
    for round_ in range(10):
        path = tmp_path / f"round{round_}.db"
        if start is not None:
            conn = sqlite3.connect(path, isolation_level=None)
            migrate_to(conn, start)
            conn.close()
        # All are waiting on their input: the path reaches them together.
        for proc in racers:
            assert proc.stdin is not None
            proc.stdin.write(f"{path}\n")
            proc.stdin.flush()
        for proc in racers:
            assert proc.stdout is not None
            answer = proc.stdout.readline().strip()
            if answer != "ok":
                failures.append(f"round {round_}: {answer}")
        check = sqlite3.connect(path)
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.close()
    assert failures == []


def test_a_folder_where_the_database_should_be_is_named_as_such(db_path: Path) -> None:
    db_path.mkdir()
    with pytest.raises(StoreError) as caught:
        IncidentStore.open(db_path)
    message = str(caught.value)
    assert "is a folder" in message and "read-only" not in message


@needs_root
def test_a_full_disk_is_reported_with_the_space_left_and_loses_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", size_kb=2048) as disk:
        path = disk / "posguide.db"
        with IncidentStore.open(path) as store:
            kept = store.start_incident(terminal="till-1", symptom="在维护中")
            filler = fill(disk)
            with pytest.raises(DiskFullError) as caught:
                for n in range(200):  # the WAL has room for a few; the disk does not
                    store.start_incident(terminal="till-1", symptom="x" * 2000 + str(n))
            message = str(caught.value)
            assert "disk is full" in message and "MB free" in message
            assert "I/O" not in message
            filler.unlink()
        with IncidentStore.open(path, integrity="full") as store:
            assert store.get_incident(kept).incident.symptom == "在维护中"
