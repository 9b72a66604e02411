"""Where the data files (playbook, pictures, translations, tables) are: the ``posguide.data``
subpackage, which the build maps onto the repository's ``resources/`` folder (setup.py). Read
with ``importlib.resources``, so a wheel, an editable checkout and the frozen build (whose
bundle keeps package data as files) all answer alike. Qt takes file names, so the data must be
real files on disk: an install from a zip is refused with a clear message."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

DATA_PACKAGE = "posguide.data"


@functools.cache
def resources_dir() -> Path:
    folder = resources.files(DATA_PACKAGE)
    if not isinstance(folder, Path):
        raise RuntimeError(f"posguide's data files must be on disk, not in {folder!r}")
    return folder


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
