"""The shop's cable and router for training mode, which loopback cannot fake.

Training must never send a packet to the real shop LAN, so the link and gateway checks are not
run at all: ``link_probe()`` and ``gateway_probe()`` build stand-ins (``ProbeSettings.factories``)
that answer from this object's state with exactly the results (statuses, summaries, detail keys,
reasons) the real ``LinkProbe`` and ``GatewayProbe`` give on a Windows shop PC ("以太网", router
192.168.1.1), after a realistic pause. The PC is plugged into the router directly, so a router
without power also means no carrier at the PC.

Whatever lies behind the router is reachable only while the LAN is fully up. The LAN therefore
owns the far side's modes (``set_payment``, ``set_internet``): it applies them to the
``SimulatedShop`` while online and switches the payment host to "refused", the internet check to
"error" and the TLS host to "never finishes the handshake" while offline.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from typing import Any

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import (
    Measurement,
    Outcome,
    Probe,
    ProbeResult,
    ProgressCallback,
    Status,
)
from posguide.probes.network.gateway import (
    FINDING,
    KNOCKING,
    answered_ping,
    no_gateway,
    ping_step,
    unreachable,
)
from posguide.probes.network.link import LOOKING
from posguide.sim.network import HttpMode, TcpMode
from posguide.sim.shop import SimulatedShop

OFFLINE_TLS_DELAY_S = 3600.0  # longer than any TLS timeout: the handshake never completes
PING_ATTEMPTS = 3  # as GatewayParams.attempts
TCP_PORTS = (80, 443, 53)  # as GatewayParams.tcp_ports


class SimulatedLan:
    """Cable and router state; changes go through ``set_state`` / ``restart_router``."""

    def __init__(
        self,
        shop: SimulatedShop | None = None,
        *,
        interface: str = "以太网",
        gateway: str = "192.168.1.1",
        address: str = "192.168.1.23",
        speed_mbps: int = 1000,
        seed: int | None = None,
    ) -> None:
        self.shop = shop
        self.interface, self.gateway, self.address = interface, gateway, address
        self.speed_mbps = speed_mbps
        self.cable_plugged = True
        self.router_powered = True
        self.router_hung = False  # lights on, but it answers nothing until restarted
        self.wan_up = True  # the line behind the router (modem, broadband)
        self.rng = random.Random(seed)
        # The far side as it is when reachable; taken from the shop as it was built.
        self.payment_mode: TcpMode = shop.payment.mode if shop else "healthy"
        self.internet_mode: HttpMode = shop.internet.mode if shop else "ok"
        self.tls_delay_s = shop.tls.handshake_delay_s if shop else 0.0
        self._restart: asyncio.Task[None] | None = None

    @property
    def carrier(self) -> bool:
        """The PC's adapter sees a link: cable in, and the router's port has power."""
        return self.cable_plugged and self.router_powered

    @property
    def router_answers(self) -> bool:
        return self.carrier and not self.router_hung

    @property
    def online(self) -> bool:
        """The internet (and the payment hosts) can be reached from the PC."""
        return self.router_answers and self.wan_up

    @property
    def restarting(self) -> bool:
        return self._restart is not None and not self._restart.done()

    async def set_state(
        self,
        *,
        cable_plugged: bool | None = None,
        router_powered: bool | None = None,
        router_hung: bool | None = None,
        wan_up: bool | None = None,
    ) -> None:
        if cable_plugged is not None:
            self.cable_plugged = cable_plugged
        if router_powered is not None:
            self.router_powered = router_powered
        if router_hung is not None:
            self.router_hung = router_hung
        if wan_up is not None:
            self.wan_up = wan_up
        await self.sync()

    async def restart_router(self, offline_s: float) -> asyncio.Task[None]:
        """Power the router off now and on after ``offline_s``; returns at once with the task
        that powers it on. A restart clears a hang; a dead line behind it (``wan_up`` false)
        stays dead."""
        if self._restart is not None:
            self._restart.cancel()  # pulling the plug again restarts the count
        await self.set_state(router_powered=False)
        self._restart = asyncio.create_task(self._power_on_after(offline_s))
        return self._restart

    async def _power_on_after(self, offline_s: float) -> None:
        await asyncio.sleep(offline_s)
        await self.set_state(router_powered=True, router_hung=False)

    async def set_payment(self, mode: TcpMode) -> None:
        self.payment_mode = mode
        await self.sync()

    async def set_internet(self, mode: HttpMode) -> None:
        self.internet_mode = mode
        await self.sync()

    async def sync(self) -> None:
        """Make the shop's far-side simulators match ``online``."""
        shop = self.shop
        if shop is None:
            return
        online = self.online
        payment: TcpMode = self.payment_mode if online else "refused"
        if shop.payment.mode != payment:  # set_mode rebinds the port: only on a change
            await shop.payment.set_mode(payment)
        shop.internet.mode = self.internet_mode if online else "error"
        shop.tls.handshake_delay_s = self.tls_delay_s if online else OFFLINE_TLS_DELAY_S

    async def cancel_restart(self) -> None:
        """Stop a router restart under way: the router stays as it is now."""
        if self._restart is not None:
            self._restart.cancel()
            await asyncio.gather(self._restart, return_exceptions=True)
            self._restart = None

    async def close(self) -> None:
        """Stop a router restart under way (the shop itself is stopped by its owner)."""
        await self.cancel_restart()

    def link_probe(self) -> SimLinkProbe:
        return SimLinkProbe(self)

    def gateway_probe(self) -> SimGatewayProbe:
        return SimGatewayProbe(self)

    def factories(self) -> dict[str, Callable[[], Probe | None]]:
        """For ``ProbeSettings.factories``: the real probe ids, answered by this LAN."""
        return {"network.link": self.link_probe, "network.gateway": self.gateway_probe}

    async def pause(self, low_ms: float, high_ms: float) -> None:
        """A realistic small delay, as psutil or a ping takes."""
        await asyncio.sleep(self.rng.uniform(low_ms, high_ms) / 1000)


class SimLinkProbe:
    """``LinkProbe`` for the adapter named in the settings, as it reports on Windows (psutil
    gives no flags there, so ``admin_up`` is None and there are no carrier/operstate keys)."""

    id = "network.link"

    def __init__(self, lan: SimulatedLan) -> None:
        self.lan = lan
        self.timeout_s = 8.0

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        lan, name = self.lan, self.lan.interface
        progress(None, LOOKING)
        await lan.pause(40, 120)
        carrier = lan.carrier
        detail: dict[str, Any] = {
            "interface": name,
            "isup": carrier,
            "admin_up": None,
            # Windows drops a disconnected adapter's address along with its routes.
            "ipv4": [lan.address] if carrier else [],
        }
        if not carrier:
            return outcome.finish(
                Status.FAIL,
                Text(
                    QT_TR_NOOP(
                        "Network adapter {name} has no connection: check the cable or the Wi-Fi"
                    ),
                    name=name,
                ),
                reason="no_carrier",
                **detail,
            )
        return outcome.finish(
            Status.OK,
            Text(QT_TR_NOOP("Network adapter {name} is connected"), name=name),
            measurements={"speed_mbps": Measurement(lan.speed_mbps, "Mbit/s")},
            **detail,
        )


class SimGatewayProbe:
    """``GatewayProbe`` with ``gateway = "auto"``: ICMP answers from a live router; a hung one
    answers neither ping nor TCP; without a carrier Windows has no default route at all."""

    id = "network.gateway"

    def __init__(self, lan: SimulatedLan) -> None:
        self.lan = lan
        self.timeout_s = 4.0 + PING_ATTEMPTS * 1.0 + 2.0  # as GatewayProbe's default

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        lan, gateway = self.lan, self.lan.gateway
        progress(None, FINDING)
        await lan.pause(20, 60)
        if not lan.carrier:
            return no_gateway(outcome)
        detail: dict[str, Any] = {"gateway": gateway, "interface": lan.interface}
        rtts: list[float] = []
        for seq in range(1, PING_ATTEMPTS + 1):
            progress(seq / (PING_ATTEMPTS + 2), ping_step(seq, PING_ATTEMPTS))
            await lan.pause(15, 60 if lan.router_answers else 100)
            if lan.router_answers:
                rtts.append(lan.rng.uniform(0.4, 2.5))
        if rtts:
            return answered_ping(outcome, rtts, PING_ATTEMPTS, detail)
        progress(0.8, KNOCKING)
        await lan.pause(80, 120)
        return unreachable(
            outcome, "no_reply", {str(port): "timeout" for port in TCP_PORTS}, detail
        )
