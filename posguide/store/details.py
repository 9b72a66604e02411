"""Incidents with everything recorded for them, read a few hundred at a time (export, check).

One query per table per batch, not per incident: ``posguide db check`` reads a year of a
chain's history this way. A damaged row is reported with the incident it belongs to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import sqlite_utils

from posguide.store.errors import NotFoundError
from posguide.store.failures import corrupt_error
from posguide.store.models import (
    Amendment,
    EscalationEvent,
    Incident,
    IncidentDetail,
    PhotoInfo,
    ProbeRecord,
    Step,
)
from posguide.store.rows import DamagedRow, record, records

BATCH = 500
_PROBE_JSON = frozenset({"measurements", "detail", "summary_args"})
# Never the photo bytes: a detail carries only what is shown and exported.
_PHOTO_COLUMNS = (
    "id, incident_id, step_id, caption, sha256, original_format, original_size, width, height,"
    " taken_at, attached_at"
)


def incidents(rows: Iterable[dict[str, Any]]) -> Iterator[Incident]:
    return records(Incident, "incidents", rows)


def _children(
    db: sqlite_utils.Database, table: str, ids: Sequence[int], order: str, select: str = "*"
) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    marks = ", ".join("?" * len(ids))
    for row in db.table(table).rows_where(
        f"incident_id IN ({marks})", list(ids), order_by=f"incident_id, {order}", select=select
    ):
        found.setdefault(row["incident_id"], []).append(row)
    return found


def _steps(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, tuple[Step, ...]]:
    probes: dict[int, list[ProbeRecord]] = {}
    for rows in _children(db, "probe_results", ids, "id").values():
        found = records(ProbeRecord, "probe_results", rows, json_columns=_PROBE_JSON)
        for row, probe in zip(rows, found, strict=True):
            probes.setdefault(row["step_id"], []).append(probe)
    answers = frozenset({"answers"})
    return {
        incident_id: tuple(
            record(
                Step, "steps", row, json_columns=answers, probes=tuple(probes.get(row["id"], ()))
            )
            for row in rows
        )
        for incident_id, rows in _children(db, "steps", ids, "seq").items()
    }


def _load(db: sqlite_utils.Database, ids: Sequence[int]) -> list[IncidentDetail]:
    marks = ", ".join("?" * len(ids))
    rows = db.table("incidents").rows_where(f"id IN ({marks})", ids)
    found = {incident.id: incident for incident in incidents(rows)}
    steps = _steps(db, ids)
    photos = _children(db, "photos", ids, "id", _PHOTO_COLUMNS)
    escalations = _children(db, "escalations", ids, "id")
    amendments = _children(db, "amendments", ids, "id")
    details = []
    for incident_id in ids:
        if incident_id not in found:
            continue
        fixes = tuple(records(Amendment, "amendments", amendments[incident_id]))
        effective = found[incident_id]
        for fix in fixes:
            # Only text fields are amendable (models.AMENDABLE), so a string value always fits.
            changes: dict[str, Any] = {fix.field: fix.new_value}
            effective = replace(effective, **changes)
        details.append(
            IncidentDetail(
                effective,
                found[incident_id],
                steps[incident_id],
                tuple(records(PhotoInfo, "photos", photos[incident_id])),
                tuple(records(EscalationEvent, "escalations", escalations[incident_id])),
                fixes,
            )
        )
    return details


def _pinpointed(db: sqlite_utils.Database, ids: Sequence[int]) -> list[IncidentDetail]:
    """``_load``, with a damaged row reported as damage to its incident."""
    try:
        return _load(db, ids)
    except (DamagedRow, sqlite3.Error, UnicodeDecodeError) as err:
        if len(ids) > 1:  # find the incident it belongs to
            return [d for incident_id in ids for d in _pinpointed(db, [incident_id])]
        why = str(err) if isinstance(err, DamagedRow) else _why(err)
        raise corrupt_error(database_path(db), f"incident {ids[0]}: {why}") from err


def _why(err: Exception) -> str:
    text = str(err)
    if "decode" in text.lower():
        column = text.split("'")[1] if text.count("'") >= 2 else "a column"
        return f"{column} is not valid text"
    return text


def database_path(db: sqlite_utils.Database) -> str:
    return str(db.conn.execute("PRAGMA database_list").fetchone()[2])


def incident_detail(db: sqlite_utils.Database, incident_id: int) -> IncidentDetail:
    found = _pinpointed(db, [incident_id]) if 0 < incident_id < 2**63 else []
    if not found:
        raise NotFoundError(f"There is no incident {incident_id}.")
    return found[0]


def iter_details(
    db: sqlite_utils.Database, where: str = "", args: Sequence[Any] = ()
) -> Iterator[IncidentDetail]:
    """Incidents matching ``where`` (SQL on the incidents table), oldest first."""
    sql = "SELECT id FROM incidents" + (f" WHERE {where}" if where else "") + " ORDER BY started_ts"
    ids = [int(row[0]) for row in db.execute(sql, list(args))]
    for start in range(0, len(ids), BATCH):
        yield from _pinpointed(db, ids[start : start + BATCH])
