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
