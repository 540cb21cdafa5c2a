"""Render the prose a user writes in the data file, safely, with exact error places.

Prose is Jinja text in a sandbox (:class:`ProseEnvironment`): it may print
figures (``{{ first_dose }}``), use the number filters
(``{{ first_dose | number("人") }}``) and read a figure's public attributes
(``{{ first_dose.as_of | date("md_h") }}``). Names and attributes are checked
before rendering, so a typo is reported at its line and column with a
did-you-mean.

Only values meant for readers print: texts, numbers and figures. A method
without its brackets (``{{ a.share }}``), a list, a mapping, a date, ``none``
or true/false is a located error, not ``<bound method …>`` in the article.
The work is bounded: no text or list longer than :data:`MAX_TEXT`, no prose
longer than :data:`MAX_OUTPUT`, at most :data:`MAX_STEPS` loop steps and
calls and :data:`MAX_SECONDS` seconds for all the prose of one document.

>>> from bulletin.load.model import Figure
>>> from bulletin.resolve.facts import Fact
>>> facts = {"first_dose": Fact("first_dose", Figure(value=82460, unit="人"))}
>>> env = make_prose_environment()
>>> render_prose(env, "累计完成第一剂接种{{ first_dose }}。", facts)
'累计完成第一剂接种82460人。'
>>> render_prose(env, "{{ 'x' * 10**8 }}", facts)
Traceback (most recent call last):
...
bulletin.errors.TemplateError: 正文里的 {{ }} 算出的文字或列表太长（超过 100000 个字符或项）。...
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from ..errors import BulletinError, DataPath, TemplateError, did_you_mean
from ..messages import N_
from ..messages import text as _t
from ..numbers.filters import register_filters
from .facts import FACT_ATTRIBUTES, Fact
from .style import Style

__all__ = [
    "MAX_OUTPUT",
    "MAX_SECONDS",
    "MAX_STEPS",
    "MAX_TEXT",
    "ProseEnvironment",
    "make_prose_environment",
    "referenced_names",
    "render_prose",
]

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

#: Jinja's own filters prose may use: none of them makes a text longer than its input,
#: prints internals (pprint, tojson) or differs from run to run (random).
_TEXT_FILTERS = (
    "abs",
    "capitalize",
    "d",
    "default",
    "first",
    "int",
    "last",
    "length",
    "count",
    "lower",
    "round",
    "string",
    "title",
    "trim",
    "upper",
)

#: Longest text or list (characters or items) an expression in prose may build.
MAX_TEXT = 100_000

#: Longest text one piece of prose may render to (characters).
MAX_OUTPUT = 200_000

#: Most loop steps, calls and printed pieces of all the prose of one document.
MAX_STEPS = 100_000

#: Most seconds all the prose of one document may take to render.
MAX_SECONDS = 5.0

#: Largest integer power (in bits) an expression may compute.
_MAX_POWER_BITS = 4096

#: Methods of texts, lists and mappings prose may call (others build long texts:
#: center, ljust, zfill, format, join, replace …).
_SAFE_METHODS = frozenset(
    {
        "capitalize",
        "count",
        "endswith",
        "find",
        "get",
        "index",
        "items",
        "keys",
        "lower",
        "lstrip",
        "rstrip",
        "split",
        "startswith",
        "strip",
        "title",
        "upper",
        "values",
    }
)

_STEP_FILTER = "_bulletin_step"


def _too_long() -> TemplateError:
    return TemplateError(
        _t("prose.too_long", limit=MAX_TEXT),
        hint=_t("prose.too_long.hint"),
        code="prose.too_long",
    )


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, dict)) else 0


class ProseEnvironment(SandboxedEnvironment):
    """The sandbox prose renders in: Jinja's, with its work bounded.

    Repetition (``*``), concatenation (``+``) and powers (``**``) are checked
    before they run; loops and calls count against :data:`MAX_STEPS`; ``range``
    gives at most :data:`MAX_TEXT` numbers; string formatting with ``%`` and
    the methods that build long texts are refused.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.steps = 0
        self.seconds = 0.0
        self._started: float | None = None
        #: What compiled prose depends on (set by :func:`make_prose_environment`).
        self.signature: tuple[object, ...] | None = None

    # -- the budget ----------------------------------------------------------------------
    def step(self) -> None:
        """Count one unit of work; refuse when the document's budget is spent."""
        self.steps += 1
        if self.steps > MAX_STEPS or (self.steps % 512 == 0 and self._elapsed() > MAX_SECONDS):
            raise TemplateError(
                _t("prose.too_much_work"),
                hint=_t("prose.too_much_work.hint"),
                code="prose.too_much_work",
            )

    def _elapsed(self) -> float:
        running = time.monotonic() - self._started if self._started is not None else 0.0
        return self.seconds + running

    def start(self) -> None:
        self._started = time.monotonic()

    def stop(self) -> None:
        if self._started is not None:
            self.seconds += time.monotonic() - self._started
            self._started = None

    # -- the sandbox hooks ---------------------------------------------------------------
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                if sized and len(seq) * max(times, 0) > MAX_TEXT:
                    raise _too_long()
        elif operator == "+":
            if _size(left) + _size(right) > MAX_TEXT:
                raise _too_long()
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            raise TemplateError(
                _t("prose.format"), hint=_t("prose.use_names.hint"), code="prose.format"
            )
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.step()
        owner = getattr(inspect.unwrap(__obj), "__self__", None)  # str.format is wrapped
        if isinstance(owner, (str, list, tuple, dict)) and (
            getattr(__obj, "__name__", "") not in _SAFE_METHODS
        ):
            raise TemplateError(
                _t("prose.call", name=__obj.__name__),
                hint=_t("prose.call.hint"),
                code="prose.call",
            )
        if any(_size(a) > MAX_TEXT for a in (*args, *kwargs.values())):
            raise _too_long()
        result = super().call(__context, __obj, *args, **kwargs)
        if _size(result) > MAX_TEXT:
            raise _too_long()
        return result

    def steps_of(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Each step of a ``{% for %}`` loop counts against the budget."""
        for item in iterable:
            self.step()
            yield item


def _check_power(left: Any, right: Any) -> None:
    if isinstance(left, bool) or isinstance(right, bool):
        return
    whole = isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1
    if whole and right * math.log2(abs(left)) > _MAX_POWER_BITS:
        raise TemplateError(
            _t("prose.too_large"),
            hint=_t("prose.too_large.hint"),
            code="prose.too_large",
        )


def _bounded_range(*args: Any) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_TEXT:
        raise _too_long()
    return numbers


def _bounded(flt: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja filter whose result may not be longer than :data:`MAX_TEXT`."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        result = flt(*args, **kwargs)
        if _size(result) > MAX_TEXT:
            raise _too_long()
        return result

    for name in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(flt, name):
            setattr(bounded, name, getattr(flt, name))
    return bounded


def _printable(value: Any) -> Any:
    """What ``{{ }}`` may print: texts, numbers and figures, nothing of the machinery."""
    if isinstance(value, (str, Fact, Decimal)) or (
        isinstance(value, (int, float)) and not isinstance(value, bool)
    ):
        return value
    if value is None:
        what, hint = _t("prose.what.none"), _t("prose.what.none.hint")
    elif isinstance(value, bool):
        what, hint = _t("prose.what.bool"), _t("prose.what.bool.hint")
    elif isinstance(value, (dt.date, dt.datetime)):
        what, hint = _t("prose.what.date"), _t("prose.what.date.hint")
    elif callable(value):
        name = getattr(value, "__name__", "")
        what = _t("prose.what.method", name=name) if name else _t("prose.what.method_unnamed")
        hint = _t("prose.what.method.hint")
    else:
        what, hint = _t("prose.what.collection"), _t("prose.what.collection.hint")
    raise TemplateError(_t("prose.not_printable", what=what), hint=hint, code="prose.not_printable")


def make_prose_environment(style: Style | None = None) -> ProseEnvironment:
    """A sandboxed, bounded Jinja environment with the number filters, for user prose.

    One environment renders the prose of one document: the step and time
    budgets are shared by all its texts.
    """
    style = style or Style()
    env = ProseEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        finalize=_printable,
    )
    builtin = env.filters
    env.filters = {name: _bounded(builtin[name]) for name in _TEXT_FILTERS}
    register_filters(env, script=style.script, grouping=style.grouping)
    env.filters[_STEP_FILTER] = env.steps_of
    env.globals = {"range": _bounded_range}
    env.signature = _signature(env, style)
    return env


def _signature(env: ProseEnvironment, style: Style) -> tuple[object, ...]:
    """What the code Jinja compiles depends on: the filters' names, how each is called,
    and what they give (Jinja folds a filter of constants into the code, in the script
    and grouping of the environment that compiled it)."""
    filters = sorted(
        (name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in env.filters.items()
    )
    return (style.script, style.grouping, tuple(filters))


def render_prose(
    env: SandboxedEnvironment,
    text: str,
    facts: Mapping[str, Any],
    *,
    path: DataPath = (),
) -> str:
    """Render one prose string found at ``path`` in the data; errors carry the path and
    the offset in the text (see :meth:`bulletin.errors.BulletinError.at`)."""
    if "{" not in text:
        return text

    def fail(message: str, offset: int, hint: str | None = None) -> TemplateError:
        return TemplateError(message, hint=hint).at(path, offset=offset, text=text)

    compiled = _COMPILED.get(env, text)
    if compiled is None:
        try:
            tree = env.parse(text, name=_TEMPLATE_NAME)
        except jinja2.TemplateSyntaxError as exc:
            offset = _line_offset(text, exc.lineno)
            raise fail(
                _t("prose.syntax", detail=_syntax_words(exc.message or "")),
                offset,
                _t("prose.syntax.hint"),
            ) from None
        _check_names(tree, text, facts, env, fail)
        _count_loop_steps(tree)
        try:
            code = env.compile(tree)
        except jinja2.TemplateError as exc:
            raise fail(_t("prose.failed", reason=exc.message), 0) from None
        compiled = _COMPILED.put(env, text, tree, code)
    else:
        _check_names(compiled[0], text, facts, env, fail)
    template = env.template_class.from_code(env, compiled[1], env.make_globals(None))
    if isinstance(env, ProseEnvironment):
        env.start()
    try:
        return _generate(env, template, facts)
    except BulletinError as exc:
        raise exc.at(path, offset=_offset_of_error(exc, text), text=text) from None
    except jinja2.TemplateError as exc:
        raise fail(_t("prose.failed", reason=exc.message), _offset_of_error(exc, text)) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise fail(_t("prose.failed", reason=exc), _offset_of_error(exc, text)) from None
    except (RecursionError, MemoryError) as exc:
        raise fail(
            _t("prose.recursion"),
            _offset_of_error(exc, text),
            _t("prose.recursion.hint"),
        ) from None
    except Exception as exc:  # e.g. a figure method given the wrong kind of argument
        raise fail(
            _t("prose.cannot_compute"),
            _offset_of_error(exc, text),
            _t("prose.cannot_compute.hint"),
        ) from None
    finally:
        if isinstance(env, ProseEnvironment):
            env.stop()


class _CompiledProse:
    """Prose compiled once per process: the parsed tree (its names are checked against
    each document's figures) and the code object, by text.

    Every :class:`ProseEnvironment` made by :func:`make_prose_environment` compiles a
    text to the same code (the code looks filters up in the environment it runs in),
    so a text shared by the documents of a run, or rendered again, is parsed and
    compiled once. Other environments are not cached. At most :data:`SIZE` texts
    are kept, the least recently used dropped first.

    >>> cache = _CompiledProse()
    >>> env = make_prose_environment()
    >>> cache.get(env, "{{ a }}") is None
    True
    >>> entry = cache.put(env, "{{ a }}", env.parse("{{ a }}"), env.compile("{{ a }}"))
    >>> cache.get(make_prose_environment(), "{{ a }}") is entry
    True
    """

    SIZE = 256

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[object, str], tuple[nodes.Template, Any]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(env: SandboxedEnvironment, text: str) -> tuple[object, str] | None:
        signature = getattr(env, "signature", None)
        return None if signature is None else (signature, text)

    def get(self, env: SandboxedEnvironment, text: str) -> tuple[nodes.Template, Any] | None:
        key = self._key(env, text)
        if key is None:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(
        self, env: SandboxedEnvironment, text: str, tree: nodes.Template, code: Any
    ) -> tuple[nodes.Template, Any]:
        entry = (tree, code)
        key = self._key(env, text)
        if key is not None:
            with self._lock:
                self._entries[key] = entry
                while len(self._entries) > self.SIZE:
                    self._entries.popitem(last=False)
        return entry


_COMPILED = _CompiledProse()


def _generate(
    env: SandboxedEnvironment, template: jinja2.Template, facts: Mapping[str, Any]
) -> str:
    """Render piece by piece, each counted, refusing prose longer than :data:`MAX_OUTPUT`."""
    pieces: list[str] = []
    size = 0
    for piece in template.generate(dict(facts)):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateError(
                _t("prose.output_too_long", limit=MAX_OUTPUT),
                hint=_t("prose.output_too_long.hint"),
                code="prose.too_long",
            )
        if isinstance(env, ProseEnvironment):
            env.step()
        pieces.append(piece)
    return "".join(pieces)


def _count_loop_steps(tree: nodes.Template) -> None:
    """Make every ``{% for %}`` loop count its steps (see :meth:`ProseEnvironment.steps_of`)."""
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, _STEP_FILTER, [], [], None, None, lineno=loop.lineno)


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
                _t("prose.unknown_name", name=name.name),
                _find(text, name.name, name.lineno),
                did_you_mean(name.name, facts) or _known_names(facts),
            )
    for flt in tree.find_all(nodes.Filter):
        if flt.name not in env.filters:
            raise fail(
                _t("prose.unknown_filter", name=flt.name),
                _find(text, flt.name, flt.lineno),
                did_you_mean(flt.name, _PUBLIC_FILTERS)
                or _t("hint.available", names=_t("list.separator").join(_PUBLIC_FILTERS)),
            )
    for getattr_node in tree.find_all(nodes.Getattr):
        target = getattr_node.node
        if (
            isinstance(target, nodes.Name)
            and target.name in facts
            and getattr_node.attr not in FACT_ATTRIBUTES
        ):
            raise fail(
                _t("prose.unknown_attribute", name=target.name, attr=getattr_node.attr),
                _find(text, f".{getattr_node.attr}", getattr_node.lineno) + 1,
                did_you_mean(getattr_node.attr, sorted(FACT_ATTRIBUTES))
                or _t("hint.available", names=_t("list.separator").join(sorted(FACT_ATTRIBUTES))),
            )


def _known_names(facts: Mapping[str, Any]) -> str:
    if not facts:
        return _t("prose.define_first.hint")
    names = sorted(facts)
    shown = _t("list.separator").join(names[:8])
    if len(names) > 8:
        shown = _t("list.and_more", names=shown)
    return _t("prose.defined_names.hint", names=shown)


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
    "unexpected end of template": N_("prose.syntax.unexpected_end"),
    "unexpected '}'": N_("prose.syntax.extra_brace"),
    "expected token 'end of print statement'": N_("prose.syntax.extra_content"),
}


def _syntax_words(message: str) -> str:
    for english, msg_id in _SYNTAX_WORDS.items():
        if message.startswith(english):
            rest = message[len(english) :].strip(" .")
            return f"{_t(msg_id)} {rest}".strip()
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
