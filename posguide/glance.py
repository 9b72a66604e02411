"""A first glance at the configuration: the three settings the first page needs (the shop's
name, the language, whether any terminal is configured), before the whole file is loaded and
checked against the schema (posguide.config, tens of milliseconds of imports).

Parsing TOML at all costs the first page ~7 ms (tomllib's import), so the three values are kept
in a small JSON file beside the data, keyed by the configuration file's size and modification
time; a changed file is read again. It never raises: a file the full loader will reject reads
as the defaults here, and the loader then reports the mistake on that same page. The keys are
posguide.config.model's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple


class Glance(NamedTuple):
    shop_name: str = ""
    language: str = "system"  # ShopSection.language: zh_CN, en or system
    has_terminals: bool = False  # no terminal: training mode


def glance(config: Path, cache: Path) -> Glance:
    try:
        stat = config.stat()
    except OSError:
        return Glance()  # no file: the defaults, as the full loader says
    key = f"{stat.st_size}:{stat.st_mtime_ns}"
    try:
        saved = json.loads(cache.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return Glance(str(saved["shop_name"]), str(saved["language"]),
                          bool(saved["has_terminals"]))  # fmt: skip
    except (OSError, ValueError, KeyError, AttributeError):
        pass  # none yet, or unreadable: read the file itself
    seen = read(config)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".tmp")
        partial.write_text(json.dumps({"key": key, **seen._asdict()}), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass  # a read-only folder: glance again next time
    return seen


def read(config: Path) -> Glance:
    import tomllib

    try:
        with config.open("rb") as file:
            document: dict[str, Any] = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return Glance()
    shop = document.get("shop")
    shop = shop if isinstance(shop, dict) else {}
    name, language = shop.get("name", ""), shop.get("language", "system")
    terminals = document.get("terminals")
    return Glance(
        shop_name=name if isinstance(name, str) else "",
        language=language if isinstance(language, str) else "system",
        has_terminals=isinstance(terminals, list) and bool(terminals),
    )
