"""Chart files: only the formats the outputs show are drawn, a cache hit is left alone,
and the files of charts a document no longer has are removed."""

from __future__ import annotations

import importlib
from pathlib import Path

import bulletin

render_module = importlib.import_module("bulletin.render")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ZHAOHUA = (EXAMPLES / "zhaohua.yaml").read_text(encoding="utf-8")


def _charts(out: Path) -> dict[str, tuple[int, int]]:
    """Chart file → (inode, mtime): a rewritten file gets a new inode (rename)."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in (out / "charts").iterdir()
        if not p.name.startswith(".")
    }


def test_only_the_formats_shown_are_drawn(tmp_path):
    doc = tmp_path / "zhaohua.yaml"
    doc.write_text(ZHAOHUA, encoding="utf-8")
    bulletin.render_file(doc, tmp_path / "md", formats="md")
    bulletin.render_file(doc, tmp_path / "html", formats="html")
    assert [Path(n).suffix for n in _charts(tmp_path / "md")] == [".png"]
    assert [Path(n).suffix for n in _charts(tmp_path / "html")] == [".svg"]
    result = bulletin.render(doc, formats="md")
    assert [Path(n).suffix for n in result.assets] == [".png"]


def test_a_cache_hit_is_neither_read_nor_written(tmp_path, monkeypatch):
    doc = tmp_path / "zhaohua.yaml"
    doc.write_text(ZHAOHUA, encoding="utf-8")
    out = tmp_path / "out"
    first = bulletin.render_file(doc, out, formats="md,html", assets="external")
    before = _charts(out)
    assert len(before) == 2

    def no_reading(*args, **kwargs):
        raise AssertionError("a cached chart was read")

    monkeypatch.setattr(render_module, "read_chart_file", no_reading)
    again = bulletin.render_file(doc, out, formats="md,html", assets="external")
    assert _charts(out) == before and sorted(again) == sorted(first)
    monkeypatch.undo()
    # an inline page needs the SVG bytes: read, but not written again
    bulletin.render_file(doc, out, formats="md,html")
    assert _charts(out) == before


def test_charts_no_longer_in_the_document_are_removed(tmp_path):
    out = tmp_path / "out"
    one, other = tmp_path / "zhaohua.yaml", tmp_path / "other.yaml"
    one.write_text(ZHAOHUA, encoding="utf-8")
    other.write_text(ZHAOHUA, encoding="utf-8")
    bulletin.render_file(one, out, formats="md")
    bulletin.render_file(other, out, formats="md")  # the same chart, shared
    (out / "charts" / "logo.png").write_bytes(b"not ours")
    shared = set(_charts(out))
    one.write_text(ZHAOHUA.replace("元坝镇: 10234", "元坝镇: 10235"), encoding="utf-8")
    bulletin.render_file(one, out, formats="md")
    assert len(_charts(out)) == 3 and shared <= set(_charts(out))  # other.md still uses it
    other.write_text(ZHAOHUA.replace("元坝镇: 10234", "元坝镇: 10235"), encoding="utf-8")
    bulletin.render_file(other, out, formats="md")
    assert set(_charts(out)) - shared and not (shared - {"logo.png"}) & set(_charts(out))
    assert (out / "charts" / "logo.png").exists()


def test_a_render_without_charts_removes_none(tmp_path):
    doc = tmp_path / "zhaohua.yaml"
    doc.write_text(ZHAOHUA, encoding="utf-8")
    bulletin.render_file(doc, tmp_path / "out", formats="md")
    before = _charts(tmp_path / "out")
    bulletin.render_file(doc, tmp_path / "out", formats="md", draw_charts=False)
    assert _charts(tmp_path / "out") == before


def _links(markdown: str) -> list[tuple[str, str]]:
    """(alt text, file) of every image in a Markdown text."""
    import re

    return re.findall(r"^!\[(.*)\]\((.*)\)$", markdown, re.M)


def test_markdown_can_link_svg_charts_then_only_svg_is_drawn(tmp_path):
    doc = tmp_path / "zhaohua.yaml"
    doc.write_text(ZHAOHUA, encoding="utf-8")
    png = bulletin.render_file(doc, tmp_path / "png", formats="md")
    svg = bulletin.render_file(doc, tmp_path / "svg", formats="md", md_charts="svg")
    assert [p.suffix for p in png[1:]] == [".png"] and [p.suffix for p in svg[1:]] == [".svg"]
    assert [Path(n).suffix for n in _charts(tmp_path / "svg")] == [".svg"]
    png_links = _links(png[0].read_text(encoding="utf-8"))
    svg_links = _links(svg[0].read_text(encoding="utf-8"))
    assert [f"charts/{p.name}" for p in svg[1:]] == [file for _, file in svg_links]
    assert [alt for alt, _ in svg_links] == [alt for alt, _ in png_links]  # alt text unchanged
    # only the Markdown changes: the same document otherwise
    assert svg[0].read_text(encoding="utf-8").replace(".svg)", ".png)").replace(
        svg_links[0][1][:-4], png_links[0][1][:-4]
    ) == png[0].read_text(encoding="utf-8")
    # in memory: only the SVG, and the Markdown names the chart file drawn
    result = bulletin.render(doc, formats="md", md_charts="svg")
    assert list(result.assets) == [file for _, file in svg_links]


def test_svg_markdown_with_word_draws_both_formats(tmp_path):
    doc = tmp_path / "zhaohua.yaml"
    doc.write_text(ZHAOHUA, encoding="utf-8")
    out = tmp_path / "out"
    paths = bulletin.render_file(doc, out, formats="md,docx", md_charts="svg")
    assert sorted(p.suffix for p in paths) == [".docx", ".md", ".png", ".svg"]
    links = _links((out / "zhaohua.md").read_text(encoding="utf-8"))
    assert [Path(file).suffix for _, file in links] == [".svg"]
    assert (out / links[0][1]).exists()
    html = bulletin.render_file(doc, tmp_path / "html", formats="md,html", md_charts="svg")
    assert [p.suffix for p in html[2:]] == [".svg"]  # the page and the text share one file


def test_switching_the_markdown_chart_format_removes_the_other_files(tmp_path):
    doc = tmp_path / "zhaohua.yaml"
    doc.write_text(ZHAOHUA, encoding="utf-8")
    out = tmp_path / "out"
    bulletin.render_file(doc, out, formats="md")
    png = set(_charts(out))
    bulletin.render_file(doc, out, formats="md", md_charts="svg")
    svg = set(_charts(out))
    assert [Path(n).suffix for n in svg] == [".svg"] and not png & svg
    assert (out / "charts" / ".zhaohua.charts").read_text(encoding="utf-8") == "".join(
        f"charts/{name}\n" for name in sorted(svg)
    )
    bulletin.render_file(doc, out, formats="md")
    assert set(_charts(out)) == png


def test_a_cached_svg_linked_by_markdown_is_neither_read_nor_written(tmp_path, monkeypatch):
    doc = tmp_path / "zhaohua.yaml"
    doc.write_text(ZHAOHUA, encoding="utf-8")
    out = tmp_path / "out"
    first = bulletin.render_file(doc, out, formats="md", md_charts="svg")
    before = _charts(out)

    def no_reading(*args, **kwargs):
        raise AssertionError("a cached chart was read")

    monkeypatch.setattr(render_module, "read_chart_file", no_reading)
    again = bulletin.render_file(doc, out, formats="md", md_charts="svg")
    assert _charts(out) == before and again == first


def test_render_many_passes_the_markdown_chart_format_on(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(ZHAOHUA, encoding="utf-8")
    options = bulletin.RenderOptions(md_charts="svg")
    results = bulletin.render_many(
        [tmp_path / "a.yaml", tmp_path / "b.yaml"], tmp_path / "out", formats="md",
        options=options, jobs=1,
    )  # fmt: skip
    assert [r.ok for r in results] == [True, True]
    assert [Path(n).suffix for n in _charts(tmp_path / "out")] == [".svg"]
    for name in ("a", "b"):
        links = _links((tmp_path / "out" / f"{name}.md").read_text(encoding="utf-8"))
        assert [Path(file).suffix for _, file in links] == [".svg"]
