"""bulletin: Chinese news articles and statistical bulletins from a YAML data file.

>>> import bulletin
>>> bulletin.format_number(1285700, "剂次")
'128.57万剂次'
>>> doc = bulletin.loads("meta: {title: 办实事解难题 服务人民健康}\\n")
>>> bulletin.render(doc)["md"]
'# 办实事解难题 服务人民健康\\n'
"""

from __future__ import annotations

from .charts import ChartSpec, Series, alt_text, draw, spec_for_figure, spec_for_ref
from .errors import BulletinError, DataError, NumberError, TemplateError, YamlError
from .load.checks import BulletinWarning, check, find_problems
from .load.model import Document, Figure, Meta, Quote, Section
from .load.schema import json_schema
from .load.validate import LoadedDocument, load, loads
from .messages import set_language
from .numbers.dates import format_date
from .numbers.numerals import join_items, to_chinese_numeral
from .numbers.quantities import (
    format_change,
    format_number,
    format_percent,
    format_points,
    format_range,
    format_rate,
    parse_number,
)
from .render import FORMATS, Rendered, RenderOptions, render, render_file

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "BulletinError",
    "BulletinWarning",
    "ChartSpec",
    "DataError",
    "Document",
    "Figure",
    "LoadedDocument",
    "Meta",
    "NumberError",
    "Quote",
    "Rendered",
    "Section",
    "Series",
    "TemplateError",
    "YamlError",
    "__version__",
    "alt_text",
    "check",
    "draw",
    "find_problems",
    "format_change",
    "format_date",
    "format_number",
    "format_percent",
    "format_points",
    "format_range",
    "format_rate",
    "join_items",
    "json_schema",
    "load",
    "loads",
    "parse_number",
    "render",
    "render_file",
    "set_language",
    "spec_for_figure",
    "spec_for_ref",
    "to_chinese_numeral",
]
