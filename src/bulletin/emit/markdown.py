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
#: The chart format this output refers to (only it is drawn).
ASSETS = ("png",)
#: Whether it needs the chart files' bytes (else they need only exist).
EMBEDS = False

_ALIGN_MARKS = {"left": ":---", "right": "---:", "center": ":---:", "": "---"}


class _Writer(tree.BlockVisitor[str]):
    """Writes each kind of block as GFM."""

    def blocks(self, blocks: tuple[tree.Block, ...]) -> str:
        return "\n\n".join(self.visit(b) for b in blocks)

    def heading(self, block: tree.Heading) -> str:
        return "#" * block.level + " " + block.text.source

    def paragraph(self, block: tree.Paragraph) -> str:
        return block.text.source

    def quote(self, block: tree.Quote) -> str:
        parts = [self.blocks(block.blocks)]
        if block.attribution is not None:
            parts.append(block.attribution.source)
        inner = "\n\n".join(p for p in parts if p)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))

    def listing(self, block: tree.ListBlock) -> str:
        lines = []
        for k, item in enumerate(block.items):
            marker = f"{block.start + k}{block.marker}" if block.ordered else block.marker
            pad = " " * (len(marker) + 1)
            body = self.blocks(item).replace("\n", "\n" + pad).replace(pad + "\n", "\n")
            lines.append(f"{marker} {body}")
        return ("\n" if block.tight else "\n\n").join(lines)

    def table(self, block: tree.Table) -> str:
        lines = ["| " + " | ".join(c.source for c in block.header) + " |"]
        lines.append("|" + "|".join(_ALIGN_MARKS.get(a, "---") for a in block.aligns) + "|")
        lines += ["| " + " | ".join(c.source for c in row) + " |" for row in block.rows]
        return "\n".join(lines)

    def figure(self, block: tree.Figure) -> str:
        alt = block.alt.replace("[", "（").replace("]", "）").replace("\n", " ")
        parts = [f"![{alt}]({block.src})"]
        if block.caption is not None:
            parts.append(block.caption.source)
        if block.table is not None:
            parts.append(self.table(block.table))
        return "\n\n".join(parts)

    def rule(self, block: tree.Rule) -> str:
        return "---"

    def group(self, block: tree.Group) -> str:
        inner = self.blocks(block.blocks)
        return f"---\n\n{inner}" if block.role == "footer" else inner

    def code(self, block: tree.Code) -> str:
        return "```\n" + block.text.rstrip("\n") + "\n```"


def markdown_blocks(blocks: tuple[tree.Block, ...]) -> str:
    """Blocks as Markdown, separated by blank lines."""
    return _Writer().blocks(blocks)


def emit(article: tree.Article, context: EmitContext) -> str:
    """The article as GFM Markdown (ends with one newline)."""
    return markdown_blocks(article.blocks) + "\n"
