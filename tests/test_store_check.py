"""``posguide db check`` reads every row the way export does: when it says ok, export works."""

from __future__ import annotations

import io
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from images import jpeg_bytes

from posguide.store import IncidentStore, ProbeRecord, StoreError
from posguide.store.export import iter_incidents, write_jsonl
from posguide.store.notices import add_manual_notice
from posguide.store.verify import check_rows
from posguide.timeutil import now

ROOT = Path(__file__).resolve().parent.parent


def shop_history(path: Path, incidents: int = 30) -> None:
    """A few weeks of a shop's incidents, with everything a record can hold."""
    photo = jpeg_bytes((48, 32))
    with IncidentStore.open(path) as store:
        for n in range(incidents):
            incident = store.start_incident(
                terminal=f"till-{n % 3}", reported_by="王芳", symptom="终端显示在维护中",
                error_code="96", notes="银联公告凌晨升级" * (n % 4),
            )  # fmt: skip
            step = store.begin_step(incident, "cables")
            store.record_probe(
                step,
                ProbeRecord(
                    "network.gateway", "ok", "网关 192.168.1.1 可达", "2026-11-26T09:41:07+08:00",
                    2.5, {"rtt_ms": {"value": 1.8, "unit": "ms"}}, {"address": "192.168.1.1"},
                    summary_source="Router {address} answers", summary_args={"address": "x"},
                ),
            )  # fmt: skip
            store.save_step(step, answers={"lights": "WAN灯不亮", "n": n}, notes="重插网线")
            if n % 5 == 0:
                store.attach_photo(incident, photo, step_id=step, caption="屏幕")
            store.record_escalation(incident, kind="alert", channel="店长群", detail="ok")
            store.close_incident(incident, outcome="resolved", cause="network")
            if n % 7 == 0:
                store.amend(
                    incident, author="店长", field="cause", new_value="power", reason="停电"
                )
        add_manual_notice(
            store, provider_id="unionpay", title="系统升级", starts=now(),
            ends=now() + timedelta(hours=4), body="定于11月28日00:00至04:00进行系统升级",
        )  # fmt: skip
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


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


def _damage_a_row(path: Path) -> None:
    """A bit flipped inside one stored answer: the page is sound, the text is not."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER steps_closed_no_update")
    conn.execute("UPDATE steps SET answers = CAST(X'7B2261223A' AS TEXT) WHERE id = 3")
    conn.execute("UPDATE steps SET notes = CAST(X'E7BD91A0' AS TEXT) WHERE id = 5")
    conn.commit()
    conn.close()


def test_db_check_fails_on_a_damaged_row_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "shop"
    home.mkdir()
    shop_history(home / "posguide.db", incidents=6)
    _damage_a_row(home / "posguide.db")
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
