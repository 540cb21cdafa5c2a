"""Read a data file as YAML, safely, keeping the line and column of every node.

The result is plain Python data (dicts, lists, str, int, Decimal, date,
datetime) plus a :class:`Marks` table that maps a path such as
``("figures", "first_dose", "value")`` to where it stands in the file.
Floats are read as :class:`~decimal.Decimal` from their text, so ``128.565``
stays exactly ``128.565``.

Files are read as UTF-8 (with or without BOM); a file that is not UTF-8 but
GBK/GB18030 (as saved by Chinese Windows) is read too, and
:attr:`Marks.encoding` says so. Limits keep hostile input cheap: at most
:data:`MAX_BYTES` bytes, :data:`MAX_NODES` nodes after alias expansion and
:data:`MAX_DEPTH` levels of nesting.

>>> data, marks = load_yaml_text("meta:\\n  title: 标题\\n  ratio: 0.305\\n", "a.yaml")
>>> data["meta"]["ratio"]
Decimal('0.305')
>>> marks.value(("meta", "title"))
(2, 10)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import BulletinError, YamlError
from ..messages import CATALOGUE as _CATALOGUE
from ..messages import text as _t

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Marks",
    "ScalarInfo",
    "decode_data",
    "load_yaml_file",
    "load_yaml_text",
]

Path_ = tuple[str | int, ...]

#: Largest number of nodes a document may expand to (aliases included).
MAX_NODES = 200_000

#: Largest data file, in bytes (5 MB); a data file holds text and numbers only.
MAX_BYTES = 5 * 1024 * 1024

#: Deepest nesting of lists and mappings.
MAX_DEPTH = 64

_BRACKET_RUN = re.compile(r"(?:[\[{] *){" + str(MAX_DEPTH + 1) + ",}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_FLOAT_TAG = "tag:yaml.org,2002:float"
_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


@dataclass(frozen=True)
class ScalarInfo:
    """Where a scalar's text starts and how it is written (for column maths)."""

    line: int
    col: int
    style: str | None  # None (plain), "'", '"', "|", ">"
    indent: int  # for block scalars: the column (1-based) where content lines start


@dataclass
class Marks:
    """Positions of the nodes of one document, keyed by path (1-based)."""

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: The encoding the file was read in: ``utf-8``, ``GBK`` or ``GB18030``.
    encoding: str = "utf-8"
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Path_, ScalarInfo] = field(default_factory=dict)

    def value(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest known parent."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key(self, path: Path_) -> tuple[int, int]:
        """Position of the key that names ``path`` (falls back to the value)."""
        path = tuple(path)
        return self.keys.get(path) or self.value(path)

    def locate(self, err: BulletinError) -> BulletinError:
        """Turn an error's data path into file:line:col: the one place this happens.

        Every stage after loading raises errors with a data path
        (:meth:`BulletinError.at`); the pipeline hands them here. An error that
        already has a line keeps it. Returns the error, and locates the others
        found with it.
        """
        if err.path is not None and err.line is None:
            if err.offset is not None and err.text is not None:
                line, col = self.in_text(err.path, err.offset, err.text)
            else:
                line, col = self.value(err.path)
            err.with_location(file=self.file, line=line, col=col)
        for other in err.others:
            self.locate(other)
        return err

    def in_text(self, path: Path_, offset: int, text: str) -> tuple[int, int]:
        """Position of character ``offset`` of the string value at ``path``.

        Exact for single-line and block (``|``) scalars; for folded or
        multi-line flow scalars the line is right and the column approximate.
        """
        info = self.scalars.get(tuple(path))
        if info is None:
            return self.value(path)
        before = text[:offset]
        nl = before.count("\n")
        last = before.rsplit("\n", 1)[-1]
        if info.style in ("|", ">"):
            return info.line + 1 + nl, info.indent + len(last)
        quote = 1 if info.style in ("'", '"') else 0
        if nl == 0:
            return info.line, info.col + quote + len(last)
        return info.line + nl, info.indent + len(last)


class _Loader(yaml.SafeLoader):
    """SafeLoader that only composes; construction is done by :func:`_build`.

    Composing stops at :data:`MAX_DEPTH` levels, before Python's recursion limit.
    """

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                mark = self.peek_event().start_mark
                raise _TooDeep(mark.line + 1, mark.column + 1)
            node: Node | None = super().compose_node(parent, index)
            return node
        finally:
            self._depth -= 1


class _TooDeep(Exception):
    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.line, self.col = line, col


def _check_expansion(root: Node, file: str) -> None:
    """Refuse alias bombs and self-referring anchors before building anything.

    The expanded size of every node is computed once per node (aliases share
    nodes), so this costs time in proportion to the file, not to its expansion.
    """
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise _node_error(node, file, "yaml.recursive_alias", hint="yaml.too_many_nodes.hint")
        busy.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        busy.discard(key)
        if total > MAX_NODES:
            raise _node_error(
                node, file, "yaml.too_many_nodes", hint="yaml.too_many_nodes.hint", limit=MAX_NODES
            )
        sizes[key] = total
        return total

    size(root)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _error(
    code: str,
    /,
    *,
    file: str,
    line: int | None = None,
    col: int | None = None,
    hint: str | None = None,
    **values: Any,
) -> YamlError:
    """The error ``code`` (a message id) with its values, place and optional hint id."""
    return YamlError(
        _t(code, **values),
        file=file,
        line=line,
        col=col,
        hint=_t(hint) if hint else None,
        code=code,
    )


def _node_error(
    node: Node, file: str, code: str, *, hint: str | None = None, **values: Any
) -> YamlError:
    """The error ``code`` at ``node``, with an optional hint id."""
    line, col = _mark(node)
    return _error(code, file=file, line=line, col=col, hint=hint, **values)


def _scalar(loader: _Loader, node: ScalarNode) -> Any:
    if node.tag == _FLOAT_TAG:
        text = node.value.replace("_", "")
        if re.fullmatch(r"[-+]?(\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)", text):
            return node.value  # kept as text: the number check rejects it with a message
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - YAML's regex admits only decimals
            return node.value
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # e.g. a timestamp such as 2021-13-01: the model reports it
        return node.value


def _build(loader: _Loader, root: Node, file: str) -> tuple[Any, Marks]:
    _check_expansion(root, file)  # bounds the walk below to MAX_NODES nodes
    marks = Marks(file)

    def walk(node: Node, path: Path_) -> Any:
        if len(path) > MAX_DEPTH:
            line, col = _mark(node)
            raise _too_deep(file, line, col)
        marks.values[path] = _mark(node)
        if isinstance(node, ScalarNode):
            if node.tag == _STR_TAG or node.style in ("|", ">", "'", '"'):
                first_line = node.start_mark.line + 1
                indent = node.start_mark.column + 1
                if node.style in ("|", ">"):
                    indent = _block_indent(node) or indent + 2
                elif node.end_mark.line > node.start_mark.line:
                    indent = _continuation_indent(node) or indent
                marks.scalars[path] = ScalarInfo(
                    first_line, node.start_mark.column + 1, node.style, indent
                )
            return _scalar(loader, node)
        if isinstance(node, (SequenceNode, MappingNode)) and node.tag not in _COLLECTION_TAGS:
            line, col = _mark(node)
            raise _bad_tag(node.tag, file, line, col)
        if isinstance(node, SequenceNode):
            return [walk(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                if isinstance(key, (list, dict)):
                    raise _node_error(key_node, file, "yaml.complex_key")
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    first = marks.keys[(*path, key)]
                    raise _node_error(
                        key_node,
                        file,
                        "yaml.duplicate_key",
                        hint="yaml.duplicate_key.hint",
                        key=key,
                        first_line=first[0],
                    )
                marks.keys[(*path, key)] = _mark(key_node)
                result[key] = walk(value_node, (*path, key))
            return result
        raise _bad_tag(str(node.tag), file, *_mark(node))  # pragma: no cover

    return walk(root, ()), marks


def _bad_tag(tag: str, file: str, line: int, col: int) -> YamlError:
    return _error(
        "yaml.bad_tag",
        file=file,
        line=line,
        col=col,
        hint="yaml.bad_tag.hint",
        tag=tag.replace("tag:yaml.org,2002:", "!!"),
    )


def _too_deep(file: str, line: int, col: int) -> YamlError:
    return _error(
        "yaml.too_deep", file=file, line=line, col=col, hint="yaml.too_deep.hint", limit=MAX_DEPTH
    )


def _block_indent(node: ScalarNode) -> int | None:
    """Column (1-based) where a block scalar's content lines begin."""
    buffer = node.start_mark.buffer
    if not buffer:
        return None
    lines = buffer.splitlines()
    for line in lines[node.start_mark.line + 1 : node.end_mark.line + 1]:
        if line.strip():
            return len(line) - len(line.lstrip(" ")) + 1
    return None


def _continuation_indent(node: ScalarNode) -> int | None:
    buffer = node.start_mark.buffer
    if not buffer:
        return None
    lines = buffer.splitlines()
    if node.start_mark.line + 1 < len(lines):
        line = lines[node.start_mark.line + 1]
        return len(line) - len(line.lstrip(" ")) + 1
    return None


def load_yaml_text(text: str, file: str = "<string>") -> tuple[Any, Marks]:
    """Parse YAML text safely into plain data and its :class:`Marks`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8")) > MAX_BYTES:
        raise _too_large(file, len(text.encode("utf-8")))
    control = _CONTROL.search(text)
    if control is not None:
        line, col = _text_position(text, control.start())
        raise _error(
            "yaml.control_char",
            file=file,
            line=line,
            col=col,
            hint="yaml.control_char.hint",
            code=ord(control.group()),
        )
    brackets = _BRACKET_RUN.search(text)
    if brackets is not None:  # PyYAML's scanner is slow on these; answer at once
        line, col = _text_position(text, brackets.start() + MAX_DEPTH)
        raise _too_deep(file, line, col)
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(exc, file) from None
        except yaml.YAMLError as exc:
            raise _error(
                "yaml.syntax", file=file, line=1, col=1, hint="yaml.syntax.hint", problem=exc
            ) from None
        except _TooDeep as exc:
            raise _too_deep(file, exc.line, exc.col) from None
        if root is None:
            raise _error("yaml.empty", file=file, line=1, col=1, hint="yaml.empty.hint")
        try:
            return _build(loader, root, file)
        except yaml.constructor.ConstructorError as exc:
            raise _syntax_error(exc, file) from None
    finally:
        loader.dispose()


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in bytes, 1-based) of byte ``offset``."""
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def _too_large(file: str, size: int) -> YamlError:
    return _error(
        "file.too_large",
        file=file,
        hint="file.too_large.hint",
        size=_megabytes(size),
        limit=_megabytes(MAX_BYTES),
    )


def _megabytes(size: int) -> str:
    """Size in MB, rounded up to a tenth so that a file over the limit never reads as it."""
    tenths = -(-size * 10 // (1024 * 1024))
    return f"{tenths // 10}.{tenths % 10} MB".replace(".0 MB", " MB")


def decode_data(raw: bytes, file: str = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a data file; return the text and the encoding used.

    UTF-8 (with or without BOM) first; otherwise GBK, then GB18030 (what
    Chinese Windows saves). Binary content and undecodable bytes are errors
    naming the byte and its line.

    >>> decode_data("标题".encode("gbk"))
    ('标题', 'GBK')
    >>> decode_data(b"\\xef\\xbb\\xbftitle")
    ('title', 'utf-8')
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error("file.utf16", file=file, line=1, col=1, hint="file.bad_encoding.hint")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        raise _error(
            "file.binary", file=file, line=line, col=col, hint="file.binary.hint", offset=nul
        )
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for encoding, label in (("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            return raw.decode(encoding), label
        except UnicodeDecodeError as exc:
            gb_error = exc
    # The decoder that got further is probably the one the file was meant for.
    offset = max(utf8_error.start, gb_error.start)
    line, col = _byte_position(raw, offset)
    raise _error(
        "file.bad_encoding",
        file=file,
        line=line,
        col=col,
        hint="file.bad_encoding.hint",
        offset=offset,
    )


def load_yaml_file(path: str | Path) -> tuple[Any, Marks]:
    """Read ``path`` (UTF-8 with or without BOM, or GBK/GB18030) and parse it.

    :attr:`Marks.encoding` tells which encoding was used.
    """
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise _error("file.directory", file=name, hint="file.directory.hint")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(name, size)
        with p.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _error("file.not_found", file=name, hint="file.not_found.hint") from None
    except OSError as exc:
        raise _error("file.unreadable", file=name, reason=exc.strerror or exc) from None
    if len(raw) > MAX_BYTES:  # a file that grew, or a device
        raise _too_large(name, len(raw))
    text, encoding = decode_data(raw, name)
    data, marks = load_yaml_text(text, name)
    marks.encoding = encoding
    return data, marks


#: PyYAML's problem text (start) → our message id (the hint is ``<id>.hint``).
_PROBLEMS = {
    "found character '\\t' that cannot start any token": "yaml.tab",
    "mapping values are not allowed here": "yaml.colon",
    "could not find expected ':'": "yaml.missing_colon",
    "found undefined alias": "yaml.undefined_alias",
    "found unhashable key": "yaml.complex_key",
    "expected ',' or ']'": "yaml.open_bracket",
    "expected ',' or '}'": "yaml.open_brace",
    "found unexpected end of stream": "yaml.open_quote",
    "found unknown escape character": "yaml.bad_escape",
    "expected <block end>": "yaml.indent",
    "but found another document": "yaml.two_documents",
}


#: Problems reported where the bracket, brace or quote was opened.
_AT_OPENING = ("yaml.open_bracket", "yaml.open_brace", "yaml.open_quote")


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    for key, code in _PROBLEMS.items():
        if problem.startswith(key):
            if code in _AT_OPENING and exc.context_mark:
                line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
            hint = _t(f"{code}.hint") if f"{code}.hint" in _CATALOGUE else None
            return YamlError(_t(code), file=file, line=line, col=col, hint=hint, code=code)
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '")
        return _bad_tag(tag, file, line, col)
    return _error(
        "yaml.syntax",
        file=file,
        line=line,
        col=col,
        hint="yaml.syntax.hint",
        problem=problem or exc.context,
    )
