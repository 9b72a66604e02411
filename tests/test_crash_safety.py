"""Kill -9 a process in the middle of recording: every step it reported committed survives."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from posguide.store import IncidentStore

RECORDER = textwrap.dedent("""
    import sys
    from posguide.store import IncidentStore, ProbeRecord
    store = IncidentStore.open(sys.argv[1])
    incident = store.start_incident(terminal="till-1", symptom="在维护中")
    print("incident", incident, flush=True)
    n = 0
    while True:
        n += 1
        step = store.begin_step(incident, f"step-{n}")
        store.record_probe(step, ProbeRecord("network.gateway", "ok", "ok", "t", 1.0,
                                             {"rtt_ms": n}, {"n": n}))
        store.save_step(step, answers={"n": n}, notes="x" * 500, status="done")
        sys.stdout.write(f"committed {step}\\n")
        sys.stdout.flush()
""")


@pytest.mark.slow
def test_every_committed_step_survives_sigkill(db_path: Path) -> None:
    rng = random.Random(20261126)
    committed: dict[int, set[int]] = {}
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", RECORDER, str(db_path)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        assert child.stdout is not None
        with child.stdout:
            incident = int(child.stdout.readline().split()[1])
            # Kill at an arbitrary moment: between, or in the middle of, transactions.
            time.sleep(rng.uniform(0.0, 0.25))
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            # Only whole lines count: the kill may tear the last report.
            committed[incident] = {
                int(line.split()[1])
                for line in child.stdout.read().split("\n")[:-1]
                if line.startswith("committed ")
            }

        check = sqlite3.connect(db_path)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.close()

    assert sum(len(steps) for steps in committed.values()) > 20  # the kills landed mid-work
    with IncidentStore.open(db_path, integrity="full") as store:
        assert {i.id for i in store.open_incidents()} == set(committed)
        for incident, steps in committed.items():
            detail = store.get_incident(incident)
            done = {s.id for s in detail.steps if s.status == "done"}
            assert steps <= done
            for step in detail.steps:
                if step.id in steps:
                    assert step.probes and step.answers["n"] == step.probes[0].detail["n"]
