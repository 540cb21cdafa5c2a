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
