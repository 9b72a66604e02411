"""Stage 2 of the start (see posguide.gui.app): the configuration, the database, the playbook,
training's simulators, then the incident controller wired into the window. Also rebuilds the
window for another language or training scenario.

Imported on a worker thread while the first page is up; everything it imports at the top is
what the step pages need."""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from posguide.config import ConfigError, ShopConfig, load_config
from posguide.flow import load_active
from posguide.gui.controller import IncidentController, Setup
from posguide.gui.fonts import chinese_font
from posguide.gui.i18n import Translators
from posguide.gui.window import MainWindow, show_main_window
from posguide.logs import setup_logging
from posguide.paths import DataDir
from posguide.probes.settings import ProbeSettings
from posguide.store import IncidentStore, StoreError

if TYPE_CHECKING:
    from posguide.training import TrainingSession

log = logging.getLogger("posguide.gui")


class Shell:
    """Owns the window once the checks are loaded. ``done`` resolves when the cashier closes it."""

    def __init__(
        self,
        app: QApplication,
        data: DataDir,
        args: argparse.Namespace,
        translators: Translators,
        *,
        language: str,
        window: MainWindow,
    ) -> None:
        """``window``: the first page, already shown (posguide.gui.app's stage 1). Its close
        and language buttons are the shell's from now on, even while ``load`` runs."""
        self.app, self.data, self.args = app, data, args
        self.translators, self.language = translators, language
        self.config: ShopConfig | None = None
        self.store: IncidentStore | None = None
        self.training = False
        self.catalog: Any = None
        self.scenario_id = args.scenario
        self.session: TrainingSession | None = None
        self.window = window
        window.languageRequested.connect(self._language_chosen)
        window.closed.connect(self._closed)
        self.controller: IncidentController | None = None
        self.done: asyncio.Future[None] = asyncio.get_event_loop().create_future()
        self.rebuilding: asyncio.Future[None] | None = None
        self._workdir = tempfile.TemporaryDirectory(prefix="posguide-training-")
        self.playbook: Any = None
        self.playbook_error: Exception | None = None

    async def load(self) -> None:
        """Read what the first page did not need, then attach to the window. A configuration or
        database that cannot be used is said on the start page, and Start stays off."""
        try:
            config = load_config(self.data.config)
        except ConfigError as err:
            self._cannot_start(str(err))
            return
        setup_logging(self.data.logs, level=config.logging.level, max_kb=config.logging.max_kb,
                      keep=config.logging.keep, secrets=config.secrets())  # fmt: skip
        chinese_font()  # logs when Chinese would show as boxes
        try:
            self.store = IncidentStore.open(
                self.data.database, max_photo_bytes=config.storage.max_photo_mb * 1024 * 1024
            )
        except StoreError as err:
            self._cannot_start(str(err))
            return
        self.config = config
        self.training = bool(self.args.demo or not config.terminals)
        if self.training:  # the simulators are imported only when training needs them
            from posguide.training import load_catalog

            self.catalog = load_catalog()
        custom = Path(config.shop.playbook) if config.shop.playbook else None
        active = load_active(self.data.root / custom if custom else None)
        self.playbook, self.playbook_error = active.playbook, active.error
        await self.open(self.window)

    def _cannot_start(self, problem: str) -> None:
        log.error("cannot start: %s", problem)
        self.window.start_page.block(problem)

    def _new_window(self, *, training: bool, shop_name: str) -> MainWindow:
        window = show_main_window(
            self.translators, self.language, training=training, shop_name=shop_name
        )
        window.languageRequested.connect(self._language_chosen)
        window.closed.connect(self._closed)
        return window

    async def open(self, window: MainWindow | None = None) -> None:
        """Attach to ``window``, or to a new one (a rebuild for another language or scenario)."""
        if self.done.done():
            return  # the cashier closed the window while it loaded
        shop_config = self.config
        assert shop_config is not None and self.store is not None
        config = shop_config  # training: the simulated shop's, below
        # The first page's training flag was a glance at the file, and its language may have
        # been switched while loading: then it is replaced, before the training panel is built
        # (the new window switches the language; the panel translates itself as it is built).
        if window is None or (window.training, window.language) != (self.training, self.language):
            if window is not None:
                window.closed.disconnect(self._closed)
                window.close()
            window = self._new_window(training=self.training, shop_name=shop_config.shop.name)
        self.window = window
        settings = ProbeSettings(cache_dir=self.data.root / "cache" / "notices")
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
            if self.done.done():
                return  # closed while the simulators started
            panel = TrainingPanel(self.session, self.language)
        debrief = self.session.expected.debrief.get(self.language) if self.session else ""
        setup = Setup(
            self.store, config, self.playbook, settings, self.training, self.language, debrief
        )
        self.controller = IncidentController(setup)
        if self.session is not None:
            window.start_page.set_scenarios(scenarios, self.session.scenario.id)
            window.start_page.scenarioChosen.connect(self._scenario_chosen)
        if self.playbook_error is not None:
            window.start_page.show_warning(
                window.tr(
                    "The shop's playbook has mistakes, so the built-in one is used. "
                    "Tell the manager: {problem}"
                ).format(problem=str(self.playbook_error))
            )
        for _ in window.attach(self.controller, panel):
            await asyncio.sleep(0)  # a page at a time: the window answers in between

    def _language_chosen(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        if self.controller is not None:  # else load() is still running: open() rebuilds
            self.rebuilding = asyncio.ensure_future(self._rebuild())

    def _scenario_chosen(self, scenario_id: str) -> None:
        if self.session is not None and scenario_id != self.session.scenario.id:
            self.scenario_id = scenario_id
            self.rebuilding = asyncio.ensure_future(self._rebuild(new_scenario=True))

    async def _rebuild(self, new_scenario: bool = False) -> None:
        old = self.window
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
        if self.store is not None:
            self.store.close()
        self._workdir.cleanup()
