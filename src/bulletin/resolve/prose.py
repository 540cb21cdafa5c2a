"""Render the prose a user writes in the data file, safely, with exact error places.

Prose is Jinja text in a :class:`~jinja2.sandbox.SandboxedEnvironment`: it may
print figures (``{{ first_dose }}``), use the number filters
(``{{ first_dose | number("人") }}``) and read a figure's public attributes
(``{{ first_dose.as_of | date("md_h") }}``). Names and attributes are checked
before rendering, so a typo is reported at its line and column with a
did-you-mean.

>>> from bulletin.load.model import Figure
>>> from bulletin.resolve.facts import Fact
>>> facts = {"first_dose": Fact("first_dose", Figure(value=82460, unit="人"))}
>>> env = make_prose_environment()
>>> render_prose(env, "累计完成第一剂接种{{ first_dose }}。", facts)
'累计完成第一剂接种82460人。'
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from ..errors import BulletinError, TemplateError, did_you_mean
from ..numbers.filters import register_filters
from .facts import FACT_ATTRIBUTES
from .style import Style

__all__ = ["make_prose_environment", "referenced_names", "render_prose"]

_TEMPLATE_NAME = "<prose>"
_PUBLIC_FILTERS = (
    "number",
    "percent",
    "rate",
    "points",
    "change",
    "range",
    "date",
    "numeral",
    "join_items",
)


def make_prose_environment(style: Style | None = None) -> SandboxedEnvironment:
    """A sandboxed Jinja environment with the number filters, for user prose."""
    style = style or Style()
    env = SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    register_filters(env, script=style.script, grouping=style.grouping)
    return env


def render_prose(
    env: SandboxedEnvironment,
    text: str,
    facts: Mapping[str, Any],
    *,
    path: tuple[str | int, ...] = (),
) -> str:
    """Render one prose string found at ``path`` in the data; errors carry the path and
    the offset in the text (see :meth:`bulletin.errors.BulletinError.at`)."""
    if "{" not in text:
        return text

    def fail(message: str, offset: int, hint: str | None = None) -> TemplateError:
        return TemplateError(message, hint=hint).at(path, offset=offset, text=text)

    try:
        tree = env.parse(text, name=_TEMPLATE_NAME)
    except jinja2.TemplateSyntaxError as exc:
        offset = _line_offset(text, exc.lineno)
        raise fail(
            f"正文里的 {{{{ }}}} 写法有误：{_syntax_words(exc.message or '')}",
            offset,
            "引用数据请写 {{ 数据名 }}，不要漏掉括号",
        ) from None

    _check_names(tree, text, facts, env, fail)

    try:
        return env.from_string(tree).render(dict(facts))
    except BulletinError as exc:
        raise exc.at(path, offset=_offset_of_error(exc, text), text=text) from None
    except jinja2.TemplateError as exc:
        raise fail(f"正文无法生成：{exc.message}", _offset_of_error(exc, text)) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise fail(f"正文无法生成：{exc}", _offset_of_error(exc, text)) from None


def _check_names(
    tree: nodes.Template,
    text: str,
    facts: Mapping[str, Any],
    env: SandboxedEnvironment,
    fail: Callable[..., TemplateError],
) -> None:
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    known = set(facts) | assigned
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in known and name.name not in env.globals:
            raise fail(
                f"未知的数据名 “{name.name}”",
                _find(text, name.name, name.lineno),
                did_you_mean(name.name, facts) or _known_names(facts),
            )
    for flt in tree.find_all(nodes.Filter):
        if flt.name not in env.filters:
            raise fail(
                f"没有名为 “{flt.name}” 的过滤器",
                _find(text, flt.name, flt.lineno),
                did_you_mean(flt.name, _PUBLIC_FILTERS) or "可用：" + "、".join(_PUBLIC_FILTERS),
            )
    for getattr_node in tree.find_all(nodes.Getattr):
        target = getattr_node.node
        if (
            isinstance(target, nodes.Name)
            and target.name in facts
            and getattr_node.attr not in FACT_ATTRIBUTES
        ):
            raise fail(
                f"数据 “{target.name}” 没有 “{getattr_node.attr}” 这一项",
                _find(text, f".{getattr_node.attr}", getattr_node.lineno) + 1,
                did_you_mean(getattr_node.attr, sorted(FACT_ATTRIBUTES))
                or "可用：" + "、".join(sorted(FACT_ATTRIBUTES)),
            )


def _known_names(facts: Mapping[str, Any]) -> str:
    if not facts:
        return "请先在 figures: 下定义这个数据"
    names = sorted(facts)
    shown = "、".join(names[:8]) + ("等" if len(names) > 8 else "")
    return f"已定义的数据有：{shown}"


def _line_offset(text: str, lineno: int | None) -> int:
    """Offset of the first character of template line ``lineno`` (1-based)."""
    if not lineno or lineno <= 1:
        return 0
    offset = 0
    for _ in range(lineno - 1):
        nxt = text.find("\n", offset)
        if nxt < 0:
            break
        offset = nxt + 1
    return offset


_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _find(text: str, word: str, lineno: int | None) -> int:
    """Offset of ``word`` inside a ``{{ }}``/``{% %}`` block on template line ``lineno``."""
    start = _line_offset(text, lineno)
    pattern = re.compile(
        r"(?<![\w.])" + re.escape(word) + r"(?!\w)"
        if word[0] != "."
        else re.escape(word) + r"(?!\w)"
    )
    for block in _EXPRESSION.finditer(text, start):
        found = pattern.search(block.group(0))
        if found:
            return block.start() + found.start()
    return start


def _offset_of_error(exc: BaseException, text: str) -> int:
    lineno = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == _TEMPLATE_NAME:
            lineno = frame.lineno
    start = _line_offset(text, lineno)
    block = _EXPRESSION.search(text, start)
    return block.start() if block else start


_SYNTAX_WORDS = {
    "unexpected end of template": "模板在结束前缺少闭合",
    "unexpected '}'": "多了一个 }",
    "expected token 'end of print statement'": "{{ }} 里多写了内容",
}


def _syntax_words(message: str) -> str:
    for english, chinese in _SYNTAX_WORDS.items():
        if message.startswith(english):
            rest = message[len(english) :].strip(" .")
            return f"{chinese} {rest}".strip()
    return message


def referenced_names(env: SandboxedEnvironment, text: str | None) -> list[str]:
    """Names a prose string reads, in order of first use (no errors: unparsable → none).

    >>> referenced_names(make_prose_environment(), "共{{ a }}，其中{{ b | number }}{{ a }}")
    ['a', 'b']
    """
    if not text or "{" not in text:
        return []
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError:
        return []
    seen: list[str] = []
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in seen:
            seen.append(node.name)
    return seen
