"""Scripts: the script names, the engine's own words in each, and OpenCC for prose.

Four script values are accepted. The Traditional variants (Taiwan, Hong Kong
and plain ``hant``) all use the same number words; only Simplified differs:

>>> normalize_script("hant-TW")
'hant-tw'
>>> word("万", "hant-hk"), word("个百分点", "hant"), word("与上年持平", "hant")
('萬', '個百分點', '與上年持平')
>>> word("增长", "hans")
'增长'

Only the engine's own words go through :func:`word`; units and phrases the
caller writes (``剂次``, ``比上年``) are printed as given.

The prose around those words is converted by OpenCC (:func:`to_script`), after
the text is composed; link targets, image paths and bare URLs are left exactly
as written. Quotes can be turned into corner brackets (「」『』), as Taiwan and
Hong Kong texts often print them:

>>> to_script("卫健局统筹全区医疗资源，见 https://example.cn/zhuanti/weijian。", "hant")
'衛健局統籌全區醫療資源，見 https://example.cn/zhuanti/weijian。'
>>> to_script("![图](charts/卫生.svg)", "hant-tw")
'![圖](charts/卫生.svg)'
>>> corner_quotes("他说：“‘办实事’很重要。”")
'他说：「『办实事』很重要。」'

OpenCC is imported on the first conversion only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Literal, Protocol, get_args

from ..errors import NumberError

__all__ = [
    "OPENCC_CONFIGS",
    "SCRIPTS",
    "WORDS",
    "Script",
    "corner_quotes",
    "groups_digits",
    "is_traditional",
    "normalize_script",
    "to_script",
    "to_simplified",
    "word",
]

#: A script value: Simplified, Traditional, Taiwan, Hong Kong.
Script = Literal["hans", "hant", "hant-tw", "hant-hk"]

#: The accepted script values (the one list: the model, the CLI and charts use it).
SCRIPTS: tuple[Script, ...] = get_args(Script)

# Characters that differ between the engine's Simplified and Traditional words.
_SIMPLIFIED = "万亿余约过内个点与减长两时较负环"
_TRADITIONAL = "萬億餘約過內個點與減長兩時較負環"
_TO_HANT = str.maketrans(_SIMPLIFIED, _TRADITIONAL)
_TO_HANS = str.maketrans(_TRADITIONAL, _SIMPLIFIED)

#: Every word the engine writes that differs by script (Simplified → Traditional).
WORDS: dict[str, str] = {
    w: w.translate(_TO_HANT)
    for w in (
        "万",
        "亿",
        "万亿",
        "余",
        "约",
        "超过",
        "以内",
        "个百分点",
        "个千分点",
        "与上年持平",
        "增长",
        "减少",
        "两",
        "时",
        "点",
        "负",
    )
}


def normalize_script(script: object) -> str:
    """Return the canonical script value, or raise :class:`NumberError`.

    Case and ``_``/``-`` do not matter; a leading ``zh-`` is allowed.

    >>> normalize_script("HANS"), normalize_script("zh_Hant_HK")
    ('hans', 'hant-hk')
    >>> normalize_script("latin")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bulletin.errors.NumberError: 未知的文字：'latin'。可用 hans（简体）、hant（繁体）...
    """
    if isinstance(script, str):
        key = script.strip().lower().replace("_", "-")
        if key.startswith("zh-"):
            key = key[3:]
        if key in SCRIPTS:
            return key
    raise NumberError(
        f"未知的文字：{script!r}",
        hint="可用 hans（简体）、hant（繁体）、hant-tw（台湾）或 hant-hk（香港）",
    )


def is_traditional(script: str) -> bool:
    """True for every Traditional variant (``script`` must be canonical).

    >>> is_traditional("hant-tw"), is_traditional("hans")
    (True, False)
    """
    return script != "hans"


def groups_digits(script: str) -> bool:
    """Taiwan and Hong Kong texts group digits with commas (1,452.7萬); mainland texts never.

    >>> groups_digits("hant-tw"), groups_digits("hant"), groups_digits("hans")
    (True, False, False)
    """
    return script in ("hant-tw", "hant-hk")


def word(text: str, script: str) -> str:
    """The engine word ``text`` (written in Simplified) in ``script``.

    >>> word("减少", "hant")
    '減少'
    """
    return text.translate(_TO_HANT) if script != "hans" else text


def to_simplified(text: str) -> str:
    """Map the engine's Traditional words back to Simplified (used by tests).

    >>> to_simplified("1.3億元")
    '1.3亿元'
    """
    return text.translate(_TO_HANS)


# --------------------------------------------------------------------------- OpenCC

#: OpenCC configuration per script: characters only, regional variants, no phrase rewriting.
#: Plain ``hant`` uses the common (Taiwan) character forms, 衛 rather than OpenCC's 衞;
#: Hong Kong texts keep their own forms (衞生署).
OPENCC_CONFIGS: dict[str, str] = {"hant": "s2tw", "hant-tw": "s2tw", "hant-hk": "s2hk"}

# URLs, and the target part of Markdown links and images: ](...)
_PROTECTED = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|https?://[^\s)）\]>，。；、]+|<[^>\s]+>")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _converter(config: str) -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC(config if config.endswith(".json") else f"{config}.json")
    return converter


def to_script(text: str, script: str, *, keep: Sequence[str] = ()) -> str:
    """Convert Simplified ``text`` to ``script`` (unchanged for ``hans``).

    ``keep`` lists words written the same in both scripts that OpenCC would
    change, such as place names (游仙 stays 游仙, not 遊仙).

    >>> to_script("游仙区", "hant"), to_script("游仙区", "hant", keep=["游仙"])
    ('遊仙區', '游仙區')
    """
    if script == "hans" or not text:
        return text
    result = _convert(text, script)
    for kept in keep:
        converted = _convert(kept, script)
        if converted != kept:
            result = result.replace(converted, kept)
    return result


def _convert(text: str, script: str) -> str:
    converter = _converter(OPENCC_CONFIGS[script])
    out = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(converter.convert(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(converter.convert(text[last:]))
    return "".join(out)


_CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def corner_quotes(text: str) -> str:
    """Curly quotes to corner brackets: “…” → 「…」, ‘…’ → 『…』."""
    return text.translate(_CORNER)
