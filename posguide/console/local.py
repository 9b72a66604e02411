"""The console's data from this PC's incident database (``IncidentSource`` for SQLite).

It opens its own connection to the file, so the console's reads run on their own thread while
the wizard keeps writing on its connection (WAL lets readers and one writer work together).
Every call must come from one thread: the console's reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from posguide.console.source import Choices, HistoryQuery, HistoryRow, Statistics, StatsQuery
from posguide.console.stats import compute_statistics
from posguide.store import IncidentStore
from posguide.store import history as sql
from posguide.store.inspections import Inspection, inspections_since
from posguide.store.models import OUTCOMES, IncidentDetail
from posguide.store.rows import records


def day_start(day: date) -> float:
    """The epoch time at which ``day`` begins on this PC (the shop's local time)."""
    return datetime.combine(day, time()).astimezone().timestamp()


def query_where(query: HistoryQuery) -> tuple[str, list[object]]:
    return sql.where_clause(
        since_ts=day_start(query.since) if query.since else None,
        until_ts=day_start(query.until + timedelta(days=1)) if query.until else None,
        terminal=query.terminal,
        outcome=query.outcome,
        cause=query.cause,
        escalated=query.escalated,
        training=query.training,
        text=query.text,
    )


class LocalSource:
    def __init__(self, path: Path) -> None:
        self.store = IncidentStore.open(path, integrity="none")

    def ids(self, query: HistoryQuery) -> list[int]:
        where, args = query_where(query)
        with self.store.reading():
            return sql.ids(self.store.db, where, args, sort=query.sort, descending=query.descending)

    def count(self, query: HistoryQuery) -> int:
        where, args = query_where(query)
        with self.store.reading():
            return sql.count(self.store.db, where, args)

    def rows(self, ids: Sequence[int]) -> list[HistoryRow]:
        with self.store.reading():
            found = sql.rows(self.store.db, ids)
            ordered = [found[i] for i in ids if i in found]
            return list(records(HistoryRow, "incidents", ordered))

    def detail(self, incident_id: int) -> IncidentDetail:
        return self.store.get_incident(incident_id)

    def recent_count(self, terminal: str, *, days: int, training: bool, at: float) -> int:
        # Up to and including the incident started at ``at``: a report on an old incident
        # counts the days before it, not before today.
        where, args = sql.where_clause(
            since_ts=at - days * 86400, until_ts=at + 0.001, terminal=terminal, training=training
        )
        with self.store.reading():
            return sql.count(self.store.db, where, args)

    def photo(self, photo_id: int, *, thumbnail: bool = False) -> bytes:
        return self.store.photo_bytes(photo_id, thumbnail=thumbnail)

    def stats(self, query: StatsQuery) -> Statistics:
        with self.store.reading():
            return compute_statistics(self.store.db, query)

    def choices(self) -> Choices:
        with self.store.reading():
            db = self.store.db
            return Choices(
                tuple(sql.distinct(db, "terminal")), tuple(sql.distinct(db, "cause")), OUTCOMES
            )

    def inspections(self, since: date) -> list[Inspection]:
        return inspections_since(self.store, datetime.combine(since, time()).astimezone())

    def amend(
        self, incident_id: int, *, author: str, field: str, new_value: str, reason: str
    ) -> None:
        self.store.amend(incident_id, author=author, field=field, new_value=new_value,
                         reason=reason)  # fmt: skip

    def close(self) -> None:
        self.store.close()
