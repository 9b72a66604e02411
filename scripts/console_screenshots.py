"""Screenshots of the manager console for docs/console.md: the PIN, the history, one incident,
a photo full size and the statistics, in Chinese and in English, at 1366×768 (and the history
at 1024×768). Offscreen, on a made-up shop of 400 incidents over a year.

    .venv/bin/python scripts/console_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))  # the tests' history maker
sys.path.insert(0, str(ROOT / "bench"))

from console_data import big_history  # noqa: E402
from photo_import import camera_like_jpeg  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from posguide.console.access import ManagerAccess  # noqa: E402
from posguide.gui.console.photo_viewer import PhotoViewer  # noqa: E402
from posguide.gui.console.window import ConsoleSetup, ConsoleWindow  # noqa: E402
from posguide.gui.fonts import install_fonts  # noqa: E402
from posguide.gui.i18n import Translators  # noqa: E402
from posguide.store import IncidentStore, ProbeRecord  # noqa: E402

PIN = "2580"


def wait(condition: Callable[[], bool], timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        QApplication.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the console did not show it in time")
        time.sleep(0.005)


def settle(ms: int = 300) -> None:
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)


def save(widget: QWidget, name: str) -> None:
    settle()
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def shop(path: Path) -> None:
    big_history(path, 400, days=365)
    with IncidentStore.open(path) as store:
        incident = store.start_incident(
            terminal="1号收银台",
            reported_by="王芳",
            symptom="刷卡后终端显示“在维护中”",
            error_code="96",
        )
        step = store.begin_step(incident, "notice")
        store.record_probe(
            step,
            ProbeRecord(
                "notices",
                "ok",
                "No maintenance announced by UnionPay",
                datetime.now().astimezone().isoformat(),
                820.0,
                summary_source="No maintenance announced by {provider}",
                summary_args={"provider": "银联商务"},
            ),
        )
        store.save_step(step, answers={})
        step = store.begin_step(incident, "cables")
        store.record_probe(
            step,
            ProbeRecord(
                "network.gateway",
                "fail",
                "The router 192.168.1.1 does not answer",
                datetime.now().astimezone().isoformat(),
                3000.0,
                {"loss_pct": {"value": 100, "unit": "%"}},
                {"gateway": "192.168.1.1"},
                summary_source="The router {gateway} does not answer: check that it is switched on"
                " and connected",
                summary_args={"gateway": "192.168.1.1"},
            ),
        )
        store.save_step(step, answers={"cable_ok": False}, notes="路由器WAN灯不亮，重插网线后恢复")
        photo = camera_like_jpeg()
        for caption in ("路由器指示灯", "POS机屏幕", "网线接口"):
            store.attach_photo(incident, photo, step_id=step, caption=caption)
        store.record_escalation(incident, kind="alarm")
        store.record_escalation(incident, kind="alert", channel="店长群", detail="ok")
        store.close_incident(incident, outcome="resolved", cause="network")
        store.amend(
            incident, author="李店长", field="notes", new_value="光猫重启后恢复", reason="补充"
        )
    ManagerAccess(path).set_pin(PIN)


def shots(app: QApplication, translators: Translators, db: Path, language: str) -> None:
    translators.switch(language)
    suffix = "zh" if language == "zh_CN" else "en"
    folder = Path(tempfile.mkdtemp())
    window = ConsoleWindow(ConsoleSetup(db, folder, "zh_CN" if language == "zh_CN" else "en"))
    window.resize(1366, 728)
    window.show()
    wait(lambda: window.pin_page.setting is False)
    save(window, f"console_01_pin_{suffix}")
    window.pin_page.pin.setText(PIN)
    window.pin_page.submit()
    wait(lambda: window.is_open)
    history = window.history
    assert history is not None
    wait(lambda: history.model.ready and history.model.data(history.model.index(0, 1)) is not None)
    save(window, f"console_02_history_{suffix}")
    if language == "zh_CN":
        window.resize(1024, 728)
        save(window, "console_02_history_1024_zh")
        window.resize(1366, 728)
    window.show_incident(history.model.incident_id(0) or 0)
    detail = window.detail
    assert detail is not None
    wait(lambda: detail.ready)
    save(window, f"console_03_detail_{suffix}")
    detail.gallery.setCurrentRow(0)
    detail.open_photo(detail.gallery.photo_ids()[0])
    wait(lambda: bool(detail._viewers))
    viewer: PhotoViewer = detail._viewers[0]
    viewer.resize(1000, 700)
    save(viewer, f"console_04_photo_{suffix}")
    viewer.close()
    assert window.tabs is not None and window.stats is not None
    window.tabs.setCurrentIndex(1)
    wait(lambda: window.stats is not None and window.stats.ready)
    save(window, f"console_05_statistics_{suffix}")
    window.close()
    settle(100)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    install_fonts(app)  # type: ignore[arg-type]
    translators = Translators(app)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "posguide.db"
        shop(db)
        for language in ("zh_CN", "en"):
            shots(app, translators, db, language)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
