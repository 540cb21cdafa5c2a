"""bulletin: Chinese news articles and statistical bulletins from a YAML data file.

The pipeline runs one way, a package per stage: :mod:`bulletin.load` (data
file → :class:`Document` and its source map), :mod:`bulletin.resolve`
(→ :class:`Resolved`: one :class:`Style`, facts, texts, chart plans),
:mod:`bulletin.compose` (→ :class:`Article`, a tree of blocks with roles) and
:mod:`bulletin.emit` (→ Markdown, HTML, Word; a registry of formats), over the
pure number engine :mod:`bulletin.numbers` and the charts of
:mod:`bulletin.charts`. :func:`render` runs them all.

>>> import bulletin
>>> bulletin.format_number(1285700, "剂次")
'128.57万剂次'
>>> doc = bulletin.loads("meta: {title: 办实事解难题 服务人民健康}\\n")
>>> bulletin.render(doc)["md"]
'# 办实事解难题 服务人民健康\\n'
"""

from __future__ import annotations

from . import numbers as _numbers
from .batch import DocumentResult, render_many
from .charts import ChartSpec, Series, alt_text, draw, spec_for_figure, spec_for_ref
from .compose import compose
from .compose.article import Article
from .emit import EmitContext, available_formats, register_emitter
from .errors import BulletinError, DataError, NumberError, TemplateError, UsageError, YamlError
from .load.checks import BulletinWarning, check
from .load.model import Document, Figure, Meta, Quote, Section
from .load.schema import json_schema
from .load.validate import LoadedDocument, load, loads
from .messages import set_language
from .numbers import *  # noqa: F403 - the number engine's functions are bulletin's own
from .problems import find_problems
from .proofread import Finding, proofread
from .render import FORMATS, Rendered, RenderOptions, render, render_file
from .resolve import Resolved, Style, resolve
from .version import __version__

__all__ = [
    "FORMATS",
    "Article",
    "BulletinError",
    "BulletinWarning",
    "ChartSpec",
    "DataError",
    "Document",
    "DocumentResult",
    "EmitContext",
    "Figure",
    "Finding",
    "LoadedDocument",
    "Meta",
    "NumberError",
    "Quote",
    "RenderOptions",
    "Rendered",
    "Resolved",
    "Section",
    "Series",
    "Style",
    "TemplateError",
    "UsageError",
    "YamlError",
    "__version__",
    "alt_text",
    "available_formats",
    "check",
    "compose",
    "draw",
    "find_problems",
    "json_schema",
    "load",
    "loads",
    "proofread",
    "register_emitter",
    "render",
    "render_file",
    "render_many",
    "resolve",
    "set_language",
    "spec_for_figure",
    "spec_for_ref",
    *_numbers.__all__,
]
