"""Read a data file as YAML, safely, keeping the line and column of every node.

The result is plain Python data (dicts, lists, str, int, Decimal, bool, None)
plus a :class:`Marks` table that maps a path such as
``("figures", "first_dose", "value")`` to where it stands in the file.
Floats are read as :class:`~decimal.Decimal` from their text, so ``128.565``
stays exactly ``128.565``.

Plain scalars are typed by the YAML 1.2 core schema, not YAML 1.1's: ``8:30``,
``off``, ``yes``, ``2021-07-12`` and ``0o17`` stay text, and so does ``010``
(YAML 1.1 reads it as 8, YAML 1.2 as 10: the number check asks which is
meant). Mapping keys are always text exactly as typed (``2020.10``, ``off``).

Chinese paragraphs wrapped over several lines: where YAML folds a line break
into a space (plain, quoted and ``>`` values) and the characters on both sides
of the break are Chinese, the space is dropped (see :func:`_joins` for the exact
rule); a space typed within a line stays, and ``|`` keeps its line breaks.

>>> load_yaml_text("lead: 全区卫生健康事业稳步发展，\\n  医疗服务能力持续提升。\\n")[0]
{'lead': '全区卫生健康事业稳步发展，医疗服务能力持续提升。'}

Files are read as UTF-8 (with or without BOM); a file that is not UTF-8 but
GBK/GB18030 (as saved by Chinese Windows) or Big5 (Taiwan, Hong Kong) is read
too, and :attr:`Marks.encoding` says so. Limits keep hostile input cheap: at most
:data:`MAX_BYTES` bytes, :data:`MAX_NODES` nodes after alias expansion and
:data:`MAX_DEPTH` levels of nesting.

Parsers: libyaml's C parser (``yaml._yaml.CParser``) reads the text when PyYAML
was built with it, about six times faster; its events are composed into nodes
here, in a loop rather than by libyaml's recursive composer, and typed by the
same YAML 1.2 resolver. PyYAML's pure-Python parser reads the text when libyaml
is absent, and reads it again whenever libyaml's reading fails or breaks a rule
(a syntax error, a duplicate key, too deep, ...) or where the two parsers
disagree (a tab, ``[why?]``, ``{a: }``): so data, marks and every error message
and place are the same either way.

>>> data, marks = load_yaml_text("meta:\\n  title: 标题\\n  ratio: 0.305\\n", "a.yaml")
>>> data["meta"]["ratio"]
Decimal('0.305')
>>> marks.value(("meta", "title"))
(2, 10)
>>> load_yaml_text("by: {8:30: 1, 2020.10: 2, off: 3, 010: 4}\\nt: [off, 8:30, 010, 0x1F]\\n")[0]
{'by': {'8:30': 1, '2020.10': 2, 'off': 3, '010': 4}, 't': ['off', '8:30', '010', '0x1F']}
"""

from __future__ import annotations

import re
import stat
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..errors import BulletinError, DataPath, YamlError
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


#: Largest number of nodes a document may expand to (aliases included).
MAX_NODES = 200_000

#: Largest data file, in bytes (5 MB); a data file holds text and numbers only.
MAX_BYTES = 5 * 1024 * 1024

#: Deepest nesting of lists and mappings.
MAX_DEPTH = 64

_BRACKET_RUN = re.compile(r"(?:[\[{] *){" + str(MAX_DEPTH + 1) + ",}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: A comment right after a block scalar's ``|`` or ``>``: libyaml reads it, PyYAML
#: refuses it. A text with one, or with a tab anywhere (libyaml takes tabs for spaces
#: in more places than PyYAML), goes to the pure-Python parser alone.
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")

_FLOAT_TAG = "tag:yaml.org,2002:float"
_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT = re.compile(
    r"[-+]?(?:(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+)"
)
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


#: The YAML 1.2 core schema's implicit types: tag, pattern and the first characters it
#: can start with, tried in this order.
_IMPLICIT = (
    (_BOOL_TAG, r"(?:true|True|TRUE|false|False|FALSE)", "tTfF"),
    (_NULL_TAG, r"(?:~|null|Null|NULL|)", ["~", "n", "N", ""]),
    (_INT_TAG, _INT.pattern, "-+0123456789"),
    (_FLOAT_TAG, f"(?:{_FLOAT.pattern}|{_SPECIAL_FLOAT.pattern})", "-+0123456789."),
    ("tag:yaml.org,2002:merge", r"<<", "<"),
)
#: All of them in one pattern (the first alternative that matches wins, as in PyYAML's
#: resolver, which tries those registered for the text's first character in order).
_IMPLICIT_ALL = re.compile(
    "^(?:" + "|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern, _) in enumerate(_IMPLICIT)) + ")$"
)
_IMPLICIT_FIRST = frozenset("".join("".join(first) for _, _, first in _IMPLICIT))
_IMPLICIT_TAGS: dict[str | None, str] = {f"t{i}": tag for i, (tag, _, _) in enumerate(_IMPLICIT)}


class _CoreResolver(BaseResolver):
    """Plain scalars typed by the YAML 1.2 core schema (and ``<<`` merge keys).

    Decimal integers with a leading zero (``010``) and octal or hexadecimal
    forms stay text: YAML 1.1 and 1.2 read them differently. Both parsers call
    :meth:`resolve`, so both type the same text alike.

    >>> [_CoreResolver().resolve(ScalarNode, text, (True, False)) for text in ("010", "1_0", "")]
    ['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:null']
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """PyYAML's resolution with the patterns registered below, in one regex search."""
        if kind is ScalarNode and implicit[0]:
            if value and value[0] not in _IMPLICIT_FIRST:
                return self.DEFAULT_SCALAR_TAG
            match = _IMPLICIT_ALL.match(value)
            if match is not None:
                return _IMPLICIT_TAGS[match.lastgroup]
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


for _tag, _pattern, _first in _IMPLICIT:
    _CoreResolver.add_implicit_resolver(_tag, re.compile(f"^{_pattern}$"), list(_first))


@dataclass(frozen=True)
class ScalarInfo:
    """Where a scalar's text starts and how it is written (for column maths)."""

    line: int
    col: int
    style: str | None  # None (plain), "'", '"', "|", ">"
    indent: int  # for block scalars: the column (1-based) where content lines start
    #: For a text over several lines (not ``|``): where each of its source lines
    #: begins, as (offset in the text, line, column), in order.
    pieces: tuple[tuple[int, int, int], ...] = ()


@dataclass
class Marks:
    """Positions of the nodes of one document, keyed by path (1-based)."""

    file: str
    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    #: The encoding the file was read in: ``utf-8``, ``GBK``, ``GB18030``, ``Big5`` or
    #: ``Big5-HKSCS``.
    encoding: str = "utf-8"
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[DataPath, ScalarInfo] = field(default_factory=dict)

    def value(self, path: DataPath) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest known parent."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key(self, path: DataPath) -> tuple[int, int]:
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

    def in_text(self, path: DataPath, offset: int, text: str) -> tuple[int, int]:
        """Position of character ``offset`` of the string value at ``path``.

        Exact for single-line, block (``|``), folded (``>``) and multi-line
        plain or quoted scalars, also where a line break between Chinese
        characters was dropped; within a line of a quoted scalar, an escape
        (``\\n``, ``''``) before the character shifts the column.

        >>> text = "lead: >-\\n  第一行，\\n  截至{{ x }}。\\n"
        >>> data, marks = load_yaml_text(text)
        >>> data["lead"]
        '第一行，截至{{ x }}。'
        >>> marks.in_text(("lead",), data["lead"].index("{{"), data["lead"])
        (3, 5)
        """
        info = self.scalars.get(tuple(path))
        if info is None:
            return self.value(path)
        if info.pieces:
            index = bisect_right(info.pieces, offset, key=lambda piece: piece[0])
            start, line, col = info.pieces[max(index - 1, 0)]
            return line, col + offset - start
        before = text[:offset]
        nl = before.count("\n")
        last = before.rsplit("\n", 1)[-1]
        if info.style in ("|", ">"):
            return info.line + 1 + nl, info.indent + len(last)
        quote = 1 if info.style in ("'", '"') else 0
        if nl == 0:
            return info.line, info.col + quote + len(last)
        return info.line + nl, info.indent + len(last)


class _Loader(Reader, Scanner, Parser, Composer, SafeConstructor, _CoreResolver):
    """A safe loader with YAML 1.2 core typing that only composes; :func:`_build` constructs.

    Composing stops at :data:`MAX_DEPTH` levels, before Python's recursion limit.
    """

    _depth = 0

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)

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


def _libyaml_loader() -> Any:
    """The loader class on libyaml's parser, or None when PyYAML was built without libyaml."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class _LibyamlLoader(CParser, SafeConstructor, _CoreResolver):
        """libyaml's parser with :class:`_Loader`'s constructor and YAML 1.2 core resolver."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)

    return _LibyamlLoader


#: The libyaml loader class that reads files first, or None: then the pure-Python
#: :class:`_Loader` reads every file. Both give the same data, marks and errors.
_LIBYAML_LOADER = _libyaml_loader()


class _NotComposed(Exception):
    """libyaml's events do not make one document: the pure-Python reader says why."""


def _compose_events(loader: Any) -> Node | None:
    """Compose the node graph of one document from libyaml's events, without recursion.

    Does what PyYAML's composer does (the same nodes, tags from the same
    resolver, marks as libyaml reports them), but in a loop, stopping past
    :data:`MAX_DEPTH`: libyaml's own composer recurses in C, a level of the
    machine stack per level of nesting (up to some 2000, libyaml's limit), more
    than a thread with a small stack has. A plain scalar's style is None, as in
    PyYAML. Anything but one well-formed document raises (or gives None for no
    document); the caller then reads the text with :class:`_Loader`, which
    reports the mistake.

    >>> loader = (_LIBYAML_LOADER or _Loader)("a: &x [1, two]\\nb: *x\\n")
    >>> root = _compose_events(loader)
    >>> [(key.value, value.tag) for key, value in root.value]
    [('a', 'tag:yaml.org,2002:seq'), ('b', 'tag:yaml.org,2002:seq')]
    >>> root.value[0][1] is root.value[1][1], root.value[0][1].value[1].start_mark.column  # 0-based
    (True, 10)
    """
    get, resolve = loader.get_event, loader.resolve
    if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
        return None  # an empty stream: libyaml raises on anything else
    anchors: dict[str, Node] = {}
    outer: list[tuple[Any, Any, bool, bool]] = []  # what follows, for each enclosing collection
    parent: Any = None  # the collection being filled
    key: Node | None = None  # in a mapping, the key waiting for its value
    in_seq = in_flow = False
    root = node = None
    while (kind := type(event := get())) is not DocumentEndEvent:
        if kind is ScalarEvent:
            node = _scalar_node(resolve, event, anchors, in_flow)
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            parent.end_mark = event.end_mark
            parent, key, in_seq, in_flow = outer.pop()
            continue
        else:
            node = _collection_or_alias(loader, event, kind, anchors)
        if parent is None:
            root = node
        elif in_seq:
            parent.value.append(node)
        elif key is None:
            key = node
        else:
            parent.value.append((key, node))
            key = None
        if kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(outer) == MAX_DEPTH:
                raise _NotComposed  # too deep: stop here, as PyYAML's composer does
            outer.append((parent, key, in_seq, in_flow))
            parent, key, in_seq, in_flow = node, None, kind is SequenceStartEvent, node.flow_style
    end = get()
    if type(end) is not StreamEndEvent:  # a second document
        raise _NotComposed
    if node is not None and node.start_mark.line >= end.start_mark.line:
        # An empty node at the very end: libyaml puts it on the next line when the text
        # does not end with a line break, PyYAML at the end of the last line.
        raise _NotComposed
    return root


def _scalar_node(resolve: Any, event: Any, anchors: dict[str, Node], in_flow: bool) -> Node:
    """The node of a scalar event (as PyYAML composes it); ``in_flow``: inside [] or {}."""
    tag = event.tag
    if tag is None:
        tag = resolve(ScalarNode, event.value, event.implicit)
    elif tag == "!":  # PyYAML types the text under a bare "!" as if plain; libyaml not always
        tag = resolve(ScalarNode, event.value, (True, False))
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style or None)
    if in_flow and node.style is None and ("?" in node.value or not node.value):
        # In [] and {}, PyYAML ends plain text at a "?" (libyaml reads [why?] as one
        # text) and places an omitted node ({a: }) elsewhere.
        raise _NotComposed
    if event.anchor is not None:
        _anchor(anchors, event.anchor, node)
    return node


def _collection_or_alias(loader: Any, event: Any, kind: type, anchors: dict[str, Node]) -> Node:
    """The node a collection-start or alias event stands for (as PyYAML composes it)."""
    if kind is AliasEvent:
        if event.anchor not in anchors:
            raise _NotComposed
        return anchors[event.anchor]
    if kind is not SequenceStartEvent and kind is not MappingStartEvent:  # pragma: no cover
        raise _NotComposed  # no other event comes inside a document
    cls = SequenceNode if kind is SequenceStartEvent else MappingNode
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(cls, None, event.implicit)
    node: Node = cls(tag, [], event.start_mark, None, flow_style=event.flow_style)
    if event.anchor is not None:
        _anchor(anchors, event.anchor, node)
    return node


def _anchor(anchors: dict[str, Node], name: str, node: Node) -> None:
    if name in anchors:  # PyYAML refuses a second anchor of the same name
        raise _NotComposed
    anchors[name] = node


def _check_expansion(root: Node, file: str) -> None:
    """Refuse alias bombs and self-referring anchors before building anything.

    The expanded size of every node is computed once per node (aliases share
    nodes), so this costs time in proportion to the file, not to its expansion.
    """
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Node) -> int:
        if isinstance(node, ScalarNode):
            return 1
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


def _scalar(loader: SafeConstructor, node: ScalarNode, file: str) -> Any:
    """The value of a scalar: typed by the core schema when plain, else its text."""
    text = node.value
    if node.tag == _STR_TAG:
        return _text_of(node, text, file)
    if node.tag == _NULL_TAG and text in ("", "~", "null", "Null", "NULL"):
        return None
    if node.tag == _BOOL_TAG and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if node.tag == _INT_TAG and _INT.fullmatch(text):
        return int(text.replace("_", ""))
    if node.tag == _FLOAT_TAG:
        if _SPECIAL_FLOAT.fullmatch(text):
            return text  # kept as text: the number check rejects it with a message
        try:
            return Decimal(text.replace("_", ""))
        except InvalidOperation:  # e.g. !!float abc: the model reports the text
            return text
    if node.tag in (_NULL_TAG, _BOOL_TAG, _INT_TAG):
        return text  # an explicit tag on text it does not fit: the model reports it
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # e.g. !!timestamp 2021-13-01: the model reports it
        return text


def _text_of(node: Node, text: str, file: str) -> str:
    """``text`` with JSON-style surrogate pairs (``\\ud83d\\ude00``) joined; a lone half is
    an error at ``node``. Only a double-quoted scalar can hold one (the text has none)."""
    if node.style != '"' or not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        raise _node_error(
            node, file, "yaml.lone_surrogate", hint="yaml.lone_surrogate.hint"
        ) from None


def _key_of(node: Node, file: str) -> str:
    """A mapping key is text exactly as typed: ``8:30``, ``2020.10``, ``off``, ``010``."""
    if not isinstance(node, ScalarNode):
        raise _node_error(node, file, "yaml.complex_key")
    if node.tag not in (_STR_TAG, _NULL_TAG, _BOOL_TAG, _INT_TAG, _FLOAT_TAG):
        raise _bad_tag(str(node.tag), file, *_mark(node))
    return _text_of(node, node.value, file)


def _build(loader: SafeConstructor, root: Node, file: str, text: str) -> tuple[Any, Marks]:
    """Plain data and :class:`Marks` from the node graph that ``loader`` composed of ``text``."""
    _check_expansion(root, file)  # bounds the walk below to MAX_NODES nodes
    marks = Marks(file)
    lines: list[str] = []  # the text's lines, split when a scalar first needs them
    read: dict[int, tuple[ScalarInfo, str | None]] = {}  # by id(node): see _scalar_info

    def source_lines() -> list[str]:
        if not lines:
            # As PyYAML's reader holds the text: with a NUL at the end.
            lines.extend((text + "\0").splitlines())
        return lines

    def walk(node: Node, path: DataPath) -> Any:
        if len(path) > MAX_DEPTH:
            line, col = _mark(node)
            raise _too_deep(file, line, col)
        marks.values[path] = _mark(node)
        if isinstance(node, ScalarNode):
            if node.tag == _STR_TAG or node.style in ("|", ">", "'", '"'):
                if id(node) not in read:  # a node under several aliases is read once
                    read[id(node)] = _scalar_info(node, source_lines)
                info, text = read[id(node)]
                marks.scalars[path] = info
                if text is not None:
                    return _text_of(node, text, file)
            return _scalar(loader, node, file)
        if isinstance(node, (SequenceNode, MappingNode)) and node.tag not in _COLLECTION_TAGS:
            line, col = _mark(node)
            raise _bad_tag(node.tag, file, line, col)
        if isinstance(node, SequenceNode):
            return [walk(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = _key_of(key_node, file)
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


def _block_indent(node: ScalarNode, lines: list[str]) -> int | None:
    """Column (1-based) where a block scalar's content lines begin.

    Only the marks' line numbers are used, which both parsers count alike
    (libyaml's marks carry no text, PyYAML's do).

    >>> text = "lead: |\\n\\n    第一行\\n"
    >>> node = _Loader(text).get_single_node().value[0][1]
    >>> _block_indent(node, text.splitlines())
    5
    """
    for line in lines[node.start_mark.line + 1 : node.end_mark.line + 1]:
        if line.strip():
            return len(line) - len(line.lstrip(" ")) + 1
    return None


def _continuation_indent(node: ScalarNode, lines: list[str]) -> int | None:
    """Column (1-based) where the second line of a multi-line flow scalar begins.

    >>> text = 'lead: "第一行\\n   第二行"\\n'
    >>> node = _Loader(text).get_single_node().value[0][1]
    >>> _continuation_indent(node, text.splitlines())
    4
    """
    if node.start_mark.line + 1 < len(lines):
        line = lines[node.start_mark.line + 1]
        return len(line) - len(line.lstrip(" ")) + 1
    return None


def _scalar_info(
    node: ScalarNode, source_lines: Callable[[], list[str]]
) -> tuple[ScalarInfo, str | None]:
    """Where a text scalar stands, and for a value over several lines its text with the
    folds between Chinese characters joined (:func:`_unfold`); None keeps the parser's text.

    >>> text = "a: >-\\n  第一行\\n  第二行\\n"
    >>> node = _Loader(text).get_single_node().value[0][1]
    >>> _scalar_info(node, lambda: text.splitlines())
    (ScalarInfo(line=1, col=4, style='>', indent=3, pieces=((0, 2, 3), (3, 3, 3))), '第一行第二行')
    """
    first_line = node.start_mark.line + 1
    indent = node.start_mark.column + 1
    multiline = node.end_mark.line > node.start_mark.line
    if node.style in ("|", ">"):
        indent = _block_indent(node, source_lines()) or indent + 2
    elif multiline:
        indent = _continuation_indent(node, source_lines()) or indent
    unfolded = None
    if multiline and node.tag == _STR_TAG and node.style != "|":
        unfolded = _unfold(node, source_lines())
    text, pieces = unfolded or (None, ())
    info = ScalarInfo(first_line, node.start_mark.column + 1, node.style, indent, pieces)
    return info, text


#: Characters of Chinese (and Japanese) text: ideographs, CJK radicals and strokes,
#: bopomofo, kana, CJK symbols and punctuation, full-width forms, and the marks that
#: Chinese shares with Western text: · — ― ‘ ’ “ ” … ⋯. Not hangul: Korean puts
#: spaces between words.
_CJK = re.compile(
    "[\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff01-\uff9f\uffe0-\uffe6\U00020000-\U0003ffff"
    "\u00b7\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u22ef]"
)
#: Full-width punctuation, which only Chinese (and Japanese) text uses: the ideographic
#: space, 、。〈〉《》「」『』【】〔〕〖〗〜〝〞, vertical forms and the full-width
#: ，：；！？（）．％ and the like.
_CJK_PUNCTUATION = re.compile(
    "[\u3000-\u3004\u3008-\u3011\u3014-\u301f\ufe10-\ufe19\ufe30-\ufe4f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)
#: What ends or starts a number in Chinese text: no space between it and a Chinese
#: character. The braces of ``{{ name }}`` count: what it writes is mostly a figure.
_NUMBER_EDGE = frozenset("0123456789%‰{}")


def _joins(before: str, after: str) -> bool:
    """Whether a line break that YAML folds into a space between the characters
    ``before`` and ``after`` is dropped instead.

    It is when both are Chinese (:data:`_CJK`: Han, kana, bopomofo, Chinese
    punctuation and full-width forms); when one is Chinese and the other a digit,
    ``%`` or ``‰`` (print style: no space between Chinese characters and digits), or
    a brace of ``{{ name }}`` (it mostly writes a figure: ``共有\\n{{ n }}家``);
    and when one is full-width punctuation (``，。、；：？！（）《》`` ...) and the
    other anything but whitespace. A Latin letter or ASCII punctuation beside a
    Chinese character, or two Latin or digit characters, keep the space.

    >>> [_joins(*pair) for pair in ("展医", "，医", "3季", "年2", "%的", "有{", "}家", "，m")]
    [True, True, True, True, True, True, True, True]
    >>> [_joins(*pair) for pair in ("A疫", "苗m", "a(", "ab", "12", "甲 ", " 甲", "한글")]
    [False, False, False, False, False, False, False, False]
    """
    if _CJK.match(before):
        if _CJK.match(after) or after in _NUMBER_EDGE:
            return True
    elif _CJK.match(after) and before in _NUMBER_EDGE:
        return True
    if _CJK_PUNCTUATION.match(before):
        return not after.isspace()
    return _CJK_PUNCTUATION.match(after) is not None and not before.isspace()


#: A source line of a multi-line scalar: its text in the value, where it begins in the
#: file (1-based line and column) and what the parser put after it (" " for a fold).
_Piece = tuple[str, int, int, str]


def _unfold(
    node: ScalarNode, lines: list[str]
) -> tuple[str, tuple[tuple[int, int, int], ...]] | None:
    """The text of a plain, quoted or folded (``>``) scalar over several lines, with
    each fold between two characters that :func:`_joins` dropped, and where each of
    its lines begins (offset in the text, line, column).

    The scalar's lines are read again from the file as YAML folds them; only when
    that gives the parser's text exactly is anything changed (else None). So only
    a space that came from a line break goes, never one typed within a line.

    >>> text = 'a: "COVID-19\\n  疫苗，\\n  mRNA\\n  疫苗"\\n'
    >>> node = _Loader(text).get_single_node().value[0][1]
    >>> node.value
    'COVID-19 疫苗， mRNA 疫苗'
    >>> _unfold(node, text.splitlines())
    ('COVID-19疫苗，mRNA 疫苗', ((0, 1, 5), (8, 2, 3), (11, 3, 3), (16, 4, 3)))
    """
    head, parts = (
        _folded_lines(node, lines) if node.style == ">" else ("", _flow_lines(node, lines))
    )
    if not parts:
        return None
    model = head + "".join(content + after for content, _, _, after in parts)
    rest = node.value[len(model) :]
    if not node.value.startswith(model) or (rest.strip("\n") if node.style == ">" else rest):
        return None
    out = [head]
    pieces: list[tuple[int, int, int]] = []
    length = len(head)
    for i, (content, line, col, after) in enumerate(parts):
        pieces.append((length, line, col))
        following = parts[i + 1][0] if i + 1 < len(parts) else ""
        if after == " " and content and following and _joins(content[-1], following[0]):
            after = ""
        out += (content, after)
        length += len(content) + len(after)
    out.append(rest)
    return "".join(out), tuple(pieces)


def _flow_lines(node: ScalarNode, lines: list[str]) -> list[_Piece]:
    """The lines of a plain or quoted scalar over several lines, as YAML reads them:
    leading and trailing blanks of a line go, a line break between two lines becomes a
    space, blank lines become line breaks; ``\\\\`` at the end of a line in double
    quotes joins it to the next. Empty where an escape is not YAML's.

    >>> text = "a: '甲 ''乙''  \\n\\n   丙'\\n"
    >>> _flow_lines(_Loader(text).get_single_node().value[0][1], text.splitlines())
    [("甲 '乙'", 1, 5, '\\n'), ('丙', 3, 4, '')]
    """
    start, end = node.start_mark, node.end_mark
    quote = 0 if node.style is None else 1
    if end.line >= len(lines):  # pragma: no cover - a scalar ends on a line of the text
        return []
    parts: list[list[Any]] = []
    breaks, escaped = 0, False
    for number in range(start.line, end.line + 1):
        line = lines[number]
        begin = 0
        if number == start.line:
            properties = _PROPERTIES.match(line, start.column)
            begin = (properties.end() if properties else start.column) + quote
        segment = line[begin : end.column - quote if number == end.line else len(line)]
        if start.line < number < end.line and not segment.strip(" \t"):
            breaks += 1
            continue
        if parts:
            parts[-1][3] = "\n" * breaks if breaks or escaped else " "
        lead = segment if number == start.line else segment.lstrip(" \t")
        body = lead if number == end.line else lead.rstrip(" \t")
        escaped = False
        if node.style == '"' and number < end.line:
            backslashes = len(body) - len(body.rstrip("\\"))
            if backslashes % 2 and len(body) < len(lead):
                body = lead[: len(body) + 1]  # an escaped space or tab
            elif backslashes % 2:
                body, escaped = body[:-1], True  # an escaped line break
        content = _unquote(body, node.style)
        if content is None:
            return []
        parts.append([content, number + 1, begin + len(segment) - len(lead) + 1, ""])
        breaks = 0
    return [(content, line, col, after) for content, line, col, after in parts]


_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)


def _unquote(body: str, style: str | None) -> str | None:
    """The text that the source ``body`` (one line's part of a scalar) stands for.

    >>> _unquote("甲''乙", "'"), _unquote("甲\\\\u4e59\\\\t\\\\\\\\", '"'), _unquote("\\\\q", '"')
    ("甲'乙", '甲乙\\t\\\\', None)
    """
    if style == "'":
        return body.replace("''", "'")
    if style != '"' or "\\" not in body:
        return body
    try:
        return _ESCAPE.sub(_unescape, body)
    except (KeyError, ValueError):
        return None


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) > 1:
        return chr(int(code[1:], 16))
    return str(Scanner.ESCAPE_REPLACEMENTS[code])


#: A tag or an anchor before a scalar (where its node's mark is).
_PROPERTIES = re.compile(r"(?:[!&][^ \t]*[ \t]+)*")


def _folded_lines(node: ScalarNode, lines: list[str]) -> tuple[str, list[_Piece]]:
    """The leading line breaks and the lines of a folded (``>``) scalar, as YAML reads
    them: a line break between two lines that start at the indentation, with no blank
    line between, becomes a space; others stay (the parser's text goes on with the
    final line breaks that the chomping indicator keeps).

    The indentation is where the first line with text starts, less the spaces the
    parser's text starts with (a ``>2`` indicator can put it left of the first line).

    >>> text = "a: >\\n\\n  甲\\n  乙\\n\\n  丙\\n    丁\\n"
    >>> _folded_lines(_Loader(text).get_single_node().value[0][1], text.splitlines())
    ('\\n', [('甲', 3, 3, ' '), ('乙', 4, 3, '\\n'), ('丙', 6, 3, '\\n'), ('  丁', 7, 3, '')])
    """
    body = lines[node.start_mark.line + 1 : node.end_mark.line + 1]
    if body and body[-1].endswith("\0"):  # the end of a text without a final line break
        body[-1] = body[-1][:-1]
    first = next((line for line in body if line.strip(" ")), "")
    text = node.value.lstrip("\n")
    indent = len(first) - len(first.lstrip(" ")) - (len(text) - len(text.lstrip(" ")))
    margin = " " * indent
    parts: list[list[Any]] = []
    head, breaks = "", 0
    for number, line in enumerate(body, node.start_mark.line + 2):
        if len(line) <= indent and not line.strip(" "):
            breaks += 1
            continue
        if indent < 1 or not line.startswith(margin):
            break
        content = line[indent:]
        if not parts:
            head = "\n" * breaks
        elif parts[-1][0][0] not in " \t" and content[0] not in " \t":
            parts[-1][3] = "\n" * breaks if breaks else " "
        else:
            parts[-1][3] = "\n" * (breaks + 1)
        parts.append([content, number, indent + 1, ""])
        breaks = 0
    return head, [(content, line, col, after) for content, line, col, after in parts]


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
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:  # only a Python string can hold one; a file cannot
        line, col = _text_position(text, surrogate.start())
        raise _error(
            "yaml.lone_surrogate", file=file, line=line, col=col, hint="yaml.lone_surrogate.hint"
        )
    brackets = None
    if text.count("[") + text.count("{") > MAX_DEPTH:  # else no run is long enough
        brackets = _BRACKET_RUN.search(text)
    if brackets is not None:  # PyYAML's scanner is slow on these; answer at once
        line, col = _text_position(text, brackets.start() + MAX_DEPTH)
        raise _too_deep(file, line, col)
    if (
        _LIBYAML_LOADER is not None
        and "\t" not in text
        and _BLOCK_HEADER_COMMENT.search(text) is None
    ):
        read = _load_libyaml(text, file)
        if read is not None:
            return read
    return _load_pure(text, file)


def _load_libyaml(text: str, file: str) -> tuple[Any, Marks] | None:
    """Parse with libyaml; None unless the text is one document that keeps every rule.

    On None the caller reads the text again with the pure-Python parser, whose
    messages and places are the ones users see; libyaml's differ.
    """
    loader = None
    try:
        loader = _LIBYAML_LOADER(text)
        root = _compose_events(loader)
        return None if root is None else _build(loader, root, file, text)
    except Exception:  # any mistake: reported as the pure-Python reader reports it
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _load_pure(text: str, file: str) -> tuple[Any, Marks]:
    """Parse with PyYAML's pure-Python parser; every mistake is reported from here."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # pragma: no cover - the checks above come first
        raise _error(
            "yaml.syntax", file=file, line=1, col=1, hint="yaml.syntax.hint", problem=exc
        ) from None
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
            return _build(loader, root, file, text)
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

    UTF-8 (with or without BOM) first; otherwise GBK or GB18030 (what Chinese
    Windows saves) or Big5 (Taiwan and Hong Kong): when the bytes read in both,
    the reading whose characters are the more common ones wins. Binary content
    and undecodable bytes are errors naming the byte and its line.

    >>> decode_data("标题".encode("gbk"))
    ('标题', 'GBK')
    >>> decode_data("臺灣衛生福利報告".encode("big5"))
    ('臺灣衛生福利報告', 'Big5')
    >>> decode_data("香港".encode("gbk"))
    ('香港', 'GBK')
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
        furthest = exc.start
    readings: list[tuple[str, str]] = []
    for codecs in (
        (("gbk", "GBK"), ("gb18030", "GB18030")),
        (("big5", "Big5"), ("big5hkscs", "Big5-HKSCS")),
    ):
        for codec, label in codecs:
            try:
                readings.append((raw.decode(codec), label))
                break
            except UnicodeDecodeError as exc:
                furthest = max(furthest, exc.start)
    if readings:
        return max(readings, key=lambda reading: _commonness(reading[0]))
    # The decoder that got furthest is probably the one the file was meant for.
    line, col = _byte_position(raw, furthest)
    raise _error(
        "file.bad_encoding",
        file=file,
        line=line,
        col=col,
        hint="file.bad_encoding.hint",
        offset=furthest,
    )


#: Ideographs looked at to tell GBK from Big5 (enough for a verdict, cheap on big files).
_SAMPLE = 4000
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _commonness(text: str) -> float:
    """Share of the ideographs of ``text`` that are common ones, simplified or traditional.

    Common: GB2312 level 1 (the 3,755 most used simplified characters) or Big5
    level 1 (the 5,401 most used traditional ones). Bytes of one encoding read
    in the other give rare characters and symbols, so the right reading scores
    higher.
    """
    seen = common = 0
    for match in _IDEOGRAPH.finditer(text):
        seen += 1
        common += _is_common(match.group())
        if seen >= _SAMPLE:
            break
    return common / seen if seen else 0.0


@cache
def _is_common(char: str) -> bool:
    for codec, low, high in (
        ("gb2312", b"\xb0\xa1", b"\xd7\xf9"),
        ("big5", b"\xa4\x40", b"\xc6\x7e"),
    ):
        try:
            if low <= char.encode(codec) <= high:
                return True
        except UnicodeEncodeError:
            pass
    return False


def load_yaml_file(path: str | Path) -> tuple[Any, Marks]:
    """Read ``path`` (UTF-8 with or without BOM, GBK/GB18030 or Big5) and parse it.

    :attr:`Marks.encoding` tells which encoding was used.
    """
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise _error("file.directory", file=name, hint="file.directory.hint")
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never end
            raise _error("file.not_regular", file=name, hint="file.not_regular.hint")
        size = info.st_size
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
