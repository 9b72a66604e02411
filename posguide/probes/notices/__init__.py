"""Is the payment provider in planned or emergency maintenance? Feeds, manual and SMS notices."""

from posguide.probes.notices.fetch import FeedKind, NoticeFeed
from posguide.probes.notices.model import FeedError, Notice, NoticeKind, NoticeStatus, Source
from posguide.probes.notices.probe import NoticeProbe
from posguide.probes.notices.sms import parse_notice_text

__all__ = [
    "FeedError",
    "FeedKind",
    "Notice",
    "NoticeFeed",
    "NoticeKind",
    "NoticeProbe",
    "NoticeStatus",
    "Source",
    "parse_notice_text",
]
