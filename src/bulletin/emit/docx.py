"""Emit a Word document (.docx) from the Article.

The Word file walks the same :class:`~bulletin.compose.article.Article` as
the HTML page, so a genre template (built in or the user's own) shapes both.
Every block has its role from the template, never recognised again from the
text, and each role has its paragraph style (:data:`ROLE_STYLES`): the
headline in Title, the ``subtitle`` and ``byline`` in 楷体, the ``abstract``
and ``original-title`` with their label in bold, quotes with their
attribution set right, figures with a Caption, ``note`` and ``source`` lines,
the footer group under a rule. The page has the form of a Chinese official
document or newspaper page: A4, 宋体 body text indented two characters, 黑体
section headings, indicator tables with shaded headers and right-aligned
numbers.

Every style names its East Asian font (``w:eastAsia``) and language
(``zh-CN``, ``zh-TW`` or ``zh-HK``): without them LibreOffice draws Japanese
glyph forms. Text from the data file only ever becomes run text, which
python-docx escapes; links become their text plus the web address. The same
input gives a byte-identical file (fixed core-property dates and zip times).

>>> import io, docx
>>> from bulletin.compose.parse import parse_article
>>> from bulletin.emit import EmitContext
>>> article = parse_article(
...     "# 标题\\n\\n::: byline\\n■ 吕婷\\n:::\\n\\n正文<w:t>。\\n\\n■ 也是正文。\\n")
>>> data = emit(article, EmitContext())
>>> data[:2]
b'PK'
>>> for p in docx.Document(io.BytesIO(data)).paragraphs:
...     print(f"{p.style.name}: {p.text}")
Title: 标题
Byline: ■ 吕婷
Body Text: 正文<w:t>。
Body Text: ■ 也是正文。
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from ..compose import article as tree
from ..errors import BulletinError
from ..messages import text as _t
from ..numbers.scripts import to_script
from . import EmitContext, placeholder_text
from ._fonts import NamedFont
from ._layout import Layout, chart_width_mm, layout_named
from ._lines import lines
from ._lines import prepare as prepare  # the headline word list, loaded before a batch

__all__ = [
    "BINARY",
    "DOCUMENT_LANGUAGES",
    "FORMAT",
    "LANGUAGES",
    "ROLE_STYLES",
    "DocxFonts",
    "emit",
    "fonts_for",
]

FORMAT = "docx"
BINARY = True
#: The chart format this output refers to (only it is drawn).
ASSETS = ("png",)
#: Whether it needs the chart files' bytes (else they need only exist).
EMBEDS = True

#: The ``w:lang w:eastAsia`` value for each script. Word's editing languages are
#: regional (w:lang takes the tags Word has a locale for: zh-CN, zh-TW, zh-HK …;
#: there is no region-less Traditional Chinese among them), so plain ``hant``
#: is marked zh-TW, the Traditional Chinese locale Word and LibreOffice both
#: know: their fonts, line breaking and proofing then treat the text as
#: Traditional. The document's own language (core ``language``, a free
#: BCP 47 tag) says zh-Hant, as the HTML page does (:data:`DOCUMENT_LANGUAGES`).
LANGUAGES = {"hans": "zh-CN", "hant": "zh-TW", "hant-tw": "zh-TW", "hant-hk": "zh-HK"}

#: The core property ``language`` (dc:language, BCP 47) for each script.
DOCUMENT_LANGUAGES = {"hans": "zh-CN", "hant": "zh-Hant", "hant-tw": "zh-TW", "hant-hk": "zh-HK"}


#: The font of code, unless one is named.
_MONO = "Courier New"


@dataclass(frozen=True)
class DocxFonts:
    """Font names written into the styles (English names, which Word, WPS and
    fontconfig all know; the font table gives the Chinese names as ``altName``)."""

    body: str  # 正文：宋体 / 新細明體
    heading: str  # 小标题：黑体 / 微軟正黑體
    kai: str  # 副题、署名、引语：楷体 / 標楷體
    latin: str = "Times New Roman"
    title: str = ""  # 标题：公文的小标宋；空则同正文
    mono: str = _MONO  # 代码

    @property
    def names(self) -> list[str]:
        """Every font the styles name, once each (for the font table)."""
        found = [self.latin, self.body, self.heading, self.kai, self.title or self.body]
        if self.mono != _MONO:
            found.append(self.mono)
        return list(dict.fromkeys(found))

    def named(self, fonts: Sequence[NamedFont]) -> DocxFonts:
        """These fonts with the ones a user named for roles (``meta.fonts``, ``--font``).

        >>> from ._fonts import NamedFont
        >>> named = [NamedFont("body", "仿宋_GB2312", "仿宋_GB2312"),
        ...          NamedFont("sans", "黑体", "黑体")]
        >>> fonts = fonts_for("hans", "gbt9704").named(named)
        >>> fonts.body, fonts.heading, fonts.kai
        ('仿宋_GB2312', '黑体', 'KaiTi')
        """
        fields = {"body": "body", "title": "title", "kai": "kai", "sans": "heading",
                  "number": "latin", "mono": "mono"}  # fmt: skip
        return replace(self, **{fields[f.role]: f.word_name for f in fonts})


_FONTS_HANS = DocxFonts(body="SimSun", heading="SimHei", kai="KaiTi")
_FONTS_HANT = DocxFonts(body="PMingLiU", heading="Microsoft JhengHei", kai="DFKai-SB")
#: GB/T 9704: 仿宋 body, 黑体 and 楷体 headings, 小标宋 title (Word uses them when installed).
_FONTS_GBT = DocxFonts(body="FangSong", heading="SimHei", kai="KaiTi", title="方正小标宋简体")
_FONTS_GBT_HANT = DocxFonts(
    body="PMingLiU", heading="Microsoft JhengHei", kai="DFKai-SB", title="PMingLiU"
)

#: English name → (Chinese name, panose, charset) for the font table.
_FONT_TABLE = {
    "SimSun": ("宋体", "02010600030101010101", "86", "roman"),
    "SimHei": ("黑体", "02010609060101010101", "86", "modern"),
    "KaiTi": ("楷体", "02010609060101010101", "86", "modern"),
    "PMingLiU": ("新細明體", "02020500000000000000", "88", "roman"),
    "Microsoft JhengHei": ("微軟正黑體", "020B0604030504040204", "88", "swiss"),
    "DFKai-SB": ("標楷體", "03000509000000000000", "88", "script"),
    "FangSong": ("仿宋", "02010609060101010101", "86", "modern"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "02000000000000000000", "86", "auto"),
    "Times New Roman": ("", "02020603050405020304", "00", "roman"),
}


def fonts_for(script: str, layout: str = "news") -> DocxFonts:
    """The fonts for a script: mainland fonts for ``hans``, Taiwan/Hong Kong ones otherwise;
    the ``gbt9704`` layout sets the body in 仿宋 and the title in 小标宋.

    >>> fonts_for("hans").body, fonts_for("hant-hk").heading, fonts_for("hans", "gbt9704").body
    ('SimSun', 'Microsoft JhengHei', 'FangSong')
    """
    if layout == "gbt9704":
        return _FONTS_GBT if script == "hans" else _FONTS_GBT_HANT
    return _FONTS_HANS if script == "hans" else _FONTS_HANT


# Sizes of the Chinese type scale (号), in points.
_ER_HAO = 22.0  # 二号：标题
_SI_HAO = 14.0  # 四号：小标题、副题
_XIAO_SI = 12.0  # 小四：正文
_WU_HAO = 10.5  # 五号：注、表格、页脚
_XIAO_WU = 9.0  # 小五：页码

#: A4 (mm); the margins are the layout's (news: those Word uses for Chinese documents).
_PAGE_MM = (210, 297)
#: Photos are at most the text width and _PHOTO_MAX_H tall; charts are set so their
#: text is no larger than the body text (_layout.chart_width_mm).
_PHOTO_MAX_H_CM = 11.0
_PHOTO_WIDTH_CM = 14.5
#: The fallback date of the core properties and zip entries when meta.date is absent.
_EPOCH = dt.datetime(2000, 1, 1)

NUMERIC_CELL = _NUMERIC = re.compile(
    r"^[-+−]?[\d.,，]+\s*\S{0,6}$|^[\d.]+\s*[%‰]$|^(增加|减少|減少|增长|增長|下降|提高|降低|持平)"
)
_PICTURE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"}
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


# --------------------------------------------------------------------------- styles


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _element(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(_qn(f"w:{key}"), value)
    return el


def _rpr_fonts(rpr: Any, fonts: DocxFonts, east_asia: str, lang: str) -> None:
    """Replace the run properties' fonts and language: no theme fonts, explicit names."""
    for tag in ("w:rFonts", "w:lang"):
        for old in rpr.findall(_qn(tag)):
            rpr.remove(old)
    rfonts = _element(
        "w:rFonts", ascii=fonts.latin, hAnsi=fonts.latin, eastAsia=east_asia, cs=fonts.latin
    )
    rpr.insert(0, rfonts)
    # w:lang comes late in the CT_RPr sequence; appending keeps the schema order
    # for the properties python-docx writes (b, i, color, sz, szCs come before it).
    rpr.append(_element("w:lang", val="en-US", eastAsia=lang, bidi="ar-SA"))


@dataclass(frozen=True)
class _StyleSpec:
    name: str
    font: str  # "body" | "heading" | "kai"
    size: float
    bold: bool = False
    align: str = "justify"
    indent_chars: int = 0  # first-line indent, in characters
    left_chars: int = 0
    right_chars: int = 0
    hanging_chars: float = 0  # a list item's number hangs out to the left
    line: float = 1.5
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    outline: int | None = None
    color: str | None = None
    grid: bool = True  # lines snap to the document grid (gbt9704: body-size text only)
    condense: int = 0  # character spacing, twentieths of a point (gbt9704: 28 to a line)


_SPECS = (
    _StyleSpec("Normal", "body", _XIAO_SI, align="justify", line=1.5),
    _StyleSpec(
        "Title", "body", _ER_HAO, bold=True, align="center", line=1.25, after=12, keep_next=True
    ),
    _StyleSpec("Subtitle", "kai", _SI_HAO, align="center", line=1.25, after=6, keep_next=True),
    _StyleSpec("Byline", "kai", _XIAO_SI, align="center", line=1.25, after=6),
    _StyleSpec("Dateline", "body", _WU_HAO, align="center", line=1.25, after=6, color="404040"),
    _StyleSpec(
        "Abstract",
        "kai",
        _XIAO_SI,
        align="justify",
        left_chars=2,
        right_chars=2,
        line=1.5,
        before=6,
        after=6,
    ),
    _StyleSpec("Original Title", "body", _WU_HAO, align="left", line=1.25, after=6, color="595959"),
    _StyleSpec("Body Text", "body", _XIAO_SI, align="justify", indent_chars=2),
    _StyleSpec(
        "Heading 1",
        "heading",
        _SI_HAO,
        align="center",
        before=12,
        after=6,
        keep_next=True,
        outline=0,
    ),
    _StyleSpec(
        "Heading 2",
        "heading",
        _XIAO_SI,
        align="left",
        indent_chars=2,
        before=6,
        after=3,
        keep_next=True,
        outline=1,
    ),
    _StyleSpec(
        "Heading 3",
        "kai",
        _XIAO_SI,
        bold=True,
        align="left",
        indent_chars=2,
        keep_next=True,
        outline=2,
    ),
    _StyleSpec(
        "Quote", "kai", _XIAO_SI, align="justify", indent_chars=2, left_chars=2, right_chars=2
    ),
    _StyleSpec("Quote Attribution", "kai", _XIAO_SI, align="right", right_chars=2, after=6),
    _StyleSpec(
        "List Paragraph", "body", _XIAO_SI, align="justify", left_chars=4, hanging_chars=1.5
    ),
    _StyleSpec(
        "Note List", "body", _WU_HAO, align="justify", line=1.25, left_chars=4, hanging_chars=1.5
    ),
    _StyleSpec("Figure", "body", _XIAO_SI, align="center", line=1.0, before=6, keep_next=True),
    _StyleSpec("Caption", "heading", _WU_HAO, align="center", line=1.25, after=6),
    _StyleSpec(
        "Table Title",
        "heading",
        _WU_HAO,
        align="center",
        line=1.25,
        before=6,
        after=3,
        keep_next=True,
    ),
    _StyleSpec("Table Text", "body", _WU_HAO, align="left", line=1.0, before=1.5, after=1.5),
    _StyleSpec("Note", "body", _WU_HAO, align="justify", indent_chars=2, line=1.25),
    _StyleSpec("Footer Text", "body", _WU_HAO, align="left", line=1.25),
    _StyleSpec("Footer", "body", _XIAO_WU, align="center", line=1.0),
    _StyleSpec("Code", "body", _WU_HAO, align="left", line=1.0),
)


#: The news sizes (号) → the gbt9704 sizes: body text 三号, notes and tables 四号.
_GBT_SIZES = {_XIAO_SI: 16.0, _SI_HAO: 16.0, _WU_HAO: 14.0, _XIAO_WU: 14.0, _ER_HAO: 22.0}
#: gbt9704 looks that differ from the news page beyond sizes.
_GBT_CHANGES: dict[str, dict[str, Any]] = {
    "Title": {"font": "title", "bold": False, "after": 16},
    "Heading 1": {"align": "left", "indent_chars": 2, "before": 0, "after": 0},
    "Heading 2": {"font": "kai", "before": 0, "after": 0},
    "Heading 3": {"font": "body", "bold": True},
    "Caption": {"font": "heading"},
}


def _specs(layout: Layout) -> tuple[_StyleSpec, ...]:
    """The paragraph styles of a layout: the news page, or the GB/T 9704 page, where
    body-size text keeps to the 22-line grid and everything else leaves it."""
    if layout.name != "gbt9704":
        return _SPECS
    specs = []
    for spec in _SPECS:
        size = _GBT_SIZES.get(spec.size, spec.size)
        grid = size == layout.body_pt
        changes: dict[str, Any] = {"size": size, "line": 1.0, "grid": grid}
        if grid:
            changes["condense"] = layout.docx_condense()
        changes.update(_GBT_CHANGES.get(spec.name, {}))
        if not changes["grid"] and spec.line > 1.0:
            changes["line"] = 1.15
        specs.append(replace(spec, **changes))
    return tuple(specs)


def _define_styles(document: Any, fonts: DocxFonts, lang: str, layout: Layout) -> None:
    """Document defaults and every paragraph style the emitter uses, from scratch."""
    styles = document.styles
    _document_defaults(styles, fonts, lang, layout.body_pt)
    for spec in _specs(layout):
        _define_style(styles, spec, fonts, lang)
    # Character styles the template links to old paragraph looks are harmless; the
    # table style gets the body font too.
    grid = styles["Table Grid"]
    _rpr_fonts(grid.element.get_or_add_rPr(), fonts, fonts.body, lang)


def _document_defaults(styles: Any, fonts: DocxFonts, lang: str, size: float) -> None:
    """The document defaults: the size, language and fonts every run inherits."""
    defaults = styles.element.find(_qn("w:docDefaults"))
    rpr_default = defaults.find(_qn("w:rPrDefault"))
    rpr = rpr_default.find(_qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_element("w:sz", val=str(int(size * 2))))
    rpr.append(_element("w:szCs", val=str(int(size * 2))))
    _rpr_fonts(rpr, fonts, fonts.body, lang)
    ppr = defaults.find(_qn("w:pPrDefault")).find(_qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_element("w:spacing", after="0", line="240", lineRule="auto"))


def _style_of(styles: Any, name: str) -> Any:
    """The template's style ``name`` with its look reset, or a new paragraph style."""
    from docx.enum.style import WD_STYLE_TYPE

    if name not in {s.name for s in styles}:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
        return style
    style = styles[name]
    for tag in ("w:pPr", "w:rPr"):  # reset the template's look (theme fonts, colours)
        for old in style.element.findall(_qn(tag)):
            style.element.remove(old)
    for link in style.element.findall(_qn("w:link")):
        style.element.remove(link)
    return style


def _define_style(styles: Any, spec: _StyleSpec, fonts: DocxFonts, lang: str) -> None:
    """One paragraph style: font, size, colour, language, spacing and indents."""
    from docx.shared import Pt, RGBColor

    style = _style_of(styles, spec.name)
    if spec.name != "Normal":
        style.base_style = styles["Normal"]
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = False
    font.color.rgb = RGBColor.from_string(spec.color) if spec.color else RGBColor(0, 0, 0)
    east_asia = {
        "body": fonts.body, "heading": fonts.heading, "kai": fonts.kai,
        "title": fonts.title or fonts.body,
    }[spec.font]  # fmt: skip
    rpr = style.element.get_or_add_rPr()
    _rpr_fonts(rpr, fonts, east_asia, lang)
    if spec.condense:
        rpr.find(_qn("w:sz")).addprevious(_element("w:spacing", val=str(spec.condense)))
    _paragraph_format(style.paragraph_format, spec)
    ppr = style.element.get_or_add_pPr()
    _indent_chars(ppr, spec)
    if spec.outline is not None:
        ppr.append(_element("w:outlineLvl", val=str(spec.outline)))
    if not spec.grid:
        ppr.append(_element("w:snapToGrid", val="0"))
    if spec.name == "Normal":
        # no automatic gap between Chinese and Latin letters or digits: the news
        # style writes “20余条”, not “20 余条”
        ppr.append(_element("w:autoSpaceDE", val="0"))
        ppr.append(_element("w:autoSpaceDN", val="0"))
    _sort_ppr(ppr)


def _paragraph_format(pf: Any, spec: _StyleSpec) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    pf.alignment = _alignments()[spec.align]
    pf.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    pf.line_spacing = spec.line
    pf.space_before = Pt(spec.before)
    pf.space_after = Pt(spec.after)
    pf.keep_with_next = spec.keep_next
    pf.widow_control = True
    pf.first_line_indent = Pt(spec.size * spec.indent_chars) if spec.indent_chars else Pt(0)
    if spec.hanging_chars:
        pf.first_line_indent = Pt(-spec.size * spec.hanging_chars)
    pf.left_indent = Pt(spec.size * spec.left_chars) if spec.left_chars else None
    pf.right_indent = Pt(spec.size * spec.right_chars) if spec.right_chars else None


def _indent_chars(ppr: Any, spec: _StyleSpec) -> None:
    """Indents in character units too, so they follow the font size."""
    ind = ppr.find(_qn("w:ind"))
    if ind is None:
        return
    for attr, chars in (
        ("w:firstLineChars", spec.indent_chars),
        ("w:leftChars", spec.left_chars),
        ("w:rightChars", spec.right_chars),
        ("w:hangingChars", spec.hanging_chars),
    ):
        if chars:
            ind.set(_qn(attr), str(int(chars * 100)))


def _alignments() -> dict[str, Any]:
    """Paragraph alignments by name (python-docx is imported only when a file is written)."""
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT

    return {
        "left": WD_PARAGRAPH_ALIGNMENT.LEFT,
        "center": WD_PARAGRAPH_ALIGNMENT.CENTER,
        "right": WD_PARAGRAPH_ALIGNMENT.RIGHT,
        "justify": WD_PARAGRAPH_ALIGNMENT.JUSTIFY,
    }


#: CT_PPrBase child order (the subset written here).
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr",
    "shd", "tabs", "autoSpaceDE", "autoSpaceDN", "snapToGrid", "spacing", "ind", "jc",
    "outlineLvl", "rPr",
    "sectPr", "pPrChange",
]  # fmt: skip


def _sort_ppr(ppr: Any) -> None:
    order = {_qn(f"w:{t}"): k for k, t in enumerate(_PPR_ORDER)}
    children = list(ppr)
    children.sort(key=lambda el: order.get(el.tag, len(order) - 3))
    for child in children:
        ppr.remove(child)
    for child in children:
        ppr.append(child)


# --------------------------------------------------------------------------- writer


#: Paragraph style for each paragraph role; a role not listed is running text (Body Text).
#: Inside a quote a paragraph is a Quote, inside the footer group a Footer Text.
ROLE_STYLES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "byline": "Byline",
    "dateline": "Dateline",
    "abstract": "Abstract",
    "original-title": "Original Title",
    "lead": "Body Text",
    "paragraph": "Body Text",
    "points": "Body Text",
    "attribution": "Quote Attribution",
    "caption": "Caption",
    "note": "Note",
    "source": "Note",
    "table-title": "Table Title",
}

#: Roles whose leading label (摘要：, 原标题：) is set in bold.
_LABELLED = frozenset({"abstract", "original-title"})
_LABEL = re.compile(r"^[^：:\s]{1,5}[：:]")
#: Section headings numbered 一、二、 take the official-document form.
_NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
#: After a paragraph in one of these styles, a list is a list of notes.
_NOTE_STYLES = ("Note", "Note List")
#: Inline tokens that open or close bold and italic: which, and the change in depth.


class _Writer(tree.BlockVisitor[None]):
    """Appends the Article's blocks to a Document as paragraphs, pictures and tables."""

    def __init__(
        self,
        document: Any,
        *,
        script: str,
        assets: Mapping[str, bytes],
        fonts: DocxFonts,
        layout: Layout | None = None,
    ) -> None:
        self.doc = document
        self.layout = layout or layout_named(None)
        self.sizes = {spec.name: spec.size for spec in _specs(self.layout)}
        self.script = script
        self.assets = assets
        self.fonts = fonts
        self.quote_depth = 0
        self.in_footer = False
        self.top_rule = False  # the next paragraph opens the footer: a rule above it
        self.after_note = False
        self.item_marker: str | None = None  # the number or bullet of the next list paragraph
        self.picture_id = 0

    def blocks(self, blocks: Sequence[tree.Block]) -> None:
        for block in blocks:
            self.visit(block)

    def add_paragraph(self, style: str) -> Any:
        para = self.doc.add_paragraph(style=style)
        if self.top_rule:
            self.top_rule = False
            _top_rule(para)
        return para

    # -- blocks ------------------------------------------------------------------------

    def heading(self, block: tree.Heading) -> None:
        level = min(max(block.level - 1, 1), 3)
        style = "Title" if block.role == "title" else f"Heading {level}"
        para = self.add_paragraph(style)
        if style != "Title" and block.level <= 2 and _NUMBERED_HEADING.match(block.text.text):
            _flush_left(para, self.sizes[style])
        self._lines(para, block.text, self.sizes[style])
        self.after_note = False

    def _lines(self, para: Any, inline: tree.Inline, size: float) -> None:
        """A headline, heading or caption broken between words, never inside one, and
        with no character alone on its last line (plain text; formatted text as runs)."""
        if not all(child.type == "text" for child in inline.children):
            self._runs(para, inline)
            return
        for k, line in enumerate(lines(inline.text, self.layout.width_em(size) * _FONT_ROOM)):
            if k:
                para.add_run().add_break()
            self._run(para, line)

    def paragraph(self, block: tree.Paragraph) -> None:
        marker, self.item_marker = self.item_marker, None
        style = self._style(block.role)
        if marker is not None:
            style = "Note List" if self.after_note else "List Paragraph"
        para = self.add_paragraph(style)
        if marker is not None:
            self._run(para, marker + " ")
        if style == "Subtitle":  # part of the headline: broken between words as well
            self._lines(para, block.text, self.sizes[style])
        else:
            self._runs(para, block.text, bold_label=_label(block))
        if block.introduces_next:
            para.paragraph_format.keep_with_next = True
        self.after_note = style in _NOTE_STYLES

    def _style(self, role: str) -> str:
        """The paragraph style of a paragraph with ``role`` where the writer is now."""
        if role == "attribution":
            return ROLE_STYLES[role]
        if self.quote_depth:
            return "Quote"
        if self.in_footer:
            return "Footer Text"
        return ROLE_STYLES.get(role, "Body Text")

    def quote(self, block: tree.Quote) -> None:
        self.quote_depth += 1
        self.blocks(block.blocks)
        self.quote_depth -= 1
        if block.attribution is not None:
            self._runs(self.add_paragraph("Quote Attribution"), block.attribution)
            self.after_note = False

    def listing(self, block: tree.ListBlock) -> None:
        for k, item in enumerate(block.items):
            self.item_marker = f"{block.start + k}{block.marker}" if block.ordered else "•"
            self.blocks(item)
        self.item_marker = None

    def rule(self, block: tree.Rule) -> None:
        para = self.add_paragraph("Footer Text")
        ppr = para._p.get_or_add_pPr()
        border = _element("w:pBdr")
        border.append(_element("w:bottom", val="single", sz="4", space="1", color="808080"))
        ppr.append(border)
        _sort_ppr(ppr)

    def group(self, block: tree.Group) -> None:
        if block.role != "footer":
            self.blocks(block.blocks)
            return
        self.in_footer = self.top_rule = True
        self.blocks(block.blocks)
        self.in_footer = self.top_rule = False

    def code(self, block: tree.Code) -> None:
        for line in block.text.rstrip("\n").split("\n"):
            self._run(self.add_paragraph("Code"), line, code=True)

    # -- figures ---------------------------------------------------------------------

    def figure(self, block: tree.Figure) -> None:
        """The picture (or a placeholder in its place), its caption and a chart's table."""
        para = self.add_paragraph("Figure")
        para.paragraph_format.keep_with_next = block.caption is not None
        data = self.assets.get(block.src)
        if not self._picture(para, block, data):
            self._placeholder(para, block, unusable=data is not None)
        if block.caption is not None:
            self._lines(self.add_paragraph("Caption"), block.caption, self.sizes["Caption"])
        if block.table is not None:
            self.table(block.table)
        self.after_note = False

    def _picture(self, para: Any, block: tree.Figure, data: bytes | None) -> bool:
        """Put the picture in ``para``; False when there is none Word can show."""
        if data is None or PurePosixPath(block.src).suffix.lower() not in _PICTURE_TYPES:
            return False
        from docx.image.image import Image
        from docx.shared import Cm

        try:
            info = Image.from_blob(data)
            width: int = Cm(min(_PHOTO_WIDTH_CM, self.layout.text_width_mm / 10))
            if block.kind == "chart":
                width = Cm(round(chart_width_mm(self.layout) / 10, 2))
            elif info.px_width:
                height = width * info.px_height / info.px_width
                if height > Cm(_PHOTO_MAX_H_CM):
                    width = int(Cm(_PHOTO_MAX_H_CM) * info.px_width / info.px_height)
            run = para.add_run()
            run.add_picture(io.BytesIO(data), width=width)
        except Exception:  # an unreadable picture keeps its place as text
            return False
        self.picture_id += 1
        self._describe_picture(run, block)
        return True

    def _describe_picture(self, run: Any, block: tree.Figure) -> None:
        """Alt text and a stable name on the picture (docPr); attribute values are escaped."""
        for doc_pr in run._r.iter(_qn("wp:docPr")):
            doc_pr.set("name", f"{'图表' if block.kind == 'chart' else '图片'} {self.picture_id}")
            doc_pr.set("descr", block.alt)
        for c_nv_pr in run._r.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"
        ):
            c_nv_pr.set("name", PurePosixPath(block.src).name)

    def _placeholder(self, para: Any, block: tree.Figure, *, unusable: bool) -> None:
        """A picture that is not at hand keeps its place: a framed line naming the file."""
        from docx.shared import RGBColor

        text = placeholder_text(block, unusable=unusable, fmt="Word", script=self.script)
        run = self._run(para, text)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        ppr = para._p.get_or_add_pPr()
        border = _element("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            border.append(_element(f"w:{side}", val="dashed", sz="4", space="4", color="808080"))
        ppr.append(border)
        _sort_ppr(ppr)

    # -- tables -----------------------------------------------------------------------

    def table(self, block: tree.Table) -> None:
        """A full-width table: shaded header row repeated on each page, numbers right."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Cm

        rows = [(True, block.header), *((False, row) for row in block.rows)]
        ncols = max(len(cells) for _, cells in rows)
        if not ncols:
            return
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_borders(table)
        widths = _column_widths(
            [[c.text for c in cells] for _, cells in rows], ncols, self.layout.text_width_mm / 10
        )
        for j, width in enumerate(widths):
            table.columns[j].width = Cm(width)
        for r, (is_header, cells) in enumerate(rows):
            row = table.rows[r]
            if is_header:
                row._tr.get_or_add_trPr().append(_element("w:tblHeader"))
            for j in range(ncols):
                align = block.aligns[j] if j < len(block.aligns) else ""
                inline = cells[j] if j < len(cells) else None
                self._cell(row.cells[j], widths[j], inline, align, header=is_header)
        # a little air after the table
        self.doc.add_paragraph(style="Table Text")
        self.after_note = False

    def _cell(
        self, cell: Any, width: float, inline: tree.Inline | None, align: str, *, header: bool
    ) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
        from docx.shared import Cm

        cell.width = Cm(width)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        para = cell.paragraphs[0]
        para.style = self.doc.styles["Table Text"]
        if inline is None:
            return
        if header:
            para.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
            _shade(cell, "D9D9D9")
        elif align:
            para.alignment = _alignments()[align]
        elif _NUMERIC.match(inline.text.strip()):
            para.alignment = WD_PARAGRAPH_ALIGNMENT.RIGHT
        self._runs(para, inline, bold=header)

    # -- inline ------------------------------------------------------------------------

    def _run(self, para: Any, text: str, *, bold: bool = False, italic: bool = False,
             code: bool = False) -> Any:  # fmt: skip
        run = para.add_run(text)
        if bold:
            run.bold = True
        if italic:
            # Chinese type has no italics: emphasis is set in 楷体
            rpr = run._r.get_or_add_rPr()
            rpr.insert(0, _element("w:rFonts", eastAsia=self.fonts.kai))
        if code:
            run.font.name = self.fonts.mono
        return run

    def _runs(
        self, para: Any, inline: tree.Inline, *, bold: bool = False, bold_label: str | None = None
    ) -> None:
        """The runs of formatted text: bold, 楷体 for emphasis, links with their address."""
        for span in inline.spans():
            strong = bold or span.bold
            if span.kind == "text":
                bold_label = self._text(para, span, strong, bold_label)
            elif span.kind == "code":
                self._run(para, span.text, bold=strong, code=True)
            elif span.kind == "break":
                para.add_run().add_break()
            else:  # a space, a link's address, an image's alt text
                self._run(para, span.text)

    def _text(self, para: Any, span: tree.Span, bold: bool, label: str | None) -> str | None:
        """A text span's run (its label in bold first); returns the label still to find."""
        text = span.text
        if label and text.startswith(label):
            self._run(para, label, bold=True)
            text = text[len(label) :]
            label = None
        if text:
            self._run(para, text, bold=bold, italic=span.italic)
        return label


#: The share of a line a headline may fill in Word. The fonts a .docx names (SimSun,
#: 小标宋, Times New Roman) are not in it: a machine without them lays the line out in
#: wider ones (bold digits especially), so a headline that only just fits here would
#: leave its last character alone on a second line there; one that nearly fills the
#: line is set on two even lines instead.
_FONT_ROOM = 0.94


def _label(block: tree.Paragraph) -> str | None:
    """The label (摘要：, 原标题：) of an abstract or original-title line, set in bold."""
    if block.role not in _LABELLED:
        return None
    match = _LABEL.match(block.text.text)
    return match[0] if match else None


def _flush_left(para: Any, size: float) -> None:
    """A newspaper subhead is centred (the style); 一、二、 headings take the
    official-document form: flush left, indented two characters."""
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
    from docx.shared import Pt

    para.alignment = WD_PARAGRAPH_ALIGNMENT.LEFT
    para.paragraph_format.first_line_indent = Pt(size * 2)
    ind = para._p.get_or_add_pPr().find(_qn("w:ind"))
    ind.set(_qn("w:firstLineChars"), "200")


def _top_rule(para: Any) -> None:
    """The rule above the footer, on its first paragraph."""
    from docx.shared import Pt

    para.paragraph_format.space_before = Pt(18)
    ppr = para._p.get_or_add_pPr()
    border = _element("w:pBdr")
    border.append(_element("w:top", val="single", sz="6", space="6", color="000000"))
    ppr.append(border)
    _sort_ppr(ppr)


def _column_widths(rows: list[list[str]], ncols: int, total: float) -> list[float]:
    """Column widths (cm) proportional to the longest text, CJK counting double."""

    def width(text: str) -> int:
        return sum(2 if _CJK.match(ch) else 1 for ch in text)

    longest = [
        max((width(cells[j]) for cells in rows if j < len(cells)), default=2) + 2
        for j in range(ncols)
    ]
    need = sum(longest)
    return [round(total * w / need, 2) for w in longest]


def _table_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(_qn("w:tblBorders")):
        tblpr.remove(old)
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        size = "8" if side in ("top", "bottom") else "4"
        borders.append(_element(f"w:{side}", val="single", sz=size, space="0", color="000000"))
    # CT_TblPr order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, …
    layout = tblpr.find(_qn("w:tblLayout"))
    look = tblpr.find(_qn("w:tblLook"))
    anchor = layout if layout is not None else look
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tblpr.append(borders)
    margins = _element("w:tblCellMar")
    for side, value in (("left", "85"), ("right", "85")):
        margins.append(_element(f"w:{side}", w=value, type="dxa"))
    if look is not None:
        look.addprevious(margins)
    else:
        tblpr.append(margins)


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = _element("w:shd", val="clear", color="auto", fill=fill)
    valign = tcpr.find(_qn("w:vAlign"))
    if valign is not None:
        valign.addprevious(shd)
    else:
        tcpr.append(shd)


# --------------------------------------------------------------------------- page, package


def _page_setup(document: Any, layout: Layout) -> None:
    """A4 with the layout's margins and grid; page numbers “— 1 —” centred (news) or
    at the outer edge, one character in (gbt9704: odd pages right, even pages left)."""
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
    from docx.shared import Cm, Mm, Pt

    section = document.sections[0]
    section.page_width = Mm(_PAGE_MM[0])
    section.page_height = Mm(_PAGE_MM[1])
    top, bottom, left, right = layout.margins_mm
    section.top_margin = Mm(top)
    section.bottom_margin = Mm(bottom)
    section.left_margin = Mm(left)
    section.right_margin = Mm(right)
    section.header_distance = Cm(1.5)
    if layout.page_number_outside:
        # the number's line sits 7 mm under the text block
        gap = bottom - layout.page_number_gap_mm - layout.page_number_pt * 1.3 * 25.4 / 72
        section.footer_distance = Mm(round(gap, 1))
        document.settings.odd_and_even_pages_header_footer = True
        size = Pt(layout.page_number_pt)
        _page_number(document, section.footer, WD_PARAGRAPH_ALIGNMENT.RIGHT, size)
        _page_number(document, section.even_page_footer, WD_PARAGRAPH_ALIGNMENT.LEFT, size)
    else:
        section.footer_distance = Cm(1.75)
        _page_number(document, section.footer, WD_PARAGRAPH_ALIGNMENT.CENTER, None)
    # the document grid: lines per page (and characters per line) as the layout says
    for old in section._sectPr.findall(_qn("w:docGrid")):
        section._sectPr.remove(old)
    section._sectPr.append(_element("w:docGrid", **layout.docx_grid()))


def _page_number(document: Any, footer: Any, align: Any, size: Any) -> None:
    """“— 1 —” in a footer; a number at the edge stands one character in."""
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT

    para = footer.paragraphs[0]
    para.style = document.styles["Footer"]
    para.alignment = align
    if size is not None:
        if align == WD_PARAGRAPH_ALIGNMENT.RIGHT:
            para.paragraph_format.right_indent = size
        elif align == WD_PARAGRAPH_ALIGNMENT.LEFT:
            para.paragraph_format.left_indent = size
    para.add_run("— ")
    field = _element("w:fldSimple", instr=" PAGE ")
    run = _element("w:r")
    text = _element("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    para._p.append(field)
    para.add_run(" —")


def _drop_template_extras(document: Any) -> None:
    """The template's thumbnail (a blank page) and Word 2010's second styles copy go."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rid]
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rid]


def _core_properties(document: Any, meta: Any, title: str, lang: str) -> None:
    props = document.core_properties
    author = ""
    if meta is not None:
        byline = getattr(meta, "byline", None) or []
        author = (
            getattr(meta, "organization", None)
            or " ".join(str(b) for b in byline)
            or getattr(meta, "source", None)
            or ""
        )
    stamp = _timestamp(meta)
    props.title = title
    props.subject = str(getattr(meta, "subtitle", None) or "")
    props.author = str(author)
    props.last_modified_by = str(author)
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = lang
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _timestamp(meta: Any) -> dt.datetime:
    value = getattr(meta, "date", None)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return _EPOCH


def _font_table(fonts: DocxFonts) -> bytes:
    """A font table naming our fonts (Chinese names as ``altName``), not the template's."""
    from xml.sax.saxutils import quoteattr

    names = fonts.names
    parts = [
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ]
    chinese = {fonts.body, fonts.heading, fonts.kai, fonts.title}
    for name in names:
        # a font a user named: no panose; the GB2312 charset for a Chinese role
        alt, panose, charset, family = _FONT_TABLE.get(
            name, ("", "", "86" if name in chinese else "00", "auto")
        )
        parts.append(f"<w:font w:name={quoteattr(name)}>")
        if alt:
            parts.append(f"<w:altName w:val={quoteattr(alt)}/>")
        if panose:
            parts.append(f'<w:panose1 w:val="{panose}"/>')
        parts.append(
            f'<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    parts.append("</w:fonts>")
    return "".join(parts).encode("utf-8")


_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><Application>bulletin</Application>"
    b"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _theme(xml: bytes, fonts: DocxFonts) -> bytes:
    """The theme's East Asian fonts (empty in the template, so Word falls back per
    language) name ours: headings' major font, body's minor font."""
    from xml.sax.saxutils import quoteattr

    major = f"<a:ea typeface={quoteattr(fonts.heading)}/>".encode()
    minor = f"<a:ea typeface={quoteattr(fonts.body)}/>".encode()
    xml = xml.replace(b'<a:ea typeface=""/>', major, 1)
    return xml.replace(b'<a:ea typeface=""/>', minor, 1)


def _repack(
    data: bytes, when: dt.datetime, replace: Mapping[str, bytes], fonts: DocxFonts
) -> bytes:
    """Rewrite the package with fixed entry times and a fixed order: the same input,
    the same bytes. ``[Content_Types].xml`` stays first, as Office writes it."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries.update(replace)
    theme = "word/theme/theme1.xml"
    if theme in entries:
        entries[theme] = _theme(entries[theme], fonts)
    order = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


def emit(article: tree.Article, context: EmitContext) -> bytes:
    """The Word document for ``article``, as the bytes of a .docx file.

    ``context.assets`` maps a figure's ``src`` (a chart's PNG, a photo) to its
    bytes. A figure that is not there keeps its place as a framed line
    (“照片待补：path”, “图表待生成：path”) above its caption.
    """
    import docx

    script = article.script
    lang = LANGUAGES.get(script, "zh-CN")
    layout = layout_named(context.layout)
    fonts = fonts_for(script, layout.name).named(context.fonts)
    reference = context.reference_docx
    document = _open_reference(reference) if reference else docx.Document()
    _drop_template_extras(document)
    if reference:
        _complete_styles(document, fonts, lang, layout)
    else:
        _define_styles(document, fonts, lang, layout)
        _page_setup(document, layout)
    body = document.element.body
    for child in list(body):  # the template's (or the reference's) own text goes
        if child.tag != _qn("w:sectPr"):
            body.remove(child)
    writer = _Writer(document, script=script, assets=context.assets, fonts=fonts, layout=layout)
    writer.blocks(article.blocks)
    if layout.name == "gbt9704":
        _imprint(writer, article.meta)
    _core_properties(document, article.meta, article.title, DOCUMENT_LANGUAGES.get(script, "zh-CN"))
    buffer = io.BytesIO()
    document.save(buffer)
    replace_parts = {"docProps/app.xml": _APP_XML}
    if not reference:
        replace_parts["word/fontTable.xml"] = _font_table(fonts)
    return _repack(buffer.getvalue(), _timestamp(article.meta), replace_parts, fonts)


def _open_reference(data: bytes) -> Any:
    """The user's reference document (its styles, page setup, headers and footers)."""
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise BulletinError(
            _t("docx.bad_reference", reason=exc), hint=_t("docx.bad_reference.hint")
        ) from None


def _complete_styles(document: Any, fonts: DocxFonts, lang: str, layout: Layout) -> None:
    """The reference's styles stay as they are; a style it lacks comes from the layout."""
    styles = document.styles
    have = {s.name for s in styles}
    for spec in _specs(layout):
        if spec.name not in have:
            _define_style(styles, spec, fonts, lang)
    if "Table Grid" not in have:
        from docx.enum.style import WD_STYLE_TYPE

        styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)


def _imprint(writer: _Writer, meta: Any) -> None:
    """The 版记 of GB/T 9704 after the text: 抄送 and 印发机关/印发日期 between rules."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    cc = [str(c) for c in getattr(meta, "cc", None) or []]
    issuer = str(getattr(meta, "issued_by", None) or "")
    if not cc and not issuer:
        return
    date = getattr(meta, "date", None)
    issued = f"{date.year}年{date.month}月{date.day}日印发" if date is not None else ""
    lines_ = []
    if cc:
        lines_.append(to_script("抄送：" + "，".join(cc) + "。", writer.script))
    lines_.append(f"{issuer}\t{to_script(issued, writer.script)}")
    size = writer.layout.small_pt
    width = Mm(writer.layout.text_width_mm - 2 * size * 25.4 / 72)
    for k, text in enumerate(lines_):
        para = writer.doc.add_paragraph(style="Footer Text")
        pf = para.paragraph_format
        pf.left_indent = pf.right_indent = Pt(size)
        pf.space_before = Pt(size * 2) if k == 0 else Pt(0)
        pf.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        ppr = para._p.get_or_add_pPr()
        border = _element("w:pBdr")
        if k == 0:
            border.append(_element("w:top", val="single", sz="8", space="1", color="000000"))
        last = k == len(lines_) - 1
        border.append(
            _element("w:bottom", val="single", sz="8" if last else "4", space="1", color="000000")
        )
        ppr.append(border)
        _sort_ppr(ppr)
        writer._run(para, text)
