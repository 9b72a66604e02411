"""The main window, one for the life of the process: the escalation bar on top, the start page
or the incident, and in training mode the panel of things the trainee would do with their
hands (restart the terminal, replug a cable...).

It opens with the start page alone, before the configuration is read (posguide.gui.app),
importing nothing but Qt; ``attach`` then brings in the incident controller, the escalation
bar and the incident view. A language or training-situation switch attaches again: the old
controller, view and panel are deleted, the window stays. Start pressed before the first
``attach`` is kept and carried out then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from posguide.gui.wizard.start_page import StartPage

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent

    from posguide.gui.controller import IncidentController
    from posguide.gui.widgets.escalation import EscalationBar
    from posguide.gui.wizard.view import IncidentView

WIDTH, HEIGHT = 1360, 860  # where the screen has room; a 1366×768 till gets all of it
FRAME = QSize(16, 48)  # the window manager's frame and title bar, roughly
MARGIN = 6  # around the window's content: every pixel counts at 768


def fitted_size(available: QSize) -> QSize:
    """The window's size on a screen with ``available`` room (the taskbar left out): its own
    where that fits, else the room there is less the frame -- a 1366×768 till, a 1024×768 one,
    or 1920×1080 at 150 % (1280×720 logical pixels)."""
    if available.isEmpty():
        return QSize(WIDTH, HEIGHT)
    room = available - FRAME
    return QSize(min(WIDTH, room.width()), min(HEIGHT, room.height()))


class MainWindow(QWidget):
    languageRequested = Signal(str)
    closed = Signal()  # for good: the cashier closed it (after confirming, mid-incident)
    startPressed = Signal()  # Start: the shell prepares (training resets its shop), then begins
    resumePressed = Signal(int)  # likewise for an unfinished incident (training: its situation)

    def __init__(self, *, language: str, training: bool) -> None:
        super().__init__()
        self.language, self.training = language, training
        self.controller: IncidentController | None = None
        self.escalation: EscalationBar | None = None
        self.view: IncidentView | None = None
        self.side_panel: QWidget | None = None
        self.is_closed = False
        self._start_waiting = False
        self._confirmed_close = False
        self._alerts: dict[str, tuple[str, str]] = {}  # channel -> (state, line shown)
        self.start_page = StartPage(language=language)
        self.start_page.startRequested.connect(self.start)
        self.start_page.languageRequested.connect(self.languageRequested)
        self.start_page.resumeRequested.connect(self.resume)
        self.start_page.abandonRequested.connect(self._ask_abandon)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start_page)
        self.body = QHBoxLayout()
        self.body.addWidget(self.stack, 1)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.column.addLayout(self.body, 1)
        self._retranslate()
        self._fit_screen()

    @property
    def ready(self) -> bool:
        return self.controller is not None

    # --- attaching the incident machinery -----------------------------------------------------

    def attach(self, controller: IncidentController, side_panel: QWidget | None = None) -> None:
        """Use ``controller`` (parented here) for the incidents; replaces an earlier one."""
        from PySide6.QtGui import QIcon  # with the SVG plugin, ~3 ms the first page can do without

        from posguide.gui.widgets.escalation import EscalationBar
        from posguide.gui.wizard.view import IncidentView
        from posguide.resources import resource_path

        if self.controller is not None:
            raise RuntimeError("detach the last controller first")
        self.setWindowIcon(QIcon(str(resource_path("icons", "posguide.svg"))))
        controller.setParent(self)
        self.controller = controller
        self.start_page.terminal_names = {t.id: t.display_name for t in controller.config.terminals}
        if self.escalation is None:
            self.escalation = EscalationBar(self)
            self.escalation.hide()
            self.column.insertWidget(0, self.escalation)
            self.escalation.acknowledge_clicked.connect(self._called)
            self.escalation.retry_clicked.connect(self._retry_alerts)
        self.escalation.deadline_reached.connect(controller.escalate)
        controller.alertStatus.connect(self._alert_status)
        controller.storeFailed.connect(self._store_failed)
        controller.photoFailed.connect(self._photo_failed)
        controller.photoStored.connect(self._photo_stored)
        controller.photoRemoved.connect(self._photo_removed)
        self.view = IncidentView(controller, controller.setup.playbook, self.language, self)
        self.view.closed.connect(self._incident_closed)
        controller.moved.connect(self._moved)
        self.stack.addWidget(self.view)
        if side_panel is not None:
            side_panel.setParent(self)
            self.body.addWidget(side_panel)
            self.side_panel = side_panel
            acted = getattr(side_panel, "acted", None)  # training: a hands-on action
            if acted is not None:
                acted.connect(controller.recheck_after)
        self.refresh_unfinished()
        if self._start_waiting:
            self.start()

    def detach(self) -> IncidentController | None:
        """Take out the controller, view and panel of the last ``attach``: the view and panel
        are deleted, the controller -- stopped, its tasks finishing -- is handed back for the
        caller to delete once they have (``IncidentController.closed``)."""
        controller, self.controller = self.controller, None
        if controller is not None:
            controller.shutdown()
            if self.escalation is not None:
                self.escalation.deadline_reached.disconnect(controller.escalate)
            controller.setParent(None)
        for widget in (self.view, self.side_panel):
            if widget is not None:
                if (shutdown := getattr(widget, "shutdown", None)) is not None:
                    shutdown()
                widget.hide()
                widget.deleteLater()
        self.view, self.side_panel = None, None
        return controller

    # --- start, resume, abandon -------------------------------------------------------------

    def start(self) -> None:
        """Start pressed: the shell begins the incident (``begin_incident``) once it can."""
        if self.is_closed or (self.controller is not None and self.controller.running):
            return
        self.start_page.show_saved("")
        if self.controller is None:
            self._start_waiting = True
            self.start_page.set_preparing(True)
            return
        self._start_waiting = False
        self.start_page.set_preparing(False)
        self.startPressed.emit()

    def begin_incident(self) -> None:
        if self.is_closed or self.controller is None or self.controller.running:
            return
        if self.controller.start() is not None:
            self._show_incident()

    def resume(self, incident_id: int) -> None:
        """Resume pressed: the shell prepares, then ``resume_incident``."""
        if self.controller is None or self.controller.running:
            return
        self.start_page.show_saved("")
        self.resumePressed.emit(incident_id)

    def resume_incident(self, incident_id: int) -> None:
        if self.is_closed or self.controller is None or self.controller.running:
            return
        self.controller.resume(incident_id)
        self._show_incident()

    def _show_incident(self) -> None:
        assert self.view is not None and self.controller is not None
        self._alerts.clear()
        if (clear := getattr(self.side_panel, "clear", None)) is not None:
            clear()  # training: the last incident's observations
        self.stack.setCurrentWidget(self.view)
        self.view.show_current()
        if self.escalation is not None:
            self.escalation.show()
            self.escalation.start(
                self.controller.started_at, self.controller.config.shop.escalation_minutes
            )

    def _moved(self) -> None:
        """The alarm is for an open fault: it stops once the session has an outcome, and goes
        on if the cashier goes back from the end to change something."""
        controller, bar = self.controller, self.escalation
        if controller is None or bar is None or controller.session is None:
            return
        if controller.session.finished is not None:
            bar.stop()
            if (reveal := getattr(self.side_panel, "reveal", None)) is not None:
                reveal()  # training: the debrief names the scenario
        elif bar.state == "stopped":
            bar.start(controller.started_at, controller.config.shop.escalation_minutes)

    def _incident_closed(self, incident_id: int) -> None:
        assert self.controller is not None
        session = self.controller.session
        outcome = session.finished.outcome if session and session.finished else None
        self._back_to_start()
        from posguide.gui.names import outcome_name

        self.start_page.show_saved(
            self.tr("Saved as No. {number}: {outcome}.").format(
                number=incident_id, outcome=outcome_name(outcome or "")
            )
        )

    def _back_to_start(self) -> None:
        if self.escalation is not None:
            self.escalation.stop()
            self.escalation.hide()
        if self.controller is not None:
            self.controller.reset()
        self.stack.setCurrentWidget(self.start_page)
        self.refresh_unfinished()
        self.start_page.start_button.setFocus()

    def refresh_unfinished(self) -> None:
        if self.controller is None:
            return
        open_incidents = [
            i for i in self.controller.store.open_incidents()
            if i.training == self.controller.setup.training
        ]  # fmt: skip
        self.start_page.show_unfinished(open_incidents[-1] if open_incidents else None)

    def _ask_abandon(self, incident_id: int) -> None:
        from posguide.gui.dialogs import ask

        ask(
            self,
            self.tr("Close the unfinished incident?"),
            self.tr(
                "No. {number} will be saved as given up and cannot be resumed afterwards."
            ).format(number=incident_id),
            yes=self.tr("Close it"),
            no=self.tr("Keep it"),
            on_yes=lambda: self._abandon(incident_id),
        )

    def _abandon(self, incident_id: int) -> None:
        if self.controller is not None and self.controller.abandon(incident_id):
            self.start_page.show_saved(
                self.tr("No. {number} was closed as given up.").format(number=incident_id)
            )
        self.refresh_unfinished()

    # --- connected by attach ------------------------------------------------------------------

    def _called(self) -> None:
        if self.controller is not None:
            self.controller.called()

    def _retry_alerts(self) -> None:
        if self.controller is not None:
            self.controller.retry_alerts()

    def _alert_status(self, channel: str, state: str, next_in_s: object) -> None:
        """One line per alert channel under the alarm, as each attempt happens."""
        bar = self.escalation
        assert bar is not None
        lines = {
            "sending": self.tr("Sending the alert to {channel}…"),
            "sent": self.tr("Alert sent to {channel}"),
            "retrying": self.tr("The alert to {channel} failed; trying again in {seconds} s"),
            "failed": self.tr("The alert to {channel} could not be sent"),
        }
        seconds = round(next_in_s) if isinstance(next_in_s, int | float) else 0
        self._alerts[channel] = (state, lines[state].format(channel=channel, seconds=seconds))
        states = {s for s, _ in self._alerts.values()}
        ok = False if states & {"failed", "retrying"} else None if "sending" in states else True
        bar.set_alert_status(
            "\n".join(text for _, text in self._alerts.values()), ok, retry="failed" in states
        )

    def _store_failed(self, message: str) -> None:
        from posguide.gui.errors import show_error

        show_error(self, self.tr("The incident could not be saved"), message)

    def _photo_failed(self, message: str) -> None:
        page = self.view.current_page() if self.view is not None else None
        strip = getattr(page, "photos", None)
        if strip is not None:
            strip.show_error(message)

    def _photo_removed(self, photo_id: int) -> None:
        page = self.view.current_page() if self.view is not None else None
        strip = getattr(page, "photos", None)
        if strip is not None:
            strip.remove_thumbnail(photo_id)

    def _photo_stored(self, photo_id: int, thumbnail: bytes, caption: str) -> None:
        page = self.view.current_page() if self.view is not None else None
        strip = getattr(page, "photos", None)
        if strip is not None:
            strip.add_thumbnail(photo_id, thumbnail, caption)

    # --- the window ---------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """After the translators switched: Qt sends every widget a LanguageChange."""
        self.language = language
        self.start_page.language = language

    def set_training(self, training: bool) -> None:
        self.training = training
        self._retranslate()

    def _retranslate(self) -> None:
        title = self.tr("posguide — card terminal troubleshooting")
        if self.training:
            title += " — " + self.tr("TRAINING")
        self.setWindowTitle(title)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter that no widget took means Start on the start page, as in a dialog; Esc and the
        # rest mean nothing to the window itself.
        from PySide6.QtCore import Qt  # 20-50 ms to import: not before the first page is up

        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.stack.currentWidget() is self.start_page:
            if self.start_page.start_button.isEnabled():
                self.start()
            event.accept()
            return
        event.ignore()

    def _fit_screen(self) -> None:
        screen = self.screen()
        self.resize(fitted_size(screen.availableGeometry().size() if screen else QSize()))

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.controller is not None and self.controller.running
        if running and not self._confirmed_close:
            event.ignore()
            self._ask_close()
            return
        # An incident in progress stays open in the store: it is offered for resuming next time.
        self.is_closed = True
        self._start_waiting = False
        if self.controller is not None:
            self.controller.shutdown()
        if self.escalation is not None:
            self.escalation.stop()
        self.closed.emit()
        super().closeEvent(event)

    def _ask_close(self) -> None:
        from posguide.gui.dialogs import ask

        number = self.controller.incident_id if self.controller else None
        ask(
            self,
            self.tr("Close posguide?"),
            self.tr(
                "Everything so far is saved as No. {number}. When you open posguide again you can"
                " resume it on the start page."
            ).format(number=number),
            yes=self.tr("Close posguide"),
            no=self.tr("Keep working"),
            on_yes=self._close_confirmed,
        )

    def _close_confirmed(self) -> None:
        self.close_now()

    def close_now(self) -> None:
        """Close without asking (confirmed, or the session is ending); the incident stays
        saved and open for resuming."""
        self._confirmed_close = True
        self.close()
