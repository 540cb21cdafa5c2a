"""Chart fonts: any installed family by name, refused when it lacks a character the
charts draw (listed), located at meta.chart_font; emoji left out with a warning.

The fonts used are on every machine: the packaged Noto Sans CJK collection and
DejaVu Sans, which comes with matplotlib and has no Chinese. The test of a
system font named by family is external and skipped when the font is absent.
"""

from __future__ import annotations

import logging
import shutil
import subprocess

import pytest

import bulletin
from bulletin.charts import ChartSpec, Series, draw
from bulletin.charts.fonts import installed_family
from bulletin.charts.glyphs import chart_text, check_font, drop_emoji, missing_glyphs
from bulletin.errors import BulletinError
from bulletin.load.checks import check
from conftest import EXAMPLES, run_cli

TOWNS = ChartSpec(
    "bar", "各镇接种剂次", ["元坝镇", "红岩镇"], [Series("剂次", [1285700, 98000])], unit="剂次"
)


def test_installed_family_by_name_in_any_case():
    assert installed_family("DejaVu Sans") == "DejaVu Sans"
    assert installed_family("dejavu sans") == "DejaVu Sans"
    assert installed_family("noto sans cjk tc") == "Noto Sans CJK TC"  # packaged face
    with pytest.raises(BulletinError, match="找不到字体 “No Such Family”"):
        installed_family("No Such Family")


def test_chart_text_holds_every_drawn_text_and_number_word():
    text = chart_text(TOWNS, "hant-tw")
    for ch in "各鎮接種劑次元壩紅單位：萬0123456789.,%":
        assert ch in text
    assert "镇" not in text  # converted as drawn


def test_a_font_without_chinese_is_refused_with_the_missing_characters():
    with pytest.raises(BulletinError) as caught:
        check_font("DejaVu Sans", [TOWNS])
    message = str(caught.value)
    assert "“DejaVu Sans”" in message and "各镇接种剂次元坝红岩" in message
    assert "0" not in message.split("：", 1)[1].split("。")[0]  # digits are in DejaVu Sans
    check_font("Noto Sans CJK SC", [TOWNS])  # the packaged face has them all
    assert missing_glyphs("Noto Sans CJK SC", chart_text(TOWNS)) == ""


def test_cli_chart_font_without_chinese_is_one_line_and_writes_nothing(tmp_path):
    proc = run_cli(
        "render", EXAMPLES / "zhaohua.yaml", "-o", tmp_path / "out", "--chart-font", "DejaVu Sans"
    )
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr  # no matplotlib warnings either
    assert lines[0].startswith("图表字体 “DejaVu Sans” 缺少图表要写的字：") and "元坝" in lines[0]
    assert not (tmp_path / "out").exists()


def test_meta_chart_font_without_chinese_is_located(tmp_path):
    source = (EXAMPLES / "zhaohua.yaml").read_text(encoding="utf-8")
    data = source.replace("meta:\n", "meta:\n  chart_font: DejaVu Sans\n", 1)
    path = tmp_path / "z.yaml"
    path.write_text(data, encoding="utf-8")
    line = data.splitlines().index("  chart_font: DejaVu Sans") + 1
    with pytest.raises(BulletinError) as caught:
        bulletin.render(path, formats="md")
    assert str(caught.value).startswith(f"{path}:{line}:15: 图表字体 “DejaVu Sans” 缺少")
    proc = run_cli("validate", path)
    assert proc.returncode == 2 and f"z.yaml:{line}:15: 图表字体" in proc.stderr


def test_a_packaged_face_named_by_family_draws(tmp_path):
    result = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="md", font="Noto Sans CJK TC")
    assert result.assets  # the charts were drawn with it


def test_emoji_are_left_out_of_the_picture_with_a_warning(caplog):
    with_emoji = ChartSpec(
        "bar", "各镇🚑出车", ["元坝镇🏥", "红岩镇"], [Series("次数", [12, 8])], unit="次"
    )
    plain = with_emoji.map_text(drop_emoji)
    assert plain.title == "各镇出车" and plain.categories == ("元坝镇", "红岩镇")
    caplog.set_level(logging.WARNING, logger="matplotlib")
    assert draw(with_emoji, "svg") == draw(plain, "svg")
    assert not caplog.records  # no "Glyph missing" warnings
    doc = bulletin.loads(
        "meta: {title: 标题}\n"
        "figures:\n"
        "  trips: {unit: 次, label: 各镇🚑出车, by: {元坝镇🏥: 12, 红岩镇: 8}}\n",
        file="e.yaml",
    )
    warnings = [str(w) for w in check(doc)]
    assert warnings == [
        "e.yaml:3:10: 警告：图表文字中的 emoji 🚑🏥 画不出来，图中不画（替代文字和数据表照写）；"
        "请改用文字"
    ]


def test_a_character_the_packaged_font_lacks_is_refused_when_drawing():
    odd = ChartSpec("bar", "各镇", ["元坝镇\ue000"], [Series("", [1])])
    with pytest.raises(BulletinError, match="缺少图表要写的字：\ue000"):
        draw(odd, "svg")


def _fc_has(family: str) -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run([fc, f":family={family}", "family"], capture_output=True, text=True)
    return bool(out.stdout.strip())


@pytest.mark.external
@pytest.mark.skipif(not _fc_has("Noto Serif CJK SC"), reason="Noto Serif CJK SC not installed")
def test_a_system_font_named_by_family_draws_the_charts(tmp_path):
    """Found through fontconfig when matplotlib's font cache predates it."""
    assert installed_family("Noto Serif CJK SC") == "Noto Serif CJK SC"
    serif = draw(TOWNS, "svg", font="Noto Serif CJK SC")
    assert serif != draw(TOWNS, "svg")
    proc = run_cli(
        "render", EXAMPLES / "zhaohua.yaml", "-o", tmp_path, "-f", "md",
        "--chart-font", "Noto Serif CJK SC",
    )  # fmt: skip
    assert proc.returncode == 0 and proc.stderr == ""
