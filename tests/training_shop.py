"""Helpers for the training tests: a session on the real simulated shop, run 10x faster, and
the wizard's real probes against it. Imported by module name, as tests/images.py is."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from posguide.config import load_config
from posguide.probe_catalog import build_probe, build_probes
from posguide.probes import ProbeResult, run_probe
from posguide.probes.registry import AUTOMATIC
from posguide.probes.runner import run_probes
from posguide.probes.settings import ProbeSettings
from posguide.probes.verdict import verdict_name
from posguide.training import Pick, Scenario, TrainingSession, load_scenarios

T = TypeVar("T")
SPEED = 10.0  # a 20 s reboot takes 2 s: still two polls of the reboot watcher
SCENARIOS = {s.id: s for s in load_scenarios()}


def run(coro: Awaitable[T]) -> T:
    async def wrapper() -> T:
        return await coro

    return asyncio.run(wrapper())


def _fds() -> int:
    return len(os.listdir("/proc/self/fd")) if sys.platform == "linux" else 0


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    """Every thread a test started has ended, every file it opened is closed (an unclosed
    socket's ResourceWarning fails the test by itself: filterwarnings = error)."""
    threads, fds = set(threading.enumerate()), _fds()
    yield
    end = time.monotonic() + 3.0
    while True:
        gc.collect()
        left = [t.name for t in set(threading.enumerate()) - threads if t.is_alive()]
        if (not left and _fds() <= fds) or time.monotonic() > end:
            break
        time.sleep(0.05)
    assert not left, f"threads left running: {left}"
    assert _fds() <= fds, f"{_fds() - fds} file descriptors left open"


def session(
    scenario: str | Scenario | Pick, tmp_path: Path, *, pc_reader: bool | None = False
) -> TrainingSession:
    chosen = SCENARIOS[scenario] if isinstance(scenario, str) else scenario
    return TrainingSession(chosen, tmp_path / "training", speed=SPEED, pc_reader=pc_reader, seed=7)


def settings(s: TrainingSession, **kw: object) -> ProbeSettings:
    return s.probe_settings(**kw)


async def diagnose(s: TrainingSession) -> tuple[str, dict[str, ProbeResult]]:
    """What the wizard's automatic checks find, from the files the session wrote."""
    config = load_config(s.config_path)
    terminal = config.terminal(config.shop.default_terminal)
    probes, _skipped = build_probes(AUTOMATIC, config, terminal, settings(s))
    results = await run_probes(probes)
    return verdict_name(results), {r.probe_id: r for r in results}


async def probe(s: TrainingSession, probe_id: str, **kw: object) -> ProbeResult:
    config = s.config
    built = build_probe(probe_id, config, config.terminal("till1"), settings(s, **kw))
    assert built is not None, probe_id
    return await run_probe(built)


async def until(check: Callable[[], Awaitable[bool]], timeout_s: float = 8.0) -> None:
    end = time.monotonic() + timeout_s
    while not await check():
        assert time.monotonic() < end, "condition not reached in time"
        await asyncio.sleep(0.1)
