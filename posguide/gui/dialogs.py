"""Questions the window asks before something that cannot be undone, and where to save a file:
window-modal boxes opened with ``open()`` (never ``exec()``, which would nest the event loop
under qasync). The safe answer is the default and what Esc gives, so a stray Enter or Esc loses
nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask(
    parent: QWidget,
    title: str,
    text: str,
    *,
    yes: str,
    no: str,
    on_yes: Callable[[], None],
) -> QMessageBox:
    """Ask; ``on_yes`` runs only when the cashier picks ``yes``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)  # fmt: skip
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    confirm = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.buttonClicked.connect(lambda button: on_yes() if button is confirm else None)
    box.open()
    return box


def ask_save_path(
    parent: QWidget, title: str, name: str, filters: str, chosen: Callable[[Path], object]
) -> QFileDialog:
    """Where to save ``name`` (proposed in the home folder); ``chosen`` gets the path picked."""
    dialog = QFileDialog(parent, title, str(Path.home() / name), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(Path(name).suffix.lstrip("."))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda path: chosen(Path(path)))
    dialog.open()
    return dialog
