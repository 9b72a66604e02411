"""ICMP echo on Linux and macOS, blocking (callers run it through ``run_blocking``).

A "ping socket" (SOCK_DGRAM, IPPROTO_ICMP) needs no privileges on macOS, and on Linux only when
``net.ipv4.ping_group_range`` includes our group (it is "1 0", off, on many distributions). A raw
socket works as root. With neither, IcmpNotPermitted tells the caller to fall back to TCP.
"""

from __future__ import annotations

import itertools
import os
import socket
import struct
import time

from posguide.probes.network.system import IcmpNotPermitted

ECHO_REQUEST = 8
ECHO_REPLY = 0
_idents = itertools.count(os.getpid() & 0xFFFF)


def checksum(data: bytes) -> int:
    """The Internet checksum (RFC 1071)."""
    if len(data) % 2:
        data += b"\0"
    total: int = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def echo_request(ident: int, seq: int, payload: bytes) -> bytes:
    header = struct.pack("!BBHHH", ECHO_REQUEST, 0, 0, ident, seq)
    return struct.pack("!BBHHH", ECHO_REQUEST, 0, checksum(header + payload), ident, seq) + payload


def open_socket() -> tuple[socket.socket, bool]:
    """An ICMP socket and whether it is raw (raw sockets see every ICMP packet to this host)."""
    try:
        return socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP), False
    except OSError:
        pass  # EACCES outside ping_group_range, EPROTONOSUPPORT on old kernels
    try:
        return socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP), True
    except PermissionError as err:
        raise IcmpNotPermitted("no ping socket (ping_group_range), no raw socket (root)") from err


def parse_reply(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(type, ident, seq, payload) of an ICMP message, with any IPv4 header removed."""
    # Raw sockets, and ping sockets on macOS, deliver the IP header too; no ICMP type we
    # care about has 4 in its high nibble, so that nibble tells the two apart.
    if data and data[0] >> 4 == 4:
        data = data[(data[0] & 0x0F) * 4 :]
    if len(data) < 8:
        return None
    kind, _code, _sum, ident, seq = struct.unpack("!BBHHH", data[:8])
    return kind, ident, seq, data[8:]


def echo(address: str, timeout_s: float, seq: int = 1) -> float:
    """Send one echo request; the round-trip time in ms. Raises TimeoutError or OSError."""
    sock, raw = open_socket()
    with sock:
        ident = next(_idents) & 0xFFFF
        payload = b"posguide" + os.urandom(8)  # matched exactly: only our own reply counts
        deadline = time.monotonic() + timeout_s
        t0 = time.perf_counter()
        sock.sendto(echo_request(ident, seq & 0xFFFF, payload), (address, 0))
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no ICMP reply from {address}")
            sock.settimeout(remaining)
            data, source = sock.recvfrom(2048)  # socket.timeout is TimeoutError
            reply = parse_reply(data)
            if source[0] != address or reply is None:
                continue
            kind, got_ident, got_seq, got_payload = reply
            # A ping socket rewrites the identifier itself; a raw one keeps ours.
            if kind != ECHO_REPLY or got_payload != payload or (raw and got_ident != ident):
                continue
            if got_seq == seq & 0xFFFF:
                return (time.perf_counter() - t0) * 1000
