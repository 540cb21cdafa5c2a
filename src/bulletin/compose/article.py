"""The Article: one document tree, from compose to every output format.

An :class:`Article` is a sequence of blocks, each with an explicit role
(``title``, ``subtitle``, ``byline``, ``dateline``, ``abstract``,
``original-title``, ``lead``, ``paragraph``, ``points``, ``note``, ``source``,
``table-title``, ``caption``, ``attribution`` …). Roles are carried from the
genre template's markers, never recognised again from the text, so a user's
paragraph that starts with ■, ——, 注： or 图1 stays a paragraph.

Formatted text is an :class:`Inline`: the Markdown source the template wrote
(user text already escaped) and its markdown-it inline tokens, parsed once.
Emitters read whichever they need: Markdown writes ``source``, HTML renders
the tokens, Word walks them.

>>> from bulletin.compose.parse import parse_article
>>> article = parse_article("# 标题\\n\\n::: byline\\n■ 吕婷\\n:::\\n\\n■ 正文段落。\\n")
>>> [(type(b).__name__, b.role) for b in article.blocks]
[('Heading', 'title'), ('Paragraph', 'byline'), ('Paragraph', 'paragraph')]
>>> article.title
'标题'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from markdown_it.token import Token

if TYPE_CHECKING:
    from ..resolve.chart_plan import ChartPlan

T = TypeVar("T")

__all__ = [
    "ROLES",
    "VISIT",
    "Article",
    "Block",
    "BlockVisitor",
    "Figure",
    "Group",
    "Heading",
    "Inline",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Rule",
    "Span",
    "Table",
    "break_is_space",
    "link_text",
]

#: Every role a block may carry (templates mark the ones that are not plain paragraphs).
ROLES = (
    "title",
    "subtitle",
    "byline",
    "dateline",
    "abstract",
    "original-title",
    "lead",
    "heading",
    "paragraph",
    "points",
    "quote",
    "attribution",
    "figure",
    "caption",
    "table",
    "table-title",
    "note",
    "source",
    "notes",
    "footer",
)


@dataclass(frozen=True)
class Inline:
    """Formatted text: its Markdown source and its inline tokens (parsed once)."""

    source: str
    children: tuple[Token, ...] = ()

    def spans(self) -> Iterator[Span]:
        """The text as a writer lays it out: runs with their formatting, in order.

        A soft line break is a space between Latin words and nothing beside Chinese;
        a web link is followed by its address in brackets when it does not show it;
        an image inside text becomes ［alt］. Empty text tokens of the parser are kept.

        >>> from bulletin.compose.parse import parse_article
        >>> (p,) = parse_article("**甲**乙[网站](https://x.cn)\\\\\\n丙").blocks
        >>> [(s.kind, s.text, s.bold) for s in p.text.spans() if s.text or s.kind == "break"]
        ... # doctest: +NORMALIZE_WHITESPACE
        [('text', '甲', True), ('text', '乙', False), ('text', '网站', False),
         ('link', '（https://x.cn）', False), ('break', '', False), ('text', '丙', False)]
        """
        depth = {"strong": 0, "em": 0}
        links: list[str] = []
        children = self.children
        for k, child in enumerate(children):
            kind = child.type
            if kind in _NESTING:
                which, change = _NESTING[kind]
                depth[which] += change
                continue
            span = _span(children, k, links)
            if span is not None:
                yield Span(span[0], span[1], depth["strong"] > 0, depth["em"] > 0)

    @property
    def text(self) -> str:
        """The plain text (formatting dropped; line breaks inside a paragraph dropped)."""
        return "".join(c.content for c in self.children if c.type in ("text", "code_inline"))


@dataclass(frozen=True)
class Span:
    """A run of text with its formatting (see :meth:`Inline.spans`).

    ``kind`` is ``text``, ``code``, ``space`` (a soft line break between words),
    ``link`` (a link's address), ``image`` (［alt］) or ``break`` (a hard line break).
    """

    kind: str
    text: str
    bold: bool = False
    italic: bool = False


_NESTING = {
    "strong_open": ("strong", 1),
    "strong_close": ("strong", -1),
    "em_open": ("em", 1),
    "em_close": ("em", -1),
}


def _span(children: Sequence[Token], k: int, links: list[str]) -> tuple[str, str] | None:
    """The (kind, text) of inline token ``children[k]``, or None when it shows nothing."""
    child = children[k]
    kind = child.type
    if kind in ("text", "code_inline"):
        return ("text" if kind == "text" else "code"), child.content
    if kind == "softbreak":
        return ("space", " ") if break_is_space(children, k) else None
    if kind == "hardbreak":
        return "break", ""
    if kind == "link_open":
        links.append(str(child.attrGet("href") or ""))
    elif kind == "link_close":
        href = links.pop() if links else ""
        if re.match(r"^https?://", href, re.I) and href != link_text(children, k):
            return "link", f"（{href}）"
    elif kind == "image":
        alt = "".join(t.content for t in child.children or () if t.type == "text")
        if alt or child.content:
            return "image", f"［{alt or child.content}］"
    return None


@dataclass(frozen=True)
class Heading:
    """A headline (level 1, role ``title``) or a section heading."""

    level: int
    text: Inline
    role: str = "heading"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with its role."""

    text: Inline
    role: str = "paragraph"

    #: The longest line that counts as a label introducing the next block.
    LABEL_CHARS = 12

    @property
    def introduces_next(self) -> bool:
        """A short line ending in a colon (注释：, 其中：) introduces the block after it:
        a page must not end between them.

        >>> from markdown_it.token import Token
        >>> def line(text):
        ...     return Paragraph(Inline(text, (Token("text", "", 0, content=text),)))
        >>> line("注释：").introduces_next, line("全区共有医疗卫生机构：").introduces_next
        (True, True)
        >>> line("正文。").introduces_next, line("2024年全区卫生健康事业情况如下：").introduces_next
        (False, False)
        """
        text = self.text.text.strip()
        return len(text) <= self.LABEL_CHARS and text.endswith(("：", ":"))


@dataclass(frozen=True)
class Quote:
    """Words of a person: the quoted paragraphs and who said them."""

    blocks: tuple[Block, ...]
    attribution: Inline | None = None
    role: str = "quote"


@dataclass(frozen=True)
class ListBlock:
    """A list; each item is a tuple of blocks."""

    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1
    marker: str = "."
    tight: bool = True
    role: str = "list"


@dataclass(frozen=True)
class Table:
    """A table: header cells, body rows and each column's alignment."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    aligns: tuple[str, ...]  # "left" | "right" | "center" | ""
    role: str = "table"


@dataclass(frozen=True)
class Figure:
    """A chart or a photo, with its caption (and a chart's data table)."""

    src: str
    alt: str
    caption: Inline | None = None
    kind: str = "photo"  # "chart" | "photo"
    chart: ChartPlan | None = None
    table: Table | None = None
    role: str = "figure"


@dataclass(frozen=True)
class Rule:
    """A thematic break."""

    role: str = "rule"


@dataclass(frozen=True)
class Group:
    """Blocks that belong together under one role (the page footer)."""

    role: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Code:
    """Preformatted text (only from a user's own template)."""

    text: str
    role: str = "code"


Block = Heading | Paragraph | Quote | ListBlock | Table | Figure | Rule | Group | Code

#: The method a :class:`BlockVisitor` calls for each kind of block.
VISIT = {
    Heading: "heading",
    Paragraph: "paragraph",
    Quote: "quote",
    ListBlock: "listing",
    Table: "table",
    Figure: "figure",
    Rule: "rule",
    Group: "group",
    Code: "code",
}


class BlockVisitor(Generic[T]):
    """Walks blocks by kind: :meth:`visit` calls the method named in :data:`VISIT`
    (``heading``, ``paragraph`` …), which a writer defines for every kind it writes.

    >>> class Count(BlockVisitor[int]):
    ...     def heading(self, block: Heading) -> int: return 1
    ...     def paragraph(self, block: Paragraph) -> int: return 0
    >>> Count().visit(Heading(1, Inline("标题")))
    1
    """

    def visit(self, block: Block) -> T:
        """The result of this visitor's method for ``block``'s kind."""
        method: Callable[[Block], T] = getattr(self, VISIT[type(block)])
        return method(block)


@dataclass(frozen=True)
class Article:
    """A composed article: its blocks and what every output needs to know about it."""

    blocks: tuple[Block, ...]
    genre: str = "feature"
    script: str = "hans"
    meta: Any = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The headline's plain text ('' when there is none)."""
        for block in self.blocks:
            if isinstance(block, Heading) and block.role == "title":
                return block.text.text
        return ""

    def walk(self) -> Iterator[Block]:
        """Every block, depth first, in document order."""
        yield from _walk(self.blocks)

    @property
    def description(self) -> str:
        """A summary for the page head: the abstract, else the first body paragraph
        of at least :data:`DESCRIPTION_MIN` characters (cut at :data:`DESCRIPTION_MAX`)."""
        text = ""
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.role == "abstract":
                text = block.text.text.split("：", 1)[-1].strip()
                break
        if not text:
            text = next(
                (
                    b.text.text
                    for b in self.blocks
                    if isinstance(b, Paragraph)
                    and b.role in BODY_ROLES
                    and len(b.text.text) >= DESCRIPTION_MIN
                ),
                "",
            )
        if len(text) > DESCRIPTION_MAX:
            text = text[: DESCRIPTION_MAX - 1] + "…"
        return text


#: Paragraph roles that are running text (the rest are furniture of the page).
BODY_ROLES = frozenset({"lead", "paragraph", "points"})
#: The page description is the first body paragraph at least this long.
DESCRIPTION_MIN = 20
#: A description longer than this is cut with an ellipsis.
DESCRIPTION_MAX = 120


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def break_is_space(children: Sequence[Token], k: int) -> bool:
    """Whether the soft line break ``children[k]`` reads as a space: between two words
    of Latin text yes, beside Chinese text no (Chinese lines join without a gap).

    >>> from bulletin.compose.parse import parse_article
    >>> blocks = parse_article("a\\nb\\n\\n甲\\n乙\\n").blocks
    >>> [break_is_space(b.text.children, 1) for b in blocks]
    [True, False]
    """
    before = children[k - 1].content[-1:] if k else ""
    after = children[k + 1].content[:1] if k + 1 < len(children) else ""
    return bool(before and after) and not (_CJK.match(before) or _CJK.match(after))


def link_text(children: Sequence[Token], close: int) -> str:
    """The plain text of the link whose ``link_close`` token is ``children[close]``."""
    k = close - 1
    parts: list[str] = []
    while k >= 0 and children[k].type != "link_open":
        if children[k].type in ("text", "code_inline"):
            parts.append(children[k].content)
        k -= 1
    return "".join(reversed(parts))


def _walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, (Quote, Group)):
            yield from _walk(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _walk(item)
