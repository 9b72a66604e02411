"""A probe result as the incident store keeps it (``ProbeRecord``), and back: the one mapping
between the two, for the wizard that records results, the session resumed from the store and
the reports that read them out. The translatable summary goes both ways, so a resumed incident
and a report speak the shop's language, not the English recorded beside it."""

from __future__ import annotations

from collections.abc import Mapping

from posguide.i18n import Text, stored_text
from posguide.probes.base import Measurement, ProbeResult, Status
from posguide.store.models import ProbeRecord
from posguide.timeutil import iso, now, parse_iso


def to_record(result: ProbeResult) -> ProbeRecord:
    return ProbeRecord(
        probe_id=result.probe_id,
        status=result.status.value,
        summary=result.summary,
        started_at=iso(result.started_at),
        duration_ms=result.duration_ms,
        measurements={
            k: {"value": m.value, "unit": m.unit} for k, m in result.measurements.items()
        },
        detail=result.detail,
        summary_source=result.text.source if result.text else None,
        summary_args=result.text.json_args() if result.text else None,
    )


def from_record(record: ProbeRecord) -> ProbeResult:
    """Raises ValueError for a status posguide does not know. A start time that cannot be read
    becomes now: the result still counts as evidence."""
    try:
        started = parse_iso(record.started_at)
    except (TypeError, ValueError):
        started = now()
    return ProbeResult(
        probe_id=record.probe_id,
        status=Status(record.status),
        summary=record.summary,
        measurements={
            str(k): Measurement(float(m["value"]), str(m["unit"]))
            for k, m in record.measurements.items()
            if isinstance(m, Mapping)
        },
        detail=dict(record.detail),
        started_at=started,
        duration_ms=float(record.duration_ms),
        text=record_text(record),
    )


def record_text(record: ProbeRecord) -> Text | None:
    """The summary as translatable text; None for probes that gave plain text (and for rows
    recorded before the store kept it)."""
    if not record.summary_source:
        return None
    return stored_text(record.summary_source, record.summary_args)
