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

:func:`convert_text` does both as a document's text gets them, so that every
text of one document (prose, chart labels, alt texts) is written alike:

>>> convert_text("“干河乡”", "hant-tw", places=["干河乡"])
'「干河鄉」'
>>> convert_text("“干河乡”", "hant-tw", quotes="curly")
'“幹河鄉”'

OpenCC is imported on the first conversion only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Literal, Protocol, get_args

from ..errors import NumberError
from ..messages import text as _t

__all__ = [
    "BING_VERBS",
    "FIXED_WORDS",
    "OPENCC_CONFIGS",
    "PLACE_CHARS",
    "QUOTE_STYLES",
    "SCRIPTS",
    "WORDS",
    "Script",
    "convert_text",
    "corner_quotes",
    "default_quotes",
    "groups_digits",
    "is_traditional",
    "normalize_script",
    "place_names",
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
        _t("script.unknown", value=repr(script)),
        hint=_t("script.unknown.hint"),
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


#: Words OpenCC converts wrongly in the texts of this domain, and how Traditional
#: text writes them (Simplified → Traditional; applied in every Traditional script,
#: before OpenCC sees the text, so its phrase tables cannot rewrite them):
#:
#: - 岩: OpenCC writes 巖 (红岩镇 → 紅巖鎮); 岩 is the standard form in Taiwan and
#:   Hong Kong and the form of the mainland's place names (紅岩鎮, 岩石).
#: - 游仙 (the district of Mianyang): OpenCC reads 游 as 遊 (遊仙).
#: - 并 before a verb beginning with 发 (:data:`BING_VERBS`): OpenCC takes 并发 as
#:   one word (併發, "concurrent") and writes 併發放; the conjunction is 並
#:   (並發放、並發布). 并发症 (complications) is 併發症 and stays OpenCC's.
#:
#: Left to OpenCC on purpose: 台 → 臺 in Taiwan texts (臺 is the form of Taiwan's
#: standard; Hong Kong texts keep 台); 干 and 里, which are 幹/乾/干 and 裡/里 by
#: meaning (幹部, 乾燥, 這裡, 公里), are right in common words, and inside the
#: document's own place names they stay as written (:data:`PLACE_CHARS`).
#: A document adds words with ``meta.keep_words``.
FIXED_WORDS: dict[str, str] = {"岩": "岩", "游仙": "游仙"}

#: Verbs beginning with 发 that follow the conjunction 并 (并发放 → 並發放; the
#: verb itself is converted as OpenCC writes it for the script: 發布/發佈).
BING_VERBS = ("发放", "发布", "发出", "发挥", "发起", "发给", "发文", "发送", "发行")

#: Characters that stay as written inside a place name (红岩镇, 干河乡, 里村, 邢台):
#: OpenCC picks their meaning from common words (巖, 幹/乾, 裡, 臺).
PLACE_CHARS = "岩游干里台"

#: What ends a place name (for :func:`place_names`).
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:省|市|区|县|旗|镇|乡|村|街道|社区|居委会)$")


def place_names(texts: Sequence[str]) -> tuple[str, ...]:
    """The texts that are place names (ending in 区, 县, 镇, 乡, 村, 街道 …), each once.

    >>> place_names(["元坝镇", "红岩镇", "医院", "游仙区", "元坝镇"])
    ('元坝镇', '红岩镇', '游仙区')
    """
    return tuple(dict.fromkeys(t for t in texts if _PLACE.match(t)))


def to_script(
    text: str, script: str, *, keep: Sequence[str] = (), places: Sequence[str] = ()
) -> str:
    """Convert Simplified ``text`` to ``script`` (unchanged for ``hans``).

    The words of :data:`FIXED_WORDS` are written as listed; ``keep`` lists words
    as Traditional text writes them (a document's ``meta.keep_words``: 游仙, or
    游樂 where the text has 游乐), found in the text by their Simplified form;
    ``places`` are the document's place names, in which the characters of
    :data:`PLACE_CHARS` stay as written. All of them are set aside before
    OpenCC converts the rest, so its phrase tables cannot reach into them.

    >>> to_script("红岩镇并发放游仙区的补助", "hant")
    '紅岩鎮並發放游仙區的補助'
    >>> to_script("游乐园", "hant"), to_script("游乐园", "hant", keep=["游樂"])
    ('遊樂園', '游樂園')
    >>> to_script("干河乡的村干部", "hant-tw", places=["干河乡"])
    '干河鄉的村幹部'

    Text converted once keeps these words when it is converted again (a chart's
    alt text, already Traditional, inside the article that is converted whole):

    >>> to_script("干河鄉、游樂園", "hant-tw", keep=["游樂"], places=["干河乡"])
    '干河鄉、游樂園'
    """
    if script == "hans" or not text:
        return text
    return _convert(text, script, _fixes(script, tuple(keep), tuple(places)))


@cache
def _fixes(
    script: str, keep: tuple[str, ...], places: tuple[str, ...]
) -> tuple[dict[str, str], re.Pattern[str]]:
    """The words set aside (Simplified → as written in ``script``) and a pattern finding them."""
    fixed = dict(FIXED_WORDS)
    converter = _converter(OPENCC_CONFIGS[script])
    fixed.update((f"并{verb}", "並" + converter.convert(verb)) for verb in BING_VERBS)
    for name in places:
        converted = converter.convert(name)
        if len(converted) == len(name):
            pairs = zip(name, converted, strict=True)
            kept = "".join(o if o in PLACE_CHARS else c for o, c in pairs)
            if kept != converted:
                fixed[name] = kept
                fixed.setdefault(kept, kept)
    simplified = _converter("t2s")
    fixed.update((simplified.convert(word), word) for word in keep if word)
    fixed.update((word, word) for word in keep if word)
    words = sorted(fixed, key=lambda w: (-len(w), w))
    return fixed, re.compile("|".join(map(re.escape, words)))


def _convert(text: str, script: str, fixes: tuple[dict[str, str], re.Pattern[str]]) -> str:
    converter = _converter(OPENCC_CONFIGS[script])
    fixed, pattern = fixes

    def prose(part: str) -> str:
        out, last = [], 0
        for match in pattern.finditer(part):
            out.append(converter.convert(part[last : match.start()]))
            out.append(fixed[match.group(0)])
            last = match.end()
        out.append(converter.convert(part[last:]))
        return "".join(out)

    out = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(prose(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(prose(text[last:]))
    return "".join(out)


_CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def corner_quotes(text: str) -> str:
    """Curly quotes to corner brackets: “…” → 「…」, ‘…’ → 『…』."""
    return text.translate(_CORNER)


#: The quote styles: curly “”‘’ and corner brackets 「」『』.
QUOTE_STYLES = ("curly", "corner")


def default_quotes(script: str) -> str:
    """Corner brackets in Taiwan and Hong Kong texts, curly quotes elsewhere.

    >>> default_quotes("hant-tw"), default_quotes("hant-hk"), default_quotes("hant")
    ('corner', 'corner', 'curly')
    """
    return "corner" if script in ("hant-tw", "hant-hk") else "curly"


def convert_text(
    text: str,
    script: str,
    *,
    quotes: str | None = None,
    keep: Sequence[str] = (),
    places: Sequence[str] = (),
) -> str:
    """Simplified ``text`` as a document in ``script`` writes it: converted by
    :func:`to_script` (with ``keep`` and ``places``), then with corner brackets
    when ``quotes`` is ``corner`` (None: as texts of the script do, :func:`default_quotes`).

    ``script`` must be canonical. Simplified text with curly quotes is returned as it is:

    >>> convert_text("“红岩镇”", "hans")
    '“红岩镇”'
    >>> convert_text("“红岩镇”", "hans", quotes="corner"), convert_text("“红岩镇”", "hant-hk")
    ('「红岩镇」', '「紅岩鎮」')
    """
    if script != "hans":
        text = to_script(text, script, keep=keep, places=places)
    if (quotes or default_quotes(script)) == "corner":
        text = corner_quotes(text)
    return text
