"""The Word document: structure read back with python-docx, fonts and language,
determinism, text that stays text, the command line, and (when LibreOffice is
installed) that a real word processor opens it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm

import bulletin
from bulletin.compose.parse import parse_article
from bulletin.emit import EmitContext, emitter_for
from bulletin.emit.docx import emit
from conftest import EXAMPLES, GOLDEN, run_cli

EXAMPLE_NAMES = ("zhaohua", "qinghe", "youxian", "jianan", "dezhou", "dongchangfu")


@cache
def docx_bytes(name: str) -> bytes:
    data = bulletin.render(EXAMPLES / f"{name}.yaml", formats=("docx",))["docx"]
    assert isinstance(data, bytes)
    return data


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def styled(document, style: str) -> list[str]:
    """The texts of the paragraphs in ``style`` (a headline's line breaks taken out)."""
    return [unbroken(p.text) for p in document.paragraphs if p.style.name == style]


def unbroken(text: str) -> str:
    """A line-broken headline as one line: a break at a phrase space stands for the space."""
    return re.sub(r"(?<=[\u3000-\u9fff])\n(?=[\u3000-\u9fff])", "", text).replace("\n", " ")


def spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_headline_and_headings_follow_the_markdown(name):
    document = open_docx(docx_bytes(name))
    markdown = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    headline = markdown.splitlines()[0].removeprefix("# ")
    assert spaceless(document.paragraphs[0].text) == spaceless(headline)
    assert document.paragraphs[0].style.name == "Title"
    assert document.core_properties.title == headline
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert [spaceless(h) for h in styled(document, "Heading 1")] == [spaceless(h) for h in headings]


def test_zhaohua_structure():
    document = open_docx(docx_bytes("zhaohua"))
    assert styled(document, "Subtitle") == ["——昭化区卫健系统扎实开展“我为群众办实事”实践活动纪实"]
    assert styled(document, "Byline") == ["■ 吕婷 王泽刚"]
    attributions = styled(document, "Quote Attribution")
    assert attributions[0] == "——在区社区卫生服务中心留观区等候的高先生"
    assert len(attributions) == 3
    assert all(q.startswith("“") for q in styled(document, "Quote"))
    assert styled(document, "Caption") == ["图1 部分乡镇新冠疫苗接种剂次"]
    footer = styled(document, "Footer Text")
    assert footer == ["来源：广元日报", "责任编辑：张敏　版式：李娜　校对：王静"]
    body = styled(document, "Body Text")
    assert body[0].startswith("让群众少跑腿")
    assert not any("**" in p.text or "](" in p.text for p in document.paragraphs)
    props = document.core_properties
    assert props.author == "昭化区卫生健康局"
    assert props.language == "zh-CN"
    assert props.created.date().isoformat() == "2021-07-20"


def test_body_text_style_is_an_official_document_paragraph():
    document = open_docx(docx_bytes("zhaohua"))
    body = document.styles["Body Text"]
    pf = body.paragraph_format
    assert pf.alignment == WD_PARAGRAPH_ALIGNMENT.JUSTIFY
    assert pf.line_spacing == 1.5
    ind = body.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"  # two characters
    title = document.styles["Title"]
    assert title.font.bold and title.paragraph_format.alignment == WD_PARAGRAPH_ALIGNMENT.CENTER
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer  # page numbers


def test_news_topic_sentences_stay_bold():
    document = open_docx(docx_bytes("jianan"))
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "積極開展新冠疫苗接種，構建全民免疫屏障" in bold
    assert styled(document, "Dateline")[0].startswith("2021-06-30 12:05:35")


def test_qinghe_indicator_table():
    document = open_docx(docx_bytes("qinghe"))
    assert len(document.tables) == 4
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["指标", "本年", "上年", "比上年增减"]
    assert rows[1] == ["医疗卫生机构", "312个", "305个", "增加7个"]
    assert rows[-1] == ["每万人口全科医生", "3.6人", "3.6人", "持平"]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on a new page
    assert header.cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"
    assert all(r.bold for r in header.cells[1].paragraphs[0].runs)
    number = table.rows[1].cells[1].paragraphs[0]
    assert number.alignment == WD_PARAGRAPH_ALIGNMENT.RIGHT
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None
    notes = styled(document, "Note")
    assert "注：每千人口指标按年末常住人口62.35万人计算。" in notes
    assert "数据来源：青禾区卫生健康统计年报" in notes
    assert "注释：" in notes
    listed = styled(document, "Note List")
    assert len(listed) == 4 and listed[3].startswith("4. 本公报数据为快报数")
    heading = next(p for p in document.paragraphs if p.text == "一、医疗卫生资源")
    assert heading.alignment == WD_PARAGRAPH_ALIGNMENT.LEFT  # 公文 form: 一、 flush left
    assert document.styles["Heading 1"].paragraph_format.alignment == (
        WD_PARAGRAPH_ALIGNMENT.CENTER  # newspaper subheads are centred
    )


@pytest.mark.parametrize(("name", "charts"), [("zhaohua", 1), ("qinghe", 3)])
def test_chart_pictures_with_captions(name, charts):
    data = docx_bytes(name)
    document = open_docx(data)
    assert len(document.inline_shapes) == charts
    # charts are set so their text (titles 14.5 pt, labels 11.5 pt) is no larger than the
    # 12 pt body text: 5 in x 12/14.5 = 10.51 cm
    for shape in document.inline_shapes:
        assert abs(shape.width - Cm(10.51)) < Cm(0.01)
    captions = styled(document, "Caption")
    assert [c.split(" ")[0] for c in captions] == [f"图{k}" for k in range(1, charts + 1)]
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media")]
    assert len(media) == charts
    xml = part(data, "word/document.xml")
    assert 'descr="柱状图：部分乡镇' in xml or 'descr="环形图：' in xml  # alt text


def test_east_asian_fonts_and_language_on_styles():
    data = docx_bytes("zhaohua")
    styles = part(data, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="zh-CN"' in defaults and 'w:eastAsia="SimSun"' in defaults
    assert "eastAsiaTheme" not in defaults and "ja-JP" not in styles
    document = open_docx(data)
    for name, font in [
        ("Normal", "SimSun"),
        ("Body Text", "SimSun"),
        ("Title", "SimSun"),
        ("Heading 1", "SimHei"),
        ("Quote", "KaiTi"),
        ("Table Text", "SimSun"),
    ]:
        rpr = document.styles[name].element.rPr
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font, name
        assert rpr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman", name
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN", name
    fonts = part(data, "word/fontTable.xml")
    assert 'w:name="SimSun"' in fonts and 'w:val="宋体"' in fonts and "ＭＳ" not in fonts


@pytest.mark.parametrize("name", ["youxian", "jianan"])
def test_traditional_examples_are_marked_traditional(name):
    """Plain hant: Word's Traditional locale zh-TW on the text, zh-Hant as the
    document's language."""
    data = docx_bytes(name)
    styles = part(data, "word/styles.xml")
    assert 'w:eastAsia="zh-TW"' in styles and 'w:eastAsia="zh-CN"' not in styles
    assert 'w:eastAsia="PMingLiU"' in styles
    assert open_docx(data).core_properties.language == "zh-Hant"


def test_taiwan_script_is_zh_tw_throughout():
    data = emit(parse_article("# 標題\n\n正文。\n", script="hant-tw"), EmitContext())
    assert 'w:eastAsia="zh-TW"' in part(data, "word/styles.xml")
    assert open_docx(data).core_properties.language == "zh-TW"


def test_hong_kong_script_is_zh_hk():
    data = emit(parse_article("# 標題\n\n正文。\n", script="hant-hk"), EmitContext())
    assert 'w:eastAsia="zh-HK"' in part(data, "word/styles.xml")


def test_missing_photo_keeps_its_place():
    document = open_docx(docx_bytes("youxian"))
    figures = styled(document, "Figure")
    assert "照片待補：photos/fupan.jpg" in figures
    assert "疫情防控期間，專班醫護人員和志願者進行工作復盤總結" in styled(document, "Caption")


def test_photo_from_the_data_folder_is_embedded(tmp_path):
    from PIL import Image

    (tmp_path / "photos").mkdir()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(tmp_path / "photos" / "a.png")
    Image.new("RGB", (40, 30), (30, 30, 200)).save(tmp_path / "photos" / "c.webp")
    data = tmp_path / "doc.yaml"
    data.write_text(
        "meta: {title: 标题}\nsections:\n"
        "  - heading: 一\n    image: {src: photos/a.png, caption: 现场照片}\n"
        "  - heading: 二\n    image: {src: photos/missing.jpg, caption: 另一张}\n"
        "  - heading: 三\n    image: {src: photos/c.webp, caption: 第三张}\n",
        encoding="utf-8",
    )
    document = open_docx(bulletin.render(data, formats="docx")["docx"])
    assert len(document.inline_shapes) == 1
    assert styled(document, "Caption") == ["现场照片", "另一张", "第三张"]
    figures = styled(document, "Figure")
    assert "照片待补：photos/missing.jpg" in figures
    assert any(re.fullmatch(r"图片无法放入Word：images/c-[0-9a-f]{8}\.webp", f) for f in figures)


@pytest.mark.parametrize("name", ["zhaohua", "youxian"])
def test_same_input_same_bytes(name):
    first = docx_bytes(name)
    again = bulletin.render(EXAMPLES / f"{name}.yaml", formats=("docx",))["docx"]
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
        assert {info.date_time for info in package.infolist()} == {
            (2021, 7, 20, 0, 0, 0) if name == "zhaohua" else (2023, 5, 25, 9, 15, 0)
        }
        assert "docProps/thumbnail.jpeg" not in names


def test_injected_text_stays_text():
    doc = bulletin.loads(
        "meta: {title: '<w:t>标题</w:t>]]>&'}\n"
        "lead: |\n"
        "  正文<script>alert(1)</script>，见[说明](javascript:alert(1))和[网站](https://example.org/a?b=1&c=2)。"
        '{{ "" }}<w:fldSimple w:instr="HYPERLINK"/>\n'
    )
    data = bulletin.render(doc, formats="docx")["docx"]
    document = open_docx(data)
    assert document.paragraphs[0].text == "<w:t>标题</w:t>]]>&"
    lead = document.paragraphs[1].text
    assert "<script>alert(1)</script>" in lead
    assert "[说明](javascript:alert(1))" in lead  # not a link: stays as written
    assert "[网站](https://example.org/a?b=1&c=2)" in lead  # data-file text is never markup
    xml = part(data, "word/document.xml")
    assert "<w:hyperlink" not in xml and "javascript" not in part(
        data, "word/_rels/document.xml.rels"
    )
    assert xml.count("<w:fldSimple") == 0  # the only field is the page number, in the footer
    assert "&lt;w:fldSimple" in xml


def test_links_become_their_text_and_address():
    markdown = (
        "# 标题\n\n见[网站](https://example.org/a?b=1&c=2)、[说明](javascript:alert(1))"
        "和<https://example.org/>。\n"
    )
    data = emit(parse_article(markdown), EmitContext())
    text = open_docx(data).paragraphs[1].text
    assert (
        text
        == "见网站（https://example.org/a?b=1&c=2）、[说明](javascript:alert(1))和https://example.org/。"
    )
    assert "<w:hyperlink" not in part(data, "word/document.xml")


ROLES_MARKDOWN = """# 标题

::: subtitle
——副题
:::

::: byline
■ 吕婷
:::

::: dateline
2025年4月18日
:::

::: abstract
摘要：全文的摘要。
:::

::: original-title
原标题：旧的标题
:::

::: lead
导语。
:::

## 一、第一部分

正文，**加粗**和*强调*。

::: points
一是要点。
:::

> “引语。”
>
> ::: attribution
> ——说话人
> :::

- 列表一
- 列表二

::: table-title
**表1 指标**
:::

| 指标 | 数值 |
|---|---|
| 机构 | 312个 |

::: note
注：表注。
:::

::: source
数据来源：年报
:::

::: note
注释：
:::

1. 注释一
2. 注释二

```
code line
```

::: footer
来源：日报

责任编辑：张敏
:::
"""


def test_every_role_has_its_style():
    document = open_docx(emit(parse_article(ROLES_MARKDOWN), EmitContext()))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Title", "标题"),
        ("Subtitle", "——副题"),
        ("Byline", "■ 吕婷"),
        ("Dateline", "2025年4月18日"),
        ("Abstract", "摘要：全文的摘要。"),
        ("Original Title", "原标题：旧的标题"),
        ("Body Text", "导语。"),
        ("Heading 1", "一、第一部分"),
        ("Body Text", "正文，加粗和强调。"),
        ("Body Text", "一是要点。"),
        ("Quote", "“引语。”"),
        ("Quote Attribution", "——说话人"),
        ("List Paragraph", "• 列表一"),
        ("List Paragraph", "• 列表二"),
        ("Table Title", "表1 指标"),
        ("Note", "注：表注。"),
        ("Note", "数据来源：年报"),
        ("Note", "注释："),
        ("Note List", "1. 注释一"),
        ("Note List", "2. 注释二"),
        ("Code", "code line"),
        ("Footer Text", "来源：日报"),
        ("Footer Text", "责任编辑：张敏"),
    ]
    by_text = {p.text: p for p in paragraphs}
    # the labels of the abstract and the original title are bold, the rest is not
    assert [(r.text, bool(r.bold)) for r in by_text["摘要：全文的摘要。"].runs] == [
        ("摘要：", True),
        ("全文的摘要。", False),
    ]
    assert [r.text for r in by_text["原标题：旧的标题"].runs if r.bold] == ["原标题："]
    body = by_text["正文，加粗和强调。"].runs
    assert [r.text for r in body if r.bold] == ["加粗"]
    emphasis = next(r for r in body if r.text == "强调")
    assert emphasis._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "KaiTi"  # 楷体
    # the footer opens with a rule above its first paragraph, and only there
    borders = [p.text for p in paragraphs if p._p.pPr.find(qn("w:pBdr")) is not None]
    assert borders == ["来源：日报"]
    assert len(document.tables) == 1


def test_user_paragraphs_that_look_like_roles_stay_body_text():
    doc = bulletin.loads(
        "meta: {title: 标题, byline: [吕婷]}\n"
        "lead: |\n"
        "  ■ 这是导语，不是署名。\n\n"
        "  ——这也是导语，不是副题。\n"
        "sections:\n"
        "  - heading: 一\n"
        "    text: |\n"
        "      注：这是正文，不是注。\n\n"
        "      数据来源：这是正文，不是来源。\n\n"
        "      图1 这是正文，不是图注。\n\n"
        "      摘要：这也是正文。\n"
    )
    document = open_docx(bulletin.render(doc, formats="docx")["docx"])
    assert styled(document, "Body Text") == [
        "■ 这是导语，不是署名。",
        "——这也是导语，不是副题。",
        "注：这是正文，不是注。",
        "数据来源：这是正文，不是来源。",
        "图1 这是正文，不是图注。",
        "摘要：这也是正文。",
    ]
    assert styled(document, "Byline") == ["■ 吕婷"]  # only the template's byline
    for style in ("Subtitle", "Note", "Caption", "Abstract", "Dateline"):
        assert styled(document, style) == [], style
    assert not any(r.bold for p in document.paragraphs for r in p.runs)


def test_docx_is_a_registered_binary_format():
    emitter = emitter_for("word")
    assert (emitter.name, emitter.binary, emitter.emit) == ("docx", True, emit)


def test_format_list_and_rendered_bytes():
    assert "docx" in bulletin.FORMATS
    result = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="md,docx", draw_charts=False)
    assert set(result.outputs) == {"md", "docx"}
    assert isinstance(result["docx"], bytes) and isinstance(result["md"], str)
    assert set(result.files()) >= {"zhaohua.md", "zhaohua.docx"}
    # a chart that was not drawn keeps its place
    document = open_docx(result["docx"])
    assert any(t.startswith("图表待生成：charts/") for t in styled(document, "Figure"))


def test_cli_writes_docx(tmp_path):
    proc = run_cli(
        "render", str(EXAMPLES / "qinghe.yaml"), "-o", "out", "-f", "md,html,docx", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    printed = proc.stdout.split()
    assert str(Path("out") / "qinghe.docx") in printed
    assert {p.name for p in out.iterdir() if p.is_file()} == {
        "qinghe.md",
        "qinghe.html",
        "qinghe.docx",
    }
    assert (out / "qinghe.docx").read_bytes() == docx_bytes("qinghe")
    bad = run_cli("render", str(EXAMPLES / "qinghe.yaml"), "-o", "o2", "-f", "doc", cwd=tmp_path)
    assert bad.returncode == 2 and "docx" in bad.stderr
    assert not (tmp_path / "o2").exists()


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.external
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_document(tmp_path):
    source = tmp_path / "qinghe.docx"
    source.write_bytes(docx_bytes("qinghe"))
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [
            str(_soffice()),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "qinghe.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 10_000, proc.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-q", str(pdf), "-"], capture_output=True, text=True, timeout=60
        ).stdout
        assert "青禾区2024年卫生健康事业发展统计公报" in re.sub(r"\s+", "", text)
        assert "医疗卫生机构" in text


def test_a_headline_that_nearly_fills_the_line_is_set_on_two_in_word():
    """Word lays a .docx out in whatever fonts the machine has (often wider than the
    ones it names), so a headline that only just fits is set on two even lines, never
    with its last character alone on a second one."""
    article = parse_article("# 云岭区2024年卫生健康事业发展统计公报\n")
    document = docx.Document(io.BytesIO(emit(article, EmitContext())))
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == "云岭区2024年卫生健康\n事业发展统计公报"
    short = parse_article("# 云岭区卫生健康统计公报\n")
    document = docx.Document(io.BytesIO(emit(short, EmitContext())))
    assert next(p for p in document.paragraphs if p.style.name == "Title").text == short.title
