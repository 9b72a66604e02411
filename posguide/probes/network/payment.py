"""Can this PC open TCP connections to the payment hosts, how fast, and how reliably?

Each host is looked up once, then connected to ``samples`` times in a row (hosts in
parallel). Only the TCP handshake is measured and nothing is sent, so no payment message and
no card data ever leaves the PC.
"""

from __future__ import annotations

import asyncio
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from posguide.concurrency import gather_all
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.network._tcp import (
    bad_hosts,
    classify,
    connect_ms,
    host_port,
    normalise_hosts,
    resolve,
    valid_host_port,
)

# The summary for one host that does not answer, by reason (``classify``).
_NO_ANSWER = {
    "dns": QT_TR_NOOP("Payment host {host} does not answer: the name could not be looked up"),
    "timeout": QT_TR_NOOP("Payment host {host} does not answer: no answer in time"),
    "refused": QT_TR_NOOP("Payment host {host} does not answer: the connection was refused"),
    "reset": QT_TR_NOOP("Payment host {host} does not answer: the connection was cut"),
    "unreachable": QT_TR_NOOP(
        "Payment host {host} does not answer: it cannot be reached from this network"
    ),
    "handshake": QT_TR_NOOP("Payment host {host} does not answer: the secure connection failed"),
}
_NO_ANSWER_OTHER = QT_TR_NOOP("Payment host {host} does not answer: the connection failed")


@dataclass(frozen=True)
class PaymentParams:
    hosts: tuple[tuple[str, int], ...] = ()
    samples: int = 4
    slow_ms: float = 800.0  # a median connect time above this is slow
    connect_timeout_s: float = 3.0  # per connection
    interval_s: float = 0.1  # between the starts of two samples to one host
    dns_timeout_s: float = 2.0


@dataclass
class _HostResult:
    key: str
    times_ms: list[float]
    errors: Counter[str]
    address: str | None = None

    @property
    def loss_pct(self) -> float:
        total = len(self.times_ms) + sum(self.errors.values())
        return 100.0 * sum(self.errors.values()) / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "address": self.address,
            "ok": len(self.times_ms),
            "loss_pct": round(self.loss_pct, 1),
            "errors": dict(self.errors),
        }
        if self.times_ms:
            out["median_ms"] = round(statistics.median(self.times_ms), 1)
            out["max_ms"] = round(max(self.times_ms), 1)
        else:
            out["reason"] = self.errors.most_common(1)[0][0]
        return out


class PaymentHostProbe:
    id = "network.payment"

    def __init__(self, params: PaymentParams = PaymentParams()) -> None:
        self.params = params
        self.hosts: Sequence[tuple[str, int]] = normalise_hosts(params.hosts)
        spread = (params.samples - 1) * params.interval_s
        self.timeout_s = params.dns_timeout_s + spread + params.connect_timeout_s + 2.0

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        if not self.hosts:
            return outcome.finish(
                Status.SKIPPED, Text(QT_TR_NOOP("No payment hosts are configured"))
            )
        if not all(valid_host_port(h, p) for h, p in self.hosts):
            return bad_hosts(outcome, self.hosts)
        results = await gather_all(*(self._host(h, p, progress) for h, p in self.hosts))
        hosts = {r.key: r.to_json() for r in results}
        failed = {r.key: hosts[r.key]["reason"] for r in results if not r.times_ms}
        medians = [statistics.median(r.times_ms) for r in results if r.times_ms]
        all_times = [t for r in results for t in r.times_ms]
        loss = max(r.loss_pct for r in results)
        measurements = {"loss_pct": Measurement(round(loss, 1), "%")}
        if all_times:
            measurements["latency_ms_median"] = Measurement(round(max(medians), 1), "ms")
            measurements["latency_ms_max"] = Measurement(round(max(all_times), 1), "ms")
        slow = bool(medians) and max(medians) > self.params.slow_ms
        detail: dict[str, Any] = {
            "hosts": hosts,
            "failed": failed,
            "slow": slow,
            "loss_pct": round(loss, 1),
        }
        if failed:
            key, reason = next(iter(failed.items()))
            summary = Text(_NO_ANSWER.get(reason, _NO_ANSWER_OTHER), host=key)
            if len(failed) > 1:
                summary = Text(
                    QT_TR_NOOP("{failed} of {total} payment hosts do not answer"),
                    failed=len(failed),
                    total=len(results),
                )
            return outcome.finish(Status.FAIL, summary, measurements=measurements, **detail)
        if slow:
            summary = Text(
                QT_TR_NOOP("The payment hosts answer slowly ({ms:.0f} ms)"), ms=max(medians)
            )
            return outcome.finish(Status.WARN, summary, measurements=measurements, **detail)
        if loss > 0:
            summary = Text(
                QT_TR_NOOP("Some connections to the payment hosts were lost ({loss:.0f}%)"),
                loss=loss,
            )
            return outcome.finish(Status.WARN, summary, measurements=measurements, **detail)
        summary = Text(QT_TR_NOOP("The payment hosts answer ({ms:.0f} ms)"), ms=max(medians))
        return outcome.finish(Status.OK, summary, measurements=measurements, **detail)

    async def _host(self, host: str, port: int, progress: ProgressCallback) -> _HostResult:
        p = self.params
        result = _HostResult(host_port(host, port), [], Counter())
        try:
            result.address = await resolve(host, port, p.dns_timeout_s)
        except OSError:  # socket.gaierror, or TimeoutError: as fatal as NXDOMAIN here
            # A name that does not resolve fails every sample; count it once per sample.
            result.errors["dns"] += p.samples
            return result
        address = result.address

        async def sample(i: int) -> None:
            # Staggered, not one after another: a host that never answers is reported after
            # one connect timeout, not after ``samples`` of them.
            await asyncio.sleep(i * p.interval_s)
            progress(
                (i + 1) / (p.samples + 1),
                Text(
                    QT_TR_NOOP("{host}: connection {n} of {total}"),
                    host=result.key,
                    n=i + 1,
                    total=p.samples,
                ),
            )
            try:
                result.times_ms.append(await connect_ms(address, port, p.connect_timeout_s))
            except OSError as err:
                result.errors[classify(err)] += 1

        await gather_all(*(sample(i) for i in range(p.samples)))
        return result
