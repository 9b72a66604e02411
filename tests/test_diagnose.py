"""``posguide diagnose`` end to end: a real process against a simulated shop on 127.0.0.1,
one fault at a time, each reaching its verdict (docs/verdicts.md). Faults that need a real LAN
(cable, router, a slow line) are in test_diagnose_lan.py."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from posguide.sim.shop import ShopOptions, SimulatedShop

ROOT = Path(__file__).resolve().parent.parent
Fault = Callable[[SimulatedShop], Awaitable[None] | None]


async def diagnose(shop: SimulatedShop, home: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    home.mkdir(exist_ok=True)
    shop.write_config(home / "posguide.toml")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "posguide",
        "--data-dir",
        str(home),
        "diagnose",
        "--json",
        *extra,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode in (0, 1), err.decode()
    return process.returncode, json.loads(out)


def run_scenario(
    tmp_path: Path, fault: Fault | None = None, options: ShopOptions | None = None
) -> tuple[int, dict[str, Any]]:
    async def scenario() -> tuple[int, dict[str, Any]]:
        async with SimulatedShop(options) as shop:
            if fault is not None:
                outcome = fault(shop)
                if outcome is not None:
                    await outcome
            return await diagnose(shop, tmp_path / "home")

    return asyncio.run(scenario())


def statuses(report: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p["status"] for p in report["probes"]}


def test_a_healthy_shop_is_ok(tmp_path: Path) -> None:
    code, report = run_scenario(tmp_path)
    assert code == 0
    assert report["verdict"] == "ok"
    assert report["terminal"] == "till1"
    found = statuses(report)
    assert found["terminal"] == found["network.payment"] == found["notices"] == "ok"
    assert found["backup.terminal"] == "ok"
    assert found["card.reader"] == "skipped"  # no PC reader at this till
    assert {"started_at", "finished_at"} <= report.keys()
    for probe in report["probes"]:
        assert {"id", "status", "summary", "duration_ms", "measurements", "detail"} <= probe.keys()


def _feed(scenario: str) -> Fault:
    def apply(shop: SimulatedShop) -> None:
        shop.feeds.scenario = scenario

    return apply


async def _payment_refused(shop: SimulatedShop) -> None:
    await shop.payment.set_mode("refused")


def _internet_down(shop: SimulatedShop) -> None:
    shop.internet.mode = "error"


def _tls(kind: str) -> Fault:
    def apply(shop: SimulatedShop) -> None:
        shop.tls.set_cert(kind)  # type: ignore[arg-type]

    return apply


def _terminal(behaviour: str) -> Fault:
    def apply(shop: SimulatedShop) -> None:
        shop.terminal.set_behaviour(behaviour)

    return apply


@pytest.mark.parametrize(
    ("fault", "verdict", "probe"),
    [
        (_feed("maintenance_active"), "provider_notice_active", "notices"),
        (_internet_down, "internet_unreachable", "network.internet"),
        (_payment_refused, "payment_host_unreachable", "network.payment"),
        (_tls("expired"), "tls_failure", "network.tls"),
        (_terminal("silent"), "terminal_unreachable", "terminal"),
        (_terminal("maintenance"), "terminal_reports_maintenance", "terminal"),
    ],
    ids=["notice", "internet", "payment-host", "tls", "terminal-silent", "terminal-maintenance"],
)
def test_each_fault_reaches_its_verdict(
    tmp_path: Path, fault: Fault, verdict: str, probe: str
) -> None:
    code, report = run_scenario(tmp_path, fault)
    assert code == 1
    assert report["verdict"] == verdict
    assert statuses(report)[probe] == "fail"


def test_a_missing_terminal_port_is_named(tmp_path: Path) -> None:
    options = ShopOptions(terminal_port="/dev/ttyPOSGUIDE_MISSING0")
    code, report = run_scenario(tmp_path, options=options)
    assert code == 1
    assert report["verdict"] == "terminal_port_missing"


@pytest.mark.skipif(os.geteuid() != 0, reason="a DNS server on port 53 needs root")
def test_names_that_do_not_resolve_are_a_dns_failure(tmp_path: Path) -> None:
    from dnslib.server import DNSLogger, DNSServer

    class Nothing:
        def resolve(self, request: Any, handler: Any) -> Any:
            from dnslib import RCODE

            reply = request.reply()
            reply.header.rcode = RCODE.NXDOMAIN
            return reply

    quiet = DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data", prefix=False)
    server = DNSServer(Nothing(), port=53, address="127.0.0.1", logger=quiet)
    server.start_thread()
    try:
        code, report = run_scenario(tmp_path, options=ShopOptions(nameservers=("127.0.0.1",)))
    finally:
        server.stop()
        server.server.server_close()
    assert code == 1
    assert report["verdict"] == "dns_failure"
    dns = next(p for p in report["probes"] if p["id"] == "network.dns")
    assert dns["detail"]["failed"] == {"localhost": "nxdomain"}


def test_human_output_names_the_verdict_and_what_to_do(tmp_path: Path) -> None:
    async def scenario() -> tuple[int | None, str]:
        async with SimulatedShop() as shop:
            shop.terminal.set_behaviour("silent")
            home = tmp_path / "home"
            home.mkdir()
            shop.write_config(home / "posguide.toml")
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "posguide",
                "--data-dir",
                str(home),
                "diagnose",
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=ROOT,
            )
            out, _ = await asyncio.wait_for(process.communicate(), 60)
            return process.returncode, out.decode()

    code, text = asyncio.run(scenario())
    assert code == 1
    assert "verdict: terminal_unreachable" in text
    assert "Restart the terminal" in text
    assert "FAIL" in text and "1号收银台" in text


@pytest.mark.pcsc
@pytest.mark.parametrize(
    ("reader", "verdict"),
    [("Virtual PCD", "ok"), ("Reader that is not plugged in", "reader_missing")],
    ids=["reader-present", "reader-missing"],
)
def test_the_pc_card_reader_is_checked(
    tmp_path: Path, pcscd: None, reader: str, verdict: str
) -> None:
    code, report = run_scenario(tmp_path, options=ShopOptions(reader=reader))
    assert report["verdict"] == verdict
    assert code == (0 if verdict == "ok" else 1)


@pytest.mark.pcsc
def test_a_stopped_smart_card_service_is_named(tmp_path: Path, pcscd_stopped: None) -> None:
    code, report = run_scenario(tmp_path, options=ShopOptions(reader="Virtual PCD"))
    assert code == 1
    assert report["verdict"] == "reader_service_unavailable"
    reader = next(p for p in report["probes"] if p["id"] == "card.reader")
    assert "smart-card service is not running" in reader["summary"]


def probe_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "posguide", "--data-dir", str(home), "probe", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.pcsc
def test_probe_card_waits_for_a_card_and_names_its_payment_application(
    tmp_path: Path, slot: Any
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "posguide.toml").write_text(
        '[[terminals]]\nid = "till1"\nreader = "Virtual PCD 00 00"\n', encoding="utf-8"
    )
    slot.insert("unionpay_debit")
    result = probe_cli(home, "card", "--wait", "5", "--json")
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)["probes"][0]
    assert card["id"] == "card.card" and card["status"] == "ok"
    assert card["detail"]["unionpay"] is True
    assert any(app["aid"].startswith("A000000333") for app in card["detail"]["applications"])

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "posguide.toml").write_text(
        '[[terminals]]\nid = "till1"\nreader = "Virtual PCD 00 01"\n', encoding="utf-8"
    )
    nothing = probe_cli(empty, "card", "--wait", "1")
    assert nothing.returncode == 0  # not checked is not a failure
    assert "skip   card.card          No card was inserted within 1 s" in nothing.stdout


def test_probe_runs_only_the_named_checks_and_refuses_unknown_ones(tmp_path: Path) -> None:
    async def scenario() -> subprocess.CompletedProcess[str]:
        async with SimulatedShop() as shop:
            home = tmp_path / "home"
            home.mkdir()
            shop.write_config(home / "posguide.toml")
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "posguide", "--data-dir", str(home), "probe",
                "terminal", "backup", "--json",
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
            )  # fmt: skip
            out, err = await asyncio.wait_for(process.communicate(), 60)
            return subprocess.CompletedProcess([], process.returncode or 0, out.decode(), err)

    result = asyncio.run(scenario())
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert [p["id"] for p in report["probes"]] == ["terminal", "backup.terminal"]
    assert "verdict" not in report

    unknown = probe_cli(tmp_path / "home", "routr")
    assert unknown.returncode == 2
    assert "unknown probe 'routr'" in unknown.stderr


def test_ok_is_only_claimed_when_every_check_could_run(tmp_path: Path) -> None:
    # The CA file for the TLS check is missing: that check cannot run, so "ok" is not proven.
    code, report = run_scenario(tmp_path, _bad_tls_file)
    assert report["verdict"] == "ok"
    assert report["incomplete"] == ["network.tls"]
    assert code == 1


def _bad_tls_file(shop: SimulatedShop) -> None:
    shop.tls.cafile = "/nonexistent/ca.pem"


def test_a_damaged_database_does_not_stop_the_network_checks(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "posguide.db").write_bytes(b"not a database" * 100)
    code, report = run_scenario(tmp_path)
    assert code == 0 and report["verdict"] == "ok"
