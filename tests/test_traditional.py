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
