"""What the operating system knows: the default route and ICMP echo, dispatched per platform.

The platform modules are imported inside the functions, so ``_route_windows`` (ctypes, Win32)
is only ever imported on Windows and the Linux code never runs on a shop PC.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from posguide.probes.threads import run_blocking


@dataclass(frozen=True)
class DefaultRoute:
    interface: str | None  # the name psutil uses ("eth0", "以太网"); None when unknown
    gateway: str | None  # IPv4 address of the router; None for an on-link default route
    metric: int = 0


class IcmpNotPermitted(Exception):
    """This process may not send ICMP echo (no ping socket, no raw socket): use TCP instead."""


async def find_default_route(timeout_s: float = 3.0) -> DefaultRoute | None:
    """The route the PC uses to reach the internet, or None when it has none."""
    if sys.platform == "win32":
        from posguide.probes.network import _route_windows

        lookup = _route_windows.default_route
    elif sys.platform == "darwin":
        from posguide.probes.network import _route_macos

        lookup = _route_macos.default_route
    else:
        from posguide.probes.network import _route_linux

        lookup = _route_linux.default_route
    return await run_blocking(lookup, timeout_s=timeout_s, name="route")


async def icmp_echo(address: str, timeout_s: float, seq: int = 1) -> float:
    """Round-trip time in ms of one echo to an IPv4 address.

    Raises TimeoutError (no reply), OSError (e.g. host unreachable) or IcmpNotPermitted.
    """
    if sys.platform == "win32":
        from posguide.probes.network import _route_windows

        def send() -> float:
            return _route_windows.icmp_echo(address, timeout_s)
    else:
        from posguide.probes.network import _icmp

        def send() -> float:
            return _icmp.echo(address, timeout_s, seq)

    # The thread's own deadline is timeout_s; the extra second only guards against a hang.
    return await run_blocking(send, timeout_s=timeout_s + 1.0, name="icmp")


def linux_link_state(interface: str) -> dict[str, str | None]:
    """Linux only: /sys carrier and operstate, which see a lost carrier that flags can miss."""
    if sys.platform.startswith("linux"):
        from posguide.probes.network import _route_linux

        return _route_linux.link_state(interface)
    else:
        return {}
