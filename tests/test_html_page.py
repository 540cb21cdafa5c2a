"""The HTML page: structure, safety against injected text, determinism, validity."""

from __future__ import annotations

import html as htmllib
import os
import re
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest
import yaml

import bulletin
from bulletin.charts import ChartSpec, Series
from bulletin.compose.parse import parse_article
from bulletin.emit import EmitContext
from bulletin.emit.html import emit, render_body
from bulletin.resolve.chart_plan import ChartPlan
from conftest import EXAMPLES, ROOT, check_golden

NS = {"h": "http://www.w3.org/1999/xhtml"}


def parse(page: str):
    return html5lib.parse(page, namespaceHTMLElements=False)


def test_zhaohua_golden_html():
    check_golden("zhaohua.html", bulletin.render(EXAMPLES / "zhaohua.yaml")["html"])


def test_page_structure():
    page = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="html")["html"]
    tree = parse(page)
    assert tree.get("lang") == "zh-CN"
    assert tree.find(".//title").text == "办实事解难题 服务人民健康"
    metas = {m.get("name") or m.get("property"): m.get("content") for m in tree.iter("meta")}
    assert metas["description"].startswith("让群众少跑腿")
    assert metas["og:title"] == "办实事解难题 服务人民健康"
    assert metas["article:published_time"] == "2021-07-20"
    assert tree.find(".//h1").get("class") == "headline"
    classes = [p.get("class") for p in tree.iter("p")]
    assert "subtitle" in classes and "byline" in classes and "attribution" in classes
    assert tree.find(".//footer").get("class") == "page-footer"
    assert "责任编辑：张敏" in "".join(tree.find(".//footer").itertext())
    assert tree.find(".//time").text == "2021年7月20日 星期二"
    assert "<link" not in page and 'src="http' not in page  # no external requests


def test_traditional_page_language():
    for script, lang in (
        ("hant", "zh-Hant"),
        ("hant-tw", "zh-TW"),
        ("hant-hk", "zh-HK"),
        ("hans", "zh-CN"),
    ):
        page = emit(parse_article("# 標題\n", script=script), EmitContext())
        assert f'<html lang="{lang}">' in page


def test_chart_images_become_figures_with_inline_svg():
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg">'
        b'<defs><clipPath id="p1"><rect/></clipPath></defs><g clip-path="url(#p1)"/></svg>'
    )
    md = "# 标题\n\n::: chart\n![柱状图：甲镇最多](charts/a.png)\n\n图1 各镇接种剂次\n:::\n"
    spec = ChartSpec("bar", "各镇接种剂次", ["甲镇"], [Series("剂次", [1])])
    alt, caption = "柱状图：甲镇最多", "图1 各镇接种剂次"
    plan = ChartPlan(1, spec, alt, caption, "charts/a.png", "charts/a.svg")
    article = parse_article(md, charts={"charts/a.png": plan})
    body = render_body(article, EmitContext(assets={"charts/a.svg": svg}))
    assert '<figure class="chart">' in body
    assert 'role="img" aria-label="柱状图：甲镇最多"' in body
    assert "<figcaption>图1 各镇<wbr>接种<wbr>剂次</figcaption>" in body  # breaks between words
    assert 'id="c1-p1"' in body and "url(#c1-p1)" in body
    assert "<?xml" not in body
    external = render_body(article, EmitContext(assets={"charts/a.svg": svg}, inline_assets=False))
    assert '<img src="charts/a.svg" alt="柱状图：甲镇最多">' in external


PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">点我</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "&amp;#60;script",
    "&unknown; &#xZZ; &#99999999;",
    "[点我](javascript:alert(1))",
    "[点我](JaVaScRiPt:alert(1))",
    "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![图](data:image/svg+xml,<svg onload=alert(1)>)",
    "[点我](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[a]: javascript:alert(1)\n\n[a]",
    "[点我](  javascript:alert(1)  )",
    "[点我](java&#x09;script:alert(1))",
    "`<script>alert(1)</script>`",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{% raw %}{{ 7*7 }}{% endraw %}",
]

#: Fields rendered as prose (Jinja): template syntax is theirs, the rest is plain text.
TEXT_FIELDS = [
    ("meta", "title"),
    ("meta", "subtitle"),
    ("meta", "source"),
    ("meta", "byline"),
    ("meta", "organization"),
    ("lead",),
    ("closing",),
    ("sections", 0, "heading"),
    ("sections", 0, "text"),
    ("sections", 0, "after"),
    ("sections", 0, "points", 0),
    ("sections", 0, "quote", "text"),
    ("sections", 0, "quote", "by"),
    ("sections", 0, "quote", "role"),
    ("meta", "editors", "editor"),
]


def _document(path: tuple, payload: str) -> dict:
    doc: dict = {
        "meta": {"title": "标题", "date": "2021-07-20", "editors": {"editor": "甲"}},
        "lead": "导语。",
        "sections": [
            {
                "heading": "小标题",
                "text": "正文。",
                "points": ["要点"],
                "quote": {"text": "引语。", "by": "某人"},
            }
        ],
        "closing": "结尾。",
    }
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = [payload] if path == ("meta", "byline") else payload
    return doc


def _dangerous(tree) -> list[str]:
    found = []
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "iframe", "object", "embed", "base", "form"):
            found.append(f"<{tag}>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "xlink:href"):
                v = "".join(value.split()).lower()
                if v.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{tag}[{name}={value}]")
    return found


@pytest.mark.parametrize("path", TEXT_FIELDS, ids=lambda p: ".".join(map(str, p)))
def test_injection_payloads_stay_text(path):
    assert len(PAYLOADS) >= 30
    for payload in PAYLOADS:
        data = _document(path, payload)
        page = bulletin.render(bulletin.load(data), formats="html")["html"]
        tree = parse(page)
        assert _dangerous(tree) == [], (path, payload)
        visible = "".join(tree.find(".//body").itertext()) + (tree.find(".//title").text or "")
        visible = " ".join(visible.split())
        # What a reader sees holds the payload's words: markup shows as text.
        forms = _visible_forms(payload)
        assert any(form in visible for form in forms), (path, payload, forms)


def _visible_forms(payload: str) -> list[str]:
    """What a reader must see of a payload: its text, literally or with entities decoded
    (Markdown decodes valid entities; fields outside Markdown show them as typed), or for
    Markdown links and code just the label."""
    if payload.startswith(("[", "![")):
        return ["点我" if "点我" in payload else ("图" if payload.startswith("!") else "[a]")]
    if payload.startswith("`"):
        return [payload.strip("`"), payload]
    if payload.startswith("{% raw %}"):
        return ["{{ 7*7 }}", payload]
    literal = " ".join(payload.split())
    return [literal, " ".join(htmllib.unescape(payload).split())]


def test_user_css_cannot_close_the_style_element(tmp_path):
    css = tmp_path / "x.css"
    css.write_text("p{color:red}</style><script>alert(1)</script>", encoding="utf-8")
    page = bulletin.render(EXAMPLES / "zhaohua.yaml", formats="html", css=css)["html"]
    assert _dangerous(parse(page)) == []
    assert "p{color:red}" in page


def test_html_is_byte_identical(tmp_path):
    a = bulletin.render_file(EXAMPLES / "zhaohua.yaml", tmp_path / "a", formats="html")
    b = bulletin.render_file(EXAMPLES / "zhaohua.yaml", tmp_path / "b", formats="html")
    assert a[0].read_bytes() == b[0].read_bytes()


def _vnu_jar() -> Path | None:
    candidates = [
        os.environ.get("VNU_JAR", ""),
        ROOT / ".clients/node_modules/vnu-jar/build/dist/vnu.jar",
    ]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


@pytest.mark.external
@pytest.mark.skipif(
    _vnu_jar() is None or shutil.which("java") is None,
    reason="Nu HTML checker not installed (../shared/tools/install.sh web)",
)
def test_nu_html_checker_finds_no_errors(tmp_path):
    pages = []
    for example in sorted(EXAMPLES.glob("*.yaml")):
        pages += [
            p
            for p in bulletin.render_file(example, tmp_path, formats="html")
            if p.suffix == ".html"
        ]
    proc = subprocess.run(
        [
            "java",
            "-Xss4m",
            "-jar",
            str(_vnu_jar()),
            "--errors-only",
            "--format",
            "gnu",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr


def test_examples_have_no_yaml_tricks():
    """Examples are plain YAML that safe_load reads too."""
    for example in EXAMPLES.glob("*.yaml"):
        assert isinstance(yaml.safe_load(example.read_text(encoding="utf-8")), dict)


def test_photos_are_copied_and_embedded(tmp_path):
    from PIL import Image

    (tmp_path / "photos").mkdir()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(tmp_path / "photos" / "a.png")
    data = tmp_path / "doc.yaml"
    data.write_text(
        "meta: {title: 标题}\nsections:\n"
        "  - heading: 一\n    image: {src: photos/a.png, caption: 现场照片}\n"
        "  - heading: 二\n    image: {src: photos/missing.jpg, caption: 另一张}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    paths = bulletin.render_file(data, out)
    [photo] = [p for p in paths if p.parent == out / "images"]
    assert re.fullmatch(r"a-[0-9a-f]{8}\.png", photo.name)  # its name and a hash of its bytes
    md = (out / "doc.md").read_text(encoding="utf-8")
    assert f"![现场照片](images/{photo.name})" in md
    page = (out / "doc.html").read_text(encoding="utf-8")
    tree = parse(page)
    figures = tree.findall(".//figure")
    assert [f.get("class") for f in figures] == ["photo", "photo"]
    assert figures[0].find("img").get("src").startswith("data:image/png;base64,")
    assert "".join(figures[0].find("figcaption").itertext()) == "现场照片"  # <wbr> between words
    assert "照片待补：photos/missing.jpg" in "".join(figures[1].itertext())
    external = bulletin.render(data, formats="html", assets="external")["html"]
    assert f'<img src="images/{photo.name}" alt="现场照片">' in external


# --------------------------------------------------------------------------- headline breaks

_LINES_SCRIPT = """<script>
const out = [];
for (const h of document.querySelectorAll("h1, h2, figcaption")) {
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  const lines = []; let top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !rect.width) continue;
      if (top === null || rect.top > top + rect.height / 2) { lines.push(""); top = rect.top; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  out.push(lines);
}
document.body.setAttribute("data-lines", JSON.stringify(out));
</script>"""

#: Words the issue saw cut (卫生健/康, 在/線訪談, 服/務) and the phrase it saw split.
_WHOLE = ["卫生健康", "在線", "訪談", "服務", "學史", "辦實事", "統計公報", "统计公报"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.external
@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed")
@pytest.mark.parametrize("width", [390, 768, 1280])
def test_headlines_break_between_words_in_a_browser(tmp_path, width):
    import json

    for name in ("qinghe", "dezhou", "jianan"):
        page = bulletin.render(EXAMPLES / f"{name}.yaml", formats="html", draw_charts=False)
        file = tmp_path / f"{name}.html"
        file.write_text(page["html"].replace("</body>", _LINES_SCRIPT + "</body>"), "utf-8")
        dom = subprocess.run(
            [str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},900",
             "--dump-dom", file.as_uri()],
            capture_output=True, text=True, timeout=120,
        ).stdout  # fmt: skip
        found = re.search(r'data-lines="([^"]*)"', dom)
        assert found, dom[-500:]
        for lines in json.loads(htmllib.unescape(found[1])):
            text = "\n".join(line.strip() for line in lines)
            for word in _WHOLE:
                assert word in text or word not in text.replace("\n", ""), (name, width, lines)
            if len(lines) > 1:
                assert len(lines[-1].strip()) > 1, (name, width, lines)
