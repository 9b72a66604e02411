"""Probe benchmark: diagnose against a simulated shop on 127.0.0.1.

Run: .venv/bin/python bench/probes.py  -> prints one JSON object.
Targets: diagnose wall time / slowest single probe <= 1.2 (the probes really run concurrently);
for each single fault, time to verdict <= that fault's timeout + 0.5 s; largest event-loop stall
with every probe running on a qasync loop with a 10 ms timer <= 30 ms; the reboot watcher
measures a 1 s restart as 0.8-1.5 s offline and gives up within 1 s of its deadline.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from posguide.config import load_config
from posguide.probe_catalog import ProbeSettings, build_probes, terminal_target
from posguide.probes import ProbeResult, run_probe
from posguide.probes.registry import AUTOMATIC
from posguide.probes.terminal import RebootWatcher
from posguide.probes.verdict import verdict_name
from posguide.sim.shop import ShopOptions, SimulatedShop

RUNS = 3


def _pcscd_running() -> bool:
    return Path("/run/pcscd/pcscd.comm").exists()


def probes_for(shop: SimulatedShop, home: Path) -> list[Any]:
    config = load_config(shop.write_config(home / "posguide.toml"))
    probes, _ = build_probes(
        AUTOMATIC,
        config,
        config.default_terminal(),
        ProbeSettings(cache_dir=home / "cache"),
    )
    return probes


async def timed_diagnose(probes: list[Any]) -> tuple[float, float, str, list[ProbeResult]]:
    """Wall time of all probes together; the verdict is known when the last one is in, as
    ``posguide diagnose`` and the wizard name it."""
    t0 = time.perf_counter()
    results = await asyncio.gather(*(run_probe(p) for p in probes))
    wall = time.perf_counter() - t0
    return wall, wall, verdict_name(results), list(results)


async def concurrency(home: Path) -> dict[str, Any]:
    options = ShopOptions(reader="Virtual PCD" if _pcscd_running() else "")
    async with SimulatedShop(options) as shop:
        walls, slowest = [], []
        for _ in range(RUNS):
            wall, _, verdict, _ = await timed_diagnose(probes_for(shop, home))
            assert verdict == "ok", verdict
            walls.append(wall)
            singles = {}
            for probe in probes_for(shop, home):
                t0 = time.perf_counter()
                await run_probe(probe)
                singles[probe.id] = time.perf_counter() - t0
            slowest.append(max(singles.values()))
        ratio = sorted(w / s for w, s in zip(walls, slowest, strict=True))[RUNS // 2]
        return {
            "probes": len(singles),
            "diagnose_wall_ms": round(sorted(walls)[RUNS // 2] * 1000, 1),
            "slowest_single_ms": round(sorted(slowest)[RUNS // 2] * 1000, 1),
            "slowest_single_probe": max(singles, key=lambda k: singles[k]),
            "ratio": round(ratio, 3),
            "target_ratio": 1.2,
        }


Fault = Callable[[SimulatedShop], Any]


def _set(attr: str, method: str, value: str) -> Fault:
    def apply(shop: SimulatedShop) -> Any:
        return getattr(getattr(shop, attr), method)(value)

    return apply


def _feed_active(shop: SimulatedShop) -> None:
    shop.feeds.scenario = "maintenance_active"


def _internet_error(shop: SimulatedShop) -> None:
    shop.internet.mode = "error"


FAULTS: dict[str, tuple[Fault, str, str]] = {
    # name: (make the fault, expected verdict, the probe whose timeout bounds it)
    "provider_notice_active": (_feed_active, "provider_notice_active", "notices"),
    "internet_unreachable": (_internet_error, "internet_unreachable", "network.internet"),
    "payment_host_refused": (
        _set("payment", "set_mode", "refused"), "payment_host_unreachable", "network.payment"),
    "payment_host_timeout": (
        _set("payment", "set_mode", "timeout"), "payment_host_unreachable", "network.payment"),
    "tls_expired": (_set("tls", "set_cert", "expired"), "tls_failure", "network.tls"),
    "terminal_silent": (
        _set("terminal", "set_behaviour", "silent"), "terminal_unreachable", "terminal"),
    "terminal_maintenance": (
        _set("terminal", "set_behaviour", "maintenance"), "terminal_reports_maintenance",
        "terminal"),
}  # fmt: skip


def detection_timeout(probe: Any) -> float:
    """The configured time limit of the check that detects the fault: the shop's setting, not
    the runner's backstop deadline (which adds set-up and slack)."""
    if probe.id == "notices":
        return float(probe.per_feed_timeout_s)
    if probe.id == "network.payment":
        return float(probe.params.connect_timeout_s)
    if probe.id in {"network.internet", "network.tls"}:
        return float(probe.params.timeout_s)
    if probe.id == "terminal":
        return float(probe.target.timeout_s)
    raise ValueError(probe.id)


async def faults(home: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (fault, expected, bound_by) in FAULTS.items():
        async with SimulatedShop() as shop:
            applied = fault(shop)
            if asyncio.iscoroutine(applied):
                await applied
            probes = probes_for(shop, home)
            timeout = detection_timeout(next(p for p in probes if p.id == bound_by))
            _, decided, verdict, _ = await timed_diagnose(probes)
            out[name] = {
                "verdict": verdict,
                "expected": expected,
                "time_to_verdict_ms": round(decided * 1000, 1),
                "fault_timeout_ms": round(timeout * 1000, 1),
                "within_target": verdict == expected and decided <= timeout + 0.5,
            }
    return out


def event_loop_stall(home: Path) -> dict[str, Any]:
    """Every automatic probe at once on a qasync loop; a 10 ms QTimer records its gaps."""
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    gaps: list[float] = []
    last = time.perf_counter()

    def tick() -> None:
        nonlocal last
        now = time.perf_counter()
        gaps.append((now - last) * 1000)
        last = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)

    async def scenario() -> str:
        nonlocal last
        options = ShopOptions(reader="Virtual PCD" if _pcscd_running() else "")
        async with SimulatedShop(options) as shop:
            probes = probes_for(shop, home)
            await asyncio.sleep(0.2)  # let the simulators settle before measuring
            last = time.perf_counter()
            gaps.clear()
            timer.start()
            _, _, verdict, _ = await timed_diagnose(probes)
            timer.stop()
            return verdict

    with loop:
        verdict = loop.run_until_complete(scenario())
    return {
        "verdict": verdict,
        "timer_ticks": len(gaps),
        "max_gap_ms": round(max(gaps), 1),
        "max_stall_ms": round(max(gaps) - 10, 1),
        "target_ms": 30,
    }


async def _watch(shop: SimulatedShop, home: Path, deadline_s: float, action: str) -> Any:
    """The reboot watcher on the shop's terminal; ``action`` once it is watching."""
    config = load_config(shop.write_config(home / "posguide.toml"))
    terminal = config.default_terminal()
    assert terminal is not None
    watcher = RebootWatcher(terminal_target(terminal), deadline_s=deadline_s, poll_s=0.1)
    watching = asyncio.Event()
    t0 = time.perf_counter()
    task = asyncio.ensure_future(run_probe(watcher, lambda _f, _m: watching.set()))
    await watching.wait()
    if action == "reboot":
        shop.terminal.reboot(1.0)
    else:
        shop.terminal.unplug()
    result = await task
    return result, time.perf_counter() - t0


async def reboot_watch(home: Path) -> dict[str, Any]:
    """How closely the watcher measures a 1 s restart, and how soon after its deadline it gives
    up on a terminal that never returns (tests check what it reports, not these times)."""
    async with SimulatedShop() as shop:
        restarted, _ = await _watch(shop, home, 5.0, "reboot")
    async with SimulatedShop() as shop:
        _, wall = await _watch(shop, home, 1.5, "unplug")
    return {
        "reboot_1s_offline_s": restarted.measurements["offline_s"].value,
        "reboot_1s_back_after_s": restarted.measurements["back_after_s"].value,
        "target_offline_s": [0.8, 1.5],
        "never_back_deadline_s": 1.5,
        "never_back_gave_up_after_s": round(wall, 2),
        "target_gave_up_after_s": 2.5,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        report = {
            "concurrency": asyncio.run(concurrency(home)),
            "faults": asyncio.run(faults(home)),
            "event_loop": event_loop_stall(home),
            "reboot_watch": asyncio.run(reboot_watch(home)),
            "pcscd": _pcscd_running(),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
