"""GB/T 15835-2011 forms: numerals by context, 〇 in years, one scale word, ranges, widths.

>>> from bulletin.proofread.text import Text
>>> [(h.rule, h.fix) for h in check(Text.plain("二零二一年，投入3亿4500万元，增幅3-5%。"))]
[('year-zero', '二〇二一'), ('mixed-scale', '3.45亿'), ('range-dash', '3%～5%')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..numbers import format_number, parse_number, to_chinese_numeral
from ..numbers.scripts import word
from .findings import Hit
from .text import Text
from .tokens import COUNT_UNITS, read_chinese_numeral

__all__ = ["RULES", "check"]


def _script(text: Text, simplified: str) -> str:
    """A replacement written in Simplified, in the script of ``text``."""
    return word(simplified, "hant") if text.traditional else simplified


_YEAR = re.compile(
    r"(?<![〇零○Ｏ一二三四五六七八九十百千万])[一二][〇零○ＯOo一二三四五六七八九]{3}(?=年)"
)


def year_zero(text: Text) -> Iterator[Hit]:
    """二零二一年 → 二〇二一年 (the zero of a year is 〇)."""
    for m in _YEAR.finditer(text.s):
        if any(ch in "零○ＯOo" for ch in m.group(0)):
            fixed = re.sub("[零○ＯOo]", "〇", m.group(0))
            yield Hit("year-zero", m.start(), m.end(), fixed + "年", fix=fixed)


_MIXED_SCALE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(亿|万)零?(\d+(?:\.\d+)?)(万|千|百)?(?=[^\d.]|$)"
)


def mixed_scale(text: Text) -> Iterator[Hit]:
    """3亿4500万, 5万3千: one scale word per number."""
    for m in _MIXED_SCALE.finditer(text.s):
        high, big, low, small = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        if (big == "万" and small == "万") or (not small and len(low) < 3):
            continue
        if not small and big == "亿":
            small = "万" if len(low) <= 4 else ""
        tail = (
            parse_number(low + small)
            if small in ("万", "")
            else parse_number(low) * (1000 if small == "千" else 100)
        )
        value = parse_number(high + big) + tail
        fixed = format_number(value, script="hant" if text.traditional else "hans")
        yield Hit("mixed-scale", m.start(), m.end(), fixed, fix=fixed)


_MIXED_NUMERAL = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(千|百)(?![分米克瓦卡帕伏])")


def mixed_numeral(text: Text) -> Iterator[Hit]:
    """3千人 → 3000人: no Chinese digit inside an Arabic number."""
    for m in _MIXED_NUMERAL.finditer(text.s):
        value = parse_number(m.group(1)) * (1000 if m.group(2) == "千" else 100)
        fixed = format_number(value, scale="none")
        yield Hit("mixed-numeral", m.start(), m.end(), fixed, fix=fixed)


_CN_NUMBER = re.compile(
    r"(?<![第几数上近〇零一二两三四五六七八九十百千万])"
    r"([一二两三四五六七八九][〇零一二两三四五六七八九十百千万]+)"
    rf"(?=({'|'.join(sorted(COUNT_UNITS, key=len, reverse=True))}))"
)


def arabic_count(text: Text) -> Iterator[Hit]:
    """二十三家 → 23家: counts and amounts of statistics in Arabic digits."""
    for m in _CN_NUMBER.finditer(text.s):
        value = read_chinese_numeral(m.group(1))
        after = text.s[m.end() + len(m.group(2)) : m.end() + len(m.group(2)) + 1]
        if value is None or value < 10 or after in ("余", "多", "来"):
            continue
        yield Hit("arabic-count", m.start(), m.end(), str(value), fix=str(value))


_PERCENT_WORDS = re.compile(r"百分之([〇零一二两三四五六七八九十]+)(点[〇零一二三四五六七八九]+)?")


def arabic_percent(text: Text) -> Iterator[Hit]:
    """百分之二十五 → 25%."""
    for m in _PERCENT_WORDS.finditer(text.s):
        value = read_chinese_numeral(m.group(1))
        if value is None:
            continue
        frac = "".join(str(read_chinese_numeral(ch)) for ch in (m.group(2) or "")[1:])
        fixed = f"{value}.{frac}%" if frac else f"{value}%"
        yield Hit("arabic-percent", m.start(), m.end(), fixed, fix=fixed)


_ENUM = re.compile(r"(?:^|(?<=[。；;：:，,！？\s*]))([1-9])(是|要|方面)(?=[\u4e00-\u9fff])")


def chinese_enum(text: Text) -> Iterator[Hit]:
    """1是……2是…… → 一是……二是…… (enumerations in Chinese numerals)."""
    for m in _ENUM.finditer(text.s):
        if m.group(2) != "是":
            continue
        fixed = to_chinese_numeral(int(m.group(1)))
        yield Hit("chinese-enum", m.start(), m.start() + 1, fixed + "是", fix=fixed)


IDIOMS = [
    "一心一意",
    "三心二意",
    "四面八方",
    "五湖四海",
    "七上八下",
    "十全十美",
    "九牛一毛",
    "一五一十",
    "三番五次",
    "千方百计",
    "一干二净",
    "接二连三",
    "三令五申",
    "四平八稳",
    "五花八门",
    "七嘴八舌",
    "乱七八糟",
    "一清二楚",
    "万无一失",
    "独一无二",
    "百里挑一",
    "一举两得",
    "三五成群",
    "一石二鸟",
    "三天两头",
    "说一不二",
]
_TO_DIGIT = str.maketrans("一二两三四五六七八九十", "12234567891")
_IDIOM_FORMS = {idiom.translate(_TO_DIGIT): idiom for idiom in IDIOMS}
_IDIOM = re.compile("|".join(re.escape(f) for f in _IDIOM_FORMS if f != _IDIOM_FORMS[f]))


def chinese_idiom(text: Text) -> Iterator[Hit]:
    """3心2意 → 三心二意 (idioms keep their Chinese numerals)."""
    for m in _IDIOM.finditer(text.s):
        idiom = _IDIOM_FORMS[m.group(0)]
        fixed = "".join(
            idiom[i] if text.raw[m.start() + i].isdigit() else text.raw[m.start() + i]
            for i in range(len(idiom))
        )
        yield Hit("chinese-idiom", m.start(), m.end(), fixed, fix=fixed)


_ADJACENT = re.compile(
    r"(?<![\d.、,，])([1-9])[、,，]([1-9])(?=(个|天|人|名|次|年|月|岁|家|种|项|位|条|所|张|倍|小时))"
)


def chinese_approx(text: Text) -> Iterator[Hit]:
    """3、4个 → 三四个 (two neighbouring numbers for a guess are Chinese numerals)."""
    for m in _ADJACENT.finditer(text.s):
        a, b = int(m.group(1)), int(m.group(2))
        if b == a + 1:
            fixed = to_chinese_numeral(a) + to_chinese_numeral(b)
            yield Hit("chinese-approx", m.start(), m.end(), fixed + m.group(3), fix=fixed)


_DASH_RANGE = re.compile(
    r"(?<![\d.\-－/:：A-Za-z])(\d+(?:\.\d+)?)(万亿|万|亿)?(%|‰)?[-－](\d+(?:\.\d+)?)(万亿|万|亿)?(%|‰)?"
    r"(?![\d\-－.:])"
)
_TIME_UNITS = ("年", "月", "日", "时")


def range_dash(text: Text) -> Iterator[Hit]:
    """3-5%, 10-20个, 2020-2024年: a range takes ～ (or — between times), never a hyphen."""
    for m in _DASH_RANGE.finditer(text.s):
        low, s1, p1, high, s2, p2 = (g or "" for g in m.groups())
        if (s1 or p1) and (s1, p1) != (s2, p2):
            continue
        if parse_number(low + s1) >= parse_number(high + s2) or low.startswith("0"):
            continue
        after = text.s[m.end() : m.end() + 1]
        scale, sign = _script(text, s2), p2
        if after in _TIME_UNITS:
            fixed = f"{low}—{high}"
        else:
            fixed = f"{low}{scale}{sign}～{high}{scale}{sign}"
        yield Hit("range-dash", m.start(), m.end(), fixed, fix=fixed)


_OPEN_RANGE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(～|~|至|到)(\d+(?:\.\d+)?)(万亿|万|亿|%|‰)(?![\d])"
)


def range_sign(text: Text) -> Iterator[Hit]:
    """3～5%, 3～5万: a range writes %, 万 or 亿 on both ends."""
    for m in _OPEN_RANGE.finditer(text.s):
        low, sep, high, sign = m.groups()
        if sep == "到" and sign not in ("%", "‰"):
            continue
        sign = _script(text, sign)
        sep = "～" if sep == "~" else text.raw[m.start(2)]
        fixed = f"{low}{sign}{sep}{high}{sign}"
        yield Hit("range-sign", m.start(), m.end(), fixed, fix=fixed)


_FULL_DIGITS = re.compile(r"[０-９][０-９．.％%]*|(?<=\d)[．％]")
_HALF = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def full_width(text: Text) -> Iterator[Hit]:
    """２０２１年 → 2021年: digits, point and % are half-width."""
    for m in _FULL_DIGITS.finditer(text.s):
        fixed = m.group(0).translate(_HALF)
        if fixed != m.group(0):
            yield Hit("full-width", m.start(), m.end(), fixed, fix=fixed)


_HALF_PUNCT = re.compile(
    r"(?<=[\u4e00-\u9fff%‰\d])([,;:?!]|\.(?=\s*$|\s*\n))(?=[\u4e00-\u9fff\d]|\s*$|\s*\n)"
)
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}


def half_punct(text: Text) -> Iterator[Hit]:
    """增加7个,增长3% → 增加7个，增长3%: Chinese text around figures takes full-width marks."""
    s = text.s
    for m in _HALF_PUNCT.finditer(s):
        i = m.start()
        before, after = s[i - 1], s[i + 1 : i + 2]
        if before.isdigit() and after.isdigit():
            continue
        if not any(c.isdigit() for c in s[max(0, i - 5) : i + 6]):
            continue
        if before.isascii() and before.isalpha():
            continue
        fixed = _FULL[m.group(1)]
        yield Hit("half-punct", i, i + 1, fixed, fix=fixed)


RULES: tuple[tuple[str, Callable[[Text], Iterator[Hit]]], ...] = (
    ("year-zero", year_zero),
    ("mixed-scale", mixed_scale),
    ("mixed-numeral", mixed_numeral),
    ("arabic-count", arabic_count),
    ("arabic-percent", arabic_percent),
    ("chinese-enum", chinese_enum),
    ("chinese-idiom", chinese_idiom),
    ("chinese-approx", chinese_approx),
    ("range-dash", range_dash),
    ("range-sign", range_sign),
    ("full-width", full_width),
    ("half-punct", half_punct),
)


def check(text: Text) -> list[Hit]:
    """Every hit of these rules, in order of position."""
    hits = [hit for _, rule in RULES for hit in rule(text)]
    return sorted(hits, key=lambda h: (h.start, h.rule))
