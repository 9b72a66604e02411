"""Start the window: data folder, configuration, database, language, the qasync loop, and
training mode (``--demo``, or any PC with no terminal configured yet)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import qasync
from PySide6.QtWidgets import QApplication, QMessageBox

from posguide.config import ConfigError, ShopConfig, load_config
from posguide.flow import load_active
from posguide.gui.controller import IncidentController, Setup
from posguide.gui.errors import install_crash_handler
from posguide.gui.fonts import install_fonts
from posguide.gui.i18n import Translators, choose_language
from posguide.gui.window import MainWindow
from posguide.logs import setup_logging
from posguide.paths import DataDir, resolve_data_dir
from posguide.probes.settings import ProbeSettings
from posguide.resources import resource_path
from posguide.store import IncidentStore, StoreError

if TYPE_CHECKING:
    from posguide.training import TrainingSession

log = logging.getLogger("posguide.gui")
RANDOM = "random"  # as posguide.training.RANDOM, which is imported only in training mode


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="posguide")
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true", help="training mode on simulators")
    parser.add_argument("--scenario", default=RANDOM, help="training scenario id, or random")
    parser.add_argument("--lang", choices=("zh_CN", "en"))
    # Training runs faster than life for demos and tests (reboots, router restarts).
    parser.add_argument("--speed", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="?")
    return parser.parse_known_args(argv)


class Shell:
    """Owns the window and rebuilds it for another language or training scenario."""

    def __init__(self, app: QApplication, data: DataDir, config: ShopConfig,
                 store: IncidentStore, args: argparse.Namespace) -> None:  # fmt: skip
        self.app, self.data, self.config, self.store, self.args = app, data, config, store, args
        self.translators = Translators(app)
        self.language = choose_language(args.lang or config.shop.language)
        self.training = bool(args.demo or not config.terminals)
        self.catalog: Any = None
        if self.training:  # the simulators are imported only when training needs them
            from posguide.training import load_catalog

            self.catalog = load_catalog()
        self.scenario_id = args.scenario
        self.session: TrainingSession | None = None
        self.window: MainWindow | None = None
        self.controller: IncidentController | None = None
        self.done: asyncio.Future[None] = asyncio.get_event_loop().create_future()
        self.rebuilding: asyncio.Future[None] | None = None
        self._workdir = tempfile.TemporaryDirectory(prefix="posguide-training-")
        custom = Path(config.shop.playbook) if config.shop.playbook else None
        active = load_active(data.root / custom if custom else None)
        self.playbook = active.playbook
        self.playbook_error = active.error

    async def open(self) -> MainWindow:
        self.translators.switch(self.language)
        config, settings = (
            self.config,
            ProbeSettings(cache_dir=self.data.root / "cache" / "notices"),
        )
        scenarios: list[tuple[str, str, str]] = []
        panel = None
        if self.catalog is not None:
            from posguide.gui.training_panel import TrainingPanel
            from posguide.training import TrainingSession, choose_scenario

            if self.session is None:
                scenario = choose_scenario(self.catalog.scenarios, self.scenario_id)
                self.session = TrainingSession(
                    scenario, Path(self._workdir.name) / scenario.id, speed=self.args.speed
                )
                await self.session.start()
            config = self.session.config
            settings = self.session.probe_settings(cache_dir=self.session.data_dir / "cache")
            scenarios = [(s.id, s.title.get(self.language), s.briefing.get(self.language))
                         for s in self.catalog.scenarios]  # fmt: skip
            panel = TrainingPanel(self.session, self.language)
        debrief = self.session.expected.debrief.get(self.language) if self.session else ""
        setup = Setup(
            self.store, config, self.playbook, settings, self.training, self.language, debrief
        )
        self.controller = IncidentController(setup)
        window = MainWindow(self.controller, language=self.language, training=self.training,
                            scenarios=scenarios, side_panel=panel)  # fmt: skip
        if self.session is not None:
            window.start_page.select_scenario(self.session.scenario.id)
            window.start_page.scenarioChosen.connect(self._scenario_chosen)
        if self.playbook_error is not None:
            window.start_page.show_warning(
                window.tr(
                    "The shop's playbook has mistakes, so the built-in one is used. "
                    "Tell the manager: {problem}"
                ).format(problem=str(self.playbook_error))
            )
        window.languageRequested.connect(self._language_chosen)
        window.closed.connect(self._closed)
        self.window = window
        window.show()
        return window

    def _language_chosen(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.rebuilding = asyncio.ensure_future(self._rebuild())

    def _scenario_chosen(self, scenario_id: str) -> None:
        if self.session is not None and scenario_id != self.session.scenario.id:
            self.scenario_id = scenario_id
            self.rebuilding = asyncio.ensure_future(self._rebuild(new_scenario=True))

    async def _rebuild(self, new_scenario: bool = False) -> None:
        old = self.window
        if old is not None:
            old.closed.disconnect(self._closed)
            old.close()
        if new_scenario and self.session is not None:
            await self.session.stop()
            self.session = None
        await self.open()

    def _closed(self) -> None:
        if not self.done.done():
            self.done.set_result(None)

    async def close(self) -> None:
        self.translators.uninstall()
        if self.session is not None:
            await self.session.stop()
        self._workdir.cleanup()


def fatal(title: str, message: str) -> int:
    """Before the event loop runs, a modal box is safe (no qasync loop to nest)."""
    log.error("%s: %s", title, message)
    QMessageBox.critical(None, title, message)
    return 2


def run_gui(argv: list[str]) -> int:
    args, qt_args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName("posguide")
    install_fonts(app)
    app.setStyleSheet(resource_path("style", "posguide.qss").read_text(encoding="utf-8"))
    data = resolve_data_dir(args.data_dir).ensure()
    try:
        config = load_config(data.config)
    except ConfigError as err:
        return fatal("posguide", str(err))
    setup_logging(data.logs, level=config.logging.level, max_kb=config.logging.max_kb,
                  keep=config.logging.keep, secrets=config.secrets())  # fmt: skip
    try:
        store = IncidentStore.open(
            data.database, max_photo_bytes=config.storage.max_photo_mb * 1024 * 1024
        )
    except StoreError as err:
        return fatal("posguide", str(err))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        shell = Shell(app, data, config, store, args)
        install_crash_handler(data.logs, lambda: shell.window)
        loop.run_until_complete(shell.open())
        loop.run_until_complete(shell.done)
        loop.run_until_complete(shell.close())
    store.close()
    return 0
