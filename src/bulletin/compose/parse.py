"""Parse what a genre template wrote, once, into the :class:`~.article.Article` tree.

Templates write CommonMark with GFM tables, plus Pandoc-style fenced divs that
name the role of what they hold (read by mdit-py-plugins' container rule)::

    ::: subtitle
    ——昭化区卫健系统……纪实
    :::

A div holding paragraphs gives each that role (``subtitle``, ``byline``,
``dateline``, ``abstract``, ``original-title``, ``note``, ``source``,
``table-title``, ``points``, ``attribution`` inside a quote). Three divs
group blocks: ``chart`` and ``photo`` (an image paragraph, its caption and,
for a chart, its data table) and ``footer``. Everything else is what it is in
Markdown: the first level-1 heading is the title, other headings are section
headings, paragraphs are paragraphs. Nothing is recognised from the text.

Raw HTML is off and links are limited to http, https and relative paths.

>>> article = parse_article("# 标题\\n\\n::: subtitle\\n——副题\\n:::\\n\\n注：这是正文。\\n")
>>> [(b.role, b.text.text) for b in article.blocks]
[('title', '标题'), ('subtitle', '——副题'), ('paragraph', '注：这是正文。')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from ..errors import TemplateError
from ..messages import text as _t
from . import article as tree

__all__ = ["GROUP_ROLES", "markdown_parser", "parse_article"]

#: Divs that group blocks rather than give paragraphs a role.
GROUP_ROLES = frozenset({"chart", "photo", "footer"})

_DIV = re.compile(r"^\{?\s*\.?([a-z][a-z-]*)\s*\}?$")
_SAFE_SCHEME = re.compile(r"^(https?:|#|[^:]*$)", re.I)


def _validate_link(url: str) -> bool:
    """Only http(s) and relative links; nothing that could run code."""
    url = url.strip()
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    if ":" in head:
        return url.lower().startswith(("http:", "https:"))
    return bool(_SAFE_SCHEME.match(url)) and not url.startswith("//")


def _is_div(params: str, *_: Any) -> bool:
    match = _DIV.match(params.strip())
    return match is not None and (match[1] in tree.ROLES or match[1] in GROUP_ROLES)


@cache
def markdown_parser() -> MarkdownIt:
    """The one Markdown parser: CommonMark, GFM tables, role divs, no raw HTML."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.validateLink = _validate_link  # type: ignore[method-assign]
    container_plugin(md, "div", validate=_is_div)
    return md


def _role_of(token: Token) -> str:
    match = _DIV.match(token.info.strip())
    return match[1] if match else "paragraph"


def _close(tokens: list[Token], start: int) -> int:
    """Index of the token closing the one opened at ``start``."""
    depth = 0
    for k in range(start, len(tokens)):
        depth += tokens[k].nesting
        if depth == 0:
            return k
    return len(tokens) - 1  # pragma: no cover - markdown-it always closes


class _Builder:
    """Turns one markdown-it token stream into blocks."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.title_seen = False

    def inline(self, token: Token) -> tree.Inline:
        return tree.Inline(token.content, tuple(token.children or ()))

    def blocks(self, start: int, end: int, role: str | None = None) -> list[tree.Block]:
        out: list[tree.Block] = []
        i = start
        while i < end:
            block, i = self.block(i, role)
            if isinstance(block, tree.Group) and block.role not in GROUP_ROLES:
                out.extend(block.blocks)  # a role div around several paragraphs
            elif block is not None:
                out.append(block)
        return out

    def block(self, i: int, role: str | None) -> tuple[tree.Block | None, int]:
        tok = self.tokens[i]
        kind = tok.type
        if kind == "paragraph_open":
            return tree.Paragraph(self.inline(self.tokens[i + 1]), role or "paragraph"), i + 3
        if kind == "heading_open":
            return self.heading(i), i + 3
        if kind == "container_div_open":
            return self.div(i)
        if kind == "blockquote_open":
            return self.quote(i)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.listing(i, role)
        if kind == "table_open":
            end = _close(self.tokens, i)
            return self.table(i, end, role or "table"), end + 1
        if kind == "hr":
            return tree.Rule(), i + 1
        if kind in ("fence", "code_block"):
            return tree.Code(tok.content), i + 1
        return None, i + 1  # closing tokens and anything unknown

    def heading(self, i: int) -> tree.Heading:
        level = int(self.tokens[i].tag[1:])
        text = self.inline(self.tokens[i + 1])
        if level == 1 and not self.title_seen:
            self.title_seen = True
            return tree.Heading(1, text, "title")
        return tree.Heading(level, text)

    def div(self, i: int) -> tuple[tree.Block | None, int]:
        end = _close(self.tokens, i)
        role = _role_of(self.tokens[i])
        if role in ("chart", "photo"):
            return self.figure(i + 1, end, role), end + 1
        if role == "footer":
            return tree.Group("footer", tuple(self.blocks(i + 1, end))), end + 1
        inner = self.blocks(i + 1, end, role)
        if len(inner) == 1:
            return inner[0], end + 1
        return tree.Group(role, tuple(inner)), end + 1

    def quote(self, i: int) -> tuple[tree.Quote, int]:
        end = _close(self.tokens, i)
        inner = self.blocks(i + 1, end)
        attribution = None
        last = inner[-1] if inner else None
        if isinstance(last, tree.Paragraph) and last.role == "attribution":
            inner.pop()
            attribution = last.text
        return tree.Quote(tuple(inner), attribution), end + 1

    def listing(self, i: int, role: str | None) -> tuple[tree.ListBlock, int]:
        tok = self.tokens[i]
        end = _close(self.tokens, i)
        items: list[tuple[tree.Block, ...]] = []
        k = i + 1
        while k < end:
            if self.tokens[k].type == "list_item_open":
                close = _close(self.tokens, k)
                items.append(tuple(self.blocks(k + 1, close)))
                k = close + 1
            else:
                k += 1
        ordered = tok.type == "ordered_list_open"
        tight = all(
            t.hidden
            for t in self.tokens[i:end]
            if t.type == "paragraph_open" and t.level == tok.level + 2
        )
        return (
            tree.ListBlock(
                ordered=ordered,
                items=tuple(items),
                start=int(tok.attrGet("start") or 1),
                marker=tok.markup or ("." if ordered else "-"),
                tight=tight,
                role=role or "list",
            ),
            end + 1,
        )

    def table(self, start: int, end: int, role: str) -> tree.Table:
        header: list[tree.Inline] = []
        rows: list[list[tree.Inline]] = []
        aligns: list[str] = []
        in_head = False
        for k in range(start, end):
            tok = self.tokens[k]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open" and not in_head:
                rows.append([])
            elif tok.type in ("th_open", "td_open"):
                cell = self.inline(self.tokens[k + 1])
                if in_head:
                    header.append(cell)
                    style = str(tok.attrGet("style") or "")
                    found = re.search(r"text-align:\s*(left|right|center)", style)
                    aligns.append(found[1] if found else "")
                else:
                    rows[-1].append(cell)
        return tree.Table(tuple(header), tuple(tuple(r) for r in rows), tuple(aligns), role)

    def figure(self, start: int, end: int, kind: str) -> tree.Figure:
        inner = self.blocks(start, end)
        image: Token | None = None
        caption: tree.Inline | None = None
        table: tree.Table | None = None
        for block in inner:
            if isinstance(block, tree.Paragraph) and image is None:
                image = next((c for c in block.text.children if c.type == "image"), None)
                if image is not None:
                    continue
            if isinstance(block, tree.Paragraph) and caption is None:
                caption = block.text
            elif isinstance(block, tree.Table):
                table = block
        if image is None:
            raise TemplateError(
                _t("compose.block_without_image", kind=kind),
                hint=_t("compose.block_without_image.hint"),
            )
        alt = "".join(c.content for c in image.children or () if c.type == "text") or image.content
        # markdown-it percent-encodes link targets; the figure keeps the path as written
        src = markdown_parser().normalizeLinkText(str(image.attrGet("src") or ""))
        return tree.Figure(src, alt, caption, kind=kind, table=table)


def parse_article(
    markdown: str,
    *,
    genre: str = "feature",
    script: str = "hans",
    meta: Any = None,
    charts: Mapping[str, Any] | None = None,
) -> tree.Article:
    """Parse composed Markdown into an :class:`~.article.Article` (the only parse of a render).

    ``charts`` maps a chart's image path to its plan, so chart figures carry it.
    """
    tokens = markdown_parser().parse(markdown)
    blocks = _Builder(tokens).blocks(0, len(tokens))
    if charts:
        blocks = [_attach(b, charts) for b in blocks]
    return tree.Article(tuple(blocks), genre=genre, script=script, meta=meta)


def _attach(block: tree.Block, charts: Mapping[str, Any]) -> tree.Block:
    if isinstance(block, tree.Figure) and block.src in charts:
        return replace(block, chart=charts[block.src])
    return block
