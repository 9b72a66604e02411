"""The Qt-free command line: ``export``, ``db check``, ``db backup`` (and, later, ``probe``).

Exit codes: 0 ok, 1 a check failed, 2 usage or configuration error; each failure prints one line.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from posguide import __version__
from posguide.cli.alert import add_alert_commands
from posguide.cli.context import CliError, CliFailure
from posguide.cli.db import add_db_commands
from posguide.cli.export import add_export_command
from posguide.cli.notice import add_notice_commands
from posguide.cli.probe import add_probe_commands


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: staff read this on a shop PC.
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="posguide", description=__doc__)
    parser.add_argument("-V", "--version", action="version", version=f"posguide {__version__}")
    parser.add_argument(
        "--data-dir", help="folder with posguide.db, posguide.toml, logs/ (or $POSGUIDE_HOME)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    add_export_command(sub)
    add_db_commands(sub)
    add_probe_commands(sub)
    add_notice_commands(sub)
    add_alert_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except CliFailure as failure:
        print(f"posguide: {failure}", file=sys.stderr)
        return 1
    except CliError as err:
        print(f"posguide: {err}", file=sys.stderr)
        return 2
