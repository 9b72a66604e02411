"""One visit to the terminal: find the port, open it, talk, close it — all in one worker thread.

Why one thread for the whole visit: the port is opened, used and closed by the same thread, and
closing happens there too, under the same deadline (Windows CH340 drivers can hang in close).
The report is filled in as the visit goes, so if close hangs we still return what was found.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from dataclasses import dataclass, field
from typing import Literal

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import ProgressCallback
from posguide.probes.terminal.exchange import Reply, framed_status, liveness, plain_status
from posguide.probes.terminal.link import (
    Aborted,
    Line,
    LinkFailure,
    ListPorts,
    close_quietly,
    device_name,
    open_port,
    path_present,
    ports_with_vid_pid,
)
from posguide.probes.terminal.params import TerminalTarget
from posguide.probes.threads import run_blocking

log = logging.getLogger("posguide.probes.terminal")

# Progress lines, by stage (above the #: comments below: lupdate would take one as a note).
_STEPS = {
    "port": (0.05, Text(QT_TR_NOOP("Looking for the terminal's port"))),
    "open": (0.2, Text(QT_TR_NOOP("Opening the terminal's port"))),
    "liveness": (0.45, Text(QT_TR_NOOP("Checking that the terminal answers"))),
    "status": (0.7, Text(QT_TR_NOOP("Asking the terminal for its status"))),
    "close": (0.95, Text(QT_TR_NOOP("Closing the port"))),
}

StatusStep = Literal["framed", "plain", "listen"] | None

#: pyserial's socket:// connect timeout is fixed at 5 s; our deadline must not cut it short.
SOCKET_CONNECT_S = 5.0
CLOSE_S = 1.0


@dataclass(frozen=True)
class Plan:
    liveness: bool  # ENQ -> ACK
    status: StatusStep

    @classmethod
    def for_target(cls, target: TerminalTarget) -> Plan:
        status: StatusStep = None
        if target.status_request:
            status = "framed" if target.protocol == "framed" else "plain"
        elif target.protocol == "none":
            status = "listen"  # config docs: no request configured -> only listen
        return cls(liveness=target.protocol in ("enq", "framed"), status=status)

    def budget_s(self, target: TerminalTarget) -> float:
        """Worst case for the whole visit; each read has its own shorter deadline inside."""
        t = target.timeout_s
        total = (max(t, SOCKET_CONNECT_S) if target.is_url else t) + CLOSE_S + 1.0
        if self.liveness:
            total += t + 0.1
        if self.status == "framed":
            total += 4 * t  # request (+1 resend after NAK), reply (+1 after a bad LRC)
        elif self.status is not None:
            total += 2 * t + 0.2
        return total


@dataclass
class Report:
    stage: str = "port"  # the step running (or that failed)
    passed: list[str] = field(default_factory=list)
    failure: LinkFailure | None = None
    ack_ms: float | None = None
    reply: Reply | None = None
    found_ports: list[str] = field(default_factory=list)
    finished: bool = False  # all talking done; only closing may be left
    close_hung: bool = False


def _missing(target: TerminalTarget, list_ports: ListPorts, report: Report, message: str) -> None:
    vid_pid = target.vid_pid()
    if vid_pid is not None:
        try:
            ports = list(list_ports())
        except Exception:  # discovery is a hint; it must not hide the real finding
            log.exception("listing serial ports failed")
            ports = []
        found = ports_with_vid_pid(ports, vid_pid)
        wanted = device_name(target.connection)
        report.found_ports = [p for p in found if device_name(p) != wanted]
    raise LinkFailure("port", "missing", message)


def visit(
    target: TerminalTarget,
    plan: Plan,
    list_ports: ListPorts,
    *,
    report: Report,
    abort: threading.Event,
    step: ProgressCallback,
) -> Report:
    """Blocking: the whole visit. Faults end up in ``report.failure``; only bugs raise."""

    def enter(stage: str) -> None:
        if abort.is_set():
            raise Aborted
        report.stage = stage
        step(*_STEPS[stage])

    port = None
    try:
        if not target.is_url:
            enter("port")
            # Device paths are checked here; COM names only by opening (Windows does not list
            # every virtual port, and an unlisted port that opens is fine).
            if target.connection.startswith("/") and not path_present(target.connection):
                _missing(target, list_ports, report, f"{target.connection} does not exist")
            report.passed.append("port")
        enter("open")
        try:
            port = open_port(target)
        except LinkFailure as failure:
            if failure.reason == "missing":
                _missing(target, list_ports, report, str(failure))
            raise
        report.passed.append("open")
        line = Line(port, "liveness", abort)
        if plan.liveness:
            enter("liveness")
            report.ack_ms = liveness(line, target.timeout_s)
            report.passed.append("liveness")
        if plan.status is not None:
            enter("status")
            if plan.status == "framed":
                request = target.status_request or b""  # Plan.for_target: never empty here
                report.reply = framed_status(line, request, target.timeout_s)
            else:
                report.reply = plain_status(line, target.status_request, target.timeout_s)
            report.passed.append("status")
    except LinkFailure as failure:
        report.failure = failure
    finally:
        report.finished = True
        if port is not None:
            step(*_STEPS["close"])
            close_quietly(port)
    return report


async def run_visit(
    target: TerminalTarget,
    plan: Plan,
    list_ports: ListPorts,
    progress: ProgressCallback,
    *,
    name: str,
) -> Report:
    """``visit`` on a worker thread with its deadline; cancelling stops it and closes the port."""
    loop = asyncio.get_running_loop()
    abort = threading.Event()
    report = Report()

    def step(fraction: float | None, message: Text) -> None:  # called on the worker thread
        # RuntimeError: the loop closed meanwhile (app quitting); the visit still ends cleanly.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(progress, fraction, message)

    try:
        return await run_blocking(
            lambda: visit(target, plan, list_ports, report=report, abort=abort, step=step),
            timeout_s=plan.budget_s(target),
            name=name,
        )
    except TimeoutError:
        abort.set()
        if report.finished:  # the answer is in; only close hung (seen with CH340 on Windows)
            log.warning("closing %s did not finish; the port may stay busy", target.connection)
            report.close_hung = True
        else:
            report.failure = LinkFailure(report.stage, "stuck", "the port stopped responding")
        return report
    except BaseException:  # cancelled: let the thread notice, close the port and end
        abort.set()
        raise
