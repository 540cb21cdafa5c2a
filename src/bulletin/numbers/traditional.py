"""Traditional Chinese: OpenCC over the composed text, never over URLs or paths.

The number engine already writes its own words in the requested script
(萬, 億, 個百分點); this step converts the prose around them. Link targets,
image paths and bare URLs are left exactly as written. Quotes can be turned
into corner brackets (「」『』), as Taiwan and Hong Kong texts often print them.

>>> to_script("卫健局统筹全区医疗资源，见 https://example.cn/zhuanti/weijian。", "hant")
'衛健局統籌全區醫療資源，見 https://example.cn/zhuanti/weijian。'
>>> to_script("![图](charts/卫生.svg)", "hant-tw")
'![圖](charts/卫生.svg)'
>>> corner_quotes("他说：“‘办实事’很重要。”")
'他说：「『办实事』很重要。」'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

__all__ = ["OPENCC_CONFIGS", "corner_quotes", "to_script"]

#: OpenCC configuration per script: characters only, regional variants, no phrase rewriting.
#: Plain ``hant`` uses the common (Taiwan) character forms, 衛 rather than OpenCC's 衞;
#: Hong Kong texts keep their own forms (衞生署).
OPENCC_CONFIGS = {"hant": "s2tw", "hant-tw": "s2tw", "hant-hk": "s2hk"}

# URLs, and the target part of Markdown links and images: ](...)
_PROTECTED = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|https?://[^\s)）\]>，。；、]+|<[^>\s]+>")


@cache
def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config if config.endswith(".json") else f"{config}.json")


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
    for word in keep:
        converted = _convert(word, script)
        if converted != word:
            result = result.replace(converted, word)
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
