"""A provider's maintenance or outage notice, whatever format it came in, and when it matters.

Times are always aware. A notice is *active* while its window covers "now" and *upcoming* when it
starts soon; completed notices are neither. Two cases without a clean window:

* ``ends is None`` (end not announced): active from ``starts`` for at most ``OPEN_END_LIMIT``,
  unless the source says ``in_progress`` (an unresolved incident), which stays active as long as
  the source says so.
* ``window_known is False``: a recent headline that mentions maintenance but gives no time we
  could read. It is never active or upcoming — it is as likely to announce next week's work as
  today's — and the probe reports it as a WARN ("read it") instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Final, Literal, overload

from posguide.i18n import Text
from posguide.privacy import mask_card_numbers

Source = Literal["statuspage", "rss", "atom", "ical", "manual", "sms", "page"]
NoticeStatus = Literal["scheduled", "in_progress", "completed", "unknown"]
NoticeKind = Literal["maintenance", "outage"]

#: A window with no announced end counts as active this long after it starts.
OPEN_END_LIMIT: Final = timedelta(hours=24)
#: An ``in_progress`` window past its announced end is an overrun: still active, but only this
#: long, so a provider that forgets to close a maintenance does not block the till for days.
OVERRUN_GRACE: Final = timedelta(hours=6)
#: A windowless headline stays worth mentioning this long after it was published.
UNCLEAR_RECENT: Final = timedelta(hours=24)
DEFAULT_UPCOMING: Final = timedelta(hours=24)
BODY_LIMIT: Final = 2000  # characters kept in dicts and the cache; feeds can embed whole pages


class FeedError(Exception):
    """A feed could not be used; ``str(err)`` is a short English reason shown to staff and
    ``err.text`` the same reason as translatable text."""

    def __init__(self, reason: str | Text) -> None:
        super().__init__(str(reason))
        self.text = reason if isinstance(reason, Text) else Text("{reason}", reason=reason)


@dataclass(frozen=True)
class ParsedFeed:
    """What every feed parser returns: the feed's own title ("" if none) and its notices."""

    title: str
    notices: list[Notice]


def local_time(moment: datetime, local_tz: tzinfo | None) -> datetime:
    """``moment`` in the shop's zone; ``None``: the PC's own rules (DST-correct per instant)."""
    return moment.astimezone(local_tz) if local_tz is not None else moment.astimezone()


@dataclass(frozen=True)
class Notice:
    provider_id: str
    source: Source
    title: str
    starts: datetime
    ends: datetime | None = None
    status: NoticeStatus = "unknown"
    url: str = ""
    body: str = ""
    kind: NoticeKind = "maintenance"
    impact: str = ""  # Statuspage impact ("none" ... "critical"); "" when the source has none
    components: tuple[str, ...] = ()
    feed: str = ""  # label of the feed it came from; "" for manual and SMS notices
    window_known: bool = True
    # Announcement pages (pages.py): the sentence the window was read from, the day the page
    # says it was published (ISO date, "" when it does not say), what it says is affected.
    sentence: str = ""
    published: str = ""
    affected: str = ""

    def __post_init__(self) -> None:
        if self.starts.tzinfo is None or (self.ends is not None and self.ends.tzinfo is None):
            raise ValueError("Notice times must be timezone-aware")

    # Comparisons go through UTC: Python compares and subtracts datetimes that share a tzinfo
    # by wall clock, which is wrong across a DST change (01:00-03:00 on fall-back day is 3 h).

    def is_active(self, now: datetime) -> bool:
        if self.status == "completed" or not self.window_known:
            return False
        now, starts, ends = _utc(now), _utc(self.starts), _utc(self.ends)
        if self.status == "in_progress":
            return ends is None or now < ends + OVERRUN_GRACE
        if now < starts:
            return False
        return now < (ends if ends is not None else starts + OPEN_END_LIMIT)

    def is_upcoming(self, now: datetime, within: timedelta = DEFAULT_UPCOMING) -> bool:
        if self.status == "completed" or not self.window_known or self.is_active(now):
            return False
        return _utc(now) < _utc(self.starts) <= _utc(now) + within

    def is_unclear(self, now: datetime) -> bool:
        """A recent windowless headline (see the module docstring)."""
        age = _utc(now) - _utc(self.starts)
        # A few minutes "in the future" is a provider clock running fast, not a future notice.
        return (
            not self.window_known
            and self.status != "completed"
            and -timedelta(minutes=5) <= age <= UNCLEAR_RECENT
        )

    def to_dict(self, local_tz: tzinfo | None = None) -> dict[str, Any]:
        """JSON-ready, times as ISO 8601 in the shop's zone (``None``: the PC's own zone)."""
        data = asdict(self)
        data["starts"] = local_time(self.starts, local_tz).isoformat(timespec="seconds")
        data["ends"] = (
            local_time(self.ends, local_tz).isoformat(timespec="seconds") if self.ends else None
        )
        data["components"] = list(self.components)
        # Pasted notices come from staff: keep card numbers out of results, logs and exports.
        data["title"] = mask_card_numbers(self.title)
        data["body"] = mask_card_numbers(self.body[:BODY_LIMIT])
        return data


@overload
def _utc(moment: datetime) -> datetime: ...
@overload
def _utc(moment: None) -> None: ...
def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment is not None else None
