"""What a rule reports (:class:`Hit`), what a user sees (:class:`Finding`) and the profiles.

A rule yields hits in the offsets of the checked text; :func:`finding` turns one
into a finding with ``line:col`` in the source and the message of the rule from
the catalogue (:mod:`bulletin.messages`, key ``check.<rule>``), in the current
language.

>>> from bulletin.proofread.text import Text
>>> f = finding(Text.plain("增长-3.2%"), Hit("negative-change", 0, 7, "下降3.2%", fix="下降3.2%"))
>>> f.line, f.col, f.rule, f.suggestion, f.fixable
(1, 1, 'negative-change', '下降3.2%', True)
>>> str(f)
'1:1: negative-change 增长、增加、提高后面跟了负数 → 下降3.2%'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..messages import text as message
from .text import Text

__all__ = ["HOUSE_RULES", "PROFILES", "Finding", "Hit", "Profile", "finding"]

#: A house style to check against (``news`` is the default).
Profile = Literal["news", "bulletin", "hant-tw", "hant-hk", "gbt"]
PROFILES: tuple[Profile, ...] = ("news", "bulletin", "hant-tw", "hant-hk", "gbt")

#: Rules of the house style (STYLE.md) that are not in GB/T 15835-2011, by the profiles
#: that apply them.
HOUSE_RULES: dict[str, tuple[Profile, ...]] = {
    "grouping": ("news", "bulletin"),
    "space": ("news", "bulletin", "hant-tw", "hant-hk"),
    "table-decimals": ("bulletin",),
}


@dataclass(frozen=True)
class Hit:
    """A rule's report: checked-text span, suggestion, the replacement when unambiguous."""

    rule: str
    start: int
    end: int
    suggestion: str | None = None
    fix: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """One finding: rule id, 1-based line and column, message, suggestion, fix."""

    rule: str
    line: int
    col: int
    message: str
    suggestion: str | None = None
    fix: str | None = None
    span: tuple[int, int] | None = None  # source span replaced by ``fix``
    found: str = ""

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.span is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "line": self.line,
            "col": self.col,
            "found": self.found,
            "message": self.message,
            "suggestion": self.suggestion,
            "fixable": self.fixable,
        }

    def __str__(self) -> str:
        tail = f" → {self.suggestion}" if self.suggestion else ""
        return f"{self.line}:{self.col}: {self.rule} {self.message}{tail}"


def finding(text: Text, hit: Hit) -> Finding:
    """The finding a user sees for ``hit`` in ``text``."""
    line, col = text.location(hit.start)
    span = text.span(hit.start, hit.end) if hit.fix is not None else None
    return Finding(
        rule=hit.rule,
        line=line,
        col=col,
        message=message(f"check.{hit.rule}", **hit.fields),
        suggestion=hit.suggestion,
        fix=hit.fix if span is not None else None,
        span=span,
        found=text.raw[hit.start : hit.end],
    )
