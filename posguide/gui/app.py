"""Start the window in two stages, so that the cashier sees the first page at once.

1. Here, with nothing but Qt and a first glance at the configuration (posguide.glance): the
   application, Chinese font, style sheet, language, and the main window with its start page,
   shown and answering.
2. Meanwhile a thread imports the rest (the qasync loop, configuration schema, database,
   playbook, the pages' widgets, the probes: about half a second); then posguide.gui.shell
   loads the configuration and the database and builds the step pages a page at a time. Start
   pressed before that goes on by itself once the pages are there.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from posguide.glance import glance
from posguide.gui.errors import install_crash_handler
from posguide.gui.fonts import install_fonts
from posguide.gui.i18n import Translators, choose_language
from posguide.gui.loader import BackgroundImport
from posguide.gui.window import MainWindow, show_main_window
from posguide.paths import DataDir, resolve_data_dir
from posguide.resources import resource_path

RANDOM = "random"  # as posguide.training.RANDOM, which is imported only in training mode

# What stage 2 needs, imported on the worker thread. The probes, alerts and reports come too,
# so that the first step's checks start without an import pause.
SHELL_MODULES = (
    "posguide.gui.shell",
    "posguide.gui.wizard.step_page",
    "posguide.gui.wizard.finish_page",
    "PySide6.QtMultimedia",
    "posguide.probe_catalog",
    "posguide.alerts",
    "posguide.reports",
    "posguide.store.photos",
)
TRAINING_MODULES = ("posguide.training", "posguide.gui.training_panel")


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    return build_parser().parse_known_args(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="posguide")
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true", help="training mode on simulators")
    parser.add_argument("--scenario", default=RANDOM, help="training scenario id, or random")
    parser.add_argument("--lang", choices=("zh_CN", "en"))
    # Training runs faster than life for demos and tests (reboots, router restarts).
    parser.add_argument("--speed", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="?")
    return parser


class Launch:
    """Stage 1: the first page, shown while the rest is imported."""

    def __init__(self, app: QApplication, data: DataDir, args: argparse.Namespace) -> None:
        self.app, self.data, self.args = app, data, args
        first = glance(data.config, data.root / "cache" / "first-page.json")
        self.shop_name = first.shop_name
        self.translators = Translators(app)
        self.language = choose_language(args.lang or first.language)
        self.training = bool(args.demo or not first.has_terminals)
        self.imported = False
        self.window = self._show_first_page()
        modules = SHELL_MODULES + (TRAINING_MODULES if self.training else ())
        self.imports = BackgroundImport(modules, self._imported)
        # From the event loop's first turn: the page is shown and painted without the import
        # thread taking the interpreter from under it.
        QTimer.singleShot(0, self.imports.start)

    def _show_first_page(self) -> MainWindow:
        window = show_main_window(
            self.translators, self.language, training=self.training, shop_name=self.shop_name
        )
        window.languageRequested.connect(self._language_chosen)
        window.closed.connect(self.app.quit)
        return window

    def _language_chosen(self, language: str) -> None:
        if language != self.language:
            self.language = language
            old = self.window
            old.closed.disconnect(self.app.quit)
            self.window = self._show_first_page()
            old.close()

    def _imported(self, problem: str) -> None:
        if problem:  # a broken installation: say so; the cashier closes the window
            self.window.start_page.block(
                QApplication.translate(
                    "Launch", "posguide is not installed completely ({problem})."
                ).format(problem=problem)
            )
            return
        self.imported = True
        self.window.languageRequested.disconnect(self._language_chosen)
        self.window.closed.disconnect(self.app.quit)
        self.app.exit()  # back in run_gui, which starts the qasync loop for stage 2


def run_gui(argv: list[str]) -> int:
    args, qt_args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName("posguide")
    app.setQuitOnLastWindowClosed(False)  # a language switch replaces the window
    install_fonts(app)
    app.setStyleSheet(resource_path("style", "posguide.qss").read_text(encoding="utf-8"))
    data = resolve_data_dir(args.data_dir).ensure()
    launch: Launch | None = None
    shell: Any = None

    def current_window() -> MainWindow | None:  # the one a crash dialog opens over
        return shell.window if shell is not None else launch.window if launch else None

    install_crash_handler(data.logs, current_window)
    launch = Launch(app, data, args)
    app.exec()  # stage 1: until the imports are in, or the window is closed
    if not launch.imported or launch.window.is_closed:  # closed, maybe as the imports came in
        launch.imports.wait(timeout=10)  # a clean exit: no import cut off halfway
        return 0
    import asyncio

    import qasync

    from posguide.gui.shell import Shell

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        shell = Shell(app, data, args, launch.translators, language=launch.language,
                      window=launch.window)  # fmt: skip
        loop.run_until_complete(shell.load())
        loop.run_until_complete(shell.done)
        loop.run_until_complete(shell.close())
    return 0
