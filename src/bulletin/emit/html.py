"""Emit a standalone HTML news page from the Article.

Each block becomes its newspaper form: the headline, the ``subtitle`` and
``byline`` lines, quotes with their attribution, figures with captions (charts
inline as SVG with ``role="img"`` and an aria-label, so the page is one file),
tables in a scrolling wrapper, the footer. Roles come from the Article, never
from the text. Formatted text is rendered by markdown-it-py's own renderer,
which escapes it: text from the data file can never inject markup.

>>> from bulletin.compose.parse import parse_article
>>> page = emit(parse_article("# 标题\\n\\n正文\\\\<script\\\\>。\\n"), EmitContext())
>>> "<script>" in page, "正文&lt;script&gt;。" in page
(False, True)
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown_it.renderer import RendererHTML
from markupsafe import Markup

from ..compose import article as tree
from ..compose.parse import markdown_parser
from ..compose.templates import template_environment
from ..numbers.scripts import to_script
from ..resolve.style import Style
from . import EmitContext
from ._lines import prepare as prepare  # the headline word list, loaded before a batch
from ._lines import segments

__all__ = ["BINARY", "FORMAT", "LANGUAGES", "ROLE_CLASSES", "emit", "render_body"]

FORMAT = "html"
BINARY = False
#: The chart format this output refers to (only it is drawn).
ASSETS = ("svg",)
#: Whether it needs the chart files' bytes (else they need only exist).
EMBEDS = "inline"

#: The page's ``lang`` for each script: plain ``hant`` is Traditional Chinese of no
#: region (zh-Hant), Taiwan and Hong Kong texts say their region.
LANGUAGES = {"hans": "zh-CN", "hant": "zh-Hant", "hant-tw": "zh-TW", "hant-hk": "zh-HK"}

#: The CSS class of a paragraph with each role (roles not listed have none).
ROLE_CLASSES = {
    "subtitle": "subtitle",
    "byline": "byline",
    "dateline": "dateline",
    "abstract": "abstract",
    "original-title": "original-title",
    "attribution": "attribution",
    "note": "note",
    "source": "note",
    "table-title": "table-title",
}


def _inline(text: tree.Inline) -> str:
    md = markdown_parser()
    renderer: RendererHTML = md.renderer  # type: ignore[assignment]
    return renderer.renderInline(list(text.children), md.options, {})


def _breakable(text: tree.Inline) -> str:
    """Display text (headline, heading) whose lines may break only between words: a
    ``<wbr>`` between segments, and ``word-break: keep-all`` in the page's CSS."""
    md = markdown_parser()
    renderer: RendererHTML = md.renderer  # type: ignore[assignment]
    parts = []
    for child in text.children:
        if child.type == "text":
            parts.append(_with_breaks(child.content))
        else:
            parts.append(renderer.renderInline([child], md.options, {}))
    return "".join(parts)


def _with_breaks(text: str) -> str:
    """Escaped text with a ``<wbr>`` wherever a line may break between two words.

    >>> _with_breaks("卫生健康委员会 <b>")
    '卫生健康<wbr>委员会 &lt;<wbr>b&gt;'
    """
    out: list[str] = []
    for k, piece in enumerate(segments(text)):
        if k and not out[-1].endswith(" "):
            out.append("<wbr>")
        out.append(html.escape(piece, quote=False))
    return "".join(out)


def _class(role: str) -> str:
    name = ROLE_CLASSES.get(role)
    return f' class="{name}"' if name else ""


#: Comments in a chart's SVG (matplotlib writes each text as a comment).
_SVG_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)


def _inline_svg(svg: bytes, alt: str, index: int) -> str:
    """A chart's SVG file (as matplotlib writes it) as markup inside the page: without
    the XML declaration, doctype, metadata and comments, its ids prefixed by the
    chart's index (ids must be unique on the page), labelled for screen readers.

    >>> print(_inline_svg(b'<?xml version="1.0"?>\\n<!-- c --><svg>\\n <metadata>m</metadata>\\n'
    ...                   b' <g id="a" clip-path="url(#a)"/><use xlink:href="#a"/></svg>', "图", 2))
    <svg role="img" aria-label="图" class="chart-svg">
     <g id="c2-a" clip-path="url(#c2-a)"/><use xlink:href="#c2-a"/></svg>
    """
    text = svg.decode("utf-8")
    text = text[max(text.find("<svg"), 0) :]
    start = text.find("<metadata>")
    if start >= 0:
        end = text.find("</metadata>", start)
        if end >= 0:
            text = text[:start] + text[end + len("</metadata>") :].lstrip()
    text = _SVG_COMMENT.sub("", text)
    prefix = f"c{index:d}-"
    text = text.replace(' id="', f' id="{prefix}').replace("url(#", f"url(#{prefix}")
    text = text.replace('href="#', f'href="#{prefix}')
    label = html.escape(alt, quote=True)
    if not text.startswith("<svg"):
        return text
    return f'<svg role="img" aria-label="{label}" class="chart-svg"' + text[4:]


_MIME = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


def _figure_body(
    src: str,
    alt: str,
    assets: Mapping[str, bytes],
    inline_assets: bool,
    index: int,
    is_chart: bool,
    script: str = "hans",
) -> str:
    """The image of a figure: inline SVG, an embedded photo, a link, or a placeholder."""
    label = html.escape(alt, quote=True)
    if src in assets:
        if inline_assets and src.endswith(".svg"):
            return _inline_svg(assets[src], alt, index)
        if inline_assets:
            mime = _MIME.get(Path(src).suffix.lower(), "application/octet-stream")
            data = base64.b64encode(assets[src]).decode("ascii")
            return f'<img src="data:{mime};base64,{data}" alt="{label}">'
        return f'<img src="{html.escape(src, quote=True)}" alt="{label}">'
    if not is_chart and not re.match(r"^https?:", src, re.I):
        # the photo file was not found next to the data file: keep the place, show the caption
        return (
            f'<div class="photo-missing" role="img" aria-label="{label}">'
            f"{to_script('照片待补', script)}：{html.escape(src)}</div>"
        )
    return f'<img src="{html.escape(src, quote=True)}" alt="{label}">'


class _Writer(tree.BlockVisitor[str]):
    """Writes blocks as HTML in the form markdown-it's renderer gives them."""

    def __init__(self, context: EmitContext, script: str) -> None:
        self.assets = context.assets
        self.inline_assets = context.inline_assets
        self.script = script
        self.charts = 0

    def blocks(self, blocks: tuple[tree.Block, ...], *, tight: bool = False) -> str:
        return "".join(self.block(b, tight=tight) for b in blocks)

    def block(self, block: tree.Block, *, tight: bool = False) -> str:
        if isinstance(block, tree.Paragraph) and tight:
            return _inline(block.text)
        return self.visit(block)

    def heading(self, block: tree.Heading) -> str:
        tag = f"h{block.level}"
        cls = ' class="headline"' if block.role == "title" else ""
        return f"<{tag}{cls}>{_breakable(block.text)}</{tag}>\n"

    def paragraph(self, block: tree.Paragraph) -> str:
        return f"<p{_class(block.role)}>{_inline(block.text)}</p>\n"

    def quote(self, block: tree.Quote) -> str:
        inner = self.blocks(block.blocks)
        if block.attribution is not None:
            inner += f'<p class="attribution">{_inline(block.attribution)}</p>\n'
        cls = ' class="quote"' if block.attribution is not None else ""
        return f"<blockquote{cls}>\n{inner}</blockquote>\n"

    def listing(self, block: tree.ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = []
        for item in block.items:
            body = self.blocks(item, tight=block.tight)
            items.append(f"<li>{body}</li>\n" if block.tight else f"<li>\n{body}</li>\n")
        return f"<{tag}{start}>\n{''.join(items)}</{tag}>\n"

    def table(self, block: tree.Table) -> str:
        def cells(row: tuple[tree.Inline, ...], tag: str) -> str:
            out = []
            for k, cell in enumerate(row):
                align = block.aligns[k] if k < len(block.aligns) else ""
                style = f' style="text-align:{align}"' if align else ""
                out.append(f"<{tag}{style}>{_inline(cell)}</{tag}>\n")
            return "<tr>\n" + "".join(out) + "</tr>\n"

        head = "<thead>\n" + cells(block.header, "th") + "</thead>\n"
        rows = "".join(cells(r, "td") for r in block.rows)
        body = f"<tbody>\n{rows}</tbody>\n" if block.rows else ""
        return f'<div class="table-wrap">\n<table>\n{head}{body}</table>\n</div>\n'

    def figure(self, block: tree.Figure) -> str:
        is_chart = block.chart is not None
        src = block.chart.svg if block.chart is not None else block.src
        if is_chart:
            self.charts += 1
        body = _figure_body(
            src, block.alt, self.assets, self.inline_assets, self.charts, is_chart, self.script
        )
        cap = ""
        if block.caption is not None:
            cap = f"<figcaption>{_with_breaks(block.caption.text)}</figcaption>"
        table = self.table(block.table) if block.table is not None else ""
        return f'<figure class="{block.kind}">\n{body}\n{cap}</figure>\n{table}'

    def rule(self, block: tree.Rule) -> str:
        return "<hr />\n"

    def group(self, block: tree.Group) -> str:
        inner = self.blocks(block.blocks)
        if block.role == "footer":
            return f'<footer class="page-footer">\n{inner}</footer>\n'
        return inner

    def code(self, block: tree.Code) -> str:
        return f"<pre><code>{html.escape(block.text)}</code></pre>\n"


def render_body(article: tree.Article, context: EmitContext | None = None) -> str:
    """The article's HTML, as it goes inside ``<article>``."""
    writer = _Writer(context or EmitContext(), article.script)
    return writer.blocks(article.blocks)


def emit(article: tree.Article, context: EmitContext) -> str:
    """A complete, self-contained HTML page for ``article``."""
    meta = article.meta
    script = article.script
    env = template_environment(context.template_dirs, style=Style(script=script), markdown=False)
    template = env.get_template("page.html.j2")
    css = env.loader.get_source(env, "page.css")[0] if env.loader else ""
    return template.render(
        lang=LANGUAGES.get(script, "zh-CN"),
        genre=article.genre,
        title=article.title,
        description=article.description,
        meta=meta,
        site=to_script(_site(meta), script, keep=getattr(meta, "keep_words", ())),
        published=_published(meta),
        body=Markup(render_body(article, context)),
        css=Markup(_style_text(css)),
        extra_css=Markup(_style_text(context.extra_css)),
    )


def _site(meta: Any) -> str:
    """The name in the masthead: the publication, else the organization or district."""
    for key in ("source", "organization", "district"):
        value = getattr(meta, key, None)
        if value:
            return str(value)
    return ""


def _published(meta: Any) -> str:
    """The document date as ISO 8601 for <time> and Open Graph ('' when none)."""
    date = getattr(meta, "date", None)
    return date.isoformat() if date is not None else ""


def _style_text(css: str) -> str:
    """CSS is placed in a <style> element: it must not be able to close it."""
    return re.sub(r"</", r"<\\/", css)
