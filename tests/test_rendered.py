"""The result of ``bulletin.render``: a read-only mapping of formats, shown in Jupyter as a page."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import bulletin

DATA = """\
meta: {title: 办实事解难题}
figures:
  doses: {value: 300, unit: 剂次, by: {红岩镇: 120, 元坝镇: 180}}
lead: 共接种{{ doses }}。
sections:
  - heading: 分镇情况
    text: 各镇共接种{{ doses }}。
"""


def _srcdoc(shown: str) -> str:
    found = re.fullmatch(r'<iframe srcdoc="([^"]*)" title="[^"]*" style="[^"]*" sandbox></iframe>',
                         shown)  # fmt: skip
    assert found, shown[:200]
    return html.unescape(found[1])


def test_the_result_is_a_mapping_of_formats():
    result = bulletin.render(bulletin.loads(DATA), formats=("md", "docx"))
    assert isinstance(result, Mapping)
    assert "md" in result and "html" not in result and 0 not in result
    assert result.get("html") is None and result.get("html", "") == ""
    assert result.get("md") == result["md"]
    assert list(result) == list(result.keys()) == ["md", "docx"]
    assert dict(result.items()) == dict(result) == result.outputs
    assert isinstance(result["docx"], bytes) and len(result) == 2


def test_jupyter_shows_the_page_with_its_charts_inside():
    doc = bulletin.loads(DATA)
    page = bulletin.render(doc, formats="html")["html"]
    assert "data:image/svg+xml" in page or "<svg" in page
    # html rendered: the very page; not rendered (md only) or linking its charts: written from
    # the same article, with the charts inside, so an iframe needs no files beside it
    for formats, assets in (("html", "inline"), ("md", "inline"), ("md,html", "external")):
        result = bulletin.render(doc, formats=formats, assets=assets)
        shown = result._repr_html_()
        assert _srcdoc(shown) == page, (formats, assets)
        assert result.page() == page
    external = bulletin.render(doc, formats="html", assets="external")["html"]
    assert 'src="charts/' in external


def test_the_page_is_escaped_into_the_iframe():
    doc = bulletin.loads('meta: {title: "引号\\" 与 <b>标签</b> & 符号"}\nlead: 正文。\n')
    shown = bulletin.render(doc, formats="md")._repr_html_()
    assert "<b>" not in shown and '\\"' not in shown
    assert "&lt;b&gt;标签&lt;/b&gt;" in _srcdoc(shown)
