"""Bad input, damaged files, full and read-only disks, locks and closed pipes: every command
answers in one line (exit 1 or 2), shows no traceback, leaves no partial file and loses nothing.

Each case is run as staff would run it: the real ``posguide`` in its own process, on a copy of a
real shop's data folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from disks import fill, read_only, small_disk
from histories import damage_a_row, damage_schema_text, shop_history

ROOT = Path(__file__).resolve().parent.parent
CONFIG = '[[providers]]\nid = "unionpay"\nname = "UnionPay"\n'

Command = Callable[[Path, Path], list[str]]  # (data folder, scratch folder) -> arguments


@dataclass(frozen=True)
class Case:
    args: Command
    code: int = 1
    # Set the scene around the run: a lock held, a disk filled, a folder made read-only...
    scene: Callable[[Path, Path], AbstractContextManager[None]] | None = None
    stdout: str = "pipe"  # or "head" (the reader leaves after one line), or "/dev/full"
    mentions: str = ""


def _args(*args: str) -> Command:
    return lambda home, tmp: list(args)


@contextmanager
def _nothing(home: Path, tmp: Path) -> Iterator[None]:
    yield


def _damaged_schema(home: Path, tmp: Path) -> AbstractContextManager[None]:
    damage_schema_text(home / "posguide.db")
    return _nothing(home, tmp)


def _damaged_row(home: Path, tmp: Path) -> AbstractContextManager[None]:
    damage_a_row(home / "posguide.db")
    return _nothing(home, tmp)


def _folder_for_database(home: Path, tmp: Path) -> AbstractContextManager[None]:
    (home / "posguide.db").unlink()
    (home / "posguide.db").mkdir()
    return _nothing(home, tmp)


HOLDER = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
""")


@contextmanager
def _locked(home: Path, tmp: Path) -> Iterator[None]:
    """Another program holds the write lock for the whole run."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home / "posguide.db")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()
        holder.wait(30)
        holder.stdout.close()


@contextmanager
def _full_disk(home: Path, tmp: Path) -> Iterator[None]:
    """The data folder on a small disk that is full."""
    shutil.copytree(home, tmp / "copy")
    with small_disk(home, size_kb=4096):
        shutil.copytree(tmp / "copy", home, dirs_exist_ok=True)
        filler = fill(home)
        yield
        filler.unlink()


@contextmanager
def _full_out_disk(home: Path, tmp: Path) -> Iterator[None]:
    with small_disk(tmp / "usb", size_kb=256) as disk:
        fill(disk)
        yield


@contextmanager
def _read_only_backups(home: Path, tmp: Path) -> Iterator[None]:
    with read_only(home / "backups"):
        yield


@contextmanager
def _fifo(home: Path, tmp: Path) -> Iterator[None]:
    os.mkfifo(tmp / "settings.toml")
    yield


CASES: dict[str, Case] = {
    # A byte of an index name in the schema is no longer text: every command.
    **{
        f"damaged schema text: {' '.join(cmd)}": Case(
            _args(*cmd), scene=_damaged_schema, mentions="damaged"
        )
        for cmd in (
            ("db", "check"),
            ("db", "backup"),
            ("export",),
            ("notice", "list"),
            ("notice", "withdraw", "1"),
            ("notice", "add", "--from", "2026-11-28T00:00", "--until", "2026-11-28T04:00"),
        )
    },
    "damaged row: export to stdout": Case(_args("export"), scene=_damaged_row, mentions="damaged"),
    "damaged row: export --out": Case(
        lambda home, tmp: ["export", "--out", str(tmp / "report.csv")],
        scene=_damaged_row,
        mentions="damaged",
    ),
    "damaged row: db check": Case(_args("db", "check"), scene=_damaged_row, mentions="damaged"),
    "locked: notice add": Case(
        _args("notice", "add", "--from", "2026-11-28T00:00", "--until", "2026-11-28T04:00"),
        scene=_locked,
        mentions="in use by another program",
    ),
    "locked: notice withdraw": Case(
        _args("notice", "withdraw", "1"), scene=_locked, mentions="in use by another program"
    ),
    "full disk: notice add": Case(
        _args("notice", "add", "--from", "2026-11-28T00:00", "--until", "2026-11-28T04:00"),
        scene=_full_disk,
        mentions="disk is full",
    ),
    "full disk: notice withdraw": Case(
        _args("notice", "withdraw", "1"), scene=_full_disk, mentions="disk is full"
    ),
    "full disk: db backup": Case(_args("db", "backup"), scene=_full_disk, mentions="disk is full"),
    "full disk: export --out": Case(
        lambda home, tmp: ["export", "--out", str(tmp / "usb" / "report.csv")],
        scene=_full_out_disk,
        mentions="disk is full",
    ),
    "export --since 0001-01-01": Case(_args("export", "--since", "0001-01-01"), code=2),
    "notice add --from 0001-01-01T00:00": Case(
        _args("notice", "add", "--from", "0001-01-01T00:00"), code=2, mentions="--from"
    ),
    "notice withdraw 99999999999999999999999": Case(
        _args("notice", "withdraw", "99999999999999999999999"), mentions="no current notice"
    ),
    "notice withdraw -5": Case(_args("notice", "withdraw", "-5"), mentions="no current notice"),
    "export | head -1": Case(_args("export"), stdout="head", mentions="output was closed"),
    "export > /dev/full": Case(_args("export"), stdout="/dev/full", mentions="disk is full"),
    "read-only backups: db backup": Case(
        _args("db", "backup"), scene=_read_only_backups, mentions="read-only"
    ),
    "read-only backups: db backup --if-due": Case(
        _args("db", "backup", "--if-due"), scene=_read_only_backups, mentions="read-only"
    ),
    "the database is a folder: db check": Case(
        _args("db", "check"), scene=_folder_for_database, mentions="is a folder"
    ),
    "the database is a folder: export": Case(
        _args("export"), scene=_folder_for_database, mentions="is a folder"
    ),
    "diagnose --config MISSING.toml": Case(
        lambda home, tmp: ["diagnose", "--config", str(tmp / "MISSING.toml")],
        code=2,
        mentions="no file",
    ),
    "diagnose --config FIFO": Case(
        lambda home, tmp: ["diagnose", "--config", str(tmp / "settings.toml")],
        code=2,
        scene=_fifo,
        mentions="not a settings file",
    ),
    "diagnose --config /dev/zero": Case(
        _args("diagnose", "--config", "/dev/zero"), code=2, mentions="not a settings file"
    ),
    "diagnose --config FOLDER": Case(
        lambda home, tmp: ["diagnose", "--config", str(tmp)],
        code=2,
        mentions="not a settings file",
    ),
}
# Mounting (full and read-only disks) needs root.
NEEDS_ROOT = {name for name, case in CASES.items() if "disk" in name or "read-only" in name}


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("template") / "shop"
    home.mkdir()
    # Long notes: the export is far bigger than a pipe's buffer.
    shop_history(home / "posguide.db", incidents=300)
    (home / "posguide.toml").write_text(CONFIG, encoding="utf-8")
    (home / "logs").mkdir()
    (home / "backups").mkdir()
    return home


def snapshot(home: Path) -> object:
    """What must survive: every incident and notice, or (for a file too damaged to read) its
    bytes."""
    db = home / "posguide.db"
    if db.is_dir():
        return "folder"
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return (
                conn.execute("SELECT id, symptom, notes, cause FROM incidents").fetchall(),
                conn.execute("SELECT id, title, withdrawn_at FROM manual_notices").fetchall(),
            )
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return db.read_bytes()


def run(home: Path, args: list[str], stdout: str) -> tuple[int, str]:
    command = [sys.executable, "-m", "posguide", "--data-dir", str(home), *args]
    if stdout == "head":
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline()  # the first line arrives, then the reader leaves
        proc.stdout.close()
        errors = proc.stderr.read()
        proc.stderr.close()
        return proc.wait(60), errors
    sink = open(stdout, "w") if stdout != "pipe" else subprocess.PIPE  # noqa: SIM115
    try:
        result = subprocess.run(
            command, stdout=sink, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=60
        )
    finally:
        if sink is not subprocess.PIPE:
            sink.close()
    return result.returncode, result.stderr


@pytest.mark.parametrize("name", CASES)
def test_every_failure_is_one_line_and_loses_nothing(
    made_once: Path, tmp_path: Path, name: str
) -> None:
    if name in NEEDS_ROOT and os.geteuid() != 0:
        pytest.skip("mounting needs root")
    case = CASES[name]
    home = Path(shutil.copytree(made_once, tmp_path / "shop"))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    scene = case.scene or _nothing
    with scene(home, scratch):
        before = snapshot(home)
        code, errors = run(home, case.args(home, scratch), case.stdout)
        after = snapshot(home)
        leftovers = [p.name for p in tmp_path.rglob("*") if "partial" in p.name]
    assert code == case.code, errors
    assert len(errors.splitlines()) == 1, errors
    assert "Traceback" not in errors and errors.startswith("posguide: ")
    assert case.mentions in errors
    assert leftovers == []
    assert after == before


def test_a_read_only_log_folder_is_said_once_and_the_work_is_done(
    made_once: Path, tmp_path: Path
) -> None:
    """Not a failure of the command: a backup or a check must not stop for want of a log."""
    if os.geteuid() != 0:
        pytest.skip("mounting needs root")
    home = Path(shutil.copytree(made_once, tmp_path / "shop"))
    with read_only(home / "logs"):
        for args in (["db", "check"], ["db", "backup"], ["notice", "list"]):
            code, errors = run(home, args, "pipe")
            assert code == 0, errors
            [line] = errors.splitlines()
            assert "cannot write the log file" in line and "carrying on" in line
    assert len(list((home / "backups").glob("posguide-*.db"))) == 1
