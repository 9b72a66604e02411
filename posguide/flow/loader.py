"""Loading a playbook: the built-in default, or a shop's or provider's own file named in the
configuration. Either is checked completely before use; nothing is loaded half-way."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from posguide.flow import checks, parse
from posguide.flow.errors import PlaybookError, Problem
from posguide.flow.model import KNOWN_PROBES, Playbook
from posguide.flow.nodes import Reader, compose
from posguide.resources import resources_dir


def default_playbook_path() -> Path:
    return resources_dir() / "playbook" / "default.yaml"


def builtin_pictures_dir() -> Path:
    return resources_dir() / "pictures"


def parse_playbook(
    text: str,
    source: str,
    *,
    known_probes: Collection[str] = KNOWN_PROBES,
    pictures: Sequence[Path] = (),
) -> Playbook:
    """Check and build a playbook from YAML text; ``source`` names it in error messages.
    ``pictures``: folders searched, in order, for each picture file."""
    reader = Reader(source)
    book = parse.playbook(reader, compose(text, source))
    if book is not None:
        complete = not reader.problems
        checks.check(reader, book, known_probes, pictures, complete=complete)
    if reader.problems or book is None:
        raise PlaybookError(source, reader.problems or [Problem(None, "", "not a playbook")])
    return book


def load_playbook(
    path: Path | None = None,
    *,
    known_probes: Collection[str] = KNOWN_PROBES,
    pictures: Sequence[Path] | None = None,
) -> Playbook:
    """The playbook at ``path`` (None: the built-in default). Its pictures are looked up in
    ``pictures``; by default a ``pictures`` folder beside a shop's own file, then the built-in
    folder. Raises PlaybookError listing every problem, each with the file name and line."""
    path = path or default_playbook_path()
    if pictures is None:
        builtin = builtin_pictures_dir()
        own = path.parent / "pictures"
        pictures = [builtin] if own.resolve() == builtin.resolve() else [own, builtin]
    try:
        # utf-8-sig: Windows Notepad may start the file with a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlaybookError(
            path.name, [Problem(None, "", f"not UTF-8 text ({exc.reason})")]
        ) from exc
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise PlaybookError(path.name, [Problem(None, "", f"cannot be read: {why}")]) from exc
    return parse_playbook(text, path.name, known_probes=known_probes, pictures=pictures)


@dataclass(frozen=True)
class ActivePlaybook:
    """The playbook to use, and why the configured one is not it (None: it is)."""

    playbook: Playbook
    path: Path
    error: PlaybookError | None = None


def load_active(
    override: Path | None,
    *,
    known_probes: Collection[str] = KNOWN_PROBES,
) -> ActivePlaybook:
    """The configured playbook, or the built-in default when none is configured or the configured
    one has problems (then ``error`` says which, for the GUI to show). A broken default raises:
    that is a packaging bug, not something the shop can fix."""
    if override is not None:
        try:
            return ActivePlaybook(load_playbook(override, known_probes=known_probes), override)
        except PlaybookError as exc:
            error: PlaybookError | None = exc
    else:
        error = None
    default = default_playbook_path()
    return ActivePlaybook(load_playbook(default, known_probes=known_probes), default, error)
