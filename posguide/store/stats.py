"""The statistics' SQL: one period's incidents, amendments applied (``INCIDENT_ROWS``).

Two statements, each one pass over the period along the ``incidents_by_start`` index, read in
one snapshot (the figures add up even while the wizard writes):

- ``period_totals``: counts, sums and means in SQL; each incident's cause, terminal and outcome
  as one ``group_concat`` text that Python counts; the times to a working till and to the end
  as JSON lists of milliseconds, for the medians;
- ``bucket_counts``: incidents per time bucket (the caller's boundaries: the shop's local
  hours), one index range count per bucket.

Why not ``GROUP BY`` and ``strftime(..., 'localtime')`` (measured on a year of 100,000
incidents): SQLite sorts every row for a ``GROUP BY``; grouping by cause, terminal and outcome
cost 120-200 ms more than reading them, the joined text counted by ``collections.Counter``
50-70 ms; a local-time conversion per row cost 75 ms, the 8,760 range counts of a year's local
hours 30-45 ms. Most of
what remains is reading ``incident_rows``' amended columns (the amendments join and the alarm
lookup), which the history shares.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import sqlite_utils

from posguide.store.history import INCIDENT_ROWS

# Between the values group_concat joins: control characters no one types into a terminal's
# name. A value that holds one anyway is counted by a GROUP BY instead (``_grouped``).
_ROW, _FIELD = "\x1f", "\x1e"
_PERIOD = " FROM incident_rows WHERE training = ? AND started_ts >= ? AND started_ts < ?"
_TOTALS = f"""{INCIDENT_ROWS}
SELECT count(*), coalesce(sum(escalated), 0), avg(working_s), avg(duration_s),
  group_concat(coalesce(cause, '') || char(30) || coalesce(terminal, '') || char(30)
               || coalesce(outcome, ''), char(31)),
  json_group_array(CAST(round(working_s * 1000) AS INTEGER)) FILTER (WHERE working_s IS NOT NULL),
  json_group_array(CAST(round(duration_s * 1000) AS INTEGER)) FILTER (WHERE duration_s IS NOT NULL)
{_PERIOD}"""
_GROUPED = f"""{INCIDENT_ROWS}
SELECT coalesce(cause, ''), coalesce(terminal, ''), coalesce(outcome, ''), count(*)
{_PERIOD} GROUP BY 1, 2, 3"""
# One range count per bucket [bounds[i], bounds[i + 1]), in the order of the bounds.
_BUCKETS = f"""{INCIDENT_ROWS}, bucket AS (
  SELECT key, value AS lo, lead(value) OVER (ORDER BY key) AS hi FROM json_each(?)
)
SELECT (SELECT count(*) FROM incident_rows
        WHERE training = ? AND started_ts >= bucket.lo AND started_ts < bucket.hi)
FROM bucket WHERE hi IS NOT NULL ORDER BY key"""

Kind = tuple[str, str, str]  # (cause, terminal, outcome); "" for a cause or outcome not set


@dataclass(frozen=True)
class PeriodTotals:
    """What one period's incidents add up to."""

    incidents: int
    escalated: int
    working_mean_s: float | None  # start to a working till (outcome resolved or backup)
    duration_mean_s: float | None  # start to end, closed incidents
    working_ms: list[int]  # each such incident's, to the millisecond, in no order
    duration_ms: list[int]
    kinds: Counter[Kind]  # incidents per (cause, terminal, outcome)


def period_totals(
    db: sqlite_utils.Database, since_ts: float, until_ts: float, *, training: bool
) -> PeriodTotals:
    """The incidents started in [since_ts, until_ts), training ones or real ones."""
    args = [int(training), since_ts, until_ts]
    row = db.execute(_TOTALS, args).fetchone()
    count = int(row[0])
    kinds = _split(row[4], count)
    if kinds is None:
        kinds = _grouped(db, args)
    return PeriodTotals(
        incidents=count,
        escalated=int(row[1]),
        working_mean_s=row[2],
        duration_mean_s=row[3],
        working_ms=json.loads(row[5]),
        duration_ms=json.loads(row[6]),
        kinds=kinds,
    )


def bucket_counts(
    db: sqlite_utils.Database, bounds: Sequence[float], *, training: bool
) -> list[int]:
    """Incidents started in each [bounds[i], bounds[i + 1]): ``len(bounds) - 1`` counts."""
    if len(bounds) < 2:
        return []
    rows = db.execute(_BUCKETS, [json.dumps(list(bounds)), int(training)]).fetchall()
    return [int(r[0]) for r in rows]


@contextmanager
def snapshot(db: sqlite_utils.Database) -> Iterator[None]:
    """Read in one transaction: every statement sees the same incidents (WAL lets the wizard
    keep writing meanwhile). Inside a transaction already, that one is used."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")  # nothing was written: this only ends the read


def _split(text: str | None, count: int) -> Counter[Kind] | None:
    """Count the (cause, terminal, outcome) texts joined in ``text``; None when a value held
    a separator (the numbers do not match)."""
    rows = Counter(text.split(_ROW)) if text is not None else Counter()
    kinds: Counter[Kind] = Counter()
    for joined, n in rows.items():
        fields = joined.split(_FIELD)
        if len(fields) != 3:
            return None
        kinds[(fields[0], fields[1], fields[2])] += n
    return kinds if kinds.total() == count else None


def _grouped(db: sqlite_utils.Database, args: Sequence[object]) -> Counter[Kind]:
    return Counter(
        {
            (str(c), str(t), str(o)): int(n)
            for c, t, o, n in db.execute(_GROUPED, list(args)).fetchall()
        }
    )
