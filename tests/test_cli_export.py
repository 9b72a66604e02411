"""``posguide export --out`` never overwrites the database, its journal files, the settings or a
backup, never an existing file without --force, and never leaves half a file."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runs import copy_of, posguide
from histories import damage_a_row, shop_history


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("shop-template") / "shop"
    home.mkdir()
    shop_history(home / "posguide.db", incidents=12)
    (home / "posguide.toml").write_text("[shop]\nescalation_minutes = 10\n", encoding="utf-8")
    assert posguide(home, "db", "backup").returncode == 0
    return home


@pytest.fixture
def home(made_once: Path, tmp_path: Path) -> Path:
    return copy_of(made_once, tmp_path)


def _digests(home: Path) -> dict[str, str]:
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.parent.name != "logs"
    }


def _incidents(home: Path) -> int:
    conn = sqlite3.connect(home / "posguide.db")
    count = int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0])
    conn.close()
    return count


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if "partial" in p.name or p.name.startswith(".")]


PROTECTED: dict[str, Callable[[Path, Path], Path]] = {
    "the database": lambda home, tmp: home / "posguide.db",
    "the database by a relative path": lambda home, tmp: home / "backups" / ".." / "posguide.db",
    "the database's -wal": lambda home, tmp: home / "posguide.db-wal",
    "the database's -shm": lambda home, tmp: home / "posguide.db-shm",
    "the settings": lambda home, tmp: home / "posguide.toml",
    "a backup": lambda home, tmp: next((home / "backups").glob("posguide-*.db")),
    "a new file among the backups": lambda home, tmp: home / "backups" / "export.csv",
    "a symbolic link to the database": lambda home, tmp: _symlink(home / "posguide.db", tmp),
    "a hard link to the database": lambda home, tmp: _hardlink(home / "posguide.db", tmp),
}


def _symlink(target: Path, tmp: Path) -> Path:
    link = tmp / "report.csv"
    link.symlink_to(target)
    return link


def _hardlink(target: Path, tmp: Path) -> Path:
    link = tmp / "report.csv"
    os.link(target, link)
    return link


@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
@pytest.mark.parametrize("target", PROTECTED.values(), ids=PROTECTED.keys())
def test_export_never_writes_over_posguides_own_files(
    home: Path, tmp_path: Path, target: Callable[[Path, Path], Path], force: bool
) -> None:
    out = target(home, tmp_path)
    before = _digests(home)
    result = posguide(home, "export", "--out", str(out), *(["--force"] if force else []))
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert "posguide's own" in line and "choose another file" in line
    assert _digests(home) == before
    assert _incidents(home) == 12


def test_an_existing_file_is_kept_unless_force_is_given(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    out.write_text("last month's report", encoding="utf-8")
    refused = posguide(home, "export", "--out", str(out))
    assert refused.returncode == 2
    [line] = refused.stderr.splitlines()
    assert "already exists" in line and "--force" in line
    assert out.read_text(encoding="utf-8") == "last month's report"

    forced = posguide(home, "export", "--format", "jsonl", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert len([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]) == 12
    assert _leftovers(tmp_path) == []


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    out.write_text("last month's report", encoding="utf-8")
    damage_a_row(home / "posguide.db")
    result = posguide(home, "export", "--out", str(out), "--force")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "damaged" in line
    assert out.read_text(encoding="utf-8") == "last month's report"
    assert _leftovers(tmp_path) == []
