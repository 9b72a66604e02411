"""Name lookup and TCP connects shared by the gateway, payment and TLS probes.

getaddrinfo blocks, so it runs through ``run_blocking``; connects go to the numeric address,
which asyncio handles without any thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import time
from collections.abc import Iterable
from typing import Any

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Outcome, ProbeResult, Status
from posguide.probes.errors import error_kind
from posguide.probes.threads import run_blocking

# A failed lookup, connect or handshake in one short word: dns, timeout, refused, reset...
classify = error_kind


def host_port(host: str, port: int) -> str:
    """``host:port`` as shown to people; IPv6 in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def normalise_hosts(hosts: Iterable[Any]) -> tuple[tuple[str, int], ...]:
    """(host, port) pairs from what the config or JSON gives (lists, strings); a malformed
    entry is kept as ("?", 0) so the probe can report it instead of crashing on it."""
    out = []
    for entry in hosts:
        try:
            host, port = entry
            out.append((str(host), int(port)))
        except (TypeError, ValueError):
            out.append((repr(entry), 0))
    return tuple(out)


def valid_host_port(host: str, port: int) -> bool:
    return bool(host) and 0 < port < 65536 and not any(c.isspace() for c in host)


def bad_hosts(outcome: Outcome, hosts: Iterable[tuple[str, int]]) -> ProbeResult:
    bad = [host_port(h, p) for h, p in hosts if not valid_host_port(h, p)]
    return outcome.finish(
        Status.ERROR,
        Text(
            QT_TR_NOOP("The payment host {host} in the settings is not a valid host and port"),
            host=bad[0],
        ),
        reason="bad_config",
        invalid=bad,
    )


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def resolve(host: str, port: int, timeout_s: float) -> str:
    """The first address of ``host``, IPv4 preferred (as the terminals use). Raises
    socket.gaierror or TimeoutError."""
    if is_ip(host):
        return host

    def lookup() -> list[str]:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        return [str(info[4][0]) for info in infos]

    addresses = await run_blocking(lookup, timeout_s=timeout_s, name="getaddrinfo")
    if not addresses:
        raise socket.gaierror(socket.EAI_NONAME, "no address")
    return next((a for a in addresses if ":" not in a), addresses[0])


async def open_stream(
    address: str, port: int, timeout_s: float, **kwargs: Any
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """``asyncio.open_connection`` with a deadline that never leaks the socket.

    Cancelled by its deadline (or by the wizard moving on) just as the connection completes,
    ``wait_for`` on Python 3.11 can drop the new connection unclosed; here whoever ends up with
    it closes it."""
    task = asyncio.ensure_future(asyncio.open_connection(address, port, **kwargs))
    try:
        async with asyncio.timeout(timeout_s):
            return await asyncio.shield(task)
    except BaseException:
        task.cancel()
        task.add_done_callback(_close_if_opened)
        raise


def _close_if_opened(
    task: asyncio.Future[tuple[asyncio.StreamReader, asyncio.StreamWriter]],
) -> None:
    if not task.cancelled() and task.exception() is None:
        task.result()[1].close()


async def connect_ms(address: str, port: int, timeout_s: float) -> float:
    """Open and close one TCP connection to a numeric address; the connect time in ms."""
    t0 = time.perf_counter()
    _reader, writer = await open_stream(address, port, timeout_s)
    elapsed = (time.perf_counter() - t0) * 1000
    writer.close()
    with contextlib.suppress(OSError):  # the peer reset first: the time is already taken
        await writer.wait_closed()
    return elapsed
