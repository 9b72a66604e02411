"""The incident behind the window: one FlowSession, recorded in the store as it happens.

The FlowSession is the only navigation state: the window shows the page of its current step
(or the finish page once it has finished) and calls ``next``/``skip``/``back`` here. Widgets
call in (answers, notes, photos) and listen to signals; probes run as asyncio tasks on the Qt
loop (qasync), so the window never waits for them. Every change is committed at once: a crash
or power cut loses nothing but the keystroke in progress.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from posguide.config import Provider, ShopConfig, Terminal
from posguide.flow import FlowContext, FlowSession, Playbook
from posguide.gui.i18n import translate as _translate
from posguide.gui.step_checks import StepChecks
from posguide.probe_records import to_record
from posguide.probes import Probe, ProbeResult
from posguide.probes.settings import ProbeSettings
from posguide.store import IncidentStore, StoreError
from posguide.timeutil import now, parse_iso

if TYPE_CHECKING:
    from posguide.reports import FaultReport

# The probes (aiohttp, dnspython, pyscard, icalendar...), alerts and reports are imported when
# first used, not at start: the first page is up in a fraction of the time.

log = logging.getLogger("posguide.gui.controller")

# Questions whose answers fill the incident's own fields (the history list and the report).
INCIDENT_FIELDS = {"terminal": "terminal", "staff": "reported_by", "code": "error_code"}
SHOWS_TEXT = {"maintenance": "在维护中", "code": "错误代码", "other": ""}


@dataclass(frozen=True)
class Setup:
    """Everything the controller needs from the app."""

    store: IncidentStore
    config: ShopConfig
    playbook: Playbook
    probe_settings: ProbeSettings
    training: bool = False
    language: str = "zh_CN"
    debrief: str = ""  # training: what the situation was and what was right, shown at the end
    speed: float = 1.0  # training runs faster than life: its alerts are retried faster too
    scenario: str = ""  # training: the situation played, kept with each incident


class IncidentController(QObject):
    moved = Signal()  # the session moved (next, skip, back, start, resume): show its page
    probeStarted = Signal(str)
    probeProgress = Signal(str, object, str)
    probeFinished = Signal(object)  # ProbeResult
    probesDone = Signal(str)  # step id
    photoStored = Signal(int, bytes, str)
    photoRemoved = Signal(int)
    photoFailed = Signal(str)
    recheckCountdown = Signal(int)  # seconds until the checks run again by themselves; -1: none
    # Per channel, as each attempt happens: (label, "sending" | "sent" | "retrying" | "failed",
    # seconds to the next attempt or None).
    alertStatus = Signal(str, str, object)
    storeFailed = Signal(str)

    def __init__(self, setup: Setup, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setup = setup
        self.store = setup.store
        self.config = setup.config
        self.incident_id: int | None = None
        self.session: FlowSession | None = None
        self.step_rows: dict[str, int] = {}
        self.notes: dict[str, str] = {}  # step id -> the notes typed there
        self.started_at = now()
        self._tasks: set[asyncio.Task[Any]] = set()
        self.checks = StepChecks(
            build=self._build,
            spawn=self._spawn,
            started=self.probeStarted.emit,
            progress=self.probeProgress.emit,
            finished=self._record,
            done=self.probesDone.emit,
            countdown=self.recheckCountdown.emit,
        )
        self._alerted = False
        self._incident_fields: dict[str, str] = {}

    # --- lifecycle -----------------------------------------------------------------------------

    def context(self, terminal: Terminal | None = None) -> FlowContext:
        terminals = [t.id for t in self.config.terminals]
        default = self.config.default_terminal()
        if default is not None:
            terminals.remove(default.id)
            terminals.insert(0, default.id)
        chosen = terminal or default
        return FlowContext(
            terminals=tuple(terminals),
            pc_reader=bool(chosen and chosen.reader),
            backup_terminal=bool(chosen and chosen.backup),
            language=self.setup.language,
            staff=self._last_reporter(),
            uplinks=tuple((t.id, t.uplink) for t in self.config.terminals),
        )

    def _last_reporter(self) -> str:
        """Who reported the last incident on this PC (training apart): the name to preset, so
        the cashier on shift does not type it every time."""
        from posguide.store import IncidentFilter
        from posguide.store.queries import list_incidents

        try:
            recent = list_incidents(
                self.store.db, IncidentFilter(training=self.setup.training), limit=20
            )
        except (StoreError, sqlite3.Error):  # only a convenience: never worth an error
            return ""
        return next((i.reported_by for i in recent if i.reported_by), "")

    @property
    def running(self) -> bool:
        """An incident is open in this window."""
        return self.session is not None and self.incident_id is not None

    def start(self) -> int | None:
        """A new incident; None (and ``storeFailed``) when the database refused it."""
        default = self.config.default_terminal()
        incident = self._store(
            lambda: self.store.start_incident(
                terminal=default.id if default else "",  # its uplink: _enter's _update_incident
                training=self.setup.training,
                training_scenario=self.setup.scenario,
            )
        )
        if not isinstance(incident, int):
            return None  # the database refused it: storeFailed said why
        self.incident_id = incident
        self.started_at = now()
        self.session = FlowSession(self.setup.playbook, self.context())
        self._enter(self.session.current.id)
        return incident

    def resume(self, incident_id: int) -> None:
        detail = self.store.get_incident(incident_id)
        self.incident_id = incident_id
        self.started_at = parse_iso(detail.incident.started_at)
        terminal = self.config.terminal(detail.incident.terminal)
        self.session = FlowSession.resume(self.setup.playbook, detail.steps, self.context(terminal))
        self.notes = {s.step_key: s.notes for s in detail.steps if s.notes}
        self._alerted = any(e.kind == "alarm" for e in detail.escalations)
        last = detail.steps[-1] if detail.steps else None
        step = self.session.current.id
        interrupted = last is not None and last.step_key == step and last.status == "running"
        self._enter(step, row=last.id if interrupted and last else None)  # one visit, not two

    def abandon(self, incident_id: int) -> bool:
        return self._done_in_store(lambda: self.store.close_abandoned(incident_id))

    def reset(self) -> None:
        """Ready for the next incident (after it was closed)."""
        self.checks.cancel()
        self.incident_id, self.session, self._alerted = None, None, False
        self._incident_fields = {}
        self.step_rows.clear()
        self.notes.clear()

    def shutdown(self) -> None:
        self.checks.cancel()
        for task in list(self._tasks):
            task.cancel()

    async def closed(self) -> None:
        """``shutdown``, and wait until everything it started has really stopped, including
        what was started while it stopped (a re-check planned by a hands-on action that played
        out meanwhile, say): seen once under load as a check still running after the window."""
        while tasks := [t for t in self._tasks if not t.done()]:
            self.shutdown()
            await asyncio.gather(*tasks, return_exceptions=True)

    # --- the current step ---------------------------------------------------------------------

    @property
    def terminal(self) -> Terminal | None:
        chosen = self.session.value("terminal") if self.session else None
        return (self.config.terminal(chosen) if chosen else None) or self.config.default_terminal()

    @property
    def provider(self) -> Provider | None:
        terminal = self.terminal
        return self.config.provider(terminal.provider) if terminal and terminal.provider else None

    @property
    def hotline(self) -> str:
        provider = self.provider
        return provider.hotline if provider else ""

    def _enter(self, step_id: str, row: int | None = None) -> None:
        """Show ``step_id``: a new visit recorded, or ``row``'s interrupted one going on."""
        assert self.incident_id is not None
        going_on = row is not None
        if row is None:
            row = self._store(lambda: self.store.begin_step(self.incident_id or 0, step_id))
        if row is not None:
            self.step_rows[step_id] = row
        session = self._session()
        answers = session.answers(step_id)
        notes = self.notes.get(step_id, "")
        if row is not None and not going_on and (answers or notes):  # from an earlier visit
            self._store(lambda: self.store.save_step(row, answers=answers, notes=notes))
        self._update_incident()
        self.run_probes()

    def answer(self, question_id: str, value: Any) -> None:
        session = self._session()
        session.answer(question_id, value)
        step = session.current.id
        if step in self.step_rows:
            self._store(
                lambda: self.store.save_step(self.step_rows[step], answers=session.answers(step))
            )
        self._update_incident()
        if question_id == "terminal":
            self.run_probes()  # another terminal: check that one

    def set_notes(self, text: str) -> None:
        step = self._session().current.id
        self.notes[step] = text
        if step in self.step_rows:
            self._store(lambda: self.store.save_step(self.step_rows[step], notes=text))

    def _update_incident(self) -> None:
        """Copy the answers that describe the incident into its own fields, when they change."""
        session = self._session()
        fields = {
            field: str(session.value(qid) or "")
            for qid, field in INCIDENT_FIELDS.items()
            if session.value(qid) is not None
        }
        fields["uplink"] = session.uplink  # follows the terminal answered
        shows = str(session.value("shows") or "")
        parts = [SHOWS_TEXT.get(shows, shows), str(session.value("screen_text") or "")]
        if any(parts):
            fields["symptom"] = " ".join(p for p in parts if p)
        changed = {k: v for k, v in fields.items() if self._incident_fields.get(k) != v}
        if changed and self.incident_id is not None:
            self._store(lambda: self.store.update_incident(self.incident_id or 0, **changed))
            self._incident_fields.update(changed)

    # --- moving: the session decides, the window shows its page --------------------------------

    def next(self) -> None:
        """Raises IncompleteStepError (from the session) when a required answer is missing."""
        session = self._session()
        step = session.current.id
        transition = session.next_step()
        self._leave(step, "done", transition.step)

    def skip(self) -> None:
        session = self._session()
        step = session.current.id
        transition = session.skip()
        self._leave(step, "skipped", transition.step)

    def can_go_back(self) -> bool:
        session = self.session
        return session is not None and (session.finished is not None or len(session.path) > 1)

    def back(self) -> None:
        """Back to the previous step, or from the end to the last step. Never an error: on the
        first step it does nothing (the window disables Back there)."""
        if not self.can_go_back():
            return
        session = self._session()
        step = session.current.id
        self.checks.cancel()
        if session.finished is None and step in self.step_rows:
            self._store(lambda: self.store.save_step(self.step_rows[step], status="interrupted"))
        previous = session.back()
        self._enter(previous.id)
        self.moved.emit()

    def _leave(self, step: str, status: str, next_step: str | None) -> None:
        self.checks.cancel()
        if step in self.step_rows:
            self._store(lambda: self.store.save_step(self.step_rows[step], status=status))
        if next_step is not None:
            self._enter(next_step)
        self.moved.emit()

    def close(self, notes: str | None = None) -> bool:
        """Record the outcome the session finished with; True when the incident is closed."""
        session = self._session()
        done = session.finished
        if done is None or done.outcome is None or self.incident_id is None:
            return False
        self.checks.cancel()
        incident = self.incident_id
        return self._done_in_store(
            lambda: self.store.close_incident(
                incident, outcome=done.outcome or "", cause=done.cause, notes=notes
            )
        )

    # --- probes ---------------------------------------------------------------------------------

    def probe_ids(self) -> list[str]:
        session = self._session()
        ids = list(session.probes_to_run())
        if session.current.reboot_watch and not self._terminal_port_missing():
            ids.insert(0, "terminal.reboot")
        return ids

    def _terminal_port_missing(self) -> bool:
        """The terminal's check found no port at all: it is not connected to this PC, so a
        restart cannot be watched (it would only count "offline" toward the deadline). The
        terminal's own check on the page says so instead."""
        result = self._session().result("terminal")
        return result is not None and result.detail.get("stage") == "port"

    def run_probes(self, only: Iterable[str] | None = None) -> None:
        """(Re)start the current step's probes; ``only`` re-runs some of them (Retry)."""
        session = self._session()
        if session.finished is not None:
            return
        step = session.current.id
        self.checks.run(step, list(only) if only is not None else self.probe_ids())

    def recheck_after(self, seconds: float, until: asyncio.Future[Any]) -> None:
        """A hands-on action is playing out (``until``, about ``seconds``): check again then."""
        session = self.session
        if session is None or session.finished is not None:
            return
        self.checks.recheck_after(session.current.id, self.probe_ids(), seconds, until)

    def is_probing(self) -> bool:
        return self.checks.busy()

    def running_probes(self) -> frozenset[str]:
        return self.checks.running()

    def _build(self, ids: list[str]) -> tuple[list[Probe], list[str]]:
        from posguide.probe_catalog import build_probes, stored_notices

        settings = self.setup.probe_settings
        if "notices" in ids:
            settings.manual_notices = stored_notices(self.store)
        return build_probes(ids, self.config, self.terminal, settings)

    def _record(self, step: str, result: ProbeResult) -> None:
        session = self._session()
        session.set_probe_results(step, [result])
        row = self.step_rows.get(step)
        if row is not None:
            record = to_record(result)
            self._store(lambda: self.store.record_probe(row, record))
        self.probeFinished.emit(result)

    # --- photos ---------------------------------------------------------------------------------

    def add_photo(self, data: bytes, source: str) -> None:
        step = self._session().current.id
        self._spawn(self._add_photo(data, source, self.step_rows.get(step)))

    async def _add_photo(self, data: bytes, source: str, step_row: int | None) -> None:
        from posguide.store.photos import PhotoError, normalise_photo

        limit = self.config.storage.max_photo_mb * 1024 * 1024
        try:
            # Decoding and resizing a 12 MP photo takes a quarter of a second: not on the loop.
            photo = await asyncio.to_thread(normalise_photo, data, max_bytes=limit)
        except PhotoError as err:
            self.photoFailed.emit(err.text.translated(_translate) if err.text else str(err))
            return
        caption = source.split(":", 1)[-1] if ":" in source else ""
        incident = self.incident_id or 0
        photo_id = self._store(
            lambda: self.store.attach_photo(incident, photo, step_id=step_row, caption=caption)
        )
        if photo_id:
            self.photoStored.emit(photo_id, photo.thumbnail, caption)

    def remove_photo(self, photo_id: int) -> None:
        """A photo attached by mistake is taken back (the incident is open)."""
        if self._done_in_store(lambda: self.store.remove_photo(photo_id)):
            self.photoRemoved.emit(photo_id)

    def photo_bytes(self, photo_id: int) -> bytes:
        return self.store.photo_bytes(photo_id)

    # --- escalation -----------------------------------------------------------------------------

    def escalate(self) -> None:
        """The escalation time has passed: record it and alert the configured channels once."""
        if self.incident_id is None or self._alerted:
            return
        self._alerted = True
        incident = self.incident_id
        self._store(lambda: self.store.record_escalation(incident, kind="alarm"))
        channels = [c for c in self.config.alerts if c.enabled]
        if channels:
            self._spawn(self._send_alerts(incident, channels))

    def retry_alerts(self) -> None:
        """The cashier asks to try the alert again where it could not be delivered."""
        channels = [c for c in self.config.alerts if c.enabled]
        if self.incident_id is not None and self._alerted and channels:
            self._spawn(self._send_alerts(self.incident_id, channels, again=True))

    def called(self) -> None:
        """The cashier says they have called the provider (the alarm's "I have called")."""
        if self.incident_id is not None:
            incident = self.incident_id
            self._store(lambda: self.store.record_escalation(incident, kind="called"))

    async def _send_alerts(self, incident: int, channels: list[Any], again: bool = False) -> None:
        from posguide.alerts import AlertSender, AttemptReport, channel_label, compose_alert
        from posguide.alerts.sender import DELAYS

        def told(attempt: AttemptReport) -> None:
            if attempt.ok:
                self.alertStatus.emit(attempt.channel, "sent", None)
            elif attempt.next_in_s is not None:
                self.alertStatus.emit(attempt.channel, "retrying", attempt.next_in_s)
            else:
                self.alertStatus.emit(attempt.channel, "failed", None)

        detail = self.store.get_incident(incident)
        terminal, provider = self.terminal, self.provider
        elapsed = int((now() - self.started_at).total_seconds() // 60)
        message = compose_alert(
            detail,
            terminal,
            provider,
            elapsed,
            self._report_language(),
            playbook=self.setup.playbook,
            translate=_translate,
        )
        for channel in channels:
            self.alertStatus.emit(channel_label(channel), "sending", None)
        delays = tuple(d / self.setup.speed for d in DELAYS)
        async with AlertSender(self.store, delays=delays) as sender:
            results = await sender.send_escalation(
                incident, channels, message, on_attempt=told, again=again
            )
        for result in results:  # those that made no attempt now: sent before, or given up
            if result.attempts == 0:
                self.alertStatus.emit(result.channel, "sent" if result.ok else "failed", None)

    # --- the report -----------------------------------------------------------------------------

    def fault_report(self) -> FaultReport | None:
        from posguide.reports import build_fault_report, recent_incident_counts

        if self.incident_id is None:
            return None
        detail = self.store.get_incident(self.incident_id)
        terminal, provider = self.terminal, self.provider
        moment = now()
        done = self.session.finished if self.session is not None else None
        ending = (done.outcome, done.cause) if done is not None and done.outcome else None
        return build_fault_report(
            detail,
            provider=provider,
            terminal=terminal,
            recent=recent_incident_counts(self.store, detail, moment),
            shop=self.config.shop.name,
            now=moment,
            language=self._report_language(),
            playbook=self.setup.playbook,
            translate=_translate,
            ending=ending,
        )

    def _report_language(self) -> Any:
        return "en" if self.setup.language == "en" else "zh_CN"

    # --- plumbing -------------------------------------------------------------------------------

    def _session(self) -> FlowSession:
        if self.session is None:
            raise RuntimeError("no incident in progress")
        return self.session

    def _store(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except StoreError as err:
            self.storeFailed.emit(err.text.translated(_translate) if err.text else str(err))
            return None

    def _done_in_store(self, action: Callable[[], None]) -> bool:
        """Run a store call that returns nothing; False (and ``storeFailed``) when it failed."""
        try:
            action()
        except StoreError as err:
            self.storeFailed.emit(err.text.translated(_translate) if err.text else str(err))
            return False
        return True

    def _spawn(self, coroutine: Any) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # The one error path: the loop's handler logs it and writes a crash report.
            task.get_loop().call_exception_handler(
                {"message": "background task failed", "exception": task.exception(), "task": task}
            )
