"""Rendering whole documents: golden files and the Python API as the README shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

import bulletin
from conftest import EXAMPLES, check_golden


def test_zhaohua_golden_markdown():
    result = bulletin.render(bulletin.load(EXAMPLES / "zhaohua.yaml"), formats=("md",))
    check_golden("zhaohua.md", result["md"])


def test_zhaohua_reads_like_a_feature():
    md = bulletin.render(EXAMPLES / "zhaohua.yaml")["md"]
    lines = md.splitlines()
    assert lines[0] == "# 办实事解难题 服务人民健康"
    assert "——昭化区卫健系统扎实开展“我为群众办实事”实践活动纪实" in lines
    assert "■ 吕婷 王泽刚" in lines
    for figure in ("82460人", "20余条", "74项", "150余名", "50余人次", "300余万元", "8辆"):
        assert figure in md, figure
    assert "截至7月12日18时" in md
    assert "一是在医院入口增设" in md and "；二是保留挂号" in md
    assert "> ——在区社区卫生服务中心留观区等候的高先生" in md
    assert lines[-1] == "责任编辑：张敏　版式：李娜　校对：王静"
    assert "{{" not in md and "}}" not in md


def test_readme_python_example(tmp_path):
    """The snippet in README.md, run as written."""
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\n") + len("```python\n")
    code = readme[start : readme.index("```", start)]
    namespace: dict[str, object] = {}
    cwd = Path.cwd()
    try:
        import os

        os.chdir(EXAMPLES.parent)
        exec(compile(code, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert namespace["doc"].meta.title == "办实事解难题 服务人民健康"


def test_render_file_writes_atomically(tmp_path):
    paths = bulletin.render_file(EXAMPLES / "zhaohua.yaml", tmp_path / "out")
    out = tmp_path / "out"
    assert paths[:2] == [out / "zhaohua.md", out / "zhaohua.html"]
    assert sorted(p.suffix for p in paths[2:]) == [".png", ".svg"]
    assert all(p.parent == out / "charts" for p in paths[2:])
    assert paths[0].read_text(encoding="utf-8").startswith("# 办实事解难题")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_render_is_deterministic():
    a = bulletin.render(EXAMPLES / "zhaohua.yaml")["md"]
    b = bulletin.render(EXAMPLES / "zhaohua.yaml")["md"]
    assert a == b


def test_error_leaves_output_untouched(tmp_path, write_yaml):
    out = tmp_path / "out"
    out.mkdir()
    (out / "bad.md").write_text("旧内容", encoding="utf-8")
    bad = write_yaml("meta: {title: 标}\nlead: 共{{ nope }}\n", name="bad.yaml")
    with pytest.raises(bulletin.BulletinError):
        bulletin.render_file(bad, out)
    assert [p.name for p in out.iterdir()] == ["bad.md"]
    assert (out / "bad.md").read_text(encoding="utf-8") == "旧内容"


def test_unknown_format():
    doc = bulletin.loads("meta: {title: 标}\n")
    with pytest.raises(bulletin.BulletinError, match="不支持的输出格式 “odt”"):
        bulletin.render(doc, formats="odt")


def test_readme_demo_renders_as_shown(tmp_path):
    """README's demo.yaml renders to exactly the Markdown README shows."""
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\n") + len("```yaml\n")
    yaml_text = readme[start : readme.index("```", start)]
    start = readme.index("```markdown\n") + len("```markdown\n")
    shown = readme[start : readme.index("```", start)]
    demo = tmp_path / "demo.yaml"
    demo.write_text(yaml_text, encoding="utf-8")
    assert bulletin.render(demo)["md"] == shown


def test_readme_error_example(tmp_path):
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\n") + len("```yaml\n")
    yaml_text = readme[start : readme.index("```", start)].replace(
        "{{ first_dose }}", "{{ frist_dose }}"
    )
    demo = tmp_path / "demo.yaml"
    demo.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(demo)
    shown = next(line for line in readme.splitlines() if line.startswith("demo.yaml:"))
    assert str(info.value) == str(tmp_path / shown)


@pytest.mark.parametrize(
    ("src", "words"),
    [
        ("../secret.png", "不在数据文件所在的文件夹里"),
        ("/etc/hostname", "不在数据文件所在的文件夹里"),
    ],
)
def test_photos_must_stay_beside_the_data_file(tmp_path, src, words):
    (tmp_path / "secret.png").write_bytes(b"x")
    folder = tmp_path / "doc"
    folder.mkdir()
    data = folder / "doc.yaml"
    data.write_text(
        f"meta: {{title: 标题}}\nsections:\n  - image: {{src: '{src}', caption: 图}}\n",
        encoding="utf-8",
    )
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render_file(data, tmp_path / "out")
    assert str(info.value).startswith(f"{data}:3:18: 图片")
    assert words in str(info.value)
    assert not (tmp_path / "out").exists()


def test_render_without_drawing_charts():
    result = bulletin.render(EXAMPLES / "zhaohua.yaml", draw_charts=False)
    assert result.assets == {}
    assert "charts/doses_by_town-" in result["md"]


def test_chart_font_from_meta(tmp_path):
    import shutil

    from bulletin.charts import packaged_font_path

    shutil.copy(packaged_font_path(), tmp_path / "my.ttc")
    text = (EXAMPLES / "zhaohua.yaml").read_text(encoding="utf-8")
    data = tmp_path / "zhaohua.yaml"
    data.write_text(text.replace("meta:\n", "meta:\n  chart_font: my.ttc\n", 1), encoding="utf-8")
    default = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="md", draw_charts=False)
    custom = bulletin.render(data, formats="md")
    # another font is another chart: a new file name, drawn with it
    assert set(custom.assets).isdisjoint(default.assets)
    assert any(name.endswith(".png") for name in custom.assets)


def test_missing_chart_font_is_an_error_at_its_line(tmp_path):
    text = (EXAMPLES / "zhaohua.yaml").read_text(encoding="utf-8")
    data = tmp_path / "zhaohua.yaml"
    data.write_text(text.replace("meta:\n", "meta:\n  chart_font: nope.ttf\n", 1), encoding="utf-8")
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(data)
    assert str(info.value).startswith(f"{data}:6:15: 找不到字体文件 “nope.ttf”")


def test_result_is_a_mapping_of_formats():
    result = bulletin.render(bulletin.loads("meta: {title: 标}\n"), formats="md")
    assert "md" in result and "html" not in result and "docx" not in result
    assert list(result) == ["md"]


def test_markdown_parsed_once_and_each_figure_formatted_once(monkeypatch):
    """One render of every format parses the composed Markdown once and formats
    each figure once, however often the text prints it."""
    from markdown_it import MarkdownIt

    from bulletin.resolve.facts import Fact

    parses: list[str] = []
    original_parse = MarkdownIt.parse

    def counting_parse(self, src, env=None):
        parses.append(src)
        return original_parse(self, src, env)

    writes: list[tuple[str, str]] = []
    original_write = Fact._write

    def counting_write(self, unit):
        writes.append((self.name, unit))
        return original_write(self, unit)

    monkeypatch.setattr(MarkdownIt, "parse", counting_parse)
    monkeypatch.setattr(Fact, "_write", counting_write)
    data = (
        "meta: {title: 标题}\n"
        "figures: {n: {value: 1285700, unit: 剂次}, m: {value: 3040000, unit: 元, approx: 余,"
        " scale: 万, significant: 1}}\n"
        "lead: 共{{ n }}，又{{ n }}，资金{{ m }}。\n"
        "sections: [{heading: '{{ n }}', text: '{{ n }}{{ m }}', points: ['{{ n }}']}]\n"
    )
    result = bulletin.render(bulletin.loads(data), formats=("md", "html", "docx"))
    assert "共128.57万剂次，又128.57万剂次，资金300余万元。" in result["md"]
    assert len(parses) == 1
    assert sorted(writes) == [("m", "元"), ("n", "剂次")]


def test_figures_and_dates_are_read_one_way():
    doc = bulletin.loads(
        "meta: {title: 标题, date: 2021年7月20日}\n"
        "figures: {d: {value: 1, as_of: '2021/7/12 18:00'}}\n"
        'lead: \'{{ "2021年7月12日" | date("md") }}，{{ d.as_of | date("md_h") }}。\'\n'
    )
    assert doc.meta.date.isoformat() == "2021-07-20"
    assert "7月12日，7月12日18时。" in bulletin.render(doc, formats="md")["md"]


def test_markdown_chart_format_option_and_meta_key(tmp_path):
    """``md_charts`` (or ``meta.md_charts``) makes the Markdown link SVG charts;
    by default, and with ``png``, the text is the one it always was."""
    doc = bulletin.load(EXAMPLES / "zhaohua.yaml")
    default = bulletin.render(doc, "md", draw_charts=False)["md"]
    assert bulletin.render(doc, "md", md_charts="png", draw_charts=False)["md"] == default
    check_golden("zhaohua.md", default)
    svg = bulletin.render(doc, "md", options=bulletin.RenderOptions(md_charts="svg"),
                          draw_charts=False)["md"]  # fmt: skip
    chart = next(c for c in bulletin.resolve(doc).charts)
    assert f"]({chart.svg})" in svg and chart.png not in svg
    assert svg.replace(chart.svg, chart.png) == default
    text = (EXAMPLES / "zhaohua.yaml").read_text(encoding="utf-8")
    data = tmp_path / "zhaohua.yaml"
    data.write_text(text.replace("meta:\n", "meta:\n  md_charts: svg\n", 1), encoding="utf-8")
    assert bulletin.render(data, "md", draw_charts=False)["md"] == svg
    # the option wins over the data file
    assert bulletin.render(data, "md", md_charts="png", draw_charts=False)["md"] == default


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("zh", "Markdown 的图表不支持 “jpg” 格式。可选：png、svg"),
        ("en", "Unsupported chart format for Markdown “jpg”. Choose from: png, svg"),
    ],
)
def test_bad_markdown_chart_format_is_one_line(lang, message):
    from bulletin import messages

    with messages.language(lang), pytest.raises(bulletin.BulletinError) as info:
        bulletin.RenderOptions(md_charts="jpg")
    assert str(info.value) == message
    with messages.language(lang), pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(bulletin.loads("meta: {title: 标}\n"), "md", md_charts="jpg")
    assert str(info.value) == message


def test_bad_markdown_chart_format_in_the_data_file(tmp_path):
    data = tmp_path / "a.yaml"
    data.write_text("meta: {title: 标题, md_charts: jpg}\nlead: 正文。\n", encoding="utf-8")
    with pytest.raises(bulletin.BulletinError) as info:
        bulletin.render(data, "md")
    assert str(info.value) == f"{data}:1:30: md_charts 的值 “jpg” 无效。是不是 “png”？"
