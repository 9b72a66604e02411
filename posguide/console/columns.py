"""The history's columns as text, the same on screen and in the CSV export."""

from __future__ import annotations

from collections.abc import Callable

from posguide.console.source import SORT_KEYS, HistoryRow
from posguide.reports.strings import Strings
from posguide.timeutil import parse_iso

COLUMNS = SORT_KEYS  # start, terminal, symptom, outcome, cause, working, duration, escalated, ...


def local_time(stamp: str) -> str:
    """A stored timestamp as this PC's local time, to the minute."""
    # Not strftime: it imports the time module on every call, and under PySide6 every import
    # goes through Qt's import hook (half of a 100-row block's formatting while scrolling).
    t = parse_iso(stamp).astimezone()
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"


def minutes(seconds: float | None) -> str:
    """Whole minutes (at least 1 for anything that took time); "" when not known."""
    if seconds is None:
        return ""
    return str(max(1, round(seconds / 60))) if seconds > 0 else "0"


def _outcome(row: HistoryRow, s: Strings) -> str:
    if row.is_open:
        return s.label("history", "open")
    return s.label("outcome", row.outcome) if row.outcome else ""


def _cause(row: HistoryRow, s: Strings) -> str:
    return s.label("cause", row.cause) if row.cause else ""


def _yes(flag: bool, s: Strings) -> str:
    return s.label("words", "yes") if flag else ""


_CELLS: dict[str, Callable[[HistoryRow, Strings], str]] = {
    "started": lambda r, s: local_time(r.started_at),
    "terminal": lambda r, s: r.terminal,
    "symptom": lambda r, s: " ".join(r.symptom.split()),
    "outcome": _outcome,
    "cause": _cause,
    "working": lambda r, s: minutes(r.working_s),
    "duration": lambda r, s: minutes(r.duration_s),
    "escalated": lambda r, s: _yes(r.escalated, s),
    "staff": lambda r, s: r.staff,
    "photos": lambda r, s: str(r.photos) if r.photos else "",
}


def cell(row: HistoryRow, column: str, s: Strings) -> str:
    return _CELLS[column](row, s)
