"""The questions of a step as large, keyboard-friendly inputs: yes/no toggles, radio and check
"cards", text fields, the terminal and the cashier's name. The caller owns the answers: the form
shows what it is given and reports each change the cashier makes through ``answered``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from posguide.flow.answers import MAX_TEXT
from posguide.flow.model import Question
from posguide.gui.focus import guard_wheel
from posguide.gui.widgets.common import touch_height

DEBOUNCE_MS = 500
SHORT_LIST = 3  # more choices than this go in two columns, when their labels are short:
SHORT_CHOICE_LINES = 10  # no wider than this many text lines (so two fit a narrow column)
_UNSET = object()
_STYLE = """
QFrame#question { border: 2px solid transparent; border-radius: 8px; }
QFrame#question[missing="true"] { border-color: #cf222e; background: #fff5f5; }
QLabel#questionText { font-weight: bold; }
QLabel#required { color: #57606a; }
QLabel#missing { color: #cf222e; font-weight: bold; }
QPushButton#toggle { border: 2px solid #8c959f; border-radius: 6px; background: #ffffff;
    color: #1f2328; padding: 0.3em 1.8em; }
QPushButton#toggle:hover { background: #f3f6fa; }
QPushButton#toggle:checked { background: #1f6feb; border-color: #1f6feb; color: #ffffff; }
QPushButton#toggle:focus { border-color: #1f6feb; background: #f0f6ff; }
QPushButton#toggle:checked:focus { border-color: #0a3069; background: #1f6feb; }
QRadioButton#option, QCheckBox#option { border: 2px solid #d0d7de; border-radius: 6px;
    background: #ffffff; padding: 0.3em 0.7em; spacing: 0.6em; }
QRadioButton#option:hover, QCheckBox#option:hover { border-color: #8c959f; }
QRadioButton#option:checked, QCheckBox#option:checked { background: #ddf4ff;
    border-color: #54aeff; }
QRadioButton#option:focus, QCheckBox#option:focus { border-color: #1f6feb; }
QRadioButton#option::indicator, QCheckBox#option::indicator { width: 1.1em; height: 1.1em; }
"""


def _short_list(buttons: list[tuple[QAbstractButton, object]], box: QWidget) -> bool:
    widest = max(button.sizeHint().width() for button, _value in buttons)
    return len(buttons) > SHORT_LIST and widest <= box.fontMetrics().height() * SHORT_CHOICE_LINES


class _RadioCard(QRadioButton):
    def hitButton(self, pos: QPoint) -> bool:  # the whole card, not only the text, takes a tap
        return self.rect().contains(pos)


class _CheckCard(QCheckBox):
    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


@dataclass
class _Entry:
    question: Question
    box: QFrame
    missing: QLabel
    show: Callable[[Any], None]  # put a value on screen (None: unanswered), no signal
    focus: QWidget


class QuestionForm(QWidget):
    """``answered(qid, value)``: bool (yesno), a choice id (choice), ticked choice ids in choice
    order (multichoice), the stripped text (text, staff) or terminal id; None when a text is
    cleared. Each change is reported once; ``set_answers`` reports nothing."""

    answered = Signal(str, object)

    def __init__(
        self,
        language: str,
        terminals: list[tuple[str, str]],
        staff: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._terminals = list(terminals)
        self._staff = list(staff)
        self._entries: dict[str, _Entry] = {}
        self._last: dict[str, object] = {}
        self._timers: dict[str, tuple[QTimer, QLineEdit]] = {}
        self.setStyleSheet(_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    # --- public API ---------------------------------------------------------------------------

    def set_questions(self, questions: list[Question]) -> None:
        """Replace the questions; each shows its preset until ``set_answers`` says otherwise."""
        for entry in self._entries.values():
            entry.box.hide()
            self._layout.removeWidget(entry.box)
            entry.box.deleteLater()
        for timer, _edit in self._timers.values():
            timer.stop()
        self._entries, self._last, self._timers = {}, {}, {}
        for question in questions:
            entry = self._build(question)
            self._entries[question.id] = entry
            self._layout.addWidget(entry.box)
            entry.show(None)
            self._last[question.id] = None
            entry.box.setHidden(question.kind == "terminal" and not self._terminals)

    def set_answers(self, answers: dict[str, object]) -> None:
        """Show these values (answers and presets, as the session has them) without emitting
        ``answered``; a question not in ``answers`` shows as unanswered."""
        for qid, entry in self._entries.items():
            value = answers.get(qid)
            if qid in self._timers:
                self._timers[qid][0].stop()
            entry.show(value)
            self._last[qid] = value
            self._set_missing(entry, False)

    def set_visible(self, ids: set[str]) -> None:
        """Show exactly the questions in ``ids`` (a terminal question needs terminals)."""
        for qid, entry in self._entries.items():
            shown = qid in ids and (entry.question.kind != "terminal" or bool(self._terminals))
            entry.box.setHidden(not shown)

    def mark_missing(self, ids: Iterable[str]) -> QWidget | None:
        """Outline these questions in red and focus the first (returned, so the page can scroll
        to it); an answer clears its mark."""
        wanted = set(ids)
        first: _Entry | None = None
        for qid, entry in self._entries.items():
            self._set_missing(entry, qid in wanted)
            if qid in wanted and first is None and not entry.box.isHidden():
                first = entry
        if first is None:
            return None
        first.focus.setFocus()
        return first.box

    def first_of(self, ids: Iterable[str]) -> QWidget | None:
        """The input of the first shown question among ``ids`` (form order), if any."""
        wanted = set(ids)
        return next(
            (e.focus for qid, e in self._entries.items() if qid in wanted and not e.box.isHidden()),
            None,
        )

    def flush(self) -> None:
        """Report texts typed less than 500 ms ago now: call it before the step is left."""
        for qid, (timer, edit) in self._timers.items():
            if timer.isActive():
                timer.stop()
                self._user_answer(qid, edit.text())

    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden, the step is over (or left with Back): a late report would go to another step.
        for timer, _edit in self._timers.values():
            timer.stop()
        super().hideEvent(event)

    def missing_ids(self) -> set[str]:
        return {qid for qid, e in self._entries.items() if not e.missing.isHidden()}

    # --- building -----------------------------------------------------------------------------

    def _build(self, question: Question) -> _Entry:
        box = QFrame(self)
        box.setObjectName("question")
        box.setProperty("question", question.id)  # lets tests and screen readers find it
        layout = QVBoxLayout(box)
        header = QHBoxLayout()
        text = QLabel(question.text.get(self._language), box)
        text.setObjectName("questionText")
        text.setWordWrap(True)
        header.addWidget(text, 1)
        if question.required:
            marker = QLabel(self.tr("(required)"), box)
            marker.setObjectName("required")
            header.addWidget(marker)
        layout.addLayout(header)
        builder = getattr(self, f"_build_{question.kind}")
        editor, show, focus = builder(question, box)
        layout.addWidget(editor)
        missing = QLabel(self.tr("Please answer this"), box)
        missing.setObjectName("missing")
        missing.hide()
        layout.addWidget(missing)
        return _Entry(question, box, missing, show, focus)

    def _buttons(
        self, question: Question, box: QFrame, buttons: list[tuple[QAbstractButton, object]]
    ) -> tuple[QWidget, Callable[[Any], None], QWidget]:
        row = QWidget(box)
        layout = QGridLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        # Yes/No side by side; lists of short choices in two columns, to keep the questions
        # below within a 768-pixel screen (arrow keys follow the geometry).
        columns = len(buttons) if question.kind == "yesno" else 1 + _short_list(buttons, box)
        rows = -(-len(buttons) // columns)
        # Tick boxes stay out of a button group: Qt lets Tab reach only one button of a group,
        # which would leave the other choices of a multichoice out of keyboard reach.
        exclusive = question.kind != "multichoice"
        group = QButtonGroup(row)
        for index, (button, value) in enumerate(buttons):
            button.setProperty("choice", value)
            button.setCheckable(True)
            button.setMinimumHeight(touch_height(button))
            if exclusive:
                group.addButton(button)
            else:
                button.clicked.connect(lambda _c=False: self._user_answer(question.id, current()))
            layout.addWidget(button, index % rows, index // rows)
        if question.kind == "yesno":
            layout.setColumnStretch(columns, 1)

        def current() -> object:
            ticked = [value for button, value in buttons if button.isChecked()]
            return ticked if question.kind == "multichoice" else ticked[0]

        def show(value: Any) -> None:
            wanted = value if isinstance(value, list) else [value]
            group.setExclusive(False)  # an exclusive group cannot be cleared
            for button, choice in buttons:
                button.setChecked(any(choice == w and type(choice) is type(w) for w in wanted))
            group.setExclusive(exclusive)

        group.buttonClicked.connect(lambda _b: self._user_answer(question.id, current()))
        return row, show, buttons[0][0]

    def _build_yesno(self, question: Question, box: QFrame) -> Any:
        yes, no = QPushButton(self.tr("Yes"), box), QPushButton(self.tr("No"), box)
        for button in (yes, no):
            button.setObjectName("toggle")
            button.setAutoDefault(False)
        return self._buttons(question, box, [(yes, True), (no, False)])

    def _build_choice(self, question: Question, box: QFrame) -> Any:
        return self._options(question, box, _RadioCard)

    def _build_multichoice(self, question: Question, box: QFrame) -> Any:
        return self._options(question, box, _CheckCard)

    def _options(
        self, question: Question, box: QFrame, kind: Callable[[str, QWidget], QAbstractButton]
    ) -> Any:
        buttons: list[tuple[QAbstractButton, object]] = []
        for choice in question.choices:
            button = kind(choice.label.get(self._language).replace("&", "&&"), box)
            button.setObjectName("option")
            buttons.append((button, choice.id))
        return self._buttons(question, box, buttons)

    def _build_text(self, question: Question, box: QFrame) -> Any:
        edit = QLineEdit(box)
        edit.setMaxLength(MAX_TEXT)
        edit.setClearButtonEnabled(True)
        edit.setMinimumHeight(touch_height(edit))
        self._debounce(question.id, edit)

        def show(value: Any) -> None:
            edit.setText(value if isinstance(value, str) else "")

        return edit, show, edit

    def _build_terminal(self, question: Question, box: QFrame) -> Any:
        combo = QComboBox(box)
        guard_wheel(combo)
        combo.setMinimumHeight(touch_height(combo))
        combo.setPlaceholderText(self.tr("Choose the terminal"))
        for terminal_id, name in self._terminals:
            combo.addItem(name or terminal_id, terminal_id)
        combo.activated.connect(
            lambda index: self._user_answer(question.id, str(combo.itemData(index)))
        )

        def show(value: Any) -> None:
            combo.setCurrentIndex(combo.findData(value) if isinstance(value, str) else -1)

        return combo, show, combo

    def _build_staff(self, question: Question, box: QFrame) -> Any:
        combo = QComboBox(box)
        guard_wheel(combo)
        edit = QLineEdit(combo)
        combo.setLineEdit(edit)  # editable: a name that is not in the list can be typed
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self._staff)
        combo.setMinimumHeight(touch_height(combo))
        edit.setMaxLength(MAX_TEXT)
        edit.setPlaceholderText(self.tr("Type or choose your name"))
        combo.activated.connect(lambda index: self._user_answer(question.id, combo.itemText(index)))
        self._debounce(question.id, edit)

        def show(value: Any) -> None:
            combo.setCurrentIndex(-1)
            combo.setEditText(value if isinstance(value, str) else "")

        return combo, show, combo

    def _debounce(self, qid: str, edit: QLineEdit) -> None:
        """Report a typed text 500 ms after the last key, and at once when editing ends."""
        timer = QTimer(edit)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        self._timers[qid] = (timer, edit)
        timer.timeout.connect(lambda: self._user_answer(qid, edit.text()))
        edit.textEdited.connect(lambda _text: timer.start())

        def finished() -> None:
            timer.stop()
            self._user_answer(qid, edit.text())

        edit.editingFinished.connect(finished)

    # --- answers ------------------------------------------------------------------------------

    def _user_answer(self, qid: str, value: object) -> None:
        if isinstance(value, str):
            value = value.strip() or None  # a cleared text: no answer (as the session takes it)
        entry = self._entries.get(qid)
        if entry is None:
            return
        if value not in (None, []):
            self._set_missing(entry, False)
        previous = self._last.get(qid, _UNSET)
        if previous is not _UNSET and type(previous) is type(value) and previous == value:
            return
        self._last[qid] = value
        self.answered.emit(qid, value)

    def _set_missing(self, entry: _Entry, missing: bool) -> None:
        if entry.missing.isHidden() != missing:
            return
        entry.missing.setVisible(missing)
        entry.box.setProperty("missing", missing)
        entry.box.style().unpolish(entry.box)
        entry.box.style().polish(entry.box)
