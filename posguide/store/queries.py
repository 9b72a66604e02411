"""Reading incidents back: detail, pages for the history list, full-text search, statistics."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from posguide.store.errors import NotFoundError
from posguide.store.models import (
    Amendment,
    EscalationEvent,
    Incident,
    IncidentDetail,
    PhotoInfo,
    ProbeRecord,
    Step,
)

_INCIDENT_COLUMNS = (
    "id, uid, started_at, ended_at, terminal, reported_by, symptom, error_code, outcome, cause,"
    " training, notes"
)


def _incident(row: dict[str, Any]) -> Incident:
    return Incident(
        id=row["id"],
        uid=row["uid"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
        terminal=row["terminal"],
        reported_by=row["reported_by"],
        symptom=row["symptom"],
        error_code=row["error_code"],
        outcome=row["outcome"],
        cause=row["cause"],
        training=bool(row["training"]),
        notes=row["notes"],
    )


def _json_dict(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else None


def incident_detail(db: sqlite_utils.Database, incident_id: int) -> IncidentDetail:
    rows = list(db.query(f"SELECT {_INCIDENT_COLUMNS} FROM incidents WHERE id = ?", [incident_id]))
    if not rows:
        raise NotFoundError(f"There is no incident {incident_id}.")
    recorded = _incident(rows[0])
    probes_by_step: dict[int, list[ProbeRecord]] = {}
    for p in db.query(
        "SELECT step_id, probe_id, status, summary, started_at, duration_ms, measurements, detail,"
        " summary_source, summary_args FROM probe_results WHERE incident_id = ? ORDER BY id",
        [incident_id],
    ):
        probes_by_step.setdefault(p["step_id"], []).append(
            ProbeRecord(
                probe_id=p["probe_id"],
                status=p["status"],
                summary=p["summary"],
                started_at=p["started_at"],
                duration_ms=p["duration_ms"],
                measurements=json.loads(p["measurements"]),
                detail=json.loads(p["detail"]),
                summary_source=p["summary_source"],
                summary_args=_json_dict(p["summary_args"]),
            )
        )
    steps = tuple(
        Step(
            id=s["id"],
            seq=s["seq"],
            step_key=s["step_key"],
            started_at=s["started_at"],
            ended_at=s["ended_at"],
            status=s["status"],
            answers=json.loads(s["answers"]),
            notes=s["notes"],
            probes=tuple(probes_by_step.get(s["id"], ())),
        )
        for s in db.query("SELECT * FROM steps WHERE incident_id = ? ORDER BY seq", [incident_id])
    )
    photos = tuple(
        PhotoInfo(**p)
        for p in db.query(
            "SELECT id, step_id, caption, sha256, original_format, original_size, width, height,"
            " taken_at, attached_at FROM photos WHERE incident_id = ? ORDER BY id",
            [incident_id],
        )
    )
    escalations = tuple(
        EscalationEvent(
            at=e["at"],
            kind=e["kind"],
            channel=e["channel"],
            attempt=e["attempt"],
            ok=bool(e["ok"]),
            detail=e["detail"],
        )
        for e in db.query(
            "SELECT * FROM escalations WHERE incident_id = ? ORDER BY id", [incident_id]
        )
    )
    amendments = tuple(
        Amendment(
            at=a["at"],
            author=a["author"],
            field=a["field"],
            old_value=a["old_value"],
            new_value=a["new_value"],
            reason=a["reason"],
        )
        for a in db.query(
            "SELECT * FROM amendments WHERE incident_id = ? ORDER BY id", [incident_id]
        )
    )
    effective = recorded
    for amendment in amendments:
        effective = _apply(effective, amendment)
    return IncidentDetail(effective, recorded, steps, photos, escalations, amendments)


def _apply(incident: Incident, amendment: Amendment) -> Incident:
    # Only text fields are amendable (models.AMENDABLE), so a string value always fits.
    changes: dict[str, Any] = {amendment.field: amendment.new_value}
    return replace(incident, **changes)


def open_incidents(db: sqlite_utils.Database) -> list[Incident]:
    return [
        _incident(r)
        for r in db.query(
            f"SELECT {_INCIDENT_COLUMNS} FROM incidents WHERE ended_ts IS NULL ORDER BY id"
        )
    ]


def photo_bytes(db: sqlite_utils.Database, photo_id: int, *, thumbnail: bool = False) -> bytes:
    column = "thumbnail" if thumbnail else "jpeg"
    row = db.execute(f"SELECT {column} FROM photos WHERE id = ?", [photo_id]).fetchone()
    if row is None:
        raise NotFoundError(f"There is no photo {photo_id}.")
    return bytes(row[0])


@dataclass(frozen=True)
class IncidentFilter:
    """What the history list can be narrowed by. ``None`` means "any"."""

    training: bool | None = False
    terminal: str | None = None
    outcome: str | None = None
    cause: str | None = None
    since_ts: float | None = None
    until_ts: float | None = None
    text: str | None = None


def _where(f: IncidentFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if f.training is not None:
        clauses.append("training = ?")
        args.append(int(f.training))
    for column in ("terminal", "outcome", "cause"):
        value = getattr(f, column)
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    if f.since_ts is not None:
        clauses.append("started_ts >= ?")
        args.append(f.since_ts)
    if f.until_ts is not None:
        clauses.append("started_ts < ?")
        args.append(f.until_ts)
    if f.text:
        ids_sql, ids_args = _text_match(f.text)
        clauses.append(f"id IN ({ids_sql})")
        args += ids_args
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _text_match(text: str) -> tuple[str, list[Any]]:
    """Incident ids whose symptom, notes, error code or step notes contain ``text``."""
    if len(text) >= 3:
        # Trigram FTS: a quoted phrase matches as a substring, Chinese included.
        phrase = '"' + text.replace('"', '""') + '"'
        return (
            "SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?"
            " UNION SELECT steps.incident_id FROM steps_fts"
            " JOIN steps ON steps.id = steps_fts.rowid"
            " WHERE steps_fts MATCH ?",
            [phrase, phrase],
        )
    # Trigrams need three characters; "维护" is two, so shorter queries scan with LIKE.
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return (
        "SELECT id FROM incidents WHERE symptom LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\'"
        " OR error_code LIKE ? ESCAPE '\\'"
        " UNION SELECT incident_id FROM steps WHERE notes LIKE ? ESCAPE '\\'",
        [like] * 4,
    )


def list_incidents(
    db: sqlite_utils.Database,
    flt: IncidentFilter | None = None,
    *,
    limit: int = 100,
    before_ts: float | None = None,
) -> list[Incident]:
    """Newest first. Keyset paging: pass the last row's start time as ``before_ts``."""
    flt = flt or IncidentFilter()
    where, args = _where(flt)
    if before_ts is not None:
        where += (" AND " if where else " WHERE ") + "started_ts < ?"
        args.append(before_ts)
    sql = f"SELECT {_INCIDENT_COLUMNS} FROM incidents{where} ORDER BY started_ts DESC LIMIT ?"
    return [_incident(r) for r in db.query(sql, [*args, limit])]


def count_incidents(db: sqlite_utils.Database, flt: IncidentFilter | None = None) -> int:
    where, args = _where(flt or IncidentFilter())
    return int(db.execute(f"SELECT count(*) FROM incidents{where}", args).fetchone()[0])


def weekly_counts(
    db: sqlite_utils.Database, since_ts: float, *, training: bool = False
) -> list[dict[str, Any]]:
    """Incidents per ISO-ish week (weeks start Monday, local time) and per cause."""
    return list(
        db.query(
            "SELECT strftime('%Y-%W', started_ts, 'unixepoch', 'localtime') AS week,"
            " coalesce(cause, '') AS cause, count(*) AS incidents"
            " FROM incidents WHERE training = ? AND started_ts >= ?"
            " GROUP BY week, cause ORDER BY week, cause",
            [int(training), since_ts],
        )
    )
