"""RSS 2.0 and Atom notice feeds (feedparser), windows read from the item text by the SMS parser.

Decisions:
* An item counts only if its title or text mentions maintenance or an outage (维护, 升级,
  割接, maintenance, outage, ...): a provider's news feed also announces products and fees.
* Relative words in an item ("今晚", "明日") are read relative to when it was published.
* An item without a readable window, published in the last 24 h, whose *title* mentions
  maintenance becomes a windowless notice (``window_known=False``): the probe reports it as a
  WARN telling staff to read it, never as an active maintenance, since the headline may as well
  announce next week's work.
* "Completed -"/"Resolved -" (Statuspage history feeds) or 已完成/已恢复正常 mark an item done.
* Malformed XML is an error for the whole feed even where feedparser recovers some items: a feed
  that breaks is one to look at, and a half-read feed could hide the notice that matters.
"""

from __future__ import annotations

import calendar
import html
import io
import re
import xml.sax
from datetime import UTC, datetime, tzinfo
from typing import Any, Final

import feedparser

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.notices.model import (
    UNCLEAR_RECENT,
    FeedError,
    Notice,
    NoticeStatus,
    ParsedFeed,
    Source,
)
from posguide.probes.notices.sms import parse_notice_text

_MAINTENANCE: Final = re.compile(
    r"维护|升级|割接|停机|暂停|中断|故障|不可用|无法交易|maintenance|outage|upgrade|downtime"
    r"|interruption|unavailable|disruption|degraded",
    re.IGNORECASE,
)
_DONE: Final = re.compile(r"\b(?:Completed|Resolved)\s+-|已完成|已恢复正常", re.IGNORECASE)
_TAG: Final = re.compile(r"<[^>]*>")


def looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def parse_syndication(
    data: bytes, *, provider_id: str, tz: tzinfo, now: datetime, feed: str = ""
) -> ParsedFeed:
    """Notices from an RSS or Atom document; raises FeedError if it is neither or is broken."""
    # A stream, never bytes or str: feedparser treats a str as a URL or a file name to open.
    doc = feedparser.parse(io.BytesIO(data))
    problem = doc.get("bozo_exception")
    if doc.get("bozo") and isinstance(problem, xml.sax.SAXException):
        line = problem.getLineNumber() if isinstance(problem, xml.sax.SAXParseException) else 0
        # The parser's own words ("mismatched tag") stay out: staff get the line to look at.
        if line:
            raise FeedError(Text(QT_TR_NOOP("not valid XML (line {line})"), line=line))
        raise FeedError(Text(QT_TR_NOOP("not valid XML")))
    version = str(doc.get("version") or "")
    if not version.startswith(("rss", "atom")):
        raise FeedError(Text(QT_TR_NOOP("not an RSS or Atom feed")))
    source: Source = "atom" if version.startswith("atom") else "rss"
    notices: list[Notice] = []
    for entry in doc.get("entries", []):
        notices.extend(
            _notices(entry, source=source, provider_id=provider_id, tz=tz, now=now, feed=feed)
        )
    title = str(dict.get(doc.get("feed", {}), "title") or "")
    return ParsedFeed(title, notices)


def _notices(
    entry: Any, *, source: Source, provider_id: str, tz: tzinfo, now: datetime, feed: str
) -> list[Notice]:
    # dict.get: FeedParserDict's own lookup maps missing keys with a DeprecationWarning.
    title = _text(dict.get(entry, "title") or "")
    contents = dict.get(entry, "content") or []
    raw = dict.get(entry, "summary") or (contents[0].get("value", "") if contents else "")
    body = _text(raw)
    text = f"{title}\n{body}"
    if not _MAINTENANCE.search(text):
        return []
    published = _published(entry)
    link = str(dict.get(entry, "link") or "")
    status: NoticeStatus = "completed" if _DONE.search(text) else "scheduled"
    windows = parse_notice_text(text, now=published or now, tz=tz, provider_id=provider_id)
    found = [
        Notice(
            provider_id,
            source,
            title or "(untitled)",
            w.starts,
            w.ends,
            status,
            link,
            body,
            feed=feed,
        )
        for w in windows
    ]
    recent = published is not None and now - published <= UNCLEAR_RECENT
    if not found and recent and _MAINTENANCE.search(title) and published is not None:
        found.append(
            Notice(
                provider_id,
                source,
                title,
                published,
                None,
                "unknown",
                link,
                body,
                feed=feed,
                window_known=False,
            )
        )
    return found


def _published(entry: Any) -> datetime | None:
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if parsed is None:
        return None
    try:  # feedparser gives UTC struct_time
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _text(markup: str) -> str:
    """Plain text of an HTML fragment, blanks collapsed but line breaks kept as sentence ends."""
    spaced = re.sub(r"<\s*(?:br|/p|/div|/li)\b[^>]*>", "\n", str(markup), flags=re.IGNORECASE)
    plain = html.unescape(_TAG.sub(" ", spaced))
    return "\n".join(" ".join(line.split()) for line in plain.splitlines() if line.strip())
