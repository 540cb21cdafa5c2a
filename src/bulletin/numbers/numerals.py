"""Chinese numerals and lists of items (STYLE.md §5–6).

Chinese numerals are for enumerations (一是……二是……), section numbers (一、),
ordinals (第一剂), set phrases (两剂次, 十四五) and years read aloud (二〇二一年);
counts of things stay in Arabic digits.

>>> to_chinese_numeral(14) + to_chinese_numeral(5)
'十四五'
>>> to_chinese_numeral(2021, digitwise=True) + "年"
'二〇二一年'
>>> join_items(["神经外科", "消化内科", "心血管内科", "康复科", "呼吸内科"])
'神经外科、消化内科、心血管内科、康复科和呼吸内科'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..errors import NumberError, expect
from ..messages import text as _t
from .quantities import parse_number
from .scripts import normalize_script, word

__all__ = ["heading_number", "join_items", "to_chinese_numeral"]

_DIGITS = "零一二三四五六七八九"
_DIGITWISE = "〇一二三四五六七八九"
_LIMIT = 10**16  # up to 9999万亿

#: A heading's own number, as people type it: 一、 （一） (一) 1. 1、 (a backslash before
#: the point, as Markdown escaping writes it, is allowed), then any spaces.
_HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十百零〇]+[、．]|[（(][一二三四五六七八九十百零〇]+[）)]"
    r"|[0-9]+\\?[.．、](?![0-9]))[ 　]*"
)


def _section(n: int) -> str:
    """0 < n < 10000, with 零 for inner zeros: 1005 → 一千零五."""
    out = ""
    zero = False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // size % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + unit
    return out


def _below_yi(n: int) -> str:
    """0 < n < 10**8."""
    high, low = divmod(n, 10000)
    out = _section(high) + "万" if high else ""
    if low:
        if high and low < 1000:
            out += "零"
        out += _section(low)
    return out


def _spell(n: int) -> str:
    """0 < n < 10**16, Simplified."""
    if n < 10**8:
        return _below_yi(n)
    high, low = divmod(n, 10**8)
    out = _below_yi(high) + "亿"
    if low:
        if low < 10**7:
            out += "零"
        out += _below_yi(low)
    return out


def to_chinese_numeral(
    n: Any,
    *,
    ordinal: bool = False,
    liang: bool = False,
    digitwise: bool = False,
    script: str = "hans",
) -> str:
    """Write a whole number in Chinese numerals.

    ``ordinal`` prefixes 第; ``liang`` writes 两 for a leading 2 before a measure
    word (两剂次) or before 千/万/亿 (两万); ``digitwise`` reads digit by digit with
    〇, as years are read (二〇二一).

    >>> [to_chinese_numeral(n) for n in (0, 1, 10, 12, 20, 105, 10010, 100000)]
    ['零', '一', '十', '十二', '二十', '一百零五', '一万零一十', '十万']
    >>> to_chinese_numeral(1, ordinal=True), to_chinese_numeral(2, liang=True)
    ('第一', '两')
    >>> to_chinese_numeral(20000, liang=True, script="hant"), to_chinese_numeral(100000001)
    ('兩萬', '一亿零一')
    """
    script = normalize_script(script)
    value = parse_number(n)
    if value != value.to_integral_value():
        raise NumberError(
            _t("numeral.not_integer", value=repr(n)), hint=_t("numeral.not_integer.hint")
        )
    number = int(value)
    if abs(number) >= _LIMIT:
        raise NumberError(_t("numeral.too_large", value=repr(n)), hint=_t("numeral.too_large.hint"))
    if digitwise:
        if number < 0:
            raise NumberError(
                _t("numeral.digitwise_negative", value=repr(n)),
                hint=_t("numeral.digitwise_negative.hint"),
            )
        return "".join(_DIGITWISE[int(c)] for c in str(number))
    if number == 0:
        text = "零"
    else:
        text = _spell(abs(number))
        if text.startswith("一十"):
            text = text[1:]
        if liang and not ordinal and text[0] == "二" and (len(text) == 1 or text[1] in "千万亿"):
            text = "两" + text[1:]
        if number < 0:
            text = "负" + text
    text = word(text, script)
    return "第" + text if ordinal else text


def join_items(items: Iterable[Any], *, conj: str = "和", script: str = "hans") -> str:
    """Join items with 、 and the last with ``conj`` (和, 及, 以及, 与; or 、).

    >>> join_items(["a", "b", "c"]), join_items(["a", "b"]), join_items(["a"]), join_items([])
    ('a、b和c', 'a和b', 'a', '')
    >>> join_items(["75%", "70%以上"], conj="、")
    '75%、70%以上'
    >>> join_items(["甲", "乙"], conj="与", script="hant")
    '甲與乙'
    """
    if not isinstance(items, Iterable):
        expect(items, (), "join_items.items", "api.form.items")
    script = normalize_script(script)
    if not isinstance(conj, str):
        raise NumberError(
            _t("numeral.conj_not_text", value=repr(conj)), hint=_t("numeral.conj_not_text.hint")
        )
    if isinstance(items, str):
        raise NumberError(
            _t("numeral.items_is_text", value=repr(items)),
            hint=_t("numeral.items_is_text.hint"),
        )
    texts = [str(item) for item in items]
    conj = word(conj, script)
    if len(texts) <= 1:
        return "".join(texts)
    return "、".join(texts[:-1]) + conj + texts[-1]


def heading_number(text: str) -> tuple[str, str]:
    """A heading's own leading number (``一、``, ``（一）``, ``1.``), without the spaces
    after it, and the rest of the heading; ``""`` and the heading when it has none.

    A statistical bulletin numbers its headings itself (一、 for sections, （一）
    for subsections), so a number typed into the heading is left out there.

    >>> heading_number("一、医疗卫生资源"), heading_number("（三） 床位")
    (('一、', '医疗卫生资源'), ('（三）', '床位'))
    >>> heading_number("2. 概况"), heading_number("2024年概况"), heading_number("十四五规划")
    (('2.', '概况'), ('', '2024年概况'), ('', '十四五规划'))
    """
    match = _HEADING_NUMBER.match(text)
    if match is None or match.end() == len(text):  # a heading that is only a number stays
        return "", text
    return match.group().rstrip(" 　"), text[match.end() :]
