"""What a probe is and what it returns. Qt-free; the wizard, the CLI and the store share these."""

from __future__ import annotations

import enum
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from posguide.i18n import QT_TR_NOOP, Text, Translate
from posguide.timeutil import iso, now


class Status(enum.StrEnum):
    OK = "ok"  # nothing wrong here
    WARN = "warn"  # works, but something needs attention (slow, notice upcoming, cert expiring)
    FAIL = "fail"  # the fault this probe looks for was found
    ERROR = "error"  # the probe itself could not run (bad config, unexpected exception)
    SKIPPED = "skipped"  # not applicable (nothing configured) or not reached


@dataclass(frozen=True)
class Measurement:
    value: float
    unit: str  # "ms", "%", "s", "days", "count"


@dataclass(frozen=True)
class ProbeResult:
    probe_id: str
    status: Status
    summary: str  # one line, English source text (the GUI translates)
    measurements: dict[str, Measurement] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    started_at: datetime = field(default_factory=now)
    duration_ms: float = 0.0
    text: Text | None = None  # the summary as translatable text, when the probe gave one

    def summary_in(self, translate: Translate) -> str:
        """The summary in the UI's language (English when the probe gave plain text)."""
        return self.text.translated(translate) if self.text else self.summary

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.probe_id,
            "status": self.status.value,
            "summary": self.summary,
            "started_at": iso(self.started_at),
            "duration_ms": round(self.duration_ms, 1),
            "measurements": {
                k: {"value": m.value, "unit": m.unit} for k, m in self.measurements.items()
            },
            "detail": self.detail,
        }


# Progress: a fraction 0..1 (None when unknown) and a short line ("sample 2 of 4"), as Text so
# the GUI can show it in its language; str(message) is the English.
ProgressCallback = Callable[[float | None, Text], None]


def no_progress(fraction: float | None, message: Text) -> None:
    """The default progress sink."""


DONE = Text(QT_TR_NOOP("Done"))  # the last progress line of a probe that says so


class Probe(Protocol):
    """A live check. ``check`` may raise: the runner turns any exception into an ``error``
    result and enforces ``timeout_s``, so probe bodies stay straightforward."""

    id: str
    timeout_s: float

    def check(self, progress: ProgressCallback) -> Awaitable[ProbeResult]: ...


class Outcome:
    """Builds a result inside a probe: the runner fills in id, start time and duration."""

    def __init__(self, probe_id: str) -> None:
        self.probe_id = probe_id
        self.started_at = now()
        self._t0 = time.perf_counter()

    def finish(
        self,
        status: Status,
        summary: str | Text,
        *,
        measurements: dict[str, Measurement] | None = None,
        **detail: Any,
    ) -> ProbeResult:
        return ProbeResult(
            probe_id=self.probe_id,
            status=status,
            summary=str(summary),
            text=summary if isinstance(summary, Text) else None,
            measurements=measurements or {},
            detail=detail,
            started_at=self.started_at,
            duration_ms=(time.perf_counter() - self._t0) * 1000,
        )
