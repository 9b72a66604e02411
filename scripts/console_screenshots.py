"""Screenshots of the manager console for docs/console.md: the PIN, the history, one incident,
a photo full size, the statistics, the daily inspections and the settings, in Chinese and in
English, at 1366×768 (and the history and inspections at 1024×768). Offscreen, on a made-up
shop of 400 incidents over a year and two weeks of daily inspections.

    .venv/bin/python scripts/console_screenshots.py
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))  # the tests' history maker
sys.path.insert(0, str(ROOT / "bench"))

from console_data import big_history  # noqa: E402
from photo_import import camera_like_jpeg  # noqa: E402

from posguide.config import load_config  # noqa: E402
from posguide.console.access import ManagerAccess  # noqa: E402
from posguide.inspection.run import SHOP_WIDE  # noqa: E402
from posguide.store import IncidentStore, ProbeRecord, backup_database  # noqa: E402
from posguide.store.inspections import TerminalResult, record_inspection  # noqa: E402

PIN = "2580"

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from posguide.gui.i18n import Translators


# Qt is imported in the functions that use it: the photo decoder's child process imports this
# script again as its main module, and with Qt loaded it would exceed its 300 MB memory cap.


def wait(condition: Callable[[], bool], timeout_s: float = 10) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while not condition():
        QApplication.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the console did not show it in time")
        time.sleep(0.005)


def settle(ms: int = 300) -> None:
    from PySide6.QtWidgets import QApplication

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
        inspections(store)
    ManagerAccess(path).set_pin(PIN)


CONFIG = """
[shop]
name = "和平路便利店"

[[providers]]
id = "ums"
name = "银联商务"
hotline = "95534"

[[terminals]]
id = "till1"
name = "1号收银台"
[[terminals]]
id = "till2"
name = "2号收银台"
[[terminals]]
id = "fresh"
name = "生鲜区收银台"
reader = "ACS"
"""


def inspections(store: IncidentStore) -> None:
    """Two weeks of mornings: till1's terminal slows down over the last three, the payment
    server's certificate runs towards its end, the fresh-food till's reader is gone today and
    the provider has announced maintenance for the weekend."""
    rng = random.Random(3)
    today = datetime.now().astimezone().replace(hour=7, minute=30, second=0, microsecond=0)
    weekend = (today + timedelta(days=3)).replace(hour=22, minute=0)

    def probe(probe_id: str, status: str = "ok", detail: dict | None = None,
              **figures: float) -> ProbeRecord:  # fmt: skip
        units = {"loss_pct": "%", "days_left_min": "days"}
        summary: tuple[str, dict] = (f"{probe_id} {status}", {})
        if probe_id == "card.reader" and status == "fail":
            summary = ("Card reader “{hint}” is not connected", {"hint": "ACS"})
        return ProbeRecord(
            probe_id, status, summary[0].format(**summary[1]), today.isoformat(), 40.0,
            {k: {"value": round(v, 1), "unit": units.get(k, "ms")} for k, v in figures.items()},
            detail or {},
            summary_source=summary[0] if summary[1] else None,
            summary_args=summary[1] or None,
        )  # fmt: skip

    for day in range(14):
        started = today - timedelta(days=13 - day)
        last = day == 13
        results = [TerminalResult("", probe(p)) for p in SHOP_WIDE]
        for terminal in ("till1", "till2", "fresh"):
            slow = terminal == "till1" and day >= 11
            notices = {"later": [{"starts": weekend.isoformat(),
                                  "ends": (weekend + timedelta(hours=6)).isoformat(),
                                  "title": "关于系统升级维护的公告"}]} if last else {}  # fmt: skip
            results += [
                TerminalResult(terminal, probe("notices", "ok", notices)),
                TerminalResult(terminal, probe(
                    "network.payment", latency_ms_median=rng.uniform(30, 42), loss_pct=0)),
                TerminalResult(terminal, probe("network.tls", days_left_min=40 - day)),
                TerminalResult(terminal, probe(
                    "terminal", status_rtt_ms=rng.uniform(160, 210) if slow
                    else rng.uniform(6, 11))),
                TerminalResult(terminal, probe(
                    "card.reader", "fail" if terminal == "fresh" and last else
                    "ok" if terminal == "fresh" else "skipped")),
            ]  # fmt: skip
        record_inspection(store, started=started, finished=started + timedelta(seconds=4),
                          trigger="scheduled", results=results)  # fmt: skip


def shots(app: QApplication, translators: Translators, db: Path, language: str) -> None:
    from posguide.gui.console.photo_viewer import PhotoViewer
    from posguide.gui.console.window import ConsoleSetup, ConsoleWindow

    translators.switch(language)
    suffix = "zh" if language == "zh_CN" else "en"
    folder = Path(tempfile.mkdtemp())
    (folder / "posguide.toml").write_text(CONFIG, encoding="utf-8")
    source = sqlite3.connect(db)
    backup_database(source, folder / "backups", keep=5)  # the data tab's list
    source.close()
    config = load_config(folder / "posguide.toml")
    window = ConsoleWindow(
        ConsoleSetup(db, folder, "zh_CN" if language == "zh_CN" else "en", config=config)
    )
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
    assert window.inspections is not None
    window.tabs.setCurrentIndex(2)
    wait(lambda: bool(window.inspections and window.inspections.inspections))
    save(window, f"console_06_inspections_{suffix}")
    if language == "zh_CN":
        window.resize(1024, 728)
        save(window, "console_06_inspections_1024_zh")
        window.resize(1366, 728)
    settings = window.settings
    assert settings is not None
    window.tabs.setCurrentWidget(settings)
    settings.tabs.setCurrentIndex(1)  # the terminals, as the setup assistant shows them
    save(window, f"console_07_settings_{suffix}")
    settings.notices.sms.setPlainText(
        "【银联商务】尊敬的商户：定于12月28日00:00至04:00进行系统升级，期间暂停交易。"
    )
    settings.tabs.setCurrentWidget(settings.notices)
    settings.notices.fill_from_sms()
    save(window, f"console_08_notices_{suffix}")
    settings.tabs.setCurrentWidget(settings.data)
    wait(lambda: settings.data.list.count() > 0)
    save(window, f"console_09_data_{suffix}")
    window.close()
    settle(100)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from posguide.gui.fonts import install_fonts
    from posguide.gui.i18n import Translators

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "posguide.db"
        shop(db)
        app = QApplication.instance() or QApplication(sys.argv)
        install_fonts(app)  # type: ignore[arg-type]
        translators = Translators(app)
        # The settings' checks and lists run on asyncio, on Qt's loop, as in the program.
        from posguide.gui.app import attach_asyncio
        from posguide.gui.errors import ErrorPath

        attach_asyncio(app, ErrorPath(Path(tmp) / "logs"))  # type: ignore[arg-type]
        for language in ("zh_CN", "en"):
            shots(app, translators, db, language)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
