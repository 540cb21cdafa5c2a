"""Words of change: the verb follows the figure (STYLE.md §3).

增加/减少 take an amount, 增长/下降 a percentage, 提高/降低 a change of a rate
in 个百分点; no verb of growth takes a negative number; 降低 has no 倍.

>>> from bulletin.proofread.text import Text
>>> [(h.rule, h.suggestion) for h in check(Text.plain("床位增长-3.2%，签约率提高5%，费用增加4.1%"))]
[('negative-change', '下降3.2%'), ('rate-percent', '提高5个百分点'), ('verb-percent', '增长4.1%')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..numbers.scripts import word
from .findings import Hit
from .text import Text
from .tokens import COUNT_UNITS, figures

__all__ = ["RULES", "check"]

_NUM = r"\d+(?:\.\d+)?"
_DOWN = {"增长": "下降", "增加": "减少", "提高": "降低", "提升": "降低", "上升": "下降",
         "上涨": "下降"}  # fmt: skip
_UP = {"下降": "增长", "减少": "增加", "降低": "提高"}
_NEGATIVE = re.compile(
    rf"(增长|增加|提高|提升|上升|上涨|下降|减少|降低)(了?)([-−－])({_NUM}(?:万亿|万|亿)?)"
)


def _script(text: Text, simplified: str) -> str:
    return word(simplified, "hant") if text.traditional else simplified


def negative_change(text: Text) -> Iterator[Hit]:
    """增长-3.2% → 下降3.2%: the verb carries the direction, the number is its size."""
    for m in _NEGATIVE.finditer(text.s):
        verb, le, _, _number = m.groups()
        rest = text.raw[m.start(4) : m.end(4)]
        end = m.end()
        unit = next(figures(text.s, m.start(4), len(text.s)), None)
        tail = text.raw[m.end() : unit.end] if unit and unit.start == m.start(4) else ""
        if verb in _DOWN:
            fixed = _script(text, _DOWN[verb]) + text.raw[m.start(2) : m.end(2)] + rest
            yield Hit("negative-change", m.start(), end, fixed + tail, fix=fixed)
        else:
            suggestion = _script(text, _UP[verb]) + le + rest + tail
            yield Hit("negative-change-down", m.start(), end, suggestion)


_RATE_WORD = re.compile(r"(率|比重|占比|比例)")
_VERB_PCT = re.compile(rf"(提高|降低|提升|上升|下降|增长|减少|增加)(了?)((?:近|约)?{_NUM})(%|‰)")
_BASELINE = re.compile(
    r"[，,、]?(?:比上年末?|比去年(?:同期)?|同比|环比|较上年末?|较去年(?:同期)?|较上期)?(?:分别)?"
)


def rate_percent(text: Text) -> Iterator[Hit]:
    """签约率提高5% → 提高5个百分点: a rate changes by percentage points."""
    s = text.s
    for m in _VERB_PCT.finditer(s):
        start = max(s.rfind(c, 0, m.start()) for c in "。！？\n；;|") + 1
        prior = list(figures(s, start, m.start()))
        head = s[prior[-1].end if prior else start : m.start()][-10:]
        if not _RATE_WORD.search(head):
            if not prior or not prior[-1].is_percent or not _BASELINE.fullmatch(head):
                continue
            if not _RATE_WORD.search(s[max(start, prior[-1].start - 12) : prior[-1].start]):
                continue
        unit = "个百分点" if m.group(4) == "%" else "个千分点"
        verb = {"增长": "提高", "增加": "提高", "上升": "提高", "下降": "降低", "减少": "降低"}
        fixed = _script(text, verb.get(m.group(1), m.group(1)) + m.group(2) + m.group(3) + unit)
        yield Hit("rate-percent", m.start(), m.end(), fixed)


_VERB_POINTS = re.compile(rf"(增长|下降|增加|减少)(了?)((?:近|约)?{_NUM})个百分点")


def points_for_amount(text: Text) -> Iterator[Hit]:
    """门诊人次增长3个百分点 → 增长3%: only rates change by percentage points."""
    s = text.s
    for m in _VERB_POINTS.finditer(s):
        start = max(s.rfind(c, 0, m.start()) for c in "。！？\n|") + 1
        sentence = s[start : m.start()]
        if re.search(r"率|比重|占比|比例|份额|百分比|%|‰", sentence):
            continue
        verb = {"增加": "增长", "减少": "下降"}.get(m.group(1), m.group(1))
        yield Hit(
            "points-for-amount",
            m.start(),
            m.end(),
            _script(text, f"{verb}{m.group(2)}{m.group(3)}%"),
        )


_COUNT = "|".join(sorted(COUNT_UNITS, key=len, reverse=True))
_VERB_AMOUNT = re.compile(
    rf"(增长|下降)(了?)((?:近|约|超过|超)?{_NUM}(?:万亿|万|亿)?(?:余|多)?)({_COUNT})(?!百分点|千分点)"
)
_VERB_RELATIVE = re.compile(rf"(增加|减少)(了?)((?:近|约|超过|超)?{_NUM})(%)")


def verb_amount(text: Text) -> Iterator[Hit]:
    """增长142张 → 增加142张; 增加5.2% → 增长5.2%: the verb follows the figure."""
    for m in _VERB_AMOUNT.finditer(text.s):
        verb = _script(text, {"增长": "增加", "下降": "减少"}[m.group(1)])
        yield Hit(
            "verb-amount",
            m.start(),
            m.start() + 2,
            verb + text.raw[m.start() + 2 : m.end()],
            fix=verb,
        )
    for m in _VERB_RELATIVE.finditer(text.s):
        verb = _script(text, {"增加": "增长", "减少": "下降"}[m.group(1)])
        yield Hit(
            "verb-percent",
            m.start(),
            m.start() + 2,
            verb + text.raw[m.start() + 2 : m.end()],
            fix=verb,
        )


_TIMES = re.compile(
    r"(提高|增加|增长|上升|扩大|提升|降低|减少|下降|缩小|缩短|减)了?(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)倍"
)


def times(text: Text) -> Iterator[Hit]:
    """提高了2倍 is read two ways; 降低2倍 cannot be."""
    for m in _TIMES.finditer(text.s):
        if m.group(1) in ("降低", "减少", "下降", "缩小", "缩短", "减"):
            yield Hit("times-decrease", m.start(), m.end(), _script(text, f"{m.group(1)}了50%"))
        else:
            yield Hit(
                "times-ambiguous", m.start(), m.end(), _script(text, f"是原来的{m.group(2)}倍"),
                fields={"n": m.group(2)},
            )  # fmt: skip


RULES: tuple[tuple[str, Callable[[Text], Iterator[Hit]]], ...] = (
    ("negative-change", negative_change),
    ("rate-percent", rate_percent),
    ("points-for-amount", points_for_amount),
    ("verb-amount", verb_amount),
    ("times", times),
)


def check(text: Text) -> list[Hit]:
    """Every hit of these rules, in order of position."""
    return sorted((hit for _, rule in RULES for hit in rule(text)), key=lambda h: h.start)
