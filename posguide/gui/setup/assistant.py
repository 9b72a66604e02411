"""The setup assistant: shop → terminals → card reader → network → provider → alerts → staff →
summary and save. Opened on a PC's first start (no posguide.toml yet), from the manager console,
and by ``posguide setup``.

The answers live in one ``ShopDraft``; Next checks the page's part of it against the real
configuration rules (nothing written) and shows a refused value beside its field; Save writes
``posguide.toml`` atomically, keeping the file's comments (``posguide.setup.draft``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard
from serial.tools.list_ports import comports

from posguide.config import ConfigError, ConfigWriteError, ShopConfig
from posguide.gui.dialogs import ask
from posguide.gui.i18n import translate
from posguide.gui.setup.common import Page, accept_page, send_test_alert
from posguide.gui.setup.pages import (
    AlertsPage,
    NetworkPage,
    ProviderPage,
    ReaderPage,
    ShopPage,
    StaffPage,
    SummaryPage,
)
from posguide.gui.setup.terminals_page import TerminalsPage
from posguide.setup.draft import problems_of, read_draft, save
from posguide.setup.ports import ListPorts


class SetupAssistant(QWizard):
    saved = Signal(object)  # the ShopConfig now in force
    closed = Signal()

    def __init__(
        self,
        path: Path,
        data_root: Path,
        *,
        list_ports: ListPorts = comports,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupAssistant")
        self.path, self.data_root = path, data_root
        self.config: ShopConfig | None = None
        self.draft = read_draft(self.path)
        self._as_opened = copy.deepcopy(self.draft)  # to tell whether Cancel would lose anything
        self._leaving = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.shop_page = ShopPage(self)
        self.terminals_page = TerminalsPage(self, list_ports)
        self.reader_page = ReaderPage(self)
        self.network_page = NetworkPage(self)
        self.provider_page = ProviderPage(self)
        self.alerts_page = AlertsPage(self)
        self.staff_page = StaffPage(self)
        self.summary_page = SummaryPage(self)
        self.all_pages: list[Page] = [
            self.shop_page, self.terminals_page, self.reader_page, self.network_page,
            self.provider_page, self.alerts_page, self.staff_page, self.summary_page,
        ]  # fmt: skip
        for page in self.all_pages:
            self.addPage(page)
        self.terminals_page.refresh()  # the ports there are now: any that appear later are new
        self.resize(1000, 660)
        self._retranslate()

    # --- checks and save -----------------------------------------------------------------------

    def accept_page(self, page: Page) -> bool:
        return accept_page(self, page)

    def save(self) -> bool:
        try:
            self.config = save(self.path, self.draft)
        except ConfigWriteError as err:
            self.summary_page.show_problems([("", str(err))])
            return False
        except ConfigError as err:
            problems = problems_of(err, translate)
            for page in self.all_pages:
                if page is not self.summary_page and page.show_problems(problems):
                    self._go_to(page)
                    return False
            self.summary_page.show_problems([("", p.render(err.source)) for p in err.problems])
            return False
        self.saved.emit(self.config)
        return True

    def _go_to(self, page: Page) -> None:
        target = self.all_pages.index(page)
        while self.currentId() > target:
            self.back()

    async def send_test_alert(self, channel: Any) -> Any:
        return await send_test_alert(self.data_root, self.draft.language, channel)

    # --- language and closing ------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("posguide — Set up this shop"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Save"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        for page in self.all_pages:
            page.retranslate()  # type: ignore[attr-defined]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: answers given are lost only when the
        manager says so (a stray Esc on the last page must not undo ten minutes' work)."""
        for page_id in self.visitedIds():  # pages not opened yet hold no answers
            self.all_pages[page_id].store_fields()
        if self._leaving or self.draft == self._as_opened:
            super().reject()
            return

        def leave() -> None:
            self._leaving = True
            self.reject()

        ask(self, self.tr("Leave the setup?"),
            self.tr("What you entered is not saved. Leave without saving?"),
            yes=self.tr("&Leave without saving"), no=self.tr("&Stay"), on_yes=leave)  # fmt: skip

    def done(self, result: int) -> None:
        for page in self.all_pages:
            page.stop()
        super().done(result)
        self.closed.emit()
        self.deleteLater()  # one assistant per opening: nothing of it lingers

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving and self.result() != QWizard.DialogCode.Accepted:
            event.ignore()
            self.reject()  # asks first when something would be lost
            return
        for page in self.all_pages:
            page.stop()
        super().closeEvent(event)
