"""What the manager console reads and writes, as one narrow interface.

The console asks for incident ids in a filter's order, the rows it shows, one incident in full,
photos, statistics, the few choices its filters offer and the daily inspections; it writes
only amendments. The local
SQLite store implements this now (``posguide.console.local``); a chain's central database can
implement the same later, and the console does not change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Protocol

from posguide.store.inspections import Inspection
from posguide.store.models import IncidentDetail

# Columns the history can be sorted by (also its column order).
SORT_KEYS = (
    "started", "terminal", "symptom", "outcome", "cause", "working", "duration", "escalated",
    "staff", "photos",
)  # fmt: skip


@dataclass(frozen=True)
class HistoryQuery:
    """What the history shows: a filter and an order. ``None`` means "any"; dates are the
    shop's local days, both ends included."""

    since: date | None = None
    until: date | None = None
    terminal: str | None = None
    outcome: str | None = None
    cause: str | None = None
    escalated: bool | None = None
    training: bool | None = False  # real incidents only, unless asked
    text: str = ""  # full text: symptom, error code, notes, step notes
    sort: str = "started"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.sort not in SORT_KEYS:
            raise ValueError(f"sort must be one of {', '.join(SORT_KEYS)}")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_json(cls, data: object) -> HistoryQuery:
        """A saved query; anything unreadable in it is left at its default, never an error
        (a filter file from another version must not keep the console from opening)."""
        query = cls()
        if not isinstance(data, dict):
            return query
        found: dict[str, Any] = {}
        kinds: dict[str, tuple[type, ...]] = {
            "terminal": (str,), "outcome": (str,), "cause": (str,), "escalated": (bool,),
            "training": (bool,), "text": (str,), "sort": (str,), "descending": (bool,),
        }  # fmt: skip
        for name, kind in kinds.items():
            if name not in data:
                continue
            value = data[name]
            if isinstance(value, kind) or (value is None and name not in _NOT_NONE):
                found[name] = value
        for name in ("since", "until"):
            value = data.get(name)
            if isinstance(value, str):
                with contextlib.suppress(ValueError):
                    found[name] = date.fromisoformat(value)
        if found.get("sort") not in (None, *SORT_KEYS):
            del found["sort"]
        return replace(query, **found)


_NOT_NONE = frozenset({"text", "sort", "descending"})


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history; text fields have amendments applied."""

    id: int
    started_at: str
    ended_at: str | None
    terminal: str
    symptom: str
    error_code: str
    outcome: str | None
    cause: str | None
    working_s: float | None  # start to a till taking payments again (resolved or backup)
    duration_s: float | None  # start to end; None while open
    escalated: bool  # the alarm went off, or the incident was handed to the provider
    staff: str
    photos: int
    training: bool

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class Choices:
    """Values the filters offer: those present in the history."""

    terminals: tuple[str, ...]
    causes: tuple[str, ...]
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class StatsQuery:
    since: date
    until: date  # included
    training: bool = False


@dataclass(frozen=True)
class TerminalFailures:
    terminal: str
    incidents: int
    terminal_faults: int  # caused by the terminal itself (reader, a freeze fixed by a restart)
    consider_replacing: bool


@dataclass(frozen=True)
class Statistics:
    query: StatsQuery
    incidents: int
    per_day: tuple[tuple[date, int], ...]  # every day of the period, zeros included
    per_week: tuple[tuple[date, int], ...]  # keyed by the week's Monday
    by_cause: tuple[tuple[str, int], ...]  # most first; "" when not known
    by_terminal: tuple[tuple[str, int], ...]
    by_outcome: tuple[tuple[str, int], ...]  # "" while open
    by_hour: tuple[int, ...]  # 24 counts, the shop's local hour of the start
    working_mean_s: float | None
    working_median_s: float | None
    resolution_mean_s: float | None
    resolution_median_s: float | None
    escalation_rate: float | None  # share of incidents escalated, None with no incidents
    most_failing: tuple[TerminalFailures, ...] = field(default=())
    by_uplink: tuple[tuple[str, int], ...] = field(default=())  # "" when not recorded (pre-v8)


class IncidentSource(Protocol):
    """Everything the console reads, from wherever the incidents are kept."""

    def ids(self, query: HistoryQuery) -> list[int]:
        """Every matching incident id, in the query's order."""

    def count(self, query: HistoryQuery) -> int: ...

    def rows(self, ids: Sequence[int]) -> list[HistoryRow]:
        """The rows of these ids, in the order given (missing ids are left out)."""

    def detail(self, incident_id: int) -> IncidentDetail: ...

    def recent_count(self, terminal: str, *, days: int, training: bool, at: float) -> int:
        """Incidents on ``terminal`` in the ``days`` up to ``at`` (epoch seconds), included."""

    def photo(self, photo_id: int, *, thumbnail: bool = False) -> bytes: ...

    def stats(self, query: StatsQuery) -> Statistics: ...

    def choices(self) -> Choices: ...

    def inspections(self, since: date) -> list[Inspection]:
        """The daily inspections from the shop's local day ``since`` on, oldest first."""

    def amend(
        self, incident_id: int, *, author: str, field: str, new_value: str, reason: str
    ) -> None: ...

    def close(self) -> None: ...
