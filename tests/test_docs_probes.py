"""docs/probes.md keeps up with posguide.probes.registry: the automatic probes in diagnose's
order, the ones run on request, and a section for every probe."""

from __future__ import annotations

import re
from pathlib import Path

from posguide.probes import registry

DOC = (Path(__file__).resolve().parent.parent / "docs" / "probes.md").read_text(encoding="utf-8")


def section(heading: str) -> str:
    start = DOC.index(f"\n## {heading}\n")
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end != -1 else None]


def test_the_automatic_probes_are_listed_in_diagnose_order() -> None:
    rows = re.findall(r"^\| `([a-z.]+)` \|", section("Probe ids"), re.MULTILINE)
    assert rows == list(registry.AUTOMATIC)


def test_the_probes_run_on_request_are_named() -> None:
    sentence = section("Probe ids").split("Run **on request** only", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"`([a-z.]+)`", sentence) == list(registry.ON_REQUEST)


def test_every_probe_has_a_section() -> None:
    headings = re.findall(r"^### (.+)$", section("The probes"), re.MULTILINE)
    described = [
        probe_id for heading in headings for probe_id in re.findall(r"`([a-z.]+)`", heading)
    ]
    assert sorted(described) == sorted(registry.ALL)
