"""mkdocs hook: tables computed by bulletin's number engine while the site is built.

A fenced block ```` ```bulletin-live ```` holds one call per line, optionally followed by
``  # 说明``; the hook replaces it with a table of each call and what bulletin returns for it
now, so the documentation cannot drift from the code. A line starting with ``!`` is a call
that must fail: its column shows the error message. Any other failure stops the build.

A fenced block ```` ```bulletin-render NAME ```` holds a data file: the hook shows it, then
the Markdown bulletin writes from it and its charts (added to the site under
``live/NAME/``), or, for ```` ```bulletin-render NAME error ````, the one-line error a user
would see. A block that fails (or renders) when it should not stops the build.

The calls see the number engine (``bulletin.numbers``) and ``Decimal``; the blocks are the
documentation's own text, not user input.
"""

from __future__ import annotations

import html
import posixpath
import re
from decimal import Decimal
from typing import Any

from mkdocs.structure.files import File

import bulletin
import bulletin.numbers
from bulletin.errors import BulletinError

BLOCK = re.compile(r"^```bulletin-live[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
RENDER = re.compile(
    r"^```bulletin-render[ \t]+([a-z0-9_-]+)( error)?[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M
)
NAMESPACE: dict[str, Any] = {
    "Decimal": Decimal,
    **{name: getattr(bulletin.numbers, name) for name in bulletin.numbers.__all__},
}


def _cell(text: str) -> str:
    return html.escape(text).replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;")


def _shown(value: object) -> str:
    if isinstance(value, str):
        return _cell(value) if value else "（空）"
    if isinstance(value, tuple | list):
        return "；".join(_shown(v) for v in value)
    return f"<code>{_cell(repr(value))}</code>"


def _row(line: str, where: str) -> str:
    call, _, note = line.partition("  # ")
    call, failing = call.strip(), call.strip().startswith("!")
    source = call.lstrip("!").strip()
    try:
        value = eval(source, dict(NAMESPACE))  # the documentation's own calls
    except BulletinError as err:
        if not failing:
            raise RuntimeError(f"{where}: {source} failed: {err}") from err
        shown = f"错误：{_cell(str(err))}"
    else:
        if failing:
            raise RuntimeError(f"{where}: {source} should fail but gave {value!r}")
        shown = _shown(value)
    return f"| <code>{_cell(source)}</code> | {shown} | {_cell(note.strip())} |"


def table(block: str, where: str = "<block>") -> str:
    """The Markdown table for the calls of one ``bulletin-live`` block.

    >>> print(table('format_number(1285700, "剂次")  # 自动用“万”'))
    | 调用 | 结果 | 说明 |
    |---|---|---|
    | <code>format&#95;number(1285700, &quot;剂次&quot;)</code> | 128.57万剂次 | 自动用“万” |
    """
    rows = [_row(line, where) for line in block.splitlines() if line.strip()]
    return "\n".join(["| 调用 | 结果 | 说明 |", "|---|---|---|", *rows])


def rendered(name: str, text: str) -> tuple[str, dict[str, bytes]]:
    """The Markdown shown for a data file (its output, or its error) and its chart files."""
    try:
        result = bulletin.render(bulletin.loads(text, file=f"{name}.yaml"), ("md",), stem=name)
    except BulletinError as err:
        lines = "\n".join(str(p) for p in err.all())
        return f"出错时，bulletin 只打印一行提示，不写任何文件：\n\n```text\n{lines}\n```\n", {}
    md = str(result["md"]).rstrip()
    shown = f"生成的 `{name}.md`：\n\n````markdown\n{md}\n````\n"
    charts = {k: v for k, v in result.assets.items() if k.endswith(".png")}
    return shown, charts


def _render_block(match: re.Match[str], page: Any, config: Any, files: Any) -> str:
    name, failing, text = match.group(1), bool(match.group(2)), match.group(3)
    shown, charts = rendered(name, text)
    if failing != shown.startswith("出错时"):
        should = "fail" if failing else "render"
        raise RuntimeError(f"{page.file.src_uri}: the data file {name} should {should}: {shown}")
    images = []
    for chart, data in charts.items():
        src = f"live/{name}/{chart}"
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=data))
        url = posixpath.relpath(src, posixpath.dirname(page.file.src_uri) or ".")
        images.append(f"![{name} 的图表]({url})")
    pictures = "\n\n".join(images)
    return f"```yaml\n{text.rstrip()}\n```\n\n{shown}\n{pictures}\n"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace every ``bulletin-live`` block by its table, every ``bulletin-render`` block."""
    where = page.file.src_uri
    markdown = RENDER.sub(lambda m: _render_block(m, page, config, files), markdown)
    return BLOCK.sub(lambda m: table(m.group(1), where) + "\n", markdown)
