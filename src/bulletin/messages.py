"""The message catalogue: every text the program shows a user, in Chinese and English.

Each message has an id (``file.not_found``) and a text in each language, with
``str.format`` fields in braces (a brace itself is written ``{{`` or ``}}``).
The texts live in gettext catalogs managed with Babel,
``locale/zh/LC_MESSAGES/bulletin.po`` and
``locale/en/LC_MESSAGES/bulletin.po``; the message ids are the msgids (see
docs/messages.md for extracting, updating and checking them). Chinese is the
default everywhere; the command line switches to English with ``--lang en`` or
``BULLETIN_LANG=en``, and Python code with :func:`set_language` or the
:func:`language` context manager.

>>> text("yaml.empty")
'文件是空的'
>>> with language("en"):
...     text("data.unknown_key", name="titel")
'Unknown key “titel”'
>>> text("hint.did_you_mean", word="title")
'是不是 “title”？'
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "N_",
    "get_language",
    "language",
    "language_from_env",
    "set_language",
    "text",
    "translations",
]

#: Languages messages are written in; the first is the default.
LANGUAGES = ("zh", "en")

_current: ContextVar[str] = ContextVar("bulletin_language", default="zh")

#: Where the catalogs live: ``locale/<lang>/LC_MESSAGES/bulletin.po``.
LOCALE_DIR = Path(__file__).with_name("locale")
#: The gettext domain of the catalogs.
DOMAIN = "bulletin"


def N_(msg_id: str) -> str:
    """Mark a message id for ``pybabel extract`` where it is used by name later.

    >>> N_("yaml.empty")
    'yaml.empty'
    """
    return msg_id


#: Ids that are put together at run time (``f"check.{rule}"``, ``f"{code}.hint"`` …),
#: named here so that ``pybabel extract`` finds them.
COMPUTED_IDS = (
    N_("api.form.language"),
    N_("notice.legacy_encoding"),
    N_("expect.not_bool_number"),
    N_("date.invalid"),
)


@cache
def _messages(lang: str) -> dict[str, str]:
    """The catalog of ``lang`` as message id → text, read from its .po file once."""
    from babel.messages.pofile import read_po  # only when a message is shown

    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    return {
        m.id: m.string
        for m in catalog
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
    }


@cache
def translations(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The gettext translations of ``domain`` in ``lang``, compiled from its .po file.

    Babel compiles the catalog in memory, so no .mo file is kept anywhere; a
    domain without a catalog in ``lang`` translates nothing. The command line uses
    the ``argparse`` domain to make argparse's own words Chinese.

    >>> translations("zh", "argparse").gettext("positional arguments")
    '位置参数'
    >>> translations("en", "argparse").gettext("positional arguments")
    'positional arguments'
    """
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class _Catalogue(Mapping[str, tuple[str, str]]):
    """Message id → (Chinese, English), read from the two catalogs."""

    def __getitem__(self, msg_id: str) -> tuple[str, str]:
        return _messages("zh")[msg_id], _messages("en").get(msg_id, "")

    def __iter__(self) -> Iterator[str]:
        return iter(_messages("zh"))

    def __len__(self) -> int:
        return len(_messages("zh"))

    def __contains__(self, msg_id: object) -> bool:
        return msg_id in _messages("zh")


#: Message id → (Chinese, English), for code that needs both texts.
CATALOGUE: Mapping[str, tuple[str, str]] = _Catalogue()


def get_language() -> str:
    """The language messages are written in now (``"zh"`` or ``"en"``)."""
    return _current.get()


def set_language(lang: str) -> None:
    """Write messages in ``lang`` (``"zh"`` or ``"en"``) from now on."""
    _current.set(_normalize(lang))


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Write messages in ``lang`` inside a ``with`` block."""
    token = _current.set(_normalize(lang))
    try:
        yield
    finally:
        _current.reset(token)


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The language named by ``BULLETIN_LANG`` (``en``, ``en_US.UTF-8`` …), else ``"zh"``.

    >>> language_from_env({"BULLETIN_LANG": "en_US.UTF-8"})
    'en'
    >>> language_from_env({})
    'zh'
    """
    env = os.environ if environ is None else environ
    value = env.get("BULLETIN_LANG", "").strip().lower()
    return "en" if value.startswith("en") else "zh"


def _normalize(lang: str) -> str:
    if not isinstance(lang, str):
        from .errors import expect  # errors builds its messages from this module

        expect(lang, str, "set_language.lang", "api.form.language")
    code = lang.strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return code


def text(msg_id: str, /, **params: object) -> str:
    """The message ``msg_id`` in the current language, with ``params`` filled in."""
    return _messages(_current.get())[msg_id].format(**params)
