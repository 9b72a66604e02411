"""Finding how a terminal talks: each link protocol (and, on a serial port, each common speed)
tried with the status request until one gives a reply posguide understands.

The attempts are the terminal probe's own status visits (``TerminalProbe``), so what detection
finds is exactly what the wizard will use. Most specific first: a framed terminal also ACKs an
ENQ, and a plain-text one answers nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from posguide.probes import Status
from posguide.probes.base import no_progress
from posguide.probes.terminal import TerminalProbe, TerminalTarget

PROTOCOL_ORDER = ("framed", "enq", "none")
# The speeds card terminals ship with, commonest first; the rest of BAUD_RATES stay in the
# settings for the rare terminal.
SPEEDS = (9600, 115200, 19200, 38400, 57600)
ATTEMPT_TIMEOUT_S = 0.3  # a terminal that understands answers within a few ms
DEFAULT_REQUEST = "STATUS?"


@dataclass(frozen=True)
class Attempt:
    protocol: str
    baud_rate: int | None  # None on a socket: no speed
    meaning: str | None  # what the reply meant ("ok", "maintenance", ...), None: no answer
    reply: str = ""
    request: str = ""  # the status request as sent: plain-text terminals want a line end
    stage: str = ""  # where it failed: "port", "liveness" (no ACK to ENQ), "status", ...
    reason: str = ""  # why, as the terminal probe says it ("missing", "busy", "silent", ...)
    summary: str = ""  # the probe's own words (English source), for the log


@dataclass(frozen=True)
class Detection:
    connection: str
    found: Attempt | None
    attempts: tuple[Attempt, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return self.found is not None


def is_socket(connection: str) -> bool:
    return "://" in connection


async def detect_terminal(
    connection: str,
    *,
    status_request: str = DEFAULT_REQUEST,
    on_attempt: Callable[[Attempt], None] = lambda _: None,
) -> Detection:
    """Try each protocol (x speed on a serial port) until a reply is understood."""
    t0 = time.monotonic()
    speeds: tuple[int | None, ...] = (None,) if is_socket(connection) else SPEEDS
    tried: list[Attempt] = []
    for baud in speeds:
        no_ack = False
        for protocol in PROTOCOL_ORDER:
            if protocol == "enq" and no_ack:
                continue  # the same ENQ went unanswered a moment ago: spare the timeout
            attempt = await _try(connection, protocol, baud, status_request)
            tried.append(attempt)
            on_attempt(attempt)
            if attempt.meaning is not None:
                return Detection(connection, attempt, tuple(tried), time.monotonic() - t0)
            if attempt.stage == "port":  # missing or held by another program: same at any speed
                return Detection(connection, None, tuple(tried), time.monotonic() - t0)
            no_ack = attempt.stage == "liveness"
    return Detection(connection, None, tuple(tried), time.monotonic() - t0)


def request_for(protocol: str, request: str) -> str:
    """A frame carries its own end; a plain-text request ends with a line end."""
    if protocol == "framed" or request.endswith("\n"):
        return request
    return request + "\r\n"


async def _try(connection: str, protocol: str, baud: int | None, request: str) -> Attempt:
    request = request_for(protocol, request)
    target = TerminalTarget(
        terminal_id="detect",
        connection=connection,
        baud_rate=baud or 9600,
        protocol=protocol,  # type: ignore[arg-type]  # one of PROTOCOL_ORDER
        status_request=request.encode("ascii"),
        timeout_s=ATTEMPT_TIMEOUT_S,
    )
    result = await TerminalProbe(target).check(no_progress)
    meaning = result.detail.get("meaning") if result.status is not Status.ERROR else None
    reply = str(result.detail.get("reply") or "")
    return Attempt(
        protocol,
        baud,
        meaning if isinstance(meaning, str) else None,
        reply,
        request,
        stage=str(result.detail.get("stage") or ""),
        reason=str(result.detail.get("reason") or ""),
        summary=result.summary,
    )
