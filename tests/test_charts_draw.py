"""Drawing: every type draws, output is byte-identical, Chinese never misses a glyph,
matplotlib is imported only to draw, and the cache draws nothing twice."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import bulletin
from bulletin.charts import ChartSpec, Series, draw, render_chart_files
from bulletin.charts.fonts import FACES, face_for_script, font_family, packaged_font_path
from bulletin.charts.samples import SAMPLE_SPECS
from bulletin.errors import BulletinError
from bulletin.numbers.scripts import SCRIPTS

SRC = str(Path(bulletin.__file__).resolve().parent.parent)
SPECS = SAMPLE_SPECS


@pytest.mark.parametrize("spec", SPECS, ids=[s.type for s in SPECS])
def test_every_type_draws_svg_and_png(spec):
    svg = draw(spec, "svg")
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    png = draw(spec, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_drawing_twice_is_byte_identical_and_unstamped():
    for spec in SPECS[:3]:
        for fmt in ("svg", "png"):
            assert draw(spec, fmt) == draw(spec, fmt), (spec.type, fmt)
    svg = draw(SPECS[0], "svg")
    assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg
    png = draw(SPECS[0], "png")
    assert b"Software" not in png and b"matplotlib" not in png.lower()


def test_same_bytes_in_a_fresh_process(tmp_path):
    code = (
        "import sys\n"
        "from bulletin.charts import ChartSpec, Series, draw\n"
        "spec = ChartSpec('bar', '各乡镇新冠疫苗接种剂次', ['元坝镇', '红岩镇', '卫子镇'],"
        " [Series('剂次', [10234, 8120, 6650])], unit='剂次', source='昭化区卫生健康局',"
        " name='doses_by_town')\n"
        "sys.stdout.buffer.write(draw(spec, 'svg') + b'\\0' + draw(spec, 'png'))\n"
    )
    env = dict(os.environ, PYTHONPATH=SRC, PYTHONHASHSEED="12345")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=env, check=True, timeout=120
    ).stdout
    svg, png = out.split(b"\0", 1)
    assert svg == draw(SPECS[0], "svg")
    assert png == draw(SPECS[0], "png")


def test_scripts_change_face_and_words():
    assert draw(SPECS[0], "svg", script="hant-hk") != draw(SPECS[0], "svg")
    assert face_for_script("hant-tw") == "Noto Sans CJK TC"


def test_unknown_format_and_font():
    with pytest.raises(BulletinError, match="不支持的图表格式"):
        draw(SPECS[0], "gif")
    with pytest.raises(BulletinError, match="找不到字体"):
        draw(SPECS[0], "svg", font="/nonexistent/font.ttf")
    with pytest.raises(BulletinError, match="找不到字体"):
        font_family("hans", "No Such Font Family")


def test_user_font_path_is_accepted():
    png = draw(SPECS[0], "png", font=packaged_font_path())
    assert png[:4] == b"\x89PNG"


def _imported(code: str) -> set[str]:
    env = dict(os.environ, PYTHONPATH=SRC)
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout
    return set(out.split())


def test_import_bulletin_does_not_import_matplotlib():
    mods = _imported(
        "import bulletin, bulletin.charts\n"
        "from bulletin.charts import spec_for_figure, alt_text, render_chart_files"
    )
    assert "bulletin.charts" in mods
    assert not {m for m in mods if m.split(".")[0] == "matplotlib"}


def test_drawing_never_imports_pyplot():
    mods = _imported(
        "from bulletin.charts import ChartSpec, Series, draw\n"
        "draw(ChartSpec('bar', '图', ['甲'], [Series('', [1])]), 'png')"
    )
    assert "matplotlib" in mods and "matplotlib.pyplot" not in mods


# --------------------------------------------------------------------------- glyphs

GLYPH_TEXT = (
    "0123456789.,%‰-+：，、；（）“”—…"
    "单位数据来源合计目标完成率其他上期本期万亿剂次人元张例辆项条名位"
    "單位數據來源資料合計目標完成率其他上期本期萬億劑次人元張輛項條"
    "元坝镇红岩镇卫子镇昭化镇元壩鎮紅巖鎮衛子鎮昭化鎮衞"
    "年月日季度一二三四第一剂第二剂第一劑第二劑"
)


def _glyph_specs() -> list[ChartSpec]:
    specs = list(SPECS)
    chunk = 10
    cats = [GLYPH_TEXT[i : i + chunk] for i in range(0, len(GLYPH_TEXT), chunk)]
    specs.append(
        ChartSpec(
            "barh",
            GLYPH_TEXT[:20],
            cats,
            [Series("", range(len(cats), 0, -1))],
            unit="剂次",
            source=GLYPH_TEXT[20:40],
            name="glyphs",
        )
    )
    return specs


def test_no_missing_glyph_with_only_the_packaged_font(caplog):
    """Hide every system font from matplotlib: Chinese must still render completely."""
    import matplotlib
    from matplotlib import font_manager as fm

    font_family("hans")  # registers the packaged collection
    packaged = Path(packaged_font_path()).resolve()
    saved = fm.fontManager.ttflist
    only = [e for e in saved if Path(e.fname).resolve() == packaged]
    assert {e.name for e in only} >= set(FACES.values())
    fm.fontManager.ttflist = only
    fm.fontManager._findfont_cached.cache_clear()
    fm._get_font.cache_clear()
    try:
        caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
        with (
            warnings.catch_warnings(record=True) as caught,
            matplotlib.rc_context({"font.enable_last_resort": False}),
        ):
            warnings.simplefilter("always")
            for script in SCRIPTS:
                prop = fm.FontProperties(family=face_for_script(script))
                assert Path(fm.findfont(prop, fallback_to_default=False)).resolve() == packaged
                for spec in _glyph_specs():
                    draw(spec, "png", script=script, dpi=40)
            draw(_glyph_specs()[-1], "svg", script="hant-hk")
        missing = [str(w.message) for w in caught if "missing" in str(w.message).lower()]
        assert not missing, missing[:5]
        assert not [r for r in caplog.records if "not found" in r.getMessage()]
    finally:
        fm.fontManager.ttflist = saved
        fm.fontManager._findfont_cached.cache_clear()
        fm._get_font.cache_clear()


def test_the_glyph_check_does_catch_a_missing_glyph(monkeypatch):
    """The check above is not vacuous: a character outside the font is reported
    (by matplotlib, once the font check that refuses it before drawing is off)."""
    import matplotlib

    draw_module = sys.modules["bulletin.charts.draw"]
    spec = ChartSpec("bar", "\ue000", ["甲"], [Series("", [1])])
    with pytest.raises(BulletinError, match="缺少图表要写的字：\ue000"):
        draw(spec, "png", dpi=40)
    monkeypatch.setattr(draw_module, "check_font", lambda *args: None)
    with (
        warnings.catch_warnings(record=True) as caught,
        matplotlib.rc_context({"font.enable_last_resort": False}),
    ):
        warnings.simplefilter("always")
        draw(spec, "png", dpi=40)
    assert any("missing" in str(w.message).lower() for w in caught)


# --------------------------------------------------------------------------- cache


def test_render_chart_files_draws_once_and_names_by_content(tmp_path):
    out = tmp_path / "charts"
    first = render_chart_files(SPECS[:2], out)
    assert [f.drawn for f in first] == [("svg", "png"), ("svg", "png")]
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4 and all(n.startswith(("doses_by_town-", "staff-")) for n in names)
    assert not list(out.glob(".*"))  # no temporary files left
    mtimes = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    again = render_chart_files(SPECS[:2], out)
    assert [f.drawn for f in again] == [(), ()]
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == mtimes
    assert again[0].paths == first[0].paths
    assert again[0].alt.startswith("柱状图：各乡镇新冠疫苗接种剂次。元坝镇最多，为10234剂次")
    changed = render_chart_files([SPECS[0].replace(title="新标题")], out, formats=("png",))
    assert changed[0].drawn == ("png",) and changed[0].path("png") != first[0].path("png")


def test_cache_dir_survives_a_deleted_output_folder(tmp_path):
    cache = tmp_path / "cache"
    render_chart_files(SPECS[:1], tmp_path / "a", cache_dir=cache, formats=("svg",))
    copied = render_chart_files(SPECS[:1], tmp_path / "b", cache_dir=cache, formats=("svg",))
    assert copied[0].drawn == ()
    assert (
        copied[0].path("svg").read_bytes()
        == (tmp_path / "a" / copied[0].path("svg").name).read_bytes()
    )


def test_script_is_part_of_the_name(tmp_path):
    hans = render_chart_files(SPECS[:1], tmp_path, formats=("svg",))
    hant = render_chart_files(SPECS[:1], tmp_path, formats=("svg",), script="hant")
    assert hans[0].path("svg") != hant[0].path("svg")
    assert hant[0].alt.startswith("柱狀圖")


def test_grouping_is_part_of_the_name_only_when_it_is_not_the_scripts_own(tmp_path):
    from bulletin.charts.cache import chart_file_name

    spec = SPECS[0]
    plain = chart_file_name(spec, "svg")
    assert chart_file_name(spec, "svg", grouping=False) == plain
    assert chart_file_name(spec, "svg", grouping=True) != plain
    tw = chart_file_name(spec, "svg", script="hant-tw")
    assert chart_file_name(spec, "svg", script="hant-tw", grouping=True) == tw
    assert chart_file_name(spec, "svg", script="hant-tw", grouping=False) != tw
    files = render_chart_files([spec], tmp_path, formats=("svg",), grouping=True)
    assert files[0].path("svg").name == chart_file_name(spec, "svg", grouping=True)
    assert "10,234剂次" in files[0].alt


def test_grouping_changes_the_drawing():
    spec = ChartSpec("bar", "剂次", ["甲", "乙"], [Series("", [12345, 6789])], unit="剂次")
    assert draw(spec, "svg", grouping=True) != draw(spec, "svg")
    assert draw(spec, "svg", grouping=False) == draw(spec, "svg")
    assert draw(spec, "svg", script="hant-tw") == draw(spec, "svg", script="hant-tw", grouping=True)
