"""Changing ``posguide.toml`` without losing the user's comments, and without half-written files.

Edits go through tomlkit, which keeps comments, blank lines and key order. A document is validated
before it is written, and written atomically: temp file in the same folder, fsync, ``os.replace``.
If anything fails the old file stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from posguide.config.errors import ConfigError, ConfigWriteError
from posguide.config.loader import config_from_document, parse_document, read_text
from posguide.config.model import ShopConfig
from posguide.config.secret import Secret

NEW_FILE_HEADER = "posguide settings. Reference: docs/configuration.md"
NEW_FILE_MODE = 0o600  # may hold webhook keys
REPLACE_ATTEMPTS = 5  # Windows: antivirus or an editor may hold the file for a moment

Value = str | int | float | bool | list[Any] | tuple[Any, ...] | Secret | None
_PART = re.compile(r"([A-Za-z0-9_-]+)(?:\[(\d+)\])?")


def load_document(path: str | os.PathLike[str]) -> TOMLDocument:
    """The file as an editable tomlkit document (empty when the file does not exist).

    Only the TOML syntax is checked here; ``save_document`` validates the settings.
    """
    file = Path(path)
    text = read_text(file)
    return tomlkit.document() if text is None else parse_document(text, str(file))


def save_document(path: str | os.PathLike[str], doc: TOMLDocument) -> ShopConfig:
    """Validate ``doc`` and write it atomically; returns the configuration now in force.

    Raises ``ConfigError`` (file untouched) when the document is invalid and ``ConfigWriteError``
    when it cannot be written.
    """
    file = Path(path)
    source = str(file)
    text = doc.as_string().replace("\r\n", "\n")
    config = config_from_document(parse_document(text, source), source, file)
    if _uses_crlf(file):
        text = text.replace("\n", "\r\n")
    try:
        atomic_write(file, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ConfigWriteError.single(source, "", f"cannot be saved: {reason}") from exc
    return config


def set_value(path: str | os.PathLike[str], dotted_key: str, value: Value) -> ShopConfig:
    """Set one setting (``"shop.language"``, ``"terminals[1].baud_rate"``) keeping comments.

    ``None`` removes the key, so the default applies again. Returns the new configuration.
    """
    file = Path(path)
    source = str(file)
    parts = [_PART.fullmatch(p) for p in dotted_key.split(".")]
    if len(parts) < 2 or not all(parts):
        raise ConfigError.single(
            source, dotted_key, 'expected a key like "shop.language" or "terminals[0].name"'
        )
    doc = load_document(file)
    if not doc.body:
        doc.add(tomlkit.comment(NEW_FILE_HEADER))
    container: Any = doc
    walked: list[str] = []
    for match in parts[:-1]:
        assert match is not None
        name, index = match.group(1), match.group(2)
        walked.append(match.group(0))
        if name not in container:
            if value is None:  # nothing to remove
                return config_from_document(doc, source, file)
            if index is not None:
                raise ConfigError.single(source, ".".join(walked), "expected an entry, got none")
            container.add(name, tomlkit.table())
        container = container[name]
        if index is not None:
            if not isinstance(container, AoT | list) or int(index) >= len(container):
                raise ConfigError.single(source, ".".join(walked), "expected an entry, got none")
            container = container[int(index)]
        if not isinstance(container, Table | dict):
            raise ConfigError.single(source, ".".join(walked), "expected a table, got a value")
    last = parts[-1]
    assert last is not None
    if last.group(2) is not None:
        raise ConfigError.single(source, dotted_key, "expected a key without [index] at the end")
    name = last.group(1)
    if value is None:
        if name in container:
            del container[name]
    else:
        container[name] = _plain(value)
    return save_document(file, doc)


def _plain(value: Value) -> Any:
    if isinstance(value, Secret):
        return value.reveal()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def atomic_write(file: Path, data: bytes) -> None:
    """Replace ``file`` with ``data`` so that a crash leaves either the old or the new file."""
    target = Path(os.path.realpath(file))  # keep a symlinked settings file a symlink
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(mode)
        _replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_dir(target.parent)


def _replace(temp: Path, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            temp.replace(target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _uses_crlf(file: Path) -> bool:
    """Keep Windows line endings if the file already has them."""
    try:
        with file.open("rb") as handle:
            return b"\r\n" in handle.read(64 * 1024)
    except OSError:
        return False
