"""Plain records the store hands out. Qt-free, immutable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("resolved", "backup", "escalated", "abandoned")
STEP_STATUSES = ("running", "done", "skipped", "failed", "interrupted")
PROBE_STATUSES = ("ok", "warn", "fail", "error", "skipped")
# Fields a manager may correct on a closed incident (through an amendment).
AMENDABLE = ("terminal", "reported_by", "symptom", "error_code", "outcome", "cause", "notes")


@dataclass(frozen=True)
class Incident:
    id: int
    uid: str
    started_at: str
    ended_at: str | None
    terminal: str
    reported_by: str
    symptom: str
    error_code: str
    outcome: str | None
    cause: str | None
    training: bool
    notes: str
    training_scenario: str = ""  # training: the situation played (resumed in the same one)
    uplink: str = ""  # how its terminal went online (posguide.uplinks); "" before schema v8

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class ProbeRecord:
    """What the store keeps of one probe run (the probe framework converts its results)."""

    probe_id: str
    status: str
    summary: str
    started_at: str
    duration_ms: float
    measurements: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    # The summary as translatable text (posguide.i18n.Text: source and its values as JSON);
    # None for probes that gave plain text and for rows recorded before schema version 3.
    summary_source: str | None = None
    summary_args: dict[str, Any] | None = None


@dataclass(frozen=True)
class Step:
    id: int
    seq: int
    step_key: str
    started_at: str
    ended_at: str | None
    status: str
    answers: dict[str, Any]
    notes: str
    probes: tuple[ProbeRecord, ...] = ()


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    step_id: int | None
    caption: str
    sha256: str
    original_format: str
    original_size: int
    width: int
    height: int
    taken_at: str | None
    attached_at: str


@dataclass(frozen=True)
class EscalationEvent:
    at: str
    kind: str
    channel: str
    attempt: int
    ok: bool
    detail: str


@dataclass(frozen=True)
class Amendment:
    at: str
    author: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str


@dataclass(frozen=True)
class IncidentDetail:
    """An incident with everything recorded for it; ``incident`` has amendments applied."""

    incident: Incident
    recorded: Incident
    steps: tuple[Step, ...]
    photos: tuple[PhotoInfo, ...]
    escalations: tuple[EscalationEvent, ...]
    amendments: tuple[Amendment, ...]
