"""The data folder and its backups: where posguide keeps the shop's history (with "open"), the
backups made, a backup now, and a chosen backup restored.

A restore cannot happen while posguide itself has the database open, so it is asked for here and
done at the next start, before the database is opened (``posguide.store.pending``): the
database it replaces is kept in backups/ first, as ``posguide db restore`` keeps it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posguide.gui.dialogs import ask
from posguide.gui.setup.common import CheckRunner, result_label, say
from posguide.store import backup_database, list_backups
from posguide.store.db import BUSY_TIMEOUT_MS
from posguide.store.pending import ask_restore, pending_restore


def _backup_now(database: Path, folder: Path, keep: int) -> Path:
    source = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return backup_database(source, folder, keep=keep)
    finally:
        source.close()


class DataTab(QWidget):
    changed = Signal()  # the list of backups was read again

    def __init__(self, data_root: Path, *, keep: int) -> None:
        super().__init__()
        self.root, self.keep = data_root, keep
        self.database, self.folder = data_root / "posguide.db", data_root / "backups"
        self.checks = CheckRunner(self)
        self.backups: list[Path] = []
        self.where = QLabel()
        self.where.setObjectName("dataFolder")
        self.open_button = QPushButton()
        self.open_button.setObjectName("openDataFolder")
        self.open_button.clicked.connect(self.open_folder)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore)
        self.status = result_label("dataStatus")
        self.list_label = QLabel()
        self.list_label.setBuddy(self.list)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.open_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._retranslate()

    def refresh(self) -> None:
        self.checks.run(asyncio.to_thread(list_backups, self.folder), self._show, self._failed)

    def _show(self, backups: list[Path]) -> None:
        self.backups = list(reversed(backups))  # newest first
        self.list.clear()
        pending = pending_restore(self.root)
        for path in self.backups:
            size = path.stat().st_size / 1e6 if path.exists() else 0
            text = f"{path.name}  ({size:.1f} MB)"
            if pending == path:
                text += "  " + self.tr("— restored at the next start")
            self.list.addItem(QListWidgetItem(text))
        if not self.backups:
            self.list.addItem(self.tr("(no backup yet)"))
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        say(self.status, str(error), ok=False)
        self.changed.emit()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.root)))

    def backup_now(self) -> None:
        if not self.database.exists():
            say(self.status, self.tr("There is no history to back up yet."), ok=False)
            return
        self.backup_button.setEnabled(False)
        say(self.status, self.tr("Backing up…"))
        self.checks.run(
            asyncio.to_thread(_backup_now, self.database, self.folder, self.keep),
            self._backed_up,
            self._failed,
        )

    def _backed_up(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        say(self.status, self.tr("Backup written: {name}").replace("{name}", path.name), ok=True)
        self.refresh()

    def restore(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.backups):
            say(self.status, self.tr("Pick a backup in the list first."), ok=False)
            return
        chosen = self.backups[row]

        def confirmed() -> None:
            ask_restore(self.root, chosen)
            say(self.status, self.tr(
                "posguide puts this backup back when it is next started; the history it "
                "replaces is kept in the backups folder. Close posguide and start it again."
            ), ok=True)  # fmt: skip
            self.refresh()

        ask(self, self.tr("Restore this backup?"),
            self.tr("The history goes back to {name}. Incidents recorded after it are kept "
                    "only in the copy of today's history.").replace("{name}", chosen.name),
            yes=self.tr("&Restore at the next start"), no=self.tr("&Keep today's history"),
            on_yes=confirmed)  # fmt: skip

    def stop(self) -> None:
        self.checks.cancel()

    def _retranslate(self) -> None:
        self.where.setText(self.tr("Data folder: {path}").replace("{path}", str(self.root)))
        self.open_button.setText(self.tr("&Open the folder"))
        self.list_label.setText(self.tr("&Backups:"))
        self.backup_button.setText(self.tr("Back up &now"))
        self.restore_button.setText(self.tr("&Restore the chosen backup…"))

    def changeEvent(self, event: object) -> None:
        if event.type() == event.Type.LanguageChange:  # type: ignore[attr-defined]
            self._retranslate()
        super().changeEvent(event)  # type: ignore[arg-type]
