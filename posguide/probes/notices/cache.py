"""The last good fetch of each feed, on disk, for when the shop's internet is down.

The raw body is kept, not the parsed notices: a weekly iCalendar window or a relative date is
re-read against the current time, so a three-day-old fetch still shows tonight's window.

One file per feed URL: a JSON header line, then the body bytes. It is written to a temporary
file and renamed over the old one, so a crash or a full disk leaves the previous fetch intact.
All methods block (file I/O); the probe calls them through ``run_blocking``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger("posguide.probes.notices")

SUFFIX = ".feed"


@dataclass(frozen=True)
class CachedFetch:
    url: str
    kind: str  # the format the body was read as: "statuspage", "rss", "atom", "ical", "page"
    fetched_at: datetime  # aware
    data: bytes
    etag: str = ""  # the server's validators, sent back so an unchanged page costs a 304
    last_modified: str = ""


class FeedCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:32] + SUFFIX)

    def save(
        self,
        url: str,
        kind: str,
        data: bytes,
        fetched_at: datetime,
        *,
        etag: str = "",
        last_modified: str = "",
    ) -> None:
        header = {"url": url, "kind": kind, "fetched_at": fetched_at.isoformat(),
                  "etag": etag, "last_modified": last_modified}  # fmt: skip
        target = self.path_for(url)
        self.folder.mkdir(parents=True, exist_ok=True)
        # A unique temporary name: two probes (CLI and wizard) may save the same feed at once.
        fd, name = tempfile.mkstemp(dir=self.folder, prefix=target.name, suffix=".tmp")
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(json.dumps(header).encode("utf-8") + b"\n" + data)
                out.flush()
                os.fsync(out.fileno())
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)

    def load(self, url: str) -> CachedFetch | None:
        """The last saved fetch of ``url``; None if there is none or it is unreadable."""
        path = self.path_for(url)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            log.warning("notice cache %s unreadable: %s", path, err)
            return None
        head, sep, data = raw.partition(b"\n")
        try:
            header = json.loads(head)
            fetched_at = datetime.fromisoformat(header["fetched_at"])
            if not sep or header["url"] != url or fetched_at.tzinfo is None:
                raise ValueError("header does not match")
            validators = (str(header.get("etag") or ""), str(header.get("last_modified") or ""))
            return CachedFetch(url, str(header["kind"]), fetched_at, data, *validators)
        except (ValueError, KeyError, TypeError) as err:
            log.warning("notice cache %s is damaged, ignored: %s", path, err)
            return None
