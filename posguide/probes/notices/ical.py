"""iCalendar maintenance calendars: every VEVENT is a window, RRULEs expanded around "now".

Some providers publish a fixed weekly window ("every Tuesday 02:00-04:00") as one recurring
event; recurring-ical-events expands it with the event's own TZID, so DST moves the window the
way the provider means. Floating (zone-less) times are in the provider's zone, or the
calendar's X-WR-TIMEZONE when it names one. All-day events cover their whole days. Cancelled
events are skipped. Only occurrences near "now" are expanded: the cache keeps the raw calendar
and re-reads it later, so an old fetch still yields this week's window.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Final

import icalendar
import recurring_ical_events
import x_wr_timezone  # type: ignore[import-untyped]

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.notices.model import FeedError, Notice, ParsedFeed

log = logging.getLogger("posguide.probes.notices")
LOOKBACK: Final = timedelta(days=7)  # a window that started this long ago may still be running
MAX_OCCURRENCES: Final = 500  # a FREQ=MINUTELY rule must not expand forever


def looks_like_ical(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR"


def parse_ical(
    data: bytes,
    *,
    provider_id: str,
    tz: tzinfo,
    now: datetime,
    feed: str = "",
    horizon: timedelta = timedelta(hours=48),
) -> ParsedFeed:
    """Occurrences overlapping [now - 7 days, now + horizon]; raises FeedError on a bad calendar."""
    try:
        cal = icalendar.Calendar.from_ical(data)
        if not isinstance(cal, icalendar.Calendar) or cal.name != "VCALENDAR":
            raise FeedError(Text(QT_TR_NOOP("not an iCalendar feed (no VCALENDAR)")))
        cal = x_wr_timezone.to_standard(cal)
        # Maintenance recurs daily or weekly. A per-second, -minute or -hour rule would expand for
        # minutes in a thread we cannot stop, so such events are dropped.
        cal.subcomponents = [c for c in cal.subcomponents if not _too_frequent(c)]
        notices: list[Notice] = []
        for event in recurring_ical_events.of(cal).after(now - LOOKBACK):
            notice = _notice(event, provider_id, tz, feed)
            if notice.starts > now + horizon or len(notices) >= MAX_OCCURRENCES:
                break  # occurrences come in start order
            if str(event.get("STATUS", "")).upper() != "CANCELLED":
                notices.append(notice)
    except FeedError:
        raise
    except Exception as err:  # icalendar raises many kinds on hostile input; all mean "broken"
        log.info("iCalendar feed not readable: %s", str(err)[:200])
        raise FeedError(Text(QT_TR_NOOP("not a valid iCalendar file"))) from err
    return ParsedFeed(str(cal.get("X-WR-CALNAME") or cal.get("NAME") or ""), notices)


def _too_frequent(component: Any) -> bool:
    rule = component.get("RRULE") if component.name == "VEVENT" else None
    if rule is None:
        return False
    frequency: Any = rule.get("FREQ") if hasattr(rule, "get") else None  # vRecur: lists
    if not frequency:
        return False
    return str(frequency[0]).upper() in ("SECONDLY", "MINUTELY", "HOURLY")


def _notice(event: Any, provider_id: str, tz: tzinfo, feed: str) -> Notice:
    starts = _moment(event["DTSTART"].dt, tz)
    end_prop = event.get("DTEND")
    if end_prop is not None:
        ends: datetime | None = _moment(end_prop.dt, tz)
    elif event.get("DURATION") is not None:
        ends = starts + event["DURATION"].dt
    else:
        ends = None
    return Notice(
        provider_id,
        "ical",
        str(event.get("SUMMARY") or "(untitled)"),
        starts,
        ends,
        status="scheduled",
        url=str(event.get("URL") or ""),
        body=str(event.get("DESCRIPTION") or ""),
        feed=feed,
    )


def _moment(value: date | datetime, tz: tzinfo) -> datetime:
    if not isinstance(value, datetime):  # an all-day event: midnight in the provider's zone
        return datetime.combine(value, time(0), tzinfo=tz)
    return value if value.tzinfo else value.replace(tzinfo=tz)
