"""Page layouts for print (Word and PDF): ``news`` and ``gbt9704``.

``news`` is the newspaper page bulletin has always written: A4 with Word's
margins for Chinese documents, 宋体小四 body text, 黑体四号 headings.

``gbt9704`` follows GB/T 9704-2012 《党政机关公文格式》: A4, margins top
37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block),
22 lines of 28 characters, body in 仿宋 三号 (16 pt), level-1 headings in
黑体, level-2 in 楷体, the title in 小标宋 二号 (22 pt), page numbers
“— 1 —” in 四号 at the outer edge of the bottom, and the 版记 (抄送, 印发)
after the text.

>>> layout = LAYOUTS["gbt9704"]
>>> round(layout.text_width_mm, 1), round(layout.text_height_mm, 1)
(156.0, 225.0)
>>> round(layout.char_pitch_pt, 2), round(layout.line_pitch_pt, 2)
(15.79, 28.99)
>>> layout.docx_grid(), layout.docx_condense()
({'type': 'lines', 'linePitch': '579'}, -5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["LAYOUTS", "LAYOUT_NAMES", "MM_PER_PT", "Layout", "chart_width_mm", "layout_named"]

MM_PER_PT = 25.4 / 72

#: The layouts, in the order the help lists them.
LAYOUT_NAMES = ("news", "gbt9704")


@dataclass(frozen=True)
class Layout:
    """One print layout: the page, the type sizes (pt) and what sets each role."""

    name: str
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    body_pt: float
    title_pt: float
    heading_pt: float  # level-1 headings (一、)
    subheading_pt: float  # level-2 headings (（一）)
    small_pt: float  # notes, tables, captions, footer lines
    line_spacing: float  # multiple of the body size, for layouts without a grid
    lines_per_page: int = 0  # a document grid: this many lines …
    chars_per_line: int = 0  # … of this many characters
    page_number_pt: float = 9.0
    page_number_outside: bool = False  # odd pages right, even pages left
    page_number_gap_mm: float = 7.0  # from the text block's bottom edge
    heading_centered: bool = True  # level-1 headings not numbered 一、 are centred
    title_bold: bool = True

    @property
    def text_width_mm(self) -> float:
        return 210.0 - self.margins_mm[2] - self.margins_mm[3]

    @property
    def text_height_mm(self) -> float:
        return 297.0 - self.margins_mm[0] - self.margins_mm[1]

    @property
    def char_pitch_pt(self) -> float:
        """The distance from one character to the next on a line."""
        if self.chars_per_line:
            return self.text_width_mm / MM_PER_PT / self.chars_per_line
        return self.body_pt

    @property
    def line_pitch_pt(self) -> float:
        """The distance from one line of body text to the next."""
        if self.lines_per_page:
            return self.text_height_mm / MM_PER_PT / self.lines_per_page
        return self.body_pt * self.line_spacing * 1.3

    def docx_grid(self) -> dict[str, str]:
        """The Word document grid (``w:docGrid``) that gives the lines per page."""
        if not self.lines_per_page:
            return {"type": "lines", "linePitch": "312"}
        line = int(self.line_pitch_pt * 20)  # twips, rounded down so the last line fits
        return {"type": "lines", "linePitch": str(line)}

    def docx_condense(self) -> int:
        """Character spacing (twentieths of a point, ``w:spacing``) of body-size text that
        puts ``chars_per_line`` characters on a line. A character grid would do the same
        in Word, but LibreOffice gives a character wider than the grid two cells."""
        if not self.chars_per_line:
            return 0
        return math.floor((self.char_pitch_pt - self.body_pt) * 20)

    def width_em(self, size_pt: float) -> float:
        """How many characters of ``size_pt`` fit on a line of the text block."""
        return self.text_width_mm / MM_PER_PT / size_pt


LAYOUTS = {
    "news": Layout(
        name="news",
        margins_mm=(25.4, 25.4, 31.7, 31.7),
        body_pt=12.0,  # 小四
        title_pt=22.0,  # 二号
        heading_pt=14.0,  # 四号
        subheading_pt=12.0,
        small_pt=10.5,  # 五号
        line_spacing=1.5,
    ),
    "gbt9704": Layout(
        name="gbt9704",
        margins_mm=(37.0, 35.0, 28.0, 26.0),
        body_pt=16.0,  # 三号
        title_pt=22.0,  # 二号
        heading_pt=16.0,
        subheading_pt=16.0,
        small_pt=14.0,  # 四号
        line_spacing=1.0,
        lines_per_page=22,
        chars_per_line=28,
        page_number_pt=14.0,  # 四号
        page_number_outside=True,
        heading_centered=False,
        title_bold=False,
    ),
}


def layout_named(name: str | None) -> Layout:
    """The layout called ``name`` (``None`` or ``""``: ``news``).

    >>> layout_named(None).name
    'news'
    """
    return LAYOUTS[name or "news"]


def chart_width_mm(layout: Layout) -> float:
    """The width charts are set at: their text no larger than the body text.

    Charts are drawn 5 in wide with 14.5 pt titles and 11.5 pt labels; at a
    smaller body size the chart is scaled down until its largest text (the
    progress chart's big completion figure aside) is the body size.

    >>> round(chart_width_mm(LAYOUTS["news"]), 1), round(chart_width_mm(LAYOUTS["gbt9704"]), 1)
    (105.1, 127.0)
    """
    from ..charts.style import SIZES, WIDTH

    largest = max(SIZES[k] for k in ("title", "label", "value", "small_value", "note", "legend"))
    natural = WIDTH * 25.4
    return min(layout.text_width_mm, natural * min(1.0, layout.body_pt / largest))
