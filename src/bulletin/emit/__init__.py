"""Emit: every output format is one module that writes an :class:`~bulletin.compose.Article`.

A format module in this package defines ``FORMAT`` (its name, also the file
suffix), ``BINARY`` (bytes or text), ``ASSETS`` (the chart formats its output refers
to: ``("png",)``, ``("svg",)``), ``EMBEDS`` (whether it needs those files' bytes:
``True``, ``False`` for a text that only links them, ``"inline"`` when only
with inline assets) and ``emit(article, context)``; a module whose chart format
is an option also defines ``assets_for(context)`` (Markdown: ``context.md_charts``), and
one with a costly first use may define ``prepare()`` (loading what every document needs,
once per process: the HTML, Word and PDF writers load the headline word list); the
registry finds it by name the first time the format is asked for, so adding a
format is adding one module (``emit/pdf.py``). Other code may register its own
with :func:`register_emitter`. Heavy libraries (python-docx, typst) are imported only
when their format is written.

>>> sorted(available_formats())
['docx', 'html', 'md', 'pdf']
>>> emitter_for("markdown").name
'md'
>>> emitter_for("md").assets, emitter_for("html").assets
(('png',), ('svg',))
>>> emitter_for("md").embeds_assets(EmitContext()), emitter_for("html").embeds_assets(EmitContext())
(False, True)
>>> svg = EmitContext(md_charts="svg")
>>> emitter_for("md").assets_for(svg), emitter_for("docx").assets_for(svg)
(('svg',), ('png',))
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BulletinError, did_you_mean
from ..messages import text as _t

if TYPE_CHECKING:
    from ..compose.article import Article, Figure
    from ._fonts import NamedFont

__all__ = [
    "EmitContext",
    "Emitter",
    "available_formats",
    "emitter_for",
    "placeholder_text",
    "register_emitter",
]

#: Other names people use for a format.
ALIASES = {"markdown": "md", "htm": "html", "word": "docx"}


@dataclass(frozen=True)
class EmitContext:
    """What an emitter needs besides the article: files it refers to, and options.

    ``assets`` maps a relative file name (``charts/x.svg``, ``images/a.jpg``) to
    its bytes; a chart or photo without an entry is shown as a placeholder.
    """

    assets: Mapping[str, bytes] = field(default_factory=dict)
    inline_assets: bool = True
    template_dirs: Sequence[str | Path] = ()
    extra_css: str = ""
    #: The print layout of Word and PDF files: ``news`` or ``gbt9704``.
    layout: str = "news"
    #: The bytes of the user's reference .docx (styles, page setup, headers), if any.
    reference_docx: bytes | None = None
    #: The chart format the Markdown text links: ``png`` or ``svg``.
    md_charts: str = "png"
    #: Fonts the user named for roles of the Word and PDF output (``meta.fonts``, ``--font``).
    fonts: tuple[NamedFont, ...] = ()


EmitFunction = Callable[["Article", EmitContext], "str | bytes"]
AssetsFunction = Callable[[EmitContext], tuple[str, ...]]


@dataclass(frozen=True)
class Emitter:
    """One output format: its name (the file suffix), kind of output and function.

    ``assets`` are the chart formats the output refers to (only those are
    drawn), unless ``choose_assets`` picks them from the context (an option);
    ``embeds`` says whether it needs their bytes (``"inline"``: only when the
    context inlines assets), else the files need only exist. ``prepare``, when
    given, loads once what writing any document needs (a batch calls it before
    starting its worker processes, which then share it).
    """

    name: str
    binary: bool
    emit: EmitFunction
    assets: tuple[str, ...] = ("svg", "png")
    embeds: bool | str = True
    choose_assets: AssetsFunction | None = field(default=None, repr=False)
    prepare: Callable[[], None] | None = field(default=None, repr=False)

    def assets_for(self, context: EmitContext) -> tuple[str, ...]:
        """The chart formats the output refers to when written with ``context``."""
        return self.assets if self.choose_assets is None else self.choose_assets(context)

    def embeds_assets(self, context: EmitContext) -> bool:
        """Whether writing with ``context`` reads the bytes of the chart files."""
        return context.inline_assets if self.embeds == "inline" else bool(self.embeds)


_REGISTRY: dict[str, Emitter] = {}


def placeholder_text(figure: Figure, *, unusable: bool, fmt: str, script: str) -> str:
    """What stands in a document for a picture it cannot show: ``照片待补：photos/a.jpg``.

    ``unusable`` says the file is at hand but ``fmt`` (Word, PDF) cannot hold it.

    >>> from bulletin.compose.article import Figure
    >>> placeholder_text(Figure("photos/a.jpg", "现场"), unusable=False, fmt="Word", script="hans")
    '照片待补：photos/a.jpg'
    """
    from ..numbers.scripts import to_script

    if unusable:  # WebP, SVG or a damaged file
        label = f"图片无法放入{fmt}"
    elif re.match(r"^https?:", figure.src, re.I):
        label = "图片"
    elif figure.kind == "chart":
        label = "图表待生成"
    else:
        label = "照片待补"
    return f"{to_script(label, script)}：{figure.src}"


def register_emitter(
    name: str,
    emit: EmitFunction,
    *,
    binary: bool = False,
    assets: tuple[str, ...] = ("svg", "png"),
    embeds: bool | str = True,
    choose_assets: AssetsFunction | None = None,
    prepare: Callable[[], None] | None = None,
) -> Emitter:
    """Register (or replace) the emitter of format ``name`` and return it.

    ``assets``, ``embeds``, ``choose_assets`` and ``prepare`` are as in
    :class:`Emitter` (by default both chart formats are drawn and read).
    """
    emitter = Emitter(
        name=name, binary=binary, emit=emit, assets=tuple(assets), embeds=embeds,
        choose_assets=choose_assets, prepare=prepare,
    )  # fmt: skip
    _REGISTRY[name] = emitter
    return emitter


def _module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def available_formats() -> list[str]:
    """The names of every format this installation can write."""
    found = set(_REGISTRY)
    for module in _module_names():
        mod = importlib.import_module(f"{__name__}.{module}")
        if hasattr(mod, "FORMAT"):
            found.add(mod.FORMAT)
    return sorted(found)


def emitter_for(name: str) -> Emitter:
    """The emitter of format ``name`` (``md``, ``html``, ``docx`` …), or a user error."""
    key = name.strip().lower().lstrip(".")
    key = ALIASES.get(key, key)
    if key in _REGISTRY:
        return _REGISTRY[key]
    if key in _module_names() or key in _by_format():
        mod = importlib.import_module(f"{__name__}.{_by_format().get(key, key)}")
        if hasattr(mod, "FORMAT") and key == mod.FORMAT:
            return register_emitter(
                key, mod.emit, binary=bool(getattr(mod, "BINARY", False)),
                assets=tuple(getattr(mod, "ASSETS", ("svg", "png"))),
                embeds=getattr(mod, "EMBEDS", True),
                choose_assets=getattr(mod, "assets_for", None),
                prepare=getattr(mod, "prepare", None),
            )  # fmt: skip
    formats = available_formats()
    raise BulletinError(
        _t("emit.unknown_format", name=name),
        hint=did_you_mean(key, formats)
        or _t("hint.choices", names=_t("list.separator").join(formats)),
    )


def _by_format() -> dict[str, str]:
    """Format name → module name, for modules whose name differs from their format."""
    return {"md": "markdown"}
