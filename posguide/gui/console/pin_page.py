"""The console's door: set the manager PIN at first use, enter it afterwards.

The check runs on the console's reader thread (Argon2 takes a fifth of a second by design); a
wrong PIN says how many tries are left, a lock says until when, counting down.
"""

from __future__ import annotations

import math
from time import monotonic

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from posguide.console.access import ManagerAccess, PinCheck, pin_problem
from posguide.gui.console.reader import Reader
from posguide.gui.i18n import translate
from posguide.gui.widgets.common import make_label


class PinPage(QWidget):
    unlocked = Signal()

    def __init__(self, reader: Reader, access: ManagerAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.reader, self.access = reader, access
        self.setting: bool | None = None  # None until it is known whether a PIN exists
        self.heading = make_label(self, bold=True, scale=1.4)
        self.explain = make_label(self)
        self.pin = QLineEdit()
        self.again = QLineEdit()
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            edit.returnPressed.connect(self.submit)
        self.again_label = QLabel()
        self.pin_label = QLabel()
        self.button = QPushButton()
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.pin_label, self.pin)
        form.addRow(self.again_label, self.again)
        box = QWidget()
        box.setFixedWidth(440)  # a fixed width: wrapped messages below then get their height
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addWidget(self.explain)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._locked_until = 0.0
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count_down)
        self._busy = False
        self.retranslate()
        self.reader.request(lambda _: access.is_set(), self._known, self._failed)

    def _known(self, is_set: bool) -> None:
        self.setting = not is_set
        if is_set:
            self.reader.request(lambda _: self.access.locked_s(), self._lock_known, self._failed)
        self.retranslate()
        self.pin.setFocus()

    def _lock_known(self, seconds: float) -> None:
        if seconds > 0:
            self._lock(seconds)

    def submit(self) -> None:
        if self._busy or self.setting is None or self._tick.isActive():
            return
        pin = self.pin.text()
        if self.setting:
            problem = pin_problem(pin)
            if problem is not None:
                self._say(problem.translated(translate))
                return
            if self.again.text() != pin:
                self._say(self.tr("The two PINs differ; type the same PIN twice."))
                self.again.clear()
                self.again.setFocus()
                return
            self._busy = True
            self._say(self.tr("Saving…"))
            self.reader.request(lambda _: self.access.set_pin(pin), lambda _: self._opened(),
                                self._failed)  # fmt: skip
            return
        if not pin:
            self._say(self.tr("Type the manager PIN."))
            return
        self._busy = True
        self._say(self.tr("Checking…"))
        self.reader.request(lambda _: self.access.check(pin), self._checked, self._failed)

    def _checked(self, result: PinCheck) -> None:
        self._busy = False
        self.pin.clear()
        if result.ok:
            self._opened()
        elif result.locked_s > 0:
            self._lock(result.locked_s)
        else:
            self._say(self.tr("Wrong PIN. %n more wrong PIN(s) lock the console for a while.",
                              "", result.tries_left))  # fmt: skip
            self.pin.setFocus()

    def _opened(self) -> None:
        self._busy = False
        self.pin.clear()
        self.again.clear()
        self._say("")
        self.unlocked.emit()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self._say(self.tr("The PIN cannot be checked: {error}").format(error=error))

    def _lock(self, seconds: float) -> None:
        self._locked_until = monotonic() + seconds
        self.pin.setEnabled(False)
        self.button.setEnabled(False)
        self._tick.start()
        self._count_down()

    def _count_down(self) -> None:
        left = self._locked_until - monotonic()
        if left <= 0:
            self._tick.stop()
            self.pin.setEnabled(True)
            self.button.setEnabled(True)
            self._say(self.tr("You can try again."))
            self.pin.setFocus()
            return
        minutes, seconds = divmod(math.ceil(left), 60)
        self._say(self.tr("Too many wrong PINs. Try again in {minutes}:{seconds:02d}.").format(
            minutes=minutes, seconds=seconds))  # fmt: skip

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def retranslate(self) -> None:
        if self.setting:
            self.heading.setText(self.tr("Set the manager PIN"))
            self.explain.setText(
                self.tr(
                    "The manager console shows the shop's incident history and reports. Choose "
                    "a PIN of 4 to 8 digits that cashiers do not know; you will need it each time."
                )
            )
            self.button.setText(self.tr("&Set PIN and open"))
        else:
            self.heading.setText(self.tr("Manager"))
            self.explain.setText(self.tr("Type the manager PIN to see the incident history."))
            self.button.setText(self.tr("&Open"))
        self.pin_label.setText(self.tr("PIN"))
        self.again_label.setText(self.tr("PIN again"))
        self.again.setVisible(bool(self.setting))
        self.again_label.setVisible(bool(self.setting))
