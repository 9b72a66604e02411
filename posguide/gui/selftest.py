"""``posguide --self-test``: the core's checks (posguide.cli.selftest), then Qt's: the
translations load (ours and Qt's own, which a trimmed frozen build could lose), the main window
shows and closes on the offscreen platform, and the manager console's parts work (a Qt Charts
chart, the Argon2 PIN hash, the fault report PDF). Prints one line per check and a summary;
exit 0, or 1 with the reason. No display is needed."""

from __future__ import annotations

import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

from posguide import __version__
from posguide.cli.selftest import CheckResult, core_checks, run_check

MARKS = {True: "ok", False: "FAIL"}
CHART_TITLE, CHART_LABELS = "故障原因", ("网络中断", "读卡器无响应")
SELFTEST_PIN = "2580"


def check_translations() -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from posguide.gui.i18n import qm_path

    ours = QTranslator()
    if not ours.load(str(qm_path("zh_CN"))):
        raise FileNotFoundError(f"cannot load {qm_path('zh_CN')}")
    title = ours.translate("MainWindow", "TRAINING")
    if not title or title == "TRAINING":
        raise AssertionError("posguide_zh_CN.qm has no Chinese for the main window")
    qt = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt.load("qtbase_zh_CN", qt_dir):
        raise FileNotFoundError(f"Qt's own Chinese (qtbase_zh_CN.qm) is not in {qt_dir}")
    return f"zh_CN ({title}), Qt's own zh_CN from {qt_dir}"


def check_window() -> str:
    from PySide6.QtWidgets import QApplication

    from posguide.gui.fonts import install_fonts
    from posguide.gui.window import MainWindow
    from posguide.resources import resource_path

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_fonts(app)
    app.setStyleSheet(resource_path("style", "posguide.qss").read_text(encoding="utf-8"))
    window = MainWindow(language="zh_CN", training=True)
    try:
        window.show()
        app.processEvents()
        shown = window.isVisible()
        image = window.grab()  # lays out and paints every widget of the first page
        if not shown or image.isNull():
            raise AssertionError("the main window did not show")
        size = f"{image.width()}×{image.height()}"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return f"shown and closed ({size}, platform {app.platformName()})"


def check_sound() -> str:
    """QtMultimedia loads (a trimmed build could lose it) and, where the PC has a speaker, the
    alarm sound decodes for it. Without an audio device there is nothing to play on."""
    from PySide6.QtCore import QElapsedTimer, QUrl
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
    from PySide6.QtWidgets import QApplication

    from posguide.resources import resource_path

    outputs = QMediaDevices.audioOutputs()
    if not outputs:
        return "QtMultimedia loaded; no audio output on this PC (the alarm will be silent)"
    effect = QSoundEffect()
    effect.setSource(QUrl.fromLocalFile(str(resource_path("sounds", "alarm.wav"))))
    waited = QElapsedTimer()
    waited.start()
    loading = (QSoundEffect.Status.Null, QSoundEffect.Status.Loading)
    while effect.status() in loading and waited.elapsed() < 5000:
        QApplication.processEvents()
    if effect.status() != QSoundEffect.Status.Ready:
        raise RuntimeError(f"the alarm sound did not load ({effect.status().name})")
    return f"alarm sound ready on {outputs[0].description()} ({len(outputs)} output(s))"


def check_console_chart(folder: Path) -> str:
    """Qt Charts (in the frozen build for the console's statistics) draws a bar chart offscreen,
    its Chinese labels in a font that has their glyphs (installed by the main window's check)."""
    from PySide6.QtGui import QFont, QFontMetrics, QImage

    from posguide.gui.console.charts import BAR_COLOR, chart_area, save_png, show_bars
    from posguide.gui.fonts import chinese_font

    family = chinese_font()
    missing = [c for c in CHART_TITLE + "".join(CHART_LABELS)
               if not family or not QFontMetrics(QFont(family)).inFontUcs4(ord(c))]  # fmt: skip
    if missing:
        raise AssertionError(f"no Chinese font has {''.join(missing)!r}: the labels show as boxes")
    area = chart_area()
    try:
        show_bars(area, CHART_TITLE, CHART_LABELS, [3, 1])
        area.resize(480, 240)
        path = folder / "chart.png"
        if not save_png(area, path):
            raise OSError(f"the chart was not saved as {path.name}")
    finally:
        area.deleteLater()
    image = QImage(str(path))
    bar = BAR_COLOR.rgb()
    if not any(
        image.pixel(x, y) == bar for x in range(image.width()) for y in range(0, image.height(), 4)
    ):
        raise AssertionError("the chart has no bars")
    return f"bar chart {image.width()}×{image.height()} drawn, labels in {family}"


def check_console_pin(folder: Path) -> str:
    """The manager's PIN hashes with Argon2id (argon2-cffi's compiled binding) and verifies."""
    from posguide.console.access import ManagerAccess
    from posguide.store import IncidentStore

    started = time.monotonic()
    access = ManagerAccess(folder / "console.db")
    access.set_pin(SELFTEST_PIN)
    if not access.check(SELFTEST_PIN).ok:
        raise AssertionError("the PIN just set was not accepted")
    seconds = time.monotonic() - started
    with IncidentStore.open(access.path, integrity="none") as store:
        (hashed,) = store.db.execute("SELECT pin_hash FROM manager_pin").fetchone()
    return f"PIN set and checked ({str(hashed).split('$')[1]}, {seconds:.1f} s)"


def check_console_pdf(folder: Path) -> str:
    """A fault report PDF is written, every glyph from the one embedded Chinese font."""
    from posguide.gui.console.fault_pdf import write_fault_pdf
    from posguide.gui.fonts import pdf_font_family
    from posguide.reports import build_fault_report
    from posguide.store import IncidentStore
    from posguide.timeutil import now

    with IncidentStore.open(folder / "console.db") as store:
        incident = store.start_incident(terminal="selftest", symptom="刷卡无反应", training=True)
        detail = store.get_incident(incident)
    report = build_fault_report(detail, provider=None, terminal=None, recent={30: 1, 90: 1},
                                now=now(), language="zh_CN")  # fmt: skip
    path = folder / "fault.pdf"
    pages = write_fault_pdf(report, {}, path)
    data = path.read_bytes()
    family = pdf_font_family()
    fonts = set(re.findall(rb"/BaseFont\s*/([\w+-]+)", data))
    embedded = family.replace(" ", "").encode()
    if not family or not fonts or not all(embedded in f for f in fonts):
        raise AssertionError(
            f"the PDF's fonts are {sorted(fonts)}, not {family or 'a Chinese one'}"
        )
    return f"{pages} page(s), {len(data) // 1024} KiB, {family} embedded"


def run_self_test() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, and none is touched
    from PySide6.QtCore import qInstallMessageHandler, qVersion
    from PySide6.QtWidgets import QApplication

    started = time.monotonic()
    # Qt's notes (no PipeWire, no audio server, the offscreen platform's) are kept for a failure
    # report, not printed among the results.
    said: list[str] = []
    qInstallMessageHandler(lambda _kind, _context, message: said.append(message))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    print(
        f"posguide {__version__} self-test{frozen}: Python {platform.python_version()}, "
        f"Qt {qVersion()} ({app.platformName()}), {platform.platform()}"
    )
    with tempfile.TemporaryDirectory(prefix="posguide-selftest-") as name:
        folder = Path(name)
        results = core_checks(folder)
        results += [
            run_check("translations", check_translations),
            run_check("main window", check_window),
            run_check("sound", check_sound),
            run_check("console chart", lambda: check_console_chart(folder)),
            run_check("console PIN", lambda: check_console_pin(folder)),
            run_check("console PDF", lambda: check_console_pdf(folder)),
        ]
    for result in results:
        print(f"  {MARKS[result.ok]:<5} {result.name:<19} {result.detail}")
    failed: list[CheckResult] = [r for r in results if not r.ok]
    seconds = time.monotonic() - started
    if failed:
        reasons = "; ".join(f"{r.name}: {r.detail}" for r in failed)
        print(f"self-test FAILED ({len(failed)} of {len(results)} checks): {reasons}")
        for message in said:
            print(f"  Qt: {message}")
        return 1
    print(f"self-test passed: {len(results)} checks in {seconds:.1f} s")
    return 0
