"""Do the payment hosts' names resolve, and how fast?

By default the system resolver (getaddrinfo, what the terminal software on this PC would use),
in its own thread with a deadline: a hung lookup keeps running in that abandoned thread, but
never stalls the wizard. With ``nameservers`` set, dnspython's asyncio resolver asks those
servers directly, which also tells NXDOMAIN, SERVFAIL and silence apart exactly.
"""

from __future__ import annotations

import functools
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import dns.asyncresolver
import dns.exception
import dns.resolver

from posguide.concurrency import gather_all
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.network._tcp import is_ip
from posguide.probes.threads import run_blocking

# getaddrinfo errors. EAI_AGAIN is "temporary failure": the server failed or did not answer.
_GAI_REASONS = {
    socket.EAI_NONAME: "nxdomain",
    getattr(socket, "EAI_NODATA", socket.EAI_NONAME): "nxdomain",
    socket.EAI_AGAIN: "servfail",
    socket.EAI_FAIL: "servfail",
}
# glibc waits at least 1 s per try before giving up with EAI_AGAIN; a failure that took that
# long was a server that never answered, not one that answered SERVFAIL.
_SILENT_AFTER_S = 0.95
# A name's addresses, or the reason it has none.
Lookup = Callable[[str], Awaitable[tuple[list[str], str | None]]]
# The summary for one name that failed, by reason.
_FAILED = {
    "nxdomain": QT_TR_NOOP("Cannot look up {name}: the name does not exist"),
    "timeout": QT_TR_NOOP("Cannot look up {name}: DNS did not answer in time"),
    "servfail": QT_TR_NOOP("Cannot look up {name}: the DNS server failed"),
    "no_address": QT_TR_NOOP("Cannot look up {name}: the name has no address"),
}
_FAILED_OTHER = QT_TR_NOOP("Cannot look up {name}: DNS failed")


@dataclass(frozen=True)
class DnsParams:
    hosts: tuple[str, ...] = ()  # payment host names; IP addresses are skipped
    nameservers: tuple[str, ...] | None = None  # None: the system resolver
    port: int = 53  # for nameservers
    timeout_s: float = 2.0  # per name
    slow_ms: float = 1000.0


class DnsProbe:
    id = "network.dns"

    def __init__(self, params: DnsParams = DnsParams()) -> None:
        self.params = params
        self.timeout_s = params.timeout_s * 2 + 2.0  # A, then AAAA when there is no A record

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        names = list(dict.fromkeys(h.rstrip(".") for h in self.params.hosts if h and not is_ip(h)))
        if not names:
            return outcome.finish(Status.SKIPPED, Text(QT_TR_NOOP("No host names to look up")))
        looking = (
            Text(QT_TR_NOOP("Looking up the payment host's name"))
            if len(names) == 1
            else Text(QT_TR_NOOP("Looking up {count} names"), count=len(names))
        )
        progress(None, looking)
        lookup: Lookup = self._system
        if self.params.nameservers is not None:
            try:
                lookup = functools.partial(self._dnspython, self._resolver())
            except ValueError as err:
                return outcome.finish(
                    Status.ERROR,
                    Text(QT_TR_NOOP("The DNS servers in the settings are not IP addresses")),
                    reason="bad_config",
                    message=str(err),
                )
        results = await gather_all(*(self._timed(lookup, name) for name in names))

        measurements: dict[str, Measurement] = {}
        failed: dict[str, str] = {}
        addresses: dict[str, list[str]] = {}
        for name, (ms, found, reason) in zip(names, results, strict=True):
            if reason:
                failed[name] = reason
            else:
                measurements[f"resolve_ms.{name}"] = Measurement(round(ms, 1), "ms")
                addresses[name] = found[:4]
        times = [m.value for m in measurements.values()]
        if times:
            measurements["resolve_ms_max"] = Measurement(max(times), "ms")
        detail: dict[str, Any] = {
            "resolver": "system" if self.params.nameservers is None else "direct",
            "nameservers": list(self.params.nameservers or []),
            "addresses": addresses,
            "failed": failed,
        }
        if failed:
            name, reason = next(iter(failed.items()))
            summary = Text(_FAILED.get(reason, _FAILED_OTHER), name=name)
            if len(failed) > 1:
                summary = Text(
                    QT_TR_NOOP("Cannot look up {failed} of {total} payment host names"),
                    failed=len(failed),
                    total=len(names),
                )
            return outcome.finish(Status.FAIL, summary, measurements=measurements, **detail)
        slow = [n for n in names if measurements[f"resolve_ms.{n}"].value > self.params.slow_ms]
        if slow:
            return outcome.finish(
                Status.WARN,
                Text(QT_TR_NOOP("Looking up names is slow ({ms:.0f} ms)"), ms=max(times)),
                measurements=measurements,
                slow=slow,
                **detail,
            )
        return outcome.finish(
            Status.OK,
            Text(QT_TR_NOOP("The payment host names resolve ({ms:.0f} ms)"), ms=max(times)),
            measurements=measurements,
            slow=[],
            **detail,
        )

    async def _timed(self, lookup: Lookup, name: str) -> tuple[float, list[str], str | None]:
        t0 = time.perf_counter()
        found, reason = await lookup(name)
        return (time.perf_counter() - t0) * 1000, found, reason

    async def _system(self, name: str) -> tuple[list[str], str | None]:
        def lookup() -> list[str]:
            infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
            return list(dict.fromkeys(str(info[4][0]) for info in infos))

        t0 = time.monotonic()
        try:
            return await run_blocking(lookup, timeout_s=self.params.timeout_s, name="dns"), None
        except TimeoutError:
            return [], "timeout"
        except socket.gaierror as err:
            reason = _GAI_REASONS.get(err.errno, "error")
            if err.errno == socket.EAI_AGAIN and time.monotonic() - t0 >= _SILENT_AFTER_S:
                reason = "timeout"
            return [], reason
        except UnicodeError:  # a name that is not valid IDNA
            return [], "nxdomain"

    def _resolver(self) -> dns.asyncresolver.Resolver:
        p = self.params
        resolver = dns.asyncresolver.Resolver(configure=False)  # not /etc/resolv.conf
        resolver.nameservers = list(p.nameservers or [])  # ValueError unless IP addresses
        resolver.port = p.port
        resolver.timeout = p.timeout_s
        resolver.lifetime = p.timeout_s
        return resolver

    async def _dnspython(
        self, resolver: dns.asyncresolver.Resolver, name: str
    ) -> tuple[list[str], str | None]:
        try:
            for rdtype in ("A", "AAAA"):
                try:
                    answer = await resolver.resolve(name, rdtype, search=False)
                except dns.resolver.NoAnswer:
                    continue  # the name exists without this record type
                return [rr.to_text() for rr in answer], None
            return [], "no_address"
        except dns.resolver.NXDOMAIN:
            return [], "nxdomain"
        except dns.exception.Timeout:
            return [], "timeout"
        except dns.resolver.NoNameservers:  # every server answered SERVFAIL or REFUSED
            return [], "servfail"
        except dns.exception.DNSException:
            return [], "error"
