"""Which characters a chart draws, emoji left out, and whether a font has them all.

A chart must never show a character as an empty box. Before anything is
drawn, :func:`chart_text` lists every character a chart will put on the
picture: its title, categories, series names, unit, caption and source (as
converted for the script), the chart's own words (单位：, 目标, 合计 …) and the
characters numbers are written with (digits, signs, 万/亿). :func:`check_font`
refuses a font that lacks any of them, listing the missing characters.

Emoji are not drawn: no CJK font has them, and a chart of a government
bulletin has no use for them. :func:`drop_emoji` takes them out of a text
(the alt text and the data table keep them):

>>> drop_emoji("接种完成✅ 👍🏻"), find_emoji("红岩镇🏥卫生院")
('接种完成', '🏥')
>>> from bulletin.charts.spec import Series
>>> spec = ChartSpec("bar", "各镇🚑出车", ["元坝镇", "红岩镇"], [Series("次数", [12, 8])],
...                  unit="次")
>>> text = chart_text(spec)
>>> "🚑" in text, all(ch in text for ch in "各镇出车元坝红岩次数单位：0123456789")
(False, True)

matplotlib is imported only to read a font's character map.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache

from ..errors import BulletinError
from ..messages import text as _t
from ..numbers.scripts import word
from .spec import ChartSpec, convert_script, for_script

__all__ = [
    "CHART_WORDS",
    "chart_text",
    "check_font",
    "drop_emoji",
    "find_emoji",
    "missing_glyphs",
    "missing_in_file",
]

#: The words a chart writes on its own (in Simplified; converted for the script).
CHART_WORDS = "单位：数据来源：目标合计完成率完成，其他上期本期…"

#: Characters numbers on a chart are written with, besides the scale words.
_NUMBER_CHARS = "0123456789.,+-%‰ "

# Emoji: the pictographic planes, joiners, variation selectors, keycaps, tags, and
# the symbols of the Basic Multilingual Plane that are shown as emoji by default
# (Unicode's Emoji_Presentation=Yes list below U+10000).
_EMOJI_BMP = (
    "⌚⌛⏩⏪⏫⏬⏰⏳◽◾☔☕♈♉♊♋♌♍♎♏♐♑♒♓♿⚓⚡⚪⚫⚽⚾⛄⛅⛎⛔⛪⛲⛳⛵⛺⛽"
    "✅✊✋✨❌❎❓❔❕❗➕➖➗➰➿⬛⬜⭐⭕"
)
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U0001fc00-\U0001ffff\u200d\ufe0e\ufe0f\u20e3"
    "\U000e0020-\U000e007f" + re.escape(_EMOJI_BMP) + "]"
)


def find_emoji(text: str) -> str:
    """The emoji of ``text`` (joiners and selectors left out), in order, each once.

    >>> find_emoji("⭐好评👍👍"), find_emoji("★五星")
    ('⭐👍', '')
    """
    seen = dict.fromkeys(m.group(0) for m in _EMOJI.finditer(text))
    return "".join(ch for ch in seen if ch not in "\u200d\ufe0e\ufe0f\u20e3" and ord(ch) < 0xE0000)


def drop_emoji(text: str) -> str:
    """``text`` without its emoji, spaces left by them trimmed.

    >>> drop_emoji("🏥 卫生院"), drop_emoji("卫生院")
    ('卫生院', '卫生院')
    """
    if not _EMOJI.search(text):
        return text
    return re.sub(r"\s{2,}", " ", _EMOJI.sub("", text)).strip()


def chart_text(spec: ChartSpec, script: str = "hans") -> str:
    """Every character ``spec`` may draw in ``script`` (each once, emoji left out)."""
    shown = for_script(spec.map_text(drop_emoji), script)
    parts: list[str] = [
        shown.title,
        *shown.categories,
        *(s.name for s in shown.series),
        shown.unit,
        shown.caption or "",
        shown.source or "",
        convert_script(CHART_WORDS, script),
        word("万亿", script),
        _NUMBER_CHARS,
    ]
    return "".join(dict.fromkeys("".join(parts)))


@cache
def _charmap(path: str, index: int) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path, face_index=index).get_charmap())


def missing_glyphs(family: str, text: str) -> str:
    """The characters of ``text`` that the installed font ``family`` cannot draw.

    >>> from bulletin.charts.fonts import font_family
    >>> missing_glyphs(font_family("hans"), "卫生院123")
    ''
    >>> missing_glyphs("DejaVu Sans", "卫生院 in 2024")
    '卫生院'
    """
    from matplotlib import font_manager

    found = font_manager.findfont(
        font_manager.FontProperties(family=[family]), fallback_to_default=False
    )
    index = getattr(found, "face_index", 0)
    return missing_in_file(os.fspath(getattr(found, "path", found)), int(index), text)


def missing_in_file(path: str, index: int, text: str) -> str:
    """The characters of ``text`` that face ``index`` of the font file ``path`` lacks.

    >>> from bulletin.charts.fonts import packaged_font_path
    >>> missing_in_file(str(packaged_font_path()), 0, "卫生院😀")
    '😀'
    """
    have = _charmap(path, index)
    return "".join(ch for ch in dict.fromkeys(text) if ord(ch) not in have and ch not in "\n\t")


#: How many missing characters a message lists.
_SHOWN = 20


def check_font(family: str, specs: Iterable[ChartSpec], script: str = "hans") -> None:
    """Raise :class:`BulletinError` when ``family`` lacks a character the charts draw.

    >>> from bulletin.charts.spec import Series
    >>> spec = ChartSpec("bar", "各镇", ["元坝镇"], [Series("", [1])])
    >>> check_font("DejaVu Sans", [spec])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.BulletinError: 图表字体 “DejaVu Sans” 缺少图表要写的字：各镇元坝... 等26个字...
    """
    text = "".join(chart_text(spec, script) for spec in specs)
    missing = missing_glyphs(family, text)
    if missing:
        shown = missing[:_SHOWN]
        if len(missing) > _SHOWN:
            shown = _t("font.missing_glyphs.more", shown=shown, count=len(missing))
        raise BulletinError(
            _t("font.missing_glyphs", family=family, shown=shown),
            hint=_t("font.missing_glyphs.hint"),
        )
