"""``posguide diagnose`` inside a fake shop LAN (network namespaces, root only) for the verdicts
loopback cannot fake: the cable pulled, the router dead, a slow line to the payment host."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from netns import REPO, ROUTER_IP, ShopLan, python_env, sh, shop_lan, slow_syn_acks, unavailable

WHY_NOT = unavailable()
pytestmark = [
    pytest.mark.netns,
    pytest.mark.skipif(WHY_NOT is not None, reason=f"network namespaces: {WHY_NOT}"),
]


def write_config(home: Path, *, internet_url: str, payment: str | None = None) -> None:
    home.mkdir(exist_ok=True)
    lines = [
        "[network]",
        f'internet_check_url = "{internet_url}"',
        "connect_timeout_s = 2.0",
        "samples = 4",
        "slow_ms = 250",
    ]
    if payment:
        lines += ["[[providers]]", 'id = "acq"', f'payment_hosts = ["{payment}"]']
    (home / "posguide.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def diagnose_in(lan: ShopLan, home: Path) -> dict[str, Any]:
    done = subprocess.run(
        [
            "ip",
            "netns",
            "exec",
            lan.client,
            sys.executable,
            "-m",
            "posguide",
            "--data-dir",
            str(home),
            "diagnose",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=python_env(),
        cwd=REPO,
    )
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert done.returncode == (0 if report["verdict"] == "ok" else 1)
    return report


@pytest.fixture
def lan() -> Any:
    with shop_lan() as made:
        yield made


def test_pulled_cable_is_lan_down(lan: ShopLan, tmp_path: Path) -> None:
    write_config(tmp_path / "home", internet_url=f"http://{ROUTER_IP}:8080/generate_204")
    sh("ip", "-n", lan.router, "link", "set", lan.router_if, "down")
    report = diagnose_in(lan, tmp_path / "home")
    assert report["verdict"] == "lan_down"


def test_dead_router_is_gateway_unreachable(lan: ShopLan, tmp_path: Path) -> None:
    write_config(tmp_path / "home", internet_url=f"http://{ROUTER_IP}:8080/generate_204")
    sh("ip", "-n", lan.router, "addr", "del", f"{ROUTER_IP}/24", "dev", lan.router_if)
    report = diagnose_in(lan, tmp_path / "home")
    assert report["verdict"] == "gateway_unreachable"


def test_slow_line_to_the_payment_host_is_payment_host_slow(lan: ShopLan, tmp_path: Path) -> None:
    sim = [sys.executable, "-m", "posguide.sim.network", "--host", ROUTER_IP]
    assert lan.start(lan.router, *sim, "--port", "8583", "tcp").startswith("payment host")
    lan.start(lan.router, *sim, "--port", "8080", "http")
    home = tmp_path / "home"
    write_config(
        home, internet_url=f"http://{ROUTER_IP}:8080/generate_204", payment=f"{ROUTER_IP}:8583"
    )
    healthy = diagnose_in(lan, home)
    assert healthy["verdict"] == "ok", healthy
    if not slow_syn_acks(lan):
        pytest.skip("the kernel has no htb qdisc")
    report = diagnose_in(lan, home)
    assert report["verdict"] == "payment_host_slow"
