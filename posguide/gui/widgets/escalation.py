"""The escalation bar at the top of the wizard: how long the incident has lasted, and the alarm.

Running: "Elapsed 03:12 — alarm at 10:00", refreshed on each whole second of the elapsed time.
At the deadline it emits ``deadline_reached`` once and turns red ("call the provider now"), plays
resources/sounds/alarm.wav every 30 s until muted, acknowledged or stopped, and shows a tray
notification where a system tray exists. ``acknowledge`` turns it amber ("Escalated at 10:02").
Without audio (no QtMultimedia, no output device) or without a tray it degrades quietly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtCore import QMessageLogContext as _Context
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QSystemTrayIcon, QWidget

from posguide.gui.focus import make_passive
from posguide.gui.widgets.common import BUTTON_STYLE, StatusIcon, TouchButton, make_label
from posguide.resources import resource_path
from posguide.timeutil import now

log = logging.getLogger("posguide.gui.alarm")

REPEAT_MS = 30_000
LOOKS = {  # state: (background, text colour)
    "idle": ("#f6f8fa", "#59636e"),
    "running": ("#f6f8fa", "#1f2328"),
    "alarm": ("#cf222e", "#ffffff"),
    "escalated": ("#f8e3a3", "#1f2328"),
    "stopped": ("#f6f8fa", "#59636e"),
}


class AlarmSound(Protocol):
    def play(self) -> None: ...
    def stop(self) -> None: ...


@contextmanager
def qt_messages_to_log() -> Iterator[None]:
    """QtMultimedia warns about every missing optional library (PipeWire, VA-API, PulseAudio):
    send those to the debug log rather than the console and the test's Qt-warning check."""

    def handler(kind: QtMsgType, context: _Context, message: str) -> None:
        log.debug("qt %s: %s", context.category, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def qt_alarm_sound(parent: QObject) -> AlarmSound | None:
    """A QSoundEffect with alarm.wav, or None when this PC cannot play sound."""
    with qt_messages_to_log():
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as err:  # e.g. libpulse0 missing
            log.info("alarm sound off: %s", err)
            return None
        if not QMediaDevices.audioOutputs():
            log.info("alarm sound off: no audio output")
            return None
        effect = QSoundEffect(parent)
        effect.setSource(QUrl.fromLocalFile(str(resource_path("sounds", "alarm.wav"))))
        effect.setVolume(0.9)
        return effect


def clock_text(span: timedelta) -> str:
    """03:12, or 1:03:12 past an hour."""
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class EscalationBar(QFrame):
    """Elapsed time and the escalation alarm; the caller starts, stops and acknowledges it."""

    deadline_reached = Signal()
    acknowledge_clicked = Signal()  # "I have called"; the bar turns amber by itself too
    retry_clicked = Signal()  # "send the alert again", offered once an alert has failed

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = now,
        sound_factory: Callable[[QObject], AlarmSound | None] = qt_alarm_sound,
        repeat_ms: int = REPEAT_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("escalationBar")
        self.clock, self._sound_factory = clock, sound_factory
        self.state, self._look = "idle", ""
        self._started_at: datetime | None = None
        self._minutes = 0
        self._fired, self._muted, self._sound_tried = False, False, False
        self._escalated_at = timedelta(0)
        self._stopped_after = timedelta(0)
        self._sound: AlarmSound | None = None
        self._tray: QSystemTrayIcon | None = None
        self.icon = StatusIcon(self)
        self.icon.set_state("alarm")
        self.headline = make_label(self, bold=True)
        self.elapsed_label = make_label(self, scale=0.9)
        self.alert_icon = StatusIcon(self)
        self.alert_label = make_label(self, scale=0.9)
        self.mute_button = TouchButton(self)
        # Never focused by themselves: Enter meant for Next must not "call" or mute.
        make_passive(self.mute_button)
        self.called_button = make_passive(TouchButton(self))
        self.retry_button = TouchButton(self)
        self.retry_button.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 6, 12, 6)
        grid.addWidget(self.icon, 0, 0, 2, 1)
        grid.addWidget(self.headline, 0, 1, 1, 2)
        grid.addWidget(self.elapsed_label, 1, 1, 1, 2)
        grid.addWidget(self.alert_icon, 2, 1)
        grid.addWidget(self.alert_label, 2, 2)
        grid.addWidget(self.retry_button, 2, 3, 1, 2)
        grid.addWidget(self.mute_button, 0, 3, 3, 1)
        grid.addWidget(self.called_button, 0, 4, 3, 1)
        grid.setColumnStretch(2, 1)
        self.mute_button.clicked.connect(self.mute)
        self.called_button.clicked.connect(self._called_clicked)
        self.retry_button.clicked.connect(self.retry_clicked)
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self.refresh)
        self._repeat = QTimer(self)
        self._repeat.setInterval(repeat_ms)
        self._repeat.timeout.connect(self._play)
        self.set_alert_status("", None)
        self._render()

    def start(self, started_at: datetime, minutes: int) -> None:
        """Count from ``started_at`` (aware, like the clock); alarm after ``minutes``. The
        deadline may already have passed (the app restarted): then it fires at once."""
        self._silence()
        self._started_at, self._minutes = started_at, minutes
        self._fired = self._muted = False
        self.state = "running"
        self.set_alert_status("", None)
        self.refresh()

    def stop(self) -> None:
        """The incident is over: freeze the time shown, silence everything, stop all timers."""
        if self._started_at is not None and self.state != "idle":
            self._stopped_after = self.elapsed()
        self._silence()
        self._tick.stop()
        self.state = "stopped" if self._started_at is not None else "idle"
        self._render()

    def acknowledge(self) -> None:
        """The cashier has called the provider: amber "Escalated at …", the sound stops."""
        if self.state not in ("running", "alarm"):
            return
        self._silence()
        self._escalated_at = self.elapsed()
        self.state = "escalated"
        self._render()

    def mute(self) -> None:
        """Stop the repeating alarm sound; the red banner stays."""
        self._muted = True
        self._repeat.stop()
        if self._sound is not None:
            self._sound.stop()
        self._render()

    def set_alert_status(self, text: str, ok: bool | None, *, retry: bool = False) -> None:
        """A small line under the banner: sent (True), failed (False) or in progress (None);
        ``retry`` offers to send again."""
        self.retry_button.setVisible(retry)
        self.alert_label.setText(text)
        self.alert_icon.set_state({True: "ok", False: "fail", None: "running"}[ok])
        for widget in (self.alert_label, self.alert_icon):
            widget.setVisible(bool(text))

    def elapsed(self) -> timedelta:
        if self._started_at is None:
            return timedelta(0)
        return max(timedelta(0), self.clock() - self._started_at)

    def alarm_sounding(self) -> bool:
        """True while the alarm sound repeats (never on a PC without audio)."""
        return self._repeat.isActive()

    def timers_active(self) -> bool:
        return self._tick.isActive() or self._repeat.isActive()

    def refresh(self) -> None:
        """Update the time shown, fire the deadline when due, arm the next whole-second tick."""
        if self.state not in ("running", "alarm", "escalated"):
            return
        elapsed = self.elapsed()
        if not self._fired and elapsed >= timedelta(minutes=self._minutes):
            self._fired = True
            if self.state == "running":
                self._raise_alarm()
            self.deadline_reached.emit()
        if self.state not in ("running", "alarm", "escalated"):
            return  # a slot on deadline_reached stopped the bar
        self._render()
        self._tick.start(1000 - int(elapsed.total_seconds() * 1000) % 1000 + 5)

    def _raise_alarm(self) -> None:
        self.state = "alarm"
        if not self._sound_tried:
            self._sound_tried = True
            self._sound = self._sound_factory(self)
        if self._sound is not None:
            self._play()
            self._repeat.start()
        QApplication.alert(self.window())
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(QIcon(str(resource_path("icons", "alarm.svg"))), self)
            self._tray.show()
            self._tray.showMessage(
                "posguide", self._alarm_text(), QSystemTrayIcon.MessageIcon.Critical
            )

    def _play(self) -> None:
        if self._sound is not None and not self._muted:
            self._sound.play()

    def _silence(self) -> None:
        self._repeat.stop()
        if self._sound is not None:
            self._sound.stop()
        if self._tray is not None:
            self._tray.hide()

    def _called_clicked(self) -> None:
        self.acknowledge()
        self.acknowledge_clicked.emit()

    def _alarm_text(self) -> str:
        return self.tr(
            "Not fixed within {minutes} min: call the provider now and tell the manager"
        ).format(minutes=self._minutes)

    def _render(self) -> None:
        elapsed = clock_text(self.elapsed())
        deadline = clock_text(timedelta(minutes=self._minutes))
        self.headline.setText(
            {
                "idle": self.tr("The timer starts with the incident"),
                "running": self.tr("Elapsed {elapsed} — alarm at {deadline}").format(
                    elapsed=elapsed, deadline=deadline
                ),
                "alarm": self._alarm_text(),
                "escalated": self.tr("Escalated at {at}").format(at=clock_text(self._escalated_at)),
                "stopped": self.tr("Stopped after {elapsed}").format(
                    elapsed=clock_text(self._stopped_after)
                ),
            }[self.state]
        )
        self.elapsed_label.setText(self.tr("Elapsed {elapsed}").format(elapsed=elapsed))
        self.elapsed_label.setVisible(self.state in ("alarm", "escalated"))
        self.mute_button.setText(self.tr("Muted") if self._muted else self.tr("&Mute"))
        self.mute_button.setEnabled(not self._muted)
        self.mute_button.setVisible(self.state == "alarm" and self._sound is not None)
        self.called_button.setText(self.tr("&I have called"))
        self.retry_button.setText(self.tr("Send the &alert again"))
        self.called_button.setVisible(self.state == "alarm")
        self.setAccessibleName(self.headline.text())
        if self._look != self.state:  # restyling re-polishes every child: only on a change
            self._look = self.state
            for icon in (self.icon, self.alert_icon):
                icon.backdrop = QColor("#ffffff") if self.state == "alarm" else None
                icon.update()
            font = self.headline.font()
            font.setPointSizeF(self.font().pointSizeF() * (1.15 if self.state == "alarm" else 1.0))
            self.headline.setFont(font)
            background, text = LOOKS[self.state]
            edge = "#d29922" if self.state == "escalated" else "#d0d7de"
            self.setStyleSheet(
                f"QFrame#escalationBar {{ background: {background};"
                f" border-bottom: 3px solid {edge}; }} QLabel {{ color: {text}; }}" + BUTTON_STYLE
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
