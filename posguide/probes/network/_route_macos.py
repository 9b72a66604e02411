"""macOS: the default route from ``route -n get default`` (no privileges needed).

Importable anywhere (it only runs a command), so the parser is tested on Linux too.
"""

from __future__ import annotations

import ipaddress
import subprocess

from posguide.probes.network.system import DefaultRoute

ROUTE_COMMAND = ("/sbin/route", "-n", "get", "default")


def parse_route_get(text: str) -> DefaultRoute | None:
    """Parse ``route -n get default``; None when it names no interface."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            values[key.strip()] = value.strip()
    interface = values.get("interface") or None
    if interface is None:
        return None
    gateway: str | None = values.get("gateway")
    try:
        # "link#4" means an on-link route without a router; IPv6 is not probed by ICMP here.
        if gateway is None or ipaddress.ip_address(gateway).version != 4:
            gateway = None
    except ValueError:
        gateway = None
    return DefaultRoute(interface, gateway)


def default_route() -> DefaultRoute | None:
    proc = subprocess.run(ROUTE_COMMAND, capture_output=True, text=True, timeout=3, check=False)
    # "route: writing to routing socket: not in table" (exit 1) means there is no default route.
    if proc.returncode != 0:
        return None
    return parse_route_get(proc.stdout)
