"""A proofreader for figures in any Chinese report (``bulletin check``).

It checks text written by people against GB/T 15835-2011 and the house style
of STYLE.md: numeral forms, ranges, widths, digit grouping, the words of
change, approximation words, and the arithmetic the text states (parts against
totals, shares, growth against the values beside it). It reads plain text,
Markdown, HTML and Word (:mod:`.reader`) and keeps the place of every
character; rules live in :mod:`.forms`, :mod:`.house`, :mod:`.change`,
:mod:`.approx` and :mod:`.arith`, and their messages in the catalogue under
``check.<rule>``.

>>> [(f.rule, f.line, f.col, f.suggestion) for f in proofread("投入3亿4500万元。\\n增长-3.2%。")]
[('mixed-scale', 1, 3, '3.45亿'), ('negative-change', 2, 1, '下降3.2%')]
>>> fix("投入3亿4500万元。\\n增长-3.2%。")
'投入3.45亿元。\\n下降3.2%。'
>>> proofread("费用72,447元", profile="hant-tw")
[]
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import BulletinError, expect
from ..messages import text as message
from . import approx, arith, change, forms, house
from .findings import HOUSE_RULES, PROFILES, Finding, Hit, Profile, finding
from .reader import Source, read_bytes, read_path
from .text import Text

__all__ = [
    "PROFILES",
    "RULE_IDS",
    "Finding",
    "Profile",
    "Source",
    "check_source",
    "fix",
    "proofread",
    "read_bytes",
    "read_path",
]

_MODULES = (forms, house, change, approx, arith)

#: Every rule id, in the order of docs/check.md.
RULE_IDS: tuple[str, ...] = (
    "year-zero", "mixed-scale", "mixed-numeral", "arabic-count", "arabic-percent",
    "chinese-enum", "chinese-idiom", "chinese-approx", "range-dash", "range-sign",
    "full-width", "half-punct", "grouping", "space", "table-decimals",
    "negative-change", "negative-change-down", "rate-percent", "points-for-amount",
    "verb-amount", "verb-percent", "times-ambiguous", "times-decrease",
    "approx-position", "approx-double", "approx-conflict", "approx-exact",
    "parts-total", "shares-sum", "share-over", "growth-mismatch", "change-mismatch",
)  # fmt: skip


def _check_profile(profile: str) -> Profile:
    if profile not in PROFILES:
        raise BulletinError(
            message("check.unknown_profile", profile=profile),
            hint=message("check.unknown_profile.hint", choices="、".join(PROFILES)),
        )
    return profile


def _hits(text: Text, profile: Profile) -> list[Hit]:
    hits = [hit for module in _MODULES for hit in module.check(text)]
    hits = [h for h in hits if profile in HOUSE_RULES.get(h.rule, PROFILES)]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in hits:  # one finding per place: the first, longest hit wins
        if kept and hit.start < kept[-1].end and hit.rule != kept[-1].rule and hit.fix is not None:
            continue
        kept.append(hit)
    return kept


def check_source(source: Source, profile: str = "news") -> list[Finding]:
    """The findings in a report read by :func:`read_path` or :func:`read_bytes`."""
    checked = _check_profile(profile)
    return [finding(source.text, hit) for hit in _hits(source.text, checked)]


def proofread(text: str, profile: str = "news", *, kind: str = "text") -> list[Finding]:
    """Proofread ``text`` (``kind`` text, markdown or html); return the findings in order.

    ``profile``: ``news`` (default) and ``bulletin`` are mainland house styles
    (``bulletin`` also wants one number of decimals per table row);
    ``hant-tw`` and ``hant-hk`` allow digit grouping; ``gbt`` checks
    GB/T 15835-2011 alone.
    """
    expect(text, str, "proofread.text", "api.form.text")
    source = read_bytes(text.encode("utf-8"), "-", kind=kind)
    return check_source(source, profile)


def fix(text: str, profile: str = "news", *, kind: str = "text") -> str:
    """``text`` with its unambiguous corrections applied, everything else unchanged."""
    source = read_bytes(text.encode("utf-8"), "-", kind=kind)
    return source.fixed_text(check_source(source, profile))


def fixable(findings: Sequence[Finding]) -> list[Finding]:
    """The findings :func:`fix` corrects."""
    return [f for f in findings if f.fixable]
