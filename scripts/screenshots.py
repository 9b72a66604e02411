"""Screenshots of every page of the real posguide window, for docs/wizard.md.

    .venv/bin/python scripts/screenshots.py          # all of them, into docs/screenshots/
    .venv/bin/python scripts/screenshots.py --only escalation --only english   # some of them

The window runs offscreen in training mode, driven like tests/gui_driver.py does: the real qasync
loop (``already_running=True``), the real probes against the training simulators, a throw-away
data folder per scenario. It has the size it takes on a 1366×768 till with a taskbar; a few pages
also at 1024×768. Chinese first; one page in English; one at 150 % scale, taken in a child
process because QT_SCALE_FACTOR must be set before Qt starts.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)  # the simulators listen on loopback
os.environ["NO_PROXY"] = "127.0.0.1,localhost,::1"

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))  # gui_driver: the same driver the GUI tests use

from gui_driver import FINISH, SKIP, Driver  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QBuffer,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QMessageLogContext,
    QSize,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QWidget  # noqa: E402

from posguide.gui.fonts import chinese_font, install_fonts  # noqa: E402
from posguide.gui.window import fitted_size  # noqa: E402
from posguide.gui.wizard.report_view import FaultReportView  # noqa: E402
from posguide.resources import resource_path  # noqa: E402
from posguide.timeutil import now  # noqa: E402

MAX_BYTES = 250 * 1024


def window_on(width: int, height: int, taskbar: int = 40) -> tuple[int, int]:
    """The window's size on a screen of ``width``×``height`` (logical) with a taskbar."""
    size = fitted_size(QSize(width, height - taskbar))
    return size.width(), size.height()


WINDOW = window_on(1366, 768)  # a till's screen
SMALL_WINDOW = window_on(1024, 768)
SCALED_WINDOW = window_on(1280, 720, taskbar=27)  # 1920x1080 at 150 %: 1280x720 logical


class Bot:
    """The few pytest-qt ``qtbot`` calls gui_driver.Driver makes."""

    def waitUntil(self, condition: Callable[[], Any], timeout: int = 5000) -> None:
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout} ms for {condition}")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    def wait(self, ms: int) -> None:
        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    def mouseClick(self, widget: QWidget, button: Qt.MouseButton) -> None:
        QTest.mouseClick(widget, button)

    def keyClick(self, widget: QWidget, key: Qt.Key) -> None:
        QTest.keyClick(widget, key)


BOT = Bot()
NOISE = ("This plugin does not support propagateSizeHints()",)  # offscreen has no window manager


def quiet_qt_messages() -> None:
    """Offscreen and QtMultimedia chatter (missing PipeWire, VA-API...) off the console."""

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in NOISE or (context.category or "").startswith("qt.multimedia"):
            return
        print(f"qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def application() -> QApplication:
    """As posguide's run_gui sets it up: the CJK font and the style sheet."""
    quiet_qt_messages()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("posguide")
    install_fonts(app)
    family = chinese_font()
    if not family:
        sys.exit("no Chinese font: install fonts-wqy-microhei")
    app.setStyleSheet(resource_path("style", "posguide.qss").read_text(encoding="utf-8"))
    return app


@contextmanager
def driving(
    scenario: str,
    language: str = "zh_CN",
    *,
    size: tuple[int, int] = WINDOW,
    home: Path | None = None,
) -> Iterator[Driver]:
    """A training window on ``scenario`` in a throw-away data folder (or ``home``)."""
    with tempfile.TemporaryDirectory(prefix="posguide-shots-") as tmp:
        driver = Driver(BOT, home or Path(tmp) / "home", scenario, language)
        try:
            driver.window.resize(*size)
            settle()
            yield driver
        finally:
            driver.close()


def settle(ms: int = 300) -> None:
    """Let layouts, style polish and pending probe results reach the screen."""
    BOT.wait(ms)


def save(widget: QWidget, name: str) -> Path:
    settle()
    pixmap = widget.grab()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    image = Image.open(io.BytesIO(buffer.data().data())).convert("RGB")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    image.save(path, optimize=True)
    if path.stat().st_size > MAX_BYTES:
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"{os.path.relpath(path, ROOT)}  {pixmap.width()}x{pixmap.height()}  "
          f"{path.stat().st_size // 1024} KB", flush=True)  # fmt: skip
    return path


def save_report(view: FaultReportView, name: str) -> Path:
    """The whole fault description, not only the part its box shows without scrolling."""
    text = view.text
    height = text.minimumHeight()
    text.setMinimumHeight(round(text.document().size().height()) + 2 * text.frameWidth() + 4)
    try:
        return save(view, name)
    finally:
        text.setMinimumHeight(height)


def type_in(d: Driver, qid: str, text: str) -> None:
    """Like Driver.type, without its Return: Return in a text field is the wizard's Next."""
    edit = d.question(qid).findChild(QLineEdit)
    assert edit is not None
    edit.setFocus()
    event = QInputMethodEvent()  # Chinese arrives from the input method as one string
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)
    settle(700)  # the form reports a typed text after 500 ms


def scroll_area(d: Driver) -> tuple[QScrollArea, QWidget]:
    """The step page's scroll area and what it scrolls."""
    area = d.page.findChild(QScrollArea)
    assert area is not None
    body = area.widget()
    assert body is not None
    return area, body


def save_full(d: Driver, name: str) -> Path:
    """The step page's whole scroll content, as if the window were tall enough for it."""
    return save(scroll_area(d)[1], name)


# --- the shots, in the order a cashier meets them ---------------------------------------------


def start_pages() -> None:
    with driving("provider_maintenance") as d:
        save(d.window, "01_start")
    with tempfile.TemporaryDirectory(prefix="posguide-shots-") as tmp:
        home = Path(tmp) / "home"
        first = Driver(BOT, home, "backup_needed", "zh_CN")
        first.start()
        type_in(first, "staff", "王芳")
        first.next()
        first.close()  # the PC went off in the middle of the incident...
        with driving("backup_needed", home=home) as again:  # ...and is back on
            save(again.window, "02_start_unfinished")


def provider_maintenance() -> None:
    with driving("provider_maintenance") as d:
        d.start()
        type_in(d, "staff", "王芳")
        save(d.window, "03_symptom")
        save_full(d, "03_symptom_full")
        d.next()
        assert d.step == "backup", d.step
        save(d.window, "08_backup")
        save_full(d, "08_backup_full")


def terminal_reboot() -> None:
    with driving("terminal_reboot") as d:
        d.start()
        type_in(d, "staff", "王芳")
        d.next()
        assert d.step == "reboot", d.step
        d.training("restart_terminal")  # the trainee holds the power key
        d.wait_until(lambda: d.probe_status("terminal.reboot") == "running", 10000)
        settle(1500)  # the terminal is off now
        save(d.window, "04_reboot_watching")
        d.wait_probes()
        d.choose("reboot_fixed", True)
        save(d.window, "05_reboot")
        save_full(d, "05_reboot_full")


def router_down(language: str = "zh_CN", size: tuple[int, int] = WINDOW) -> None:
    english, small = language == "en", size == SMALL_WINDOW
    with driving("router_down", language, size=size) as d:
        d.start()
        type_in(d, "staff", "Wang Fang" if english else "王芳")
        d.next()
        d.press(SKIP)  # the cashier skips the restart
        d.wait_probes()
        assert d.step == "cables", d.step
        name = "12_cables_en" if english else "06_cables"
        save(d.window, name + ("_1024" if small else ""))
        if not english and not small:
            save_full(d, "06_cables_full")


def reader_broken() -> None:
    with driving("reader_broken") as d:
        d.start()
        type_in(d, "staff", "王芳")
        d.next()
        d.press(SKIP)
        d.wait_probes()
        d.choose("cables_fixed", False)
        d.next()
        assert d.step == "reader", d.step
        d.choose("reader_methods", "none")
        save(d.window, "07_reader")
        save_full(d, "07_reader_full")


def escalation() -> None:
    with driving("escalation") as d:
        d.start()
        bar = d.window.escalation
        # The scenario's alarm is at one minute: let the bar's clock run a minute ahead.
        bar.clock = lambda: now() + timedelta(minutes=1, seconds=4)
        d.wait_until(lambda: bar.state == "alarm", 5000)
        session = d.shell.session
        assert session is not None
        d.wait_until(lambda: len(session.received_alerts()) == 1, 20000)
        d.wait_until(lambda: bar.alert_label.isVisible() and "…" not in bar.alert_label.text())
        save(d.window, "11_alarm")
        type_in(d, "staff", "王芳")
        d.next()
        d.press(SKIP)
        d.wait_probes()
        d.choose("cables_fixed", False)
        d.next()
        d.choose("reader_methods", "none")
        d.next()
        d.choose("payment_method", "none")
        d.next()
        assert d.step == "call", d.step
        d.choose("outcome", "escalated")
        d.choose("cause", "gateway_timeout")
        assert d.page.report is not None
        save(d.window, "09_call")
        save_full(d, "09_call_full")
        save_report(d.page.report, "09_call_report")
        d.next()
        save(d.window, "10_finish")
        d.press(FINISH)


# The terminal's own way online (uplink): each scenario's step, with what the cashier saw.
UPLINK_STEPS = {
    "mobile_no_signal": ("cellular", "look_at_signal", "signal", "none"),
    "wifi_password_changed": ("wifi", "look_at_wifi_icon", "wifi_icon", "missing"),
    "phone_line_wrong_jack": ("dialup", "listen_dial_tone", "dial_tone", "yes"),
}


def uplinks(language: str = "zh_CN", size: tuple[int, int] = WINDOW) -> None:
    english, small = language == "en", size == SMALL_WINDOW
    for n, (scenario, (step, look, question, seen)) in enumerate(UPLINK_STEPS.items()):
        with driving(scenario, language, size=size) as d:
            d.start()
            type_in(d, "staff", "Wang Fang" if english else "王芳")
            d.next()
            d.choose("reboot_fixed", False)
            d.next()
            assert d.step == step, d.step
            d.training(look)
            d.choose(question, seen)
            d.wait_probes()
            name = f"14{'abc'[n]}_{step}" + ("_en" if english else "") + ("_1024" if small else "")
            save(d.window, name)
            if not english and not small:
                save_full(d, f"14{'abc'[n]}_{step}_full")


def uplinks_other_views() -> None:
    uplinks("en")
    uplinks("zh_CN", SMALL_WINDOW)


def english() -> None:
    router_down("en")


def small_screen() -> None:
    """A 1024×768 till: the same page in both languages, the training panel beside it."""
    router_down("zh_CN", SMALL_WINDOW)
    router_down("en", SMALL_WINDOW)


def scaled() -> None:
    """In a child process: QT_SCALE_FACTOR is read once, when Qt starts."""
    env = dict(os.environ, QT_SCALE_FACTOR="1.5")
    subprocess.run([sys.executable, __file__, "--only", "in_child_150pct"], env=env, check=True)


def symptom_150pct() -> None:
    # A 1920x1080 screen at 150 % offers 1280x720 logical pixels, less the taskbar: the window
    # gets what it would get there.
    with driving("provider_maintenance", size=SCALED_WINDOW) as d:
        d.start()
        type_in(d, "staff", "王芳")
        save(d.window, "13_symptom_150pct")


SHOTS: dict[str, Callable[[], None]] = {
    "start": start_pages,
    "provider_maintenance": provider_maintenance,
    "terminal_reboot": terminal_reboot,
    "router_down": router_down,
    "reader_broken": reader_broken,
    "escalation": escalation,
    "uplinks": uplinks,
    "uplinks_other_views": uplinks_other_views,
    "english": english,
    "small_screen": small_screen,
    "scaled": scaled,
    "in_child_150pct": symptom_150pct,  # what scaled() runs in its child process
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=sorted(SHOTS), action="append")
    args = parser.parse_args()
    application()
    for key in args.only or [k for k in SHOTS if not k.startswith("in_child")]:
        SHOTS[key]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
