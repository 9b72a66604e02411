"""A monkey's hand, shared by the window's and the console's monkey tests: one random key, Alt-
mnemonic, Chinese text, click or wheel turn on whatever has focus or can be clicked."""

from __future__ import annotations

import random
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def act(
    rng: random.Random,
    fallback: QWidget,
    *,
    keys: Sequence[Qt.Key],
    mnemonics: Sequence[Qt.Key],
    texts: Sequence[str],
    candidates: Sequence[QWidget],
    click_share: float = 0.90,
) -> str:
    """One event to the focused widget (``fallback`` when none), or to one of ``candidates``
    (40 % keys, 10 % Alt-letters, 5 % committed text, clicks up to ``click_share``, wheel)."""
    focus = QApplication.focusWidget() or fallback
    roll = rng.random()
    if roll < 0.40:
        key = rng.choice(keys)
        QTest.keyClick(focus, key)
        return f"key {key.name}"
    if roll < 0.50:
        key = rng.choice(mnemonics)
        QTest.keyClick(focus, key, Qt.KeyboardModifier.AltModifier)
        return f"alt+{key.name}"
    if roll < 0.55:
        event = QInputMethodEvent()  # Chinese arrives from the input method as one string
        event.setCommitString(rng.choice(texts))
        QApplication.sendEvent(focus, event)
        return "text"
    if not candidates:
        return "nothing to click"
    widget = rng.choice(candidates)
    if roll < click_share:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
        return f"click {type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
    centre = QPointF(widget.rect().center())
    delta = rng.choice([-120, 120])
    wheel = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, delta), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(widget, wheel)
    return f"wheel {type(widget).__name__}"
