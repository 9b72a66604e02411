"""The alert robots on 127.0.0.1: WeCom, DingTalk, Feishu and a generic JSON webhook.

For the alert tests and the wizard's training mode. Like the real services it checks the key or
token, the DingTalk/Feishu signature and its one-hour timestamp window, and refuses with their
errcode and message (HTTP 200). Modes (``receiver.mode = ...``; ``queue(...)`` sets the next
requests' modes first): ok, fail_http_500, fail_errcode (HTTP 200, rate-limit errcode), slow,
split (the answer written in two parts with a flush and a pause between, as a slow link delivers
it), huge (a 128 KiB answer), redirect_301/302/307/308 (to ``/moved``, which would accept
anything: ``followed`` lists the methods of requests that went there).

    async with AlertReceiver() as rx:
        channel = rx.channel("dingtalk", secret="SEC123")   # an AlertChannel pointed here
        ...; rx.messages[-1].text

    python -m posguide.sim.alert_receiver --port 8765      # prints [[alerts]] entries to paste
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from aiohttp import web

from posguide.config import AlertChannel, Secret, SecretUrl
from posguide.sim.local_http import LocalHttpServer

Mode = Literal[
    "ok",
    "fail_http_500",
    "fail_errcode",
    "slow",
    "split",
    "huge",
    "redirect_301",
    "redirect_302",
    "redirect_307",
    "redirect_308",
]
MODES: tuple[str, ...] = get_args(Mode)
KINDS = ("wecom", "dingtalk", "feishu", "webhook")
# fmt: off
PATHS = {"wecom": "/cgi-bin/webhook/send", "dingtalk": "/robot/send",
         "feishu": "/open-apis/bot/v2/hook/", "webhook": "/hook"}
Answers = dict[str, dict[str, Any]]
WINDOW_S = 3600  # both services accept a timestamp within one hour
MOVED = "/moved"
_FEISHU_SIGN = "sign match fail or timestamp is not within one hour from current time"
_DING_BUSY = "send too fast, exceed 20 times per minute"
# The services' own answers (HTTP 200 even when refusing).
OK: Answers = {"wecom": {"errcode": 0, "errmsg": "ok"}, "dingtalk": {"errcode": 0, "errmsg": "ok"},
               "feishu": {"code": 0, "data": {}, "msg": "success"}, "webhook": {"ok": True}}
BAD_TOKEN: Answers = {
    "wecom": {"errcode": 93000, "errmsg": "invalid webhook url, hint: [sim]"},
    "dingtalk": {"errcode": 300001, "errmsg": "token is not exist"},
    "feishu": {"code": 19001, "msg": "param invalid: incoming webhook access token invalid"}}
BAD_SIGN: Answers = {"dingtalk": {"errcode": 310000, "errmsg": "sign not match, more: [sim]"},
                     "feishu": {"code": 19021, "msg": _FEISHU_SIGN}}
BAD_TIME: Answers = {"dingtalk": {"errcode": 310000, "errmsg": "invalid timestamp"},
                     "feishu": BAD_SIGN["feishu"]}
BUSY: Answers = {"wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
                 "dingtalk": {"errcode": 130101, "errmsg": _DING_BUSY},
                 "feishu": {"code": 9499, "msg": "too many request"},
                 "webhook": {"errcode": 1, "errmsg": "rejected by the receiver"}}
# fmt: on


@dataclass(frozen=True)
class Received:
    kind: str
    token: str  # key / access_token / hook id; "" for the generic webhook
    query: dict[str, str]
    body: Any
    status: int
    answer: dict[str, Any] | None  # None for the HTTP 500 mode
    mode: str

    @property
    def accepted(self) -> bool:
        return self.answer is not None and self.answer == OK[self.kind]

    @property
    def text(self) -> str:
        """The message text, wherever the service's payload keeps it."""
        body = self.body if isinstance(self.body, dict) else {}
        if self.kind in ("wecom", "dingtalk"):
            return str(body.get("text", {}).get("content", ""))
        if self.kind == "feishu":
            return str(body.get("content", {}).get("text", ""))
        return str(body.get("message", ""))


class AlertReceiver(LocalHttpServer):
    def __init__(
        self,
        mode: Mode = "ok",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        slow_s: float = 30.0,
        split_pause_s: float = 0.05,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.mode: Mode = mode
        super().__init__(host, port)
        self.slow_s, self.split_pause_s, self.now = slow_s, split_pause_s, now
        self.received: list[Received] = []
        self.followed: list[str] = []  # methods of requests that followed a redirect
        self._arrivals = 0
        self._arrival = asyncio.Event()
        self._queued: deque[Mode] = deque()
        self._robots: dict[tuple[str, str], str] = {}  # (kind, token) -> signing secret or ""

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def messages(self) -> list[Received]:
        return [r for r in self.received if r.accepted]

    async def arrived(self, count: int = 1) -> None:
        """Wait until ``count`` requests have reached the robots, answered or not (a test's
        event to synchronise on, e.g. a request held by the slow mode)."""
        while self._arrivals < count:
            self._arrival.clear()
            await self._arrival.wait()

    def queue(self, *modes: Mode) -> None:
        """The next requests get these modes, in order; then ``mode`` again."""
        self._queued.extend(modes)

    def url(self, kind: str, token: str = "") -> str:
        if kind == "wecom":
            return f"{self.base_url}{PATHS[kind]}?key={token}"
        if kind == "dingtalk":
            return f"{self.base_url}{PATHS[kind]}?access_token={token}"
        return self.base_url + PATHS[kind] + (token if kind == "feishu" else "")

    def add_robot(self, kind: str, token: str | None = None, secret: str = "") -> str:
        """Register a robot (its token and signing secret); returns the token."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
        token = token or secrets.token_hex(16)
        self._robots[(kind, token)] = secret
        return token

    def channel(
        self,
        kind: str,
        *,
        name: str = "",
        secret: str = "",
        mentioned_mobiles: tuple[str, ...] = (),
    ) -> AlertChannel:
        """A registered robot as the AlertChannel the shop would configure (url points here)."""
        token = self.add_robot(kind, secret=secret) if kind != "webhook" else ""
        return AlertChannel(
            kind=kind,
            name=name,
            url=SecretUrl(self.url(kind, token)),
            secret=Secret(secret) if secret else None,
            mentioned_mobiles=mentioned_mobiles,
        )

    def build_app(self) -> web.Application:
        app = web.Application()
        for kind in ("wecom", "dingtalk", "webhook"):
            app.router.add_post(PATHS[kind], self._handler(kind))
        app.router.add_post(PATHS["feishu"] + "{token}", self._handler("feishu"))
        app.router.add_route("*", MOVED, self._moved)
        return app

    async def start(self) -> AlertReceiver:
        await self.start_serving()
        return self

    async def __aenter__(self) -> AlertReceiver:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def _handler(self, kind: str) -> Callable[[web.Request], Any]:
        async def handle(request: web.Request) -> web.StreamResponse:
            return await self._handle(kind, request)

        return handle

    async def _handle(self, kind: str, request: web.Request) -> web.StreamResponse:
        mode = self._queued.popleft() if self._queued else self.mode
        self._arrivals += 1
        self._arrival.set()
        query = dict(request.query)
        token = {"wecom": request.query.get("key", ""), "feishu": request.match_info.get("token"),
                 "dingtalk": request.query.get("access_token", "")}.get(kind) or ""  # fmt: skip
        try:
            body: Any = json.loads(await request.read())
        except ValueError:
            body = None
        if mode == "slow":
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.slow_s):
                    await self._stopping.wait()
        if mode == "fail_http_500":
            self.received.append(Received(kind, token, query, body, 500, None, mode))
            return web.Response(status=500, text="Internal Server Error")
        if mode.startswith("redirect_"):
            status = int(mode.removeprefix("redirect_"))
            self.received.append(Received(kind, token, query, body, status, None, mode))
            return web.Response(status=status, headers={"Location": self.base_url + MOVED})
        answer = self._verify(kind, token, request, body)
        if answer is None:
            answer = BUSY[kind] if mode == "fail_errcode" else OK[kind]
        self.received.append(Received(kind, token, query, body, 200, answer, mode))
        if mode == "split":
            return await self._answer_in_two_parts(request, answer)
        if mode == "huge":
            return web.json_response({**answer, "padding": "x" * 128 * 1024})
        return web.json_response(answer)

    async def _answer_in_two_parts(
        self, request: web.Request, answer: dict[str, Any]
    ) -> web.StreamResponse:
        data = json.dumps(answer).encode()
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = len(data)
        await response.prepare(request)
        await response.write(data[: len(data) // 2])  # write() flushes to the socket
        with contextlib.suppress(TimeoutError):  # the client sees the first part alone
            async with asyncio.timeout(self.split_pause_s):
                await self._stopping.wait()
        await response.write(data[len(data) // 2 :])
        await response.write_eof()
        return response

    async def _moved(self, request: web.Request) -> web.Response:
        self.followed.append(request.method)
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    def _verify(
        self, kind: str, token: str, request: web.Request, body: Any
    ) -> dict[str, Any] | None:
        """The service's refusal, or None when the request is acceptable."""
        if kind == "webhook":
            ok = isinstance(body, dict) and body.get("event") == "posguide.escalation"
            return None if ok else {"errcode": 400, "errmsg": "expected a posguide event"}
        if (kind, token) not in self._robots:
            return BAD_TOKEN[kind]
        secret = self._robots[(kind, token)]
        if kind == "wecom":
            content = body.get("text", {}).get("content") if isinstance(body, dict) else None
            if not isinstance(content, str) or body.get("msgtype") != "text":
                return {"errcode": 40008, "errmsg": "invalid message type"}
            if len(content.encode()) > 2048:
                return {"errcode": 40058, "errmsg": "content exceed max length 2048"}
            return None
        if not isinstance(body, dict):
            return {"errcode": 40035, "errmsg": "invalid json"}
        if not secret:
            return None
        if kind == "dingtalk":  # ms; sign in the query, which aiohttp URL-decodes once
            stamp, sign = request.query.get("timestamp", ""), request.query.get("sign", "")
            return self._check_sign(kind, stamp, sign, secret, 1000)
        # Feishu: seconds, both in the body; HMAC keyed by "timestamp\nsecret" over nothing
        return self._check_sign(kind, str(body.get("timestamp")), str(body.get("sign")), secret, 1)

    def _check_sign(
        self, kind: str, stamp: str, sign: str, secret: str, per_s: int
    ) -> dict[str, Any] | None:
        if not stamp.isdigit() or abs(self.now() * per_s - int(stamp)) > WINDOW_S * per_s:
            return BAD_TIME[kind]
        text = f"{stamp}\n{secret}".encode()
        key, msg = (secret.encode(), text) if kind == "dingtalk" else (text, b"")
        expected = base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()
        return None if hmac.compare_digest(expected, sign) else BAD_SIGN[kind]


async def _serve(port: int, mode: Mode) -> None:
    async with AlertReceiver(mode, port=port) as rx:
        for kind in KINDS:
            channel = rx.channel(kind, name=f"sim-{kind}", secret="SECsim" * (kind in BAD_SIGN))
            print(f'[[alerts]]\nkind = "{kind}"\nname = "{channel.name}"')
            print(f'url = "{channel.url.reveal() if channel.url else ""}"')
            print(f'secret = "{channel.secret.reveal()}"\n' if channel.secret else "")
        seen = 0
        while True:
            await asyncio.sleep(0.5)
            for item in rx.received[seen:]:
                print(f"{item.kind}: {'accepted' if item.accepted else item.answer}\n{item.text}")
            seen = len(rx.received)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--mode", choices=MODES, default="ok")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.mode))


if __name__ == "__main__":
    main()
