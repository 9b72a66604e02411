"""Atlassian Statuspage v2 JSON: summary.json and the narrower endpoints, told apart by content.

Accepted shapes (all public, no auth): ``summary.json`` (incidents + scheduled_maintenances),
``scheduled-maintenances/upcoming.json`` and ``active.json`` (scheduled_maintenances),
``incidents/unresolved.json`` and ``incidents.json`` (incidents). An object is a maintenance if
its status is a maintenance status or it has ``scheduled_for``; otherwise an incident.
Unresolved incidents count only with impact major or critical (an outage); minor ones are noise
for a cashier. An item with an unreadable time is skipped, not the whole feed.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, tzinfo
from typing import Any, Final

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.notices.model import FeedError, Notice, NoticeStatus, ParsedFeed

log = logging.getLogger("posguide.probes.notices")

_MAINTENANCE_STATUS: Final[dict[str, NoticeStatus]] = {
    "scheduled": "scheduled",
    "in_progress": "in_progress",
    "verifying": "in_progress",  # work done, still checking: terminals may still be affected
    "completed": "completed",
}
_INCIDENT_OPEN: Final = ("investigating", "identified", "monitoring")
_OUTAGE_IMPACT: Final = ("major", "critical")


def looks_like_statuspage(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_statuspage(data: bytes, *, provider_id: str, tz: tzinfo, feed: str = "") -> ParsedFeed:
    """Notices from a Statuspage JSON document; raises FeedError if it is not one."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise FeedError(Text(QT_TR_NOOP("not valid JSON (not UTF-8 text)"))) from err
    except json.JSONDecodeError as err:
        # The parser's own words ("Expecting value") stay out: staff get the line to look at.
        raise FeedError(Text(QT_TR_NOOP("not valid JSON (line {line})"), line=err.lineno)) from err
    if not isinstance(doc, dict) or not (
        isinstance(doc.get("scheduled_maintenances"), list)
        or isinstance(doc.get("incidents"), list)
    ):
        raise FeedError(
            Text(QT_TR_NOOP("not a Statuspage feed (no incidents or scheduled_maintenances)"))
        )
    page = doc.get("page")
    title = str(page.get("name", "")) if isinstance(page, dict) else ""
    notices: list[Notice] = []
    items = [*_list(doc, "scheduled_maintenances"), *_list(doc, "incidents")]
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, dict) or str(item.get("id", id(item))) in seen:
            continue  # summary.json may list a maintenance under both keys
        seen.add(str(item.get("id", id(item))))
        try:
            notice = _notice(item, provider_id, tz, feed)
        except (ValueError, TypeError, KeyError) as err:
            log.info("feed %s: skipped an item with unreadable fields: %s", feed, err)
            continue
        if notice is not None:
            notices.append(notice)
    return ParsedFeed(title, notices)


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    value = doc.get(key)
    return value if isinstance(value, list) else []


def _notice(item: dict[str, Any], provider_id: str, tz: tzinfo, feed: str) -> Notice | None:
    status = str(item.get("status", ""))
    common: dict[str, Any] = {
        "provider_id": provider_id,
        "source": "statuspage",
        "title": str(item.get("name") or "(untitled)"),
        "url": str(item.get("shortlink") or ""),
        "body": _latest_update(item),
        "impact": str(item.get("impact") or ""),
        "components": tuple(
            str(c["name"]) for c in item.get("components") or () if isinstance(c, dict)
        ),
        "feed": feed,
    }
    if status in _MAINTENANCE_STATUS or item.get("scheduled_for"):
        until = item.get("scheduled_until")
        return Notice(
            starts=_when(item["scheduled_for"], tz),
            ends=_when(until, tz) if until else None,
            status=_MAINTENANCE_STATUS.get(status, "unknown"),
            **common,
        )
    if status not in _INCIDENT_OPEN or common["impact"] not in _OUTAGE_IMPACT:
        return None  # resolved, postmortem, or not severe enough to stop card payments
    return Notice(
        starts=_when(item.get("started_at") or item["created_at"], tz),
        status="in_progress",
        kind="outage",
        **common,
    )


def _when(value: Any, tz: tzinfo) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected a time, got {value!r}")
    moment = datetime.fromisoformat(value.strip())  # 3.11 reads "Z" and milliseconds
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _latest_update(item: dict[str, Any]) -> str:
    updates = item.get("incident_updates")
    if isinstance(updates, list) and updates and isinstance(updates[0], dict):
        return str(updates[0].get("body") or "")  # Statuspage lists newest first
    return ""
