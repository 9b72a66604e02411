"""TerminalProbe: is the card terminal connected, alive, and what does it say about itself?

The chain stops at the first failure: port present → port opens → ENQ/ACK (protocols enq and
framed) → status request (when configured). Detail keys for the verdict logic:

- always: ``terminal_id``, ``connection``, ``protocol``, ``passed`` (stages that succeeded)
- fail/warn from the link: ``stage`` (port/open/liveness/status), ``reason``, ``error``
- missing port with ``usb_vid_pid`` set: ``found_port`` (first match or None), ``found_ports``
- a status reply: ``meaning`` (None if no pattern matched), ``reply`` (card numbers masked),
  ``reply_encoding``, ``attempts``; with ``stage`` "status" and ``reason`` = meaning when the
  meaning is not "ok" (``unknown_reply`` when nothing matched)
"""

from __future__ import annotations

import re
from typing import Any

import serial.tools.list_ports

from posguide.i18n import QT_TR_NOOP, Text
from posguide.privacy import mask_card_numbers
from posguide.probes.base import (
    DONE,
    Measurement,
    Outcome,
    ProbeResult,
    ProgressCallback,
    Status,
)
from posguide.probes.base import no_progress as _no_progress
from posguide.probes.terminal.framing import decode_text, printable
from posguide.probes.terminal.link import ListPorts
from posguide.probes.terminal.params import (
    BAD_SETTINGS,
    TargetError,
    TerminalTarget,
    classify_reply,
)
from posguide.probes.terminal.session import Plan, Report, run_visit

# (stage or "*", reason) -> summary; {conn} is the configured port (a COM port or device node
# is something to check), {terminal} the terminal's name (for a network address, which is not).
_FAILURES = {
    ("port", "missing"): QT_TR_NOOP(
        "Terminal port {conn} not found: check the terminal's USB cable"
    ),
    ("open", "busy"): QT_TR_NOOP("Another program is using {conn}: close it and check again"),
    ("open", "permission"): QT_TR_NOOP("This computer user may not open {conn}: ask IT for access"),
    ("open", "refused"): QT_TR_NOOP("{terminal} refused the connection: is it switched on?"),
    ("open", "unreachable"): QT_TR_NOOP("{terminal} does not respond on the network"),
    ("open", "unresolved"): QT_TR_NOOP("The network address of {terminal} is unknown"),
    ("open", "open_failed"): QT_TR_NOOP("Could not open the terminal's port {conn}"),
    ("liveness", "no_ack"): QT_TR_NOOP(
        "The terminal does not answer: check that it is on and plugged in"
    ),
    ("liveness", "nak"): QT_TR_NOOP("The terminal refused the check: it may be busy"),
    ("liveness", "garbage"): QT_TR_NOOP(
        "The terminal's answer is unreadable: check the cable and speed ({baud})"
    ),
    ("status", "no_ack"): QT_TR_NOOP("The terminal did not accept the status request"),
    ("status", "nak"): QT_TR_NOOP("The terminal rejected the status request"),
    ("status", "silent"): QT_TR_NOOP("The terminal answers but does not report its status"),
    ("status", "garbage"): QT_TR_NOOP(
        "The terminal's status reply is unreadable: check the cable and speed"
    ),
    ("status", "incomplete"): QT_TR_NOOP("The terminal's status reply stopped half way"),
    ("status", "bad_lrc"): QT_TR_NOOP(
        "The terminal's status reply arrived damaged twice: check the cable"
    ),
    ("*", "vanished"): QT_TR_NOOP("The connection to the terminal was lost during the check"),
    ("*", "stuck"): QT_TR_NOOP("The terminal's port stopped responding"),
}

# meaning -> (status, summary). busy and signed_out are warnings: the link works and the
# cashier can act (wait, or sign in on the terminal); error and maintenance are faults.
_MEANINGS = {
    "ok": (Status.OK, QT_TR_NOOP("The terminal answers and reports it is ready")),
    "maintenance": (Status.FAIL, QT_TR_NOOP("The terminal reports it is under maintenance")),
    "error": (Status.FAIL, QT_TR_NOOP("The terminal reports a fault")),
    "busy": (
        Status.WARN,
        QT_TR_NOOP("The terminal is busy with a payment: check again in a minute"),
    ),
    "signed_out": (Status.WARN, QT_TR_NOOP("The terminal is signed out: sign in on the terminal")),
}


class TerminalProbe:
    """One terminal (``probe_id`` "terminal", or "backup.terminal" for the backup device)."""

    def __init__(
        self,
        target: TerminalTarget,
        *,
        probe_id: str = "terminal",
        list_ports: ListPorts = serial.tools.list_ports.comports,
    ) -> None:
        self.id = probe_id
        self.target = target
        self._list_ports = list_ports
        self._plan = Plan.for_target(target)
        # Our own deadlines are shorter, so the runner's timeout only catches bugs.
        self.timeout_s = self._plan.budget_s(target) + 1.0

    async def check(self, progress: ProgressCallback = _no_progress) -> ProbeResult:
        target = self.target
        outcome = Outcome(self.id)
        base: dict[str, Any] = {
            "terminal_id": target.terminal_id,
            "connection": target.connection,
            "protocol": target.protocol,
        }
        if not target.connection.strip():
            return outcome.finish(
                Status.SKIPPED,
                Text(QT_TR_NOOP("The terminal is not connected to this computer")),
                **base,
            )
        try:
            target.check()
            patterns = target.compiled_patterns()
        except TargetError as err:
            return outcome.finish(
                Status.ERROR,
                Text(BAD_SETTINGS),
                reason="bad_config",
                error=str(err),
                **base,
            )
        report = await run_visit(target, self._plan, self._list_ports, progress, name=self.id)
        progress(1.0, DONE)
        return self._result(outcome, report, patterns, base)

    def _result(
        self,
        outcome: Outcome,
        report: Report,
        patterns: list[tuple[str, list[re.Pattern[str]]]],
        base: dict[str, Any],
    ) -> ProbeResult:
        target = self.target
        detail: dict[str, object] = {**base, "passed": list(report.passed)}
        measurements: dict[str, Measurement] = {}
        if report.ack_ms is not None:
            measurements["ack_latency_ms"] = Measurement(round(report.ack_ms, 1), "ms")
        if report.close_hung:
            detail["close_hung"] = True
        failure = report.failure
        if failure is not None:
            detail.update(stage=failure.stage, reason=failure.reason, error=str(failure))
            detail.update(failure.detail)
            if failure.reason == "missing" and target.vid_pid() is not None:
                detail["found_ports"] = report.found_ports
                detail["found_port"] = report.found_ports[0] if report.found_ports else None
            if failure.reason == "bad_config":
                summary = Text(BAD_SETTINGS)
                return outcome.finish(Status.ERROR, summary, measurements=measurements, **detail)
            return outcome.finish(
                Status.FAIL,
                self._failure_summary(failure.stage, failure.reason, detail),
                measurements=measurements,
                **detail,
            )
        reply = report.reply
        if reply is None:
            summary = Text(
                QT_TR_NOOP("The terminal answers")
                if self._plan.liveness
                else QT_TR_NOOP("The terminal's port opens")
            )
            status = Status.WARN if report.close_hung else Status.OK
            return outcome.finish(status, summary, measurements=measurements, **detail)

        measurements["status_rtt_ms"] = Measurement(round(reply.rtt_ms, 1), "ms")
        text, encoding = decode_text(reply.payload)
        meaning = classify_reply(text, patterns)
        detail.update(
            meaning=meaning,
            reply=printable(mask_card_numbers(text)),  # mask first: truncating could split a PAN
            reply_encoding=encoding,
            attempts=reply.attempts,
        )
        if meaning is None:
            status, template = (
                Status.WARN,
                QT_TR_NOOP("The terminal's status reply was not recognised"),
            )
        else:
            status, template = _MEANINGS.get(
                meaning, (Status.WARN, QT_TR_NOOP("The terminal reports: {meaning}"))
            )
        summary = Text(template, meaning=(meaning or "").replace("_", " "))
        if meaning != "ok":
            detail.update(stage="status", reason=meaning or "unknown_reply")
        if report.close_hung and status is Status.OK:
            status = Status.WARN
        return outcome.finish(status, summary, measurements=measurements, **detail)

    def _failure_summary(self, stage: str, reason: str, detail: dict[str, object]) -> Text:
        target = self.target
        template = _FAILURES.get((stage, reason)) or _FAILURES.get(("*", reason))
        if stage == "port" and detail.get("found_port"):
            return Text(
                QT_TR_NOOP("The terminal is on {found}, not {conn}: update the port setting"),
                found=detail["found_port"],
                conn=target.connection,
            )
        if template is None:
            return Text(QT_TR_NOOP("The terminal check failed (see the details)"))
        return Text(template, conn=target.connection, terminal=target.label, baud=target.baud_rate)
