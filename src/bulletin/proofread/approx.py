"""Approximation words (STYLE.md §2): where 余 and 多 go, and words that contradict each other.

>>> from bulletin.proofread.text import Text
>>> [(h.rule, h.suggestion) for h in check(Text.plain("3余万人次，约500人左右，约82461人"))]
[('approx-position', '3万余'), ('approx-double', '约500人'), ('approx-exact', '82461人')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..numbers import format_number
from ..numbers.scripts import word
from .findings import Hit
from .text import Text
from .tokens import UNITS, figures

__all__ = ["RULES", "check"]

_UNIT = "|".join(re.escape(u) for u in UNITS)
_BEFORE_SCALE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(余|多)(万亿|万|亿)")
_BEFORE_UNIT = re.compile(rf"(?<![\d.,])(\d+(?:\.\d+)?)(余|多)({_UNIT})")


def _script(text: Text, simplified: str) -> str:
    return word(simplified, "hant") if text.traditional else simplified


def _round(digits: str) -> bool:
    """A whole mantissa ending in 0 (300, 20) may take 余 before the scale word or unit."""
    return "." not in digits and digits.endswith("0")


def position(text: Text) -> Iterator[Hit]:
    """3余万人次 → 3万余人次; 余 and 多 follow a round number only (20余条, 300余万元)."""
    for m in _BEFORE_SCALE.finditer(text.s):
        digits, q, _scale = m.groups()
        if not _round(digits):
            raw_q, raw_scale = text.raw[m.start(2)], text.raw[m.start(3) : m.end(3)]
            fixed = f"{digits}{raw_scale}{raw_q}"
            yield Hit("approx-position", m.start(), m.end(), fixed, fix=fixed)
    for m in _BEFORE_UNIT.finditer(text.s):
        digits, q, unit = m.groups()
        if _round(digits) or (unit in ("个百分点", "个千分点") and q == "余"):
            continue
        raw_unit = text.raw[m.start(3) : m.end(3)]
        if unit[0] == "个" and len(unit) > 1:  # 2个多百分点
            suggestion = f"{digits}{raw_unit[0]}{text.raw[m.start(2)]}{raw_unit[1:]}"
        else:
            suggestion = f"{digits}{raw_unit}{_script(text, '以上')}"
        yield Hit("approx-position", m.start(), m.end(), suggestion)


_FIG = r"\d[\d.,]*(?:万亿|万|亿)?"
_DOUBLE = re.compile(
    rf"(约|大约|大概)({_FIG}(?:%|‰|{_UNIT})?)(左右)"
    rf"|(超过|超|多于)({_FIG}(?:%|‰|{_UNIT})?)(以上)"
    rf"|(约|大约)(\d+0(?:余|多)?(?:万亿|万|亿)?(?:余|多)?(?:{_UNIT})?)"
)
_CONFLICT = re.compile(
    rf"(近|将近|接近|不到|不足)({_FIG}(?:%|‰|{_UNIT})?)(以上|及以上|余|多)"
    rf"|(近|将近|接近|不到|不足)(\d+0)(余|多)"
)


def double(text: Text) -> Iterator[Hit]:
    """约500人左右 → 约500人: one approximation word is enough; 近30%以上 contradicts itself."""
    for m in _DOUBLE.finditer(text.s):
        if m.group(1) or m.group(4):
            first = 1 if m.group(1) else 4
            keep = text.raw[m.start(first) : m.end(first + 1)]
            yield Hit("approx-double", m.start(), m.end(), keep, fix=keep)
        elif re.search(r"余|多", m.group(8)):
            keep = text.raw[m.start(8) : m.end(8)]
            yield Hit("approx-double", m.start(), m.end(), keep, fix=keep)
    for m in _CONFLICT.finditer(text.s):
        yield Hit("approx-conflict", m.start(), m.end(), None)


_EXACT = re.compile(rf"(约|大约|大概|近|将近|接近)(\d+)({_UNIT})(?!\d)(左右)?")


def exact(text: Text) -> Iterator[Hit]:
    """约82461人: a figure exact to the unit is not an approximation."""
    for m in _EXACT.finditer(text.s):
        digits = m.group(2)
        if len(digits.rstrip("0")) < 4 or len(digits) < 4:
            continue
        fig = next(figures(text.s, m.start(2), m.end()))
        script = "hant" if text.traditional else "hans"
        rounded = format_number(fig.value, text.raw[m.start(3) : m.end(3)], approx="约",
                                significant=2, script=script)  # fmt: skip
        exact_text = text.raw[m.start(2) : m.end(3)]
        yield Hit(
            "approx-exact", m.start(), m.end(), exact_text,
            fields={"word": text.raw[m.start(1) : m.end(1)], "rounded": rounded},
        )  # fmt: skip


RULES: tuple[tuple[str, Callable[[Text], Iterator[Hit]]], ...] = (
    ("approx-position", position),
    ("approx-double", double),
    ("approx-exact", exact),
)


def check(text: Text) -> list[Hit]:
    """Every hit of these rules, in order of position."""
    return sorted((hit for _, rule in RULES for hit in rule(text)), key=lambda h: h.start)
