"""Emit clean GFM Markdown from the Article: what a person reads and edits.

Role markers do not appear: a role shows the way a newspaper shows it, by the
text the template gave it (——副题, ■ 署名, 注：…). Formatted text is written
from its Markdown source, so user text keeps its escapes.

>>> from bulletin.compose.parse import parse_article
>>> print(emit(parse_article("# 标题\\n\\n::: byline\\n■ 吕婷\\n:::\\n\\n> “好。”\\n>\\n"
...                          "> ::: attribution\\n> ——王大爷\\n> :::\\n"), EmitContext()), end="")
# 标题
<BLANKLINE>
■ 吕婷
<BLANKLINE>
> “好。”
>
> ——王大爷
"""

from __future__ import annotations

from ..compose import article as tree
from . import EmitContext

__all__ = ["BINARY", "FORMAT", "emit", "markdown_blocks"]

FORMAT = "md"
BINARY = False

_ALIGN_MARKS = {"left": ":---", "right": "---:", "center": ":---:", "": "---"}


def _table(table: tree.Table) -> str:
    lines = ["| " + " | ".join(c.source for c in table.header) + " |"]
    lines.append("|" + "|".join(_ALIGN_MARKS.get(a, "---") for a in table.aligns) + "|")
    lines += ["| " + " | ".join(c.source for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _quote(quote: tree.Quote) -> str:
    parts = [markdown_blocks(quote.blocks)]
    if quote.attribution is not None:
        parts.append(quote.attribution.source)
    inner = "\n\n".join(p for p in parts if p)
    return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))


def _list(block: tree.ListBlock) -> str:
    lines = []
    for k, item in enumerate(block.items):
        marker = f"{block.start + k}{block.marker}" if block.ordered else block.marker
        body = markdown_blocks(item)
        pad = " " * (len(marker) + 1)
        lines.append(f"{marker} " + body.replace("\n", "\n" + pad).replace(pad + "\n", "\n"))
    return ("\n" if block.tight else "\n\n").join(lines)


def _figure(figure: tree.Figure) -> str:
    alt = figure.alt.replace("[", "（").replace("]", "）").replace("\n", " ")
    parts = [f"![{alt}]({figure.src})"]
    if figure.caption is not None:
        parts.append(figure.caption.source)
    if figure.table is not None:
        parts.append(_table(figure.table))
    return "\n\n".join(parts)


def _block(block: tree.Block) -> str:
    if isinstance(block, tree.Heading):
        return "#" * block.level + " " + block.text.source
    if isinstance(block, tree.Paragraph):
        return block.text.source
    if isinstance(block, tree.Quote):
        return _quote(block)
    if isinstance(block, tree.ListBlock):
        return _list(block)
    if isinstance(block, tree.Table):
        return _table(block)
    if isinstance(block, tree.Figure):
        return _figure(block)
    if isinstance(block, tree.Rule):
        return "---"
    if isinstance(block, tree.Group):
        inner = markdown_blocks(block.blocks)
        return f"---\n\n{inner}" if block.role == "footer" else inner
    if isinstance(block, tree.Code):
        return "```\n" + block.text.rstrip("\n") + "\n```"
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover


def markdown_blocks(blocks: tuple[tree.Block, ...]) -> str:
    """Blocks as Markdown, separated by blank lines."""
    return "\n\n".join(_block(b) for b in blocks)


def emit(article: tree.Article, context: EmitContext) -> str:
    """The article as GFM Markdown (ends with one newline)."""
    return markdown_blocks(article.blocks) + "\n"
