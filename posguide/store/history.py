"""The history as the manager sees it: incidents with their amendments applied, sorted and
filtered in SQL, read as an id list plus the rows on screen (as Anki's browser does).

``INCIDENT_ROWS`` is the one definition of an incident's effective values (the latest amendment
of a field wins) and of the derived columns (time to a working till, duration, escalated, photo
count); the history and the statistics both read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlite_utils

from posguide.store.queries import text_match

_AMENDED = ("terminal", "reported_by", "symptom", "error_code", "outcome", "cause", "notes")
_FIXES = ", ".join(
    f"max(field = '{f}') AS has_{f}, max(CASE WHEN field = '{f}' THEN new_value END) AS {f}"
    for f in _AMENDED
)
_EFFECTIVE = ", ".join(f"CASE WHEN x.has_{f} THEN x.{f} ELSE i.{f} END AS {f}" for f in _AMENDED)
# Derived columns, also computed straight from ``incidents`` where no amendment applies (the
# statistics): to a working till (the outcome says the till took cards again), to the end.
WORKING_OUTCOMES = ("resolved", "backup")
WORKING_S = f"CASE WHEN outcome IN {WORKING_OUTCOMES} THEN ended_ts - started_ts END"
DURATION_S = "ended_ts - started_ts"
ESCALATED = "escalated"  # the outcome that, like an alarm raised, makes an incident escalated
# SQLite returns the other columns of the row holding max(id): the latest amendment per field.
INCIDENT_ROWS = f"""
WITH latest AS (
  SELECT incident_id, field, new_value, max(id) FROM amendments GROUP BY incident_id, field
), fixes AS (
  SELECT incident_id, {_FIXES} FROM latest GROUP BY incident_id
), amended AS (
  SELECT i.id, i.started_at, i.started_ts, i.ended_at, i.ended_ts, i.training, i.uplink,
    {_EFFECTIVE}
  FROM incidents i LEFT JOIN fixes x ON x.incident_id = i.id
), incident_rows AS (
  SELECT *,
    {WORKING_S} AS working_s,
    {DURATION_S} AS duration_s,
    (outcome IS '{ESCALATED}' OR EXISTS (
      SELECT 1 FROM escalations e WHERE e.incident_id = amended.id AND e.kind = 'alarm'
    )) AS escalated,
    (SELECT count(*) FROM photos p WHERE p.incident_id = amended.id) AS photos
  FROM amended
)
"""

_INDEXED = ("terminal", "cause")  # incidents_by_terminal, incidents_by_cause

SORT_COLUMNS = {
    "started": "started_ts",
    "terminal": "terminal",
    "symptom": "symptom",
    "outcome": "outcome",
    "cause": "cause",
    "working": "working_s",
    "duration": "duration_s",
    "escalated": "escalated",
    "staff": "reported_by",
    "photos": "photos",
}
ROW_COLUMNS = (
    "id, started_at, ended_at, terminal, symptom, error_code, outcome, cause, working_s,"
    " duration_s, escalated, reported_by AS staff, photos, training"
)


def where_clause(
    *,
    since_ts: float | None = None,
    until_ts: float | None = None,
    terminal: str | None = None,
    outcome: str | None = None,
    cause: str | None = None,
    escalated: bool | None = None,
    training: bool | None = None,
    text: str = "",
) -> tuple[str, list[Any]]:
    """Conditions on ``incident_rows``; "" when there are none."""
    clauses: list[str] = []
    args: list[Any] = []
    for column, value in (("terminal", terminal), ("outcome", outcome), ("cause", cause)):
        if value is not None:
            clauses.append(f"coalesce({column}, '') = ?")
            args.append(value)
        if value and column in _INDEXED:
            # The same, narrowed first through the column's index: the incidents recorded with
            # the value, and those whose value an amendment changed (a few).
            clauses.append(
                f"id IN (SELECT id FROM incidents WHERE {column} = ? UNION ALL"
                f" SELECT incident_id FROM amendments WHERE field = '{column}')"
            )
            args.append(value)
    for column, flag in (("escalated", escalated), ("training", training)):
        if flag is not None:
            clauses.append(f"{column} = ?")
            args.append(int(flag))
    if since_ts is not None:
        clauses.append("started_ts >= ?")
        args.append(since_ts)
    if until_ts is not None:
        clauses.append("started_ts < ?")
        args.append(until_ts)
    if text.strip():
        ids_sql, ids_args = text_match(text.strip())
        clauses.append(f"id IN ({ids_sql})")
        args += ids_args
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def ids(
    db: sqlite_utils.Database, where: str, args: Sequence[Any], *, sort: str, descending: bool
) -> list[int]:
    column = SORT_COLUMNS[sort]
    direction = "DESC" if descending else "ASC"
    if sort == "started":  # the index's own order: no sorting step
        order = f"started_ts {direction}, id {direction}"
    else:  # ties (and empty values, last) keep the newest first, whatever the column
        order = f"NULLIF({column}, '') IS NULL, {column} {direction}, started_ts DESC, id DESC"
    sql = f"{INCIDENT_ROWS} SELECT id FROM incident_rows{where} ORDER BY {order}"
    return [int(row[0]) for row in db.execute(sql, list(args))]


def count(db: sqlite_utils.Database, where: str, args: Sequence[Any]) -> int:
    sql = f"{INCIDENT_ROWS} SELECT count(*) FROM incident_rows{where}"
    return int(db.execute(sql, list(args)).fetchone()[0])


def rows(db: sqlite_utils.Database, wanted: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The rows of ``wanted`` ids, by id."""
    if not wanted:
        return {}
    marks = ", ".join("?" * len(wanted))
    sql = f"{INCIDENT_ROWS} SELECT {ROW_COLUMNS} FROM incident_rows WHERE id IN ({marks})"
    return {int(row["id"]): row for row in db.query(sql, list(wanted))}


def distinct(db: sqlite_utils.Database, column: str) -> list[str]:
    """The values of ``column`` (terminal or cause) found in the history: recorded or given by an
    amendment (a value amended away may still be offered; it then finds nothing)."""
    if column not in ("terminal", "cause"):
        raise ValueError(f"no choices for {column}")
    # A skip through the column's index, one step per value: ms at 100,000 incidents.
    sql = (
        f"WITH RECURSIVE v(value) AS (SELECT min({column}) FROM incidents UNION ALL"
        f" SELECT (SELECT min({column}) FROM incidents WHERE {column} > value) FROM v"
        f" WHERE value IS NOT NULL)"
        f" SELECT value FROM v UNION SELECT new_value FROM amendments WHERE field = ?"
    )
    return sorted({str(row[0]) for row in db.execute(sql, [column]) if row[0]})
