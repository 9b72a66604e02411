"""``posguide db check`` reads every row the way export does: when it says ok, export works."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from histories import damage_a_row, shop_history

from posguide.store import IncidentStore, StoreError
from posguide.store.export import iter_incidents, write_jsonl
from posguide.store.verify import check_rows

ROOT = Path(__file__).resolve().parent.parent


def _passes(path: Path, work: Callable[[IncidentStore], object], integrity: str) -> bool:
    """True when ``work`` succeeds; a StoreError is a clean refusal. Anything else fails the
    test: every problem must reach the user as a StoreError."""
    try:
        with IncidentStore.open(path, integrity=integrity) as store:  # type: ignore[arg-type]
            work(store)
    except StoreError:
        return False
    return True


def _export(store: IncidentStore) -> None:
    write_jsonl(iter_incidents(store.db, training=None), io.StringIO())


@pytest.mark.slow
def test_when_db_check_says_ok_export_works_on_randomly_damaged_files(tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    shop_history(good)
    size = good.stat().st_size
    rng = random.Random(20261127)
    missed = []
    for case in range(40):
        damaged = tmp_path / f"damaged-{case}.db"
        data = bytearray(good.read_bytes())
        at = rng.randrange(100, size - 16)  # past the header, which every open reads anyway
        data[at : at + 16] = rng.randbytes(16)
        damaged.write_bytes(bytes(data))
        for_export = tmp_path / f"export-{case}.db"
        shutil.copyfile(damaged, for_export)
        checked = _passes(damaged, check_rows, "full")
        exported = _passes(for_export, _export, "quick")
        if checked and not exported:
            missed.append(f"bytes {at}-{at + 16}")
    assert missed == []


def test_db_check_fails_on_a_damaged_row_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "shop"
    home.mkdir()
    shop_history(home / "posguide.db", incidents=6)
    damage_a_row(home / "posguide.db")
    result = subprocess.run(
        [sys.executable, "-m", "posguide", "--data-dir", str(home), "db", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "damaged" in line and "incident 3" in line
