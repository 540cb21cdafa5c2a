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

import sys
import types
from typing import TYPE_CHECKING

from . import numbers as _numbers
from .numbers import *  # noqa: F403 - the number engine's functions are bulletin's own
from .version import __version__

if TYPE_CHECKING:
    from .batch import DocumentResult, render_many
    from .charts import ChartSpec, Series, alt_text, draw, spec_for_figure, spec_for_ref
    from .compose import compose
    from .compose.article import Article
    from .emit import EmitContext, available_formats, register_emitter
    from .errors import (
        BulletinError,
        DataError,
        NumberError,
        TemplateError,
        UsageError,
        YamlError,
    )
    from .load.checks import BulletinWarning, check
    from .load.model import Document, Figure, Meta, Quote, Section
    from .load.schema import json_schema
    from .load.validate import LoadedDocument, load, loads
    from .messages import set_language
    from .problems import find_problems
    from .proofread import Finding, proofread
    from .render import FORMATS, Rendered, RenderOptions, render, render_file
    from .resolve import Resolved, Style, resolve

#: Where each public name lives: imported on first use, so that ``bulletin --help``
#: and the number engine do not load the whole pipeline (pydantic, Jinja, markdown-it).
_LAZY = {
    "DocumentResult": "batch", "render_many": "batch",
    "ChartSpec": "charts", "Series": "charts", "alt_text": "charts", "draw": "charts",
    "spec_for_figure": "charts", "spec_for_ref": "charts",
    "compose": "compose", "Article": "compose.article",
    "EmitContext": "emit", "available_formats": "emit", "register_emitter": "emit",
    "BulletinError": "errors", "DataError": "errors", "NumberError": "errors",
    "TemplateError": "errors", "UsageError": "errors", "YamlError": "errors",
    "BulletinWarning": "load.checks", "check": "load.checks",
    "Document": "load.model", "Figure": "load.model", "Meta": "load.model",
    "Quote": "load.model", "Section": "load.model",
    "json_schema": "load.schema",
    "LoadedDocument": "load.validate", "load": "load.validate", "loads": "load.validate",
    "set_language": "messages", "find_problems": "problems",
    "Finding": "proofread", "proofread": "proofread",
    "FORMATS": "render", "Rendered": "render", "RenderOptions": "render",
    "render": "render", "render_file": "render",
    "Resolved": "resolve", "Style": "resolve", "resolve": "resolve",
}  # fmt: skip


def __getattr__(name: str) -> object:
    """Import a public name's module the first time the name is used (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bulletin' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """The package: importing ``bulletin/render.py`` leaves ``bulletin.render`` the
    function (as the eager imports did), not the module (likewise compose, resolve …)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
