"""The statistics' SQL: one period's incidents, amendments applied.

An incident no amendment touches is read straight from ``incidents`` through
``incidents_by_kind`` (schema v7, v8), which holds what is counted in the order it is counted:
per (cause, terminal, outcome, uplink), the number of incidents, their total time and each
one's time as a JSON list of milliseconds (for the medians). The few amended incidents are
read through ``INCIDENT_ROWS`` (their effective values) and added in Python. All of it is read
in one snapshot (the figures add up even while the wizard writes):

- ``period_totals``: the counts, times and escalations above;
- ``bucket_counts``: incidents per time bucket (the caller's boundaries: the shop's local
  hours), one index range count per bucket.

Measured on a year of 95,000 incidents, in one run: reading each one through ``INCIDENT_ROWS``
with the counts joined by ``group_concat`` took 460-490 ms, most of it the amended columns'
expressions evaluated per row and per use; the same through the plain start index with a
``GROUP BY`` 190 ms more (a sort); through ``incidents_by_kind`` 160-170 ms, half of it
decoding and sorting the times. A local-time conversion per row cost 75 ms, the 8,760 range
counts of a year's local hours 30-60 ms.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import sqlite_utils

from posguide.store.history import ESCALATED, INCIDENT_ROWS, WORKING_OUTCOMES

_IN_PERIOD = "training = ? AND started_ts >= ? AND started_ts < ?"
_UNAMENDED = "id NOT IN (SELECT incident_id FROM amendments)"
# Grouped by the bare columns in the index's order: no sorting step. (For a period the planner
# would take incidents_by_start, then sort.)
_KINDS = f"""SELECT cause, terminal, outcome, uplink, count(*), total(ended_ts - started_ts),
  json_group_array(CAST(round((ended_ts - started_ts) * 1000) AS INTEGER))
    FILTER (WHERE ended_ts IS NOT NULL)
FROM incidents INDEXED BY incidents_by_kind WHERE {_IN_PERIOD} AND {_UNAMENDED}
GROUP BY cause, terminal, outcome, uplink"""
# Incidents escalated by an alarm alone (those whose outcome says so are counted by kind), read
# from the alarms to their incidents.
_ALARMED_ONLY = f"""SELECT count(DISTINCT e.incident_id)
FROM escalations e CROSS JOIN incidents i ON i.id = e.incident_id
WHERE e.kind = 'alarm' AND i.training = ? AND i.started_ts >= ? AND i.started_ts < ?
  AND i.outcome IS NOT '{ESCALATED}' AND i.{_UNAMENDED}"""
_AMENDED_ROWS = f"""{INCIDENT_ROWS}
SELECT cause, terminal, outcome, uplink, working_s, duration_s, escalated
FROM incident_rows WHERE {_IN_PERIOD} AND NOT {_UNAMENDED}"""
# One range count per bucket [bounds[i], bounds[i + 1]), in the order of the bounds.
_BUCKETS = """WITH bucket AS (
  SELECT key, value AS lo, lead(value) OVER (ORDER BY key) AS hi FROM json_each(?)
)
SELECT (SELECT count(*) FROM incidents
        WHERE training = ? AND started_ts >= bucket.lo AND started_ts < bucket.hi)
FROM bucket WHERE hi IS NOT NULL ORDER BY key"""

# (cause, terminal, outcome, uplink); "" for a cause or outcome not set, an uplink not recorded
Kind = tuple[str, str, str, str]


@dataclass(frozen=True)
class PeriodTotals:
    """What one period's incidents add up to."""

    incidents: int
    escalated: int
    working_mean_s: float | None  # start to a working till (outcome resolved or backup)
    duration_mean_s: float | None  # start to end, closed incidents
    working_ms: list[int]  # each such incident's, to the millisecond, shortest first
    duration_ms: list[int]
    kinds: Counter[Kind]  # incidents per (cause, terminal, outcome, uplink)


def period_totals(
    db: sqlite_utils.Database, since_ts: float, until_ts: float, *, training: bool
) -> PeriodTotals:
    """The incidents started in [since_ts, until_ts), training ones or real ones."""
    args = [int(training), since_ts, until_ts]
    kinds: Counter[Kind] = Counter()
    working: list[int] = []
    duration: list[int] = []
    working_s = duration_s = 0.0
    for cause, terminal, outcome, uplink, count, spent, each_ms in db.execute(_KINDS, args):
        kinds[(cause or "", terminal or "", outcome or "", uplink)] += count
        times: list[int] = json.loads(each_ms)
        duration += times
        duration_s += spent
        if outcome in WORKING_OUTCOMES:  # INCIDENT_ROWS' working_s
            working += times
            working_s += spent
    escalated = sum(n for (_, _, o, _), n in kinds.items() if o == ESCALATED)
    escalated += db.execute(_ALARMED_ONLY, args).fetchone()[0]
    for cause, terminal, outcome, uplink, work, spent, alarm in db.execute(_AMENDED_ROWS, args):
        kinds[(cause or "", terminal or "", outcome or "", uplink)] += 1
        escalated += bool(alarm)
        if work is not None:
            working.append(round(work * 1000))
            working_s += work
        if spent is not None:
            duration.append(round(spent * 1000))
            duration_s += spent
    working.sort()
    duration.sort()
    return PeriodTotals(
        incidents=kinds.total(),
        escalated=escalated,
        working_mean_s=working_s / len(working) if working else None,
        duration_mean_s=duration_s / len(duration) if duration else None,
        working_ms=working,
        duration_ms=duration,
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
