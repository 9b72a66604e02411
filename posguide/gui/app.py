"""The window's process: one QApplication and one event loop for its whole life.

Qt's loop (``app.exec()``) runs from the first page to the end. The first page is built from Qt
alone and shown before anything else is imported; on the loop's first turn asyncio is attached
to that same loop (qasync, ``already_running``) and the shell loads the configuration, the
database and the playbook on it, filling the page in (posguide.gui.shell). Start pressed
meanwhile is carried out as soon as the incident can begin. Closing the window ends the shell,
which stops the loop.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from posguide.gui.errors import ErrorPath
from posguide.gui.fonts import install_fonts
from posguide.gui.i18n import Translators, choose_language
from posguide.gui.window import MainWindow
from posguide.paths import resolve_data_dir
from posguide.resources import resource_path

RANDOM = "random"  # as posguide.training.RANDOM, which is imported only in training mode


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


def attach_asyncio(app: QApplication, errors: ErrorPath) -> Any:
    """asyncio on the running Qt loop: the qasync loop, with the one error path."""
    import asyncio

    import qasync

    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(errors.asyncio_handler)
    return loop


def run_setup(app: QApplication, data: Any, errors: ErrorPath) -> int:
    """``posguide setup``: the setup assistant on its own; exit 0 once saved, 1 if cancelled."""
    saved: list[object] = []
    loop: Any = None

    def start() -> None:  # as the window: asyncio attached on the running loop
        nonlocal loop
        from posguide.gui.setup.assistant import SetupAssistant

        loop = attach_asyncio(app, errors)
        assistant = SetupAssistant(data.config, data.root)
        assistant.saved.connect(saved.append)
        assistant.closed.connect(loop.stop)  # app.exec() returns
        errors.window = lambda: assistant
        assistant.show()

    QTimer.singleShot(0, start)
    app.exec()
    if loop is not None:
        loop.close()
    errors.uninstall()
    return 0 if saved else 1


def run_gui(argv: list[str]) -> int:
    args, qt_args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName("posguide")
    app.setQuitOnLastWindowClosed(False)  # the shell ends the loop once it has shut down
    data = resolve_data_dir(args.data_dir)
    with contextlib.suppress(OSError):  # unusable: the database cannot open, said on the page
        data.ensure()
    errors = ErrorPath(data.logs)
    errors.install()
    install_fonts(app)
    app.setStyleSheet(resource_path("style", "posguide.qss").read_text(encoding="utf-8"))
    translators = Translators(app)
    language = choose_language(args.lang or "system")  # the configuration may say otherwise
    translators.switch(language)
    if args.command == "setup":
        return run_setup(app, data, errors)
    window = MainWindow(language=language, training=args.demo)
    errors.window = lambda: window
    window.show()
    loop: Any = None

    def second_stage() -> None:  # the first page is up: the rest, on the same loop
        nonlocal loop
        import asyncio

        from posguide.gui.shell import Shell

        loop = attach_asyncio(app, errors)
        shell = Shell(data, args, translators, window, errors)
        asyncio.ensure_future(shell.run()).add_done_callback(ended)

    def ended(task: Any) -> None:
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            errors.crashed((type(error), error, error.__traceback__), "shell")
        loop.stop()  # app.exec() returns

    QTimer.singleShot(0, second_stage)
    app.exec()
    if loop is not None:
        loop.close()
    errors.uninstall()
    return 0
