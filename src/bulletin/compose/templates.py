"""The genre templates' environment: sandboxed, user folders first, user text escaped.

Genre templates (``templates/zh/<genre>.md.j2``, sharing ``base.md.j2``) write
Markdown with role divs (see :mod:`.parse`). Everything a template prints with
``{{ }}`` is text from the data file and is escaped for Markdown, so prose can
never become markup or a role marker; what the template itself writes is
markup. A table or a chart printed with ``{{ }}`` is written as its Markdown
(a GFM table; a ``::: chart`` div with the image, caption and data table).

>>> escape_markdown("**不是加粗**")
'\\\\*\\\\*不是加粗\\\\*\\\\*'
>>> escape_markdown("1. 不是列表")
'1\\\\. 不是列表'
>>> escape_markdown("::: byline")
'\\\\::: byline'
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..numbers.filters import register_filters
from ..numbers.numerals import heading_number
from ..resolve.chart_plan import ChartPlan
from ..resolve.content import TableContent
from ..resolve.style import Style

__all__ = [
    "Markdown",
    "builtin_template_dir",
    "escape_markdown",
    "gfm_table",
    "template_environment",
]


class Markdown(str):
    """Text that is already Markdown: printed by a template as it is."""

    __slots__ = ()


# Characters that start inline markup anywhere: emphasis, code, links and images,
# autolinks, entities, hard breaks.
_INLINE = re.compile(r"([\\`*_\[\]<>&])")
# What starts a block at the beginning of a line: headings, quotes, lists, rules,
# fences, role divs, setext underlines, tables.
_LINE_START = re.compile(r"^(\s*)([#>+=~:-])", re.M)
# An ordered-list marker: digits, then . or ) and a space.
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.M)


def _escape_inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text).replace("|", "\\|")


def escape_markdown(text: str) -> str:
    """``text`` with every character that Markdown would read as markup escaped."""
    text = _escape_inline(text)
    text = _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}", text)
    return _LIST_NUMBER.sub(lambda m: f"{m[1]}\\{m[2]}", text)


def _cell(text: str) -> str:
    return _escape_inline(str(text)).replace("\n", " ")


_ALIGN_MARKS = {"left": ":---", "right": "---:", "center": ":---:", "": "---"}


def gfm_table(table: TableContent) -> Markdown:
    """A table's GFM, cells escaped.

    >>> print(gfm_table(TableContent(["指标", "本年"], [["床位", "4128张"]], ["left", "right"])))
    | 指标 | 本年 |
    |:---|---:|
    | 床位 | 4128张 |
    """
    lines = ["| " + " | ".join(_cell(c) for c in table.columns) + " |"]
    lines.append("|" + "|".join(_ALIGN_MARKS[a] for a in table.aligns) + "|")
    indents = table.indents or [0] * len(table.rows)
    # an indented row (a part under its indicator) starts with ideographic spaces, written
    # as entities: a table cell's own spaces are trimmed
    lines += [
        "| "
        + " | ".join(("&#12288;" * depth if k == 0 else "") + _cell(c) for k, c in enumerate(row))
        + " |"
        for row, depth in zip(table.rows, indents, strict=True)
    ]
    return Markdown("\n".join(lines))


def chart_markdown(chart: ChartPlan) -> Markdown:
    """A chart as a ``::: chart`` div: the image (its PNG), the caption, the data table."""
    alt = _cell(chart.alt).replace("[", "（").replace("]", "）")
    parts = ["::: chart", f"![{alt}]({chart.png})", "", escape_markdown(chart.caption)]
    if chart.table:
        parts += ["", chart.table]
    return Markdown("\n".join([*parts, ":::"]))


def _finalize(value: Any) -> Any:
    """What ``{{ }}`` prints: markup as is, tables and charts as Markdown, text escaped."""
    if isinstance(value, Markdown):
        return value
    if isinstance(value, TableContent):
        return gfm_table(value)
    if isinstance(value, ChartPlan):
        return chart_markdown(value)
    if isinstance(value, str):
        return escape_markdown(value)
    return value


def builtin_template_dir() -> Path:
    """The folder of the built-in templates (``templates/zh``).

    Installed, the templates are package data (``bulletin/templates/zh``); in a
    source checkout they are the repository's top-level ``templates/zh``.
    """
    here = Path(__file__).resolve().parent.parent
    for base in (here / "templates", here.parent.parent / "templates"):
        if (base / "zh" / "base.md.j2").is_file():
            return base / "zh"
    raise FileNotFoundError("bulletin: built-in templates not found")  # pragma: no cover


def template_environment(
    template_dirs: Sequence[str | Path] = (),
    *,
    style: Style | None = None,
    markdown: bool = True,
) -> SandboxedEnvironment:
    """The sandboxed environment for templates: user folders first, then built-ins.

    Markdown templates escape what they print for Markdown (``markdown=True``);
    the HTML page template escapes for HTML instead (autoescape).
    ``builtin/feature.md.j2`` names a built-in template, so a user's
    ``feature.md.j2`` can extend the one it replaces.

    Environments are kept for the run, one per template folders, script, digit
    grouping and kind, so each template is compiled once for many documents
    (Jinja still reloads a template file that changed on disk). Callers must not
    change the environment they get.

    >>> template_environment() is template_environment(style=Style())
    True
    >>> template_environment() is template_environment(style=Style(script="hant"))
    False
    """
    style = style or Style()
    folders = tuple(os.fspath(d) for d in template_dirs)
    return _environment(os.getcwd(), folders, style.script, style.grouping, markdown)


@lru_cache(maxsize=32)
def _environment(
    cwd: str, template_dirs: tuple[str, ...], script: str, grouping: bool, markdown: bool
) -> SandboxedEnvironment:
    """A new environment (``cwd`` is part of the key: relative folders are read from it)."""
    builtin = jinja2.FileSystemLoader(str(builtin_template_dir()))
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(list(template_dirs)),
            builtin,
            jinja2.PrefixLoader({"builtin": builtin}),
        ]
    )
    env = SandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=not markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize if markdown else None,
    )
    register_filters(env, script=script, grouping=grouping)
    env.filters["unnumbered"] = _unnumbered
    if markdown:
        env.filters["markdown"] = Markdown
    return env


def _unnumbered(heading: str) -> str:
    """A heading without the number typed into it (``一、概况`` → ``概况``), for templates
    that number headings themselves.

    >>> _unnumbered("一、医疗卫生资源"), _unnumbered("医疗服务")
    ('医疗卫生资源', '医疗服务')
    """
    return heading_number(heading)[1]
