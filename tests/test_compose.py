"""Compose: templates mark roles explicitly; user text is text in every format."""

from __future__ import annotations

import pytest

import bulletin
from bulletin.compose.article import Figure, Heading, Paragraph, Quote
from bulletin.compose.parse import parse_article
from bulletin.compose.templates import escape_markdown

LOOKALIKES = [
    "■ 本段不是署名",
    "——本段不是副题",
    "注：本段不是注",
    "数据来源：本段不是来源",
    "图1 本段不是图注",
    "摘要：本段不是摘要",
]


def _doc(text: str) -> bulletin.Document:
    return bulletin.load(
        {
            "meta": {"title": "标题", "subtitle": "副题", "byline": ["吕婷"]},
            "lead": text,
            "sections": [{"heading": "小标题", "text": text}],
        }
    )


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_paragraphs_stay_paragraphs_in_the_article(text):
    article = bulletin.render(_doc(text), formats="md").article
    assert article is not None
    roles = [(b.role, b.text.text) for b in article.blocks if isinstance(b, Paragraph)]
    assert ("byline", "■ 吕婷") in roles and ("subtitle", "——副题") in roles
    assert [r for r, t in roles if t == text] == ["lead", "paragraph"]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_paragraphs_stay_paragraphs_in_markdown_and_html(text):
    result = bulletin.render(_doc(text), formats=("md", "html"))
    assert result["md"].count(f"\n{text}\n") == 2
    assert result["html"].count(f"<p>{text}</p>") == 2
    assert '<p class="byline">■ 吕婷</p>' in result["html"]


@pytest.mark.parametrize(
    "text",
    [
        "**加粗**",
        "# 不是标题",
        "> 不是引语",
        "1. 不是列表",
        "- 不是列表",
        "::: byline",
        "[链接](https://example.cn)",
        "<b>标签</b>",
        "`代码`",
        "&copy;",
        "| 甲 | 乙 |",
        "---",
    ],
)
def test_prose_is_text_never_markup(text):
    result = bulletin.render(_doc(text), formats=("md", "html"))
    article = result.article
    assert article is not None
    lead = [b for b in article.blocks if isinstance(b, Paragraph) and b.role == "lead"]
    assert [b.text.text for b in lead] == [text]
    # the .md output keeps it text too: read back, it is the same paragraph
    reread = parse_article(result["md"])
    assert [b.text.text for b in reread.blocks if isinstance(b, Paragraph)][-2] == text
    assert "<b>" not in result["html"] and "<strong>" not in result["html"]
    assert "<h1" in result["html"] and result["html"].count("<h1") == 1


def test_escape_markdown_round_trips_through_the_parser():
    for text in ["**x**", "1. x", "# x", "::: note", "a_b_c", "[x](y)", "&amp;", "\\"]:
        article = parse_article(escape_markdown(text) + "\n")
        (block,) = article.blocks
        assert isinstance(block, Paragraph) and block.text.text == text


def test_roles_come_from_divs_not_text():
    article = parse_article(
        "# 标题\n\n::: subtitle\n——副题\n:::\n\n——正文\n\n::: note\n说明\n:::\n\n"
        "> “话”\n>\n> ::: attribution\n> ——某人\n> :::\n\n::: footer\n编辑：甲\n:::\n"
    )
    kinds = [(type(b).__name__, b.role) for b in article.blocks]
    assert kinds == [
        ("Heading", "title"),
        ("Paragraph", "subtitle"),
        ("Paragraph", "paragraph"),
        ("Paragraph", "note"),
        ("Quote", "quote"),
        ("Group", "footer"),
    ]
    quote = article.blocks[4]
    assert isinstance(quote, Quote) and quote.attribution is not None
    assert quote.attribution.text == "——某人"


def test_figures_are_divs():
    article = parse_article(
        "::: photo\n![现场](images/a.jpg)\n\n现场照片\n:::\n\n![不是图](b.jpg)\n"
    )
    figure, paragraph = article.blocks
    assert isinstance(figure, Figure) and figure.kind == "photo"
    assert (figure.src, figure.alt, figure.caption and figure.caption.text) == (
        "images/a.jpg",
        "现场",
        "现场照片",
    )
    assert isinstance(paragraph, Paragraph)


def test_a_figure_named_meta():
    doc = bulletin.loads(
        "meta: {title: 标题, source: 广元日报}\n"
        "figures: {meta: {value: 82460, unit: 人}}\n"
        "lead: 共接种{{ meta }}。\n"
    )
    result = bulletin.render(doc, formats=("md", "html"))
    assert "共接种82460人。" in result["md"]
    assert "来源：广元日报" in result["md"]


def test_a_users_own_genre(tmp_path):
    (tmp_path / "report.md.j2").write_text(
        '{% extends "base.md.j2" %}\n{% block footer %}\n（本报告完）\n{% endblock %}\n',
        encoding="utf-8",
    )
    doc = bulletin.loads("meta: {title: 标题, genre: report}\nlead: 正文。\n")
    md = bulletin.render(doc, formats="md", template_dirs=[tmp_path])["md"]
    assert md.endswith("（本报告完）\n")
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(bulletin.loads("meta: {title: 标题, genre: report}\n", file="a.yaml"))
    assert str(info.value).startswith("a.yaml:1:26: 找不到体裁 “report” 的模板 report.md.j2")


def test_headline_heading_is_the_title():
    article = parse_article("# 一\n\n# 二\n")
    assert [(b.level, b.role) for b in article.blocks if isinstance(b, Heading)] == [
        (1, "title"),
        (1, "heading"),
    ]
    assert article.title == "一"
