"""``posguide --self-test``: the core's checks (posguide.cli.selftest), then Qt's: the
translations load (ours and Qt's own, which a trimmed frozen build could lose) and the main window
shows and closes on the offscreen platform. Prints one line per check and a summary; exit 0, or
1 with the reason. No display is needed."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from posguide import __version__
from posguide.cli.selftest import CheckResult, core_checks, run_check

MARKS = {True: "ok", False: "FAIL"}


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
    with tempfile.TemporaryDirectory(prefix="posguide-selftest-") as folder:
        results = core_checks(Path(folder))
        results += [
            run_check("translations", check_translations),
            run_check("main window", check_window),
            run_check("sound", check_sound),
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
