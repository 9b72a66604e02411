"""Questions the window asks before something that cannot be undone: a window-modal box opened
with ``open()`` (never ``exec()``, which would nest the event loop under qasync). The safe
answer is the default and what Esc gives, so a stray Enter or Esc loses nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


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
