"""Emit a standalone HTML news page from the composed Markdown.

The page is built from markdown-it-py's token stream (raw HTML disabled, links
limited to http, https and relative paths), so text from the data file can
never inject markup. Structure the composer writes in Markdown — the subtitle
line ``——…``, the byline ``■ …``, a quote's ``——speaker`` line, a chart image
with its ``图N`` caption, the editors' footer after ``---`` — is recognised in
the token stream and given its newspaper form. Charts whose SVG is at hand are
inlined (``role="img"`` with an aria-label), so the page is one file.

>>> page = render_html("# 标题\\n\\n正文<script>alert(1)</script>。\\n")
>>> "<script>" in page
False
>>> "正文&lt;script&gt;alert(1)&lt;/script&gt;。" in page
True
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from ..numbers.traditional import to_script
from .layout import analyse

__all__ = ["PageInfo", "markdown_parser", "render_body", "render_html"]

_LANGS = {"hans": "zh-CN", "hant": "zh-TW", "hant-tw": "zh-TW", "hant-hk": "zh-HK"}
_SAFE_SCHEME = re.compile(r"^(https?:|#|[^:]*$)", re.I)


def _validate_link(url: str) -> bool:
    """Only http(s) and relative links; nothing that could run code."""
    url = url.strip()
    # A colon before any slash, ? or # means a scheme: allow http and https only.
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    if ":" in head:
        return url.lower().startswith(("http:", "https:"))
    return bool(_SAFE_SCHEME.match(url)) and not url.startswith("//")


def markdown_parser() -> MarkdownIt:
    """The one Markdown parser of the project: CommonMark + GFM tables, no raw HTML."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.validateLink = _validate_link  # type: ignore[method-assign]
    return md


@dataclass(frozen=True)
class PageInfo:
    """What the page head needs, read from the Markdown."""

    title: str
    description: str


def _html_block(content: str) -> Token:
    token = Token("html_block", "", 0)
    token.content = content
    return token


def _inline_svg(svg: bytes, alt: str, index: int) -> str:
    text = svg.decode("utf-8")
    text = re.sub(r"^\s*<\?xml[^>]*>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    prefix = f"c{index}-"
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', text)
    label = html.escape(alt, quote=True)
    text = re.sub(
        r"<svg\b", f'<svg role="img" aria-label="{label}" class="chart-svg"', text, count=1
    )
    return text


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


def _restructure(
    tokens: list[Token],
    assets: Mapping[str, bytes],
    inline_assets: bool,
    svg_for: Mapping[str, str] | None = None,
    script: str = "hans",
) -> tuple[list[Token], PageInfo]:
    """Give the composer's Markdown conventions (:mod:`bulletin.emit.layout`) their page form."""
    page = analyse(tokens)
    svg_for = svg_for or {}
    out: list[Token] = []
    chart_index = 0
    headline_done = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i == page.footer:
            out.append(_html_block('<footer class="page-footer">\n'))
            i += 1
            continue
        figure = page.figures.get(i)
        if figure is not None:
            is_chart = figure.src in svg_for
            src = svg_for.get(figure.src, figure.src)
            if is_chart:
                chart_index += 1
            body = _figure_body(
                src, figure.alt, assets, inline_assets, chart_index, is_chart, script
            )
            cap = (
                f"<figcaption>{html.escape(figure.caption)}</figcaption>" if figure.caption else ""
            )
            kind = "chart" if is_chart else "photo"
            out.append(_html_block(f'<figure class="{kind}">\n{body}\n{cap}</figure>\n'))
            i = figure.end
            continue
        if tok.type == "heading_open" and tok.tag == "h1" and not headline_done:
            tok.attrSet("class", "headline")
            headline_done = True
        elif i in page.roles:
            tok.attrSet("class", page.roles[i])
        elif i in page.quotes:
            tok.attrSet("class", "quote")
        elif tok.type == "table_open":
            out.append(_html_block('<div class="table-wrap">\n'))
        elif tok.type == "table_close":
            out.append(tok)
            out.append(_html_block("</div>\n"))
            i += 1
            continue
        out.append(tok)
        i += 1
    if page.footer >= 0:
        out.append(_html_block("</footer>\n"))
    return out, PageInfo(title=page.title, description=page.description)


def render_body(
    markdown: str,
    *,
    assets: Mapping[str, bytes] | None = None,
    inline_assets: bool = True,
    svg_for: Mapping[str, str] | None = None,
    script: str = "hans",
) -> tuple[str, PageInfo]:
    """The article's HTML (inside ``<article>``) and the facts for the page head.

    ``svg_for`` maps an image path in the Markdown (a chart's PNG) to the SVG
    the page should use instead.
    """
    md = markdown_parser()
    tokens = md.parse(markdown)
    tokens, info = _restructure(tokens, assets or {}, inline_assets, svg_for, script)
    return md.renderer.render(tokens, md.options, {}), info


def render_html(
    markdown: str,
    *,
    script: str = "hans",
    meta: Any = None,
    assets: Mapping[str, bytes] | None = None,
    inline_assets: bool = True,
    svg_for: Mapping[str, str] | None = None,
    template_dirs: Sequence[str | Path] = (),
    extra_css: str = "",
) -> str:
    """A complete, self-contained HTML page for ``markdown``."""
    from ..compose.view import template_environment

    body, info = render_body(
        markdown, assets=assets, inline_assets=inline_assets, svg_for=svg_for, script=script
    )
    env = template_environment(template_dirs, autoescape=True, script=script)
    template = env.get_template("page.html.j2")
    css = env.loader.get_source(env, "page.css")[0] if env.loader else ""  # type: ignore[union-attr]
    return template.render(
        lang=_LANGS.get(script, "zh-CN"),
        genre=getattr(meta, "genre", "feature"),
        title=info.title,
        description=info.description,
        meta=meta,
        site=to_script(_site(meta), script, keep=getattr(meta, "keep_words", ())),
        published=_published(meta),
        body=Markup(body),
        css=Markup(_style_text(css)),
        extra_css=Markup(_style_text(extra_css)),
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
