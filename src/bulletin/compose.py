"""Compose a document into Markdown with the genre's Jinja template.

The composer renders every piece of user prose first (see :mod:`bulletin.prose`),
builds a small view of the article, and hands it to ``templates/zh/<genre>.md.j2``.
Templates run in Jinja's sandbox; a user's template folder is searched before
the built-in one.

>>> from bulletin.document import loads
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .document import LoadedDocument
from .errors import BulletinError, DataError, TemplateError
from .filters import register_filters
from .model import Document, Quote
from .numerals import to_chinese_numeral
from .prose import make_prose_environment, render_prose
from .resolve import Fact, resolve_facts

__all__ = ["ArticleView", "SectionView", "compose_markdown", "template_environment"]


@dataclass(frozen=True)
class QuoteView:
    """A rendered quote."""

    text: str
    by: str | None
    role: str | None


@dataclass(frozen=True)
class SectionView:
    """A rendered section, ready for a template."""

    heading: str | None
    paragraphs: list[str]
    points: list[str]
    points_text: str | None
    quotes: list[QuoteView]
    after: list[str]
    charts: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleView:
    """Everything a genre template needs, all user text already rendered."""

    meta: Any
    title: str
    subtitle: str | None
    byline: list[str]
    lead: list[str]
    sections: list[SectionView]
    closing: list[str]
    editors: list[tuple[str, str]]
    facts: dict[str, Fact]


def template_environment(
    template_dirs: Sequence[str | Path] = (), *, autoescape: bool = False
) -> SandboxedEnvironment:
    """The sandboxed environment for templates: user folders first, then built-ins.

    Markdown templates are rendered without escaping (their text is escaped
    when the Markdown becomes HTML); the HTML page template with autoescape.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
    loaders.append(jinja2.PackageLoader("bulletin", "templates/zh"))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    register_filters(env)
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

    def __init__(self, doc: Document, facts: dict[str, Fact]) -> None:
        self.doc = doc
        self.facts = facts
        self.env = make_prose_environment()
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


def build_view(doc: Document, *, script: str = "hans") -> ArticleView:
    """Render all user prose of ``doc`` and collect it into an :class:`ArticleView`."""
    facts = resolve_facts(doc, script=script)
    _check_figures(doc, facts)
    prose = _Prose(doc, facts)
    meta = doc.meta

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
        sections.append(
            SectionView(
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
        title=prose(meta.title, ("meta", "title")),
        subtitle=prose(meta.subtitle, ("meta", "subtitle")) or None,
        byline=list(meta.byline),
        lead=paragraphs(prose(doc.lead, ("lead",))),
        sections=sections,
        closing=paragraphs(prose(doc.closing, ("closing",))),
        editors=editors,
        facts=facts,
    )


def _strip_quote_marks(text: str) -> str:
    """Quotes are written without their marks; tolerate them if given."""
    text = text.strip()
    if len(text) >= 2 and text[0] in '“"「' and text[-1] in '”"」':
        return text[1:-1]
    return text


_BLANK_RUNS = re.compile(r"\n{3,}")


def compose_markdown(
    doc: Document,
    *,
    script: str = "hans",
    template_dirs: Sequence[str | Path] = (),
) -> str:
    """Render ``doc`` to Markdown with its genre's template."""
    view = build_view(doc, script=script)
    env = template_environment(template_dirs)
    name = f"{doc.meta.genre}.md.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"找不到体裁 “{doc.meta.genre}” 的模板 {name}",
            file=_file(doc),
            hint="目前可用的体裁：feature（纪实）",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板语法错误：{exc.message}", file=exc.filename or name, line=exc.lineno, col=1
        ) from None
    try:
        text = template.render(article=view, meta=view.meta, **view.facts)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"模板 {name} 无法生成：{exc.message}", file=name) from None
    text = _BLANK_RUNS.sub("\n\n", text).strip() + "\n"
    return text
