"""RebootWatcher: after the cashier restarts the terminal, see it go offline and come back.

"Offline" is any failed visit: the port cannot be opened (a USB terminal's port vanishes;
a LAN terminal refuses connections), reads fail, or ENQ goes unanswered while it boots. "Back"
is the first clean ENQ→ACK, or for protocol "none" the first successful open. Each poll is a
full open-talk-close visit, so the port is never held between polls.

Result (id "terminal.reboot" by default): measurements ``offline_s`` (first poll that failed to
first poll that succeeded) and ``back_after_s`` (watch start to back online); detail
``went_offline``, ``came_back`` and ``last_reason`` (why the last failed poll failed, e.g.
"busy" when another program holds the port, so "never came back" can be explained).
Precision is one poll interval. A reboot shorter than ``poll_s`` can be missed (then: warn).
With protocol "none" on an adapter that stays plugged in, nothing changes when the terminal
restarts, so expect the warning there.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import serial.tools.list_ports

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.base import no_progress as _no_progress
from posguide.probes.terminal.link import ListPorts
from posguide.probes.terminal.params import BAD_SETTINGS, TargetError, TerminalTarget
from posguide.probes.terminal.session import Plan, run_visit


class RebootWatcher:
    """Watch one terminal restart; ``timeout_s`` covers ``deadline_s`` plus one last poll."""

    def __init__(
        self,
        target: TerminalTarget,
        *,
        deadline_s: float = 180.0,
        poll_s: float = 1.0,
        probe_id: str = "terminal.reboot",
        list_ports: ListPorts = serial.tools.list_ports.comports,
    ) -> None:
        self.id = probe_id
        self.target = target
        self.deadline_s = deadline_s
        self.poll_s = poll_s
        self._list_ports = list_ports
        self._plan = Plan(liveness=target.protocol in ("enq", "framed"), status=None)
        self.timeout_s = deadline_s + self._plan.budget_s(target) + 1.0
        self._last_reason: str | None = None

    async def _alive(self) -> bool:
        report = await run_visit(
            self.target, self._plan, self._list_ports, _no_progress, name=self.id
        )
        if report.failure is not None:
            self._last_reason = report.failure.reason
            return False
        return True

    async def check(self, progress: ProgressCallback = _no_progress) -> ProbeResult:
        outcome = Outcome(self.id)
        target = self.target
        base: dict[str, Any] = {"terminal_id": target.terminal_id, "connection": target.connection}
        try:
            self.target.check()
        except TargetError as err:
            return outcome.finish(
                Status.ERROR,
                Text(BAD_SETTINGS),
                reason="bad_config",
                error=str(err),
                **base,
            )
        start = time.monotonic()
        deadline = start + self.deadline_s
        offline_at: float | None = None
        progress(0.0, Text(QT_TR_NOOP("Waiting for the terminal to go offline")))
        while True:
            polled_at = time.monotonic()
            alive = await self._alive()
            now = time.monotonic()
            fraction = min(1.0, (now - start) / self.deadline_s)
            if offline_at is None and not alive:
                offline_at = polled_at
            if offline_at is not None:
                if alive:
                    progress(1.0, Text(QT_TR_NOOP("The terminal is back online")))
                    return outcome.finish(
                        Status.OK,
                        Text(
                            QT_TR_NOOP("The terminal restarted and was back after {back_s:.0f} s"),
                            back_s=polled_at - start,
                        ),
                        measurements={
                            "offline_s": Measurement(round(polled_at - offline_at, 2), "s"),
                            "back_after_s": Measurement(round(polled_at - start, 2), "s"),
                        },
                        went_offline=True,
                        came_back=True,
                        last_reason=self._last_reason,
                        **base,
                    )
                progress(fraction, Text(QT_TR_NOOP("Offline for {s:.0f} s"), s=now - offline_at))
            if now >= deadline:
                break
            await asyncio.sleep(max(0.0, min(polled_at + self.poll_s, deadline) - now))

        if offline_at is None:
            progress(1.0, Text(QT_TR_NOOP("The terminal stayed online")))
            return outcome.finish(
                Status.WARN,
                Text(QT_TR_NOOP("The terminal never went offline: maybe it was not restarted")),
                went_offline=False,
                came_back=False,
                reason="never_offline",
                **base,
            )
        progress(1.0, Text(QT_TR_NOOP("The terminal did not come back")))
        return outcome.finish(
            Status.FAIL,
            Text(
                QT_TR_NOOP("The terminal did not come back within {deadline_s:g} s"),
                deadline_s=self.deadline_s,
            ),
            measurements={"offline_s": Measurement(round(time.monotonic() - offline_at, 2), "s")},
            went_offline=True,
            came_back=False,
            reason="not_back",
            last_reason=self._last_reason,
            **base,
        )
