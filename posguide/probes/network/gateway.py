"""Does the router (default gateway) answer?

ICMP echo first where this process may send it (Windows always, via IcmpSendEcho; Linux as
root or inside ping_group_range; macOS always). Routers that ignore ping, and PCs where ICMP is
not allowed, get a TCP connect to common router ports instead: an open port *and* a refusal
(RST) both prove the router is alive; only silence or "host unreachable" means it is not.
"""

from __future__ import annotations

import ipaddress
import statistics
import time
from dataclasses import dataclass
from typing import Any

from posguide.concurrency import gather_all
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.network._tcp import classify, connect_ms
from posguide.probes.network.system import IcmpNotPermitted, find_default_route, icmp_echo

# Progress lines, shared with training's stand-in router (posguide.sim.lan).
FINDING = Text(QT_TR_NOOP("Looking for the router"))
KNOCKING = Text(QT_TR_NOOP("Trying the router's ports"))


def ping_step(seq: int, attempts: int) -> Text:
    return Text(QT_TR_NOOP("Ping {seq} of {attempts}"), seq=seq, attempts=attempts)


@dataclass(frozen=True)
class GatewayParams:
    gateway: str = "auto"  # "auto": the default gateway, or an IP address
    attempts: int = 3  # ICMP echo requests
    reply_timeout_s: float = 1.0  # per echo request
    tcp_ports: tuple[int, ...] = (80, 443, 53)  # web admin page, DNS forwarder
    tcp_timeout_s: float = 2.0
    use_icmp: bool = True


class GatewayProbe:
    id = "network.gateway"

    def __init__(self, params: GatewayParams = GatewayParams()) -> None:
        self.params = params
        self.timeout_s = 4.0 + params.attempts * params.reply_timeout_s + params.tcp_timeout_s

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        p = self.params
        interface = None
        if p.gateway == "auto":
            progress(None, FINDING)
            route = await find_default_route()
            gateway = route.gateway if route else None
            interface = route.interface if route else None
            if route is not None and gateway is None:
                # An on-link default route (PPP, some VPNs): there is no router to test.
                return outcome.finish(
                    Status.SKIPPED,
                    Text(QT_TR_NOOP("This PC connects without a router in between")),
                    gateway=None,
                    interface=interface,
                    reason="on_link",
                )
            if gateway is None:
                return no_gateway(outcome)
        else:
            gateway = p.gateway
            try:
                ipaddress.ip_address(gateway)
            except ValueError:
                return outcome.finish(
                    Status.ERROR,
                    Text(
                        QT_TR_NOOP(
                            "The router address {gateway!r} in the settings is not an IP address"
                        ),
                        gateway=gateway,
                    ),
                    gateway=gateway,
                    reason="bad_config",
                )
        detail: dict[str, Any] = {"gateway": gateway, "interface": interface}

        icmp_note = "disabled"
        if p.use_icmp and ipaddress.ip_address(gateway).version == 4:
            rtts, icmp_note = await self._ping(gateway, progress)
            if rtts:
                return answered_ping(outcome, rtts, p.attempts, detail)

        progress(0.8, KNOCKING)
        answers = await gather_all(*(self._knock(gateway, port) for port in p.tcp_ports))
        alive = [(ms, port, how) for ms, port, how in answers if ms is not None]
        if alive:
            ms, port, how = min(alive)
            return outcome.finish(
                Status.OK,
                Text(QT_TR_NOOP("The router {gateway} answers"), gateway=gateway),
                measurements={"rtt_ms": Measurement(round(ms, 2), "ms")},
                method="tcp",
                port=port,
                answer=how,  # "open" or "refused": both mean a live router
                icmp=icmp_note,
                **detail,
            )
        ports = {str(port): how for _ms, port, how in answers}
        return unreachable(outcome, icmp_note, ports, detail)

    async def _ping(self, gateway: str, progress: ProgressCallback) -> tuple[list[float], str]:
        """Echo round-trip times, and how ICMP went ("ok", "no_reply", "not_permitted", ...)."""
        rtts: list[float] = []
        note = "no_reply"
        for seq in range(1, self.params.attempts + 1):
            progress(seq / (self.params.attempts + 2), ping_step(seq, self.params.attempts))
            try:
                rtts.append(await icmp_echo(gateway, self.params.reply_timeout_s, seq))
                note = "ok"
            except IcmpNotPermitted:
                return [], "not_permitted"
            except OSError as err:  # TimeoutError included
                if not rtts:
                    note = "no_reply" if isinstance(err, TimeoutError) else classify(err)
        return rtts, note

    async def _knock(self, gateway: str, port: int) -> tuple[float | None, int, str]:
        t0 = time.perf_counter()
        try:
            return await connect_ms(gateway, port, self.params.tcp_timeout_s), port, "open"
        except ConnectionRefusedError:
            # Refusing takes a live TCP stack: the time to the RST is a round trip.
            return (time.perf_counter() - t0) * 1000, port, "refused"
        except OSError as err:  # TimeoutError included
            return None, port, classify(err)


# The results, shared with training mode's stand-in router (posguide.sim.lan) so both speak alike.


def no_gateway(outcome: Outcome) -> ProbeResult:
    return outcome.finish(
        Status.FAIL,
        Text(QT_TR_NOOP("This PC does not know its router (no default gateway)")),
        gateway=None,
        reason="no_gateway",
    )


def answered_ping(
    outcome: Outcome, rtts: list[float], attempts: int, detail: dict[str, Any]
) -> ProbeResult:
    loss = 100.0 * (attempts - len(rtts)) / attempts
    return outcome.finish(
        Status.OK,
        Text(QT_TR_NOOP("The router {gateway} answers"), gateway=detail["gateway"]),
        measurements={
            "rtt_ms": Measurement(round(statistics.median(rtts), 2), "ms"),
            "loss_pct": Measurement(round(loss, 1), "%"),
        },
        method="icmp",
        **detail,
    )


def unreachable(
    outcome: Outcome, icmp_note: str, ports: dict[str, str], detail: dict[str, Any]
) -> ProbeResult:
    return outcome.finish(
        Status.FAIL,
        Text(
            QT_TR_NOOP(
                "The router {gateway} does not answer: check that it is switched on and connected"
            ),
            gateway=detail["gateway"],
        ),
        method="tcp",
        reason="unreachable",
        icmp=icmp_note,
        ports=ports,
        **detail,
    )
