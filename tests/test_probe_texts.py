"""What the probes say while they run and in their details is translatable: progress lines are
marked Text, every detail key and measurement has a marked label, and the committed Chinese
translation covers them. Checked from the source (every path) and by running the probes
against the simulators (what really comes out)."""

from __future__ import annotations

import ast
import asyncio
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pending_translations import pending

from posguide.config import load_config
from posguide.i18n import CONTEXT, Text
from posguide.probe_catalog import build_probes, terminal_target
from posguide.probes import ProbeResult, run_probe, run_probes
from posguide.probes.labels import DETAILS, MEASUREMENTS, detail_lines, unlabelled
from posguide.probes.registry import AUTOMATIC
from posguide.probes.settings import ProbeSettings
from posguide.probes.terminal import RebootWatcher
from posguide.sim.lan import SimulatedLan
from posguide.sim.shop import SimulatedShop

ROOT = Path(__file__).resolve().parent.parent
PROBE_SOURCES = [
    *sorted((ROOT / "posguide" / "probes").rglob("*.py")),
    ROOT / "posguide" / "sim" / "lan.py",  # training's stand-ins report progress too
]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@cache
def core_translations() -> dict[str, str]:
    """The committed, finished translations of the core's strings (the empty context)."""
    root = ET.parse(ROOT / "resources" / "i18n" / "posguide_zh_CN.ts").getroot()
    core = next(c for c in root.iter("context") if (c.findtext("name") or "") == CONTEXT)
    return {
        m.findtext("source") or "": m.findtext("translation") or ""
        for m in core.iter("message")
        if m.find("translation") is not None and m.find("translation").get("type") != "unfinished"  # type: ignore[union-attr]
    }


def translated(source: str) -> str:
    return core_translations().get(source) or pending().get(source, "")


def calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in PROBE_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if called == name:
                    found.append((path.relative_to(ROOT), node))
    return found


def is_marked_text(node: ast.expr) -> bool:
    """``Text(QT_TR_NOOP("..."), ...)``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Text"
        and bool(node.args)
        and isinstance(node.args[0], ast.Call)
        and getattr(node.args[0].func, "id", "") == "QT_TR_NOOP"
    )


# --- from the source: every path --------------------------------------------------------------


def test_no_probe_reports_progress_in_plain_english() -> None:
    # A str (literal, f-string, concatenation) would reach the Chinese window untranslated;
    # mypy holds the message to Text, this holds a Text built here to a marked source.
    wrong = []
    for name in ("progress", "step"):
        for path, call in calls(name):
            message = call.args[1] if len(call.args) > 1 else None
            if message is None or isinstance(message, ast.Starred | ast.Name | ast.Attribute):
                continue  # step(*_STEPS[stage]), progress(None, DONE): constants, run below
            if isinstance(message, ast.Call) and getattr(message.func, "id", "") != "Text":
                continue  # a helper returning Text (ping_step)
            if not is_marked_text(message):
                wrong.append(f"{path}:{call.lineno}: {ast.unparse(message)}")
    assert not wrong, "\n".join(wrong)
    assert len(calls("progress")) >= 20  # the scan finds the probes' progress calls


def test_every_detail_key_a_probe_sets_has_a_label() -> None:
    # Keys set by name: finish(..., key=value), detail["key"] = ..., detail.update(key=...).
    keys: set[str] = set()
    for name in ("finish", "update"):
        keys |= {kw.arg for _path, call in calls(name) for kw in call.keywords if kw.arg}
    for path in PROBE_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, ast.Store)
                and getattr(node.value, "id", "") in ("detail", "extra", "found", "facts")
                and isinstance(node.slice, ast.Constant)
            ):
                keys.add(node.slice.value)
    keys -= {"measurements"}
    assert {"reason", "stage", "went_offline", "close_hung", "found_ports", "note"} <= keys
    assert not keys - set(DETAILS), sorted(keys - set(DETAILS))


def test_every_label_and_progress_constant_is_translated() -> None:
    from posguide.probes.base import DONE
    from posguide.probes.card.session import CONNECTING
    from posguide.probes.network.gateway import FINDING, KNOCKING, ping_step
    from posguide.probes.network.link import LOOKING
    from posguide.probes.terminal.session import _STEPS

    texts = [DONE, CONNECTING, FINDING, KNOCKING, LOOKING, ping_step(1, 3)]
    texts += [message for _fraction, message in _STEPS.values()]
    sources = [t.source for t in texts] + list(DETAILS.values()) + list(MEASUREMENTS.values())
    missing = [s for s in sources if not CHINESE.search(translated(s))]
    assert not missing, missing


# --- by running them: what really comes out ---------------------------------------------------


def check_progress(seen: list[tuple[str, Any]]) -> None:
    assert seen
    for probe_id, message in seen:
        assert isinstance(message, Text), (probe_id, message)
        assert CHINESE.search(translated(message.source)), (probe_id, message.source)


def check_results(results: list[ProbeResult]) -> None:
    for result in results:
        assert not unlabelled(result), (result.probe_id, unlabelled(result))
        lines = detail_lines(result, lambda _ctx, source: translated(source) or source)
        labels = [line.split("：", 1)[0] for line in lines]
        assert all("：" in line for line in lines), lines
        assert all(CHINESE.search(label) for label in labels), lines


async def shop_run(tmp_path: Path, fault: str) -> tuple[list[Any], list[ProbeResult]]:
    async with SimulatedShop() as shop:
        if fault == "faults":
            shop.feeds.scenario = "error_500"
            shop.terminal.set_behaviour("maintenance")
            shop.backup.set_behaviour("silent")
            await shop.payment.set_mode("refused")
            shop.tls.set_cert("expired")
            shop.internet.mode = "captive"
        else:
            shop.feeds.scenario = "maintenance_upcoming"
        config = load_config(shop.write_config(tmp_path / "posguide.toml"))
        settings = ProbeSettings(cache_dir=tmp_path / "cache")
        probes, _skipped = build_probes(
            list(AUTOMATIC), config, config.default_terminal(), settings
        )
        lan = SimulatedLan(shop, seed=1)
        probes += [lan.link_probe(), lan.gateway_probe()]  # training's stand-ins
        seen: list[Any] = []
        results = await run_probes(probes, lambda probe_id, _f, m: seen.append((probe_id, m)))
        terminal = config.default_terminal()
        assert terminal is not None
        watcher = RebootWatcher(terminal_target(terminal), deadline_s=5.0, poll_s=0.1)
        shop.terminal.set_behaviour("healthy")
        task = asyncio.ensure_future(run_probe(watcher, lambda _f, m: seen.append(("reboot", m))))
        await asyncio.sleep(0.3)
        shop.terminal.reboot(1.0)
        results.append(await task)
        return seen, results


@pytest.mark.timeout(120)
@pytest.mark.parametrize("fault", ["healthy", "faults"])
def test_what_the_probes_say_on_the_simulators_is_translated(tmp_path: Path, fault: str) -> None:
    seen, results = asyncio.run(shop_run(tmp_path, fault))
    check_progress(seen)
    check_results(results)
    reboot = results[-1]
    assert reboot.detail["came_back"] is True, reboot
    assert {id for id, _m in seen} >= {"notices", "terminal", "network.payment", "reboot"}
