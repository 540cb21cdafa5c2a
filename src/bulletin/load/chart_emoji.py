"""Emoji in the texts of a document's charts: they are left out of the picture, with a warning.

No chart font has emoji, so :func:`bulletin.charts.draw.draw` drops them
rather than drawing empty boxes (the alt text and the data table keep them).
:func:`chart_emoji` says where the data file puts them into a chart, for
:func:`bulletin.load.checks.check` to warn about.

>>> from bulletin.load.validate import loads
>>> doc = loads('''
... meta: {title: 标题}
... figures:
...   towns: {unit: 剂次, label: 各镇接种剂次👍, by: {元坝镇🏥: 10234, 红岩镇: 8120}}
...   total: {value: 18354, unit: 剂次}
... ''')
>>> chart_emoji(doc)
[(('figures', 'towns'), '👍🏥')]
"""

from __future__ import annotations

from ..charts.auto import spec_for_figure, spec_for_ref
from ..charts.glyphs import find_emoji
from ..charts.spec import ChartSpec
from ..errors import BulletinError, DataPath
from .model import ChartRef, Document

__all__ = ["chart_emoji"]


def _texts(spec: ChartSpec) -> str:
    series = "".join(s.name for s in spec.series)
    return "".join((spec.title, *spec.categories, series, spec.unit, spec.source or ""))


def _specs(doc: Document) -> list[tuple[DataPath, ChartSpec]]:
    """Every chart the document may draw, with where it comes from."""
    found: list[tuple[DataPath, ChartSpec]] = []
    for i, section in enumerate(doc.sections):
        chart = section.chart
        if chart is None or chart is False:
            continue
        ref = ChartRef(figure=chart) if isinstance(chart, str) else chart
        try:
            found.append((("sections", i, "chart"), spec_for_ref(ref, doc.figures)))
        except BulletinError:  # reported by validation, not here
            continue
    if doc.charts:
        for name, figure in doc.figures.items():
            try:
                spec = spec_for_figure(name, figure)
            except BulletinError:
                continue
            if spec is not None:
                found.append((("figures", name), spec))
    return found


def chart_emoji(doc: Document) -> list[tuple[DataPath, str]]:
    """(data path, emoji) for every chart whose texts hold emoji, each place once."""
    out: dict[DataPath, str] = {}
    for path, spec in _specs(doc):
        emoji = find_emoji(_texts(spec))
        if emoji:
            out[path] = "".join(dict.fromkeys(out.get(path, "") + emoji))
    return list(out.items())
