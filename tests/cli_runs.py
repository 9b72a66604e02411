"""Running the real ``posguide`` command in its own process, as staff (or a scheduler) would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def posguide(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "posguide", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env=env,
    )


def copy_of(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a data folder made once per module (it takes seconds to record)."""
    return Path(shutil.copytree(template, tmp_path / template.name))
