"""The Qt-free half of ``posguide --self-test``: can this installation do its job? The data
files load, a database can be created and written, the hardware libraries import, and the demo
scenario's automatic checks reach the verdict the scenario expects on the built-in simulators.

Run after an install (the installers and the package tests do) and by support on a shop PC.
The window's half is posguide.gui.selftest.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from posguide.resources import resource_path

# The demo scenario: the provider's maintenance notice, read over HTTP from the simulated
# provider while the terminal, LAN and payment host simulators answer. It exercises most probes.
DEMO_SCENARIO = "provider_maintenance"
DEMO_SPEED = 10.0
# A well-known test card number (not a real card): the database must keep it masked.
TEST_CARD = "4111 1111 1111 1111"


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str  # what was found, or why it failed


def run_check(name: str, check: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, check())
    except Exception as err:  # the point: any failure becomes a reason, not a traceback
        return CheckResult(name, False, f"{type(err).__name__}: {err}")


def check_data_files() -> str:
    from posguide.flow.loader import load_playbook
    from posguide.probes.card.atr import load_known_atrs
    from posguide.reports.codes import load_response_codes
    from posguide.reports.strings import load_strings
    from posguide.training import load_scenarios

    playbook = load_playbook()
    scenarios = load_scenarios()
    for language in ("zh_CN", "en"):
        load_strings(language)
    codes, atrs = load_response_codes(), load_known_atrs()
    files = [
        resource_path("style", "posguide.qss"),
        resource_path("sounds", "alarm.wav"),
        resource_path("icons", "posguide.svg"),
        resource_path("i18n", "posguide_zh_CN.qm"),
    ]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    return (
        f"playbook {len(playbook.steps)} steps, {len(scenarios)} training scenarios, "
        f"{len(codes)} response codes, {len(atrs)} known cards ({resource_path()})"
    )


def check_database(folder: Path) -> str:
    from posguide.store import IncidentStore

    path = folder / "posguide.db"
    with IncidentStore.open(path, integrity="full") as store:
        incident = store.start_incident(terminal="selftest", symptom="在维护中", training=True)
        store.update_incident(incident, notes=f"self-test {TEST_CARD}")
        (notes,) = store.db.execute(
            "SELECT notes FROM incidents WHERE id = ?", [incident]
        ).fetchone()
    if TEST_CARD in notes:
        raise AssertionError(f"a card number was stored unmasked: {notes!r}")
    return f"created {path.name}, wrote and read incident {incident} (card number masked)"


def check_hardware_libraries() -> str:
    import serial
    import serial.tools.list_ports
    from smartcard.System import readers

    ports = len(serial.tools.list_ports.comports())
    try:
        service = f"{len(readers())} card reader(s)"
    except Exception as err:  # no smart-card service: the reader check says so when used
        service = f"smart-card service not reachable ({type(err).__name__})"
    return f"pyserial {serial.__version__} ({ports} serial port(s)), pyscard ({service})"


def check_demo_probes(folder: Path) -> str:
    return asyncio.run(_demo_probes(folder))


async def _demo_probes(folder: Path) -> str:
    from posguide.probe_catalog import build_probes
    from posguide.probes.registry import AUTOMATIC
    from posguide.probes.runner import run_probes
    from posguide.probes.verdict import verdict_name
    from posguide.training import TrainingSession, load_scenarios

    scenario = next(s for s in load_scenarios() if s.id == DEMO_SCENARIO)
    started = time.monotonic()
    async with TrainingSession(
        scenario, folder / "training", speed=DEMO_SPEED, pc_reader=False
    ) as session:
        config = session.config
        terminal = config.terminal(config.shop.default_terminal)
        probes, _skipped = build_probes(AUTOMATIC, config, terminal, session.probe_settings())
        results = await run_probes(probes)
    verdict = verdict_name(results)
    if verdict != scenario.expected.verdict:
        found = "; ".join(f"{r.probe_id} {r.status.value}: {r.summary}" for r in results)
        raise AssertionError(
            f"scenario {scenario.id}: verdict {verdict}, expected "
            f"{scenario.expected.verdict} ({found})"
        )
    seconds = time.monotonic() - started
    return f"scenario {scenario.id}: {len(results)} checks, verdict {verdict} ({seconds:.1f} s)"


def core_checks(folder: Path) -> list[CheckResult]:
    """Every Qt-free check, in order, each in ``folder`` (a temporary data folder)."""
    return [
        run_check("data files", check_data_files),
        run_check("database", lambda: check_database(folder)),
        run_check("hardware libraries", check_hardware_libraries),
        run_check("demo checks", lambda: check_demo_probes(folder)),
    ]
