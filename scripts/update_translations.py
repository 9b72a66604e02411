"""Collect every translatable string into resources/i18n/posguide_zh_CN.ts (pyside6-lupdate),
keeping existing translations, and build the .qm Qt loads (pyside6-lrelease).

Run after changing user-visible text: .venv/bin/python scripts/update_translations.py
Then translate the entries marked unfinished (Qt Linguist, or any editor). tests/test_i18n.py
fails while a string is missing or unfinished.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "posguide_zh_CN.ts"
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    """The Python sources and the Designer forms (not the Python generated from the forms:
    lupdate reads the form itself)."""
    code = [p for p in (ROOT / "posguide").rglob("*.py") if "forms" not in p.parent.parts]
    forms = list((ROOT / "ui").glob("*.ui"))
    return sorted(str(p.relative_to(ROOT)) for p in code + forms)


def lupdate(target: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources(), "-ts", str(target), "-no-obsolete",
         "-locations", "none", "-source-language", "en", "-target-language", "zh_CN", "-silent"],
        check=True, cwd=ROOT,
    )  # fmt: skip


def lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
        check=True, cwd=ROOT,
    )  # fmt: skip


if __name__ == "__main__":
    lupdate(TS)
    lrelease(TS, TS.with_suffix(".qm"))
    print(f"updated {TS.relative_to(ROOT)}")
