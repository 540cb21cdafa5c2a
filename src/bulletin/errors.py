"""One exception family for every mistake a user can make.

Every error carries where it happened (file, line, column; 1-based) and a hint
that says what to write instead. ``str(error)`` is the one line the command
line prints:

>>> err = BulletinError("未知的数据名 “frist_dose”", file="a.yaml", line=12, col=5,
...                     hint="是不是 “first_dose”？")
>>> str(err)
'a.yaml:12:5: 未知的数据名 “frist_dose”。是不是 “first_dose”？'
>>> str(NumberError("数值无效：'abc'", hint="应写数字，如 82460、128.57万 或 95.2%"))
"数值无效：'abc'。应写数字，如 82460、128.57万 或 95.2%"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Self

from .messages import get_language
from .messages import text as _t

__all__ = [
    "BulletinError",
    "DataError",
    "DataPath",
    "NumberError",
    "TemplateError",
    "UsageError",
    "YamlError",
    "did_you_mean",
    "expect",
]


#: Where a value stands in the data, key by key and index by index:
#: ``("sections", 0, "indicators", 2, "value")``.
DataPath = tuple[str | int, ...]


class BulletinError(Exception):
    """Base of all user-facing errors: message, location and hint."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
        hint: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col
        self.hint = hint
        #: The catalogue id of the message (see :mod:`bulletin.messages`), when known.
        self.code = code
        #: Further problems found together with this one (``bulletin validate`` lists them).
        self.others: list[BulletinError] = []
        #: Where in the data the problem is (``("figures", "beds", "value")``), and for
        #: an error inside a text, the character offset in that text; the data file's
        #: source map turns these into file:line:col (:meth:`Marks.locate`).
        self.path: DataPath | None = None
        self.offset: int | None = None
        self.text: str | None = None
        self._lang = get_language()  # the hint is joined in the message's language

    @property
    def location(self) -> str:
        """``file:line:col`` with whatever parts are known ('' when none)."""
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file)
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def with_location(
        self, *, file: str | None = None, line: int | None = None, col: int | None = None
    ) -> BulletinError:
        """Fill in location parts that are still unknown, and return self."""
        if self.file is None:
            self.file = file
        if self.line is None:
            self.line, self.col = line, col
        return self

    def at(self, path: DataPath, *, offset: int | None = None, text: str | None = None) -> Self:
        """Say where in the data the problem is (kept if already known); return self.

        >>> BulletinError("未知的数据名").at(("lead",), offset=3, text="共{{ x }}").path
        ('lead',)
        """
        if self.path is None:
            self.path, self.offset, self.text = tuple(path), offset, text
        return self

    def __str__(self) -> str:
        line = self.message
        if self.hint:
            if getattr(self, "_lang", "zh") == "en":
                line = f"{line.rstrip('.')}. {self.hint}"
            else:
                line = f"{line.rstrip('。')}。{self.hint}"
        loc = self.location
        return f"{loc}: {line}" if loc else line

    def all(self) -> list[BulletinError]:
        """This problem and the others found with it, in file order."""
        return [self, *self.others]


class YamlError(BulletinError):
    """The file is not readable YAML (syntax, duplicate keys, unsafe tags)."""


class DataError(BulletinError):
    """The YAML is readable but does not fit the data-file schema."""


class TemplateError(BulletinError):
    """Prose or a template refers to something that does not exist or fails."""


class UsageError(BulletinError, TypeError):
    """A Python API call given an argument of the wrong type (``loads(None)``).

    >>> str(UsageError("loads() 的 text 应为文字（str），这里是 NoneType"))
    'loads() 的 text 应为文字（str），这里是 NoneType'
    """


class NumberError(BulletinError, ValueError):
    """A value that cannot be read or written as a number in the requested way."""


def expect(value: object, kind: type | tuple[type, ...], where: str, form: str) -> None:
    """Raise :class:`UsageError` unless ``value`` is a ``kind``; ``where`` is
    ``"function() 的 name"``-style (``function.name``), ``form`` a message id.

    >>> expect(None, str, "loads.text", "api.form.text")
    Traceback (most recent call last):
    ...
    bulletin.errors.UsageError: loads() 的 text 应为文字（str），这里是 NoneType
    """
    if not isinstance(value, kind):
        function, name = where.split(".", 1)
        raise UsageError(
            _t("api.wrong_type", function=function, name=name, form=_t(form),
                 given=type(value).__name__),
            code="api.wrong_type",
        )  # fmt: skip


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """Return a hint naming the closest choice, or None.

    >>> did_you_mean("frist_dose", ["first_dose", "funds"])
    '是不是 “first_dose”？'
    >>> did_you_mean("zzz", ["first_dose"]) is None
    True
    """
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _t("hint.did_you_mean", word=matches[0]) if matches else None
