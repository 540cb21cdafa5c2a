"""Which charts a document gets, where they go, and how the text refers to them.

Rules (docs/charts.md): a section's ``chart:`` names a chart explicitly (a
figure name, or a mapping with ``figures`` and ``type``) or turns charts off
for that section (``chart: false``). Otherwise, with ``charts: true`` (the
default), a figure that can be drawn (``by``, ``series``, ``target``) gets its
chart after the first section whose prose mentions it; figures that can be
drawn but are never mentioned get theirs after the last section. Charts are
numbered 图1, 图2 … in document order. Nothing here imports matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..charts import ChartSpec, alt_text, data_table, spec_for_figure, spec_for_ref
from ..charts.cache import chart_file_name
from ..errors import BulletinError
from ..load.model import ChartRef, Document, Section
from .prose import make_prose_environment, referenced_names

__all__ = ["ChartView", "plan_charts"]

#: Folder (inside the output folder) where chart files are written.
CHART_DIR = "charts"


@dataclass(frozen=True)
class ChartView:
    """One placed chart: its spec, number, files and the text that shows it."""

    number: int
    spec: ChartSpec
    alt: str
    png: str
    svg: str
    caption: str
    table: str | None = None

    @property
    def markdown(self) -> str:
        """The image, its numbered caption and (optionally) its data table."""
        text = f"![{_alt(self.alt)}]({self.png})\n\n{self.caption}"
        if self.table:
            text += "\n\n" + self.table
        return text


def _alt(text: str) -> str:
    return text.replace("[", "（").replace("]", "）").replace("\n", " ")


def _section_texts(section: Section) -> list[str | None]:
    texts: list[str | None] = [section.heading, section.text, section.after, *section.points]
    texts += [q.text for q in section.quotes]
    texts += [t.text for t in section.turns] + [p for t in section.turns for p in t.points]
    return texts


def plan_charts(
    doc: Document,
    *,
    script: str = "hans",
    chart_tables: bool = False,
    file: str | None = None,
    font: str | None = None,
) -> list[list[ChartView]]:
    """The charts of each section, in order (one list per section)."""
    env = make_prose_environment()
    plan: list[list[ChartSpec]] = [[] for _ in doc.sections]
    used: set[str] = set()
    marks = getattr(doc, "marks", None)

    def locate(exc: BulletinError, path: tuple[str | int, ...]) -> BulletinError:
        if marks is not None:
            line, col = marks.value(path)
            exc.with_location(file=file, line=line, col=col)
        return exc

    for i, section in enumerate(doc.sections):
        chart = section.chart
        if chart is False:
            continue
        if chart is not None:
            ref = ChartRef(figure=chart) if isinstance(chart, str) else chart
            try:
                plan[i].append(spec_for_ref(ref, doc.figures))
            except BulletinError as exc:
                raise locate(exc, ("sections", i, "chart")) from None
            used.update(ref.names)
            continue
        if not doc.charts:
            continue
        for text in _section_texts(section):
            for name in referenced_names(env, text):
                if name in used or name not in doc.figures:
                    continue
                try:
                    spec = spec_for_figure(name, doc.figures[name])
                except BulletinError as exc:
                    raise locate(exc, ("figures", name)) from None
                if spec is not None:
                    plan[i].append(spec)
                    used.add(name)
    if doc.charts and doc.sections:
        for name, figure in doc.figures.items():
            if name in used:
                continue
            try:
                spec = spec_for_figure(name, figure)
            except BulletinError as exc:
                raise locate(exc, ("figures", name)) from None
            if spec is not None:
                plan[-1].append(spec)
                used.add(name)

    views: list[list[ChartView]] = []
    number = 0
    for specs in plan:
        placed = []
        for spec in specs:
            number += 1
            title = spec.caption or spec.title
            placed.append(
                ChartView(
                    number=number,
                    spec=spec,
                    alt=alt_text(spec, script),
                    png=f"{CHART_DIR}/{chart_file_name(spec, 'png', script=script, font=font)}",
                    svg=f"{CHART_DIR}/{chart_file_name(spec, 'svg', script=script, font=font)}",
                    caption=f"图{number} {title}",
                    table=data_table(spec, script) if chart_tables else None,
                )
            )
        views.append(placed)
    return views
