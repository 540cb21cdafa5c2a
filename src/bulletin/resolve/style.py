"""The house style of one rendering, decided once and used by every part.

A :class:`Style` says how this document writes: in which script, whether
digits are grouped with commas, which quote marks, the baseline phrase of
changes (比上年, 同比 …), how many decimals a growth rate has, and whether
consecutive bulletin sentences vary their verbs. Text, tables, charts and
their alt texts all read the same Style, so a number can never be written two
ways in one document.

>>> style = Style(script="hant-hk")
>>> style.grouping, style.numbers()
(True, {'script': 'hant-hk', 'grouping': True})
>>> Style().grouping
False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import BulletinError
from ..messages import text as _t
from ..numbers.scripts import groups_digits, normalize_script

if TYPE_CHECKING:
    from ..load.model import Meta

__all__ = ["QUOTE_STYLES", "Style", "default_quotes"]

_UNSET: Any = object()

#: The quote styles: curly “”‘’ and corner brackets 「」『』.
QUOTE_STYLES = ("curly", "corner")


def default_quotes(script: str) -> str:
    """Corner brackets in Taiwan and Hong Kong texts, curly quotes elsewhere.

    >>> default_quotes("hant-tw"), default_quotes("hant-hk"), default_quotes("hant")
    ('corner', 'corner', 'curly')
    """
    return "corner" if script in ("hant-tw", "hant-hk") else "curly"


@dataclass(frozen=True)
class Style:
    """How one document writes its figures and words (see the module docstring)."""

    script: str = "hans"
    #: Thousands commas (1,452.7萬): by default only in Taiwan and Hong Kong texts.
    grouping: bool = field(default=_UNSET)
    #: ``curly`` “……” or ``corner`` 「……」 (by default corner in Taiwan and Hong Kong texts).
    quote_style: str = field(default=_UNSET)
    #: The phrase a change is measured against: 比上年, 同比, 较上年末 …
    baseline: str = "比上年"
    #: Words OpenCC must leave as written in Traditional output (``meta.keep_words``).
    keep_words: tuple[str, ...] = ()
    #: The document's place names (红岩镇, 干河乡): their place-name characters stay
    #: as written in Traditional output (:data:`bulletin.numbers.scripts.PLACE_CHARS`).
    places: tuple[str, ...] = ()
    #: Decimals of a relative change (增长5.2%), as statistical bulletins print it.
    growth_decimals: int = 1
    #: Whether consecutive indicator sentences avoid repeating a verb (增长 → 上升);
    #: statistical bulletins repeat 增长/增加/提高 consistently.
    vary_verbs: bool = True
    #: Whether an indicator keeps the decimals it was typed with (512.0万人), as
    #: statistical bulletins print it (STYLE.md §1).
    typed_decimals: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "script", normalize_script(self.script))
        if self.grouping is _UNSET:
            object.__setattr__(self, "grouping", groups_digits(self.script))
        if self.quote_style is _UNSET:
            object.__setattr__(self, "quote_style", default_quotes(self.script))
        object.__setattr__(self, "keep_words", tuple(self.keep_words))
        object.__setattr__(self, "places", tuple(self.places))

    @classmethod
    def of(
        cls,
        meta: Meta,
        *,
        script: str | None = None,
        quotes: str | None = None,
        places: Sequence[str] = (),
    ) -> Style:
        """The style a document's ``meta`` asks for; ``script`` overrides ``meta.script``
        and ``quotes`` (``curly`` or ``corner``) ``meta.quote_style``; ``places`` are
        the document's place names.

        Quotes are decided here, once: as asked, else corner brackets 「」『』 in
        Taiwan and Hong Kong texts and curly quotes “”‘’ elsewhere.

        >>> from bulletin.load.model import Meta
        >>> Style.of(Meta(title="t", script="hant-tw", grouping=False)).grouping
        False
        >>> [Style.of(Meta(title="t", script=s)).quote_style for s in ("hans", "hant", "hant-hk")]
        ['curly', 'curly', 'corner']
        >>> Style.of(Meta(title="t", script="hant-tw", quote_style="curly")).quote_style
        'curly'
        >>> Style.of(Meta(title="t", script="hant-tw"), quotes="curly").quote_style
        'curly'
        """
        chosen = normalize_script(script or meta.script)
        quote_style = quotes or meta.quote_style or default_quotes(chosen)
        if quote_style not in QUOTE_STYLES:
            raise BulletinError(
                _t("style.unknown_quotes", value=repr(quote_style)),
                hint=_t("style.unknown_quotes.hint"),
            )
        return cls(
            script=chosen,
            grouping=groups_digits(chosen) if meta.grouping is None else meta.grouping,
            quote_style=quote_style,
            places=tuple(places),
            baseline=meta.baseline,
            keep_words=tuple(meta.keep_words),
            vary_verbs=meta.genre != "statistical",
            typed_decimals=meta.genre == "statistical",
        )

    @property
    def traditional(self) -> bool:
        """Whether the text is written in Traditional characters."""
        return self.script != "hans"

    def numbers(self) -> dict[str, Any]:
        """The number engine's keyword arguments for this style (script and grouping)."""
        return {"script": self.script, "grouping": self.grouping}
