"""Shared fixtures. Qt runs offscreen; proxies are cleared so loopback servers are reached."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)
os.environ["NO_PROXY"] = "127.0.0.1,localhost,::1"

from posguide.store import IncidentStore  # noqa: E402

# tests/ is not a package: its helpers import by module name, as images.py does.
pytest_plugins = ["conftest_pcsc"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "posguide.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[IncidentStore]:
    with IncidentStore.open(db_path) as opened:
        yield opened


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory, as posguide would see it on a new shop PC."""
    home = tmp_path / "home"
    monkeypatch.setenv("POSGUIDE_HOME", str(home))
    return home
