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

A chart links its PNG file, or its SVG file when ``context.md_charts`` is ``"svg"``
(then only the SVG is drawn); its alt text does not change:

>>> import re, bulletin
>>> doc = bulletin.loads('meta: {title: 标题}\\nsections: [{text: "共{{ beds }}。"}]\\n'
...                      "figures: {beds: {value: 3, unit: 张, by: {甲: 1, 乙: 2}}}\\n")
>>> for charts in ("png", "svg"):
...     text = bulletin.render(doc, "md", md_charts=charts, draw_charts=False)["md"]
...     print(re.sub("-[0-9a-f]{10}[.]", "-….", text.splitlines()[4]))
![环形图：beds。合计3张，乙占66.7%，甲占33.3%。](charts/beds-….png)
![环形图：beds。合计3张，乙占66.7%，甲占33.3%。](charts/beds-….svg)
"""

from __future__ import annotations

from ..compose import article as tree
from . import EmitContext

__all__ = ["BINARY", "FORMAT", "assets_for", "emit", "markdown_blocks"]

FORMAT = "md"
BINARY = False
#: The chart format this output refers to (only it is drawn) unless
#: ``md_charts`` says otherwise (see :func:`assets_for`).
ASSETS = ("png",)
#: Whether it needs the chart files' bytes (else they need only exist).
EMBEDS = False

_ALIGN_MARKS = {"left": ":---", "right": "---:", "center": ":---:", "": "---"}


def assets_for(context: EmitContext) -> tuple[str, ...]:
    """The chart format the text links: ``context.md_charts`` (``png`` unless asked).

    >>> assets_for(EmitContext()), assets_for(EmitContext(md_charts="svg"))
    (('png',), ('svg',))
    """
    return (context.md_charts,)


class _Writer(tree.BlockVisitor[str]):
    """Writes each kind of block as GFM (charts link their ``charts`` format)."""

    def __init__(self, charts: str = "png") -> None:
        self.charts = charts

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
        src = block.chart.svg if block.chart is not None and self.charts == "svg" else block.src
        parts = [f"![{alt}]({src})"]
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


def markdown_blocks(blocks: tuple[tree.Block, ...], *, charts: str = "png") -> str:
    """Blocks as Markdown, separated by blank lines; charts link their ``charts`` file."""
    return _Writer(charts).blocks(blocks)


def emit(article: tree.Article, context: EmitContext) -> str:
    """The article as GFM Markdown (ends with one newline)."""
    return markdown_blocks(article.blocks, charts=context.md_charts) + "\n"
