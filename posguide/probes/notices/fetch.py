"""Download a feed with a hard size limit, and read it in whichever format it turns out to be.

Never unbounded: a Content-Length over the limit is refused before reading, a body that keeps
coming is cut off at the limit, and compressed bodies are inflated by us, chunk by chunk, with
the same limit (aiohttp's own inflater would happily expand a small gzip bomb in memory).
Errors become ``FeedError`` with a short reason a shop's IT contact can act on.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import Final, Literal, TypeVar
from urllib.parse import urlsplit

import aiohttp

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.errors import error_text
from posguide.probes.notices.ical import looks_like_ical, parse_ical
from posguide.probes.notices.model import FeedError, ParsedFeed
from posguide.probes.notices.pages import FOLLOW, MAINTENANCE_WORDS, looks_like_html
from posguide.probes.notices.statuspage import looks_like_statuspage, parse_statuspage
from posguide.probes.notices.syndication import looks_like_xml, parse_syndication
from posguide.probes.threads import run_blocking

log = logging.getLogger("posguide.probes.notices")
T = TypeVar("T")

FeedKind = Literal["statuspage", "rss", "atom", "ical", "page", "auto"]
CHUNK: Final = 64 * 1024


@dataclass(frozen=True)
class NoticeFeed:
    """One configured feed. ``name`` is the label staff see; empty: the feed's own title."""

    url: str
    kind: FeedKind = "auto"
    name: str = ""
    follow: int = FOLLOW  # announcement pages: newest announcements read from a list page
    words: tuple[str, ...] = MAINTENANCE_WORDS  # ... whose link has one of these words


class FeedTooLarge(FeedError):
    pass


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n / 1024:.3g} KB"


def _cut_off(max_bytes: int) -> Text:
    return Text(QT_TR_NOOP("larger than {limit}; not read in full"), limit=size_text(max_bytes))


@dataclass(frozen=True)
class Downloaded:
    """A fetch: the body, and the validators to send next time. ``unchanged``: the server
    answered 304 to the validators sent, and ``data`` is empty (use the cached copy)."""

    data: bytes
    etag: str = ""
    last_modified: str = ""
    unchanged: bool = False


async def download(
    session: aiohttp.ClientSession,
    url: str,
    *,
    max_bytes: int,
    etag: str = "",
    last_modified: str = "",
) -> Downloaded:
    """The body of ``url`` (HTTP 200), at most ``max_bytes`` after decompression; with the
    validators of a cached copy, a conditional request that may come back ``unchanged``."""
    conditions = {"If-None-Match": etag} if etag else {}
    if last_modified:
        conditions["If-Modified-Since"] = last_modified
    try:
        async with session.get(url, max_redirects=5, headers=conditions) as resp:
            if resp.status == 304 and conditions:
                return Downloaded(b"", etag, last_modified, unchanged=True)
            if resp.status != 200:
                raise FeedError(
                    Text(
                        QT_TR_NOOP("the server answered with error {status}"),
                        status=resp.status,
                    )
                )
            encoding = resp.headers.get("Content-Encoding", "identity").strip().lower()
            length = resp.content_length
            if encoding == "identity" and length is not None and length > max_bytes:
                raise FeedTooLarge(
                    Text(
                        QT_TR_NOOP("larger than {limit} ({size})"),
                        limit=size_text(max_bytes),
                        size=size_text(length),
                    )
                )
            inflater = _inflater(encoding)
            body = bytearray()
            async for received in resp.content.iter_chunked(CHUNK):
                chunk = received
                if inflater is not None:  # max_length keeps a bomb from expanding past the limit
                    chunk = inflater.decompress(received, max_bytes + 1 - len(body))
                    if inflater.unconsumed_tail:
                        raise FeedTooLarge(_cut_off(max_bytes))
                body += chunk
                if len(body) > max_bytes:
                    raise FeedTooLarge(_cut_off(max_bytes))
            return Downloaded(
                bytes(body), resp.headers.get("ETag", ""), resp.headers.get("Last-Modified", "")
            )
    # The reasons say what kind of failure it was, in words staff can read and translate; the
    # library's own text ("Connect call failed ('127.0.0.1', 39992)") goes to the log.
    except aiohttp.ClientConnectorCertificateError as err:
        log.info("notice feed %s: %s", host_of(url), err.certificate_error)
        raise FeedError(Text(QT_TR_NOOP("its security certificate is not trusted"))) from err
    except aiohttp.ClientConnectorError as err:
        log.info("notice feed %s: %s", host_of(url), err.os_error)
        why = error_text(err.os_error)
        if isinstance(err, aiohttp.ClientProxyConnectionError):
            raise FeedError(
                Text(QT_TR_NOOP("cannot connect to the proxy: {error}"), error=why)
            ) from err
        raise FeedError(
            Text(QT_TR_NOOP("cannot connect to {host}: {error}"), host=err.host, error=why)
        ) from err
    except aiohttp.TooManyRedirects as err:
        raise FeedError(Text(QT_TR_NOOP("too many redirects"))) from err
    except aiohttp.InvalidURL as err:
        raise FeedError(Text(QT_TR_NOOP("not a valid address: {error}"), error=str(err))) from err
    except aiohttp.ServerDisconnectedError as err:
        raise FeedError(Text(QT_TR_NOOP("the server closed the connection"))) from err
    except aiohttp.ClientPayloadError as err:
        raise FeedError(Text(QT_TR_NOOP("the download was cut off"))) from err
    except aiohttp.ClientError as err:
        log.info("notice feed %s: %s: %s", host_of(url), type(err).__name__, err)
        raise FeedError(
            Text(QT_TR_NOOP("the download failed: {error}"), error=error_text(err))
        ) from err
    except zlib.error as err:
        raise FeedError(Text(QT_TR_NOOP("the compressed download is damaged"))) from err


def _inflater(encoding: str) -> zlib._Decompress | None:
    if encoding in ("identity", ""):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(47)  # 32 + 15: zlib or gzip header, detected
    raise FeedError(
        Text(
            QT_TR_NOOP("the server used an unsupported compression ({encoding})"), encoding=encoding
        )
    )


#: Reading a downloaded feed or page: CPU work in a worker thread, never on the Qt loop.
PARSE_TIMEOUT_S: Final = 5.0


async def read_in_worker(work: Callable[[], T], *, name: str) -> T:
    """``work()`` (parsing) in a worker thread within PARSE_TIMEOUT_S; FeedError when late."""
    try:
        return await run_blocking(work, timeout_s=PARSE_TIMEOUT_S, name=name)
    except TimeoutError:
        raise FeedError(
            Text(
                QT_TR_NOOP("reading it took longer than {timeout_s:g} s"),
                timeout_s=PARSE_TIMEOUT_S,
            )
        ) from None


def host_of(url: str) -> str:
    """For logs: the host only, since a private calendar URL carries its token in the path."""
    return urlsplit(url).hostname or "?"


def is_page(data: bytes, declared: FeedKind) -> bool:
    """Read as an announcement web page (posguide.probes.notices.pages), not as a feed."""
    return declared == "page" or (declared == "auto" and looks_like_html(data))


def detect_kind(data: bytes, declared: FeedKind) -> Literal["statuspage", "xml", "ical"]:
    if declared == "statuspage":
        return "statuspage"
    if declared in ("rss", "atom"):
        return "xml"
    if declared == "ical":
        return "ical"
    if looks_like_statuspage(data):
        return "statuspage"
    if looks_like_ical(data):
        return "ical"
    if looks_like_xml(data):
        return "xml"
    raise FeedError(
        Text(QT_TR_NOOP("unknown format (not Statuspage JSON, RSS/Atom, iCalendar or a web page)"))
    )


def parse_feed(
    data: bytes,
    feed: NoticeFeed,
    *,
    provider_id: str,
    tz: tzinfo,
    now: datetime,
    horizon: timedelta,
) -> ParsedFeed:
    """Blocking (parsers are CPU work on up to max_bytes): call through ``run_blocking``.

    Every notice is labelled with the feed's name, else the document's own title, else the URL.
    """
    if not data.strip():
        raise FeedError(Text(QT_TR_NOOP("the feed is empty")))
    kind = detect_kind(data, feed.kind)
    try:
        if kind == "statuspage":
            parsed = parse_statuspage(data, provider_id=provider_id, tz=tz)
        elif kind == "ical":
            parsed = parse_ical(data, provider_id=provider_id, tz=tz, now=now, horizon=horizon)
        else:
            parsed = parse_syndication(data, provider_id=provider_id, tz=tz, now=now)
    except FeedError:
        raise
    except (
        Exception
    ) as err:  # hostile content (JSON nested 100k deep, ...) is a bad feed, not a crash
        log.warning("notice feed %s: parser failed", feed.name or host_of(feed.url), exc_info=True)
        raise FeedError(Text(QT_TR_NOOP("its content could not be read"))) from err
    label = feed.name or parsed.title or feed.url
    return ParsedFeed(parsed.title, [replace(n, feed=label) for n in parsed.notices])
