"""Training mode's side panel: the situation, and buttons for what the trainee would do with
their hands in the shop (restart the terminal, replug the cable, switch to the backup...)."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from posguide.gui.focus import make_passive
from posguide.training import TrainingSession

log = logging.getLogger("posguide.gui.training")


def wrapping_button(text: str) -> QPushButton:
    """A large button whose label wraps (QPushButton would cut a long Chinese label off)."""
    button = QPushButton()
    label = QLabel(text, button)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    inner = QVBoxLayout(button)
    inner.setContentsMargins(10, 6, 10, 6)
    inner.addWidget(label)
    button.setMinimumHeight(44)
    # As tall as the wrapped label needs at the width it gets (the layout's height for width).
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    button.setAccessibleName(text)
    return button


class TrainingPanel(QGroupBox):
    def __init__(self, session: TrainingSession, language: str, parent: QWidget | None = None):
        super().__init__(self.tr("Training"), parent)
        self.session = session
        self.language = language
        self.setFixedWidth(340)
        scenario = session.scenario
        title = QLabel(f"<b>{scenario.title.get(language)}</b>")
        title.setWordWrap(True)
        briefing = QLabel(scenario.briefing.get(language))
        briefing.setWordWrap(True)
        hint = QLabel(self.tr("In the shop you would do these with your hands:"))
        hint.setWordWrap(True)
        self.log = QLabel()
        self.log.setWordWrap(True)
        # The content scrolls when the window is short (768 pixels at 150 %): never clipped.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(title)
        layout.addWidget(briefing)
        layout.addWidget(hint)
        self.buttons: dict[str, QPushButton] = {}
        for action in session.actions():
            button = make_passive(wrapping_button(action.label.get(language)))
            button.clicked.connect(lambda _=False, a=action.id: self.perform(a))
            layout.addWidget(button)
            self.buttons[action.id] = button
        layout.addWidget(self.log)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 2, 6)
        outer.addWidget(scroll)
        self._tasks: set[asyncio.Task[None]] = set()

    def perform(self, action_id: str) -> None:
        task = asyncio.ensure_future(self._perform(action_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _perform(self, action_id: str) -> None:
        button = self.buttons[action_id]
        button.setEnabled(False)
        try:
            action = await self.session.perform(action_id)
        except Exception as err:  # a training hiccup must not end the session
            log.exception("training action %s failed", action_id)
            self.log.setText(str(err))
            return
        finally:
            button.setEnabled(True)
        seen = action.observation.get(self.language) if action.observation else ""
        done = self.tr("Done: {action}").format(action=action.label.get(self.language))
        self.log.setText(f"{done}\n{seen}".strip())
