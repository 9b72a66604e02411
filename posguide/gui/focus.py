"""Focus and input rules, written once for every page of the window.

- Focus goes to the first unanswered question of the page, else to its main button, and is
  always visible (the style sheet draws a focus frame on everything that can take it).
- Buttons with consequences (restart the terminal, skip a step, "I have called", the training
  panel's hands-on actions) are *passive*: a click does not give them focus, and focus pushed
  onto one by itself -- because the widget that had it was hidden or disabled -- is taken back
  to where the page wants it. Tab still reaches them, so keyboard users lose nothing.
- The mouse wheel never changes a combo or spin box that does not have focus: it scrolls the
  page, as a cashier scrolling past "1号收银台" expects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QWidget

PASSIVE = "passive"
W = TypeVar("W", bound=QWidget)


def make_passive(widget: W) -> W:
    """Mark ``widget`` as never taking focus by itself (see the module's docstring)."""
    widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    widget.setProperty(PASSIVE, True)
    return widget


def is_passive(widget: QWidget | None) -> bool:
    while widget is not None:  # a passive button's inner label counts as the button
        if widget.property(PASSIVE):
            return True
        widget = widget.parentWidget()
    return False


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            # Not handled here and not accepted: Qt hands the wheel to the parents, so the
            # scroll area under the combo box scrolls instead.
            event.ignore()
            return True
        return False


def guard_wheel(widget: W) -> W:
    """The wheel changes ``widget`` (a combo or spin box) only once it has focus."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus: the wheel gives none
    widget.installEventFilter(_WheelGuard(widget))  # owned by the widget, deleted with it
    return widget


class FocusGuard(QObject):
    """Watches focus inside ``owner``'s window: focus pushed onto a passive widget goes to
    ``target()`` instead (the page's first unanswered question, else its main button). Lives
    and dies with ``owner``."""

    def __init__(self, owner: QWidget, target: Callable[[], QWidget | None]) -> None:
        super().__init__(owner)
        self._window, self._target = owner.window(), target
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._changed)

    def apply(self) -> None:
        """Put focus where the page wants it now."""
        target = self._target()
        if target is not None and target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not is_passive(new) or new.window() is not self._window:
            return
        # Chosen (Tab, a mnemonic) from a widget that is still there: fine. Pushed (the widget
        # that had focus was hidden or disabled, or the window was re-activated): take it back.
        chosen = old is not None and old.isVisible() and old.isEnabled()
        if not chosen:
            self.apply()


def day_edit() -> QDateEdit:
    """A date field for a period's "from" or "to": today, a calendar to pick from, the wheel
    guarded like a combo box's."""
    edit = guard_wheel(QDateEdit())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate.currentDate())
    return edit


def fill_periods(combo: QComboBox, periods: Sequence[str]) -> None:
    """Offer the named ``periods`` (posguide.console.periods) in the UI's language, keeping the
    one chosen; no change signal is sent."""
    # Spelled out call by call: the translation extractor reads each literal.
    names = {
        "all": QCoreApplication.translate("Periods", "All dates"),
        "today": QCoreApplication.translate("Periods", "Today"),
        "7d": QCoreApplication.translate("Periods", "Last 7 days"),
        "30d": QCoreApplication.translate("Periods", "Last 30 days"),
        "90d": QCoreApplication.translate("Periods", "Last 90 days"),
        "year": QCoreApplication.translate("Periods", "This year"),
        "custom": QCoreApplication.translate("Periods", "From … to …"),
    }
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for name in periods:
        combo.addItem(names[name], name)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
