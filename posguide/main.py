"""The ``posguide`` command: no sub-command opens the window, anything else is the Qt-free CLI.

This launcher is the one place that may reach both; the core (cli, store, probes, ...) never
imports Qt, which an import-linter contract checks.
"""

from __future__ import annotations

import sys

from posguide.cli import GUI_COMMANDS
from posguide.cli import main as cli_main


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = next((a for a in args if not a.startswith("-")), None)
    wants_gui = command is None and not {"--version", "-V", "--help", "-h"} & set(args)
    if wants_gui or command in GUI_COMMANDS:
        from posguide.gui.app import run_gui

        return run_gui(args)
    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
