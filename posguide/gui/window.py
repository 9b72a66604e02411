"""The main window: the escalation bar on top, the start page or the wizard, and in training
mode the panel of things the trainee would do with their hands (restart the terminal, replug a
cable...).

It opens with the start page alone, before the checks are loaded (posguide.gui.app), importing
nothing but Qt; ``attach`` then adds the escalation bar and the wizard for the incident
controller. Start pressed before that is kept and carried out once the pages are built."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from posguide.gui.wizard.start_page import StartPage
from posguide.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from posguide.gui.controller import IncidentController
    from posguide.gui.i18n import Translators
    from posguide.gui.widgets.escalation import EscalationBar
    from posguide.gui.wizard.wizard import TroubleshootingWizard


def show_main_window(
    translators: Translators, language: str, *, training: bool, shop_name: str
) -> MainWindow:
    """A new main window with its start page, in ``language`` (switched first: its widgets
    translate themselves as they are built), shown."""
    translators.switch(language)
    window = MainWindow(language=language, training=training, shop_name=shop_name)
    window.show()
    return window


class MainWindow(QWidget):
    languageRequested = Signal(str)
    closed = Signal()

    def __init__(self, *, language: str, training: bool, shop_name: str) -> None:
        super().__init__()
        self.language, self.training = language, training
        self.controller: IncidentController | None = None
        self.escalation: EscalationBar | None = None
        self.wizard: TroubleshootingWizard | None = None
        self.ready = False  # the step pages are built
        self.is_closed = False  # by the cashier, or replaced for another language
        self._start_waiting = False
        title = self.tr("posguide — card terminal troubleshooting")
        if training:
            title += " — " + self.tr("TRAINING")
        self.setWindowTitle(title)
        self.start_page = StartPage(shop_name=shop_name, training=training)
        self.start_page.startRequested.connect(self.start)
        self.start_page.languageRequested.connect(self.languageRequested)
        self.start_page.resumeRequested.connect(self.resume)
        self.start_page.abandonRequested.connect(self.abandon)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.body = QHBoxLayout()
        self.body.addWidget(self.stack, 1)
        self.column = QVBoxLayout(self)
        self.column.addLayout(self.body, 1)
        self._fit_screen(1100, 860)

    def attach(
        self, controller: IncidentController, side_panel: QWidget | None = None
    ) -> Iterator[None]:
        """Wire the incident controller in and build the wizard's pages, yielding between
        pages (the caller lets the event loop run)."""
        from PySide6.QtGui import QIcon  # with the SVG plugin, ~3 ms the first page can do without

        from posguide.gui.errors import show_error
        from posguide.gui.widgets.escalation import EscalationBar
        from posguide.gui.wizard.wizard import TroubleshootingWizard

        self.setWindowIcon(QIcon(str(resource_path("icons", "posguide.svg"))))
        self.controller = controller
        self.start_page.terminal_names = {t.id: t.display_name for t in controller.config.terminals}
        self.escalation = EscalationBar()
        self.escalation.hide()
        self.column.insertWidget(0, self.escalation)
        if side_panel is not None:
            self.body.addWidget(side_panel)
        self.escalation.deadline_reached.connect(controller.escalate)
        controller.alertStatus.connect(self._alert_status)
        controller.storeFailed.connect(
            lambda message: show_error(self, self.tr("The incident could not be saved"), message)
        )
        controller.photoFailed.connect(self._photo_failed)
        controller.photoStored.connect(self._photo_stored)
        self.wizard = TroubleshootingWizard(controller, self)
        self.wizard.currentIdChanged.connect(self._page_changed)
        self.wizard.finished.connect(self._wizard_finished)
        self.stack.addWidget(self.wizard)
        for _ in self.wizard.build_pages(controller.setup.playbook, self.language):
            yield
            if self.is_closed:
                return  # nobody will see these pages, nor start from them
        self.ready = True
        self.refresh_unfinished()  # once Resume can rebuild the path on the pages
        if self._start_waiting:
            self.start()

    # --- start, resume, abandon -------------------------------------------------------------

    def start(self) -> None:
        if self.is_closed:
            return
        if not self.ready:
            self._start_waiting = True
            self.start_page.set_preparing(True)
            return
        self._start_waiting = False
        self.start_page.set_preparing(False)
        assert self.controller is not None
        self.controller.start()
        self._show_wizard()

    def resume(self, incident_id: int) -> None:
        assert self.controller is not None  # offered once the pages are built (attach)
        self.controller.resume(incident_id)
        self._show_wizard()

    def _show_wizard(self) -> None:
        assert self.wizard is not None
        self.wizard.begin()
        self.stack.setCurrentWidget(self.wizard)
        self.wizard.show()  # QDialog.done() hid it at the end of the last incident

    def _fit_screen(self, width: int, height: int) -> None:
        """1100×860 where it fits; a 1366×768 till screen (or 150 % scaling) gets less."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and not screen.isEmpty():
            width, height = min(width, screen.width()), min(height, screen.height() - 40)
        self.resize(width, height)

    def refresh_unfinished(self) -> None:
        if self.controller is None:
            return
        open_incidents = [
            i for i in self.controller.store.open_incidents()
            if i.training == self.controller.setup.training
        ]  # fmt: skip
        self.start_page.show_unfinished(open_incidents[-1] if open_incidents else None)

    def abandon(self, incident_id: int) -> None:
        assert self.controller is not None  # offered once the pages are built (attach)
        self.controller.abandon(incident_id)
        self.refresh_unfinished()

    # --- connected by attach: the wizard and the escalation bar exist ------------------------

    def _page_changed(self, _page_id: int) -> None:
        assert self.wizard is not None and self.escalation is not None
        if self.wizard.currentPage() is self.wizard.finish_page:
            self.escalation.stop()  # handled: the outcome is recorded (escalated or not)
            return
        controller = self.controller
        assert controller is not None
        running = controller.session is not None and controller.incident_id is not None
        if running and not self.escalation.isVisible():
            self.escalation.show()
            self.escalation.start(controller.started_at, controller.config.shop.escalation_minutes)

    def _wizard_finished(self, _result: int) -> None:
        assert self.escalation is not None and self.controller is not None
        self.escalation.stop()
        self.escalation.hide()
        self.controller.reset()
        self.stack.setCurrentWidget(self.start_page)
        self.refresh_unfinished()

    def _alert_status(self, channel: str, ok: object) -> None:
        bar = self.escalation
        assert bar is not None
        if ok is None:
            bar.set_alert_status(self.tr("Sending the alert…"), None)
        elif ok:
            bar.set_alert_status(self.tr("Alert sent to {channel}").format(channel=channel), True)
        else:
            bar.set_alert_status(
                self.tr("The alert to {channel} could not be sent").format(channel=channel), False
            )

    def _photo_failed(self, message: str) -> None:
        page = self.wizard.currentPage() if self.wizard is not None else None
        strip = getattr(page, "photos", None)
        if strip is not None:
            strip.show_error(message)

    def _photo_stored(self, photo_id: int, thumbnail: bytes, caption: str) -> None:
        page = self.wizard.currentPage() if self.wizard is not None else None
        strip = getattr(page, "photos", None)
        if strip is not None:
            strip.add_thumbnail(photo_id, thumbnail, caption)

    def closeEvent(self, event: QCloseEvent) -> None:
        # An incident in progress stays open in the store: it is offered for resuming next time.
        self.is_closed = True
        self._start_waiting = False
        if self.controller is not None:
            self.controller.shutdown()
        if self.escalation is not None:
            self.escalation.stop()
        self.closed.emit()
        super().closeEvent(event)
