"""The Python compiled from the Designer forms in ui/ is what the forms compile to today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_forms() -> object:
    spec = importlib.util.spec_from_file_location(
        "build_forms", ROOT / "scripts" / "build_forms.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_form_is_compiled_and_up_to_date() -> None:
    forms = build_forms()
    ui = sorted((ROOT / "ui").glob("*.ui"))
    assert ui, "no forms in ui/"
    for form in ui:
        compiled = forms.target(form)  # type: ignore[attr-defined]
        assert compiled.exists(), f"{form.name}: run scripts/build_forms.py"
        fresh = forms.compile_form(form)  # type: ignore[attr-defined]
        assert compiled.read_text(encoding="utf-8") == fresh, (
            f"{form.name}: run scripts/build_forms.py"
        )
        assert "import (QCoreApplication, QDate," not in fresh  # unused imports pruned
