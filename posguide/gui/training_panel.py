"""Training mode's side panel: the situation, and buttons for what the trainee would do with
their hands in the shop (restart the terminal, replug the cable, switch to the backup...).

What an action shows is read from the simulated shop twice: at once ("the screen goes dark,
the terminal restarts…") and when its effects are over ("signed in, idle screen"). Meanwhile
``acted`` tells the window how long that takes, so the page's checks run again by themselves
once it has played out. A surprise scenario keeps its neutral title until ``reveal``."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import Qt, Signal
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
from posguide.training import ActionRun, TrainingSession

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
    acted = Signal(float, object)  # seconds until the action has played out, a future of it

    def __init__(self, session: TrainingSession, language: str, parent: QWidget | None = None):
        super().__init__(self.tr("Training"), parent)
        self.session = session
        self.language = language
        self.setFixedWidth(340)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.briefing = QLabel()
        self.briefing.setWordWrap(True)
        hint = QLabel(self.tr("In the shop you would do these with your hands:"))
        hint.setWordWrap(True)
        self.log = QLabel()
        self.log.setWordWrap(True)
        # The content scrolls when the window is short (768 pixels at 150 %): never clipped.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.briefing)
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
        self._show_situation()

    def perform(self, action_id: str) -> None:
        task = asyncio.ensure_future(self._perform(action_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def reveal(self) -> None:
        """The debrief is out: name the scenario a surprise was."""
        self.session.reveal()
        self._show_situation()

    def clear(self) -> None:
        """A new incident: what the last one's actions showed goes."""
        self.log.clear()

    def shutdown(self) -> None:
        """The panel goes away: actions still playing out are no longer shown here."""
        for task in list(self._tasks):
            task.cancel()

    async def _perform(self, action_id: str) -> None:
        button = self.buttons[action_id]
        button.setEnabled(False)
        try:
            run = await self.session.perform(action_id)
        except Exception as err:  # a training hiccup must not end the session
            log.exception("training action %s failed", action_id)
            self.log.setText(str(err))
            return
        finally:
            button.setEnabled(True)
        self._show_seen(run, run.observation.get(self.language) if run.observation else "")
        settled: asyncio.Future[object] = asyncio.ensure_future(run.settled())
        self.acted.emit(run.remaining_s(), settled)
        seen = await asyncio.shield(settled)
        if seen is not None and run.settle_s > 0:
            self._show_seen(run, seen.get(self.language))  # type: ignore[attr-defined]

    def _show_seen(self, run: ActionRun, seen: str) -> None:
        done = self.tr("Done: {action}").format(action=run.label.get(self.language))
        self.log.setText(f"{done}\n{seen}".strip())

    def _show_situation(self) -> None:
        self.heading.setText(f"<b>{self.session.title.get(self.language)}</b>")
        self.briefing.setText(self.session.briefing.get(self.language))
