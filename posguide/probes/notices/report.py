"""From notices and feed outcomes to one verdict: status, a one-line summary, numbers, detail.

FAIL when a notice is active now (payments stop because of the provider: wait, do not restart
the terminal), WARN when one starts within the look-ahead, when a recent headline gives no
readable time, or when a feed could not be read (we cannot rule maintenance out), else OK.
An active notice from one feed is a FAIL even if another feed failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from posguide.probes.base import Measurement, Status
from posguide.probes.notices.fetch import NoticeFeed
from posguide.probes.notices.model import Notice, local_time


@dataclass(frozen=True)
class FeedResult:
    feed: NoticeFeed
    label: str  # the feed's name, else its own title, else its URL
    notices: list[Notice]
    error: str | None = None  # why the live fetch failed; None when it worked
    stale_age_s: float | None = None  # age of the cached fetch standing in for a failed one
    fetch_ms: float = 0.0

    @property
    def source(self) -> str:
        if self.error is None:
            return "live"
        return "cache" if self.stale_age_s is not None else "none"


def verdict(
    provider: str,
    notices: list[Notice],
    feeds: list[FeedResult],
    *,
    now: datetime,
    within: timedelta,
    local_tz: tzinfo | None,
) -> tuple[Status, str, dict[str, Measurement], dict[str, Any]]:
    active = sorted((n for n in notices if n.is_active(now)), key=_end_key, reverse=True)
    upcoming = sorted(
        (n for n in notices if n.is_upcoming(now, within)), key=lambda n: n.starts.timestamp()
    )
    unclear = [n for n in notices if n.is_unclear(now)]
    failed = [f for f in feeds if f.error is not None]
    measurements = {
        "feeds_read": Measurement(len(feeds) - len(failed), "count"),
        "feeds_failed": Measurement(len(failed), "count"),
        "notices": Measurement(len(active) + len(upcoming), "count"),
    }

    def when(moment: datetime) -> str:
        return _when(moment, now, local_tz)

    clauses: list[str] = []
    if active:
        first = active[0]
        if first.kind == "outage":
            clauses.append(f"{provider} reports a {first.impact or 'major'} outage in progress")
        elif first.ends is None:
            clauses.append(f"{provider} maintenance in progress, end not announced")
        elif first.ends.timestamp() <= now.timestamp():
            clauses.append(f"{provider} maintenance running late (planned end {when(first.ends)})")
        else:
            clauses.append(f"{provider} maintenance in progress until {when(first.ends)}")
        if first.ends is not None and first.ends.timestamp() > now.timestamp():
            measurements["remaining_s"] = Measurement(
                round(first.ends.timestamp() - now.timestamp()), "s"
            )
    elif upcoming:
        first = upcoming[0]
        span = _span(first.starts, first.ends, now, local_tz)
        clauses.append(f"{provider} maintenance planned {span}")
        measurements["starts_in_s"] = Measurement(
            round(first.starts.timestamp() - now.timestamp()), "s"
        )
    elif unclear:
        age = age_text(now.timestamp() - unclear[0].starts.timestamp())
        clauses.append(f"{provider} posted a maintenance notice {age} without a time; read it")
    if failed:
        clauses.append(_failures(failed))
    if not clauses:
        clauses.append(f"No maintenance announced by {provider}")

    status = Status.OK
    if active:
        status = Status.FAIL
    elif upcoming or unclear or failed:
        status = Status.WARN
    summary = "; ".join(clauses)
    detail: dict[str, Any] = {
        "active": [n.to_dict(local_tz) for n in active],
        "upcoming": [n.to_dict(local_tz) for n in upcoming],
        "unclear": [n.to_dict(local_tz) for n in unclear],
        "feed_errors": [{"feed": f.label, "reason": f.error} for f in failed],
        "stale": [
            {"feed": f.label, "age_s": round(f.stale_age_s)}
            for f in failed
            if f.stale_age_s is not None
        ],
        "feeds": [
            {
                "feed": f.label,
                "url": f.feed.url,
                "source": f.source,
                "notices": len(f.notices),
                "ms": round(f.fetch_ms, 1),
            }
            for f in feeds
        ],
        "checked_at": local_time(now, local_tz).isoformat(timespec="seconds"),
    }
    return status, summary, measurements, detail


def _end_key(notice: Notice) -> float:
    """Latest end first: the summary tells when payments should work again. Unknown is last."""
    return float("inf") if notice.ends is None else notice.ends.timestamp()


def _failures(failed: list[FeedResult]) -> str:
    def one(f: FeedResult) -> str:
        stale = f.stale_age_s
        tail = f" (using notices last checked {age_text(stale)})" if stale is not None else ""
        return f"{f.error}{tail}"

    if len(failed) == 1:
        return f"Feed '{failed[0].label}' could not be read: {one(failed[0])}"
    listed = ", ".join(f"'{f.label}' ({one(f)})" for f in failed)
    return f"{len(failed)} feeds could not be read: {listed}"


def _day_and_clock(moment: datetime, now: datetime, local_tz: tzinfo | None) -> tuple[str, str]:
    """("", "04:00") today, ("tomorrow", ...), ("yesterday", ...), else ("28 Nov", ...)."""
    here = local_time(moment, local_tz)
    days = (here.date() - local_time(now, local_tz).date()).days
    names = {0: "", 1: "tomorrow", -1: "yesterday"}
    return names.get(days, f"{here.day} {here:%b}"), here.strftime("%H:%M")


def _when(moment: datetime, now: datetime, local_tz: tzinfo | None) -> str:
    day, clock = _day_and_clock(moment, now, local_tz)
    if clock == "00:00" and day == "tomorrow":
        return "midnight"
    return f"{day} {clock}".strip()


def _span(starts: datetime, ends: datetime | None, now: datetime, local_tz: tzinfo | None) -> str:
    """ "today 22:00–24:00", "tomorrow 00:00–04:00", "today 23:00 to tomorrow 02:00"."""
    start_day, start_clock = _day_and_clock(starts, now, local_tz)
    start = f"{start_day or 'today'} {start_clock}"
    if ends is None:
        return f"from {start}, end not announced"
    end_day, end_clock = _day_and_clock(ends, now, local_tz)
    if end_clock == "00:00" and ends.timestamp() - starts.timestamp() < 86400:
        end_day, end_clock = start_day, "24:00"  # "22:00-24:00", as Chinese notices write it
    if end_day == start_day:
        return f"{start}–{end_clock}"
    return f"{start} to {end_day or 'today'} {end_clock}"


def age_text(seconds: float) -> str:
    if seconds < 90:
        return "just now"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min ago"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} h ago"
    return f"{round(seconds / 86400)} days ago"
