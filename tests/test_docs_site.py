"""The documentation site builds with ``mkdocs build --strict``, offline, from the examples.

The build runs once per test process into a temporary folder (mkdocs comes with the test
and docs extras; without it the tests are skipped). The screenshot needs Chromium and is
marked ``external``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))
CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome")
     if (found := shutil.which(name))),
    None,
)  # fmt: skip

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None,
    reason="mkdocs is not installed (pip install '.[docs]')",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    # PDFs take seconds each: the gallery's PDF links are left out of this build
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BULLETIN_DOCS_PDF="0")
    # no proxy can be reached: a build that tries the network fails instead of waiting
    env.update({"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def test_every_example_has_a_gallery_page(site: Path) -> None:
    for name in EXAMPLES:
        page = _page(site, f"examples/{name}")
        files = site / "examples" / "files" / name
        for suffix in ("yaml", "md", "html", "docx"):
            assert (files / f"{name}.{suffix}").is_file(), (name, suffix)
            assert f"../files/{name}/{name}.{suffix}" in page, (name, suffix)
        assert f'src="../files/{name}/{name}.html"' in page  # the article beside the data
        assert "examples/" + name + ".yaml" in page  # the data file, shown in full
    qinghe = _page(site, "examples/qinghe")
    charts = re.findall(r'<img alt="[^"]+" src="\.\./files/qinghe/(charts/[^"]+)"', qinghe)
    assert len(charts) == 3
    for chart in charts:
        assert (site / "examples" / "files" / "qinghe" / chart).stat().st_size > 1000
    assert "青禾区2024年卫生健康事业发展统计公报" in qinghe
    assert "年末全区共有医疗卫生机构312个" in qinghe  # the Markdown output, rendered now


def test_the_gallery_follows_the_examples(site: Path) -> None:
    """What the site shows is what bulletin renders today."""
    import bulletin

    md = bulletin.render(ROOT / "examples" / "zhaohua.yaml", ("md",), draw_charts=False)["md"]
    built = (site / "examples" / "files" / "zhaohua" / "zhaohua.md").read_text(encoding="utf-8")
    assert built == md


def test_number_tables_are_computed(site: Path) -> None:
    page = _page(site, "rules")
    import bulletin

    for value in (
        bulletin.format_number(1285700, "剂次"),
        bulletin.format_percent(0.297, approx="近", decimals=0),
        bulletin.format_change(0.743, 0.716, measure="points"),
        bulletin.format_date("2025-03-17", "ymd_weekday"),
    ):
        assert f"<td>{value}</td>" in page
    assert "```bulletin-live" not in page


def test_tutorial_and_reference_pages(site: Path) -> None:
    tutorial = _page(site, "tutorial")
    assert "年末全区共有医疗卫生机构312个，比上年增加7个。" in tutorial
    assert "cuowu.yaml:5:" in tutorial and "previos" in tutorial
    assert re.search(r'<img alt="tubiao[^"]*" src="\.\./live/tubiao/charts/[^"]+\.png"', tutorial)
    api = _page(site, "api")
    assert 'id="bulletin.render.render"' in api
    assert '<span class="gp">&gt;&gt;&gt; </span>' in api  # doctests are code, not text
    assert (site / "bulletin.schema.json").is_file()
    assert (site / "search" / "search_index.json").is_file()
    assert 'lang="zh"' in _page(site, "")


def test_nothing_is_fetched_from_elsewhere(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        remote = re.findall(r'<(?:link|script|img|iframe)[^>]+(?:src|href)="(https?:)?//', text)
        assert remote == [], page


@pytest.mark.external
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium")
def test_screenshot_of_the_gallery(site: Path, tmp_path: Path) -> None:
    """The gallery page in headless Chromium: the article, its charts and Chinese text."""
    png = tmp_path / "qinghe.png"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
        "--force-device-scale-factor=1", "--window-size=1400,3200",
        "--virtual-time-budget=5000", f"--screenshot={png}",
        (site / "examples" / "qinghe" / "index.html").as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert png.is_file() and png.stat().st_size > 50_000
    from PIL import Image

    image = Image.open(png).convert("RGB")
    assert image.size == (1400, 3200)
    colours = image.resize((140, 320)).getcolors(maxcolors=140 * 320)
    assert colours is not None and len(colours) > 200  # text, code and charts, not a blank page
    reds = sum(n for n, (r, g, b) in colours if r > 150 and g < 90 and b < 90)
    assert reds > 20  # the charts' and the page header's red
