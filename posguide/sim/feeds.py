"""A provider's notice feeds on 127.0.0.1: Statuspage JSON, RSS, Atom and iCalendar.

For training mode, manual tests and the notice probe's tests. Windows are generated relative
to "now" (an injectable clock), so training always shows a live maintenance. Scenarios (switch
any time with ``server.scenario = ...`` or ``POST /control?scenario=...``):

* none: nothing planned (one completed maintenance and a product announcement, to be ignored)
* maintenance_active: a window from 1 h ago to 2 h from now; maintenance_upcoming: +3 h to +5 h
* incident_major: an unresolved major incident started 20 min ago
* slow: answers only after ``slow_s`` (beyond any sane timeout); error_500: HTTP 500
* malformed: broken JSON / XML / iCalendar; huge: streams more than ``huge_bytes``

Texts are in the sim's zone (default Asia/Shanghai), as Chinese providers write them; the Atom
feed says UTC. ``set_document(path, body)`` serves extra fixed documents (used by tests).

    python -m posguide.sim.feeds --scenario maintenance_active
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from aiohttp import web

from posguide.sim.feed_docs import MALFORMED, feed_document
from posguide.sim.local_http import LocalHttpServer

Scenario = Literal[
    "none", "maintenance_active", "maintenance_upcoming", "incident_major",
    "slow", "error_500", "malformed", "huge",
]  # fmt: skip
SCENARIOS: tuple[str, ...] = get_args(Scenario)
SHANGHAI = ZoneInfo("Asia/Shanghai")
PATHS = {
    "statuspage": "/api/v2/summary.json",
    "upcoming": "/api/v2/scheduled-maintenances/upcoming.json",
    "active": "/api/v2/scheduled-maintenances/active.json",
    "unresolved": "/api/v2/incidents/unresolved.json",
    "rss": "/feed.rss",
    "atom": "/feed.atom",
    "ical": "/maintenance.ics",
}
TYPES = {"statuspage": "application/json", "rss": "application/rss+xml",
         "atom": "application/atom+xml", "ical": "text/calendar"}  # fmt: skip


class FeedServer(LocalHttpServer):
    def __init__(
        self,
        scenario: Scenario = "none",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tz: tzinfo = SHANGHAI,
        now: Callable[[], datetime] | None = None,
        slow_s: float = 30.0,
        huge_bytes: int = 3 * 1024 * 1024,
        provider: str = "示例收单",
    ) -> None:
        self.scenario = scenario
        super().__init__(host, port)
        self.tz = tz
        self.now = now or (lambda: datetime.now(UTC))
        self.slow_s, self.huge_bytes, self.provider = slow_s, huge_bytes, provider
        self.hits: Counter[str] = Counter()  # requests per path
        self.not_modified: Counter[str] = Counter()  # of those, answered 304 (If-None-Match)
        self.huge_sent = 0  # bytes all huge responses managed to send (clients cut them off)
        self._documents: dict[str, tuple[bytes, dict[str, str]]] = {}

    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @scenario.setter
    def scenario(self, value: str) -> None:
        if value not in SCENARIOS:
            raise ValueError(f"unknown scenario {value!r}; one of {', '.join(SCENARIOS)}")
        self._scenario: Scenario = value  # type: ignore[assignment]

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def urls(self) -> dict[str, str]:
        return {name: self.base_url + path for name, path in PATHS.items()}

    def set_document(
        self, path: str, body: bytes, content_type: str = "text/plain", encoding: str = ""
    ) -> str:
        """Serve ``body`` at ``path`` in every scenario but slow/error_500/huge; returns its URL.

        ``encoding`` ("gzip") is sent as Content-Encoding: ``body`` must already be compressed.
        """
        headers = {"Content-Type": content_type}
        if encoding:
            headers["Content-Encoding"] = encoding
        self._documents[path] = (body, headers)
        return self.base_url + path

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/control", self._control)
        app.router.add_post("/control", self._control)
        app.router.add_get("/{path:.*}", self._serve)
        return app

    async def start(self) -> FeedServer:
        await self.start_serving()
        return self

    async def __aenter__(self) -> FeedServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _control(self, request: web.Request) -> web.Response:
        if request.method == "POST":
            try:
                self.scenario = request.query.get("scenario", "")
            except ValueError as err:
                return web.json_response({"error": str(err)}, status=400)
        return web.json_response({"scenario": self.scenario, "scenarios": SCENARIOS})

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        self.hits[request.path] += 1
        scenario = self.scenario
        if scenario == "slow":
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.slow_s):
                    await self._stopping.wait()
            scenario = "none"
        if scenario == "error_500":
            return web.Response(status=500, text="Internal Server Error")
        if scenario == "huge":
            return await self._stream_huge(request)
        if request.path in self._documents:
            body, headers = self._documents[request.path]
            # A validator, as real web servers send: an unchanged document costs a 304.
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if request.headers.get("If-None-Match") == etag:
                self.not_modified[request.path] += 1
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(body=body, headers={**headers, "ETag": etag})
        name = next((n for n, p in PATHS.items() if p == request.path), None)
        if name is None:
            return web.Response(status=404, text="Not Found")
        family = name if name in TYPES else "statuspage"
        if scenario == "malformed":
            return web.Response(body=MALFORMED[family], content_type=TYPES[family])
        now = self.now().replace(second=0, microsecond=0)
        body = feed_document(
            name, scenario, now, provider=self.provider, tz=self.tz, base=self.base_url
        )
        return web.Response(body=body, content_type=TYPES[family], charset="utf-8")

    async def _stream_huge(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.enable_chunked_encoding()  # no Content-Length: the client must cut it off
        await response.prepare(request)
        filler, sent = b" " * 65536, 0
        try:
            await response.write(b'{"page": {"name": "huge"}, "incidents": [')
            while sent < self.huge_bytes and not self._stopping.is_set():
                await response.write(filler)
                sent += len(filler)
                self.huge_sent += len(filler)
            await response.write_eof(b"]}")
        except ConnectionError:
            pass  # the client stopped reading at its limit, as it should
        return response


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m posguide.sim.feeds", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--scenario", choices=SCENARIOS, default="maintenance_active")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port (default)")
    parser.add_argument("--tz", default="Asia/Shanghai", help="zone of the notice texts")
    parser.add_argument("--slow-s", type=float, default=30.0, help="delay in the slow scenario")
    args = parser.parse_args(argv)

    async def serve() -> None:
        server = FeedServer(args.scenario, host=args.host, port=args.port,
                            tz=ZoneInfo(args.tz), slow_s=args.slow_s)  # fmt: skip
        async with server:
            print(f"Scenario {server.scenario}. Feeds:")
            for name, url in server.urls.items():
                print(f"  {name:<11} {url}")
            print(f"Switch: curl -X POST '{server.base_url}/control?scenario=huge'")
            print("Ctrl-C to stop.", flush=True)
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


if __name__ == "__main__":
    main()
