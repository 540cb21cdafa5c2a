"""House style (STYLE.md) beyond GB/T: no digit grouping, no spaces, fixed decimals in a table.

Which profiles apply these rules is in :data:`bulletin.proofread.findings.HOUSE_RULES`.

>>> from bulletin.proofread.text import Text
>>> [(h.rule, h.fix) for h in check(Text.plain("费用72,447元，截至 2021 年"))]
[('grouping', '72447'), ('space', ''), ('space', '')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .findings import Hit
from .text import Text
from .tokens import figures

__all__ = ["RULES", "check"]

_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")


def grouping(text: Text) -> Iterator[Hit]:
    """72,447元 → 72447元: mainland news and bulletins print no thousands separators."""
    for m in _GROUPED.finditer(text.s):
        fixed = m.group(0).replace(",", "")
        yield Hit("grouping", m.start(), m.end(), fixed, fix=fixed)


_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=\d)|(?<=[\d%‰]) +(?=[\u4e00-\u9fff])")
_CAPTION = re.compile(r"(?:^|\n)(?:图|表|圖)\d+(?:[-.]\d+)?$")


def space(text: Text) -> Iterator[Hit]:
    """截至 2021 年 → 截至2021年: no spaces between Chinese characters and figures."""
    for m in _SPACE.finditer(text.s):
        line_start = text.s.rfind("\n", 0, m.start()) + 1
        if _CAPTION.search(text.s[line_start : m.start()].strip()) or _caption(text, m.start()):
            continue
        around = text.raw[max(0, m.start() - 2) : m.start()] + text.raw[m.end() : m.end() + 2]
        yield Hit("space", m.start(), m.end(), around, fix="")


def _caption(text: Text, index: int) -> bool:
    """A figure or table number (图1 标题) keeps its space."""
    head = text.s[max(0, index - 6) : index]
    return re.search(r"(?:^|[\s|])[图表]\d+(?:[-.]\d+)?$", head) is not None


def table_decimals(text: Text) -> Iterator[Hit]:
    """One indicator, one number of decimals: a table row prints 2.90人 and 2.78人."""
    for line in re.finditer(r"[^\n]*\|[^\n]*\|[^\n]*", text.s):
        row = list(figures(text.s, line.start(), line.end()))
        by_unit: dict[tuple[str, str], list[int]] = {}
        for fig in row:
            by_unit.setdefault((fig.scale, fig.unit), []).append(fig.decimals)
        for fig in row:
            most = max(by_unit[(fig.scale, fig.unit)])
            if most > 0 and fig.decimals < most:
                digits = fig.digits + ("" if fig.decimals else ".") + "0" * (most - fig.decimals)
                end = fig.start + len(fig.digits)
                yield Hit("table-decimals", fig.start, end, digits, fix=digits, fields={"n": most})


RULES: tuple[tuple[str, Callable[[Text], Iterator[Hit]]], ...] = (
    ("grouping", grouping),
    ("space", space),
    ("table-decimals", table_decimals),
)


def check(text: Text) -> list[Hit]:
    """Every hit of these rules, in order of position."""
    return sorted((hit for _, rule in RULES for hit in rule(text)), key=lambda h: h.start)
