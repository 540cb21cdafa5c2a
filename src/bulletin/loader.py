"""Read a data file as YAML, safely, keeping the line and column of every node.

The result is plain Python data (dicts, lists, str, int, Decimal, date,
datetime) plus a :class:`Marks` table that maps a path such as
``("figures", "first_dose", "value")`` to where it stands in the file.
Floats are read as :class:`~decimal.Decimal` from their text, so ``128.565``
stays exactly ``128.565``.

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

from .errors import YamlError

__all__ = ["Marks", "ScalarInfo", "load_yaml_file", "load_yaml_text"]

Path_ = tuple[str | int, ...]

#: Largest number of nodes a document may expand to (aliases included).
MAX_NODES = 200_000

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
    """SafeLoader that only composes; construction is done by :func:`_build`."""


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


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
    marks = Marks(file)
    count = 0

    def walk(node: Node, path: Path_) -> Any:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            line, col = _mark(node)
            raise YamlError(
                f"文件展开后超过 {MAX_NODES} 个节点（锚点与别名嵌套过深）",
                file=file,
                line=line,
                col=col,
                hint="请不要用别名层层引用，直接写出数据",
            )
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
            raise YamlError(
                f"不支持的 YAML 标签 “{node.tag.replace('tag:yaml.org,2002:', '!!')}”",
                file=file,
                line=line,
                col=col,
                hint="数据文件只能写普通的文字、数字、列表和键值对",
            )
        if isinstance(node, SequenceNode):
            return [walk(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                if isinstance(key, (list, dict)):
                    line, col = _mark(key_node)
                    raise YamlError("键必须是简单的文字", file=file, line=line, col=col)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    line, col = _mark(key_node)
                    first = marks.keys[(*path, key)]
                    raise YamlError(
                        f"键 “{key}” 重复出现（第一次在第 {first[0]} 行）",
                        file=file,
                        line=line,
                        col=col,
                        hint="同一层级的键只能写一次，请删除或合并其中一个",
                    )
                marks.keys[(*path, key)] = _mark(key_node)
                result[key] = walk(value_node, (*path, key))
            return result
        raise YamlError("无法识别的 YAML 节点", file=file, line=_mark(node)[0])  # pragma: no cover

    return walk(root, ()), marks


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
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(exc, file) from None
        except yaml.YAMLError as exc:
            raise YamlError(f"YAML 语法错误：{exc}", file=file, line=1, col=1) from None
        if root is None:
            raise YamlError(
                "文件是空的",
                file=file,
                line=1,
                col=1,
                hint="至少要写 meta: 下的 title，见 examples/ 中的示例",
            )
        try:
            return _build(loader, root, file)
        except yaml.constructor.ConstructorError as exc:
            raise _syntax_error(exc, file) from None
    finally:
        loader.dispose()


def load_yaml_file(path: str | Path) -> tuple[Any, Marks]:
    """Read ``path`` (UTF-8, with or without BOM) and parse it."""
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise YamlError(
            "给出的是一个文件夹，不是数据文件", file=name, hint="请给出 .yaml 文件的路径"
        )
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise YamlError("找不到这个文件", file=name, hint="请检查路径和文件名") from None
    except OSError as exc:
        raise YamlError(f"无法读取文件：{exc.strerror}", file=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            f"第 {exc.start} 字节不是有效的 UTF-8 编码",
            file=name,
            line=line,
            col=col,
            hint="请用 UTF-8 编码保存文件（记事本“另存为”时选择 UTF-8）",
        ) from None
    return load_yaml_text(text, name)


_PROBLEMS = {
    "found character '\\t' that cannot start any token": (
        "这里用了制表符（Tab）缩进",
        "YAML 只能用空格缩进，请把 Tab 换成空格",
    ),
    "mapping values are not allowed here": (
        "这里不能出现冒号加值",
        "如果值里有冒号“: ”，请给整个值加上引号；否则检查缩进",
    ),
    "could not find expected ':'": ("缺少冒号", "每个键后面要写“: ”（冒号加空格）"),
    "found undefined alias": ("引用了未定义的锚点", "先用 &名字 定义锚点，再用 *名字 引用"),
    "found unhashable key": ("键必须是简单的文字", None),
    "expected ',' or ']'": ("方括号 [ 没有闭合", "请在列表末尾补上 ]"),
    "expected ',' or '}'": ("花括号 { 没有闭合", "请在末尾补上 }"),
    "found unexpected end of stream": ("引号没有闭合", "请在文字末尾补上对应的引号"),
    "found unknown escape character": (
        "双引号里有无效的反斜杠转义",
        "改用单引号，或把 \\ 写成 \\\\",
    ),
}


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    for key, (message, hint) in _PROBLEMS.items():
        if problem.startswith(key):
            if key.startswith(("expected", "found unexpected end")) and exc.context_mark:
                line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
            return YamlError(message, file=file, line=line, col=col, hint=hint)
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        return YamlError(
            f"不支持的 YAML 标签 “{tag}”",
            file=file,
            line=line,
            col=col,
            hint="数据文件只能写普通的文字、数字、列表和键值对",
        )
    return YamlError(
        f"YAML 语法错误：{problem or exc.context}",
        file=file,
        line=line,
        col=col,
        hint="请检查这一行的缩进、冒号和引号",
    )
