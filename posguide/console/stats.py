"""Statistics for the manager: one period's incidents counted by day, week, hour of the day,
cause, terminal and outcome; the times to a working till and to the end; the escalation rate;
the terminals that fail most.

Days, weeks and hours are the shop's: this PC's local time, summer time included (a day that
skips an hour has an empty bucket for it; the hour that repeats counts twice as long). The SQL
is in ``posguide.store.stats``; this module turns its counts into ``Statistics``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

import sqlite_utils

from posguide.console.source import Statistics, StatsQuery, TerminalFailures
from posguide.store.stats import bucket_counts, period_totals, snapshot

# Causes that are the terminal's own fault: its card reader failed, or it froze until restarted.
TERMINAL_FAULTS = frozenset({"reader", "terminal_restart"})
# From this many faults of its own in the chosen period, a terminal gets the "consider
# replacing" hint. A plain count, not a rate, so the manager can check it against the table:
# over the console's usual 30 days, three card-reader failures or freezes are more than bad
# luck; over a year the hint still points at the terminals worth raising with the provider.
REPLACE_AFTER = 3
MOST_FAILING = 10  # terminals listed, those with the most faults of their own first


def compute_statistics(db: sqlite_utils.Database, query: StatsQuery) -> Statistics:
    """The statistics of the real (or training) incidents started from ``query.since`` to
    ``query.until``, both days included."""
    if query.until < query.since:
        raise ValueError("the period ends before it begins")
    days = [query.since + timedelta(days=n) for n in range((query.until - query.since).days + 1)]
    bounds = hour_bounds(days)
    with snapshot(db):
        hours = bucket_counts(db, bounds, training=query.training)
        totals = period_totals(db, bounds[0], bounds[-1], training=query.training)
    per_day = [(day, sum(hours[24 * n : 24 * n + 24])) for n, day in enumerate(days)]
    weeks: Counter[date] = Counter()
    for day, count in per_day:
        weeks[day - timedelta(days=day.weekday())] += count
    causes: Counter[str] = Counter()
    terminals: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    uplinks: Counter[str] = Counter()
    faults: Counter[str] = Counter()
    for (cause, terminal, outcome, uplink), count in totals.kinds.items():
        causes[cause] += count
        terminals[terminal] += count
        outcomes[outcome] += count
        uplinks[uplink] += count
        if cause in TERMINAL_FAULTS:
            faults[terminal] += count
    return Statistics(
        query=query,
        incidents=totals.incidents,
        per_day=tuple(per_day),
        per_week=tuple(sorted(weeks.items())),
        by_cause=most_first(causes),
        by_terminal=most_first(terminals),
        by_outcome=most_first(outcomes),
        by_hour=tuple(sum(hours[h::24]) for h in range(24)),
        working_mean_s=totals.working_mean_s,
        working_median_s=_median_s(totals.working_ms),
        resolution_mean_s=totals.duration_mean_s,
        resolution_median_s=_median_s(totals.duration_ms),
        escalation_rate=totals.escalated / totals.incidents if totals.incidents else None,
        most_failing=most_failing(terminals, faults),
        by_uplink=most_first(uplinks),
    )


def most_failing(terminals: Counter[str], faults: Counter[str]) -> tuple[TerminalFailures, ...]:
    """The terminals with faults of their own, the most first (then the most incidents)."""
    ranked = sorted(
        (t for t in faults if faults[t] > 0), key=lambda t: (-faults[t], -terminals[t], t)
    )
    return tuple(
        TerminalFailures(
            terminal=t,
            incidents=terminals[t],
            terminal_faults=faults[t],
            consider_replacing=faults[t] >= REPLACE_AFTER,
        )
        for t in ranked[:MOST_FAILING]
    )


def most_first(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    """(value, count), the largest count first; equal counts by value, for a stable order."""
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def hour_bounds(days: Iterable[date]) -> list[float]:
    """The epoch times at which each local hour of ``days`` (consecutive) begins, and the end
    of the last day: 24 buckets a day, even on the days summer time starts or ends."""
    bounds: list[float] = []
    following: float | None = None
    for day in days:
        midnight = _midnight(day) if following is None else following
        following = _midnight(day + timedelta(days=1))
        if following - midnight == 86400:
            bounds += [midnight + 3600 * hour for hour in range(24)]
        else:
            bounds += _changing_day(day, midnight, following)
    if following is not None:
        bounds.append(following)
    return bounds


def _changing_day(day: date, midnight: float, following: float) -> list[float]:
    """The hours of a day on which summer time starts or ends: each begins at the first quarter
    hour the clock shows it (or a later hour). An hour the clock skips begins, and ends, when
    the next one begins; an hour it repeats lasts two."""
    clock = ((datetime.fromtimestamp(t), t) for t in _steps(midnight, following, 900))
    marks = [(shown.hour, t) for shown, t in clock if shown.date() == day]
    return [next((t for hour, t in marks if hour >= h), following) for h in range(24)]


def _steps(start: float, end: float, step: int) -> Iterator[float]:
    while start < end:
        yield start
        start += step


def _midnight(day: date) -> float:
    return datetime.combine(day, time()).astimezone().timestamp()


def _median_s(milliseconds: list[int]) -> float | None:
    return statistics.median(milliseconds) / 1000 if milliseconds else None
