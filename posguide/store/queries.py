"""Reading incidents back: pages for the history list, full-text search, statistics.

An incident with all it holds is read by ``details``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from posguide.store.details import incidents
from posguide.store.errors import NotFoundError
from posguide.store.models import Incident

_INCIDENT_COLUMNS = (
    "id, uid, started_at, ended_at, terminal, reported_by, symptom, error_code, outcome, cause,"
    " training, notes, training_scenario, uplink"
)


def open_incidents(db: sqlite_utils.Database) -> list[Incident]:
    rows = db.table("incidents").rows_where(
        "ended_ts IS NULL", order_by="id", select=_INCIDENT_COLUMNS
    )
    return list(incidents(rows))


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
        ids_sql, ids_args = text_match(f.text)
        clauses.append(f"id IN ({ids_sql})")
        args += ids_args
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def text_match(text: str) -> tuple[str, list[Any]]:
    """Incident ids whose symptom, notes, error code or step notes contain ``text``, as recorded
    or as corrected by an amendment (few rows: scanned with LIKE)."""
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    corrected = (
        " UNION SELECT incident_id FROM amendments WHERE field IN ('symptom', 'notes',"
        " 'error_code') AND new_value LIKE ? ESCAPE '\\'"
    )
    if len(text) >= 3:
        # Trigram FTS: a quoted phrase matches as a substring, Chinese included.
        phrase = '"' + text.replace('"', '""') + '"'
        return (
            "SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?"
            " UNION SELECT steps.incident_id FROM steps_fts"
            " JOIN steps ON steps.id = steps_fts.rowid"
            " WHERE steps_fts MATCH ?" + corrected,
            [phrase, phrase, like],
        )
    # Trigrams need three characters; "维护" is two, so shorter queries scan with LIKE.
    return (
        "SELECT id FROM incidents WHERE symptom LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\'"
        " OR error_code LIKE ? ESCAPE '\\'"
        " UNION SELECT incident_id FROM steps WHERE notes LIKE ? ESCAPE '\\'" + corrected,
        [like] * 5,
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
    return list(incidents(db.query(sql, [*args, limit])))


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
