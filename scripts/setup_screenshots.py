"""Screenshots of every step of the setup assistant for docs/setup.md, in Chinese and in
English, at 1024×700: a terminal simulator plugged in while the terminals page is open and
detected, the provider's feed and servers tested against the loopback simulators.

    .venv/bin/python scripts/setup_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402

from posguide.gui.app import attach_asyncio  # noqa: E402
from posguide.gui.errors import ErrorPath  # noqa: E402
from posguide.gui.fonts import install_fonts  # noqa: E402
from posguide.gui.i18n import Translators  # noqa: E402
from posguide.gui.setup.assistant import SetupAssistant  # noqa: E402
from posguide.resources import resource_path  # noqa: E402
from posguide.sim.feeds import FeedServer  # noqa: E402
from posguide.sim.network import PaymentHostSim  # noqa: E402
from posguide.sim.terminal import SimulatedTerminal  # noqa: E402


def turn(condition: Any = None, timeout_s: float = 15) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        QApplication.processEvents()
        if condition is None or condition():
            if condition is None and time.monotonic() < deadline - timeout_s + 0.3:
                time.sleep(0.005)
                continue
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the assistant did not show it in time")
        time.sleep(0.005)


def run(coroutine: Any) -> Any:
    future = asyncio.ensure_future(coroutine)
    turn(future.done)
    return future.result()


def save(assistant: SetupAssistant, name: str) -> None:
    turn()
    path = OUT / f"{name}.png"
    assistant.grab().save(str(path))
    print(path.relative_to(ROOT))


def shots(language: str, translators: Translators) -> None:
    translators.switch(language)
    suffix = "zh" if language == "zh_CN" else "en"
    home = Path(tempfile.mkdtemp())
    plugged: list[str] = []

    def ports() -> list[SimpleNamespace]:
        listed = [SimpleNamespace(device="/dev/ttyS0", description="n/a", vid=None, pid=None)]
        return listed + [SimpleNamespace(device=d, description="USB-SERIAL CH340", vid=0x1A86,
                                         pid=0x7523) for d in plugged]  # fmt: skip

    till = SimulatedTerminal("pty")
    till.protocol, till.baud_rate = "framed", 9600
    feeds, payment = FeedServer("maintenance_upcoming"), PaymentHostSim()
    run(feeds.start())
    run(payment.start())
    a = SetupAssistant(home / "posguide.toml", home, list_ports=ports)
    a.resize(1024, 700)
    a.show()
    try:
        a.shop_page.name.setText("和平路便利店" if suffix == "zh" else "Peace Road Mart")
        save(a, f"setup_01_shop_{suffix}")
        a.next()
        page = a.terminals_page
        turn(lambda: page.port_list.count() == 1)
        till.start()
        plugged.append(till.port)
        turn(lambda: page.port_list.count() == 2)
        page.detect()
        turn(lambda: page.found is not None)
        page.uplink_buttons["wifi"].setChecked(True)
        save(a, f"setup_02_terminals_{suffix}")
        page.add_terminal()
        a.next()
        turn(lambda: a.reader_page.readers is not None)
        save(a, f"setup_03_reader_{suffix}")
        a.next()
        turn(lambda: bool(a.network_page.found.text()))
        save(a, f"setup_04_network_{suffix}")
        a.next()
        provider = a.provider_page
        provider.name.setText("银联商务")
        provider.hotline.setText("95534")
        provider.hosts.setText(f"localhost:{payment.address[1]}")
        provider.feed.setText(feeds.urls["statuspage"])
        provider.feed_button.click()
        turn(lambda: provider.feed_button.isEnabled() and "…" not in provider.feed_result.text())
        provider.hosts_button.click()
        turn(lambda: provider.hosts_button.isEnabled() and "…" not in provider.hosts_result.text())
        save(a, f"setup_05_provider_{suffix}")
        a.next()
        a.alerts_page.target.setText("0a1b2c3d-4e5f-6789-abcd-ef0123456789")
        a.alerts_page.name.setText("店长群")
        save(a, f"setup_06_alerts_{suffix}")
        a.next()
        a.staff_page.names.setPlainText("王芳\n李强\n张伟")
        save(a, f"setup_07_staff_{suffix}")
        a.next()
        save(a, f"setup_08_summary_{suffix}")
        assert a.button(QWizard.WizardButton.FinishButton).isVisible()
    finally:
        a.reject()
        turn()
        till.stop()
        run(feeds.__aexit__())
        run(payment.stop())


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    install_fonts(app)  # type: ignore[arg-type]
    app.setStyleSheet(resource_path("style", "posguide.qss").read_text(encoding="utf-8"))
    translators = Translators(app)  # type: ignore[arg-type]
    loop = attach_asyncio(app, ErrorPath(Path(tempfile.mkdtemp())))  # type: ignore[arg-type]
    for language in ("zh_CN", "en"):
        shots(language, translators)
    QThreadPool.globalInstance().waitForDone()  # the port listings' workers
    loop.stop()  # as the window's end: no longer running, so it can close...
    loop.close()  # ...and join its worker threads: none left running at exit


if __name__ == "__main__":
    main()
