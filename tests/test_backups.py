"""The daily backup (at most once a day, checked, interrupted copies cleaned up) and restoring
a backup (checked first, the current database kept, refused while posguide has it open)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cli_runs import ROOT, copy_of, posguide
from disks import fill, needs_root, read_only, small_disk
from histories import damage_a_row, shop_history

from posguide.store import DatabaseCorruptError, DiskFullError, IncidentStore, list_backups
from posguide.store.daily import backup_if_due
from posguide.timeutil import now


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("template") / "shop"
    home.mkdir()
    shop_history(home / "posguide.db", incidents=20)
    (home / "posguide.toml").write_text("[storage]\nbackup_keep = 2\n", encoding="utf-8")
    return home


@pytest.fixture
def home(made_once: Path, tmp_path: Path) -> Path:
    return copy_of(made_once, tmp_path)


def _incidents(db: Path) -> list[int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [int(r[0]) for r in conn.execute("SELECT id FROM incidents ORDER BY id")]
    conn.close()
    return ids


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(result: subprocess.CompletedProcess[str], stream: str = "stderr") -> str:
    assert "Traceback" not in result.stderr
    [line] = getattr(result, stream).splitlines()
    return str(line)


# --- the daily backup --------------------------------------------------------------------------


def test_the_daily_backup_is_made_once_a_day(home: Path) -> None:
    first = posguide(home, "db", "backup", "--if-due")
    assert first.returncode == 0, first.stderr
    assert _one_line(first, "stdout").startswith("backup written: ")
    second = posguide(home, "db", "backup", "--if-due")
    assert second.returncode == 0, second.stderr
    assert _one_line(second, "stdout").startswith("no backup needed: today's is ")
    [backup] = list_backups(home / "backups")
    assert _incidents(backup) == _incidents(home / "posguide.db")


def test_a_new_day_gets_a_new_backup_and_only_backup_keep_are_kept(home: Path) -> None:
    folder = home / "backups"
    for days_ago in (3, 2, 1):
        made = posguide(home, "db", "backup")
        assert made.returncode == 0, made.stderr
        [newest] = list_backups(folder)[-1:]
        day = (now() - timedelta(days=days_ago)).strftime("%Y%m%d")
        newest.rename(folder / f"posguide-{day}-090000-000000.db")
    result = posguide(home, "db", "backup", "--if-due")
    assert result.returncode == 0, result.stderr
    kept = list_backups(folder)
    assert len(kept) == 2  # [storage] backup_keep = 2
    assert kept[-1].name.startswith(f"posguide-{now():%Y%m%d}-")


BLOCKED_BACKUP = textwrap.dedent("""
    import sqlite3, sys
    from pathlib import Path
    from posguide.store.backup import backup_database

    class Stalling:
        # A connection whose backup stops part-way, as a power cut or a kill would find it.
        def __init__(self, conn):
            self.conn = conn
        def backup(self, dest):
            def stall(status, remaining, total):
                print("copying", flush=True)
                sys.stdin.readline()
            self.conn.backup(dest, pages=1, progress=stall)

    source = sqlite3.connect(sys.argv[1])
    backup_database(Stalling(source), Path(sys.argv[2]))
""")


@pytest.fixture
def stalled_backup(home: Path) -> Iterator[subprocess.Popen[str]]:
    """A real backup in its own process, stopped half-way through the copy."""
    child = subprocess.Popen(
        [sys.executable, "-c", BLOCKED_BACKUP, str(home / "posguide.db"), str(home / "backups")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "copying"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(30)
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            pipe.close()


def test_a_backup_killed_half_way_leaves_a_partial_the_next_one_removes(
    home: Path, stalled_backup: subprocess.Popen[str]
) -> None:
    folder = home / "backups"
    [partial] = folder.glob("*.partial")
    running = posguide(home, "db", "backup", "--if-due")
    assert running.returncode == 0, running.stderr
    assert partial.exists()  # its writer is still at work: left alone
    os.kill(stalled_backup.pid, signal.SIGKILL)
    stalled_backup.wait(30)
    assert partial.exists()
    after = posguide(home, "db", "backup", "--if-due")
    assert after.returncode == 0, after.stderr
    assert list(folder.glob("*.partial")) == []
    assert len(list_backups(folder)) == 1


def test_a_damaged_database_makes_no_backup_and_the_good_ones_stay(home: Path) -> None:
    folder = home / "backups"
    assert posguide(home, "db", "backup").returncode == 0
    [good] = list_backups(folder)
    yesterday = folder / f"posguide-{now() - timedelta(days=1):%Y%m%d}-090000-000000.db"
    good.rename(yesterday)
    damage_a_page(home / "posguide.db")
    report = backup_if_due(home / "posguide.db", folder, keep=1)
    assert isinstance(report.problem, DatabaseCorruptError)
    assert report.made is None and report.latest == yesterday
    assert list_backups(folder) == [yesterday]
    assert list(folder.glob("*.partial")) == []
    cli = posguide(home, "db", "backup", "--if-due")
    assert cli.returncode == 1
    assert "no backup was made" in _one_line(cli) and "damaged" in cli.stderr


def damage_a_page(db: Path) -> None:
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(os.urandom(4096))


@needs_root
def test_the_daily_backup_reports_a_full_disk_and_never_raises(home: Path) -> None:
    with small_disk(home / "backups", size_kb=256) as folder:
        fill(folder)
        report = backup_if_due(home / "posguide.db", folder, keep=3)
        assert isinstance(report.problem, DiskFullError)
        assert "disk is full" in str(report.problem)
        assert [p.name for p in folder.iterdir()] == ["filler.bin"]


@needs_root
def test_the_daily_backup_reports_a_read_only_folder_and_never_raises(home: Path) -> None:
    (home / "backups").mkdir()
    with read_only(home / "backups") as folder:
        report = backup_if_due(home / "posguide.db", folder, keep=3)
        assert report.problem is not None and "read-only" in str(report.problem)


# --- restoring ---------------------------------------------------------------------------------


def test_restore_puts_a_backup_back_and_keeps_the_database_it_replaced(home: Path) -> None:
    assert posguide(home, "db", "backup").returncode == 0
    [backup] = list_backups(home / "backups")
    with IncidentStore.open(home / "posguide.db") as store:
        later = store.start_incident(symptom="recorded after the backup")
    result = posguide(home, "db", "restore", str(backup))
    assert result.returncode == 0, result.stderr
    line = _one_line(result, "stdout")
    assert "restored" in line and "20 incidents" in line and "kept as" in line
    assert _incidents(home / "posguide.db") == list(range(1, 21))
    [safety] = (home / "backups").glob("before-restore-*.db")
    assert later in _incidents(safety)  # nothing is lost: the replaced database is kept
    assert list_backups(home / "backups") == [backup]  # never pruned as a daily backup
    check = posguide(home, "db", "check")
    assert check.returncode == 0, check.stderr


def test_restore_over_a_damaged_database_keeps_it_byte_for_byte(home: Path) -> None:
    assert posguide(home, "db", "backup").returncode == 0
    [backup] = list_backups(home / "backups")
    damage_a_page(home / "posguide.db")
    damaged = _digest(home / "posguide.db")
    result = posguide(home, "db", "restore", str(backup))
    assert result.returncode == 0, result.stderr
    [safety] = (home / "backups").glob("before-restore-*.db")
    assert _digest(safety) == damaged
    assert posguide(home, "db", "check").returncode == 0


def _text_file(home: Path, tmp: Path) -> Path:
    path = tmp / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    return path


def _other_program(home: Path, tmp: Path) -> Path:
    path = tmp / "customers.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name)")
    conn.commit()
    conn.close()
    return path


def _damaged_backup(home: Path, tmp: Path) -> Path:
    path = tmp / "posguide-damaged.db"
    shutil.copyfile(home / "posguide.db", path)
    damage_a_row(path)
    return path


def _newer_posguide(home: Path, tmp: Path) -> Path:
    path = tmp / "posguide-newer.db"
    shutil.copyfile(home / "posguide.db", path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return path


BAD_BACKUPS = {
    "a text file": (_text_file, "is damaged"),
    "another program's database": (_other_program, "not a posguide database"),
    "a backup with a damaged row": (_damaged_backup, "is damaged"),
    "a backup from a newer posguide": (_newer_posguide, "newer posguide"),
    "a file that does not exist": (lambda home, tmp: tmp / "missing.db", "no such file"),
    "a folder": (lambda home, tmp: tmp, "is a folder"),
    "the database itself": (lambda home, tmp: home / "posguide.db", "the database in use"),
}


@pytest.mark.parametrize("bad", BAD_BACKUPS.values(), ids=BAD_BACKUPS.keys())
def test_restore_refuses_what_is_not_a_healthy_posguide_backup(
    home: Path, tmp_path: Path, bad: tuple[object, str]
) -> None:
    make, says = bad
    candidate = make(home, tmp_path)  # type: ignore[operator]
    before = _digest(home / "posguide.db")
    result = posguide(home, "db", "restore", str(candidate))
    assert result.returncode == 1
    line = _one_line(result)
    assert says in line and "has not been changed" in line
    assert _digest(home / "posguide.db") == before
    # Nothing else written: no safety copy, no backups folder (made only when one is made).
    assert sorted(p.name for p in home.iterdir()) == ["logs", "posguide.db", "posguide.toml"]


HOLDER = textwrap.dedent("""
    import sys
    from posguide.store import IncidentStore
    store = IncidentStore.open(sys.argv[1])
    print("open", flush=True)
    sys.stdin.readline()
    store.start_incident(symptom="written after the restore was refused")
    store.close()
""")


def test_restore_is_refused_while_posguide_has_the_database_open(home: Path) -> None:
    assert posguide(home, "db", "backup").returncode == 0
    [backup] = list_backups(home / "backups")
    window = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home / "posguide.db")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert window.stdin is not None and window.stdout is not None
    try:
        assert window.stdout.readline().strip() == "open"
        result = posguide(home, "db", "restore", str(backup))
    finally:
        window.stdin.write("\n")
        window.stdin.close()
        assert window.wait(30) == 0
        window.stdout.close()
    assert result.returncode == 1
    assert "still open" in _one_line(result) and "Nothing was changed" in result.stderr
    assert len(_incidents(home / "posguide.db")) == 21  # the window's write went in
    assert list((home / "backups").glob("before-restore-*")) == []
