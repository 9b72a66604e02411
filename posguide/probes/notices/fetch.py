"""Download a feed with a hard size limit, and read it in whichever format it turns out to be.

Never unbounded: a Content-Length over the limit is refused before reading, a body that keeps
coming is cut off at the limit, and compressed bodies are inflated by us, chunk by chunk, with
the same limit (aiohttp's own inflater would happily expand a small gzip bomb in memory).
Errors become ``FeedError`` with a short reason a shop's IT contact can act on.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import Final, Literal
from urllib.parse import urlsplit

import aiohttp

from posguide.probes.notices.ical import looks_like_ical, parse_ical
from posguide.probes.notices.model import FeedError, ParsedFeed
from posguide.probes.notices.statuspage import looks_like_statuspage, parse_statuspage
from posguide.probes.notices.syndication import looks_like_xml, parse_syndication

log = logging.getLogger("posguide.probes.notices")

FeedKind = Literal["statuspage", "rss", "atom", "ical", "auto"]
CHUNK: Final = 64 * 1024


@dataclass(frozen=True)
class NoticeFeed:
    """One configured feed. ``name`` is the label staff see; empty: the feed's own title."""

    url: str
    kind: FeedKind = "auto"
    name: str = ""


class FeedTooLarge(FeedError):
    pass


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n / 1024:.3g} KB"


async def download(session: aiohttp.ClientSession, url: str, *, max_bytes: int) -> bytes:
    """The body of ``url`` (HTTP 200 only), at most ``max_bytes`` after decompression."""
    try:
        async with session.get(url, max_redirects=5) as resp:
            if resp.status != 200:
                raise FeedError(f"the server answered HTTP {resp.status} {resp.reason or ''}")
            encoding = resp.headers.get("Content-Encoding", "identity").strip().lower()
            length = resp.content_length
            if encoding == "identity" and length is not None and length > max_bytes:
                raise FeedTooLarge(f"larger than {size_text(max_bytes)} ({size_text(length)})")
            inflater = _inflater(encoding)
            body = bytearray()
            async for received in resp.content.iter_chunked(CHUNK):
                chunk = received
                if inflater is not None:  # max_length keeps a bomb from expanding past the limit
                    chunk = inflater.decompress(received, max_bytes + 1 - len(body))
                    if inflater.unconsumed_tail:
                        raise FeedTooLarge(f"larger than {size_text(max_bytes)}; not read in full")
                body += chunk
                if len(body) > max_bytes:
                    raise FeedTooLarge(f"larger than {size_text(max_bytes)}; not read in full")
            return bytes(body)
    except aiohttp.ClientConnectorCertificateError as err:
        raise FeedError(f"certificate not trusted ({err.certificate_error})") from err
    except aiohttp.ClientConnectorError as err:
        what = "the proxy" if isinstance(err, aiohttp.ClientProxyConnectionError) else err.host
        raise FeedError(f"cannot connect to {what}: {err.os_error.strerror or err}") from err
    except aiohttp.TooManyRedirects as err:
        raise FeedError("too many redirects") from err
    except aiohttp.InvalidURL as err:
        raise FeedError(f"not a valid address: {err}") from err
    except aiohttp.ServerDisconnectedError as err:
        raise FeedError("the server closed the connection") from err
    except aiohttp.ClientPayloadError as err:
        raise FeedError("the download was cut off") from err
    except aiohttp.ClientError as err:
        raise FeedError(f"download failed ({type(err).__name__}: {err})") from err
    except zlib.error as err:
        raise FeedError("the compressed download is damaged") from err


def _inflater(encoding: str) -> zlib._Decompress | None:
    if encoding in ("identity", ""):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(47)  # 32 + 15: zlib or gzip header, detected
    raise FeedError(f"the server used an unsupported compression ({encoding})")


def host_of(url: str) -> str:
    """For logs: the host only, since a private calendar URL carries its token in the path."""
    return urlsplit(url).hostname or "?"


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
    raise FeedError("unknown format (not Statuspage JSON, RSS/Atom or iCalendar)")


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
        raise FeedError("the feed is empty")
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
        raise FeedError(f"could not be read ({type(err).__name__})") from err
    label = feed.name or parsed.title or feed.url
    return ParsedFeed(parsed.title, [replace(n, feed=label) for n in parsed.notices])
