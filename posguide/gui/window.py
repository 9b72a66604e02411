"""The main window: the escalation bar on top, the wizard, and in training mode the panel of
things the trainee would do with their hands (restart the terminal, replug a cable...)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from posguide.gui.controller import IncidentController
from posguide.gui.errors import show_error
from posguide.gui.widgets.escalation import EscalationBar
from posguide.gui.wizard.start_page import StartPage
from posguide.gui.wizard.wizard import FINISH, TroubleshootingWizard
from posguide.resources import resource_path


class MainWindow(QWidget):
    languageRequested = Signal(str)
    closed = Signal()

    def __init__(
        self,
        controller: IncidentController,
        *,
        language: str,
        training: bool,
        scenarios: list[tuple[str, str, str]],
        side_panel: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        config = controller.config
        title = self.tr("posguide — card terminal troubleshooting")
        if training:
            title += " — " + self.tr("TRAINING")
        self.setWindowTitle(title)
        self.setWindowIcon(QIcon(str(resource_path("icons", "posguide.svg"))))
        self.escalation = EscalationBar()
        self.escalation.hide()
        self.start_page = StartPage(
            shop_name=config.shop.name,
            training=training,
            scenarios=scenarios,
            terminal_names={t.id: t.display_name for t in config.terminals},
        )
        self.start_page.languageRequested.connect(self.languageRequested)
        self.start_page.resumeRequested.connect(self.resume)
        self.start_page.abandonRequested.connect(self.abandon)
        self.wizard = TroubleshootingWizard(
            controller, controller.setup.playbook, self.start_page, language, self
        )
        self.wizard.setWindowFlags(Qt.WindowType.Widget)  # a QDialog, but inside this window
        self.wizard.currentIdChanged.connect(self._page_changed)
        self.wizard.finished.connect(self._wizard_finished)
        self.escalation.deadline_reached.connect(controller.escalate)
        controller.alertStatus.connect(self._alert_status)
        controller.storeFailed.connect(
            lambda message: show_error(self, self.tr("The incident could not be saved"), message)
        )
        controller.photoFailed.connect(self._photo_failed)
        controller.photoStored.connect(self._photo_stored)

        body = QHBoxLayout()
        body.addWidget(self.wizard, 1)
        if side_panel is not None:
            body.addWidget(side_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.escalation)
        layout.addLayout(body, 1)
        self._fit_screen(1100, 860)
        self.refresh_unfinished()

    def _fit_screen(self, width: int, height: int) -> None:
        """1100×860 where it fits; a 1366×768 till screen (or 150 % scaling) gets less."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and not screen.isEmpty():
            width, height = min(width, screen.width()), min(height, screen.height() - 40)
        self.resize(width, height)

    def refresh_unfinished(self) -> None:
        open_incidents = [
            i for i in self.controller.store.open_incidents()
            if i.training == self.controller.setup.training
        ]  # fmt: skip
        self.start_page.show_unfinished(open_incidents[-1] if open_incidents else None)

    def resume(self, incident_id: int) -> None:
        self.controller.resume(incident_id)
        self.wizard.replay()

    def abandon(self, incident_id: int) -> None:
        self.controller.abandon(incident_id)
        self.refresh_unfinished()

    def _page_changed(self, page_id: int) -> None:
        if page_id == FINISH:
            self.escalation.stop()  # handled: the outcome is recorded (escalated or not)
            return
        running = self.controller.session is not None and self.controller.incident_id is not None
        if running and not self.escalation.isVisible():
            self.escalation.show()
            self.escalation.start(
                self.controller.started_at, self.controller.config.shop.escalation_minutes
            )

    def _wizard_finished(self, _result: int) -> None:
        self.escalation.stop()
        self.escalation.hide()
        self.controller.reset()
        # Not inside QWizard's own finished(): restarting there pulls pages from under it.
        QTimer.singleShot(0, self._ready_for_next)

    def _ready_for_next(self) -> None:
        self.wizard.restart()
        self.wizard.show()  # QDialog.done() hid it
        self.refresh_unfinished()

    def _alert_status(self, channel: str, ok: object) -> None:
        if ok is None:
            self.escalation.set_alert_status(self.tr("Sending the alert…"), None)
        elif ok:
            self.escalation.set_alert_status(self.tr("Alert sent to {channel}").format(
                channel=channel), True)  # fmt: skip
        else:
            self.escalation.set_alert_status(
                self.tr("The alert to {channel} could not be sent").format(channel=channel), False
            )

    def _photo_failed(self, message: str) -> None:
        page = self.wizard.currentPage()
        strip = getattr(page, "photos", None)
        if strip is not None:
            strip.show_error(message)

    def _photo_stored(self, photo_id: int, thumbnail: bytes, caption: str) -> None:
        page = self.wizard.currentPage()
        strip = getattr(page, "photos", None)
        if strip is not None:
            strip.add_thumbnail(photo_id, thumbnail, caption)

    def closeEvent(self, event: QCloseEvent) -> None:
        # An incident in progress stays open in the store: it is offered for resuming next time.
        self.controller.shutdown()
        self.escalation.stop()
        self.closed.emit()
        super().closeEvent(event)
