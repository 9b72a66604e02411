"""From notices and feed outcomes to one verdict: status, a one-line summary, numbers, detail.

FAIL when a notice is active now (payments stop because of the provider: wait, do not restart
the terminal), WARN when one starts within the look-ahead, when a recent headline gives no
readable time, or when a feed could not be read (we cannot rule maintenance out), else OK.
An active notice from one feed is a FAIL even if another feed failed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Status
from posguide.probes.notices.fetch import NoticeFeed
from posguide.probes.notices.model import Notice, local_time

LATER_LIMIT = 10


@dataclass(frozen=True)
class FeedResult:
    feed: NoticeFeed
    label: str  # the feed's name, else its own title, else its URL
    notices: list[Notice]
    error: Text | None = None  # why the live fetch failed; None when it worked
    stale_age_s: float | None = None  # age of the cached fetch standing in for a failed one
    fetch_ms: float = 0.0
    open_url: str = ""  # a page a program cannot read (script-only, login, captcha): open it
    kind: str = ""  # what the source turned out to be: statuspage, xml (RSS/Atom), ical, page

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
) -> tuple[Status, Text, dict[str, Measurement], dict[str, Any]]:
    active = sorted((n for n in notices if n.is_active(now)), key=_end_key, reverse=True)
    upcoming = sorted(
        (n for n in notices if n.is_upcoming(now, within)), key=lambda n: n.starts.timestamp()
    )
    unclear = [n for n in notices if n.is_unclear(now)]
    # Announced beyond the look-ahead: no verdict, but staff (and `notice check`) see them.
    later = sorted(
        (n for n in notices if n.window_known and n.status != "completed"
         and n.starts.timestamp() > now.timestamp() + within.total_seconds()),
        key=lambda n: n.starts.timestamp(),
    )[:LATER_LIMIT]  # fmt: skip
    failed = [f for f in feeds if f.error is not None]
    measurements = {
        "feeds_read": Measurement(len(feeds) - len(failed), "count"),
        "feeds_failed": Measurement(len(failed), "count"),
        "notices": Measurement(len(active) + len(upcoming), "count"),
    }

    def when(moment: datetime) -> str | Text:
        return _when(moment, now, local_tz)

    clauses: list[Text] = []
    if active:
        first = active[0]
        if first.kind == "outage":
            clauses.append(_outage(provider, first.impact))
        elif first.ends is None:
            clauses.append(
                Text(
                    QT_TR_NOOP("{provider} maintenance in progress, end not announced"),
                    provider=provider,
                )
            )
        elif first.ends.timestamp() <= now.timestamp():
            clauses.append(
                Text(
                    QT_TR_NOOP("{provider} maintenance running late (planned end {end})"),
                    provider=provider,
                    end=when(first.ends),
                )
            )
        else:
            clauses.append(
                Text(
                    QT_TR_NOOP("{provider} maintenance in progress until {end}"),
                    provider=provider,
                    end=when(first.ends),
                )
            )
        if first.ends is not None and first.ends.timestamp() > now.timestamp():
            measurements["remaining_s"] = Measurement(
                round(first.ends.timestamp() - now.timestamp()), "s"
            )
    elif upcoming:
        first = upcoming[0]
        clauses.append(
            Text(
                QT_TR_NOOP("{provider} maintenance planned {span}"),
                provider=provider,
                span=_span(first.starts, first.ends, now, local_tz),
            )
        )
        measurements["starts_in_s"] = Measurement(
            round(first.starts.timestamp() - now.timestamp()), "s"
        )
    elif unclear:
        clauses.append(
            Text(
                QT_TR_NOOP("{provider} posted a maintenance notice {age} without a time; read it"),
                provider=provider,
                age=age_text(now.timestamp() - unclear[0].starts.timestamp()),
            )
        )
    shown = active[0] if active else upcoming[0] if upcoming else None
    if shown is not None and shown.sentence:
        clauses[0] = _with_source(clauses[0], shown)
    if failed:
        clauses.append(_failures(failed))
    if not clauses:
        clauses.append(
            Text(QT_TR_NOOP("No maintenance announced by {provider}"), provider=provider)
        )

    status = Status.OK
    if active:
        status = Status.FAIL
    elif upcoming or unclear or failed:
        status = Status.WARN
    summary = clauses[0]
    if len(clauses) > 1:  # a notice, then the feeds that could not be read
        summary = Text(QT_TR_NOOP("{first}; {second}"), first=clauses[0], second=clauses[1])
    detail: dict[str, Any] = {
        "active": [n.to_dict(local_tz) for n in active],
        "upcoming": [n.to_dict(local_tz) for n in upcoming],
        "unclear": [n.to_dict(local_tz) for n in unclear],
        "later": [n.to_dict(local_tz) for n in later],
        "feed_errors": [
            {
                "feed": f.label,
                "reason": str(f.error),
                **({"open_url": f.open_url} if f.open_url else {}),
            }
            for f in failed
        ],
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
                "kind": f.kind,
            }
            for f in feeds
        ],
        "checked_at": local_time(now, local_tz).isoformat(timespec="seconds"),
    }
    return status, summary, measurements, detail


def _end_key(notice: Notice) -> float:
    """Sorted with reverse=True, latest end first: the summary tells when payments should work
    again. An unknown end counts as never ending, so it sorts first."""
    return float("inf") if notice.ends is None else notice.ends.timestamp()


def _outage(provider: str, impact: str) -> Text:
    if impact in ("", "major"):
        return Text(QT_TR_NOOP("{provider} reports a major outage in progress"), provider=provider)
    if impact == "critical":
        return Text(
            QT_TR_NOOP("{provider} reports a critical outage in progress"), provider=provider
        )
    return Text(
        QT_TR_NOOP("{provider} reports a {impact} outage in progress"),
        provider=provider,
        impact=impact,
    )


def _with_source(clause: Text, notice: Notice) -> Text:
    """The words the window was read from, and where: staff and the provider's hotline hear
    exactly what the announcement said."""
    if notice.published:
        return Text(
            QT_TR_NOOP("{clause}. Source: “{sentence}” ({title}, published {published})"),
            clause=clause,
            sentence=notice.sentence,
            title=notice.title,
            published=notice.published,
        )
    return Text(
        QT_TR_NOOP("{clause}. Source: “{sentence}” ({title})"),
        clause=clause,
        sentence=notice.sentence,
        title=notice.title,
    )


def page_to_open(detail: Mapping[str, Any]) -> str:
    """The web page staff should open themselves: one a program could not read, else the
    announcement the notice shown came from; "" when there is none."""
    for error in detail.get("feed_errors") or ():
        if isinstance(error, dict) and error.get("open_url"):
            return str(error["open_url"])
    for key in ("active", "upcoming", "unclear"):
        for notice in detail.get(key) or ():
            if isinstance(notice, dict) and notice.get("source") == "page" and notice.get("url"):
                return str(notice["url"])
    return ""


def _failures(failed: list[FeedResult]) -> Text:
    if len(failed) == 1:
        f = failed[0]
        if f.stale_age_s is None:
            return Text(
                QT_TR_NOOP("Feed '{feed}' could not be read: {reason}"),
                feed=f.label,
                reason=f.error,
            )
        return Text(
            QT_TR_NOOP(
                "Feed '{feed}' could not be read: {reason} (using notices last checked {age})"
            ),
            feed=f.label,
            reason=f.error,
            age=age_text(f.stale_age_s),
        )

    def one(f: FeedResult) -> Text:
        if f.stale_age_s is None:
            return Text(QT_TR_NOOP("'{feed}' ({reason})"), feed=f.label, reason=f.error)
        return Text(
            QT_TR_NOOP("'{feed}' ({reason} (using notices last checked {age}))"),
            feed=f.label,
            reason=f.error,
            age=age_text(f.stale_age_s),
        )

    listed = one(failed[-1])
    for f in reversed(failed[:-1]):
        listed = Text(QT_TR_NOOP("{first}, {rest}"), first=one(f), rest=listed)
    return Text(
        QT_TR_NOOP("{count} feeds could not be read: {feeds}"), count=len(failed), feeds=listed
    )


def _day(here: datetime, days: int, clock: str, *, today: bool) -> str | Text:
    """``clock`` on the day of ``here``, ``days`` from today: "04:00" (or "today 04:00"),
    "tomorrow 04:00", "yesterday 04:00", else "28 Nov 04:00"."""
    if days == 0:
        return Text(QT_TR_NOOP("today {clock}"), clock=clock) if today else clock
    if days == 1:
        return Text(QT_TR_NOOP("tomorrow {clock}"), clock=clock)
    if days == -1:
        return Text(QT_TR_NOOP("yesterday {clock}"), clock=clock)
    return Text(QT_TR_NOOP("{date.day} {date:%b} {clock}"), date=here.date(), clock=clock)


def _local(moment: datetime, now: datetime, local_tz: tzinfo | None) -> tuple[datetime, int]:
    """``moment`` in the shop's zone and how many days from today it is."""
    here = local_time(moment, local_tz)
    return here, (here.date() - local_time(now, local_tz).date()).days


def _when(moment: datetime, now: datetime, local_tz: tzinfo | None) -> str | Text:
    here, days = _local(moment, now, local_tz)
    clock = here.strftime("%H:%M")
    if clock == "00:00" and days == 1:
        return Text(QT_TR_NOOP("midnight"))
    return _day(here, days, clock, today=False)


def _span(starts: datetime, ends: datetime | None, now: datetime, local_tz: tzinfo | None) -> Text:
    """ "today 22:00–24:00", "tomorrow 00:00–04:00", "today 23:00 to tomorrow 02:00"."""
    first, first_days = _local(starts, now, local_tz)
    start = _day(first, first_days, first.strftime("%H:%M"), today=True)
    if ends is None:
        return Text(QT_TR_NOOP("from {start}, end not announced"), start=start)
    last, last_days = _local(ends, now, local_tz)
    end_clock = last.strftime("%H:%M")
    if end_clock == "00:00" and ends.timestamp() - starts.timestamp() < 86400:
        last, last_days, end_clock = first, first_days, "24:00"  # as Chinese notices write it
    if _day_name(last, last_days) == _day_name(first, first_days):
        return Text("{start}–{end}", start=start, end=end_clock)
    return Text(
        QT_TR_NOOP("{start} to {end}"),
        start=start,
        end=_day(last, last_days, end_clock, today=True),
    )


def _day_name(here: datetime, days: int) -> str:
    """Which day ``_day`` names: two moments on the same named day share one."""
    return {0: "", 1: "tomorrow", -1: "yesterday"}.get(days, f"{here.day} {here:%b}")


def age_text(seconds: float) -> Text:
    if seconds < 90:
        return Text(QT_TR_NOOP("just now"))
    if seconds < 90 * 60:
        return Text(QT_TR_NOOP("{minutes} min ago"), minutes=round(seconds / 60))
    if seconds < 48 * 3600:
        return Text(QT_TR_NOOP("{hours} h ago"), hours=round(seconds / 3600))
    return Text(QT_TR_NOOP("{days} days ago"), days=round(seconds / 86400))
