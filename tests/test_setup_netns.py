"""The setup assistant's network page in a shop's own network: a client namespace whose default
route goes through a router namespace. The real assistant runs inside the client namespace
(offscreen) and says the router it found; without a default route it says there is none."""

from __future__ import annotations

import subprocess
import sys

import pytest
from netns import REPO, ROUTER_IP, python_env, shop_lan, unavailable

WHY_NOT = unavailable()
pytestmark = [
    pytest.mark.netns,
    pytest.mark.skipif(WHY_NOT is not None, reason=f"network namespaces: {WHY_NOT}"),
]

# The assistant, opened on the network page; prints what the page says it found.
SCRIPT = """
import os, sys, tempfile
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from posguide.gui.app import attach_asyncio
from posguide.gui.errors import ErrorPath
from posguide.gui.setup.assistant import SetupAssistant

app = QApplication([])
home = Path(tempfile.mkdtemp())
attach_asyncio(app, ErrorPath(home / "logs"))
assistant = SetupAssistant(home / "posguide.toml", home, list_ports=lambda: [])
assistant.show()
for _ in range(3):
    assistant.next()
page = assistant.network_page
while not page.found.text():
    app.processEvents()
print(assistant.currentPage() is page, page.gateway.text(), page.found.text(), sep="\\n")
sys.stdout.flush()
os._exit(0)  # what was asked is printed; the loop's worker threads need no orderly end
"""


def _network_page(ns: str) -> list[str]:
    done = subprocess.run(
        ["ip", "netns", "exec", ns, sys.executable, "-c", SCRIPT],
        capture_output=True, text=True, timeout=60, env=python_env(), cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_router_is_found_from_the_routing_table() -> None:
    with shop_lan() as lan:
        on_page, typed, found = _network_page(lan.client)
    assert on_page == "True" and typed == "auto"
    assert found == f"This PC's router: {ROUTER_IP}"


def test_a_pc_without_a_default_route_is_told_so() -> None:
    with shop_lan(default_route=False) as lan:
        _, _, found = _network_page(lan.client)
    assert found == "This PC has no default route (no router found)."
