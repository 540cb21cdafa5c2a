"""The composer's Markdown conventions, recognised once for every renderer.

The genre templates write a few conventions into plain Markdown: a "——"
subtitle and a "■" byline under the headline, 摘要/原标题 lines, a quote whose
last line "——speaker" names who said it, an image followed by its "图N …"
caption, notes starting 注：/数据来源：, a bold line naming the table below it,
and the editors' footer after the last rule. :func:`analyse` finds them in the
markdown-it token stream; the HTML page and the Word document both render
from its answer, so the two can never read the same text differently.

>>> from bulletin.emit.html import markdown_parser
>>> tokens = markdown_parser().parse(
...     "# 标题\\n\\n——副题\\n\\n■ 吕婷\\n\\n正文第一段，写得足够长，可以作为页面的摘要说明。\\n\\n"
...     "![柱状图](charts/a.png)\\n\\n图1 各镇接种剂次\\n\\n---\\n\\n责任编辑：张敏\\n")
>>> page = analyse(tokens)
>>> page.title, sorted(page.roles.values())
('标题', ['byline', 'subtitle'])
>>> figure = next(iter(page.figures.values()))
>>> figure.src, figure.caption, tokens[page.footer].type
('charts/a.png', '图1 各镇接种剂次', 'hr')
>>> page.description
'正文第一段，写得足够长，可以作为页面的摘要说明。'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.token import Token

__all__ = ["FigureBlock", "Layout", "analyse", "text_of"]

#: Paragraphs starting with these are notes under a table or chart.
NOTE_PREFIXES = ("注：", "註：", "数据来源：", "資料來源：", "數據來源：", "注释：", "註釋：")
#: The page description is the first paragraph at least this long (not a date line).
DESCRIPTION_MIN = 20
#: A description longer than this is cut with an ellipsis.
DESCRIPTION_MAX = 120

_CAPTION = re.compile(r"^(图|圖)\s*\d+")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d")


def text_of(token: Token) -> str:
    """The plain text of an inline token (or an image token's alt text)."""
    return "".join(c.content for c in token.children or () if c.type in ("text", "code_inline"))


@dataclass(frozen=True)
class FigureBlock:
    """A paragraph holding only an image, with the caption paragraph after it."""

    start: int  # index of the image's paragraph_open
    end: int  # index just after the figure (and its caption)
    src: str
    alt: str
    caption: str
    caption_inline: Token | None  # the caption's inline token (for its formatting)


@dataclass
class Layout:
    """What the token stream means, by token index."""

    title: str = ""
    #: paragraph_open index → subtitle, byline, abstract, original-title, dateline, note,
    #: attribution or table-title
    roles: dict[int, str] = field(default_factory=dict)
    #: blockquote_open indices of quotes that name their speaker
    quotes: set[int] = field(default_factory=set)
    #: paragraph_open index of an image paragraph → the figure
    figures: dict[int, FigureBlock] = field(default_factory=dict)
    #: index of the last top-level rule (the footer follows it), or -1
    footer: int = -1
    description: str = ""


def is_dateline(text: str) -> bool:
    """A short line under the headline that is not a sentence: date, source, issuer, guest.

    >>> is_dateline("青禾区卫生健康局　2025年4月18日"), is_dateline("全区共有医疗卫生机构312个。")
    (True, False)
    """
    if _TIMESTAMP.match(text):
        return True
    return len(text) <= 60 and "。" not in text and not text.endswith(("……", "…", "！", "？"))


def _close_of(tokens: list[Token], start: int, opening: str, closing: str) -> int:
    depth = 0
    for k in range(start, len(tokens)):
        if tokens[k].type == opening:
            depth += 1
        elif tokens[k].type == closing:
            depth -= 1
            if depth == 0:
                return k
    return len(tokens) - 1


def _figure(tokens: list[Token], i: int) -> FigureBlock | None:
    inline = tokens[i + 1]
    children = [c for c in inline.children or () if c.type != "softbreak"]
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    alt = text_of(image) or image.content
    end = i + 3
    caption, caption_inline = "", None
    if end + 1 < len(tokens) and tokens[end].type == "paragraph_open":
        following = text_of(tokens[end + 1])
        if _CAPTION.match(following) or following == alt:
            caption, caption_inline = following, tokens[end + 1]
            end += 3
    return FigureBlock(i, end, str(image.attrGet("src") or ""), alt, caption, caption_inline)


def _is_table_title(tokens: list[Token], i: int) -> bool:
    children = tokens[i + 1].children or []
    return (
        i + 3 < len(tokens)
        and tokens[i + 3].type == "table_open"
        and len(children) == 3
        and children[0].type == "strong_open"
    )


def analyse(tokens: list[Token]) -> Layout:
    """Find the conventions in ``tokens`` (from :func:`bulletin.emit.html.markdown_parser`)."""
    page = Layout()
    page.footer = max(
        (k for k, t in enumerate(tokens) if t.type == "hr" and t.level == 0), default=-1
    )
    seen_h2 = seen_body = False
    quote_depth = 0
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            if tok.tag == "h1" and not page.title:
                page.title = text_of(tokens[i + 1])
            elif tok.tag == "h2":
                seen_h2 = True
        elif tok.type == "blockquote_open":
            quote_depth += 1
            close = _close_of(tokens, i, "blockquote_open", "blockquote_close")
            if (
                close >= 3
                and tokens[close - 3].type == "paragraph_open"
                and text_of(tokens[close - 2]).startswith("——")
            ):
                page.roles[close - 3] = "attribution"
                page.quotes.add(i)
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type == "paragraph_open" and i + 2 < len(tokens):
            if any(f.start < i < f.end for f in page.figures.values()):
                continue  # a caption already taken by its figure
            figure = _figure(tokens, i) if tok.level == 0 else None
            if figure is not None:
                page.figures[i] = figure
                continue
            if quote_depth or i in page.roles:
                continue
            role = _role(text_of(tokens[i + 1]), page, seen_h2=seen_h2, seen_body=seen_body)
            if role is None and _is_table_title(tokens, i):
                role = "table-title"
            if role == "abstract" and not page.description:
                _describe(page, text_of(tokens[i + 1]).split("：", 1)[-1].strip())
            if role is not None:
                page.roles[i] = role
            elif tok.level == 0 and (page.footer < 0 or i < page.footer):
                seen_body = True
                _describe(page, text_of(tokens[i + 1]))
    return page


def _role(text: str, page: Layout, *, seen_h2: bool, seen_body: bool) -> str | None:
    if text.startswith(NOTE_PREFIXES):
        return "note"
    if seen_h2 or not page.title:
        return None
    if text.startswith("——"):
        return "subtitle"
    if text.startswith("■"):
        return "byline"
    if text.startswith(("摘要：", "摘要:")):
        return "abstract"
    if text.startswith(("原标题：", "原標題：")):
        return "original-title"
    if not seen_body and is_dateline(text):
        return "dateline"
    return None


def _describe(page: Layout, text: str) -> None:
    if page.description or len(text) < DESCRIPTION_MIN or _TIMESTAMP.match(text):
        return
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1] + "…"
    page.description = text
