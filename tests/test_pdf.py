"""PDF output (Typst): the page data, escaping, layouts, line breaking and the file itself."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import bulletin
import bulletin.charts.fonts
from bulletin.compose.parse import parse_article
from bulletin.emit import EmitContext, emitter_for
from bulletin.emit._layout import LAYOUTS, MM_PER_PT
from bulletin.emit._lines import lines, segments
from bulletin.emit.pdf import emit, page_data
from conftest import EXAMPLES

#: The headlines the issue names, with the words they used to break inside.
TITLES = {
    "qinghe": ("青禾区2024年卫生健康事业发展统计公报", ["卫生健康", "公报"]),
    "dezhou": (
        "2021德州市人民政府在線訪談：德州市衛生健康委員會 強化醫療衛生服務 為群眾健康保駕護航",
        ["在線", "訪談", "服務"],
    ),
    "jianan": ("許昌市建安區：學史力行辦實事 聚焦健康惠民生", ["學史", "力行", "辦實事"]),
}
#: Phrases a headline keeps whole wherever a phrase space or colon can break instead.
PHRASES = ["學史力行辦實事", "德州市衛生健康委員會"]


@cache
def pdf_bytes(name: str, layout: str = "news") -> bytes:
    data = bulletin.render(EXAMPLES / f"{name}.yaml", formats="pdf", layout=layout)["pdf"]
    assert isinstance(data, bytes)
    return data


def test_pdf_is_a_registered_binary_format():
    emitter = emitter_for("pdf")
    assert (emitter.name, emitter.binary, emitter.emit) == ("pdf", True, emit)
    assert "pdf" in bulletin.FORMATS


def test_same_input_same_bytes():
    first = pdf_bytes("zhaohua")
    assert first.startswith(b"%PDF-")
    again = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="pdf")["pdf"]
    assert first == again
    assert b"D:20210720" in first and b"2021-07-20" in first  # meta.date, not the clock


def test_user_text_is_data_never_typst_markup():
    hostile = '#set text(red)]"\\ #import "x.typ": =  标题 $x$ @ref <lbl> // 注释 {{x}}'
    article = parse_article(f"# 标题{hostile}\n\n{hostile}\n")
    data, files = page_data(article, EmitContext())
    assert files == {}
    text = "".join(r["t"] for r in data["blocks"][1]["runs"])
    assert "#set text(red)" in text and '#import "x.typ"' in text
    headline = "".join(s for line in data["blocks"][0]["lines"] for s in line)
    assert headline.replace(" ", "") == ("标题" + hostile).replace(" ", "")
    pdf = emit(article, EmitContext())
    assert pdf.startswith(b"%PDF-")


@pytest.mark.parametrize("name", list(TITLES))
@pytest.mark.parametrize("layout", ["news", "gbt9704"])
def test_print_headlines_break_between_words(name, layout):
    title, words = TITLES[name]
    settings = LAYOUTS[layout]
    broken = lines(title, settings.width_em(settings.title_pt) - 0.6)
    assert "".join(broken).replace(" ", "") == title.replace(" ", "")
    assert not any(_cut(w, broken) for w in words)
    assert len(broken[-1].strip()) > 1  # no character alone on the last line
    assert not any(_cut(phrase, broken) for phrase in PHRASES)
    data, _ = page_data(parse_article(f"# {title}\n"), EmitContext(layout=layout))
    assert data["blocks"][0]["lines"] == [list(segments(line)) for line in broken]


def _cut(word: str, broken: list[str]) -> bool:
    """``word`` is split across two lines."""
    joined = "\n".join(broken).replace(" ", "")
    return word not in joined and word in joined.replace("\n", "")


@pytest.mark.parametrize("width", [6, 9, 12, 15, 20, 28])
def test_no_word_cut_and_no_orphan_at_any_width(width):
    for title, words in TITLES.values():
        broken = lines(title, width)
        for word in words:
            assert not _cut(word, broken), (width, broken)
        if len(broken) > 1:
            assert len(broken[-1].strip()) > 1


def test_gbt9704_page_data():
    data, _ = page_data(parse_article("# 标题\n\n正文。\n"), EmitContext(layout="gbt9704"))
    layout = data["layout"]
    assert layout["margins"] == [37.0, 35.0, 28.0, 26.0]
    assert (layout["body"], layout["number_size"], layout["number_outside"]) == (16.0, 14.0, True)
    text_width = (210 - 28 - 26) / MM_PER_PT
    assert int(text_width / layout["char"]) == 28  # 28 characters a line
    text_height = (297 - 37 - 35) / MM_PER_PT
    assert round(text_height / layout["pitch"]) == 22  # 22 lines a page
    assert data["headings"]["1"]["size"] == 22.0  # 二号 title


def test_charts_are_svg_and_no_wider_than_their_text_allows():
    result = bulletin.render(EXAMPLES / "qinghe.yaml", formats="html", draw_charts=True)
    context = EmitContext(assets=result.assets)
    data, files = page_data(result.article, context)
    figures = [b for b in data["blocks"] if b["k"] == "figure"]
    assert len(figures) == 3 and all(f["file"].endswith(".svg") for f in figures)
    assert all(f["width"] == pytest.approx(105.1, abs=0.1) for f in figures)  # 12/14.5 of 5 in
    assert all(files[f["file"]].lstrip().startswith(b"<?xml") for f in figures)


def test_gbt9704_docx_margins_lines_and_characters():
    data = bulletin.render(EXAMPLES / "qinghe.yaml", formats="docx", layout="gbt9704")["docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
    margins = {k: int(v) for k, v in re.findall(r'w:(top|bottom|left|right)="(\d+)"', xml)}
    twips = 1440 / 25.4
    assert {k: round(v / twips) for k, v in margins.items()} == {
        "top": 37, "bottom": 35, "left": 28, "right": 26,
    }  # fmt: skip
    pitch = int(re.search(r'<w:docGrid w:type="lines" w:linePitch="(\d+)"', xml)[1])
    height = (297 * twips) - margins["top"] - margins["bottom"]
    assert int(height // pitch) == 22
    document = docx.Document(io.BytesIO(data))
    body = document.styles["Body Text"].element.rPr
    size = int(body.find(qn("w:sz")).get(qn("w:val"))) / 2
    spacing = int(body.find(qn("w:spacing")).get(qn("w:val"))) / 20
    width = (210 * twips - margins["left"] - margins["right"]) / 20
    assert size == 16.0 and int(width // (size + spacing)) == 28
    assert 'w:eastAsia="FangSong"' in styles and 'w:eastAsia="SimHei"' in styles
    assert document.settings.odd_and_even_pages_header_footer  # page numbers outside


def test_gbt9704_imprint_in_docx_and_pdf():
    doc = bulletin.loads(
        "meta: {title: 关于做好卫生健康工作的通知, layout: gbt9704, date: 2025-04-18,"
        " cc: [区委办公室, 区政府办公室], issued_by: 青禾区卫生健康局办公室}\nlead: 正文。\n"
    )
    result = bulletin.render(doc, formats="docx,pdf")
    texts = [p.text for p in docx.Document(io.BytesIO(result["docx"])).paragraphs]
    assert texts[-2:] == [
        "抄送：区委办公室，区政府办公室。",
        "青禾区卫生健康局办公室\t2025年4月18日印发",
    ]
    data, _ = page_data(result.article, EmitContext(layout="gbt9704"))
    assert data["imprint"]["cc"] == "抄送：区委办公室，区政府办公室。"


def _reference_docx(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt
    from PIL import Image

    reference = docx.Document()
    custom = reference.styles.add_style("红头文件标注", WD_STYLE_TYPE.PARAGRAPH)
    custom.font.size = Pt(9)
    reference.styles["Body Text"].font.size = Pt(15)
    logo = tmp_path / "red.png"
    Image.new("RGB", (60, 20), (200, 0, 0)).save(logo)
    header = reference.sections[0].header.paragraphs[0]
    header.add_run().add_picture(str(logo), width=Cm(4))
    reference.add_paragraph("样文，不应出现在输出中")
    path = tmp_path / "office.docx"
    reference.save(path)
    return path


def test_reference_docx_styles_and_header_picture(tmp_path):
    path = _reference_docx(tmp_path)
    data = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="docx", reference_docx=path)["docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        styles = package.read("word/styles.xml").decode()
        headers = [package.read(n).decode() for n in names if re.match(r"word/header\d", n)]
    assert '<w:name w:val="红头文件标注"/>' in styles  # the reference's own style is kept
    assert any("<pic:pic" in h for h in headers) and any(n.startswith("word/media/") for n in names)
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Body Text"].font.size.pt == 15  # the reference's look wins
    assert "Byline" in {s.name for s in document.styles}  # missing styles from the layout
    assert "样文" not in "".join(p.text for p in document.paragraphs)


def test_reference_docx_from_meta_and_a_bad_one(tmp_path):
    _reference_docx(tmp_path)
    data = tmp_path / "doc.yaml"
    data.write_text("meta: {title: 标题, reference_docx: office.docx}\nlead: 正文。\n", "utf-8")
    assert bulletin.render(data, formats="docx")["docx"].startswith(b"PK")
    data.write_text("meta: {title: 标题, reference_docx: none.docx}\nlead: 正文。\n", "utf-8")
    with pytest.raises(bulletin.BulletinError) as err:
        bulletin.render(data, formats="docx")
    assert "none.docx" in str(err.value) and "doc.yaml:1:" in str(err.value)


def _poppler(tool: str) -> str | None:
    return shutil.which(tool)


@pytest.mark.external
@pytest.mark.skipif(_poppler("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize(("name", "layout"), [("zhaohua", "news"), ("dezhou", "gbt9704")])
def test_text_extracts_and_fonts_are_embedded(tmp_path, name, layout):
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(pdf_bytes(name, layout))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    markdown = bulletin.render(EXAMPLES / f"{name}.yaml", formats="md", draw_charts=False)["md"]
    paragraphs = [p for p in markdown.split("\n\n") if p and not p.startswith(("!", "|", "#"))]
    flat = re.sub(r"\s+", "", text)
    for paragraph in paragraphs[:6]:
        plain = re.sub(r"[*>\\\s]|\[|\]\([^)]*\)", "", paragraph)
        assert plain[:30] in flat, plain[:30]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" and row[-4] == "yes" for row in rows)  # emb, sub


def test_a_label_line_stays_on_the_page_of_what_it_introduces():
    """注释： (a short line ending in a colon) keeps with the list after it, in PDF and Word."""
    import io

    import docx

    from bulletin.emit.docx import emit as emit_docx
    from bulletin.emit.pdf import page_data

    doc = bulletin.loads(
        "meta: {title: 标题, genre: statistical}\nlead: 正文。\nnotes: [甲注。, 乙注。]\n",
        file="n.yaml",
    )
    article = bulletin.render(doc, ("md",)).article
    data, _ = page_data(article, EmitContext())
    label = next(b for b in data["blocks"] if b.get("runs") == [{"t": "注释："}])
    assert label.get("sticky") is True
    paragraphs = docx.Document(io.BytesIO(emit_docx(article, EmitContext()))).paragraphs
    [label_para] = [p for p in paragraphs if p.text == "注释："]
    assert label_para.paragraph_format.keep_with_next is True
    body = next(p for p in paragraphs if p.text == "正文。")
    assert not body.paragraph_format.keep_with_next


# --------------------------------------------------------------------------- named fonts


def _dejavu() -> str:
    from bulletin.emit._fonts import dejavu_sans_path

    return dejavu_sans_path()


def _base_fonts(pdf: bytes) -> set[str]:
    """The embedded fonts a PDF lists (their names without the subset prefix)."""
    return {m.decode() for m in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([\w-]+)", pdf)}


def _data_file(tmp_path, fonts: str, lead: str = "正文1段。") -> Path:
    data = tmp_path / "doc.yaml"
    data.write_text(f"meta:\n  title: 标题\n  fonts: {fonts}\nlead: {lead}\n", "utf-8")
    return data


def test_a_font_file_named_in_meta_is_used_and_embedded(tmp_path):
    (tmp_path / "fonts").mkdir()
    shutil.copyfile(_dejavu(), tmp_path / "fonts" / "DejaVuSans.ttf")
    data = _data_file(tmp_path, "{number: fonts/DejaVuSans.ttf}")
    result = bulletin.render(data, formats="pdf", layout="gbt9704")
    assert "DejaVuSans" in _base_fonts(result["pdf"])  # the page numbers
    assert "DejaVuSans" not in _base_fonts(pdf_bytes("qinghe", "gbt9704"))
    fonts, _ = page_data(result.article, result.context)
    assert fonts["fonts"]["number"] == ["DejaVu Sans", "Noto Serif SC", "Noto Sans CJK SC"]
    assert fonts["fonts"]["body"] == ["Noto Serif SC", "Noto Sans CJK SC"]  # others as they were
    again = bulletin.render(data, formats="pdf", layout="gbt9704")["pdf"]
    assert again == result["pdf"]  # the same fonts, the same bytes


def test_a_cjk_font_file_for_a_chinese_role_and_the_title_loses_its_faux_bold(tmp_path):
    from bulletin.charts.fonts import packaged_font_path

    data = _data_file(tmp_path, f"{{title: '{packaged_font_path()}'}}")
    result = bulletin.render(data, formats="pdf", layout="gbt9704")
    assert "NotoSansCJKjp-Regular" in _base_fonts(result["pdf"])  # the collection's first face
    page, _ = page_data(result.article, result.context)
    assert page["fonts"]["title"][0] == "Noto Sans CJK JP"
    assert page["headings"]["1"]["bold"] is False  # a real 小标宋 is heavy already
    plain, _ = page_data(result.article, replace(result.context, fonts=()))
    assert plain["headings"]["1"]["bold"] is True


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig (fc-list) is not installed")
def test_an_installed_family_by_name(tmp_path):
    from bulletin.charts.fonts import fontconfig_faces

    if not fontconfig_faces("DejaVu Sans"):
        pytest.skip("DejaVu Sans is not an installed font here")
    data = _data_file(tmp_path, "{number: dejavu sans}")
    assert "DejaVuSans" in _base_fonts(bulletin.render(data, formats="pdf")["pdf"])


def test_no_font_named_changes_nothing(tmp_path):
    plain = bulletin.render(EXAMPLES / "qinghe.yaml", formats="pdf", layout="gbt9704")
    assert plain.context.fonts == ()
    assert plain["pdf"] == pdf_bytes("qinghe", "gbt9704")
    again = bulletin.render(EXAMPLES / "qinghe.yaml", formats="pdf", layout="gbt9704", fonts={})
    assert again["pdf"] == pdf_bytes("qinghe", "gbt9704")
    data = _data_file(tmp_path, "{}")
    assert bulletin.render(data, formats="pdf").context.fonts == ()


@pytest.mark.parametrize(
    ("fonts", "message"),
    [
        ("{bodi: 仿宋_GB2312}", "doc.yaml:3:11: 不认识的键 “bodi”。是不是 “body”？"),
        (
            "{body: 没有这个字体}",
            "doc.yaml:3:17: 没有安装字体 “没有这个字体”。请写已安装字体的名字（fc-list :lang=zh "
            "family 列出已安装的中文字体），或字体文件的路径，如 fonts/FangSong_GB2312.ttf",
        ),
        (
            "{body: fonts/none.ttf}",
            "doc.yaml:3:17: 找不到 body 的字体文件 “fonts/none.ttf”。请写 .ttf、.otf 或 .ttc "
            "文件的路径（meta.fonts 中的路径相对于数据文件所在的文件夹），或已安装字体的名字",
        ),
        (
            "{kai: DejaVuSans.ttf}",
            "doc.yaml:3:16: 字体 “DejaVu Sans”（kai）没有文中的任何一个字，如 “标题正文段”。"
            "body、title、kai、sans 要写汉字，请换用中文字体；number、mono 要写数字；"
            "缺少个别字时会用随包字体补上",
        ),
    ],
    ids=["unknown-role", "not-installed", "no-file", "no-glyphs"],
)
def test_a_bad_font_in_meta_is_one_line_at_its_key(tmp_path, fonts, message):
    from conftest import run_cli

    shutil.copyfile(_dejavu(), tmp_path / "DejaVuSans.ttf")
    data = _data_file(tmp_path, fonts)
    with pytest.raises(bulletin.BulletinError) as err:
        bulletin.render(data, formats="pdf")
    assert str(err.value).replace(str(data), "doc.yaml") == message
    result = run_cli("render", "doc.yaml", "-f", "pdf", "-o", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip(), result.stdout) == (2, message, "")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        ("bodi=黑体", "--font: 未知的字体角色 “bodi”。是不是 “body”？"),
        (
            "sanz=黑体",
            "--font: 未知的字体角色 “sanz”。是不是 “sans”？",
        ),
        (
            "font=黑体",
            "--font: 未知的字体角色 “font”。可写的角色：body、title、kai、sans、number、mono",
        ),
        (
            "body",
            "--font: --font 的值 “body” 应写成 角色=字体。"
            "如 --font body=仿宋_GB2312 --font title=方正小标宋简体",
        ),
        (
            "body=没有这个字体",
            "--font: 没有安装字体 “没有这个字体”。请写已安装字体的名字（fc-list :lang=zh family "
            "列出已安装的中文字体），或字体文件的路径，如 fonts/FangSong_GB2312.ttf",
        ),
        (
            "sans=DejaVuSans.ttf",
            "--font: 字体 “DejaVu Sans”（sans）没有文中的任何一个字，如 “标题正文段”。"
            "body、title、kai、sans 要写汉字，请换用中文字体；number、mono 要写数字；"
            "缺少个别字时会用随包字体补上",
        ),
    ],
)
def test_a_bad_font_option_is_one_line_at_the_flag(tmp_path, flag, message):
    from conftest import run_cli

    shutil.copyfile(_dejavu(), tmp_path / "DejaVuSans.ttf")
    _data_file(tmp_path, "{}")
    result = run_cli("render", "doc.yaml", "-f", "pdf", "--font", flag, "-o", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip(), result.stdout) == (2, message, "")
    assert not (tmp_path / "out").exists()


def test_the_font_option_wins_over_meta(tmp_path):
    from conftest import run_cli

    shutil.copyfile(_dejavu(), tmp_path / "DejaVuSans.ttf")
    _data_file(tmp_path, "{number: fonts/none.ttf, body: 没有这个字体}")  # both would fail
    result = run_cli(
        "render", "doc.yaml", "-f", "pdf", "-o", "out", "-q", "--font", "number=DejaVuSans.ttf",
        "--font", f"body={bulletin.charts.fonts.packaged_font_path()}", cwd=tmp_path,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    embedded = _base_fonts((tmp_path / "out" / "doc.pdf").read_bytes())
    assert {"DejaVuSans", "NotoSansCJKjp-Regular"} <= embedded
    options = bulletin.RenderOptions(fonts={"number": tmp_path / "DejaVuSans.ttf"})
    with pytest.raises(bulletin.BulletinError, match="没有安装字体 “没有这个字体”"):
        bulletin.render(tmp_path / "doc.yaml", formats="pdf", options=options)  # body from meta


def test_the_fonts_option_is_checked_when_made():
    with pytest.raises(bulletin.BulletinError, match="未知的字体角色 “heading”"):
        bulletin.RenderOptions(fonts={"heading": "黑体"})
    with pytest.raises(TypeError):
        bulletin.RenderOptions(fonts=["黑体"])  # type: ignore[arg-type]


def test_word_writes_the_named_fonts_without_needing_them_installed(tmp_path):
    fonts = (
        "{body: 仿宋_GB2312, title: 方正小标宋简体, kai: 楷体_GB2312, sans: 黑体,"
        " number: DejaVuSans.ttf}"
    )
    shutil.copyfile(_dejavu(), tmp_path / "DejaVuSans.ttf")
    data = _data_file(tmp_path, fonts)
    docx_bytes = bulletin.render(data, formats="docx", layout="gbt9704")["docx"]
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        styles = package.read("word/styles.xml").decode()
        table = package.read("word/fontTable.xml").decode()
    for name in ("仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "黑体"):
        assert f'w:eastAsia="{name}"' in styles and f'w:name="{name}"' in table
    assert 'w:ascii="DejaVu Sans"' in styles  # a file: its family name
    assert "FangSong" not in styles and "SimHei" not in styles
    with pytest.raises(bulletin.BulletinError, match="没有安装字体 “仿宋_GB2312”"):
        bulletin.render(data, formats="docx,pdf", layout="gbt9704")  # the PDF needs them
    plain = bulletin.render(EXAMPLES / "qinghe.yaml", formats="docx", layout="gbt9704", fonts={})
    assert plain["docx"] == bulletin.render(EXAMPLES / "qinghe.yaml", formats="docx",
                                            layout="gbt9704")["docx"]  # fmt: skip
