"""What the daily inspections show degrading over the days, for the manager to act on before a
till stops: a payment server answering slower and slower, connections starting to drop, a
certificate about to expire, a reader or terminal gone missing, maintenance announced soon.

Pure functions of the recorded inspections (oldest first), so the console, ``posguide inspect``
and the tests read the same findings from the same data.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probe_records import record_text
from posguide.store.inspections import Inspection
from posguide.store.models import ProbeRecord
from posguide.timeutil import parse_iso

# Rising: the median of the last RECENT inspections against the median of the ones before them
# (at least BASELINE_MIN): one slow morning is not a trend, two of the last three are.
RECENT = 3
BASELINE_MIN = 3
LATENCY_FACTOR = 1.5  # recently at least half again the usual ...
LATENCY_MARGIN_MS = 20.0  # ... and this much more, so 4 ms -> 7 ms is not news
LOSS_MARGIN_PCT = 2.0
LOOK_BACK = timedelta(days=14)  # how far back the console and ``inspect`` read
CERTIFICATE_DAYS = 30
NOTICE_AHEAD = timedelta(days=7)
PROBLEM = frozenset({"fail", "error"})

# (probe, measurement, kind): the figures watched for a rise.
LATENCIES = (
    ("network.payment", "latency_ms_median", "latency_rising"),
    ("terminal", "status_rtt_ms", "terminal_slower"),
)


@dataclass(frozen=True)
class Finding:
    """One thing to look at: ``terminal`` is "" for the shop's shared network; ``probe_id``
    and ``measurement`` name the figure it is about, so a view can mark it."""

    terminal: str
    kind: str
    probe_id: str
    measurement: str
    text: Text


def findings(inspections: Sequence[Inspection], *, at: datetime | None = None) -> list[Finding]:
    """Everything the inspections show needing attention, per terminal, in a stable order."""
    if not inspections:
        return []
    latest = inspections[-1]
    moment = at or parse_iso(latest.started_at)
    terminals = dict.fromkeys(r.terminal for i in inspections for r in i.results)
    found: list[Finding] = []
    for terminal in terminals:
        found += _rising(inspections, terminal)
        found += _latest_problems(latest, terminal, moment)
    return found


def merged(found: Sequence[Finding]) -> list[tuple[tuple[str, ...], Finding]]:
    """The findings said once each, with every terminal they hold for: the provider's
    certificate or notice is the same news for all its terminals."""
    groups: dict[tuple[str, str], tuple[list[str], Finding]] = {}
    for f in found:
        terminals, _ = groups.setdefault((f.kind, str(f.text)), ([], f))
        terminals.append(f.terminal)
    return [(tuple(terminals), first) for terminals, first in groups.values()]


# What a view marks: (inspection id, terminal, probe id, measurement).
Cell = tuple[int, str, str, str]
RISING = frozenset({"latency_rising", "terminal_slower", "loss_rising"})


def marked_cells(inspections: Sequence[Inspection], found: Sequence[Finding]) -> set[Cell]:
    """The cells behind each finding: for a rise, the last RECENT inspections that measured
    it; otherwise the latest inspection."""
    cells: set[Cell] = set()
    for f in found:
        if f.kind in RISING:
            measured = [
                i for i in inspections
                if (r := i.result(f.terminal, f.probe_id)) and _value(r, f.measurement) is not None
            ][-RECENT:]  # fmt: skip
        else:
            measured = list(inspections[-1:])
        cells.update((i.id, f.terminal, f.probe_id, f.measurement) for i in measured)
    return cells


def series(
    inspections: Sequence[Inspection], terminal: str, probe_id: str, measurement: str
) -> list[float]:
    """The figure's values, oldest first, from the inspections that measured it."""
    values: list[float] = []
    for inspection in inspections:
        record = inspection.result(terminal, probe_id)
        value = _value(record, measurement) if record else None
        if value is not None:
            values.append(value)
    return values


def _value(record: ProbeRecord, measurement: str) -> float | None:
    entry = record.measurements.get(measurement)
    if not isinstance(entry, dict):
        return None
    value = entry.get("value")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _split(values: list[float]) -> tuple[float, float] | None:
    """(usual, recent): the medians before and of the last RECENT values."""
    if len(values) < RECENT + BASELINE_MIN:
        return None
    return median(values[:-RECENT]), median(values[-RECENT:])


def _rising(inspections: Sequence[Inspection], terminal: str) -> Iterator[Finding]:
    for probe_id, measurement, kind in LATENCIES:
        split = _split(series(inspections, terminal, probe_id, measurement))
        if split is None:
            continue
        usual, recent = split
        if recent >= usual * LATENCY_FACTOR and recent - usual >= LATENCY_MARGIN_MS:
            text = (
                Text(
                    QT_TR_NOOP(
                        "The payment server answers slower: {recent:.0f} ms over the last "
                        "{days} inspections, usually {usual:.0f} ms"
                    ),
                    recent=recent, usual=usual, days=RECENT,
                )
                if probe_id == "network.payment"
                else Text(
                    QT_TR_NOOP(
                        "The terminal answers slower: {recent:.0f} ms over the last {days} "
                        "inspections, usually {usual:.0f} ms"
                    ),
                    recent=recent, usual=usual, days=RECENT,
                )
            )  # fmt: skip
            yield Finding(terminal, kind, probe_id, measurement, text)
    split = _split(series(inspections, terminal, "network.payment", "loss_pct"))
    if split is not None:
        usual, recent = split
        if recent - usual >= LOSS_MARGIN_PCT:
            yield Finding(
                terminal,
                "loss_rising",
                "network.payment",
                "loss_pct",
                Text(
                    QT_TR_NOOP(
                        "Connections to the payment server are dropping: {recent:.0f}% lost "
                        "over the last {days} inspections, usually {usual:.0f}%"
                    ),
                    recent=recent,
                    usual=usual,
                    days=RECENT,
                ),
            )


def _latest_problems(latest: Inspection, terminal: str, moment: datetime) -> Iterator[Finding]:
    tls = latest.result(terminal, "network.tls")
    days = _value(tls, "days_left_min") if tls else None
    if days is not None and days <= CERTIFICATE_DAYS:
        yield Finding(
            terminal,
            "certificate_expiring",
            "network.tls",
            "days_left_min",
            Text(
                QT_TR_NOOP(
                    "The payment server's certificate expires in {days:.0f} days: tell the "
                    "provider, payments stop when it does"
                ),
                days=days,
            ),
        )
    for probe_id, kind, source in (
        ("card.reader", "reader_missing", QT_TR_NOOP("Card reader: {summary}")),
        ("terminal", "terminal_missing", QT_TR_NOOP("Terminal: {summary}")),
    ):
        record = latest.result(terminal, probe_id)
        if record is not None and record.status in PROBLEM:
            # The check's own words name the device; a plain-text summary gets the name here.
            text = record_text(record) or Text(source, summary=record.summary)
            yield Finding(terminal, kind, probe_id, "", text)
    notices = latest.result(terminal, "notices")
    if notices is not None:
        yield from _coming_notices(notices, terminal, moment)


def _coming_notices(record: ProbeRecord, terminal: str, moment: datetime) -> Iterator[Finding]:
    announced = [
        n
        for key in ("active", "upcoming", "later")
        for n in record.detail.get(key) or ()
        if isinstance(n, dict)
    ]
    for notice in announced:
        try:
            starts = parse_iso(str(notice["starts"]))
            ends = parse_iso(str(notice["ends"])) if notice.get("ends") else None
        except (KeyError, TypeError, ValueError):
            continue
        if starts > moment + NOTICE_AHEAD or (ends is not None and ends <= moment):
            continue
        yield Finding(
            terminal,
            "notice_coming",
            "notices",
            "",
            Text(
                QT_TR_NOOP("Maintenance announced from {starts} to {ends}: {title}"),
                starts=starts.strftime("%m-%d %H:%M"),
                ends=ends.strftime("%m-%d %H:%M") if ends else "?",
                title=str(notice.get("title") or ""),
            ),
        )
