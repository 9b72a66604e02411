"""What the window needs beyond its first page, loaded on the one event loop right after that
page is up: the configuration, the database, the playbook, training's simulators; then the
incident controller attached to the window. Also switches the language and the training
situation (the window stays; its incident machinery is attached anew) and shuts down.

Nothing here blocks for long: each stage is a few milliseconds to a few tens, with the loop
turning in between, so the first page answers clicks and keys while it fills in."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from posguide.gui.errors import ErrorPath
from posguide.gui.i18n import Translators, choose_language
from posguide.gui.window import MainWindow
from posguide.paths import DataDir

if TYPE_CHECKING:
    from posguide.config import ConfigError, ShopConfig, StorageSection
    from posguide.gui.console.window import ConsoleWindow
    from posguide.gui.controller import IncidentController
    from posguide.gui.setup.assistant import SetupAssistant
    from posguide.store import IncidentStore
    from posguide.training import TrainingSession

log = logging.getLogger("posguide.gui")


class Shell:
    """Owns the configuration, the store and (in training) the simulated shop of one window."""

    def __init__(
        self,
        data: DataDir,
        args: argparse.Namespace,
        translators: Translators,
        window: MainWindow,
        errors: ErrorPath,
    ) -> None:
        self.data, self.args, self.translators = data, args, translators
        self.window, self.errors = window, errors
        self.language = window.language
        self.config: ShopConfig | None = None
        self.store: IncidentStore | None = None
        self.training = False
        self.catalog: Any = None
        self.scenario_id: str = args.scenario
        self.session: TrainingSession | None = None
        self.playbook: Any = None
        self.playbook_error: Exception | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self._attaching: asyncio.Task[None] | None = None
        self._chosen_language: str | None = None
        self._shops = 0
        self._resumed: Any = None  # training: the Pick of an incident being resumed
        self._backup: asyncio.Task[None] | None = None
        self._disposals: set[asyncio.Task[None]] = set()  # detached controllers winding down
        self.closed: asyncio.Future[None] = asyncio.get_event_loop().create_future()
        window.languageRequested.connect(self._language_chosen)
        window.startPressed.connect(self._start_pressed)
        window.resumePressed.connect(self._resume_pressed)
        window.start_page.scenarioChosen.connect(self._scenario_chosen)
        window.start_page.managerRequested.connect(self.open_console)
        self.console: ConsoleWindow | None = None
        self.assistant: SetupAssistant | None = None
        window.closed.connect(self._closed)
        if window.is_closed:  # closed before the loop's first turn
            self._closed()

    # --- loading ------------------------------------------------------------------------------

    async def run(self) -> None:
        """Load, then keep the window until it is closed; then shut down."""
        try:
            await self.load()
            # What the start built (modules, Qt's wrappers, the playbook) lives as long as the
            # program: full garbage collections skip it from now on, so none of them pauses the
            # window for tens of ms (43 ms while scrolling the console's history).
            gc.freeze()
            await self.closed
        finally:
            await self.shutdown()

    async def load(self) -> bool:
        """Read what the first page did not need, then attach to the window. A configuration or
        database that cannot be used is said on the start page, and Start stays off."""
        from posguide.config import ConfigError, StorageSection, load_config
        from posguide.logs import setup_logging

        try:
            config = load_config(self.data.config)
        except ConfigError as err:
            log.error("cannot start: %s", err)
            # Start stays off; the manager's console still opens, whose settings correct it.
            await self._open_store(StorageSection())
            self.window.start_page.block(_settings_refused(err))
            return False
        setup_logging(self.data.logs, level=config.logging.level, max_kb=config.logging.max_kb,
                      keep=config.logging.keep, secrets=config.secrets())  # fmt: skip
        self.config = config
        self.window.start_page.set_shop(config.shop.name)
        # The cashier's own choice on the first page wins over the command line and the shop's.
        language = self._chosen_language or choose_language(self.args.lang or config.shop.language)
        if language != self.language:
            self._switch_translators(language)
        self.training = bool(self.args.demo or not config.terminals)
        self.window.set_training(self.training)
        await asyncio.sleep(0)
        if not await self._open_store(config.storage):
            return False
        self._backup = asyncio.ensure_future(self._daily_backup(config))
        await asyncio.sleep(0)
        self._load_playbook(config)
        if self.training:  # the simulators are imported only when training needs them
            from posguide.training import load_catalog

            self.catalog = load_catalog()
        await self.attach()
        if config.is_default and not self.args.demo:  # a new PC: no posguide.toml yet
            self.open_setup()
        return True

    async def _restore_if_asked(self) -> None:
        """A backup the manager chose to put back (the console's backups tab): before the
        database is opened, so nothing holds the file being replaced."""
        from posguide.store import StoreError
        from posguide.store.pending import restore_if_asked

        done = await asyncio.to_thread(restore_if_asked, self.data.root, self.data.database)
        if isinstance(done, StoreError):
            self.window.start_page.show_warning(
                QApplication.translate("Shell", "The backup could not be restored: {problem}")
                .format(problem=str(done))
            )  # fmt: skip
        elif done is not None:
            log.info("restored a backup at start: %s incidents", done.incidents)
            self.window.start_page.show_warning(
                QApplication.translate(
                    "Shell", "The chosen backup was restored ({count} incidents)."
                ).format(count=done.incidents)
            )

    async def _open_store(self, storage: StorageSection) -> bool:
        from posguide.gui.fonts import chinese_font
        from posguide.store import IncidentStore, StoreError

        chinese_font()  # logs when Chinese would show as boxes
        await self._restore_if_asked()
        try:
            # The integrity check reads the whole file (seconds for years of history): on a
            # worker thread, so the first page answers meanwhile.
            self.store = await asyncio.to_thread(
                IncidentStore.open,
                self.data.database,
                max_photo_bytes=storage.max_photo_mb * 1024 * 1024,
            )
        except StoreError as err:
            return self._cannot_start(str(err))
        return True

    async def _daily_backup(self, config: ShopConfig) -> None:
        """The day's checked copy of the database, on a worker thread (a large database takes
        seconds); a problem is said on the start page, for the manager."""
        from posguide.gui.i18n import translate
        from posguide.store import backup_if_due

        report = await asyncio.to_thread(
            backup_if_due, self.data.database, self.data.backups, keep=config.storage.backup_keep
        )
        if report.problem is not None:
            problem = report.problem
            text = problem.text.translated(translate) if problem.text else str(problem)
            log.error("daily backup: %s", problem)
            self.window.start_page.show_warning(
                QApplication.translate(
                    "Shell", "Today's backup of the incident history could not be made: {problem}"
                ).format(problem=text)
            )

    def _load_playbook(self, config: ShopConfig) -> None:
        from posguide.flow import load_active

        custom = Path(config.shop.playbook) if config.shop.playbook else None
        active = load_active(self.data.root / custom if custom else None)
        self.playbook, self.playbook_error = active.playbook, active.error

    def _cannot_start(self, problem: str) -> bool:
        log.error("cannot start: %s", problem)
        self.window.start_page.block(problem)
        return False

    # --- attaching the incident machinery ----------------------------------------------------

    async def attach(self) -> None:
        """(Re)attach a controller -- and in training a panel -- in the current language."""
        from posguide.gui.controller import IncidentController, Setup
        from posguide.probes.settings import ProbeSettings

        if self.window.is_closed:
            return
        assert self.config is not None and self.store is not None
        config = self.config  # training: the simulated shop's, below
        settings = ProbeSettings(cache_dir=self.data.root / "cache" / "notices")
        panel = None
        if self.catalog is not None:
            from posguide.gui.training_panel import TrainingPanel

            session = await self._training_session()
            if session is None or self.window.is_closed:
                return
            config = session.config
            settings = session.probe_settings(cache_dir=session.data_dir / "cache")
            panel = TrainingPanel(session, self.language)
            self._show_scenarios()
        debrief = ""
        if self.session is not None:  # shown at the end only: a surprise is named there
            title = self.session.scenario.title.get(self.language)
            debrief = f"{title}\n{self.session.expected.debrief.get(self.language)}"
        setup = Setup(
            self.store, config, self.playbook, settings, self.training, self.language, debrief
        )
        if self.session is not None:  # alerts are retried as fast as the simulated shop runs
            setup = replace(setup, speed=self.args.speed, scenario=self.session.scenario.id)
        if self.playbook_error is not None:
            self.window.start_page.show_warning(
                QApplication.translate(
                    "Shell",
                    "The shop's playbook has mistakes, so the built-in one is used. "
                    "Tell the manager: {problem}",
                ).format(problem=str(self.playbook_error))
            )
        self.window.attach(IncidentController(setup), panel)

    async def _training_session(self) -> TrainingSession | None:
        from posguide.training import TrainingSession

        if self.session is None:
            if self._workdir is None:
                self._workdir = tempfile.TemporaryDirectory(prefix="posguide-training-")
            self._shops += 1  # a folder per shop, named so that a surprise is not given away
            pick, self._resumed = self._resumed or self.catalog.pick(self.scenario_id), None
            session = TrainingSession(
                pick,
                Path(self._workdir.name) / f"shop-{self._shops}",
                speed=self.args.speed,
            )
            await session.start()
            self.session = session
        return self.session

    def _show_scenarios(self) -> None:
        menu = [(m.id, m.title.get(self.language), m.briefing.get(self.language))
                for m in self.catalog.menu()]  # fmt: skip
        self.window.start_page.set_scenarios(menu, self.scenario_id)

    # --- what the window asks -----------------------------------------------------------------

    def _start_pressed(self) -> None:
        if self.session is None:
            self.window.begin_incident()
            return

        async def afresh(session: TrainingSession) -> None:
            await session.reset()  # the scenario's faults again: a new incident starts from them
            self.window.begin_incident()

        self._attaching = asyncio.ensure_future(afresh(self.session))

    def _resume_pressed(self, incident_id: int) -> None:
        session = self.session
        if session is None:
            self.window.resume_incident(incident_id)
            return
        assert self.store is not None
        played = self.store.get_incident(incident_id).incident.training_scenario
        scenario = self.catalog.get(played) if played else None

        async def resume(session: TrainingSession) -> None:
            if scenario is not None and scenario.id != session.scenario.id:
                # Played in another situation: that one again (a surprise stays a surprise).
                from posguide.training import RANDOM, Pick

                cover = self.catalog.random_entry if self.scenario_id == RANDOM else None
                self._resumed = Pick(scenario, cover)
                await self._detach()
                await session.stop()
                self.session = None
                await self.attach()
            elif self.session is not None:
                await self.session.reset()  # its faults again, as when it started
            self.window.resume_incident(incident_id)

        self._attaching = asyncio.ensure_future(resume(session))

    def _language_chosen(self, language: str) -> None:
        if language == self.language or self._busy():
            return
        self._chosen_language = language
        self._switch_translators(language)
        if self.config is not None:  # else load() is still running: it attaches in this one
            self._reattach()

    def _scenario_chosen(self, scenario_id: str) -> None:
        if self.session is None or scenario_id == self.scenario_id or self._busy():
            return
        self.scenario_id = scenario_id
        self._reattach(new_scenario=True)

    def _busy(self) -> bool:
        controller = self.window.controller
        attaching = self._attaching is not None and not self._attaching.done()
        return attaching or (controller is not None and controller.running)

    def _switch_translators(self, language: str) -> None:
        self.language = language
        self.translators.switch(language)  # Qt tells every widget: LanguageChange
        self.window.set_language(language)

    def _reattach(self, *, new_scenario: bool = False) -> None:
        # The old machinery goes first: Start pressed meanwhile waits for the new one.
        disposal = self._detach()

        async def again() -> None:
            await disposal
            if new_scenario and self.session is not None:
                await self.session.stop()
                self.session = None
            await self.attach()

        self._attaching = asyncio.ensure_future(again())

    # --- the manager console -------------------------------------------------------------------

    def open_console(self) -> None:
        """The manager's window (behind the PIN), once the database is open; one at a time."""
        if self.console is not None:
            self.console.showNormal()
            self.console.raise_()
            self.console.activateWindow()
            return
        if self.store is None:
            self.window.start_page.show_warning(
                QApplication.translate(
                    "Shell", "The incident database is not open yet, or cannot be opened."
                )
            )
            return
        from posguide.gui.console.window import ConsoleSetup, ConsoleWindow

        language = "en" if self.language == "en" else "zh_CN"
        setup = ConsoleSetup(self.store.path, self.data.root, language, self.config,  # type: ignore[arg-type]
                             self.playbook)  # fmt: skip
        self.console = ConsoleWindow(setup)
        self.console.closed.connect(self._console_closed)
        self.console.setupRequested.connect(self.open_setup)
        self.console.configured.connect(self._configured)
        self.console.show()

    def _console_closed(self) -> None:
        self.console = None

    # --- the setup assistant -------------------------------------------------------------------

    def open_setup(self) -> None:
        """The setup assistant (first start, or the console's button); one at a time. Closing
        it without saving leaves training mode as it was."""
        if self.assistant is not None:
            self.assistant.raise_()
            self.assistant.activateWindow()
            return
        from posguide.gui.setup.assistant import SetupAssistant

        self.assistant = SetupAssistant(self.data.config, self.data.root)
        self.assistant.saved.connect(self._configured)
        self.assistant.closed.connect(self._setup_closed)
        self.assistant.show()

    def _setup_closed(self) -> None:
        self.assistant = None

    def _configured(self, config: ShopConfig) -> None:
        """The assistant saved: the window works on the new settings from the next incident
        (one under way finishes on the settings it started with). A window that started on a
        refused file has loaded nothing else: it starts on the next opening."""
        if self.config is None:
            self.window.start_page.show_warning(
                QApplication.translate(
                    "Shell",
                    "The settings are saved. Close posguide and open it again to start.",
                )
            )
            return
        self.config = config
        self.window.start_page.set_shop(config.shop.name)
        training = bool(self.args.demo or not config.terminals)
        if training != self.training:
            self.training = training
            self.window.set_training(training)
            if not training:
                self.catalog = None
        if self.console is not None:
            self.console.setup = replace(self.console.setup, config=config)
        if self._busy():
            return
        self._reattach(new_scenario=not training)

    # --- the end ------------------------------------------------------------------------------

    def _closed(self) -> None:
        if self.console is not None:
            self.console.close()
        if self.assistant is not None:
            self.assistant.close()
        if not self.closed.done():
            self.closed.set_result(None)

    async def shutdown(self) -> None:
        """Stop what runs, close the database; the window is closed or about to be."""
        if self._attaching is not None and not self._attaching.done():
            self._attaching.cancel()
            await asyncio.gather(self._attaching, return_exceptions=True)
        if self._backup is not None:  # a copy half made is finished, not cut off
            await asyncio.gather(self._backup, return_exceptions=True)
        await asyncio.gather(self._detach(), *self._disposals, return_exceptions=True)
        if self.session is not None:
            await self.session.stop()
            self.session = None
        if self.store is not None:
            self.store.close()
            self.store = None
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None
        self.translators.uninstall()

    def _detach(self) -> asyncio.Future[None]:
        """Take the incident machinery out of the window now; its disposal runs on its own and
        is the shell's to wait for (shutdown does), not the caller's: a switch cancelled by
        closing the window must not leave the old controller's checks running unowned."""
        disposal = asyncio.ensure_future(_dispose(self.window.detach()))
        self._disposals.add(disposal)
        disposal.add_done_callback(self._disposals.discard)
        return asyncio.shield(disposal)


async def _dispose(controller: IncidentController | None) -> None:
    """Delete a detached controller once everything it started has stopped."""
    if controller is not None:
        await controller.closed()
        controller.deleteLater()


def _settings_refused(err: ConfigError) -> str:
    """For the start page: what is wrong in posguide.toml, in the window's language, and who
    can put it right."""
    from posguide.gui.i18n import translate

    lines = [
        f"{p.key}: {p.translated(translate)}" if p.key else p.render(err.source)
        for p in err.problems[:3]
    ]
    return QApplication.translate(
        "Shell",
        "The settings file has a mistake, so troubleshooting cannot start:\n{problems}\n"
        "The manager can correct it under Manager → Settings, then open posguide again.",
    ).format(problems="\n".join(lines))
