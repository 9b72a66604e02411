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
import json
import socket
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import format_datetime
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

from aiohttp import web

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
MALFORMED = {
    "statuspage": b'{"page": {"name": "Sim"}, "scheduled_maintenances": [{"name": "x",',
    "rss": "<rss version='2.0'><channel><title>公告</title><item><title>系统维护</titl>"
    "</item></channel></rss>".encode(),
    "atom": b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>x</entry></feed>",
    "ical": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@sim\r\n"
    b"DTSTART:tomorrow-ish\r\nSUMMARY:Maintenance\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
}


class FeedServer:
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
        self.host, self.port, self.tz = host, port, tz
        self.now = now or (lambda: datetime.now(UTC))
        self.slow_s, self.huge_bytes, self.provider = slow_s, huge_bytes, provider
        self.hits: Counter[str] = Counter()  # requests per path
        self.huge_sent = 0  # bytes all huge responses managed to send (clients cut them off)
        self._documents: dict[str, tuple[bytes, dict[str, str]]] = {}
        self._runner: web.AppRunner | None = None
        self._sock: socket.socket | None = None
        self._stopping = asyncio.Event()

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

    async def start(self) -> FeedServer:
        app = web.Application()
        app.router.add_get("/control", self._control)
        app.router.add_post("/control", self._control)
        app.router.add_get("/{path:.*}", self._serve)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        self._stopping.clear()
        try:
            self._sock = socket.create_server((self.host, self.port))
            self.port = self._sock.getsockname()[1]
            await web.SockSite(self._runner, self._sock).start()
        except BaseException:
            await self.stop()
            raise
        return self

    async def stop(self) -> None:
        self._stopping.set()  # releases slow and huge handlers
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None

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
                await asyncio.wait_for(self._stopping.wait(), self.slow_s)
            scenario = "none"
        if scenario == "error_500":
            return web.Response(status=500, text="Internal Server Error")
        if scenario == "huge":
            return await self._stream_huge(request)
        if request.path in self._documents:
            body, headers = self._documents[request.path]
            return web.Response(body=body, headers=headers)
        name = next((n for n, p in PATHS.items() if p == request.path), None)
        if name is None:
            return web.Response(status=404, text="Not Found")
        family = name if name in TYPES else "statuspage"
        if scenario == "malformed":
            return web.Response(body=MALFORMED[family], content_type=TYPES[family])
        body = self._document(name, scenario, self.now().replace(second=0, microsecond=0))
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

    def _document(self, name: str, scenario: str, now: datetime) -> bytes:
        maintenance: tuple[datetime, datetime] | None = None
        if scenario == "maintenance_active":
            maintenance = (now - timedelta(hours=1), now + timedelta(hours=2))
        elif scenario == "maintenance_upcoming":
            maintenance = (now + timedelta(hours=3), now + timedelta(hours=5))
        incident = now - timedelta(minutes=20) if scenario == "incident_major" else None
        if name == "rss":
            return _rss(self.provider, maintenance, incident, now, self.tz)
        if name == "atom":
            return _atom(self.provider, maintenance, now)
        if name == "ical":
            return _ical(maintenance, now, self.tz)
        doc = _statuspage(
            self.provider,
            window=maintenance,
            incident=incident,
            now=now,
            tz=self.tz,
            base=self.base_url,
        )
        if name in ("upcoming", "active"):
            wanted = "scheduled" if name == "upcoming" else "in_progress"
            keep = [m for m in doc["scheduled_maintenances"] if m["status"] == wanted]
            doc = {"page": doc["page"], "scheduled_maintenances": keep}
        elif name == "unresolved":
            doc = {"page": doc["page"], "incidents": doc["incidents"]}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode()


def _statuspage(
    provider: str,
    *,
    window: tuple[datetime, datetime] | None,
    incident: datetime | None,
    now: datetime,
    tz: tzinfo,
    base: str,
) -> dict[str, Any]:
    def iso(moment: datetime) -> str:  # Statuspage style: local offset, milliseconds
        return moment.astimezone(tz).isoformat(timespec="milliseconds")

    def maintenance(key: str, start: datetime, end: datetime, status: str) -> dict[str, Any]:
        return {
            "id": key, "name": "支付系统升级维护", "status": status, "impact": "maintenance",
            "created_at": iso(start - timedelta(days=3)), "shortlink": f"{base}/m/{key}",
            "scheduled_for": iso(start), "scheduled_until": iso(end),
            "components": [{"name": "POS刷卡支付"}],
            "incident_updates": [{"status": status, "body": "维护期间POS刷卡交易将暂停。"}],
        }  # fmt: skip

    done = now - timedelta(days=2)
    maintenances = [maintenance("done1", done, done + timedelta(hours=2), "completed")]
    if window is not None:
        live = window[0] <= now
        maintenances.append(maintenance("m1", *window, "in_progress" if live else "scheduled"))
    incidents = []
    if incident is not None:
        incidents.append({
            "id": "i1", "name": "部分POS交易失败", "status": "investigating", "impact": "major",
            "created_at": iso(incident), "started_at": iso(incident), "shortlink": f"{base}/i/i1",
            "components": [{"name": "POS刷卡支付"}],
            "incident_updates": [{"status": "investigating", "body": "我们正在紧急处理。"}],
        })  # fmt: skip
    return {
        "page": {"id": "sim", "name": f"{provider} 服务状态", "url": base,
                 "time_zone": str(tz), "updated_at": iso(now)},
        "incidents": incidents,
        "scheduled_maintenances": maintenances,
    }  # fmt: skip


def _cn_window(start: datetime, end: datetime, tz: tzinfo) -> str:
    """ "11月28日00:00至04:00", "11月28日23:00至次日02:00", as SMS notices write it."""
    s, e = start.astimezone(tz), end.astimezone(tz)
    days = (e.date() - s.date()).days
    day = "" if days == 0 else "次日" if days == 1 else f"{e.month}月{e.day}日"
    return f"{s.month}月{s.day}日{s:%H:%M}至{day}{e:%H:%M}"


def _rss(
    provider: str,
    window: tuple[datetime, datetime] | None,
    incident: datetime | None,
    now: datetime,
    tz: tzinfo,
) -> bytes:
    items = [
        ("新品上线：扫码点餐", "欢迎体验。", now - timedelta(days=1)),
        ("系统升级完成", "Completed - 11月1日的系统升级已完成。", now - timedelta(days=20)),
    ]
    if window is not None:
        text = f"尊敬的商户：我司定于{_cn_window(*window, tz)}进行系统升级，期间POS刷卡交易将暂停。"
        items.insert(0, ("系统维护通知", text, now - timedelta(days=1)))
    if incident is not None:
        at = incident.astimezone(tz)
        text = f"{at.month}月{at.day}日{at:%H:%M}起部分POS交易失败，正在紧急处理，预计持续2小时。"
        items.insert(0, ("紧急：POS交易中断", text, incident))
    body = "".join(
        f"<item><title>{t}</title><description><![CDATA[<p>{d}</p>]]></description>"
        f"<pubDate>{format_datetime(p)}</pubDate><guid>urn:sim:{n}</guid></item>"
        for n, (t, d, p) in enumerate(items)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{provider} 公告</title><link>http://127.0.0.1/</link>{body}</channel></rss>"
    ).encode()


def _atom(provider: str, window: tuple[datetime, datetime] | None, now: datetime) -> bytes:
    entries = ""
    if window is not None:
        s, e = (w.astimezone(UTC) for w in window)
        text = f"Card payments paused {s:%d %b %Y %H:%M} to {e:%d %b %Y %H:%M} UTC for an upgrade."
        entries = (
            f"<entry><title>Scheduled maintenance</title><id>urn:sim:m1</id>"
            f"<updated>{now.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</updated>"
            f"<summary>{text}</summary><link href='http://127.0.0.1/m1'/></entry>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{provider} status</title><id>urn:sim</id>"
        f"<updated>{now.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</updated>{entries}</feed>"
    ).encode()


def _ical(window: tuple[datetime, datetime] | None, now: datetime, tz: tzinfo) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//posguide//feed sim//EN",
             "X-WR-CALNAME:Maintenance windows"]  # fmt: skip
    if window is not None:
        s, e = (w.astimezone(tz) for w in window)
        lines += ["BEGIN:VEVENT", "UID:m1@sim", f"DTSTAMP:{now.astimezone(UTC):%Y%m%dT%H%M%SZ}",
                  f"DTSTART;TZID={tz}:{s:%Y%m%dT%H%M%S}", f"DTEND;TZID={tz}:{e:%Y%m%dT%H%M%S}",
                  "SUMMARY:系统升级维护", "END:VEVENT"]  # fmt: skip
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


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
