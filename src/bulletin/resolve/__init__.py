"""Resolve: a validated document becomes everything its article will say.

:func:`resolve` decides the one :class:`Style` of the rendering, turns figures
into :class:`Fact` objects that print themselves (derived values included),
renders the user's prose in the sandbox, writes the statistical bulletin's
sentences and tables, plans the charts (specs, numbers, captions, alt text,
file names; nothing is drawn) and finds the photos. Its result,
:class:`Resolved`, is what :mod:`bulletin.compose` arranges. Errors raised here
carry a data path, which the pipeline turns into file:line:col.

>>> from bulletin.load.validate import loads
>>> doc = loads("meta: {title: 标题}\\nfigures: {n: {value: 82460, unit: 人}}\\n"
...             "lead: 共{{ n }}。\\n")
>>> resolved = resolve(doc)
>>> resolved.content.lead, resolved.style.script
(['共82460人。'], 'hans')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError, DataError, expect
from ..load.model import Document
from ..messages import text as _t
from ..numbers.scripts import place_names
from .chart_plan import ChartPlan, plan_charts
from .content import Content, resolve_content
from .facts import Fact, resolve_facts
from .photos import Photo, find_photos
from .style import Style

__all__ = ["ChartPlan", "Content", "Fact", "Photo", "Resolved", "Style", "resolve"]


@dataclass(frozen=True)
class Resolved:
    """A document with its style, facts, texts, charts and photos decided."""

    document: Document
    style: Style
    facts: dict[str, Fact]
    content: Content
    photos: dict[str, Photo]
    chart_font: str | None = None

    @property
    def charts(self) -> list[ChartPlan]:
        """Every chart of the document, in order."""
        return self.content.charts


def resolve(
    doc: Document,
    *,
    script: str | None = None,
    chart_tables: bool = False,
    font: str | Path | None = None,
    photos: bool = True,
    quotes: str | None = None,
) -> Resolved:
    """Resolve ``doc`` (see the module docstring); ``script`` overrides ``meta.script``.

    ``font`` (default ``meta.chart_font``) is the charts' font file or family.
    ``photos=False`` does not look for photo files. ``quotes`` (``curly`` or
    ``corner``) overrides ``meta.quote_style``.
    """
    expect(doc, Document, "resolve.doc", "api.form.document")
    style = Style.of(doc.meta, script=script, quotes=quotes, places=_place_names(doc))
    facts = resolve_facts(doc, style)
    _check_figures(facts)
    chart_font = _chart_font(doc, font)
    charts = plan_charts(doc, style, chart_tables=chart_tables, font=chart_font)
    if chart_font is not None and any(charts):
        _check_chart_font(chart_font, charts, style.script, from_meta=font is None)
    found = find_photos(doc) if photos else {}
    content = resolve_content(
        doc, style, facts, charts, image_paths={src: p.name for src, p in found.items()}
    )
    return Resolved(doc, style, facts, content, found, chart_font)


def _place_names(doc: Document) -> tuple[str, ...]:
    """The document's place names: its district and the parts of its figures that are places."""
    texts = [doc.meta.district or ""]
    for figure in doc.figures.values():
        texts.extend(figure.by or {})
    return place_names(texts)


def _check_figures(facts: dict[str, Fact]) -> None:
    """Format every figure once, so that a bad setting is reported at the figure."""
    for name, fact in facts.items():
        if fact.value is None:
            continue
        try:
            fact.text  # noqa: B018 - formatting is the check (and the one formatting)
        except BulletinError as exc:
            raise DataError(
                _t("resolve.figure_failed", name=name, reason=exc.message), hint=exc.hint
            ).at(("figures", name, "value")) from None


_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def _chart_font(doc: Document, font: str | Path | None) -> str | None:
    """The chart font: an explicit one, else ``meta.chart_font`` (a path is taken
    relative to the data file and must exist; a family name is checked when drawing)."""
    if font is not None:
        return str(font)
    name = doc.meta.chart_font
    if not name:
        return None
    path = doc.folder / name
    if path.is_file():
        return str(path.resolve())
    if Path(name).suffix.lower() in _FONT_SUFFIXES:
        raise BulletinError(
            _t("resolve.no_font", name=name),
            hint=_t("resolve.no_font.hint"),
        ).at(("meta", "chart_font"))
    return name


def _check_chart_font(
    font: str, charts: list[list[ChartPlan]], script: str, *, from_meta: bool
) -> None:
    """The chosen chart font must be installed and have every character the charts draw
    (an error at ``meta.chart_font`` when the data file chose it)."""
    from ..charts.fonts import font_family
    from ..charts.glyphs import check_font

    try:
        check_font(font_family(script, font), [c.spec for placed in charts for c in placed], script)
    except BulletinError as exc:
        raise (exc.at(("meta", "chart_font")) if from_meta else exc) from None
