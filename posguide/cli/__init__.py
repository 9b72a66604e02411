"""The Qt-free command line: ``export``, ``db check|backup|restore``, ``probe``, ``diagnose``,
``notice``, ``alert``, ``inspect``, ``daily`` and ``schedule``.

Exit codes: 0 ok, 1 a check failed, 2 usage or configuration error; each failure prints one line
(never a traceback: an unexpected error is one line too, its details go to the log file).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import NoReturn

from posguide import __version__
from posguide.cli.alert import add_alert_commands
from posguide.cli.context import CliError, CliFailure, say
from posguide.cli.db import add_db_commands
from posguide.cli.export import add_export_command
from posguide.cli.inspect import add_inspect_commands
from posguide.cli.notice import add_notice_commands
from posguide.cli.output import os_reason
from posguide.cli.probe import add_probe_commands
from posguide.cli.schedule import add_schedule_commands
from posguide.store import StoreError


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
    add_inspect_commands(sub)
    add_schedule_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except CliError as err:
        say(err)
        return 2
    except (CliFailure, StoreError) as failure:
        say(failure)
        return 1
    except BrokenPipeError:
        # The reader left (``| head``). Python would report it again when it flushes stdout at
        # exit, so stdout goes nowhere from here on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        say("the output was closed before everything was written (nothing else was affected)")
        return 1
    except OSError as err:
        say(f"could not write the output: {os_reason(err)}")
        return 1
    except KeyboardInterrupt:
        say("interrupted; nothing half-written was kept")
        return 130
    except Exception as err:  # a bug: one line here, the traceback in the log for support
        logging.getLogger("posguide.cli").exception("command failed")
        say(f"unexpected error ({type(err).__name__}: {err}); the log file has the details")
        return 1
