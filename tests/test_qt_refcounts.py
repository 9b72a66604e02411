"""The Qt binding must not leak or drop references to None/True: PySide6 6.12.0's wheels drop
one per call on Python 3.11, and the window then aborts ("deallocating None") after a few
minutes of spinner animation. This pins the binding we ship."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


class Emitter(QObject):
    ping = Signal()


def test_qt_calls_keep_none_and_true_alive(qapp: Any) -> None:
    label, emitter = QLabel(), Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        label.setText("在维护中")
        label.update()
        emitter.ping.emit()
    assert none_before - sys.getrefcount(None) < 50
    assert true_before - sys.getrefcount(True) < 50
