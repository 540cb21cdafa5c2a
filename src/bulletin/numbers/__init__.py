"""The number engine: how Chinese official texts write figures, dates and numerals.

Pure functions, no I/O and no state, the heart of the house style (STYLE.md):
quantities with 万/亿 and true approximations (:mod:`.quantities`), dates
(:mod:`.dates`), Chinese numerals and lists (:mod:`.numerals`), the script of
the engine's own words and the Traditional conversion of text (:mod:`.scripts`),
and the same functions as Jinja filters (:mod:`.filters`). Nothing here imports
any other part of bulletin except :mod:`bulletin.errors`.

>>> from bulletin.numbers import format_number, format_date
>>> format_number(1285700, "剂次"), format_date("2021-07-12 18:00", "md_h")
('128.57万剂次', '7月12日18时')
"""

from __future__ import annotations

from .dates import DATE_STYLES, format_date, read_date
from .numerals import join_items, to_chinese_numeral
from .quantities import (
    APPROX_WORDS,
    SCALES,
    format_change,
    format_number,
    format_percent,
    format_points,
    format_range,
    format_rate,
    parse_number,
)
from .scripts import SCRIPTS, normalize_script

__all__ = [
    "APPROX_WORDS",
    "DATE_STYLES",
    "SCALES",
    "SCRIPTS",
    "format_change",
    "format_date",
    "format_number",
    "format_percent",
    "format_points",
    "format_range",
    "format_rate",
    "join_items",
    "normalize_script",
    "parse_number",
    "read_date",
    "to_chinese_numeral",
]
