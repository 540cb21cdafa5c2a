"""mkdocs hook: the key tables of docs/schema.md say what the JSON Schema says.

Every row of a table headed ``| 键 | 类型 | 默认 | 说明 | 例子 |`` names a key in its first
column; while the site is built, its 说明 cell is replaced by the description the JSON
Schema (generated from the model, ``bulletin.load.schema``) gives that key: the text an
editor shows when the pointer rests on the key. A row naming a key the model does not have
stops the build. ``tests/test_schema.py`` checks that the file as written already agrees,
so the page reads the same on the site and in the repository.
"""

from __future__ import annotations

import re
from typing import Any

from bulletin.load.schema import key_help

HEADER = "| 键 | 类型 | 默认 | 说明 | 例子 |"
ROW = re.compile(r"^\|\s*`(?P<key>[^`]+)`\s*\|")
CELL = re.compile(r"(?<!\\)\|")


def cells(line: str) -> list[str]:
    """The cells of a table row (``\\|`` inside a cell is text)."""
    return [c.strip() for c in CELL.split(line.strip())[1:-1]]


def as_cell(text: str) -> str:
    r"""Text for a table cell: ``|`` is written ``\|``.

    >>> as_cell('`{{ 名.as_of | date("md_h") }}`')
    '`{{ 名.as_of \\| date("md_h") }}`'
    """
    return text.replace("|", "\\|")


def with_schema_descriptions(markdown: str, where: str = "docs/schema.md") -> str:
    """``markdown`` with the 说明 cell of every key row taken from the JSON Schema.

    >>> print(with_schema_descriptions(HEADER + "\\n|---|---|---|---|---|\\n"
    ...                                "| `meta.title` | 文字 | 必填 | ？ | `title: 标题` |"))
    | 键 | 类型 | 默认 | 说明 | 例子 |
    |---|---|---|---|---|
    | `meta.title` | 文字 | 必填 | 标题 | `title: 标题` |
    """
    known = key_help()
    out, in_table = [], False
    for line in markdown.split("\n"):
        if not line.startswith("|"):
            in_table = False
        elif line.startswith(HEADER):
            in_table = True
        elif in_table and (match := ROW.match(line)):
            key = match["key"]
            if key not in known:
                raise RuntimeError(f"{where}: the model has no key {key}")
            row = cells(line)
            row[3] = as_cell(known[key][0])
            line = "| " + " | ".join(row) + " |"
        out.append(line)
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.file.src_uri == "schema.md":
        return with_schema_descriptions(markdown, page.file.src_uri)
    return markdown
