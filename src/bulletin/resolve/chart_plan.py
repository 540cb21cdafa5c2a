"""Which charts a document gets, where they go, and what they are called.

Rules (docs/charts.md): a section's ``chart:`` names a chart explicitly (a
figure name, or a mapping with ``figures`` and ``type``) or turns charts off
for that section (``chart: false``). Otherwise, with ``charts: true`` (the
default), a figure that can be drawn (``by``, ``series``, ``target``) gets its
chart after the first section whose prose mentions it; figures that can be
drawn but are never mentioned get theirs after the last section. Charts are
numbered 图1, 图2 … in document order. Nothing here draws (or imports matplotlib).

>>> from bulletin.load.validate import loads
>>> doc = loads('''
... meta: {title: 标题}
... figures:
...   towns: {unit: 剂次, label: 各镇接种剂次, by: {元坝镇: 10234, 红岩镇: 8120}}
... sections:
...   - text: 各镇共接种{{ towns.total }}。
... ''')
>>> [[(c.number, c.caption) for c in placed] for placed in plan_charts(doc)]
[[(1, '图1 各镇接种剂次')]]

A chart's texts are written as the document's text is: in Traditional output
the same place names keep their characters and the same quote style is used
(corner brackets 「」 by default in Taiwan and Hong Kong texts):

>>> from bulletin.resolve.style import Style
>>> doc = loads('''
... meta: {title: 标题}
... figures:
...   towns: {unit: 人, label: “干河乡”签约人数, by: {干河乡: 1200, 元坝镇: 800}}
... sections: [{text: 正文。}]
... ''')
>>> chart = plan_charts(doc, Style(script="hant-tw", places=("干河乡", "元坝镇")))[0][0]
>>> chart.spec.quotes, chart.alt
('corner', '柱狀圖：「干河鄉」簽約人數。干河鄉最多，為1,200人；元壩鎮最少，為800人。')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..charts import ChartSpec, alt_text, data_table, spec_for_figure, spec_for_ref
from ..charts.cache import chart_file_name
from ..errors import BulletinError, DataPath
from ..load.model import ChartRef, Document, Section
from .prose import make_prose_environment, referenced_names
from .style import Style

__all__ = ["CHART_DIR", "ChartPlan", "plan_charts"]

#: Folder (inside the output folder) where chart files are written.
CHART_DIR = "charts"


@dataclass(frozen=True)
class ChartPlan:
    """One placed chart: its spec, number, caption, alt text, files and data table."""

    number: int
    spec: ChartSpec
    alt: str
    caption: str
    png: str
    svg: str
    table: str | None = None


def _section_texts(section: Section) -> Iterator[str | None]:
    yield from (section.heading, section.text, section.after, *section.points)
    yield from (q.text for q in section.quotes)
    for turn in section.turns:
        yield turn.text
        yield from turn.points


def _figure_spec(doc: Document, name: str) -> ChartSpec | None:
    try:
        return spec_for_figure(name, doc.figures[name])
    except BulletinError as exc:
        raise exc.at(("figures", name)) from None


def _explicit(doc: Document, path: DataPath, chart: str | ChartRef) -> tuple[ChartSpec, list[str]]:
    ref = ChartRef(figure=chart) if isinstance(chart, str) else chart
    try:
        return spec_for_ref(ref, doc.figures), ref.names
    except BulletinError as exc:
        raise exc.at((*path, "chart")) from None


def _place(doc: Document) -> list[list[ChartSpec]]:
    """The specs of each section and subsection, in the order of
    :meth:`~bulletin.load.model.Document.every_section` (a section's own charts come
    before its subsections, as the article shows them)."""
    env = make_prose_environment()
    sections = list(doc.every_section())
    plan: list[list[ChartSpec]] = [[] for _ in sections]
    used: set[str] = set()
    for i, (section, path) in enumerate(sections):
        if section.chart is False:
            continue
        if section.chart is not None:
            spec, names = _explicit(doc, path, section.chart)
            plan[i].append(spec)
            used.update(names)
            continue
        if not doc.charts:
            continue
        for text in _section_texts(section):
            for name in referenced_names(env, text):
                if name in used or name not in doc.figures:
                    continue
                found = _figure_spec(doc, name)
                if found is not None:
                    plan[i].append(found)
                    used.add(name)
    if doc.charts and doc.sections:
        for name in doc.figures:
            found = _figure_spec(doc, name) if name not in used else None
            if found is not None:
                plan[-1].append(found)
    return plan


def _file(spec: ChartSpec, fmt: str, style: Style, font: str | None) -> str:
    name = chart_file_name(spec, fmt, script=style.script, font=font, grouping=style.grouping)
    return f"{CHART_DIR}/{name}"


def _written(spec: ChartSpec, style: Style) -> ChartSpec:
    """``spec`` with the text conventions of the document: its quote style, kept words
    and place names (so the chart, its alt text and its table are written as the text is)."""
    return spec.replace(quotes=style.quote_style, keep_words=style.keep_words, places=style.places)


def plan_charts(
    doc: Document,
    style: Style | None = None,
    *,
    chart_tables: bool = False,
    font: str | None = None,
) -> list[list[ChartPlan]]:
    """The charts of each section and subsection, in order: one list for each of
    :meth:`~bulletin.load.model.Document.every_section`."""
    style = style or Style.of(doc.meta)
    script, grouping = style.script, style.grouping
    number = 0
    placed: list[list[ChartPlan]] = []
    for specs in _place(doc):
        section: list[ChartPlan] = []
        for found in specs:
            number += 1
            spec = _written(found, style)
            section.append(
                ChartPlan(
                    number=number,
                    spec=spec,
                    alt=alt_text(spec, script, grouping=grouping),
                    caption=f"图{number} {spec.caption or spec.title}",
                    png=_file(spec, "png", style, font),
                    svg=_file(spec, "svg", style, font),
                    table=data_table(spec, script, grouping=grouping) if chart_tables else None,
                )
            )
        placed.append(section)
    return placed
