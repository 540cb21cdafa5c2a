"""The text the rules read: checked characters, where each came from, a Simplified view.

A reader keeps only the characters worth checking (no code, no link targets,
no tags) and records, for each, its offset in the source; a block boundary is
an inserted line break. :class:`Text` gives rules one string in Simplified
characters (Traditional is mapped one character for one, so offsets stay) and
turns an offset back into ``line:col`` of the source.

>>> t = Text.plain("第一行\\n增長-3.2%")
>>> t.s[4:11], t.location(6)
('增长-3.2%', (2, 3))
>>> t.traditional
True
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

__all__ = ["CJK", "Text", "clause_spans", "sentence_spans"]

#: One Chinese character (the unified ideographs and 〇).
CJK = r"[\u3007\u4e00-\u9fff]"


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s.json")


def _simplify(text: str) -> str:
    """Map each character to its Simplified form when that is one character too."""
    if text.isascii():
        return text
    converter = _t2s()
    table: dict[int, str] = {}
    for ch in set(text):
        if ch > "\u2fff":
            out = converter.convert(ch)  # type: ignore[attr-defined]
            if len(out) == 1 and out != ch:
                table[ord(ch)] = out
    return text.translate(table)


@dataclass
class Text:
    """Checked characters ``raw`` (as written), ``s`` (Simplified) and their source offsets."""

    raw: str
    origin: Sequence[int]
    source: str
    s: str = field(init=False)
    traditional: bool = field(init=False)
    _lines: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.s = _simplify(self.raw)
        changed = sum(a != b for a, b in zip(self.raw, self.s, strict=True))
        self.traditional = changed * 50 > sum(ch > "\u2fff" for ch in self.raw) > 0
        self._lines = [0] + [m.end() for m in re.finditer("\n", self.source)]

    @classmethod
    def plain(cls, source: str) -> Text:
        """Every character of ``source`` is checked."""
        return cls(source, range(len(source)), source)

    def location(self, index: int) -> tuple[int, int]:
        """1-based (line, column) in the source of checked character ``index``."""
        offset = self.origin[min(index, len(self.origin) - 1)] if self.origin else 0
        line = bisect_right(self._lines, offset)
        return line, offset - self._lines[line - 1] + 1

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The source span of checked characters ``start:end``, if it is contiguous."""
        if start >= end or end > len(self.origin):
            return None
        first, last = self.origin[start], self.origin[end - 1]
        if last - first != end - 1 - start:
            return None
        return first, last + 1


_SENTENCE = re.compile(r"[^。！？!?\n|]+[。！？!?]*")
_CLAUSE = re.compile(r"[^。！？!?\n|，,；;：:]+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of sentences (ended by 。！？, a line break or a table cell border).

    >>> sentence_spans("甲。乙\\n丙")
    [(0, 2), (2, 3), (4, 5)]
    """
    return [m.span() for m in _SENTENCE.finditer(text)]


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Spans of clauses: sentences cut at ，；： too.

    >>> clause_spans("甲，乙")
    [(0, 1), (2, 3)]
    """
    return [m.span() for m in _CLAUSE.finditer(text)]
