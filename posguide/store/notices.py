"""Maintenance notices entered by hand: providers in China announce windows by SMS or WeChat,
not in a feed, so the manager types (or pastes) them and the notice probe reads them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from posguide.store.errors import NotFoundError
from posguide.store.incidents import IncidentStore
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
    cutoff = (now() - ended_within).timestamp()
    sql = (
        "SELECT * FROM manual_notices WHERE withdrawn_at IS NULL"
        " AND (ends_ts IS NULL OR ends_ts >= ?)"
    )
    args: list[object] = [cutoff]
    if provider_id is not None:
        sql += " AND provider_id = ?"
        args.append(provider_id)
    rows = store.db.query(sql + " ORDER BY starts_at", args)
    return [
        ManualNotice(
            id=r["id"],
            provider_id=r["provider_id"],
            title=r["title"],
            starts=parse_iso(r["starts_at"]),
            ends=parse_iso(r["ends_at"]) if r["ends_at"] else None,
            body=r["body"],
            source=r["source"],
            created_by=r["created_by"],
            created_at=r["created_at"],
        )
        for r in rows
    ]
