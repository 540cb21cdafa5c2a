"""Dates and times as Chinese official texts write them (STYLE.md §4).

>>> format_date("2021-06-30")
'2021年6月30日'
>>> format_date("2021-07-12 18:00", "md_h"), format_date("2021-07-12T18:00", "md_h", script="hant")
('7月12日18时', '7月12日18時')
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import NumberError
from ..messages import text as _t
from .scripts import normalize_script, word

__all__ = ["DATE_STYLES", "format_date", "read_date"]

#: Accepted values of ``style``.
DATE_STYLES: tuple[str, ...] = (
    "ymd",
    "md",
    "ym",
    "y",
    "ymd_weekday",
    "md_hm",
    "md_h",
    "md_dian",
    "md_ampm",
    "iso",
)

_TIME_STYLES = frozenset({"md_hm", "md_h", "md_dian", "md_ampm"})
_WEEKDAYS = "一二三四五六日"


_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|\s*T\s*)?(\d{1,2})\s*[:：时時点點]\s*(\d{1,2})?\s*分?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?)?"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９：", "0123456789:")


def read_date(value: Any) -> dt.date:
    """The one date reader: a date or datetime from what people write.

    Accepts :class:`datetime.date` and :class:`datetime.datetime` objects, ISO
    text (``2021-07-12``, ``2021-07-12 18:00``, ``2021-07-12T18:00``), and the
    written forms ``2021年7月12日``, ``2021/7/12``, ``2021.07.12`` with an
    optional time (``18:00``, ``18时30分``); full-width digits are read too.
    A date without a time is a :class:`datetime.date`.

    >>> read_date("2021年7月12日"), read_date("2021/7/12 18:30")
    (datetime.date(2021, 7, 12), datetime.datetime(2021, 7, 12, 18, 30))
    >>> read_date("２０２１-07-12T18:00")
    datetime.datetime(2021, 7, 12, 18, 0)
    >>> read_date("2021-13-01")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.NumberError: 日期无效：'2021-13-01'。应写日期，如 2021-06-30、...
    """
    if isinstance(value, dt.date):  # datetime is a subclass of date
        return value
    if not isinstance(value, str):
        raise NumberError(
            _t("date.bad_type", kind=type(value).__name__, value=repr(value)),
            hint=_t("date.hint"),
        )
    text = value.strip().translate(_FULL_WIDTH_DIGITS)
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        return stamp.date() if len(text) <= 10 else stamp
    match = _DATE_RE.fullmatch(text)
    if match:
        y, m, d, hh, mm, ss = match.groups()
        try:
            if hh is None:
                return dt.date(int(y), int(m), int(d))
            return dt.datetime(int(y), int(m), int(d), int(hh), int(mm or 0), int(ss or 0))
        except ValueError:
            pass
    raise NumberError(_t("date.bad", value=repr(value)), hint=_t("date.hint"))


def _as_datetime(value: Any) -> dt.datetime:
    """Read ``value`` as a naive datetime (a date is its midnight), for comparing."""
    stamp = read_date(value)
    if isinstance(stamp, dt.datetime):
        return stamp.replace(tzinfo=None)
    return dt.datetime(stamp.year, stamp.month, stamp.day)


def _hour(hour: int, unit: str, stamp: dt.datetime, script: str) -> str:
    """An hour with its word, and the minutes when there are some: 18时, 18时30分, 18点."""
    minutes = f"{stamp.minute}分" if stamp.minute else ""
    return f"{hour}{word(unit, script)}{minutes}"


#: Parts of the day (from this hour on) and the hour they subtract: 下午3时 is 15:00.
_DAY_PARTS = ((18, "晚上", 12), (13, "下午", 12), (12, "中午", 0), (6, "上午", 0), (0, "凌晨", 0))


def _ampm(stamp: dt.datetime, script: str) -> str:
    _, part, offset = next(p for p in _DAY_PARTS if stamp.hour >= p[0])
    return part + _hour(stamp.hour - offset, "时", stamp, script)


def _clock(stamp: dt.datetime, style: str, script: str) -> str:
    """The time of day written after the date in the time styles."""
    if style == "md_hm":
        return f"{stamp.hour}:{stamp.minute:02d}"
    if style == "md_ampm":
        return _ampm(stamp, script)
    return _hour(stamp.hour, "时" if style == "md_h" else "点", stamp, script)


#: The date-only styles as patterns of year, month, day and weekday.
_DATE_PATTERNS = {
    "ymd": "{y}年{m}月{d}日",
    "md": "{m}月{d}日",
    "ym": "{y}年{m}月",
    "y": "{y}年",
    "ymd_weekday": "{y}年{m}月{d}日 星期{w}",
}


def format_date(value: Any, style: str = "ymd", *, script: str = "hans") -> str:
    """Write a date (or a date and time) in one of the styles of STYLE.md §4.

    Styles: ``ymd`` 2021年6月30日, ``md`` 6月30日, ``ym`` 2021年6月, ``y`` 2019年,
    ``ymd_weekday`` 2025年3月17日 星期一, ``md_hm`` 6月26日14:40, ``md_h``
    7月12日18时, ``md_dian`` 7月12日18点, ``md_ampm`` 7月19日上午9时, ``iso``
    2021-06-30 12:05:35. The hour styles add minutes when there are some
    (18时30分). Accepts date, datetime and ISO strings.

    >>> format_date("2021-06-30", "md"), format_date("2021-06-30", "ym")
    ('6月30日', '2021年6月')
    >>> format_date(dt.date(2025, 3, 17), "ymd_weekday")
    '2025年3月17日 星期一'
    >>> format_date("2021-06-26 14:40", "md_hm"), format_date("2021-07-19 09:00", "md_ampm")
    ('6月26日14:40', '7月19日上午9时')
    >>> format_date("2021-07-12 18:00", "md_dian"), format_date("2021-07-12 18:30", "md_h")
    ('7月12日18点', '7月12日18时30分')
    >>> format_date(dt.datetime(2021, 6, 30, 12, 5, 35), "iso")
    '2021-06-30 12:05:35'
    """
    script = normalize_script(script)
    if style not in DATE_STYLES:
        raise NumberError(
            _t("date.unknown_style", value=repr(style)),
            hint=_t("date.unknown_style.hint", styles=_t("list.separator").join(DATE_STYLES)),
        )
    stamp = read_date(value)
    has_time = isinstance(stamp, dt.datetime)
    if style in _TIME_STYLES and not has_time:
        raise NumberError(
            _t("date.needs_time", style=style, value=repr(value)),
            hint=_t("date.needs_time.hint"),
        )
    if style in _DATE_PATTERNS:
        weekday = _WEEKDAYS[stamp.weekday()]
        return _DATE_PATTERNS[style].format(y=stamp.year, m=stamp.month, d=stamp.day, w=weekday)
    if style == "iso":
        if has_time:
            return stamp.strftime("%Y-%m-%d %H:%M:%S")
        return stamp.isoformat()
    assert isinstance(stamp, dt.datetime)
    return f"{stamp.month}月{stamp.day}日{_clock(stamp, style, script)}"
