"""Where a headline, heading or caption may break: between words, never inside one.

Chinese has no spaces between words, so browsers, Word and Typst break a line
between any two characters: 卫生健/康, 在/线访谈. Here a line of display text
is cut into *segments* that must stay whole: the phrases the headline's own
spaces separate, cut again into words by jieba's dictionary (Traditional text
is segmented through its Simplified form, character for character). Closing
punctuation (：，”）) stays with the word before it, opening punctuation
(“（) with the word after it, a single character with its neighbour (年 after
2024, 以 before 人民), so no line starts with a colon and no character is left
alone on the last line.

:func:`segments` gives the pieces (joined they are the text again);
:func:`lines` sets them on lines of a given width, as evenly as possible,
preferring the phrase space and the colon to a break between words.

>>> segments("青禾区2024年卫生健康事业发展统计公报")
('青禾区', '2024年', '卫生健康', '事业', '发展', '统计公报')
>>> lines("青禾区2024年卫生健康事业发展统计公报", 12)
['青禾区2024年卫生健康', '事业发展统计公报']
>>> lines("办实事解难题 服务人民健康", 10)
['办实事解难题', '服务人民健康']
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

__all__ = ["DOMAIN_WORDS", "PHRASE_BREAKS", "display_width", "lines", "prepare", "segments"]

#: Compounds of health and statistics writing that jieba's dictionary splits and a
#: headline should not (卫生/健康 reads as two words; 卫生健康 is one).
DOMAIN_WORDS = ("卫生健康", "卫健委", "卫健局", "医疗卫生", "公共卫生", "统计公报", "家庭医生")
#: Punctuation after which a break is as good as at a phrase space.
PHRASE_BREAKS = frozenset("：:，,；;。！？!?")
_CLOSING = frozenset("：:，,；;。.！？!?、）)》」』”’〉】]％%·…—～")
_OPENING = frozenset("（(《「『“‘〈【[")
_DIGIT = re.compile(r"[0-9０-９.%％]$")
_lock = threading.Lock()


@cache
def _jieba() -> object:
    """A tokenizer of our own: jieba's global one is shared with any other code in the
    process (a docs build's search index, a user's script) and may hold other words,
    which would make the same headline break differently."""
    with _lock, _without_pkg_resources():
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = _cache_dir()  # jieba's own default is the shared system temp folder
        tokenizer.initialize()
        for word in DOMAIN_WORDS:
            tokenizer.add_word(word)
        return tokenizer


def _cache_dir() -> str | None:
    """This user's cache folder for bulletin (``~/.cache/bulletin`` on Linux), where
    jieba keeps its word list in a quick-loading form; None (jieba's default) if it
    cannot be made."""
    import platformdirs

    folder = platformdirs.user_cache_dir("bulletin", appauthor=False)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return folder


@contextmanager
def _without_pkg_resources() -> Iterator[None]:
    """jieba finds its data files with pkg_resources when it can, which alone takes
    about 0.3 s to import; without it jieba opens the same files beside its module.

    >>> with _without_pkg_resources():
    ...     import jieba
    >>> sys.modules.get("pkg_resources", "absent") is not None
    True
    """
    if "pkg_resources" in sys.modules:
        yield
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        yield
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]


def prepare() -> None:
    """Load the word list and the Traditional→Simplified converter now (about 0.7 s,
    once per process) rather than at the first headline."""
    _jieba()
    _simplified()


@cache
def _simplified() -> object:
    import opencc

    return opencc.OpenCC("t2s.json")


def _words(phrase: str) -> list[str]:
    """jieba's words of one phrase (no spaces), cut on its Simplified form."""
    if not phrase:
        return []
    plain = _simplified().convert(phrase)  # type: ignore[attr-defined]
    if len(plain) != len(phrase):
        plain = phrase
    words: list[str] = []
    k = 0
    for word in _jieba().lcut(plain):  # type: ignore[attr-defined]
        words.append(phrase[k : k + len(word)])
        k += len(word)
    return words


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _starts_word(word: str) -> bool:
    return _is_cjk(word[0]) and word[0] not in _CLOSING


def _glue(words: list[str]) -> list[str]:
    """Punctuation and single characters joined to the word they belong with."""
    out: list[str] = []
    pending = ""  # opening punctuation waiting for its word
    for word in words:
        if all(ch in _OPENING for ch in word):
            pending += word
        elif out and not pending and all(ch in _CLOSING for ch in word):
            out[-1] += word
        else:
            out.append(pending + word)
            pending = ""
    if pending:
        out.append(pending)
    glued: list[str] = []
    k = 0
    while k < len(out):
        word = out[k]
        single = len(word) == 1 and _is_cjk(word)
        after_number = bool(glued) and bool(_DIGIT.search(glued[-1]))
        if single and after_number:
            glued[-1] += word
        elif single and k + 1 < len(out) and (_starts_word(out[k + 1]) or not glued):
            out[k + 1] = word + out[k + 1]
        elif single and glued:
            glued[-1] += word
        else:
            glued.append(word)
        k += 1
    return glued


@lru_cache(maxsize=1024)  # the headings of a batch's documents repeat
def segments(text: str) -> tuple[str, ...]:
    """The pieces of ``text`` a line may break between (joined, they are ``text``).

    A phrase space stays at the end of the piece before it.

    >>> segments("游仙：让群众有“医”靠 生活更幸福")
    ('游仙：', '让群众有', '“医”靠 ', '生活', '更幸福')
    """
    pieces: list[str] = []
    for part in re.split(r"(\s+)", text):
        if not part:
            continue
        if part.isspace():
            if pieces:
                pieces[-1] += part
            else:
                pieces.append(part)
            continue
        pieces.extend(_glue(_words(part)))
    return _no_orphan(tuple(pieces))


def _no_orphan(pieces: tuple[str, ...]) -> tuple[str, ...]:
    """The last piece is never one character alone."""
    if len(pieces) > 1 and len(pieces[-1].strip()) == 1:
        return (*pieces[:-2], pieces[-2] + pieces[-1])
    return pieces


def display_width(text: str) -> float:
    """Width in em: a Chinese character 1, a Latin letter, digit or space about half.

    >>> display_width("2024年卫生")
    5.2
    """
    return round(sum(1.0 if _is_cjk(ch) else 0.55 for ch in text), 2)


def _breaks_well(piece: str) -> bool:
    """A break after ``piece`` falls at a phrase space or after a colon or comma."""
    return piece[-1:].isspace() or piece.rstrip()[-1:] in PHRASE_BREAKS


def lines(text: str, width: float) -> list[str]:
    """``text`` set on lines at most ``width`` em wide, broken only between segments.

    The fewest lines, as even as possible; a break at a phrase space or after a
    colon is preferred to one between words. A segment wider than a line gets a
    line of its own (the typesetter breaks it further). Spaces at a line's end
    are dropped.

    >>> lines("2021德州市人民政府在线访谈：德州市卫生健康委员会 强化医疗卫生服务", 20)
    ['2021德州市人民政府在线访谈：', '德州市卫生健康委员会 强化医疗卫生服务']
    >>> lines("许昌市建安区：学史力行办实事 聚焦健康惠民生", 20)
    ['许昌市建安区：', '学史力行办实事 聚焦健康惠民生']
    """
    pieces = segments(text)
    if not pieces:
        return []
    widths = [display_width(p.rstrip()) for p in pieces]
    full = [display_width(p) for p in pieces]
    n = len(pieces)

    def span(i: int, j: int) -> float:  # pieces i..j-1 on one line
        return sum(full[i : j - 1]) + widths[j - 1]

    need = _fewest_lines(n, span, width)
    word_break = width * width / 2  # a break between words costs half a line of unevenness
    # best[k][j]: least cost of pieces[:j] on k lines
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(need + 1)]
    cut = [[0] * (n + 1) for _ in range(need + 1)]
    best[0][0] = 0.0
    for k in range(1, need + 1):
        for j in range(1, n + 1):
            for i in range(k - 1, j):
                if best[k - 1][i] == inf:
                    continue
                w = span(i, j)
                if w > width and j - i > 1:
                    continue
                penalty = 0.0 if j == n or _breaks_well(pieces[j - 1]) else word_break
                cost = best[k - 1][i] + (width - w) ** 2 + penalty
                if cost < best[k][j]:
                    best[k][j], cut[k][j] = cost, i
    out: list[str] = []
    j = n
    for k in range(need, 0, -1):
        i = cut[k][j]
        out.append("".join(pieces[i:j]).rstrip())
        j = i
    return out[::-1]


def _fewest_lines(n: int, span: object, width: float) -> int:
    """How many lines the pieces need at least (greedy filling)."""
    count, start = 0, 0
    while start < n:
        end = start + 1
        while end < n and span(start, end + 1) <= width:  # type: ignore[operator]
            end += 1
        count += 1
        start = end
    return count
