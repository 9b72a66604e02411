"""Is the PC's network adapter connected (cable plugged in, Wi-Fi associated)?

An unplugged cable leaves the default route in place on Linux, so the route only tells us
*which* adapter to look at; the carrier itself comes from psutil (IFF_RUNNING) and, on Linux,
from /sys/class/net. Windows drops an unplugged adapter's routes instead, which is why "no
default route" looks at every adapter before blaming the router.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any

import psutil

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.network.system import find_default_route, linux_link_state
from posguide.probes.threads import run_blocking

# operstate values meaning "no usable link" (dormant: Wi-Fi/802.1X not yet authenticated).
_DOWN_STATES = {"down", "lowerlayerdown", "notpresent", "dormant"}


@dataclass(frozen=True)
class LinkParams:
    interface: str | None = None  # None or "": the adapter carrying the default route


@dataclass(frozen=True)
class _Adapter:
    name: str
    isup: bool
    admin_up: bool | None  # None where psutil gives no flags (Windows)
    speed_mbps: int
    loopback: bool


def _adapters() -> dict[str, _Adapter]:
    adapters = {}
    for name, st in psutil.net_if_stats().items():
        flags = set(st.flags.split(",")) if st.flags else set()
        loopback = "loopback" in flags or name == "lo" or name.lower().startswith("loopback")
        admin_up = ("up" in flags) if flags else None
        adapters[name] = _Adapter(name, bool(st.isup), admin_up, int(st.speed), loopback)
    return adapters


def _ipv4(name: str) -> list[str]:
    return [a.address for a in psutil.net_if_addrs().get(name, []) if a.family == socket.AF_INET]


LOOKING = Text(QT_TR_NOOP("Looking at the network adapter"))  # progress; training's too


class LinkProbe:
    id = "network.link"

    def __init__(self, params: LinkParams = LinkParams()) -> None:
        self.params = params
        self.timeout_s = 8.0

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        progress(None, LOOKING)
        # psutil asks the OS adapter by adapter; slow on some Windows PCs, so off the loop.
        adapters = await run_blocking(_adapters, timeout_s=5.0, name="net_if_stats")
        name = self.params.interface or None
        if name is None:
            route = await find_default_route()
            if route is None or route.interface is None:
                return self._no_route(outcome, adapters)
            name = route.interface
        adapter = adapters.get(name)
        if adapter is None:
            available = sorted(a.name for a in adapters.values() if not a.loopback)
            return outcome.finish(
                Status.FAIL,
                Text(QT_TR_NOOP("Network adapter {name} was not found on this PC"), name=name),
                interface=name,
                reason="no_interface",
                available=available,
            )
        state = linux_link_state(name)
        addresses = await run_blocking(lambda: _ipv4(name), timeout_s=5.0, name="net_if_addrs")
        detail: dict[str, Any] = {
            "interface": name,
            "isup": adapter.isup,
            "admin_up": adapter.admin_up,
            "ipv4": addresses,
            **state,
        }
        measurements = {}
        if adapter.speed_mbps > 0:  # 0: unknown (virtual adapters, some Wi-Fi drivers)
            measurements["speed_mbps"] = Measurement(adapter.speed_mbps, "Mbit/s")
        if adapter.admin_up is False:
            return outcome.finish(
                Status.FAIL,
                Text(QT_TR_NOOP("Network adapter {name} is switched off"), name=name),
                reason="no_carrier",
                **detail,
            )
        if (
            not adapter.isup
            or state.get("carrier") == "0"
            or state.get("operstate") in _DOWN_STATES
        ):
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
        usable = [a for a in addresses if not ipaddress.ip_address(a).is_link_local]
        if not usable and not adapter.loopback:
            # 169.254.x.x (or nothing): the router's DHCP did not give this PC an address.
            return outcome.finish(
                Status.WARN,
                Text(
                    QT_TR_NOOP(
                        "Network adapter {name} is connected but got no address from the router"
                    ),
                    name=name,
                ),
                measurements=measurements,
                reason="no_address",
                **detail,
            )
        return outcome.finish(
            Status.OK,
            Text(QT_TR_NOOP("Network adapter {name} is connected"), name=name),
            measurements=measurements,
            **detail,
        )

    def _no_route(self, outcome: Outcome, adapters: dict[str, _Adapter]) -> ProbeResult:
        candidates = sorted(a.name for a in adapters.values() if not a.loopback)
        connected = [
            n for n in candidates if adapters[n].isup and linux_link_state(n).get("carrier") != "0"
        ]
        single = candidates[0] if len(candidates) == 1 else None
        if not connected:
            return outcome.finish(
                Status.FAIL,
                Text(QT_TR_NOOP("No network adapter is connected: check the cable or the Wi-Fi")),
                interface=single,
                reason="no_carrier",
                candidates=candidates,
            )
        return outcome.finish(
            Status.FAIL,
            Text(
                QT_TR_NOOP(
                    "Connected, but this PC has no way out to the network (no default gateway)"
                )
            ),
            interface=connected[0] if len(connected) == 1 else None,
            reason="no_default_route",
            candidates=candidates,
            connected=connected,
        )
