"""The settings reference and the example file, generated from the declarations.

python -m posguide.config.docs             # print the reference (markdown)
python -m posguide.config.docs --example   # print the example posguide.toml
python -m posguide.config.docs --write     # update docs/configuration.md and the example
python -m posguide.config.docs --check     # exit 1 if either is out of date (CI)
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import tomlkit

from posguide.config.example_data import EXAMPLE, HEADER
from posguide.config.model import ShopConfig
from posguide.config.schema import Declaration, Table, TableList, declarations, table_doc

BEGIN = "<!-- BEGIN GENERATED: python -m posguide.config.docs -->"
END = "<!-- END GENERATED -->"
REFERENCE_FILE = "configuration.md"
EXAMPLE_FILE = "posguide.example.toml"
WIDTH = 99


def toml_value(value: Any) -> str:
    """A value as TOML text; regexes and paths with backslashes as 'literal strings'."""
    if isinstance(value, str) and "\\" in value and "'" not in value and value.isprintable():
        return str(tomlkit.string(value, literal=True).as_string())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(tomlkit.item(value).as_string())


def default_text(decl: Declaration) -> str:
    if decl.required:
        return "required"
    return toml_value(decl.kind.to_toml(decl.default))


def _tables(cls: type[Any], header: str, array: bool) -> Iterator[tuple[str, type[Any], bool]]:
    """Every table in file order: (header, dataclass, is an array of tables)."""
    yield header, cls, array
    for name, decl in declarations(cls).items():
        if isinstance(decl.kind, Table | TableList):
            inner = f"{header}.{name}" if header else name
            yield from _tables(decl.kind.cls, inner, isinstance(decl.kind, TableList))


def reference() -> str:
    out: list[str] = []
    for header, cls, array in list(_tables(ShopConfig, "", False))[1:]:
        title = f"[[{header}]]" if array else f"[{header}]"
        out += [f"### `{title}`", "", table_doc(cls), ""]
        out += ["| Key | Accepts | Default | Description |", "| --- | --- | --- | --- |"]
        for name, decl in declarations(cls).items():
            if isinstance(decl.kind, Table | TableList):
                continue
            cells = [f"`{name}`", str(decl.kind.expected), f"`{default_text(decl)}`", decl.doc]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH - len(indent), initial_indent="# ", subsequent_indent="# ")


def _render_table(
    cls: type[Any], header: str, array: bool, sample: Mapping[str, Any], commented: bool
) -> list[str]:
    out = [f"[[{header}]]" if array else f"[{header}]"]
    nested: list[str] = []
    for name, decl in declarations(cls).items():
        kind = decl.kind
        if isinstance(kind, Table | TableList):
            items = sample.get(name, [] if isinstance(kind, TableList) else {})
            items = items if isinstance(kind, TableList) else [items]
            for index, item in enumerate(items):
                if not item and not commented:
                    continue
                inner = f"{header}.{name}"
                array = isinstance(kind, TableList)
                nested += [
                    "",
                    *_render_table(kind.cls, inner, array, item, commented and not index),
                ]
            continue
        if commented:
            default = "required" if decl.required else f"default {default_text(decl)}"
            note = f"{decl.doc} Accepts {decl.kind.expected!s}; {default}."
            out += _comment(note)
        if name in sample:
            out.append(f"{name} = {toml_value(sample[name])}")
        elif commented:
            out.append(f"# {name} = {default_text(decl)}")
    return out + nested


def example() -> str:
    out = _comment(HEADER.replace("\n", " "))
    for name, decl in declarations(ShopConfig).items():
        kind = decl.kind
        assert isinstance(kind, Table | TableList)
        array = isinstance(kind, TableList)
        items = EXAMPLE.get(name, [] if array else {})
        title = f"[[{name}]]" if array else f"[{name}]"
        out += ["", *_comment(f"{title}: {table_doc(kind.cls)}")]
        if not items and array:
            out.append(f"# (none; add [[{name}]] tables)")
        for index, item in enumerate(items if array else [items]):
            out += ([""] if index else []) + _render_table(kind.cls, name, array, item, index == 0)
    return "\n".join(out).strip() + "\n"


def replace_generated(markdown: str, generated: str) -> str:
    head, begin, rest = markdown.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"markers {BEGIN!r} ... {END!r} not found")
    return f"{head}{BEGIN}\n\n{generated}\n{END}{tail}"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m posguide.config.docs", description=__doc__)
    parser.add_argument("--example", action="store_true", help="print the example file")
    parser.add_argument("--write", action="store_true", help="update the files in --docs")
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder")
    args = parser.parse_args(argv)
    if not (args.write or args.check):
        sys.stdout.write(example() if args.example else reference())
        return 0
    ref_path, example_path = args.docs / REFERENCE_FILE, args.docs / EXAMPLE_FILE
    wanted = {
        ref_path: replace_generated(_read(ref_path) or f"{BEGIN}\n{END}\n", reference()),
        example_path: example(),
    }
    stale = [p for p, text in wanted.items() if _read(p) != text]
    if args.check:
        for path in stale:
            print(f"{path} is out of date; run: python -m posguide.config.docs --write")
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8", newline="\n")
        print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
