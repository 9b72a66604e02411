"""Where the data files (playbook, pictures, translations, tables) are: ``resources/`` beside the
package in a checkout, or inside the frozen build's bundle (PyInstaller's ``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
