"""The genres beyond the feature: news, interview, brief and the web feature.

Each example is rendered to Markdown and HTML and compared with its golden file;
the structural tests check that the parts come in the order of its reference
article (STYLE.md §7), that Traditional outputs hold no Simplified-only
characters, and that user templates can override a block but cannot reach
Python internals.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

import bulletin
from bulletin.emit.html import markdown_parser
from conftest import EXAMPLES, check_golden, run_cli

#: The examples of this module, by genre.
GENRE_EXAMPLES = ("jianan", "youxian", "dongchangfu", "dezhou")
TRADITIONAL_EXAMPLES = ("jianan", "youxian", "dezhou")
SIMPLIFIED_EXAMPLES = ("zhaohua", "dongchangfu", "qinghe")

#: Characters that only exist in Simplified text, and their Traditional twins.
SIMPLIFIED_ONLY = "万亿个与卫区办实医发这为门诊"
TRADITIONAL_ONLY = "萬億個與衛區辦實醫"

FOOTER_ONLY_TEMPLATE = """\
{% extends "base.md.j2" %}
{% block footer %}
（本文完）
{% endblock %}
"""


@cache
def rendered(name: str) -> bulletin.Rendered:
    """Render examples/NAME.yaml once per test session."""
    return bulletin.render(EXAMPLES / f"{name}.yaml")


def markdown(name: str) -> str:
    return rendered(name)["md"]


def blocks(text: str) -> list[str]:
    """The Markdown's blocks (paragraphs, headings …), in order."""
    return [b.strip() for b in text.split("\n\n") if b.strip()]


def without_paths(text: str) -> str:
    """Text with link targets, image paths, URLs and HTML attribute values removed."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", "", text)
    return re.sub(r'(?:src|href|content|datetime)="[^"]*"', "", text)


# --- golden files -----------------------------------------------------------------


@pytest.mark.parametrize("name", GENRE_EXAMPLES)
def test_golden_markdown(name):
    check_golden(f"{name}.md", markdown(name))


@pytest.mark.parametrize("name", GENRE_EXAMPLES)
def test_golden_html(name):
    check_golden(f"{name}.html", rendered(name)["html"])


@pytest.mark.parametrize("name", GENRE_EXAMPLES)
def test_examples_render_cleanly(name):
    md = markdown(name)
    assert "{{" not in md and "}}" not in md and "{%" not in md
    html = rendered(name)["html"]
    # every ** was understood as strong emphasis (none left over as text)
    assert "**" not in html
    assert rendered(name)["md"] == bulletin.render(EXAMPLES / f"{name}.yaml")["md"]


def test_examples_genres():
    genres = {name: bulletin.load(EXAMPLES / f"{name}.yaml").meta.genre for name in GENRE_EXAMPLES}
    assert genres == {
        "jianan": "news",
        "youxian": "feature",
        "dongchangfu": "brief",
        "dezhou": "interview",
    }


# --- news (消息), seed 001 -----------------------------------------------------------


def test_news_parts_in_order():
    parts = blocks(markdown("jianan"))
    assert parts[0] == "# 許昌市建安區：學史力行辦實事 聚焦健康惠民生"
    assert parts[1] == "2021-06-30 12:05:35　來源：中新河南網　責任編輯：關潼"
    assert parts[2].startswith("中新河南網6月30日電（記者 鄭超偉 臧喜忠）6月30日，")
    assert parts[3].startswith("發佈會上，")
    topics = parts[4:7]
    assert [re.match(r"\*\*([^*]+)\*\*。", p).group(1) for p in topics] == [
        "積極開展新冠疫苗接種，構建全民免疫屏障",
        "加快推進公有產權標準化村衛生室建設，築牢基層醫療網底",
        "積極探索“互聯網+智慧醫療”新模式，助推健康建安建設",
    ]
    assert parts[7].startswith("下一步，")
    assert len(parts) == 8
    md = markdown("jianan")
    assert "■" not in md and "## " not in md and "---" not in md and "——" not in parts[1]
    for figure in ("224982人", "188所", "13家", "7輛", "365家", "1091例", "69例", "81例"):
        assert figure in md, figure


def test_news_topic_sentences_are_strong_in_html():
    html = rendered("jianan")["html"]
    assert html.count("<p><strong>") == 3
    assert "<p><strong>積極開展新冠疫苗接種，構建全民免疫屏障</strong>。為如期" in html


def test_news_topic_sentence_keeps_its_mark_outside_the_emphasis():
    doc = bulletin.loads(
        "meta: {genre: news, title: 标题, agency: 某某网, date: 2021-06-30}\n"
        "lead: 今天召开发布会。\n"
        "sections:\n"
        "  - {heading: 疫苗接种稳步推进。, text: 全区接种顺利。}\n"
        "  - {heading: 群众为什么满意？, text: 因为服务到家。}\n"
        "  - {heading: 只有标题}\n"
    )
    md = bulletin.render(doc, formats="md")["md"]
    assert "\n**疫苗接种稳步推进**。全区接种顺利。\n" in md
    assert "\n**群众为什么满意**？因为服务到家。\n" in md
    assert "\n**只有标题**。\n" in md
    assert "某某网6月30日电今天召开发布会。" in md
    html = markdown_parser().render(md)
    assert "**" not in html and html.count("<strong>") == 3


def test_news_without_dateline_or_header():
    doc = bulletin.loads("meta: {genre: news, title: 标题}\nlead: 今天召开发布会。\n")
    assert bulletin.render(doc, formats="md")["md"] == "# 标题\n\n今天召开发布会。\n"


# --- interview (访谈), seed 004 ------------------------------------------------------


def test_interview_parts_in_order():
    parts = blocks(markdown("dezhou"))
    assert parts[0].startswith("# 2021德州市人民政府在線訪談：")
    assert parts[1] == "嘉賓：德州市衛生健康委員會主任張朝暉"
    assert parts[2].startswith("**【主持人】**：")
    footer = parts[parts.index("---") + 1 :]
    assert footer[0] == "德州新聞網版權與免責聲明："
    assert [p[0] for p in footer[1:]] == ["①", "②", "③"]


def test_interview_turns_alternate_and_answers_have_points():
    parts = blocks(markdown("dezhou"))
    labels = [m.group(1) for p in parts if (m := re.match(r"\*\*【(.+?)】\*\*：", p))]
    assert labels == ["主持人", "張朝暉主任"] * 2
    numerals = "一二三四五六七八九十"
    for start in (i for i, p in enumerate(parts) if p.startswith("**【張朝暉主任】**")):
        points = []
        for p in parts[start + 1 :]:
            if not re.match(f"[{numerals}]是", p):
                break
            points.append(p[0])
        assert points == list(numerals[: len(points)]) and len(points) >= 3
    assert any(p.startswith("下一步，") for p in parts)
    html = rendered("dezhou")["html"]
    assert "<p><strong>【主持人】</strong>：" in html
    assert "<p><strong>【張朝暉主任】</strong>：" in html


def test_interview_host_by_name_and_unknown_speaker():
    doc = bulletin.loads(
        "meta:\n"
        "  genre: interview\n"
        "  title: 在线访谈：标题\n"
        "  host: 李明\n"
        "  guests: [{name: 张三, title: 局长}, {name: 王五, title: 副局长, key: wang}]\n"
        "sections:\n"
        "  - turns:\n"
        "      - {speaker: host, text: 请介绍一下。}\n"
        "      - {speaker: wang, text: 好的。, points: [抓落实, 促改革]}\n"
    )
    md = bulletin.render(doc, formats="md")["md"]
    assert "主持人：李明　嘉宾：局长张三、副局长王五" in md
    assert "**【李明】**：请介绍一下。" in md
    assert "**【王五副局长】**：好的。\n\n一是抓落实\n\n二是促改革\n" in md
    bad = bulletin.loads(
        "meta: {genre: interview, title: 访谈, guests: [{name: 张三}]}\n"
        "sections: [{turns: [{speaker: 李四, text: 你好}]}]\n"
    )
    with pytest.raises(bulletin.BulletinError, match="没有 “李四” 这位发言人"):
        bulletin.render(bad, formats="md")


# --- brief (数说), seed 003 ----------------------------------------------------------


def test_brief_parts_in_order():
    parts = blocks(markdown("dongchangfu"))
    assert parts[:3] == [
        "# 让群众有更多健康获得感",
        "——东昌府区卫健局提升服务质量工作走笔",
        "■ 吕婷 王泽刚",
    ]
    highlights = parts[3]
    assert highlights.startswith("高标准建成国医堂16处，14家基层医疗机构达到基本标准，")
    assert highlights.endswith("19家公立医院全部开通老年人就医绿色通道……")
    assert parts[4].startswith("今年以来，")
    headings = [p for p in parts if p.startswith("## ")]
    assert headings == ["## 强基固本 打造区域性医疗高地", "## 科学防疫 公共卫生服务惠民生"]
    assert parts.index(headings[0]) == 5
    assert parts[-3].startswith("下一步，")
    assert parts[-2:] == ["---", "责任编辑：钟伟　版式：宫亭杰　校对：李吉汶"]


def test_brief_figures_as_the_seed_prints_them():
    md = markdown("dongchangfu")
    for figure in ("1.3亿元", "4.7万平方米", "2万余例", "90%以上", "255.8万剂次", "95.2万余人"):
        assert figure in md, figure
    for figure in ("52.25万人", "5个百分点", "55家", "4.23个", "89轮", "662支", "753个"):
        assert figure in md, figure


def test_brief_without_highlights_is_a_feature():
    text = "meta: {genre: GENRE, title: 标题, byline: [甲]}\nlead: 导语。\n"
    brief = bulletin.render(bulletin.loads(text.replace("GENRE", "brief")), formats="md")
    feature = bulletin.render(bulletin.loads(text.replace("GENRE", "feature")), formats="md")
    assert brief["md"] == feature["md"]


# --- web feature (网页纪实), seed 002 -------------------------------------------------


def test_web_feature_images_and_figures():
    md = markdown("youxian")
    parts = blocks(md)
    assert parts[0] == "# 游仙：讓群眾有“醫”靠 生活更幸福"
    images = [i for i, p in enumerate(parts) if p.startswith("![")]
    assert [parts[i].split("](")[1] for i in images] == [
        "photos/fupan.jpg)",
        "photos/yizhen.jpg)",
        "photos/gongwei.jpg)",
    ]
    assert parts[images[0] + 1] == "疫情防控期間，專班醫護人員和志願者進行工作復盤總結"
    assert "核酸篩查採、轉、檢、報的完成率從起初的不到60%提升到95%以上" in md
    for figure in ("1600多名", "2000餘萬人次", "3.2萬餘人次", "128.57萬劑次", "74.07萬人次"):
        assert figure in md, figure
    for figure in ("近30%", "近5個百分點", "近20%", "近50萬元", "178000餘例", "4.5億元"):
        assert figure in md, figure
    assert parts[-4].endswith("（鄒銳 綿報融媒記者 周鈺 文/圖）")
    assert parts[-3:] == ["---", "來源：綿陽日報", "責任編輯：郭成"]


def test_web_feature_abstract_original_title_and_photo_before_heading():
    parts = blocks(markdown("youxian"))
    assert parts[1].startswith("摘要：“健康是福”")
    assert parts[2] == "原標題：為民服務出實招 當好健康“守門人”"
    first_image = next(i for i, p in enumerate(parts) if p.startswith("!["))
    assert parts[first_image + 2] == "## 抓好疫情防控 做守護人民健康的“防疫衛士”"


def test_traditional_keeps_place_names():
    assert "遊仙" not in markdown("youxian")


# --- Simplified and Traditional ------------------------------------------------------


@pytest.mark.parametrize("name", TRADITIONAL_EXAMPLES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_traditional_outputs_have_no_simplified_only_characters(name, fmt):
    text = without_paths(rendered(name)[fmt])
    found = sorted({c for c in text if c in SIMPLIFIED_ONLY})
    assert not found, f"{name}.{fmt}: {''.join(found)}"


@pytest.mark.parametrize("name", SIMPLIFIED_EXAMPLES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_simplified_outputs_have_no_traditional_characters(name, fmt):
    text = without_paths(rendered(name)[fmt])
    found = sorted({c for c in text if c in TRADITIONAL_ONLY})
    assert not found, f"{name}.{fmt}: {''.join(found)}"


def test_traditional_leaves_image_paths_alone(tmp_path):
    data = (EXAMPLES / "youxian.yaml").read_text(encoding="utf-8")
    data = data.replace("photos/fupan.jpg", "照片/复盘.jpg")
    md = bulletin.render(bulletin.loads(data), formats="md")["md"]
    assert "](照片/复盘.jpg)" in md


def test_script_option_overrides_meta():
    md = bulletin.render(EXAMPLES / "dongchangfu.yaml", formats="md", script="hant-tw")["md"]
    assert md.startswith("# 讓群眾有更多健康獲得感")
    assert "255.8萬劑次" in md


def test_corner_quotes():
    data = (EXAMPLES / "dezhou.yaml").read_text(encoding="utf-8")
    data = data.replace("  script: hant ", "  quote_style: corner\n  script: hant ")
    md = bulletin.render(bulletin.loads(data), formats="md")["md"]
    assert "「大起底、大整治、大提升」" in md and "“" not in md


# --- user templates ------------------------------------------------------------------


def _footer_only_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "feature.md.j2").write_text(FOOTER_ONLY_TEMPLATE, encoding="utf-8")
    return folder


def test_template_dir_overrides_one_block(tmp_path):
    folder = _footer_only_dir(tmp_path)
    doc = bulletin.load(EXAMPLES / "zhaohua.yaml")
    plain = bulletin.render(doc, formats="md")["md"]
    mine = bulletin.render(doc, formats="md", template_dirs=[folder])["md"]
    body = plain[: plain.index("\n---\n")]
    assert plain.endswith("责任编辑：张敏　版式：李娜　校对：王静\n")
    assert mine == body + "\n（本文完）\n"


def test_template_dir_through_the_cli(tmp_path):
    folder = _footer_only_dir(tmp_path)
    out = tmp_path / "out"
    proc = run_cli(
        "render", str(EXAMPLES / "zhaohua.yaml"), "-o", str(out), "--template-dir", str(folder)
    )
    assert proc.returncode == 0, proc.stderr
    md = (out / "zhaohua.md").read_text(encoding="utf-8")
    plain = markdown("zhaohua")
    assert md == plain[: plain.index("\n---\n")] + "\n（本文完）\n"
    html = (out / "zhaohua.html").read_text(encoding="utf-8")
    assert "（本文完）" in html and "责任编辑" not in html


def test_template_dir_does_not_affect_other_genres(tmp_path):
    folder = _footer_only_dir(tmp_path)
    plain = bulletin.render(EXAMPLES / "jianan.yaml", formats="md")["md"]
    mine = bulletin.render(EXAMPLES / "jianan.yaml", formats="md", template_dirs=[folder])["md"]
    assert mine == plain


UNSAFE_TEMPLATES = [
    "{{ article.__class__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ article.facts.first_dose._figure }}",
    "{{ article.meta.__class__.__init__.__globals__ }}",
]


def _unsafe_dir(tmp_path: Path, expression: str) -> Path:
    folder = tmp_path / "evil"
    folder.mkdir(exist_ok=True)
    template = '{% extends "base.md.j2" %}\n{% block footer %}' + expression + "{% endblock %}\n"
    (folder / "feature.md.j2").write_text(template, encoding="utf-8")
    return folder


@pytest.mark.parametrize("expression", UNSAFE_TEMPLATES)
def test_user_template_cannot_reach_python_internals(tmp_path, expression):
    folder = _unsafe_dir(tmp_path, expression)
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(EXAMPLES / "zhaohua.yaml", template_dirs=[folder])
    message = str(info.value)
    assert "\n" not in message and "unsafe" in message
    assert "feature.md.j2" in message


@pytest.mark.parametrize("expression", UNSAFE_TEMPLATES[:2])
def test_unsafe_template_through_the_cli(tmp_path, expression):
    folder = _unsafe_dir(tmp_path, expression)
    out = tmp_path / "out"
    proc = run_cli(
        "render", str(EXAMPLES / "zhaohua.yaml"), "-o", str(out), "--template-dir", str(folder)
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stdout == ""
    assert not out.exists() or not list(out.iterdir())


def test_template_runtime_error_is_one_line(tmp_path):
    folder = _unsafe_dir(tmp_path, "{{ 1 / 0 }}")
    out = tmp_path / "out"
    proc = run_cli(
        "render", str(EXAMPLES / "zhaohua.yaml"), "-o", str(out), "--template-dir", str(folder)
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_html_masthead_follows_the_script():
    assert '<span class="masthead-name">中新河南網</span>' in rendered("jianan")["html"]


# --- the documentation shows real output ---------------------------------------------

DOCS = EXAMPLES.parent / "docs"


def _code_blocks(text: str) -> list[tuple[str, str]]:
    return re.findall(r"```(\w+)\n(.*?)```", text, flags=re.S)


def test_genres_doc_shows_what_each_yaml_renders():
    blocks_ = _code_blocks((DOCS / "genres.md").read_text(encoding="utf-8"))
    pairs = [
        (data, shown)
        for (lang, data), (next_lang, shown) in pairwise(blocks_)
        if lang == "yaml" and next_lang == "markdown"
    ]
    genres = [bulletin.loads(data).meta.genre for data, _ in pairs]
    assert sorted(set(genres)) == ["brief", "feature", "interview", "news", "statistical"]
    for data, shown in pairs:
        md = bulletin.render(bulletin.loads(data), formats="md")["md"]
        assert md.startswith(shown), shown.splitlines()[0]


def test_templates_doc_worked_example(tmp_path):
    blocks_ = dict(_code_blocks((DOCS / "templates.md").read_text(encoding="utf-8")))
    folder = tmp_path / "my-templates"
    folder.mkdir()
    (folder / "feature.md.j2").write_text(blocks_["jinja"], encoding="utf-8")
    md = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="md", template_dirs=[folder])["md"]
    assert md.endswith(blocks_["markdown"])
    plain = markdown("zhaohua")
    assert md.startswith(plain[: plain.index("\n---\n")])
