"""mkdocs hook: one gallery page per ``examples/*.yaml``, rendered by bulletin at build time.

Each page shows the data file beside the article bulletin writes from it (the standalone
HTML page, embedded), the charts, the Markdown output and links to the ``.yaml``, ``.md``,
``.html``, ``.docx`` and (when bulletin can write PDF) ``.pdf`` files. Nothing here is
pasted by hand: changing an example changes the site. The pages go under ``examples/``
and are added to the nav section that lists ``gallery.md``; their files under
``examples/files/<name>/``.

Charts are drawn once and kept in ``.bulletin-cache/docs-charts/`` (their names carry the
hash of what they show), so rebuilding the site does not redraw them.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

import bulletin
from bulletin.compose.article import Figure

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CACHE = ROOT / ".bulletin-cache" / "docs-charts"
PAGES = "examples"
FILES = f"{PAGES}/files"
FORMATS = ("md", "html", "docx")
#: PDF too when the PDF emitter is there, unless BULLETIN_DOCS_PDF=0 (it takes a while)
PDF = os.environ.get("BULLETIN_DOCS_PDF", "1") != "0" and "pdf" in bulletin.available_formats()

GENRE_NAMES = {
    "feature": "纪实/通讯（feature）",
    "news": "消息（news）",
    "interview": "访谈（interview）",
    "statistical": "统计公报（statistical）",
    "brief": "数说（brief）",
}
SCRIPT_NAMES = {
    "hans": "简体",
    "hant": "繁体",
    "hant-tw": "繁体（台湾）",
    "hant-hk": "繁体（香港）",
}


class Download(File):
    """A file copied as it is, even a ``.md`` (a download, not a page of the site)."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


@dataclass
class Example:
    """One example data file and what bulletin made of it."""

    path: Path
    doc: Any = None
    rendered: Any = None
    files: dict[str, File] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def page(self) -> str:
        return f"{PAGES}/{self.name}.md"

    def title(self) -> str:
        meta = self.doc.meta
        genre = GENRE_NAMES.get(meta.genre, meta.genre).split("（")[0]
        return f"{meta.district or self.name}：{genre}"


_examples: list[Example] = []


def _nav_section(nav: list[Any]) -> list[Any] | None:
    """The nav list that holds ``gallery.md`` (searched through nested sections)."""
    for item in nav:
        if item == "gallery.md":
            return nav
        children = item.values() if isinstance(item, dict) else ()
        for child in children:
            if isinstance(child, list) and (found := _nav_section(child)) is not None:
                return found
    return None


def on_config(config: Any) -> Any:
    """Load every example (no rendering yet) and list its page in the nav."""
    _examples.clear()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        _examples.append(Example(path, doc=bulletin.load(path)))
    section = _nav_section(config.nav or [])
    if section is not None:
        section.extend({ex.title(): ex.page} for ex in _examples)
    return config


def _chart_cache(rendered: Any) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    for name, data in rendered.assets.items():
        target = CACHE / Path(name).name
        if name.startswith("charts/") and not target.exists():
            target.write_bytes(data)


def _render(example: Example) -> None:
    options = bulletin.RenderOptions(assets="external", cache_dir=CACHE)
    formats = (*FORMATS, "pdf") if PDF else FORMATS
    example.rendered = bulletin.render(example.doc, formats, options=options)
    _chart_cache(example.rendered)


def _add(files: Files, config: Any, src_uri: str, content: str | bytes) -> File:
    file = Download.generated(config, src_uri, content=content)
    files.append(file)
    return file


def on_files(files: Files, config: Any) -> Files:
    """Render every example and add its page and files to the site."""
    for example in _examples:
        _render(example)
        base = f"{FILES}/{example.name}"
        named = {"yaml": example.path.read_bytes(), **dict(example.rendered.files())}
        for key, content in named.items():
            src = f"{base}/{example.name}.yaml" if key == "yaml" else f"{base}/{key}"
            example.files[key] = _add(files, config, src, content)
        page = File.generated(config, example.page, content=_page(example))
        files.append(page)
    return files


def _figures(example: Example) -> list[Figure]:
    article = example.rendered.article
    return [b for b in article.walk() if isinstance(b, Figure) and b.kind == "chart"]


def _downloads(example: Example) -> str:
    name = example.name
    links = [
        ("数据文件", f"{name}.yaml"),
        ("Markdown", f"{name}.md"),
        ("网页", f"{name}.html"),
        ("Word", f"{name}.docx"),
    ]
    if "pdf" in example.rendered:
        links.append(("PDF", f"{name}.pdf"))
    return " · ".join(f"[{label}](files/{name}/{file})" for label, file in links)


def _page(example: Example) -> str:
    doc, name = example.doc, example.name
    html_file = example.files[f"{name}.html"]
    page_file = File(example.page, None, "", use_directory_urls=True)
    src = html_file.url_relative_to(page_file)
    yaml_text = example.path.read_text(encoding="utf-8")
    md_text = example.rendered["md"]
    parts = [
        "---\nhide:\n  - toc\n---\n",
        f"# {name}：{doc.meta.title}\n",
        f"体裁：{GENRE_NAMES.get(doc.meta.genre, doc.meta.genre)} · "
        f"文字：{SCRIPT_NAMES.get(doc.meta.script or 'hans', doc.meta.script)} · "
        f"由 `bulletin render examples/{name}.yaml` 生成\n",
        f"下载：{_downloads(example)}\n",
        '<div class="bulletin-pair" markdown>\n<div markdown>\n',
        f"## 数据文件\n\n```yaml\n{yaml_text.rstrip()}\n```\n\n</div>\n<div markdown>\n",
        "## 生成的网页\n\n"
        f'<iframe class="bulletin-page" src="{html.escape(src)}" '
        f'title="{html.escape(doc.meta.title)}" loading="lazy"></iframe>\n\n</div>\n</div>\n',
    ]
    figures = _figures(example)
    if figures:
        parts.append("## 图表\n")
        for fig in figures:
            caption = fig.caption.text if fig.caption else ""
            parts.append(f"![{_alt(fig.alt)}](files/{name}/{fig.src})\n\n{caption}\n")
    fence = "````" if "```" in md_text else "```"
    parts.append(f"## Markdown 输出\n\n{fence}markdown\n{md_text.rstrip()}\n{fence}\n")
    return "\n".join(parts)


def _alt(text: str) -> str:
    return text.replace("[", "［").replace("]", "］").replace("\n", " ")
