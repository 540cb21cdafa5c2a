"""Emit a PDF from the Article, typeset by Typst (the ``typst`` package).

The Article becomes data, not markup: every block is written as JSON (its
role, its text as runs with bold and 楷体 emphasis, a headline's lines), and
the page template ``page.typ`` (built in, or the user's own in
``--template-dir``) reads that JSON and typesets it. Text from the data file
is only ever a JSON string that Typst shows as text, so it can never become
Typst markup or code.

The page follows the print layout (:mod:`bulletin.emit._layout`): ``news``
or ``gbt9704`` (GB/T 9704 公文格式: 22 lines of 28 characters, page numbers
“— 1 —” at the outer edge, the 版记 when ``meta.cc`` or ``meta.issued_by``
is given). Fonts come from installed Python packages and are embedded and
subset: Noto Serif SC (``pylopdf-fonts-zh-cn``) for 宋体/仿宋/楷体/小标宋
roles, Noto Sans CJK (``noto-cjk-sans-otc``) for 黑体 roles and for
Traditional text (its TC and HK faces have the regional glyph forms); a font
the user named for a role (``meta.fonts``, ``--font``: :mod:`bulletin.emit._fonts`)
goes first in that role's list, and only its files are added. Charts
are placed as SVG (vector) at a width where their text is no larger than the
body text; a figure stays with its caption, a table row never splits, and
headlines, headings and captions break only between words
(:mod:`bulletin.emit._lines`). The PDF's date is ``meta.date``, so the same
input gives the same bytes.

>>> from bulletin.compose.parse import parse_article
>>> data = emit(parse_article("# 标题\\n\\n正文#set text(red)。\\n"), EmitContext())
>>> data[:5]
b'%PDF-'
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from markdown_it.token import Token

from ..compose import article as tree
from ..errors import BulletinError
from ..messages import text as _t
from ..numbers.scripts import to_script
from . import EmitContext, placeholder_text
from ._fonts import NamedFont, check_coverage, linked_fonts
from ._layout import Layout, chart_width_mm, layout_named
from ._lines import lines
from ._lines import prepare as prepare  # the headline word list, loaded before a batch

__all__ = ["BINARY", "FORMAT", "emit", "font_dirs", "page_data"]

FORMAT = "pdf"
BINARY = True
#: The chart format this output refers to (only it is drawn).
ASSETS = ("svg",)
#: Whether it needs the chart files' bytes (else they need only exist).
EMBEDS = True

#: Typst's ``region`` for each script (``lang`` is zh): plain ``hant`` names no
#: region (none), as the HTML page's zh-Hant; the Traditional fonts come from :func:`_fonts`.
_REGIONS: dict[str, str | None] = {"hans": "cn", "hant": None, "hant-tw": "tw", "hant-hk": "hk"}
_SANS = {"hans": "Noto Sans CJK SC", "hant-hk": "Noto Sans CJK HK"}
_SERIF_HANS = "Noto Serif SC"
#: The date of the PDF when meta.date is absent.
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
#: Photos Typst can place; others keep their place as a framed line.
_PHOTO_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
_PHOTO_MAX_H_MM = 110.0
_NUMERIC = re.compile(
    r"^[-+−]?[\d.,，]+\s*\S{0,6}$|^[\d.]+\s*[%‰]$|^(增加|减少|減少|增长|增長|下降|提高|降低|持平)"
)
_NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
#: Paragraph roles that keep with the block after them.
_STICKY = frozenset({"subtitle", "table-title", "original-title"})


def font_dirs() -> list[str]:
    """Folders of the packaged fonts Typst may use (no system font is read)."""
    from ..charts.fonts import packaged_font_path

    dirs = [str(packaged_font_path().parent)]
    try:
        import pylopdf_fonts_zh_cn

        dirs.append(str(Path(pylopdf_fonts_zh_cn.serif_path()).parent))
    except ImportError:  # pragma: no cover - a pinned dependency
        pass
    return dirs


def _fonts(script: str) -> dict[str, list[str]]:
    """Font families by role: serif (宋体, 仿宋, 小标宋, 楷体 stand-ins) and sans (黑体)."""
    sans = _SANS.get(script, "Noto Sans CJK TC")
    serif = [_SERIF_HANS, sans] if script == "hans" else [sans]
    return {
        "body": serif,
        "title": serif,
        "kai": serif,
        "sans": [sans],
        "number": serif,
        "mono": ["DejaVu Sans Mono", sans],
    }


def _named_fonts(script: str, named: Sequence[NamedFont]) -> dict[str, list[str]]:
    """The fonts by role, a font the user named for a role first (its fallbacks after it).

    >>> from ._fonts import NamedFont
    >>> _named_fonts("hans", [NamedFont("body", "仿宋_GB2312", "FangSong_GB2312")])["body"]
    ['FangSong_GB2312', 'Noto Serif SC', 'Noto Sans CJK SC']
    """
    fonts = _fonts(script)
    for font in named:
        fonts[font.role] = list(dict.fromkeys([font.family, *fonts[font.role]]))
    return fonts


def _styles(layout: Layout) -> dict[str, dict[str, Any]]:
    """How each paragraph role is set: size (pt), font, alignment, indent, gaps, colour."""
    body, small, sub = layout.body_pt, layout.small_pt, layout.heading_pt
    gbt = layout.name == "gbt9704"

    def style(size: float, font: str = "body", align: str = "justify", indent: bool = False,
              above: float = 0.0, below: float = 0.0, color: str = "#000000",
              inset: float = 0.0) -> dict[str, Any]:  # fmt: skip
        return {"size": size, "font": font, "align": align, "indent": indent, "above": above,
                "below": below, "color": color, "inset": inset}  # fmt: skip

    return {
        "subtitle": style(body if gbt else sub, "kai", "center", below=6),
        "byline": style(body, "kai", "center", below=6),
        "dateline": style(small, align="center", below=6, color="#404040"),
        "abstract": style(body, "kai", above=6, below=6, inset=2),
        "original-title": style(small, align="left", below=6, color="#595959"),
        "paragraph": style(body, indent=True),
        "quote": style(body, "kai", indent=True, inset=2),
        "attribution": style(body, "kai", "right", below=6),
        "item": style(body, inset=2),
        "note-item": style(small, inset=2),
        "note": style(small, indent=True),
        "table-title": style(small, "sans", "center", above=6, below=3),
        "caption": style(small, "sans", "center", above=3, below=6),
        "footer": style(small, align="left"),
        "figure": style(body, align="center", color="#595959"),
        "code": style(small, "mono", "left"),
    }


def _headings(layout: Layout, title_font: bool = False) -> dict[str, dict[str, Any]]:
    """Headline and heading looks by level: size, font, centred, faux bold, gaps.

    The 公文 title is made bold (小标宋 is a heavy face) unless the user named its font.
    """
    gbt = layout.name == "gbt9704"
    return {
        "1": {"size": layout.title_pt, "font": "title", "center": True,
              "bold": layout.title_bold or (gbt and not title_font), "above": 0,
              "below": 12 if not gbt else 18},
        "2": {"size": layout.heading_pt, "font": "sans", "center": layout.heading_centered,
              "bold": False, "above": 12, "below": 6},
        "3": {"size": layout.subheading_pt, "font": "kai", "center": False,
              "bold": not gbt, "above": 6, "below": 3},
    }  # fmt: skip


def _line_width(layout: Layout, size: float) -> float:
    """Characters of ``size`` on a line, with room for the estimate's error."""
    return layout.width_em(size) - 0.6


# --------------------------------------------------------------------------- the blocks as data


class _Writer(tree.BlockVisitor[list[dict[str, Any]]]):
    """Turns blocks into the JSON records page.typ reads; collects the files they name."""

    def __init__(self, assets: Mapping[str, bytes], script: str, layout: Layout) -> None:
        self.assets = assets
        self.script = script
        self.layout = layout
        self.files: dict[str, bytes] = {}
        self.quote_depth = 0
        self.in_footer = False
        self.after_note = False
        self.item_marker: str | None = None

    def blocks(self, blocks: Sequence[tree.Block]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for block in blocks:
            out.extend(self.visit(block))
        return out

    def heading(self, block: tree.Heading) -> list[dict[str, Any]]:
        level = 1 if block.role == "title" else min(max(block.level, 2), 3)
        size = self.layout.title_pt if level == 1 else self.layout.heading_pt
        text = block.text.text
        numbered = level == 2 and bool(_NUMBERED_HEADING.match(text))
        self.after_note = False
        return [{"k": "heading", "level": level, "numbered": numbered, "text": text,
                 "lines": _segmented(text, _line_width(self.layout, size))}]  # fmt: skip

    def paragraph(self, block: tree.Paragraph) -> list[dict[str, Any]]:
        marker, self.item_marker = self.item_marker, None
        role = block.role
        if role == "caption":
            return [self._caption(block.text)]
        if marker is not None:
            role = "note-item" if self.after_note else "item"
        elif role == "attribution":
            pass
        elif self.quote_depth:
            role = "quote"
        elif self.in_footer:
            role = "footer"
        elif role in ("lead", "points") or role not in _ROLES:
            role = "paragraph"
        elif role == "source":
            role = "note"
        runs = _runs(block.text.children)
        if marker is not None:
            runs.insert(0, {"t": marker + " "})
        if block.role in ("abstract", "original-title"):
            _bold_label(runs)
        self.after_note = role in ("note", "note-item")
        record: dict[str, Any] = {"k": "par", "role": role, "runs": runs}
        if role == "subtitle" and all(r.keys() == {"t"} for r in runs):
            # the subtitle belongs to the headline: it breaks between words as well
            size = _styles(self.layout)["subtitle"]["size"]
            record["lines"] = _segmented(block.text.text, _line_width(self.layout, size))
        if role in _STICKY or block.introduces_next:
            record["sticky"] = True
        return [record]

    def _caption(self, text: tree.Inline) -> dict[str, Any]:
        size = self.layout.small_pt
        return {"k": "caption", "text": text.text,
                "lines": _segmented(text.text, _line_width(self.layout, size))}  # fmt: skip

    def quote(self, block: tree.Quote) -> list[dict[str, Any]]:
        self.quote_depth += 1
        out = self.blocks(block.blocks)
        self.quote_depth -= 1
        if block.attribution is not None:
            runs = _runs(block.attribution.children)
            out.append({"k": "par", "role": "attribution", "runs": runs})
        self.after_note = False
        return out

    def listing(self, block: tree.ListBlock) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for k, item in enumerate(block.items):
            self.item_marker = f"{block.start + k}{block.marker}" if block.ordered else "•"
            out.extend(self.blocks(item))
        self.item_marker = None
        return out

    def table(self, block: tree.Table) -> list[dict[str, Any]]:
        rows = [block.header, *block.rows]
        ncols = max(len(r) for r in rows)
        if not ncols:
            return []

        def cell(row: tuple[tree.Inline, ...], j: int, header: bool) -> dict[str, Any]:
            if j >= len(row):
                return {"runs": [], "align": "left"}
            align = block.aligns[j] if j < len(block.aligns) else ""
            text = row[j].text.strip()
            if header:
                align = "center"
            elif not align:
                align = "right" if _NUMERIC.match(text) else "left"
            return {"runs": _runs(row[j].children), "align": align}

        widths = [
            max((_width(r[j].text) for r in rows if j < len(r)), default=2) + 2
            for j in range(ncols)
        ]
        self.after_note = False
        return [{
            "k": "table",
            "widths": widths,
            "header": [cell(block.header, j, True) for j in range(ncols)],
            "rows": [[cell(r, j, False) for j in range(ncols)] for r in block.rows],
        }]  # fmt: skip

    def figure(self, block: tree.Figure) -> list[dict[str, Any]]:
        record: dict[str, Any] = {"k": "figure", "alt": block.alt, "kind": block.kind}
        src = block.chart.svg if block.chart is not None else block.src
        placed = self._place(src, block.kind == "chart")
        if placed is None:
            record["missing"] = self._missing(block, src)
        else:
            record["file"], record["width"] = placed
        if block.caption is not None:
            record["caption"] = self._caption(block.caption)
        out = [record]
        if block.table is not None:
            out.extend(self.table(block.table))
        self.after_note = False
        return out

    def _place(self, src: str, chart: bool) -> tuple[str, float] | None:
        """The file name Typst reads the picture from and its width (mm), or None."""
        data = self.assets.get(src)
        suffix = PurePosixPath(src).suffix.lower()
        if data is None or suffix not in _PHOTO_TYPES:
            return None
        width = self.layout.text_width_mm
        if chart:
            width = chart_width_mm(self.layout)
        else:
            size = _picture_size(data, suffix)
            if size is None:
                return None
            w, h = size
            width = min(width, _PHOTO_MAX_H_MM * w / h)
        name = f"assets/{len(self.files) + 1}{suffix}"
        self.files[name] = data
        return name, round(width, 2)

    def _missing(self, block: tree.Figure, src: str) -> str:
        return placeholder_text(
            replace(block, src=src), unusable=src in self.assets, fmt="PDF", script=self.script
        )

    def rule(self, block: tree.Rule) -> list[dict[str, Any]]:
        return [{"k": "rule"}]

    def group(self, block: tree.Group) -> list[dict[str, Any]]:
        if block.role != "footer":
            return self.blocks(block.blocks)
        self.in_footer = True
        inner = self.blocks(block.blocks)
        self.in_footer = False
        return [{"k": "footer", "blocks": inner}]

    def code(self, block: tree.Code) -> list[dict[str, Any]]:
        return [{"k": "code", "text": block.text.rstrip("\n")}]


_ROLES = frozenset(
    {"subtitle", "byline", "dateline", "abstract", "original-title", "note", "source",
     "table-title", "paragraph", "attribution"}
)  # fmt: skip


def _segmented(text: str, width: float) -> list[list[str]]:
    """The lines of a headline, each a list of its unbreakable segments."""
    from ._lines import segments

    out = []
    for line in lines(text, width):
        out.append(list(segments(line)))
    return out


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _picture_size(data: bytes, suffix: str) -> tuple[int, int] | None:
    """A photo's pixel size, or None when it cannot be read."""
    if suffix == ".svg":
        return (4, 3)
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            w, h = image.size
    except Exception:
        return None
    return (w, h) if w and h else None


def _runs(children: Sequence[Token]) -> list[dict[str, Any]]:
    """Formatted text as runs: ``t`` text, ``b`` bold, ``i`` emphasis, ``c`` code, ``br``."""
    out: list[dict[str, Any]] = []
    for span in tree.Inline("", tuple(children)).spans():
        if span.kind == "break":
            out.append({"t": "", "br": True})
            continue
        flags = {"b": span.bold, "i": span.italic, "c": span.kind == "code"}
        out.append({"t": span.text, **{k: True for k, v in flags.items() if v}})
    return out


def _bold_label(runs: list[dict[str, Any]]) -> None:
    """The label of an abstract or original-title line (摘要：) in bold."""
    if not runs:
        return
    match = re.match(r"^[^：:\s]{1,5}[：:]", runs[0]["t"])
    if match:
        first = dict(runs[0], t=runs[0]["t"][match.end() :])
        runs[0:1] = [dict(runs[0], t=match[0], b=True), first]


# --------------------------------------------------------------------------- the document


def _stamp(meta: Any) -> dt.datetime:
    value = getattr(meta, "date", None)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return _EPOCH


def _imprint(meta: Any, script: str) -> dict[str, str] | None:
    """The 版记 (抄送, 印发机关 and 印发日期) when the data names them."""
    cc = [str(c) for c in getattr(meta, "cc", None) or []]
    issuer = str(getattr(meta, "issued_by", None) or "")
    if not cc and not issuer:
        return None
    date = getattr(meta, "date", None)
    issued = f"{date.year}年{date.month}月{date.day}日印发" if date is not None else ""
    return {
        "cc": to_script("抄送：" + "，".join(cc) + "。", script) if cc else "",
        "issuer": issuer,
        "issued": to_script(issued, script),
    }


def _author(meta: Any) -> str:
    byline = getattr(meta, "byline", None) or []
    return str(
        getattr(meta, "organization", None)
        or " ".join(str(b) for b in byline)
        or getattr(meta, "source", None)
        or ""
    )


def page_data(
    article: tree.Article, context: EmitContext
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """What page.typ reads (the JSON) and the picture files it names."""
    layout = layout_named(context.layout)
    script = article.script
    writer = _Writer(context.assets, script, layout)
    blocks = writer.blocks(article.blocks)
    pitch = layout.char_pitch_pt
    data = {
        "title": article.title,
        "author": _author(article.meta),
        "lang": "zh",
        "region": _REGIONS.get(script, "cn"),
        "fonts": _named_fonts(script, context.fonts),
        "layout": {
            "name": layout.name,
            "margins": list(layout.margins_mm),
            "body": layout.body_pt,
            "small": layout.small_pt,
            "pitch": round(layout.line_pitch_pt, 3),
            "char": round(pitch, 3),
            "tracking": round(pitch - layout.body_pt, 3),
            "number_size": layout.page_number_pt,
            "number_outside": layout.page_number_outside,
            "number_gap": layout.page_number_gap_mm,
        },
        "roles": _styles(layout),
        "headings": _headings(layout, any(f.role == "title" for f in context.fonts)),
        "imprint": _imprint(article.meta, script) if layout.name == "gbt9704" else None,
        "blocks": blocks,
    }
    return data, writer.files


def _check_named_fonts(fonts: Sequence[NamedFont], shown: list[Any]) -> None:
    """Each named font must show some of what its role sets (an error at its meta key)."""
    if not fonts:
        return
    text = json.dumps(shown, ensure_ascii=False)
    for font in fonts:
        try:
            check_coverage(font, text)
        except BulletinError as exc:
            raise (exc.at(font.where) if font.where else exc) from None


def _template(template_dirs: Sequence[str | Path]) -> str:
    """The text of page.typ: the user's own (first template folder that has one), else ours."""
    from ..compose.templates import builtin_template_dir

    for folder in [*template_dirs, builtin_template_dir()]:
        path = Path(folder) / "page.typ"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise BulletinError(_t("pdf.no_page_template"))  # pragma: no cover


def emit(article: tree.Article, context: EmitContext) -> bytes:
    """The PDF of ``article`` (A4, fonts embedded, charts as vectors)."""
    import typst

    data, files = page_data(article, context)
    _check_named_fonts(context.fonts, [data["title"], data["blocks"], data["imprint"]])
    with tempfile.TemporaryDirectory(prefix="bulletin-pdf-") as folder:
        root = Path(folder)
        paths = font_dirs()
        if context.fonts:  # only the named fonts' files: system fonts stay out
            named = sorted({file for font in context.fonts for file in font.files})
            linked_fonts(root / "fonts", named)
            paths.append(str(root / "fonts"))
        (root / "page.typ").write_text(_template(context.template_dirs), encoding="utf-8")
        (root / "doc.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        try:
            pdf: bytes = typst.compile(
                str(root / "page.typ"),
                root=str(root),
                font_paths=paths,
                ignore_system_fonts=True,
                timestamp=int(_stamp(article.meta).timestamp()),
            )
        except typst.TypstError as exc:
            raise BulletinError(
                _t("pdf.failed", reason=exc),
                hint=_t("pdf.failed.hint"),
            ) from None
    return pdf
