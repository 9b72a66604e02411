"""The ``posguide`` command: no sub-command opens the window, anything else is the Qt-free CLI.

This launcher is the one place that may reach both; the core (cli, store, probes, ...) never
imports Qt, which an import-linter contract checks.
"""

from __future__ import annotations

import sys

# Sub-commands that open the window. The CLI is imported only for the others: it pulls in the
# probes and the store, which the window's first page must not wait for.
GUI_COMMANDS = frozenset({"gui", "setup"})
# Options followed by a value (the window's and the CLI's), which is not a sub-command.
VALUE_OPTIONS = frozenset({"--data-dir", "--scenario", "--lang", "--speed"})


def command_of(args: list[str]) -> str | None:
    """The sub-command named in ``args``, if any: ``posguide --data-dir D export`` -> export."""
    after_option = False
    for arg in args:
        if after_option:
            after_option = False
        elif arg in VALUE_OPTIONS:
            after_option = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: list[str] | None = None) -> int:
    # A frozen Windows build starts photo workers by running itself again (posguide.workers):
    # this turns such a start into the worker. A no-op everywhere else.
    if getattr(sys, "frozen", False):  # a frozen build's photo workers start through here
        import multiprocessing

        multiprocessing.freeze_support()
    args = sys.argv[1:] if argv is None else argv
    if "--self-test" in args:
        from posguide.gui.selftest import run_self_test

        return run_self_test()
    command = command_of(args)
    wants_gui = command is None and not {"--version", "-V", "--help", "-h"} & set(args)
    if wants_gui or command in GUI_COMMANDS:
        from posguide.gui.app import run_gui

        return run_gui(args)
    from posguide.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
