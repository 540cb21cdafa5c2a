"""Reading a report: plain text, Markdown, HTML or Word, with the place of every character.

Each reader returns a :class:`Source`: the :class:`~bulletin.proofread.text.Text`
the rules check and a way to write corrections back (text formats: the
source with its spans replaced, every other byte unchanged; Word: the texts of
the runs changed, their formatting kept).

>>> src = read_markdown("见`1,234`和[链接](http://a.cn/1,234)：共1,234人")
>>> src.text.raw
'见和[链接：共1,234人'
>>> src.text.location(src.text.raw.index("1"))
(1, 35)
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..errors import BulletinError
from ..messages import text as message
from .findings import Finding
from .text import Text

__all__ = ["Source", "read_bytes", "read_html", "read_markdown", "read_path", "read_plain"]

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Source:
    """A report read for checking: its kind, checked text, and what writes it back."""

    kind: str
    text: Text
    encoding: str = "utf-8"
    bom: bool = False
    docx: Any = None
    runs: list[tuple[int, int, Any]] = field(default_factory=list)

    def fixed_text(self, findings: Sequence[Finding]) -> str:
        """The source with every fixable finding applied (overlapping ones: the first)."""
        out, last = [], 0
        source = self.text.source
        for f in sorted((f for f in findings if f.fixable), key=lambda f: f.span or (0, 0)):
            assert f.span is not None and f.fix is not None
            start, end = f.span
            if start < last:
                continue
            out += [source[last:start], f.fix]
            last = end
        out.append(source[last:])
        return "".join(out)

    def fixed_bytes(self, findings: Sequence[Finding]) -> bytes:
        """The corrected file as bytes, in the encoding it was read in."""
        if self.kind == "docx":
            return self._fixed_docx(findings)
        data = self.fixed_text(findings).encode(self.encoding)
        return (b"\xef\xbb\xbf" if self.bom else b"") + data

    def _fixed_docx(self, findings: Sequence[Finding]) -> bytes:
        edits: dict[int, list[tuple[int, int, str]]] = {}
        for f in findings:
            if not f.fixable:
                continue
            assert f.span is not None and f.fix is not None
            for k, (start, end, _) in enumerate(self.runs):
                if start <= f.span[0] and f.span[1] <= end:
                    edits.setdefault(k, []).append((f.span[0] - start, f.span[1] - start, f.fix))
        for k, changes in edits.items():
            run = self.runs[k][2]
            value, last = run.text, len(run.text) + 1
            for start, end, fix in sorted(changes, reverse=True):
                if end <= last:
                    value = value[:start] + fix + value[end:]
                    last = start
            run.text = value
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()


def _unreadable(name: str, reason: str) -> BulletinError:
    return BulletinError(message("file.unreadable", reason=reason), file=name)


def _decode(data: bytes, name: str) -> tuple[str, str, bool]:
    if b"\x00" in data[:8192]:
        raise BulletinError(message("file.binary", offset=data.index(b"\x00")), file=name)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8", True
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding, False
        except UnicodeDecodeError:
            continue
    raise BulletinError(message("file.bad_encoding", offset=0), file=name)


def read_plain(source: str) -> Source:
    """Plain text: every character is checked."""
    return Source("text", Text.plain(source))


_MASKED = re.compile(
    r"(`+)[^`\n].*?\1|\]\([^)\n]*\)|<[^>\n]*>|https?://[^\s)）\]>，。；、]+|\\(?=[!-/:-@\[-`{-~])"
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"
)


def read_markdown(source: str) -> Source:
    """Markdown: code blocks, inline code, link targets, URLs and tags are not checked."""
    from markdown_it import MarkdownIt

    keep = bytearray(b"\x01") * len(source)
    starts = [0] + [m.end() for m in re.finditer("\n", source)] + [len(source)]
    for token in MarkdownIt("commonmark").enable("table").parse(source):
        if token.type in ("fence", "code_block", "html_block") and token.map:
            first, last = token.map
            a, b = starts[first], starts[min(last, len(starts) - 1)]
            keep[a:b] = bytes(len(source[a:b]))
            for i in range(a, b):
                if source[i] == "\n":
                    keep[i] = 1
    for m in _MASKED.finditer(source):
        if keep[m.start()]:
            keep[m.start() : m.end()] = bytes(m.end() - m.start())
    origin = [i for i, k in enumerate(keep) if k]
    return Source("markdown", Text("".join(source[i] for i in origin), origin, source))


_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "table",
        "tbody",
        "thead",
        "tr",
        "ul",
        "title",
    ]
)
_CELL = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "code", "pre", "template", "svg"})


class _HtmlText(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.skip = 0
        self.source = source

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _break(self, mark: str) -> None:
        self.chars.append(mark)
        self.origin.append(self._offset())

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self._break("\n")
        elif tag in _CELL:
            self._break("|")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self._break("\n")
        elif tag in _CELL:
            self._break("|")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        start = self._offset()
        if self.source[start : start + len(data)] != data:  # not where the parser says: skip
            return
        self.chars.extend(data)
        self.origin.extend(range(start, start + len(data)))


def read_html(source: str) -> Source:
    """HTML: the text of the elements (no tags, scripts, styles or code)."""
    parser = _HtmlText(source)
    parser.feed(source)
    parser.close()
    return Source("html", Text("".join(parser.chars), parser.origin, source))


def _paragraph_runs(paragraph: Any) -> list[Any]:
    runs: list[Any] = []
    for item in paragraph.iter_inner_content():
        runs.extend(getattr(item, "runs", None) or [item])
    return runs


def read_docx(data: bytes, name: str) -> Source:
    """Word: paragraphs are lines, a table row is one line with | between cells."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises many kinds for a damaged file
        raise _unreadable(name, message("proofread.bad_docx", kind=type(err).__name__)) from err
    lines: list[list[list[Any]]] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append([r for p in cell.paragraphs for r in _paragraph_runs(p)])
                lines.append(cells)
        else:
            lines.append([_paragraph_runs(block)])
    parts: list[str] = []
    runs: list[tuple[int, int, Any]] = []
    offset = 0
    for n, cells in enumerate(lines):
        if n:
            parts.append("\n")
            offset += 1
        for k, cell in enumerate(cells):
            if k:
                parts.append("|")
                offset += 1
            for run in cell:
                value = run.text
                runs.append((offset, offset + len(value), run))
                parts.append(value)
                offset += len(value)
    return Source("docx", Text.plain("".join(parts)), docx=document, runs=runs)


_KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
          ".xhtml": "html", ".docx": "docx"}  # fmt: skip


def read_bytes(data: bytes, name: str, kind: str | None = None) -> Source:
    """Read a report given as bytes; ``kind`` defaults to the suffix of ``name``."""
    kind = kind or _KINDS.get(Path(name).suffix.lower(), "text")
    if kind == "docx":
        return read_docx(data, name)
    source, encoding, bom = _decode(data, name)
    reader = {"markdown": read_markdown, "html": read_html}.get(kind, read_plain)
    result = reader(source)
    result.encoding, result.bom = encoding, bom
    return result


def read_path(path: Path) -> Source:
    """Read the report at ``path`` (raises :class:`BulletinError` when it cannot)."""
    name = str(path)
    try:
        if path.is_dir():
            raise BulletinError(message("file.directory"), file=name)
        if path.stat().st_size > MAX_BYTES:
            raise _unreadable(name, message("proofread.too_large", limit=MAX_BYTES // 1024 // 1024))
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise BulletinError(message("file.not_found"), file=name) from err
    except OSError as err:
        raise _unreadable(name, err.strerror or str(err)) from err
    return read_bytes(data, name)
