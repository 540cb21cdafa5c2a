"""Traditional Chinese conventions: corner quotes in Taiwan and Hong Kong texts (switchable),
words OpenCC gets wrong in this domain, and the language each format declares."""

from __future__ import annotations

import re

import pytest

import bulletin
from bulletin.emit import EmitContext
from bulletin.emit.pdf import page_data
from bulletin.numbers.scripts import BING_VERBS, FIXED_WORDS, to_script
from conftest import EXAMPLES, run_cli

#: Every example written in Traditional, and examples whose Simplified source has
#: words OpenCC gets wrong (zhaohua's 红岩镇), rendered in a Traditional script.
TRADITIONAL = sorted(
    p.stem
    for p in EXAMPLES.glob("*.yaml")
    if re.search(r"^\s+script: *hant", p.read_text("utf-8"), re.M)
)
CASES = [(name, None) for name in TRADITIONAL] + [
    ("chengchuan", "hant"),
    ("zhaohua", "hant-tw"),
    ("zhaohua", "hant-hk"),
]

#: What OpenCC writes for the curated words: none of it may reach a page.
WRONG = re.compile("巖|遊仙|併發(?:" + "|".join(v[1] for v in BING_VERBS) + ")")


def test_the_traditional_examples_are_found():
    assert TRADITIONAL == ["dezhou", "jianan", "youxian"]


@pytest.mark.parametrize(("name", "script"), CASES)
def test_curated_words_in_every_traditional_example(name, script):
    source = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")
    md = bulletin.render(EXAMPLES / f"{name}.yaml", formats="md", script=script)["md"]
    assert not WRONG.search(md), WRONG.findall(md)
    for simplified, traditional in FIXED_WORDS.items():
        if simplified in source and len(simplified) > 1:
            assert traditional in md, simplified
    if name == "zhaohua":
        assert "紅岩鎮" in md and "紅巖" not in md
    if name == "youxian":
        assert "游仙區" in md


def test_curated_words_and_place_names():
    text = "红岩镇并发放补助并发布通知，并发症减少；干河乡的村干部在这里。"
    # OpenCC alone: 紅巖鎮併發放補助併發佈通知 … 幹河鄉
    plain = to_script(text, "hant")
    assert plain == "紅岩鎮並發放補助並發佈通知，併發症減少；幹河鄉的村幹部在這裡。"
    out = to_script(text, "hant-tw", places=["干河乡"])
    assert out == "紅岩鎮並發放補助並發佈通知，併發症減少；干河鄉的村幹部在這裡。"
    assert to_script("![红岩](photos/红岩镇.jpg)", "hant") == "![紅岩](photos/红岩镇.jpg)"


def test_meta_keep_words_add_to_the_list():
    doc = bulletin.loads(
        "meta: {title: 游乐园开放, script: hant-tw, keep_words: [游樂]}\nlead: 游乐园并发放门票。\n"
    )
    md = bulletin.render(doc, formats="md")["md"]
    assert "游樂園開放" in md and "游樂園並發放門票" in md


def test_place_names_of_the_figures_keep_their_characters():
    doc = bulletin.loads(
        "meta: {title: 标题, script: hant-tw}\n"
        "figures:\n  towns: {unit: 人, by: {干河乡: 10, 里村: 8}}\n"
        "lead: 干河乡和里村的村干部在村里。\n"
    )
    md = bulletin.render(doc, formats="md", draw_charts=False)["md"]
    assert "干河鄉和里村的村幹部在村裡" in md


QUOTED = "meta: {{title: 标题{extra}}}\nlead: 他说：“‘办实事’很重要。”\n"


@pytest.mark.parametrize(
    ("extra", "quotes", "printed"),
    [
        (", script: hant-tw", None, "他說：「『辦實事』很重要。」"),
        (", script: hant-hk", None, "他説：「『辦實事』很重要。」"),  # 説: Hong Kong form
        (", script: hant", None, "他說：“‘辦實事’很重要。”"),
        ("", None, "他说：“‘办实事’很重要。”"),
        (", script: hant-tw, quote_style: curly", None, "他說：“‘辦實事’很重要。”"),
        (", script: hant, quote_style: corner", None, "他說：「『辦實事』很重要。」"),
        (", script: hant-tw", "curly", "他說：“‘辦實事’很重要。”"),
        (", script: hant", "corner", "他說：「『辦實事』很重要。」"),
    ],
)
def test_quotes_by_script_and_as_asked(extra, quotes, printed):
    doc = bulletin.loads(QUOTED.format(extra=extra))
    assert printed in bulletin.render(doc, formats="md", quotes=quotes)["md"]


def test_cli_quotes_flag(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(QUOTED.format(extra=", script: hant-tw"), encoding="utf-8")
    for flag, printed in (("curly", "“‘辦實事’"), ("corner", "「『辦實事』")):
        proc = run_cli("render", path, "-o", tmp_path / flag, "-f", "md", "--quotes", flag)
        assert proc.returncode == 0, proc.stderr
        assert printed in (tmp_path / flag / "q.md").read_text(encoding="utf-8")
    proc = run_cli("render", path, "-o", tmp_path / "x", "--quotes", "angle")
    assert proc.returncode == 2 and not (tmp_path / "x").exists()
    with pytest.raises(bulletin.BulletinError, match="不支持的引号样式"):
        bulletin.render(path, formats="md", quotes="angle")


def test_languages_declared_for_plain_traditional_and_regions():
    doc = bulletin.loads("meta: {title: 标题}\nlead: 正文。\n")
    for script, lang, region in (
        ("hant", "zh-Hant", None),
        ("hant-tw", "zh-TW", "tw"),
        ("hant-hk", "zh-HK", "hk"),
        ("hans", "zh-CN", "cn"),
    ):
        html = bulletin.render(doc, formats="html", script=script)["html"]
        assert f'<html lang="{lang}">' in html
        article = bulletin.compose(bulletin.resolve(doc, script=script))
        data, _ = page_data(article, EmitContext())
        assert (data["lang"], data["region"]) == ("zh", region)


# ----------------------------------------------------------------- chart texts follow the text

#: A chart whose title, category and source have quotes and protected place names
#: (干河乡: OpenCC writes 幹河鄉; 邢台市, the district: OpenCC writes 邢臺市 in Taiwan texts).
CHARTED = """\
meta: {{title: 标题, district: 邢台市{extra}}}
figures:
  towns:
    unit: 人
    label: “干河乡”和邢台市各村签约人数
    by: {{干河乡: 1200, 里村: 800, 邢台市: 500}}
    source: 干河乡人民政府“统计”
sections:
  - text: 干河乡的“家庭医生”签约{{{{ towns.total }}}}。
"""


def _svg_texts(rendered: bulletin.Rendered) -> list[str]:
    """The texts of the document's one SVG chart (matplotlib writes each as a comment)."""
    (svg,) = (data for name, data in rendered.assets.items() if name.endswith(".svg"))
    return re.findall(r"<!-- (.*?) -->", svg.decode("utf-8"))


def _render_charted(extra: str, **options: object) -> bulletin.Rendered:
    doc = bulletin.loads(CHARTED.format(extra=extra))
    return bulletin.render(doc, formats="md", md_charts="svg", chart_tables=True, **options)


@pytest.mark.parametrize(
    ("extra", "quotes", "title"),
    [
        (", script: hant-tw", None, "「干河鄉」和邢台市各村簽約人數"),
        (", script: hant-tw", "curly", "“干河鄉”和邢台市各村簽約人數"),
        (", script: hant-hk", None, "「干河鄉」和邢台市各村簽約人數"),
        (", script: hant", None, "“干河鄉”和邢台市各村簽約人數"),
        (", script: hant, quote_style: corner", None, "「干河鄉」和邢台市各村簽約人數"),
    ],
)
def test_chart_texts_are_written_as_the_text_is(extra, quotes, title):
    rendered = _render_charted(extra, quotes=quotes)
    md = rendered["md"]
    (chart,) = rendered.resolved.charts
    open_, close = title[0], title[4]
    # the text, the caption, the alt text and the data table
    assert f"干河鄉的{open_}家庭醫生{close}" in md
    assert f"圖1 {title}" in md
    assert chart.alt.startswith(f"柱狀圖：{title}。干河鄉最多")
    assert f"![{chart.alt}]({chart.svg})" in md
    assert chart.table is not None and "| 干河鄉 |" in chart.table and "| 邢台市 |" in chart.table
    # the picture
    texts = _svg_texts(rendered)
    assert title in texts
    assert {"干河鄉", "里村", "邢台市"} <= set(texts)
    assert f"數據來源：干河鄉人民政府{open_}統計{close}" in texts
    other = "“”" if open_ == "「" else "「」"
    for text in (md, chart.alt, chart.table, *texts):
        assert not re.search(f"[{other}]|幹河|邢臺", text), text


def test_cli_quotes_flag_reaches_the_charts(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(CHARTED.format(extra=", script: hant-tw"), encoding="utf-8")
    svgs = {}
    for flag, title in (("curly", "“干河鄉”和邢台市"), ("corner", "「干河鄉」和邢台市")):
        out = tmp_path / flag
        proc = run_cli(
            "render", path, "-o", out, "-f", "md", "--md-charts", "svg", "--quotes", flag
        )
        assert proc.returncode == 0, proc.stderr
        (svg,) = (out / "charts").glob("*.svg")
        assert f"<!-- {title}各村簽約人數 -->" in svg.read_text(encoding="utf-8")
        assert f"![柱狀圖：{title}各村簽約人數。" in (out / "q.md").read_text(encoding="utf-8")
        svgs[flag] = svg.name
    assert svgs["curly"] != svgs["corner"]


def test_documents_differing_in_quotes_share_only_charts_drawn_alike():
    def names(source: str, quotes: str) -> tuple[str, str]:
        (chart,) = bulletin.resolve(bulletin.loads(source), quotes=quotes).charts
        return chart.png, chart.svg

    quoted = CHARTED.format(extra=", script: hant-tw")
    assert names(quoted, "curly") != names(quoted, "corner")
    assert set(names(quoted, "curly")).isdisjoint(names(quoted, "corner"))
    plain = quoted.replace("“干河乡”", "干河乡").replace("“统计”", "统计")
    assert names(plain, "curly") == names(plain, "corner")  # nothing the quote style changes


def test_one_folder_holds_both_quote_styles(tmp_path):
    quoted = CHARTED.format(extra=", script: hant-tw")
    for stem, quotes in (("curly", "curly"), ("corner", "corner")):
        (tmp_path / f"{stem}.yaml").write_text(quoted, encoding="utf-8")
        bulletin.render_file(tmp_path / f"{stem}.yaml", tmp_path / "out", formats="md",
                             md_charts="svg", quotes=quotes)  # fmt: skip
    for stem, title in (("curly", "“干河鄉”"), ("corner", "「干河鄉」")):
        md = (tmp_path / "out" / f"{stem}.md").read_text(encoding="utf-8")
        (link,) = re.findall(r"\]\((charts/[^)]+\.svg)\)", md)
        assert f"<!-- {title}和邢台市各村簽約人數 -->" in (tmp_path / "out" / link).read_text(
            "utf-8"
        )


def test_simplified_charts_are_unchanged():
    from bulletin.charts import alt_text
    from bulletin.charts.cache import chart_file_name

    rendered = _render_charted("")
    (chart,) = rendered.resolved.charts
    bare = chart.spec.replace(quotes=None, keep_words=(), places=())
    assert chart.spec.quotes == "curly"
    assert chart.alt == alt_text(bare)
    assert chart.alt.startswith("柱状图：“干河乡”和邢台市各村签约人数。")
    assert chart.svg == "charts/" + chart_file_name(bare, "svg")
    assert "“干河乡”和邢台市各村签约人数" in _svg_texts(rendered)
    # Simplified text with corner brackets asked for: the chart follows the text
    corner = _render_charted("", quotes="corner")
    assert "「干河乡」和邢台市各村签约人数" in _svg_texts(corner)
    assert corner.resolved.charts[0].svg != chart.svg
