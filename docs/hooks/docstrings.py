"""mkdocs hook: bulletin's docstrings read well as Markdown in the API reference.

The docstrings are written for ``help()`` and doctest: examples are ``>>>`` lines with their
output, cross references are reST roles (``:func:`render```). A Markdown preprocessor,
added to the site's extensions before mkdocstrings copies them, fences each run of doctest
lines as ``pycon`` code and turns the roles into inline code. Text inside fences is left
alone.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority

ROLE = re.compile(r":(?:func|class|mod|meth|data|attr|exc|obj):`~?\.?([^`]+)`")
FENCE = re.compile(r"^\s*(```|~~~)")


def _doctest_line(line: str) -> bool:
    return line.lstrip().startswith((">>>", "..."))


def fence_doctests(lines: list[str]) -> list[str]:
    """Fence doctest runs (a ``>>>`` line up to the next blank line); code roles.

    >>> fence_doctests(["Use :func:`render`.", "", ">>> 1 + 1", "2", "", "end"])
    ['Use `render`.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'end']
    """
    out: list[str] = []
    fenced = in_doctest = False
    for line in lines:
        if in_doctest and not line.strip():
            out.append("```")
            in_doctest = False
        if FENCE.match(line) and not in_doctest:
            fenced = not fenced
        elif not fenced and not in_doctest and line.lstrip().startswith(">>>"):
            out.append("```pycon")
            in_doctest = True
        if in_doctest:
            out.append(line.strip() if _doctest_line(line) else line)
        else:
            out.append(line if fenced else ROLE.sub(r"`\1`", line))
    if in_doctest:
        out.append("```")
    return out


class _Doctests(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return fence_doctests(lines)


class DoctestExtension(Extension):
    """Registers the preprocessor ahead of the fenced-code ones."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Doctests(md), "bulletin_doctests", 40)


@event_priority(100)  # before mkdocstrings reads the extensions
def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestExtension())
    return config
