"""Does the internet answer? An HTTP GET of a check URL, as Windows itself does.

Tells a dead line (fail) from a captive portal (warn: a login page answered instead, e.g. a
mall Wi-Fi or an expired broadband account page). Proxies come from the environment and, on
Windows, the registry (aiohttp ``trust_env``), as the browser on this PC would use them.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.threads import run_blocking

DEFAULT_URL = "http://www.msftconnecttest.com/connecttest.txt"
# Check URLs whose exact answer is known: anything else in the body is a login page.
KNOWN_BODIES = {
    DEFAULT_URL: "Microsoft Connect Test",
    "http://www.msftncsi.com/ncsi.txt": "Microsoft NCSI",
}
_MAX_BODY = 64 * 1024
_CAPTIVE = Text(QT_TR_NOOP("A login page (captive portal) answered instead of the internet"))


@dataclass(frozen=True)
class InternetParams:
    url: str = DEFAULT_URL
    timeout_s: float = 5.0
    expect_body: str | None = None  # None: KNOWN_BODIES for known URLs, else any 2xx is fine


class _BlockingResolver(AbstractResolver):
    """getaddrinfo through run_blocking, like every other lookup here, instead of the loop's
    shared executor that a hung lookup would occupy."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        def lookup() -> list[Any]:
            return socket.getaddrinfo(host, port, family=family, type=socket.SOCK_STREAM)

        infos = await run_blocking(lookup, timeout_s=self.timeout_s, name="getaddrinfo")
        return [
            ResolveResult(
                hostname=host,
                host=str(address[0]),
                port=int(address[1]),
                family=fam,
                proto=proto,
                flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
            )
            for fam, _type, proto, _name, address in infos
            if fam == socket.AF_INET or (fam == socket.AF_INET6 and not address[3])
        ]

    async def close(self) -> None:
        pass


class InternetProbe:
    id = "network.internet"

    def __init__(self, params: InternetParams = InternetParams()) -> None:
        self.params = params
        self.timeout_s = params.timeout_s + 2.0

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        url = self.params.url
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:  # e.g. an unclosed "[" of an IPv6 address
            parts, host = None, None
        if parts is None or parts.scheme not in {"http", "https"} or not host:
            return outcome.finish(
                Status.ERROR,
                Text(QT_TR_NOOP("The internet check address is not a web address")),
                url=url,
                reason="bad_config",
            )
        progress(None, Text(QT_TR_NOOP("Contacting {host}"), host=host))
        t0 = time.perf_counter()
        try:
            status, location, body = await self._get(url)
        except (TimeoutError, aiohttp.ServerTimeoutError):
            return self._fail(
                outcome, "timeout", Text(QT_TR_NOOP("No internet: no answer in time"))
            )
        except aiohttp.ClientProxyConnectionError as err:
            return self._fail(
                outcome,
                "proxy",
                Text(QT_TR_NOOP("No internet: the proxy server cannot be reached")),
                err,
            )
        except aiohttp.ClientConnectorDNSError as err:
            return self._fail(
                outcome,
                "dns",
                Text(QT_TR_NOOP("No internet: {host} could not be looked up"), host=host),
                err,
            )
        except aiohttp.ClientConnectorError as err:
            return self._fail(
                outcome,
                "unreachable",
                Text(QT_TR_NOOP("No internet: {host} cannot be reached"), host=host),
                err,
            )
        except (aiohttp.ClientError, socket.gaierror, OSError) as err:
            # disconnected mid-answer, or something that is not HTTP
            return self._fail(
                outcome, "bad_response", Text(QT_TR_NOOP("No internet: the answer was broken")), err
            )
        ms = (time.perf_counter() - t0) * 1000
        measurements = {"http_ms": Measurement(round(ms, 1), "ms")}
        detail: dict[str, Any] = {"url": url, "http_status": status}
        if status in {301, 302, 303, 307, 308, 511}:
            redirect = urlsplit(location).hostname if location else None
            # Only the host: portal URLs carry session tokens and the PC's MAC address.
            return outcome.finish(
                Status.WARN,
                _CAPTIVE,
                measurements=measurements,
                reason="captive_portal",
                redirect_host=redirect,
                **detail,
            )
        if not 200 <= status < 300:
            return outcome.finish(
                Status.FAIL,
                Text(
                    QT_TR_NOOP("No internet: the check page answered with error {status}"),
                    status=status,
                ),
                measurements=measurements,
                reason="http_status",
                **detail,
            )
        expected = self.params.expect_body or KNOWN_BODIES.get(url)
        if expected is not None and expected.encode() not in body:
            return outcome.finish(
                Status.WARN,
                _CAPTIVE,
                measurements=measurements,
                reason="unexpected_body",
                **detail,
            )
        return outcome.finish(
            Status.OK,
            Text(QT_TR_NOOP("The internet answers ({ms:.0f} ms)"), ms=ms),
            measurements=measurements,
            **detail,
        )

    async def _get(self, url: str) -> tuple[int, str | None, bytes]:
        timeout = aiohttp.ClientTimeout(total=self.params.timeout_s)
        connector = aiohttp.TCPConnector(
            resolver=_BlockingResolver(self.params.timeout_s), force_close=True
        )
        async with (
            aiohttp.ClientSession(connector=connector, timeout=timeout, trust_env=True) as session,
            session.get(url, allow_redirects=False, headers={"Cache-Control": "no-cache"}) as r,
        ):
            body = await r.content.read(_MAX_BODY)
            return r.status, r.headers.get("Location"), body

    def _fail(
        self, outcome: Outcome, reason: str, summary: Text, err: BaseException | None = None
    ) -> ProbeResult:
        # Not str(err): a proxy URL in it may carry a user name and password.
        extra: dict[str, Any] = {}
        if err is not None:
            extra["error"] = type(err).__name__
            if isinstance(err, OSError) and err.strerror:
                extra["os_error"] = err.strerror
        return outcome.finish(Status.FAIL, summary, url=self.params.url, reason=reason, **extra)
