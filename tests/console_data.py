"""Histories for the manager console's tests: incidents at chosen times, and a big shop.

The store stamps incidents with the current time, so these write rows directly into a database
the store created (same schema, same triggers: closed incidents are inserted already closed).
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from images import jpeg_bytes

from posguide.store import IncidentStore
from posguide.timeutil import iso

CAUSES = ("provider_maintenance", "terminal_restart", "network", "router", "reader", "power",
          "gateway_timeout", "unknown")  # fmt: skip
OUTCOMES = ("resolved", "backup", "escalated", "abandoned")
BIG_SHOP_UPLINKS = ("ethernet",) * 8 + ("wifi", "wifi", "cellular", "dialup")  # by till


@dataclass
class Made:
    """One incident to write: times are aware datetimes; ``minutes`` to its end (None: open)."""

    started: datetime
    minutes: float | None = 12.0
    terminal: str = "1号收银台"
    outcome: str | None = "resolved"
    cause: str | None = "network"
    symptom: str = "终端显示在维护中"
    error_code: str = ""
    notes: str = ""
    staff: str = "王芳"
    training: bool = False
    alarm: bool = False  # the escalation alarm went off
    photos: int = 0
    step_notes: str = ""
    uplink: str = ""  # how its terminal went online ("" as before schema v8)


def write_incidents(path: Path, made: Iterable[Made]) -> list[int]:
    """Write ``made`` into the database at ``path`` (created if absent); their ids in order."""
    IncidentStore.open(path).close()  # the schema, migrated
    conn = sqlite3.connect(path, isolation_level=None)
    photo = jpeg_bytes((64, 48))
    ids = []
    conn.execute("BEGIN")
    for m in made:
        # Written open, its children added, then closed: the store's guards stay in force.
        cur = conn.execute(
            "INSERT INTO incidents (uid, started_at, started_ts, terminal, reported_by, symptom,"
            " error_code, training, notes, uplink) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), iso(m.started), m.started.timestamp(), m.terminal, m.staff,
             m.symptom, m.error_code, int(m.training), m.notes, m.uplink),
        )  # fmt: skip
        incident_id = int(cur.lastrowid or 0)
        ids.append(incident_id)
        if m.alarm or m.photos or m.step_notes:
            _children(conn, incident_id, m, photo)
        if m.minutes is not None:
            ended = m.started + timedelta(minutes=m.minutes)
            conn.execute(
                "UPDATE incidents SET ended_at = ?, ended_ts = ?, outcome = ?, cause = ?"
                " WHERE id = ?",
                (iso(ended), ended.timestamp(), m.outcome, m.cause, incident_id),
            )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return ids


def _children(conn: sqlite3.Connection, incident_id: int, m: Made, photo: bytes) -> None:
    at = iso(m.started + timedelta(minutes=1))
    if m.alarm:
        conn.execute(
            "INSERT INTO escalations (incident_id, at, kind) VALUES (?, ?, 'alarm')",
            (incident_id, iso(m.started + timedelta(minutes=10))),
        )
    step = conn.execute(
        "INSERT INTO steps (incident_id, seq, step_key, started_at, ended_at, status, notes)"
        " VALUES (?, 1, 'cables', ?, ?, 'done', ?)",
        (incident_id, at, at, m.step_notes),
    ).lastrowid
    for n in range(m.photos):
        conn.execute(
            "INSERT INTO photos (incident_id, step_id, caption, sha256, original_format,"
            " original_size, width, height, attached_at, jpeg, thumbnail)"
            " VALUES (?, ?, ?, ?, 'JPEG', ?, 64, 48, ?, ?, ?)",
            (incident_id, step, f"照片{n + 1}", f"{incident_id:x}{n}", len(photo), at, photo,
             photo),
        )  # fmt: skip


def big_history(path: Path, count: int, *, seed: int = 7, days: int = 365,
                end: datetime | None = None) -> None:  # fmt: skip
    """``count`` closed incidents spread over ``days`` before ``end``, on 12 terminals (8 on
    the shop's cable, 2 on its Wi-Fi, one on a SIM card, one on a phone line); the alarm went
    off for every escalated one and for one in twenty of the others."""
    rng = random.Random(seed)
    end = end or datetime.now().astimezone()
    start_ts = end.timestamp() - days * 86400
    stamps = sorted(rng.uniform(start_ts, end.timestamp()) for _ in range(count))
    made = (
        Made(
            started=datetime.fromtimestamp(ts).astimezone(),
            minutes=rng.uniform(2, 40),
            terminal=f"{(till := rng.randrange(12)) + 1}号收银台",
            outcome=(outcome := rng.choice(OUTCOMES)),
            cause=rng.choice(CAUSES),
            symptom=rng.choice(("终端显示在维护中", "刷卡没反应", "交易超时", "屏幕黑屏")),
            notes=rng.choice(("", "", "银联公告凌晨升级", "重插网线后恢复", "读卡器松动")),
            staff=rng.choice(("王芳", "李娜", "张伟")),
            training=rng.random() < 0.05,
            alarm=outcome == "escalated" or rng.random() < 0.05,
            uplink=BIG_SHOP_UPLINKS[till],
        )
        for ts in stamps
    )
    write_incidents(path, made)


def many_incidents(path: Path, count: int, *, end: datetime | None = None) -> None:
    """``count`` closed incidents, one every 5 minutes back from ``end``, in one SQL statement
    (a second or two for 100,000): terminals, causes and outcomes cycle."""
    IncidentStore.open(path).close()
    end_ts = (end or datetime.now().astimezone()).timestamp()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(
        "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)"
        " INSERT INTO incidents (uid, started_at, started_ts, ended_at, ended_ts, terminal,"
        " reported_by, symptom, outcome, cause, training)"
        " SELECT printf('u%d', k), strftime('%Y-%m-%dT%H:%M:%S+00:00', ? - k * 300, 'unixepoch'),"
        " ? - k * 300, strftime('%Y-%m-%dT%H:%M:%S+00:00', ? - k * 300 + 600, 'unixepoch'),"
        " ? - k * 300 + 600, (k % 12 + 1) || '号收银台', '王芳',"
        " CASE k % 3 WHEN 0 THEN '终端显示在维护中' WHEN 1 THEN '刷卡没反应' ELSE '交易超时' END,"
        " CASE k % 4 WHEN 0 THEN 'resolved' WHEN 1 THEN 'backup' WHEN 2 THEN 'escalated'"
        " ELSE 'abandoned' END,"
        " CASE k % 5 WHEN 0 THEN 'network' WHEN 1 THEN 'reader' WHEN 2 THEN 'router'"
        " WHEN 3 THEN 'power' ELSE 'provider_maintenance' END, 0 FROM n",
        (count, end_ts, end_ts, end_ts, end_ts),
    )
    conn.execute("COMMIT")
    conn.close()
