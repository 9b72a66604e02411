"""Linux: the default route from /proc/net/route, the carrier from /sys/class/net.

Both are per network namespace, so the probes see the namespace they run in (the tests rely on
this). Reading them needs no privileges.
"""

from __future__ import annotations

import socket
import struct
from pathlib import Path

from posguide.probes.network.system import DefaultRoute

PROC_ROUTE = Path("/proc/net/route")
SYS_NET = Path("/sys/class/net")
RTF_UP = 0x1
RTF_GATEWAY = 0x2


def parse_routes(text: str) -> list[DefaultRoute]:
    """Default routes (destination and mask 0, flag UP), lowest metric first. Without the
    GATEWAY flag (PPP, some VPNs) the route is on-link: gateway None.

    Lines that do not parse are skipped: a garbled table means "no usable route", not a crash.
    """
    routes: list[DefaultRoute] = []
    for line in text.splitlines()[1:]:  # the first line is the header
        fields = line.split()
        if len(fields) < 8:
            continue
        iface, dest, gateway, flags, _refcnt, _use, metric, mask = fields[:8]
        try:
            if int(dest, 16) != 0 or int(mask, 16) != 0:
                continue
            bits = int(flags, 16)
            if not bits & RTF_UP:
                continue
            # The kernel prints the address as a host-order (little-endian) hex number.
            address = socket.inet_ntoa(struct.pack("<I", int(gateway, 16)))
            on_link = not bits & RTF_GATEWAY
            routes.append(DefaultRoute(iface, None if on_link else address, int(metric)))
        except (ValueError, struct.error):
            continue
    return sorted(routes, key=lambda route: route.metric)


def default_route(path: Path = PROC_ROUTE) -> DefaultRoute | None:
    routes = parse_routes(path.read_text(encoding="ascii", errors="replace"))
    return routes[0] if routes else None


def _read(interface: str, name: str) -> str | None:
    try:
        return (SYS_NET / interface / name).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        # carrier reads EINVAL while the interface is administratively down
        return None


def link_state(interface: str) -> dict[str, str | None]:
    """``carrier`` ("1", "0" or None) and ``operstate`` ("up", "down", "dormant", ...)."""
    if not interface or "/" in interface or interface in {".", ".."}:
        return {"carrier": None, "operstate": None}
    return {"carrier": _read(interface, "carrier"), "operstate": _read(interface, "operstate")}
