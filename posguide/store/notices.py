"""Maintenance notices entered by hand: providers in China announce windows by SMS or WeChat,
not in a feed, so the manager types (or pastes) them and the notice probe reads them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from posguide.store.errors import NotFoundError
from posguide.store.incidents import IncidentStore
from posguide.store.rows import DamagedRow, record
from posguide.timeutil import iso, now, parse_iso


@dataclass(frozen=True)
class ManualNotice:
    id: int
    provider_id: str
    title: str
    starts: datetime
    ends: datetime | None
    body: str
    source: str
    created_by: str
    created_at: str


def add_manual_notice(
    store: IncidentStore,
    *,
    provider_id: str,
    title: str,
    starts: datetime,
    ends: datetime | None,
    body: str = "",
    source: str = "manual",
    created_by: str = "",
) -> int:
    if starts.tzinfo is None or (ends is not None and ends.tzinfo is None):
        raise ValueError("notice times must carry a time zone")
    if ends is not None and ends <= starts:
        raise ValueError("a notice must end after it starts")
    with store.writing() as tx:
        return tx.insert(
            "manual_notices",
            {
                "provider_id": provider_id,
                "title": title,
                "starts_at": iso(starts),
                "ends_at": iso(ends) if ends else None,
                "ends_ts": ends.timestamp() if ends else None,
                "body": body,
                "source": source,
                "created_by": created_by,
                "created_at": iso(now()),
            },
        )


def withdraw_manual_notice(store: IncidentStore, notice_id: int) -> None:
    if not 0 < notice_id < 2**63:  # beyond SQLite's integers: no such row
        raise NotFoundError(f"There is no current notice {notice_id}.")
    with store.writing() as tx:
        changed = tx.update(
            "manual_notices",
            {"withdrawn_at": iso(now())},
            "id = ? AND withdrawn_at IS NULL",
            notice_id,
        )
        if changed == 0:
            raise NotFoundError(f"There is no current notice {notice_id}.")


def current_manual_notices(
    store: IncidentStore,
    provider_id: str | None = None,
    *,
    ended_within: timedelta = timedelta(hours=1),
) -> list[ManualNotice]:
    """Notices not withdrawn that have not ended (or ended only just now), soonest first."""
    where = "withdrawn_at IS NULL AND (ends_ts IS NULL OR ends_ts >= ?)"
    args: list[object] = [(now() - ended_within).timestamp()]
    if provider_id is not None:
        where += " AND provider_id = ?"
        args.append(provider_id)
    return _notices(store, where, args)


def all_manual_notices(store: IncidentStore) -> list[ManualNotice]:
    """Every notice ever entered, withdrawn ones included."""
    return _notices(store, "1", [])


def _notices(store: IncidentStore, where: str, args: list[object]) -> list[ManualNotice]:
    with store.reading():
        rows = store.db.table("manual_notices").rows_where(where, args, order_by="starts_at")
        return [_notice(row) for row in rows]


def _notice(row: dict[str, Any]) -> ManualNotice:
    try:
        starts = parse_iso(row["starts_at"])
        ends = parse_iso(row["ends_at"]) if row["ends_at"] else None
    except (TypeError, ValueError):
        raise DamagedRow("manual_notices", "starts_at", "is not a time") from None
    return record(ManualNotice, "manual_notices", row, starts=starts, ends=ends)
