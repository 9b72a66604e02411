"""Shop histories for tests: a realistic database, and the ways a disk damages one."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from images import jpeg_bytes

from posguide.store import IncidentStore, ProbeRecord
from posguide.store.notices import add_manual_notice
from posguide.store.schema import MIGRATIONS
from posguide.timeutil import now


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


def damage_a_row(path: Path) -> None:
    """A bit flipped inside one stored answer: the page is sound, the text is not."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER steps_closed_no_update")
    conn.execute("UPDATE steps SET answers = CAST(X'7B2261223A' AS TEXT) WHERE id = 3")
    conn.execute("UPDATE steps SET notes = CAST(X'E7BD91A0' AS TEXT) WHERE id = 5")
    conn.commit()
    conn.close()


def damage_schema_text(path: Path) -> None:
    """One byte of an index name in the schema set to 0xA0: the name is no longer UTF-8."""
    data = bytearray(path.read_bytes())
    at = data.find(b"incidents_fts_idx")
    assert at > 0
    data[at + 3] = 0xA0
    path.write_bytes(bytes(data))


def migrate_to(conn: sqlite3.Connection, version: int) -> None:
    """The schema of an older posguide: the migrations up to ``version``, as they shipped."""
    conn.execute("BEGIN")
    for step in MIGRATIONS[:version]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
