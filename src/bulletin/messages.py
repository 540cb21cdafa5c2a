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


#: Ids that reach :func:`text` through other functions (``_error("yaml.tab")``,
#: ``expect(..., "api.form.figure")``, ``warnings.add(path, "warning.negative")``) or
#: are put together at run time (``f"check.{rule}"``, ``f"{code}.hint"``), named here
#: so that ``pybabel extract`` finds every id (tests/test_messages.py checks it).
COMPUTED_IDS = (
    N_("notice.legacy_encoding"),
    N_("api.form.language"),
    N_("expect.not_bool_number"),
    N_("date.invalid"),
    N_("file.not_found.hint"),
    N_("file.directory.hint"),
    N_("file.too_large"),
    N_("file.too_large.hint"),
    N_("file.binary.hint"),
    N_("file.utf16"),
    N_("file.bad_encoding.hint"),
    N_("file.write_failed"),
    N_("chart.write_failed"),
    N_("api.form.document"),
    N_("api.form.resolved"),
    N_("api.form.chart_spec"),
    N_("api.form.figure"),
    N_("api.form.chart_ref"),
    N_("api.form.figures"),
    N_("api.form.items"),
    N_("yaml.empty"),
    N_("yaml.empty.hint"),
    N_("yaml.too_many_nodes"),
    N_("yaml.too_many_nodes.hint"),
    N_("yaml.recursive_alias"),
    N_("yaml.too_deep"),
    N_("yaml.too_deep.hint"),
    N_("yaml.control_char"),
    N_("yaml.control_char.hint"),
    N_("yaml.lone_surrogate"),
    N_("yaml.lone_surrogate.hint"),
    N_("yaml.bad_tag"),
    N_("yaml.bad_tag.hint"),
    N_("yaml.complex_key"),
    N_("yaml.duplicate_key"),
    N_("yaml.duplicate_key.hint"),
    N_("yaml.tab"),
    N_("yaml.tab.hint"),
    N_("yaml.colon"),
    N_("yaml.colon.hint"),
    N_("yaml.missing_colon"),
    N_("yaml.missing_colon.hint"),
    N_("yaml.undefined_alias"),
    N_("yaml.undefined_alias.hint"),
    N_("yaml.open_bracket"),
    N_("yaml.open_bracket.hint"),
    N_("yaml.open_brace"),
    N_("yaml.open_brace.hint"),
    N_("yaml.open_quote"),
    N_("yaml.open_quote.hint"),
    N_("yaml.bad_escape"),
    N_("yaml.bad_escape.hint"),
    N_("yaml.indent"),
    N_("yaml.indent.hint"),
    N_("yaml.two_documents"),
    N_("yaml.two_documents.hint"),
    N_("yaml.syntax"),
    N_("yaml.syntax.hint"),
    N_("number.bool"),
    N_("number.none"),
    N_("number.not_finite"),
    N_("check.year-zero"),
    N_("check.mixed-scale"),
    N_("check.mixed-numeral"),
    N_("check.arabic-count"),
    N_("check.arabic-percent"),
    N_("check.chinese-enum"),
    N_("check.chinese-idiom"),
    N_("check.chinese-approx"),
    N_("check.range-dash"),
    N_("check.range-sign"),
    N_("check.full-width"),
    N_("check.half-punct"),
    N_("check.grouping"),
    N_("check.space"),
    N_("check.table-decimals"),
    N_("check.negative-change"),
    N_("check.negative-change-down"),
    N_("check.rate-percent"),
    N_("check.points-for-amount"),
    N_("check.verb-amount"),
    N_("check.verb-percent"),
    N_("check.times-ambiguous"),
    N_("check.times-decrease"),
    N_("check.approx-position"),
    N_("check.approx-double"),
    N_("check.approx-conflict"),
    N_("check.approx-exact"),
    N_("check.parts-total"),
    N_("check.shares-sum"),
    N_("check.share-over"),
    N_("check.growth-mismatch"),
    N_("check.change-mismatch"),
    N_("hint.meta"),
    N_("hint.title"),
    N_("hint.text"),
    N_("hint.name"),
    N_("hint.value"),
    N_("hint.decimals"),
    N_("hint.significant"),
    N_("warning.parts_exceed"),
    N_("warning.share_over_100"),
    N_("warning.percent_ratio"),
    N_("warning.as_of_after_date"),
    N_("warning.negative"),
    N_("warning.previous_zero"),
    N_("warning.photo_missing"),
    N_("warning.chart_emoji"),
    N_("warning.same_label"),
    N_("warning.heading_number"),
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
