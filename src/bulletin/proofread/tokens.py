"""Figures in running text: digits, scale word, %, unit, value and printed precision.

The value is read by the number engine (:func:`bulletin.numbers.parse_number`);
``half`` is half a unit of the last printed digit, the tolerance a rounded
figure carries.

>>> for n in figures("床位4128张，312.6万人次，占77.9%"):
...     print(n.text, n.value, n.unit, n.half)
4128张 4128 张 0.5
312.6万人次 3126000 人次 500
77.9% 77.9 % 0.05
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..numbers import parse_number

__all__ = ["COUNT_UNITS", "UNITS", "Figure", "figures", "read_chinese_numeral", "unit_at"]

#: Measure words and units that count things (Simplified; the text is mapped to Simplified).
COUNT_UNITS = [
    "人次",
    "剂次",
    "例次",
    "户次",
    "台次",
    "车次",
    "床日",
    "人",
    "名",
    "位",
    "个",
    "家",
    "所",
    "张",
    "床",
    "例",
    "台",
    "辆",
    "项",
    "件",
    "处",
    "支",
    "户",
    "篇",
    "份",
    "间",
    "套",
    "条",
    "批",
    "场",
    "期",
    "种",
    "类",
    "组",
    "队",
    "盒",
    "剂",
    "针",
    "座",
    "栋",
    "块",
    "株",
    "只",
    "头",
    "册",
    "本",
    "对",
    "孔",
    "轮",
    "届",
    "次",
    "元",
    "万元",
    "亿元",
]
#: Every unit a figure may carry (longest first when matching).
UNITS = sorted(
    [
        *COUNT_UNITS,
        *[
            "个百分点",
            "个千分点",
            "平方米",
            "平方公里",
            "公里",
            "千米",
            "米",
            "公斤",
            "千克",
            "克",
            "吨",
            "毫升",
            "升",
            "天",
            "日",
            "小时",
            "分钟",
            "秒",
            "周",
            "月",
            "年",
            "岁",
            "倍",
        ],
    ],
    key=len,
    reverse=True,
)
_UNIT_RE = re.compile("|".join(re.escape(u) for u in UNITS))
_FIGURE = re.compile(
    r"(?<![\d.,])(?P<sign>[-−－+])?(?P<digits>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\d,])"
    r"(?P<scale>万亿|万|亿)?(?P<pct>%|‰)?"
)


@dataclass(frozen=True)
class Figure:
    """One figure: its span, the digits as written, value (in its scale), unit and tolerance."""

    start: int
    end: int
    digits: str
    scale: str
    unit: str
    value: Decimal
    half: Decimal
    negative: bool

    @property
    def text(self) -> str:
        return f"{self.digits}{self.scale}{self.unit}"

    @property
    def decimals(self) -> int:
        return len(self.digits.partition(".")[2])

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰")


def unit_at(text: str, index: int) -> str:
    """The unit written at ``text[index:]``, or ``""``.

    >>> unit_at("人次。", 0), unit_at("，", 0)
    ('人次', '')
    """
    match = _UNIT_RE.match(text, index)
    return match.group(0) if match else ""


def figures(text: str, start: int = 0, end: int | None = None) -> Iterator[Figure]:
    """The figures of ``text[start:end]`` (dates and times are figures too; callers filter)."""
    end = len(text) if end is None else end
    for m in _FIGURE.finditer(text, start, end):
        digits, scale, pct = m.group("digits"), m.group("scale") or "", m.group("pct") or ""
        unit = pct or unit_at(text, m.end())
        stop = m.end() + (0 if pct else len(unit))
        plain = digits.replace(",", "")
        value = parse_number(plain + scale)
        places = len(plain.partition(".")[2])
        half = parse_number(f"0.{'0' * places}5" if places else "0.5")
        if scale:
            half = parse_number(f"{half}{scale}")
        yield Figure(m.start(), stop, digits, scale, unit, value, half, bool(m.group("sign")))


_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def read_chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral (up to 亿), or None when it is not one.

    >>> read_chinese_numeral("二十三"), read_chinese_numeral("一百零五"), read_chinese_numeral("十")
    (23, 105, 10)
    >>> read_chinese_numeral("三万五千"), read_chinese_numeral("三四")
    (35000, None)
    """
    total, section, digit, last_unit = 0, 0, None, 10**9
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and not (digit == 0 or _CN_DIGITS[ch] == 0):
                return None  # 三四: two digits in a row is an approximation, not a number
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            size = _CN_UNITS[ch]
            if size >= last_unit:
                return None
            section += (1 if digit is None else digit) * size
            digit, last_unit = None, size
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit, last_unit = 0, None, 10**9
        elif ch == "亿":
            total = (total + section + (digit or 0)) * 10**8
            section, digit, last_unit = 0, None, 10**9
        else:
            return None
    return total + section + (digit or 0)
