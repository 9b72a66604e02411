"""The escalation bar: elapsed time, the deadline (once), the alarm, mute, acknowledge, stop."""

from __future__ import annotations

import importlib.util
import wave
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer

from posguide.gui.widgets.escalation import EscalationBar, clock_text
from posguide.resources import resource_path

GUI_MARKS = (
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says this whenever a top-level window with a layout is shown
    pytest.mark.qt_log_ignore("propagateSizeHints"),
)
START = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=8)))
ALARM = "Not fixed within 10 min: call the provider now and tell the manager"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def at(self, minutes: int, seconds: int = 0) -> None:
        self.now = START + timedelta(minutes=minutes, seconds=seconds)


class Sound:
    """Stands in for QSoundEffect: records what the bar asked of it."""

    def __init__(self) -> None:
        self.plays = self.stops = 0
        self.playing = False

    def play(self) -> None:
        self.plays += 1
        self.playing = True

    def stop(self) -> None:
        self.stops += 1
        self.playing = False


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sound() -> Sound:
    return Sound()


@pytest.fixture
def bar(qtbot, clock: Clock, sound: Sound) -> EscalationBar:
    widget = EscalationBar(clock=clock, sound_factory=lambda parent: sound, repeat_ms=50)
    qtbot.addWidget(widget)
    widget.resize(800, 100)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def gui(test: Callable[..., None]) -> Callable[..., None]:
    for mark in GUI_MARKS:
        test = mark(test)
    return test


def active_timers(widget: QObject) -> list[QTimer]:
    return [timer for timer in widget.findChildren(QTimer) if timer.isActive()]


def test_clock_text() -> None:
    assert clock_text(timedelta(minutes=3, seconds=12)) == "03:12"
    assert clock_text(timedelta(hours=1, minutes=3, seconds=12)) == "1:03:12"
    assert clock_text(timedelta(seconds=-5)) == "00:00"


@gui
def test_elapsed_label_updates(bar: EscalationBar, clock: Clock, qtbot) -> None:
    assert active_timers(bar) == []  # idle: no timer runs
    bar.start(START, 10)
    assert bar.headline.text() == "Elapsed 00:00 — alarm at 10:00"
    clock.at(3, 12)
    qtbot.waitUntil(lambda: bar.headline.text() == "Elapsed 03:12 — alarm at 10:00", timeout=2000)
    assert bar.accessibleName() == bar.headline.text()
    assert bar.mute_button.isHidden() and bar.called_button.isHidden()


@gui
def test_deadline_fires_once_then_alarm(
    bar: EscalationBar, clock: Clock, sound: Sound, qtbot
) -> None:
    fired: list[bool] = []
    bar.deadline_reached.connect(lambda: fired.append(True))
    bar.start(START, 10)
    clock.at(9, 59)
    bar.refresh()
    assert fired == [] and bar.state == "running"
    clock.at(10, 0)
    bar.refresh()
    assert fired == [True]
    assert bar.state == "alarm" and bar.headline.text() == ALARM
    assert bar.elapsed_label.text() == "Elapsed 10:00"
    assert not bar.mute_button.isHidden() and not bar.called_button.isHidden()
    assert bar.mute_button.height() >= 44
    for minute in (11, 12, 20):
        clock.at(minute)
        bar.refresh()
    qtbot.wait(100)  # the real timer ticks too
    assert fired == [True]
    assert bar.elapsed_label.text() == "Elapsed 20:00"


@gui
def test_sound_repeats_until_muted(bar: EscalationBar, clock: Clock, sound: Sound, qtbot) -> None:
    bar.start(START, 10)
    clock.at(10, 1)
    bar.refresh()
    assert sound.playing and bar.alarm_sounding()
    qtbot.waitUntil(lambda: sound.plays >= 3, timeout=2000)  # every repeat_ms (30 s in use)
    qtbot.mouseClick(bar.mute_button, Qt.MouseButton.LeftButton)
    assert not sound.playing and not bar.alarm_sounding()
    plays = sound.plays
    qtbot.wait(200)
    assert sound.plays == plays
    assert bar.state == "alarm" and bar.headline.text() == ALARM  # muted, still red
    assert bar.mute_button.text() == "Muted" and not bar.mute_button.isEnabled()


@gui
def test_mute_by_keyboard(bar: EscalationBar, clock: Clock, sound: Sound, qtbot) -> None:
    bar.start(START, 1)
    clock.at(1)
    bar.refresh()
    qtbot.keyClick(bar.mute_button, Qt.Key.Key_Return)
    assert not sound.playing and not bar.alarm_sounding()


@gui
def test_i_have_called_turns_amber(bar: EscalationBar, clock: Clock, sound: Sound, qtbot) -> None:
    bar.start(START, 10)
    clock.at(10, 0)
    bar.refresh()
    clock.at(10, 2)
    with qtbot.waitSignal(bar.acknowledge_clicked, timeout=1000):
        qtbot.keyClick(bar.called_button, Qt.Key.Key_Space)
    assert bar.state == "escalated" and bar.headline.text() == "Escalated at 10:02"
    assert not sound.playing and not bar.alarm_sounding()
    assert bar.mute_button.isHidden() and bar.called_button.isHidden()
    clock.at(12, 40)
    bar.refresh()
    assert bar.elapsed_label.text() == "Elapsed 12:40"  # the incident still runs


@gui
def test_acknowledged_early_never_sounds(bar: EscalationBar, clock: Clock, sound: Sound) -> None:
    fired: list[bool] = []
    bar.deadline_reached.connect(lambda: fired.append(True))
    bar.start(START, 10)
    clock.at(4)
    bar.acknowledge()
    clock.at(10)
    bar.refresh()
    assert fired == [True]  # the manager's alert still goes out
    assert sound.plays == 0 and bar.state == "escalated"
    assert bar.headline.text() == "Escalated at 04:00"


@gui
def test_stop_halts_every_timer(bar: EscalationBar, clock: Clock, sound: Sound, qtbot) -> None:
    fired: list[bool] = []
    bar.deadline_reached.connect(lambda: fired.append(True))
    bar.start(START, 10)
    assert bar.timers_active()
    clock.at(10, 30)
    bar.refresh()
    assert len(active_timers(bar)) == 2  # the second tick and the sound repeat
    clock.at(11, 5)
    bar.stop()
    assert active_timers(bar) == [] and not bar.timers_active()
    assert not sound.playing and bar.state == "stopped"
    assert bar.headline.text() == "Stopped after 11:05"
    clock.at(30)
    qtbot.wait(1200)
    assert bar.headline.text() == "Stopped after 11:05" and fired == [True]


@gui
def test_start_after_the_deadline_fires_at_once_and_restart_rearms(
    bar: EscalationBar, clock: Clock
) -> None:
    fired: list[bool] = []
    bar.deadline_reached.connect(lambda: fired.append(True))
    clock.at(25)
    bar.start(START, 10)  # the app restarted during a long incident
    assert fired == [True] and bar.state == "alarm"
    bar.start(clock.now, 10)  # a new incident
    assert bar.state == "running" and not bar.alarm_sounding()
    clock.at(35)
    bar.refresh()
    assert fired == [True, True]


@gui
def test_alert_status_line(bar: EscalationBar) -> None:
    assert bar.alert_label.isHidden()
    bar.set_alert_status("Alert sent to WeCom group 门店群", True)
    assert not bar.alert_label.isHidden()
    assert bar.alert_label.text() == "Alert sent to WeCom group 门店群"
    assert bar.alert_icon.state == "ok"
    bar.set_alert_status("Sending alert failed, retrying…", False)
    assert bar.alert_icon.state == "fail"
    bar.set_alert_status("", None)
    assert bar.alert_label.isHidden() and bar.alert_icon.isHidden()
    bar.set_alert_status("Alert sent", True)
    bar.start(START, 10)  # a new incident starts without the old alert line
    assert bar.alert_label.isHidden()


@gui
def test_without_audio_or_tray_the_alarm_is_quiet(qtbot, clock: Clock) -> None:
    """The real sound factory on this machine (offscreen: no audio output, no tray): no
    exception and no Qt warning (qt_log_level_fail), and no Mute button that does nothing."""
    bar = EscalationBar(clock=clock)
    qtbot.addWidget(bar)
    bar.start(START, 10)
    clock.at(10)
    bar.refresh()
    assert bar.state == "alarm"
    if not bar.alarm_sounding():
        assert bar.mute_button.isHidden()
    bar.stop()
    assert active_timers(bar) == []


def test_alarm_sound_file_matches_its_script() -> None:
    path = resource_path("sounds", "alarm.wav")
    with wave.open(str(path), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 22050)
        assert 1.0 <= sound.getnframes() / 22050 <= 1.5
        frames = sound.readframes(sound.getnframes())
    script = Path(__file__).resolve().parent.parent / "scripts" / "make_alarm_sound.py"
    spec = importlib.util.spec_from_file_location("make_alarm_sound", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == frames
