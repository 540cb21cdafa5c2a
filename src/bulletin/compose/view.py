"""Compose a document into Markdown with the genre's Jinja template.

The composer renders every piece of user prose first (see :mod:`bulletin.resolve.prose`),
builds a small view of the article, and hands it to ``templates/zh/<genre>.md.j2``.
Templates run in Jinja's sandbox; a user's template folder is searched before
the built-in one.

>>> from bulletin.load.validate import loads
>>> doc = loads('''
... meta: {title: 标题一 标题二, byline: [吕婷, 王泽刚]}
... figures: {n: {value: 82460, unit: 人}}
... lead: 全区累计接种{{ n }}。
... ''')
>>> print(compose_markdown(doc).splitlines()[0])
# 标题一 标题二
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..errors import BulletinError, DataError, TemplateError, did_you_mean
from ..load.model import Document, Quote, Section, Table, Turn
from ..load.validate import LoadedDocument
from ..numbers.dates import format_date
from ..numbers.filters import register_filters
from ..numbers.numerals import to_chinese_numeral
from ..numbers.scripts import normalize_script
from ..numbers.traditional import corner_quotes, to_script
from ..resolve.chart_plan import ChartView, plan_charts
from ..resolve.facts import Fact, digit_grouping, resolve_facts
from ..resolve.indicators import SentenceWriter, indicator_error, indicator_table
from ..resolve.prose import make_prose_environment, render_prose

__all__ = [
    "ArticleView",
    "Composition",
    "QuoteView",
    "SectionView",
    "TurnView",
    "build_view",
    "compose",
    "compose_markdown",
    "template_environment",
]


@dataclass(frozen=True)
class QuoteView:
    """A rendered quote."""

    text: str
    by: str | None
    role: str | None


@dataclass(frozen=True)
class TurnView:
    """A rendered turn of an interview."""

    label: str
    is_host: bool
    paragraphs: list[str]
    points: list[str]
    after: list[str]


@dataclass(frozen=True)
class ImageView:
    """A photo the user links, with its caption."""

    src: str
    alt: str
    caption: str | None


@dataclass(frozen=True)
class SectionView:
    """A rendered section, ready for a template."""

    number: int
    heading: str | None
    paragraphs: list[str]
    points: list[str]
    points_text: str | None
    quotes: list[QuoteView]
    after: list[str]
    turns: list[TurnView] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    table: str | None = None
    table_title: str | None = None
    table_note: str | None = None
    table_source: str | None = None
    image: ImageView | None = None
    charts: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleView:
    """Everything a genre template needs, all user text already rendered."""

    meta: Any
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
    sections: list[SectionView]
    closing: list[str]
    notes: list[str]
    editors: list[tuple[str, str]]
    facts: dict[str, Fact]
    date_text: str | None = None
    time_text: str | None = None
    charts: list[Any] = field(default_factory=list)

    @property
    def highlights_text(self) -> str | None:
        """The headline figures of a brief, joined: ``……，……，……``."""
        if not self.highlights:
            return None
        return "，".join(h.rstrip("。，；…") for h in self.highlights) + "……"


def builtin_template_dir() -> Path:
    """The folder of the built-in templates (``templates/zh``).

    Installed, the templates are package data (``bulletin/templates/zh``); in a
    source checkout they are the repository's top-level ``templates/zh``.
    """
    here = Path(__file__).resolve().parent.parent
    for base in (here / "templates", here.parent.parent / "templates"):
        if (base / "zh" / "base.md.j2").is_file():
            return base / "zh"
    raise FileNotFoundError("bulletin: built-in templates not found")  # pragma: no cover


def template_environment(
    template_dirs: Sequence[str | Path] = (),
    *,
    autoescape: bool = False,
    script: str = "hans",
    grouping: bool | None = None,
) -> SandboxedEnvironment:
    """The sandboxed environment for templates: user folders first, then built-ins.

    Markdown templates are rendered without escaping (their text is escaped
    when the Markdown becomes HTML); the HTML page template with autoescape.
    """
    builtin = jinja2.FileSystemLoader(str(builtin_template_dir()))
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        builtin,
        # "builtin/feature.md.j2" lets a user's feature.md.j2 extend the built-in one
        jinja2.PrefixLoader({"builtin": builtin}),
    ]
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    register_filters(env, script=script, grouping=grouping)
    return env


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


class _Prose:
    """Renders user text fields of one document, locating errors in its file."""

    def __init__(self, doc: Document, facts: dict[str, Fact], script: str = "hans") -> None:
        self.doc = doc
        self.facts = facts
        self.env = make_prose_environment(script, digit_grouping(doc, script))
        self.marks = doc.marks if isinstance(doc, LoadedDocument) else None
        self.file = self.marks.file if self.marks else None

    def __call__(self, text: str | None, path: tuple[str | int, ...]) -> str:
        if text is None:
            return ""
        marks = self.marks

        def locate(offset: int) -> tuple[int | None, int | None]:
            if marks is None:
                return None, None
            return marks.in_text(path, offset, text)

        return render_prose(self.env, text, self.facts, locate=locate, file=self.file)


def _check_figures(doc: Document, facts: dict[str, Fact]) -> None:
    """Format every figure once so that a bad setting is reported at the figure."""
    for name, fact in facts.items():
        if fact.value is None:
            continue
        try:
            fact.text  # noqa: B018 - formatting is the check
        except BulletinError as exc:
            line, col = (None, None)
            if isinstance(doc, LoadedDocument):
                line, col = doc.marks.value(("figures", name, "value"))
            raise DataError(
                f"数据 “{name}” 无法按要求写出：{exc.message}",
                file=_file(doc),
                line=line,
                col=col,
                hint=exc.hint,
            ) from None


def _file(doc: Document) -> str | None:
    return doc.file if isinstance(doc, LoadedDocument) else None


def _speaker(turn: Turn, meta: Any, locate: tuple[str, int, int] | None) -> tuple[str, bool]:
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
    file, line, col = locate if locate else (None, None, None)
    raise DataError(
        f"访谈中没有 “{turn.speaker}” 这位发言人",
        file=file,
        line=line,
        col=col,
        hint=did_you_mean(turn.speaker, names) or "请在 meta.guests 中列出嘉宾，主持人写 host",
    )


def build_view(
    doc: Document,
    *,
    script: str = "hans",
    chart_tables: bool = False,
    image_paths: Mapping[str, str] | None = None,
    font: str | None = None,
) -> ArticleView:
    """Render all user prose of ``doc`` and collect it into an :class:`ArticleView`.

    ``image_paths`` renames photo paths (as written in the data file) to where the
    output folder holds them.
    """
    facts = resolve_facts(doc, script=script)
    _check_figures(doc, facts)
    charts = plan_charts(doc, script=script, chart_tables=chart_tables, file=_file(doc), font=font)
    prose = _Prose(doc, facts, script)
    meta = doc.meta
    marks = doc.marks if isinstance(doc, LoadedDocument) else None
    grouping = digit_grouping(doc, script)
    writer = SentenceWriter(baseline=meta.baseline, script=script, grouping=grouping)

    sections = []
    for i, section in enumerate(doc.sections):
        base = ("sections", i)
        quotes = section.quotes
        quote_paths: list[tuple[str | int, ...]] = (
            [(*base, "quote")]
            if isinstance(section.quote, Quote)
            else [(*base, "quote", j) for j in range(len(quotes))]
        )
        points = [prose(p, (*base, "points", j)) for j, p in enumerate(section.points)]
        turns = []
        for j, turn in enumerate(section.turns):
            where = (*base, "turns", j)
            located = (marks.file, *marks.value((*where, "speaker"))) if marks else None
            label, is_host = _speaker(turn, meta, located)  # type: ignore[arg-type]
            turns.append(
                TurnView(
                    label=label,
                    is_host=is_host,
                    paragraphs=paragraphs(prose(turn.text, (*where, "text"))),
                    points=[prose(p, (*where, "points", k)) for k, p in enumerate(turn.points)],
                    after=paragraphs(prose(turn.after, (*where, "after"))),
                )
            )
        table, title, note, source = _section_table(section, meta, script, prose, base, grouping)
        image = None
        if section.image is not None:
            image = ImageView(
                src=(image_paths or {}).get(section.image.src, section.image.src),
                alt=section.image.alt or section.image.caption or "图片",
                caption=section.image.caption,
            )
        sections.append(
            SectionView(
                number=i + 1,
                heading=prose(section.heading, (*base, "heading")) or None,
                paragraphs=paragraphs(prose(section.text, (*base, "text"))),
                points=points,
                points_text=enumerate_points(points, script=script),
                quotes=[
                    QuoteView(
                        text=_strip_quote_marks(prose(q.text, (*qp, "text"))),
                        by=q.by,
                        role=q.role,
                    )
                    for q, qp in zip(quotes, quote_paths, strict=True)
                ],
                after=paragraphs(prose(section.after, (*base, "after"))),
                turns=turns,
                indicators=[
                    _sentence(writer, ind, (*base, "indicators", j), marks)
                    for j, ind in enumerate(section.indicators)
                ],
                table=table,
                table_title=title,
                table_note=note,
                table_source=source,
                image=image,
                charts=charts[i],
            )
        )
    editors = []
    if meta.editors is not None:
        editors = [
            (label, getattr(meta.editors, key))
            for key, label in _EDITOR_LABELS
            if getattr(meta.editors, key)
        ]
    return ArticleView(
        meta=meta,
        genre=meta.genre,
        script=script,
        title=prose(meta.title, ("meta", "title")),
        subtitle=prose(meta.subtitle, ("meta", "subtitle")) or None,
        original_title=prose(meta.original_title, ("meta", "original_title")) or None,
        byline=list(meta.byline),
        dateline=_dateline(meta, script),
        abstract=prose(doc.abstract, ("abstract",)) or None,
        highlights=[prose(h, ("highlights", k)) for k, h in enumerate(doc.highlights)],
        lead=paragraphs(prose(doc.lead, ("lead",))),
        sections=sections,
        closing=paragraphs(prose(doc.closing, ("closing",))),
        notes=[prose(n, ("notes", k)) for k, n in enumerate(doc.notes)],
        editors=editors,
        facts=facts,
        date_text=format_date(meta.date, "ymd", script=script) if meta.date else None,
        time_text=format_date(meta.date, "iso", script=script) if meta.date else None,
        charts=[chart for placed in charts for chart in placed],
    )


def _sentence(writer: SentenceWriter, ind: Any, path: tuple[str | int, ...], marks: Any) -> str:
    try:
        return writer.sentence(ind)
    except BulletinError as exc:
        raise indicator_error(exc, ind, path, marks) from None


def _dateline(meta: Any, script: str) -> str | None:
    """``中新河南网6月30日电（记者 郑超伟 臧喜忠）`` for news releases."""
    if not meta.agency:
        return None
    day = format_date(meta.date, "md", script=script) if meta.date else ""
    reporters = f"（记者 {' '.join(meta.byline)}）" if meta.byline else ""
    return f"{meta.agency}{day}电{reporters}"


def _section_table(
    section: Section,
    meta: Any,
    script: str,
    prose: _Prose,
    base: tuple[str | int, ...],
    grouping: bool = False,
) -> tuple[str | None, str | None, str | None, str | None]:
    """The section's table in GFM, its title, note and source."""
    if isinstance(section.table, Table):
        t = section.table
        header = "| " + " | ".join(_cell(c) for c in t.columns) + " |"
        align = "|" + "|".join([":---"] + ["---:"] * (len(t.columns) - 1)) + "|"
        rows = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]
        return (
            "\n".join([header, align, *rows]),
            t.title,
            prose(t.note, (*base, "table", "note")) or None,
            t.source,
        )
    if section.table and section.indicators:
        return (
            indicator_table(
                section.indicators, baseline=meta.baseline, script=script, grouping=grouping
            ),
            None,
            prose(section.table_note, (*base, "table_note")) or None,
            section.table_source,
        )
    return None, None, None, None


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _strip_quote_marks(text: str) -> str:
    """Quotes are written without their marks; tolerate them if given."""
    text = text.strip()
    if len(text) >= 2 and text[0] in '“"「' and text[-1] in '”"」':
        return text[1:-1]
    return text


_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Composition:
    """The composed Markdown and the charts it shows."""

    markdown: str
    charts: list[ChartView]


def compose_markdown(
    doc: Document,
    *,
    script: str | None = None,
    template_dirs: Sequence[str | Path] = (),
) -> str:
    """Render ``doc`` to Markdown with its genre's template.

    ``script`` (hans, hant, hant-tw, hant-hk) defaults to the document's
    ``meta.script``.
    """
    return compose(doc, script=script, template_dirs=template_dirs).markdown


def compose(
    doc: Document,
    *,
    script: str | None = None,
    template_dirs: Sequence[str | Path] = (),
    chart_tables: bool = False,
    image_paths: Mapping[str, str] | None = None,
    font: str | None = None,
) -> Composition:
    """Compose ``doc``: its Markdown and the charts it refers to (not drawn yet)."""
    script = normalize_script(script or doc.meta.script)
    view = build_view(
        doc, script=script, chart_tables=chart_tables, image_paths=image_paths, font=font
    )
    env = template_environment(template_dirs, script=script, grouping=digit_grouping(doc, script))
    name = f"{doc.meta.genre}.md.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"找不到体裁 “{doc.meta.genre}” 的模板 {name}",
            file=_file(doc),
            hint="内置体裁：feature、news、interview、statistical、brief",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板语法错误：{exc.message}", file=exc.filename or name, line=exc.lineno, col=1
        ) from None
    try:
        text = template.render(article=view, meta=view.meta, **view.facts)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"模板 {name} 无法生成：{exc.message}", file=name) from None
    except BulletinError:
        raise
    except Exception as exc:  # a user template's own error (e.g. {{ 1 / 0 }})
        raise TemplateError(f"模板 {name} 无法生成：{exc}", file=name) from None
    text = _BLANK_RUNS.sub("\n\n", text).strip() + "\n"
    if script != "hans":
        text = to_script(text, script, keep=doc.meta.keep_words)
    if doc.meta.quote_style == "corner":
        text = corner_quotes(text)
    return Composition(markdown=text, charts=view.charts)
