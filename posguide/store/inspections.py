"""Daily inspections in the store: each one written whole, in one transaction, and read back
oldest first for the console's look at what degrades over the days.

An inspection is not an incident: nothing went wrong at the till, the checks ran on a schedule
(or by hand), so it has its own tables (schema version 9) and never shows in the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from posguide import __version__
from posguide.store.incidents import IncidentStore
from posguide.store.models import ProbeRecord
from posguide.store.rows import records
from posguide.timeutil import iso

TRIGGERS = ("scheduled", "manual")
_RESULT_JSON = frozenset({"measurements", "detail", "summary_args"})


@dataclass(frozen=True)
class TerminalResult:
    """One check of one terminal; ``terminal`` is "" for the checks the whole shop shares
    (the PC's network, its card reader)."""

    terminal: str
    probe: ProbeRecord


@dataclass(frozen=True)
class Inspection:
    id: int
    started_at: str
    started_ts: float
    finished_at: str
    trigger: str
    results: tuple[TerminalResult, ...] = ()

    def result(self, terminal: str, probe_id: str) -> ProbeRecord | None:
        for r in self.results:
            if r.terminal == terminal and r.probe.probe_id == probe_id:
                return r.probe
        return None


@dataclass(frozen=True)
class _InspectionRow:
    id: int
    started_at: str
    started_ts: float
    finished_at: str
    trigger: str


@dataclass(frozen=True)
class _ResultRow:
    inspection_id: int
    terminal: str
    probe_id: str
    status: str
    summary: str
    started_at: str
    duration_ms: float
    measurements: dict[str, Any]
    detail: dict[str, Any]
    summary_source: str | None
    summary_args: dict[str, Any] | None


def record_inspection(
    store: IncidentStore,
    *,
    started: datetime,
    finished: datetime,
    trigger: str,
    results: Sequence[TerminalResult],
) -> int:
    """Write one inspection with all its results; returns its id."""
    if trigger not in TRIGGERS:
        raise ValueError(f"trigger must be one of {TRIGGERS}, got {trigger!r}")
    with store.writing() as tx:
        inspection_id = tx.insert(
            "inspections",
            {
                "started_at": iso(started),
                "started_ts": started.timestamp(),
                "finished_at": iso(finished),
                "trigger": trigger,
                "app_version": __version__,
            },
        )
        for r in results:
            tx.insert(
                "inspection_results",
                {
                    "inspection_id": inspection_id,
                    "terminal": r.terminal,
                    "probe_id": r.probe.probe_id,
                    "status": r.probe.status,
                    "summary": r.probe.summary,
                    "started_at": r.probe.started_at,
                    "duration_ms": float(r.probe.duration_ms),
                    "measurements": r.probe.measurements,
                    "detail": r.probe.detail,
                    "summary_source": r.probe.summary_source,
                    "summary_args": r.probe.summary_args,
                },
            )
        return inspection_id


def inspections_since(store: IncidentStore, since: datetime) -> list[Inspection]:
    """The inspections started at or after ``since``, oldest first, with their results."""
    with store.reading():
        heads = list(
            records(
                _InspectionRow,
                "inspections",
                store.db.query(
                    "SELECT id, started_at, started_ts, finished_at, trigger FROM inspections"
                    " WHERE started_ts >= ? ORDER BY started_ts, id",
                    [since.timestamp()],
                ),
            )
        )
        if not heads:
            return []
        by_id: dict[int, list[TerminalResult]] = {h.id: [] for h in heads}
        rows = store.db.query(
            "SELECT inspection_id, terminal, probe_id, status, summary, started_at, duration_ms,"
            " measurements, detail, summary_source, summary_args FROM inspection_results"
            " WHERE inspection_id >= ? ORDER BY id",
            [min(by_id)],
        )
        for row in records(_ResultRow, "inspection_results", rows, json_columns=_RESULT_JSON):
            if row.inspection_id not in by_id:
                continue
            by_id[row.inspection_id].append(
                TerminalResult(
                    row.terminal,
                    ProbeRecord(
                        probe_id=row.probe_id,
                        status=row.status,
                        summary=row.summary,
                        started_at=row.started_at,
                        duration_ms=row.duration_ms,
                        measurements=row.measurements,
                        detail=row.detail,
                        summary_source=row.summary_source,
                        summary_args=row.summary_args,
                    ),
                )
            )
    return [
        Inspection(h.id, h.started_at, h.started_ts, h.finished_at, h.trigger, tuple(by_id[h.id]))
        for h in heads
    ]
