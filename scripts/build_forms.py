"""Compile the Qt Designer forms in ui/ into Python (pyside6-uic) under posguide/gui/forms/.

Run after editing a form: .venv/bin/python scripts/build_forms.py
The generated modules are committed so that a checkout or a frozen build runs without a build
step, and they load in a fraction of QUiLoader's time (it alone costs ~80 ms at start).
uic imports some thirty Qt names whatever the form uses; the unused ones are dropped (ruff),
because importing ``Qt`` alone costs the first page ~17 ms. tests/test_forms.py fails when a
module is missing or differs from what its form compiles to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "ui"
OUT = ROOT / "posguide" / "gui" / "forms"
UIC = Path(sys.executable).with_name("pyside6-uic")
RUFF = Path(sys.executable).with_name("ruff")


def target(form: Path) -> Path:
    return OUT / f"ui_{form.stem}.py"


def compile_form(form: Path) -> str:
    python = subprocess.run(
        [str(UIC), "--no-autoconnection", str(form.relative_to(ROOT))],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    pruned = subprocess.run(  # exits 1 when it fixed something; the output is what counts
        [str(RUFF), "check", "--isolated", "--select", "F401", "--fix", "--quiet",
         "--stdin-filename", target(form).name, "-"],
        input=python, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if not pruned.stdout.startswith("# -*- coding"):
        raise RuntimeError(f"ruff could not prune {form.name}: {pruned.stderr}")
    return pruned.stdout


def main() -> None:
    for form in sorted(FORMS.glob("*.ui")):
        target(form).write_text(compile_form(form), encoding="utf-8")
        print(f"{form.relative_to(ROOT)} -> {target(form).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
