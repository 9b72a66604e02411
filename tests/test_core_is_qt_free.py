"""The core runs without Qt: importing every core module loads no PySide6 (a runtime check
beside import-linter's static contract, which also catches imports hidden in functions)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import posguide

ROOT = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(posguide.__path__, "posguide."):
        if info.name.startswith(("posguide.gui", "posguide.main", "posguide.__main__")):
            continue
        if info.name.rsplit(".", 1)[-1] in {"_route_windows", "_route_macos"}:
            continue  # OS-specific by design; they import only on their own system
        names.append(info.name)
    return names


def test_importing_the_core_loads_no_qt() -> None:
    modules = core_modules()
    assert "posguide.store.incidents" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name.endswith('__main__'):\n"
        "        continue\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'qasync')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_import_contract_covers_every_core_package() -> None:
    """A new core package must join the import-linter contract, or Qt could creep in."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    covered = set(contract["source_modules"])
    top_level = {
        info.name
        for info in pkgutil.iter_modules(posguide.__path__, "posguide.")
        if info.name not in {"posguide.gui", "posguide.main", "posguide.__main__"}
    }
    assert top_level - covered == set()
    assert {"PySide6", "qasync", "posguide.gui"} <= set(contract["forbidden_modules"])
