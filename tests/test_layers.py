"""Every top-level part of posguide has its place in the import-linter layers contract, so a new
module cannot slip in beside the layers and import whatever it likes."""

from __future__ import annotations

import pkgutil
import re
import tomllib
from pathlib import Path

import posguide

ROOT = Path(__file__).resolve().parent.parent


def test_every_top_level_module_is_in_a_layer() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    placed = {name for layer in layers for name in re.split(r"\s*[|:]\s*", layer)}
    top_level = {info.name for info in pkgutil.iter_modules(posguide.__path__, "posguide.")}
    assert top_level - placed == set()
