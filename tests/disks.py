"""Real disks that misbehave: a small full tmpfs and a read-only folder (a read-only bind mount).

Both need root (mount); as root, permission bits do not stop writes, so a read-only *mount* is
the way to get a folder that really refuses them. Every mount is undone when the block ends.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting needs root"
)


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, text=True)


def _unmount(path: Path) -> None:
    # Lazy: a test that failed may still hold a file open there.
    subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)


@contextmanager
def small_disk(path: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` mounted at ``path`` (created if missing)."""
    path.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(path))
    try:
        yield path
    finally:
        _unmount(path)


def fill(folder: Path) -> Path:
    """Fill the disk under ``folder`` to the last block; returns the filler file to delete."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:  # ENOSPC: nothing of this size fits any more
                pass
    return filler


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` (existing) made read-only for everyone, root included, by a bind mount."""
    _run("mount", "--bind", str(folder), str(folder))
    try:
        _run("mount", "-o", "remount,bind,ro", str(folder))
        yield folder
    finally:
        _unmount(folder)
