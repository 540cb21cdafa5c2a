"""Load a data file into a validated :class:`~bulletin.model.Document`.

Validation errors from the model are turned into :class:`~bulletin.errors.DataError`
with the file, line and column of the offending node and a Chinese hint.

>>> doc = loads("meta:\\n  title: 办实事解难题 服务人民健康\\n")
>>> doc.meta.title
'办实事解难题 服务人民健康'
>>> loads("meta:\\n  titel: 标题\\n", file="a.yaml")
Traceback (most recent call last):
...
bulletin.errors.DataError: a.yaml:2:3: 不认识的键 “titel”。是不是 “title”？
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pydantic

from .errors import BulletinError, DataError, did_you_mean
from .loader import Marks, load_yaml_file, load_yaml_text
from .model import Document

__all__ = ["LoadedDocument", "load", "loads"]

_TYPE_WORDS = {
    "string_type": "应为一段文字",
    "dict_type": "应为“键: 值”的映射",
    "model_type": "应为“键: 值”的映射",
    "model_attributes_type": "应为“键: 值”的映射",
    "list_type": "应为列表（每项以“- ”开头）",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}

_FIELD_HINTS = {
    "meta": "请在文件开头写 meta:，下面写 title: 文章标题",
    "title": "请在 meta: 下写 title: 文章标题",
    "text": "请写 text: 引语内容",
    "decimals": "decimals 是小数位数，写 0 到 6 的整数",
    "significant": "significant 是有效数字位数，写 1 到 15 的整数",
}


class LoadedDocument(Document):
    """A validated document that remembers the file it came from.

    ``marks`` maps paths of the data to file positions, so later stages
    (prose rendering, chart lookup) can report errors at the right place.
    """

    _marks: Marks | None = pydantic.PrivateAttr(default=None)

    @property
    def marks(self) -> Marks:
        """Positions of the document's nodes (empty for documents built from dicts)."""
        return self._marks or Marks(file="<dict>")

    @property
    def file(self) -> str:
        """The file name used in error messages."""
        return self.marks.file


def load(source: str | Path | Mapping[str, Any]) -> LoadedDocument:
    """Load and validate a data file (a path), or a dict already in memory.

    Raises :class:`~bulletin.errors.BulletinError` (with file, line, column)
    for anything wrong in the file.
    """
    if isinstance(source, Mapping):
        return _validate(dict(source), Marks(file="<dict>"))
    data, marks = load_yaml_file(source)
    return _validate(data, marks)


def loads(text: str, *, file: str = "<string>") -> LoadedDocument:
    """Load and validate YAML text; ``file`` names it in error messages."""
    data, marks = load_yaml_text(text, file)
    return _validate(data, marks)


def _validate(data: Any, marks: Marks) -> LoadedDocument:
    if not isinstance(data, dict):
        line, col = marks.value(())
        raise DataError(
            "数据文件的顶层应为“键: 值”的映射",
            file=marks.file,
            line=line,
            col=col,
            hint="文件应以 meta: 开头，见 examples/ 中的示例",
        )
    try:
        doc = LoadedDocument.model_validate(data)
    except pydantic.ValidationError as exc:
        errors = _merge_misspelt(exc.errors(), marks)
        errors.sort(key=lambda e: (e.line or 0, e.col or 0))
        first = errors[0]
        first.others = errors[1:]  # type: ignore[attr-defined]
        raise first from None
    doc._marks = marks
    return doc


def _merge_misspelt(raw: list[Any], marks: Marks) -> list[BulletinError]:
    """Turn pydantic errors into ours; a misspelt key hides the 'missing' it causes."""
    errors = [(_data_path(tuple(e["loc"]), marks), e["type"], e) for e in raw]
    unknown = {(path[:-1], str(path[-1])) for path, kind, _ in errors if kind == "extra_forbidden"}
    result = []
    for path, kind, err in errors:
        if kind == "missing" and any(
            parent == path[:-1] and did_you_mean(word, [str(path[-1])]) for parent, word in unknown
        ):
            continue
        result.append(_to_error(err, marks))
    return result


def _data_path(loc: tuple[Any, ...], marks: Marks) -> tuple[str | int, ...]:
    """Keep the parts of a pydantic location that name data (drop union tags)."""
    path: tuple[str | int, ...] = ()
    for part in loc:
        candidate = (*path, part)
        if candidate in marks.values or candidate in marks.keys:
            path = candidate
        elif isinstance(part, str) and part.isidentifier() and part not in _UNION_TAGS:
            path = candidate  # a missing key: keep it for the message
        # else: a union member tag such as 'ChartRef' or 'literal[False]'
    return path


_UNION_TAGS = {"str", "int", "bool", "ChartRef", "Quote", "list", "dict", "none"}


def _to_error(err: dict[str, Any], marks: Marks) -> BulletinError:
    kind = err["type"]
    path = _data_path(tuple(err["loc"]), marks)
    name = str(path[-1]) if path else ""
    given = err.get("input")

    if kind == "missing":
        parent = path[:-1]
        line, col = marks.key(parent) if parent else (1, 1)
        where = "、".join(str(p) for p in parent if isinstance(p, str)) or "文件"
        return DataError(
            f"{where} 缺少必填的 “{name}”",
            file=marks.file,
            line=line,
            col=col,
            hint=_FIELD_HINTS.get(name),
        )
    if kind == "extra_forbidden":
        line, col = marks.key(path)
        allowed = _allowed_keys(path[:-1])
        hint = did_you_mean(name, allowed) or (
            "可用的键：" + "、".join(allowed) if allowed else None
        )
        return DataError(f"不认识的键 “{name}”", file=marks.file, line=line, col=col, hint=hint)

    line, col = marks.value(path)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        choices = [c for c in choices if c != "False"]
        hint = did_you_mean(str(given), choices) or "可选：" + "、".join(choices)
        return DataError(
            f"{name} 的值 “{_show(given)}” 无效", file=marks.file, line=line, col=col, hint=hint
        )
    if kind == "value_error":
        cause = err.get("ctx", {}).get("error")
        if isinstance(cause, BulletinError):
            return DataError(cause.message, file=marks.file, line=line, col=col, hint=cause.hint)
        message = str(cause) if cause is not None else err["msg"]
        if message.startswith("应为"):
            message = f"{name} {message}"
        return DataError(message, file=marks.file, line=line, col=col)
    word = _TYPE_WORDS.get(kind)
    if word:
        return DataError(
            f"{name} {word}，这里写的是 “{_show(given)}”",
            file=marks.file,
            line=line,
            col=col,
            hint=_FIELD_HINTS.get(name),
        )
    return DataError(
        f"{name}：{err['msg']}", file=marks.file, line=line, col=col
    )  # pragma: no cover


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, (Decimal, dt.date)):
        return str(value)
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _allowed_keys(parent: tuple[str | int, ...]) -> list[str]:
    """Field names of the model found at ``parent`` (best effort, for hints)."""
    from . import model

    cls: Any = Document
    steps = list(parent)
    while steps and cls is not None:
        step = steps.pop(0)
        if isinstance(step, int):
            continue
        if cls is Document and step == "figures":
            cls = model.Figure
            if steps:
                steps.pop(0)
            continue
        field = cls.model_fields.get(step)
        if field is None:
            return []
        cls = _model_in(field.annotation)
    return list(cls.model_fields) if cls is not None else []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None
