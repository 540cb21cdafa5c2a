"""Every text of the document, resolved: prose rendered, sentences written, tables filled.

:func:`resolve_content` renders each piece of user prose once (figures
substituted through the number engine, in the sandbox), writes the indicator
sentences of a statistical bulletin, fills tables and places charts and
photos. The result, :class:`Content`, is plain data: what a genre template
arranges (it is the ``article`` a template sees). Errors carry their data path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import BulletinError, DataError, DataPath, did_you_mean
from ..load.model import Document, Indicator, Meta, Quote, Section, Turn
from ..load.peers import Peers
from ..messages import text as _t
from ..numbers.dates import format_date
from ..numbers.numerals import to_chinese_numeral
from .chart_plan import ChartPlan
from .facts import Fact
from .indicators import SentenceWriter, common_unit, indicator_error, indicator_rows
from .prose import make_prose_environment, render_prose
from .style import Style

__all__ = [
    "Content",
    "ImageContent",
    "QuoteContent",
    "SectionContent",
    "TableContent",
    "TurnContent",
    "enumerate_points",
    "paragraphs",
    "resolve_content",
]


@dataclass(frozen=True)
class QuoteContent:
    """A rendered quote (without its quote marks)."""

    text: str
    by: str | None
    role: str | None


@dataclass(frozen=True)
class TurnContent:
    """A rendered turn of an interview."""

    label: str
    is_host: bool
    paragraphs: list[str]
    points: list[str]
    after: list[str]


@dataclass(frozen=True)
class ImageContent:
    """A photo the user links, with its caption (``src`` as the output holds it)."""

    src: str
    alt: str
    caption: str | None


@dataclass(frozen=True)
class TableContent:
    """A table's cells (text, not markup) and each column's alignment."""

    columns: list[str]
    rows: list[list[str]]
    aligns: list[str]
    #: How deep each row is indented (parts under their indicator); empty for none.
    indents: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SectionContent:
    """A rendered section, ready for a template."""

    number: int
    heading: str | None
    paragraphs: list[str]
    points: list[str]
    points_text: str | None
    quotes: list[QuoteContent]
    after: list[str]
    turns: list[TurnContent] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    table: TableContent | None = None
    table_title: str | None = None
    table_note: str | None = None
    table_source: str | None = None
    image: ImageContent | None = None
    charts: list[ChartPlan] = field(default_factory=list)
    #: The number of the section's table (表1), when the table has a title.
    table_number: int | None = None
    #: Sub-sections （一）（二）……, numbered from 1 within the section.
    subsections: list[SectionContent] = field(default_factory=list)


@dataclass(frozen=True)
class Content:
    """Everything a genre template needs, all user text already rendered."""

    meta: Meta
    genre: str
    script: str
    title: str
    subtitle: str | None
    original_title: str | None
    byline: list[str]
    dateline: str | None
    abstract: str | None
    highlights: list[str]
    lead: list[str]
    sections: list[SectionContent]
    closing: list[str]
    notes: list[str]
    editors: list[tuple[str, str]]
    facts: Mapping[str, Fact]
    date_text: str | None = None
    time_text: str | None = None
    charts: list[ChartPlan] = field(default_factory=list)

    @property
    def highlights_text(self) -> str | None:
        """The headline figures of a brief, joined: ``……，……，……``."""
        if not self.highlights:
            return None
        return "，".join(h.rstrip("。，；…") for h in self.highlights) + "……"


def paragraphs(text: str | None) -> list[str]:
    """Split prose into paragraphs: every non-empty line is one.

    >>> paragraphs("第一段。\\n\\n第二段。\\n第三段。")
    ['第一段。', '第二段。', '第三段。']
    """
    if not text:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def enumerate_points(points: Sequence[str], *, script: str = "hans") -> str | None:
    """Join points as official texts do: 一是……；二是……。

    >>> enumerate_points(["优化流程。", "增设窗口"])
    '一是优化流程；二是增设窗口。'
    """
    if not points:
        return None
    parts = [
        f"{to_chinese_numeral(i, script=script)}是{p.strip().rstrip('。；，')}"
        for i, p in enumerate(points, start=1)
    ]
    return "；".join(parts) + "。"


_EDITOR_LABELS = (("editor", "责任编辑"), ("layout", "版式"), ("proofreader", "校对"))

Prose = Callable[[str | None, DataPath], str]


def _prose(style: Style, facts: Mapping[str, Fact]) -> Prose:
    env = make_prose_environment(style)

    def render(text: str | None, path: DataPath) -> str:
        return "" if text is None else render_prose(env, text, facts, path=path)

    return render


def _speaker(turn: Turn, meta: Meta, path: DataPath) -> tuple[str, bool]:
    """The 【label】 of a turn's speaker: the host, or a guest by key or name."""
    if turn.speaker in ("host", "主持人", meta.host):
        return meta.host, True
    guests = list(meta.guests)
    if turn.speaker == "guest" and len(guests) == 1:
        return guests[0].label, False
    for guest in guests:
        if turn.speaker in (guest.key, guest.name, guest.label):
            return guest.label, False
    names = ["host", *[g.key or g.name for g in guests]]
    raise DataError(
        _t("content.unknown_speaker", speaker=turn.speaker),
        hint=did_you_mean(turn.speaker, names) or _t("content.unknown_speaker.hint"),
    ).at((*path, "speaker"))


def _turns(section: Section, meta: Meta, prose: Prose, base: DataPath) -> list[TurnContent]:
    turns = []
    for j, turn in enumerate(section.turns):
        where = (*base, "turns", j)
        label, is_host = _speaker(turn, meta, where)
        turns.append(
            TurnContent(
                label=label,
                is_host=is_host,
                paragraphs=paragraphs(prose(turn.text, (*where, "text"))),
                points=[prose(p, (*where, "points", k)) for k, p in enumerate(turn.points)],
                after=paragraphs(prose(turn.after, (*where, "after"))),
            )
        )
    return turns


def _quotes(section: Section, prose: Prose, base: DataPath) -> list[QuoteContent]:
    paths: list[DataPath] = (
        [(*base, "quote")]
        if isinstance(section.quote, Quote)
        else [(*base, "quote", j) for j in range(len(section.quotes))]
    )
    return [
        QuoteContent(text=_strip_quote_marks(prose(q.text, (*p, "text"))), by=q.by, role=q.role)
        for q, p in zip(section.quotes, paths, strict=True)
    ]


def _sentences(
    writer: SentenceWriter,
    indicators: list[Indicator],
    base: DataPath,
    table: int | None = None,
    peers: Mapping[Any, Peers] | None = None,
) -> list[str]:
    """One paragraph per indicator; a ``joined`` indicator continues the last one after "；".
    ``peers`` are the values across a run of the indicators read from a column, by path."""
    sentences: list[str] = []
    for j, ind in enumerate(indicators):
        path = (*base, "indicators", j)
        try:
            text = writer.sentence(ind, table=table, peers=(peers or {}).get(path))
        except BulletinError as exc:
            raise indicator_error(exc, ind, path) from None
        if ind.joined and sentences:
            sentences[-1] = sentences[-1].removesuffix("。") + "；" + text
        else:
            sentences.append(text)
    return sentences


def _table(
    section: Section, style: Style, prose: Prose, base: DataPath, number: int | None = None
) -> tuple[TableContent | None, str | None, str | None, str | None]:
    """The section's table, its title, note and source; a titled indicator table is
    numbered (表1 2024年全区医疗卫生机构数（个）), its parts as indented rows."""
    t = section.table
    if t is not None and not isinstance(t, bool):
        aligns = ["left"] + ["right"] * (len(t.columns) - 1)
        table = TableContent(list(t.columns), [list(r) for r in t.rows], aligns)
        return table, t.title, prose(t.note, (*base, "table", "note")) or None, t.source
    if section.table and section.indicators:
        titled = number is not None and section.table_title is not None
        columns, rows, indents = indicator_rows(section.indicators, style, parts=titled)
        aligns = ["left"] + ["right"] * (len(columns) - 1)
        note = prose(section.table_note, (*base, "table_note")) or None
        title = None
        if titled:
            title = f"表{number} {prose(section.table_title, (*base, 'table_title'))}"
            unit = common_unit(rows)
            if unit:
                title += f"（{unit}）"
                rows = [[row[0]] + [_without(c, unit) for c in row[1:]] for row in rows]
        table = TableContent(columns, rows, aligns, indents if titled else [])
        return table, title, note, section.table_source
    return None, None, None, None


def _image(section: Section, image_paths: Mapping[str, str]) -> ImageContent | None:
    image = section.image
    if image is None:
        return None
    return ImageContent(
        src=image_paths.get(image.src, image.src),
        alt=image.alt or image.caption or "图片",
        caption=image.caption,
    )


def _without(cell: str, unit: str) -> str:
    """A cell without the unit the table title names (312个 → 312)."""
    return cell[: -len(unit)] if cell.endswith(unit) and cell[: -len(unit)][-1:].isdigit() else cell


class _Tables:
    """Numbers titled indicator tables 表1, 表2 … in document order."""

    def __init__(self) -> None:
        self.count = 0

    def take(self, section: Section) -> int | None:
        if not (section.table is True and section.indicators and section.table_title):
            return None
        self.count += 1
        return self.count


def _section(
    i: int,
    section: Section,
    doc: Document,
    style: Style,
    prose: Prose,
    writer: SentenceWriter,
    extras: tuple[Mapping[DataPath, list[ChartPlan]], Mapping[str, str]],
    *,
    base: DataPath | None = None,
    tables: _Tables | None = None,
) -> SectionContent:
    base = ("sections", i) if base is None else base
    tables = tables or _Tables()
    charts_by_path, image_paths = extras
    points = [prose(p, (*base, "points", j)) for j, p in enumerate(section.points)]
    number = tables.take(section)
    table, title, note, source = _table(section, style, prose, base, number)
    subsections = [
        _section(
            k,
            sub,
            doc,
            style,
            prose,
            writer,
            extras,
            base=(*base, "subsections", k),
            tables=tables,
        )
        for k, sub in enumerate(section.subsections)
    ]
    return SectionContent(
        number=i + 1,
        heading=prose(section.heading, (*base, "heading")) or None,
        paragraphs=paragraphs(prose(section.text, (*base, "text"))),
        points=points,
        points_text=enumerate_points(points, script=style.script),
        quotes=_quotes(section, prose, base),
        after=paragraphs(prose(section.after, (*base, "after"))),
        turns=_turns(section, doc.meta, prose, base),
        indicators=_sentences(
            writer, section.indicators, base, number, getattr(doc.marks, "peers", None)
        ),
        table=table,
        table_title=title,
        table_note=note,
        table_source=source,
        image=_image(section, image_paths),
        charts=list(charts_by_path.get(base, [])),
        table_number=number,
        subsections=subsections,
    )


def resolve_content(
    doc: Document,
    style: Style,
    facts: Mapping[str, Fact],
    charts: Sequence[list[ChartPlan]],
    image_paths: Mapping[str, str] | None = None,
) -> Content:
    """Render all user prose of ``doc`` and collect it with the charts into :class:`Content`.

    ``image_paths`` renames photo paths (as written in the data file) to where the
    output folder holds them.
    """
    prose = _prose(style, facts)
    meta = doc.meta
    writer = SentenceWriter.of(meta, style)
    tables = _Tables()
    by_path = {path: placed for (_, path), placed in zip(doc.every_section(), charts, strict=True)}
    sections = [
        _section(i, s, doc, style, prose, writer, (by_path, image_paths or {}), tables=tables)
        for i, s in enumerate(doc.sections)
    ]
    editors = []
    if meta.editors is not None:
        editors = [
            (label, str(getattr(meta.editors, key)))
            for key, label in _EDITOR_LABELS
            if getattr(meta.editors, key)
        ]
    return Content(
        meta=meta,
        genre=meta.genre,
        script=style.script,
        title=prose(meta.title, ("meta", "title")),
        subtitle=prose(meta.subtitle, ("meta", "subtitle")) or None,
        original_title=prose(meta.original_title, ("meta", "original_title")) or None,
        byline=list(meta.byline),
        dateline=_dateline(meta, style.script),
        abstract=prose(doc.abstract, ("abstract",)) or None,
        highlights=[prose(h, ("highlights", k)) for k, h in enumerate(doc.highlights)],
        lead=paragraphs(prose(doc.lead, ("lead",))),
        sections=sections,
        closing=paragraphs(prose(doc.closing, ("closing",))),
        notes=[prose(n, ("notes", k)) for k, n in enumerate(doc.notes)],
        editors=editors,
        facts=facts,
        date_text=format_date(meta.date, "ymd", script=style.script) if meta.date else None,
        time_text=format_date(meta.date, "iso", script=style.script) if meta.date else None,
        charts=[chart for placed in charts for chart in placed],
    )


def _dateline(meta: Meta, script: str) -> str | None:
    """``中新河南网6月30日电（记者 郑超伟 臧喜忠）`` for news releases."""
    if not meta.agency:
        return None
    day = format_date(meta.date, "md", script=script) if meta.date else ""
    reporters = f"（记者 {' '.join(meta.byline)}）" if meta.byline else ""
    return f"{meta.agency}{day}电{reporters}"


def _strip_quote_marks(text: str) -> str:
    """Quotes are written without their marks; tolerate them if given."""
    text = text.strip()
    if len(text) >= 2 and text[0] in '“"「' and text[-1] in '”"」':
        return text[1:-1]
    return text


def template_names(content: Content) -> dict[str, Any]:
    """The variables a genre template sees: ``article``, ``meta`` and every figure by name.

    A figure may be named like a template variable (``meta``): the template's own
    names win, and the figure stays reachable as ``article.facts.meta``.
    """
    names: dict[str, Any] = dict(content.facts)
    names.update(article=content, meta=content.meta)
    return names
