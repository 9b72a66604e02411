"""The conversations with the terminal: ENQ/ACK liveness, framed and plain status requests.

Each function takes an open ``Line``, runs in the worker thread and either returns what it
measured or raises ``LinkFailure`` with a reason the verdict logic can use:

- liveness: ``no_ack`` (nothing came back), ``nak``, ``garbage`` (bytes, but not one clean ACK).
- status: ``no_ack`` (request not acknowledged), ``nak`` (rejected twice), ``silent`` (ACK but no
  reply), ``garbage``, ``incomplete`` (a frame that stopped half way), ``bad_lrc`` (check byte
  wrong twice, after one NAK asking for a resend).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from posguide.probes.terminal.framing import (
    ACK,
    ENQ,
    ETX,
    MAX_PAYLOAD,
    NAK,
    STX,
    encode_frame,
    frame_ok,
)
from posguide.probes.terminal.link import Line, LinkFailure

#: Junk tolerated before a reply's STX (a stray NUL or line noise at power-up); more is garbage.
MAX_LEADING_JUNK = 16


@dataclass(frozen=True)
class Reply:
    payload: bytes
    rtt_ms: float
    attempts: int  # frames received (2 after one bad LRC)


def liveness(line: Line, timeout_s: float) -> float:
    """Send ENQ, expect exactly one ACK; return the ACK latency in ms."""
    t0 = time.perf_counter()
    line.write(bytes([ENQ]))
    first = line.read_some(time.monotonic() + timeout_s)
    latency_ms = (time.perf_counter() - t0) * 1000
    if not first:
        raise LinkFailure("liveness", "no_ack", "the terminal did not answer ENQ")
    received = first + line.settle()
    if received == bytes([ACK]):
        return latency_ms
    if received == bytes([NAK]):
        raise LinkFailure("liveness", "nak", "the terminal refused ENQ (NAK)")
    # An ACK amid noise still means a bad line (wrong baud rate, cable fault): report it.
    raise LinkFailure(
        "liveness",
        "garbage",
        "the terminal answered ENQ with unreadable bytes",
        received=len(received),
    )


def _send_request(line: Line, frame: bytes, timeout_s: float) -> None:
    """Write the request until it is acknowledged; one resend after a NAK."""
    for attempt in (1, 2):
        line.write(frame)
        first = line.read_some(time.monotonic() + timeout_s)
        if not first:
            raise LinkFailure("status", "no_ack", "the terminal did not acknowledge the request")
        head, rest = first[0], first[1:]
        line.unread(rest)
        if head == ACK:
            return
        if head == STX:  # some terminals answer without acknowledging first
            line.unread(first[:1])
            return
        if head != NAK:
            raise LinkFailure("status", "garbage", "unreadable answer to the status request")
        if attempt == 2:
            raise LinkFailure("status", "nak", "the terminal rejected the status request twice")


def _read_frame(line: Line, timeout_s: float) -> tuple[bytes, bool]:
    """Read STX payload ETX LRC; return (payload, check byte correct)."""
    deadline = time.monotonic() + timeout_s
    buffer = bytearray()
    started = False
    junk = 0
    while True:
        chunk = line.read_some(deadline)
        if not chunk:
            if not started and junk == 0:
                raise LinkFailure("status", "silent", "the terminal acknowledged but sent no reply")
            if not started:
                raise LinkFailure("status", "garbage", "unreadable reply", received=junk)
            raise LinkFailure(
                "status", "incomplete", "the reply stopped half way", received=len(buffer)
            )
        for index, byte in enumerate(chunk):
            if not started:
                if byte == STX:
                    started = True
                else:
                    junk += 1
                    if junk > MAX_LEADING_JUNK:
                        raise LinkFailure("status", "garbage", "unreadable reply", received=junk)
                continue
            if buffer and buffer[-1] == ETX:  # this byte is the check byte
                line.unread(chunk[index + 1 :])
                payload = bytes(buffer[:-1])
                return payload, frame_ok(payload, byte)
            buffer.append(byte)
            if len(buffer) > MAX_PAYLOAD + 1:
                raise LinkFailure("status", "garbage", "reply too long", received=len(buffer))


def framed_status(line: Line, request: bytes, timeout_s: float) -> Reply:
    """STX request ETX LRC → ACK → framed reply (ACKed; NAKed and re-read once on a bad LRC)."""
    line.stage = "status"
    t0 = time.perf_counter()
    _send_request(line, encode_frame(request), timeout_s)
    for attempt in (1, 2):
        payload, good = _read_frame(line, timeout_s)
        if good:
            line.write(bytes([ACK]))
            return Reply(payload, (time.perf_counter() - t0) * 1000, attempt)
        if attempt == 1:
            line.write(bytes([NAK]))  # ask for the frame again
    raise LinkFailure("status", "bad_lrc", "the reply's check byte was wrong twice", attempts=2)


def plain_status(line: Line, request: bytes | None, timeout_s: float) -> Reply | None:
    """Protocol none/enq: send the request as is (or nothing) and take the text that comes back.

    The reply ends at a newline or after 0.1 s of quiet. With no request we only listen, and
    silence is not a fault (None): the terminal may simply not talk unless asked.
    """
    line.stage = "status"
    t0 = time.perf_counter()
    if request:
        line.write(request)
    first = line.read_some(time.monotonic() + timeout_s)
    if not first:
        if request:
            raise LinkFailure("status", "silent", "the terminal did not answer the request")
        return None
    received = bytearray(first)
    deadline = time.monotonic() + timeout_s
    while b"\n" not in received and len(received) <= MAX_PAYLOAD and time.monotonic() < deadline:
        chunk = line.read_some(min(deadline, time.monotonic() + 0.1))
        if not chunk:
            break
        received += chunk
    return Reply(bytes(received[:MAX_PAYLOAD]), (time.perf_counter() - t0) * 1000, 1)
