"""Reading ``posguide.toml``: parse, check every key against the declarations, build dataclasses.

All problems in the file are collected; ``ConfigError`` shows the first on one line and keeps the
rest in ``.problems``. Nothing here raises anything but ``ConfigError`` for a bad file.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import tomlkit
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.toml_document import TOMLDocument

from posguide.config.errors import ConfigError, Problem, describe, did_you_mean
from posguide.config.kinds import Invalid
from posguide.config.model import ShopConfig
from posguide.config.schema import Declaration, Table, TableList, declarations
from posguide.i18n import QT_TR_NOOP, Text

D = TypeVar("D")
MAX_BYTES = 1024 * 1024  # a hand-edited settings file is never this big
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def load_config(path: str | os.PathLike[str]) -> ShopConfig:
    """The validated configuration; the defaults when the file does not exist."""
    file = Path(path)
    raw = read_text(file)
    if raw is None:
        return ShopConfig()
    return config_from_document(parse_document(raw, str(file)), str(file), file)


def parse_config(text: str, source: str = "posguide.toml") -> ShopConfig:
    """Validate configuration text (no file involved)."""
    return config_from_document(parse_document(text, source), source)


def read_text(file: Path) -> str | None:
    """The file's text (UTF-8, a BOM from Notepad is fine), or None when it does not exist."""
    source = str(file)
    try:
        data = _read_regular(file)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError.single(source, "", f"cannot be read: {exc.strerror or exc}") from None
    if data is None:
        problem = "cannot be read: not a settings file but a folder or device"
        raise ConfigError.single(source, "", problem)
    if len(data) > MAX_BYTES:
        raise ConfigError.single(source, "", "expected a settings file under 1 MB, got more")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError.single(
            source, "", "expected UTF-8 text; save the file as UTF-8", line, column
        ) from None
    return text.replace("\r\n", "\n")


def _read_regular(file: Path) -> bytes | None:
    """Up to MAX_BYTES + 1 of a regular file; None for anything else. Opened without blocking
    and checked before reading: a pipe (FIFO) or a device would wait or never end."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def parse_document(text: str, source: str) -> TOMLDocument:
    try:
        return tomlkit.parse(text)
    except ParseError as exc:
        message = str(exc).split(" at line ")[0].rstrip(".")
        raise ConfigError.single(
            source, "", f"TOML syntax error: {message}", exc.line, exc.col + 1
        ) from None
    except (TOMLKitError, ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:
        # Some mistakes (a key twice in one table) come without a position, some as plain
        # exceptions; the stdlib parser finds the position.
        line, column = _locate(text)
        raise ConfigError.single(source, "", f"TOML syntax error: {exc}", line, column) from None


def _locate(text: str) -> tuple[int | None, int | None]:
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if found:
            return int(found.group(1)), int(found.group(2))
    return None, None


def config_from_document(
    doc: TOMLDocument, source: str, loaded_from: Path | None = None
) -> ShopConfig:
    try:
        raw = doc.unwrap()
    except (TOMLKitError, ValueError, TypeError) as exc:
        raise ConfigError.single(source, "", f"TOML syntax error: {exc}") from None
    problems: list[Problem] = []
    extra = {"loaded_from": loaded_from or Path(source)}
    config = build(ShopConfig, raw, "", problems, extra)
    if problems or config is None:
        raise ConfigError(source, problems or [Problem("", "invalid configuration")])
    return config


def build(
    cls: type[D],
    raw: Mapping[str, Any],
    path: str,
    problems: list[Problem],
    extra: Mapping[str, Any] | None = None,
) -> D | None:
    """One table as dataclass ``cls``; None (with problems added) when anything is wrong."""
    decls = declarations(cls)
    before = len(problems)
    values: dict[str, Any] = dict(extra or {})
    for key in raw:
        if key not in decls:
            problems.append(Problem(_join(path, key), _unknown(key, path, decls)))
    for name, decl in decls.items():
        key = _join(path, name)
        if name not in raw:
            if decl.required:
                missing = Text(
                    QT_TR_NOOP("missing; expected {expected}"), expected=decl.kind.expected
                )
                problems.append(Problem(key, missing))
            continue
        value = raw[name]
        kind = decl.kind
        if isinstance(kind, Table):
            if not isinstance(value, dict):
                header = _header(key)
                problems.append(
                    Problem(key, f"expected a table ([{header}]), got {describe(value)}")
                )
                continue
            values[name] = build(kind.cls, value, key, problems)
        elif isinstance(kind, TableList):
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                got = describe(value)
                header = _header(key)
                problems.append(
                    Problem(key, f"expected a list of tables ([[{header}]]), got {got}")
                )
                continue
            values[name] = tuple(
                build(kind.cls, item, f"{key}[{i}]", problems) for i, item in enumerate(value)
            )
        else:
            try:
                values[name] = kind.convert(value)
            except Invalid as exc:
                problems.append(Problem(key + exc.subkey, exc.message))
    if len(problems) > before:
        return None
    obj = cls(**values)
    check = getattr(obj, "problems", None)
    if callable(check):
        for relative, message in check():
            key = (f"{path}.{relative}" if path else relative) if relative else path
            problems.append(Problem(key, message))
    return obj if len(problems) == before else None


def _unknown(key: str, path: str, decls: Mapping[str, Declaration]) -> str:
    what = "setting" if path else "section"
    hint = did_you_mean(key, decls)
    if not path and not hint:
        homes = [
            name
            for name, decl in decls.items()
            if isinstance(decl.kind, Table | TableList) and key in declarations(decl.kind.cls)
        ]
        if homes:
            hint = f" (did you mean to put it under [{homes[0]}]?)"
    return f"unknown {what}{hint or '; expected one of ' + ', '.join(decls)}"


def _join(path: str, key: str) -> str:
    if not _BARE.fullmatch(key):
        key = describe(key)
    return f"{path}.{key}" if path else key


def _header(key: str) -> str:
    return re.sub(r"\[\d+\]", "", key)
