"""Arithmetic inside the text: parts against the total, shares, growth against the values.

Every printed figure stands for an interval (half a unit of its last digit
either way); a finding is made only when no values in those intervals agree,
and its message shows the computation.

>>> from bulletin.proofread.text import Text
>>> [h.rule for h in check(Text.plain("共有机构312个，其中医院8个，卫生院310个。"))]
['parts-total']
>>> [h.suggestion for h in check(Text.plain("诊疗人次由297.1万增加到312.6万，增长5.8%。"))]
['增长5.2%']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from ..numbers import format_number
from ..numbers.scripts import word
from .findings import Hit
from .text import Text, sentence_spans
from .tokens import Figure, figures

__all__ = ["RULES", "check"]

_CHANGE_BEFORE = re.compile(
    r"(增加|减少|增长|下降|提高|降低|上升|提升|增|减|降|占|第|为|至|到|达|超过|超|近|约|不到)了?$"
)
_TIME = ("年", "月", "日", "时", "岁", "天", "小时", "周", "倍", "分钟", "秒")


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _show(fig: Figure) -> str:
    return f"{fig.digits}{fig.scale}"


def _amount(fig: Figure, text: str) -> bool:
    """A stated amount: not a change, a share, a date or an ordinal."""
    head = text[max(0, fig.start - 4) : fig.start]
    return (
        bool(fig.unit)
        and not fig.is_percent
        and fig.unit not in _TIME
        and not (_CHANGE_BEFORE.search(head))
    )


def parts_total(text: Text) -> Iterator[Hit]:
    """其中 lists: the parts cannot add up to more than the total."""
    s = text.s
    for m in re.finditer("其中", s):
        para = s.rfind("\n", 0, m.start()) + 1
        totals = [f for f in figures(s, para, m.start()) if _amount(f, s)]
        if not totals:
            continue
        total = totals[-1]
        stops = ["。", "\n", "其中"]
        head = s[para : m.start()]
        if head.count("（") + head.count("(") > head.count("）") + head.count(")"):
            stops += ["）", ")"]  # （其中：……） lists the parts of the figure before it
        end = min([len(s)] + [x for x in (s.find(c, m.end()) for c in stops) if x >= 0])
        parts = [
            f for f in figures(s, m.end(), end)
            if _amount(f, s) and f.unit == total.unit and not f.negative
        ]  # fmt: skip
        if len(parts) < 2:
            continue
        low = sum((p.value - p.half for p in parts), Decimal(0))
        if low > total.value + total.half:
            shown = "+".join(_show(p) for p in parts)
            added = format_number(sum((p.value for p in parts), Decimal(0)), scale="auto")
            yield Hit(
                "parts-total", m.start(), m.end(), None,
                fields={"parts": shown, "sum": added + total.unit, "total": total.text},
            )  # fmt: skip


_SHARE = re.compile(r"占(?:比|比重|[^，。；、\d%]{0,10}?的?)?(?:为|达)?(\d+(?:\.\d+)?)%")


def shares(text: Text) -> Iterator[Hit]:
    """Shares of one whole in one sentence add up to at most 100%; none is over 100%."""
    s = text.s
    for a, b in sentence_spans(s):
        found = list(_SHARE.finditer(s, a, b))
        listed = re.search(
            r"分别占(?:[^，。；\d]{0,8}?)((?:\d+(?:\.\d+)?%[、和及，]?){2,})", s[a:b]
        )
        values = [m.group(1) for m in found]
        if listed:
            values = re.findall(r"(\d+(?:\.\d+)?)%", listed.group(1))
        figs = [next(figures(v)) for v in values]
        for m, fig in zip(found, figs, strict=False):
            if fig.value > 100:
                yield Hit(
                    "share-over", m.start(), m.end(), None, fields={"share": f"{fig.digits}%"}
                )
        if len(figs) >= 2:
            low = sum((f.value - f.half for f in figs), Decimal(0))
            if low > 100:
                where = found[0].start() if found else a
                total = _plain(sum((f.value for f in figs), Decimal(0)))
                shown = "+".join(f"{f.digits}%" for f in figs)
                yield Hit(
                    "shares-sum", where, where + 1, None, fields={"parts": shown, "sum": total}
                )


_FROM_TO = re.compile(
    r"(?:由|从)[^，。；]{0,12}?(?<![\d.])(\d[\d.]*(?:万亿|万|亿)?(?:%|‰)?)[^，。；\d]{0,12}?"
    r"(增加|增长|提高|上升|提升|增|升|下降|减少|降低|降|减|回落)(?:到|至)了?(\d[\d.]*(?:万亿|万|亿)?(?:%|‰)?)"
)
_CHANGE = re.compile(
    r"(增加|减少|增长|下降|提高|降低|上升|提升)了?(\d+(?:\.\d+)?(?:万亿|万|亿)?)(%|‰|个百分点|个千分点)?"
)


def _interval_growth(old: Figure, new: Figure) -> tuple[Decimal, Decimal]:
    low = (new.value - new.half) / (old.value + old.half) * 100 - 100
    high = (new.value + new.half) / (old.value - old.half) * 100 - 100
    return low, high


def _check_change(text: Text, old: Figure, new: Figure, c: re.Match[str]) -> Hit | None:
    """The change ``c`` written after old → new, checked against them."""
    verb, number, sign = c.group(1), c.group(2), c.group(3) or ""
    size = next(figures(number))
    up = verb in ("增加", "增长", "提高", "上升", "提升")
    direction = 1 if up else -1
    stated = size.value * direction
    half = size.half
    if sign == "%" and not old.is_percent and old.value > old.half:
        low, high = _interval_growth(old, new)
        exact = (new.value / old.value - 1) * 100
        shown = (
            f"({_show(new)}−{_show(old)})÷{_show(old)}={_plain(round(exact, size.decimals + 2))}%"
        )
        unit = "%"
    elif sign in ("个百分点", "个千分点") and old.is_percent and new.is_percent:
        low, high = (
            new.value - old.value - new.half - old.half,
            new.value - old.value + new.half + old.half,
        )
        exact = new.value - old.value
        shown = f"{new.digits}{new.unit}−{old.digits}{old.unit}={_plain(exact)}{sign}"
        unit = sign
    elif not sign and not old.is_percent and size.unit in ("", old.unit):
        low, high = (
            new.value - old.value - new.half - old.half,
            new.value - old.value + new.half + old.half,
        )
        exact = new.value - old.value
        shown = f"{_show(new)}−{_show(old)}={format_number(exact, scale='auto')}"
        unit = size.scale + (size.unit or old.unit)
        exact = exact / (Decimal(10) ** {"万": 4, "亿": 8, "万亿": 12, "": 0}[size.scale])
    else:
        return None
    if stated + half < low or stated - half > high:
        better = "增长下降" if sign == "%" else ("增加减少" if not sign else "提高降低")
        verb_fix = better[:2] if exact > 0 else better[2:]
        value = _plain(round(abs(exact), size.decimals))
        suggestion = (
            word(f"{verb_fix}{value}{unit}", "hant")
            if text.traditional
            else f"{verb_fix}{value}{unit}"
        )
        return Hit(
            "growth-mismatch" if sign == "%" else "change-mismatch", c.start(), c.end(),
            suggestion, fields={"computed": shown, "written": text.raw[c.start() : c.end()]},
        )  # fmt: skip
    return None


def growth(text: Text) -> Iterator[Hit]:
    """由A增加到B，增长R%（或增加N）: R and N must follow from A and B."""
    s = text.s
    for a, b in sentence_spans(s):
        for m in _FROM_TO.finditer(s, a, b):
            old, new = next(figures(m.group(1))), next(figures(m.group(3)))
            if (old.unit or new.unit) and old.unit != new.unit and new.unit:
                continue
            if old.unit != new.unit:
                old = next(figures(m.group(1) + new.unit))
            for c in _CHANGE.finditer(s, m.end(), b):
                hit = _check_change(text, old, new, c)
                if hit:
                    yield hit


_VALUE_CHANGE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?(?:万亿|万|亿)?)([^\d，。；%]{0,4})[，,]?(?:比上年|同比|较上年|比去年|较去年同期)?"
    r"(增加|减少)(\d+(?:\.\d+)?(?:万亿|万|亿)?)\2[，,](?:比上年|同比|较上年)?(增长|下降)(\d+(?:\.\d+)?)%"
)


def value_change(text: Text) -> Iterator[Hit]:
    """V，比上年增加N，增长R%: R must be N over the year before (V − N)."""
    for m in _VALUE_CHANGE.finditer(text.s):
        value, amount = next(figures(m.group(1))), next(figures(m.group(4)))
        rate = next(figures(m.group(6) + "%"))
        if (m.group(3) == "增加") != (m.group(5) == "增长"):
            continue
        sign = 1 if m.group(3) == "增加" else -1
        old_value = value.value - sign * amount.value
        if old_value <= 0:
            continue
        half = value.half + amount.half
        low = (amount.value - amount.half) / (old_value + half) * 100
        high = (amount.value + amount.half) / (old_value - half) * 100
        if rate.value + rate.half < low or rate.value - rate.half > high:
            exact = amount.value / old_value * 100
            value_text = _plain(round(exact, rate.decimals))
            start = m.start(5)
            op = "−" if sign > 0 else "+"
            result = _plain(round(exact, rate.decimals + 2))
            shown = f"{_show(amount)}÷({_show(value)}{op}{_show(amount)})={result}%"
            yield Hit(
                "growth-mismatch", start, m.end(), text.raw[start : start + 2] + value_text + "%",
                fields={"computed": shown, "written": text.raw[start : m.end()]},
            )  # fmt: skip


RULES: tuple[tuple[str, Callable[[Text], Iterator[Hit]]], ...] = (
    ("parts-total", parts_total),
    ("shares", shares),
    ("growth", growth),
    ("value-change", value_change),
)


def check(text: Text) -> list[Hit]:
    """Every hit of these rules, in order of position."""
    return sorted((hit for _, rule in RULES for hit in rule(text)), key=lambda h: h.start)
