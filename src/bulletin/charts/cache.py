"""Write chart files once: names carry a hash of everything that shapes the picture.

A chart's key is a SHA-256 over its spec (:meth:`ChartSpec.to_dict`), the style
(:func:`~bulletin.charts.style.style_digest`), the script, the font, the format,
the resolution, the digit grouping (only when it differs from the script's own,
so that names stay as they were), the chart's texts as drawn when the spec's
quote style, kept words or place names write them otherwise than a plain
conversion to the script does (so two documents differing only in quote style
share a file only when the chart has no quotes), and the versions of bulletin
and matplotlib. The file name is
``<name>-<first 10 hex digits of the key>.<fmt>``, so

* the output folder is itself the cache: when the named file exists, it is
  up to date and nothing is drawn, read or written (matplotlib is not even
  imported);
* an optional ``cache_dir`` (for example a user cache such as
  ``~/.cache/bulletin/charts``) survives a deleted output folder: a file found
  there is copied instead of drawn, and every drawn file is stored there too.

Files are written atomically (temporary file + rename), so a reader never sees
half a chart. Old files of changed charts are left in place here
(``bulletin.render_file`` removes those no document uses). A file found
under a chart's name is reused only when it is a whole chart file
(:func:`is_chart_file`): an empty or cut-off file is drawn again.

>>> from bulletin.charts.spec import ChartSpec, Series
>>> spec = ChartSpec("bar", "各乡镇接种剂次", ["元坝镇"], [Series("", [10234])],
...                  name="doses_by_town")
>>> name = chart_file_name(spec, "svg")
>>> name.startswith("doses_by_town-") and name.endswith(".svg") and len(name) == 28
True
>>> chart_file_name(spec, "svg") == name != chart_file_name(spec, "svg", script="hant")
True
>>> chart_file_name(spec, "svg", grouping=False) == name  # mainland texts do not group
True
>>> chart_file_name(spec, "svg", grouping=True) != name
True
>>> quoted = spec.replace(title="“干河乡”接种剂次", places=["干河乡"])
>>> tw = {q: chart_file_name(quoted.replace(quotes=q), "svg", script="hant-tw")
...       for q in ("corner", "curly")}
>>> tw["corner"] != tw["curly"]
True
>>> chart_file_name(spec.replace(quotes="curly"), "svg") == name  # texts unchanged
True
>>> is_chart_file(b"", "svg"), is_chart_file(b"<svg></svg>", "svg")
(False, True)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TypedDict, Unpack

from ..files import write_atomic, write_error
from ..numbers.scripts import groups_digits, normalize_script
from .alt import alt_text
from .glyphs import drop_emoji
from .spec import ChartSpec, convert_script, for_script
from .style import DPI, style_digest

__all__ = [
    "ChartFile",
    "ChartOptions",
    "chart_file_name",
    "chart_key",
    "is_chart_file",
    "is_chart_name",
    "looks_whole",
    "read_chart_file",
    "render_chart_files",
]


class ChartOptions(TypedDict, total=False):
    """How a chart is drawn, besides its spec (every key optional)."""

    #: The script of the texts and numbers (default ``hans``).
    script: str
    #: A font file or family (default: the packaged Noto Sans CJK face).
    font: str | os.PathLike[str] | None
    #: The PNG resolution (default :data:`~bulletin.charts.style.DPI`).
    dpi: int | None
    #: Commas between groups of digits (default None: as texts of the script do).
    grouping: bool | None


@dataclass(frozen=True)
class ChartFile:
    """One chart on disk: its spec, alt text and one path per format.

    ``drawn`` lists the formats drawn in this call (empty when all came from the cache).
    """

    spec: ChartSpec
    alt: str
    paths: dict[str, Path] = field(default_factory=dict)
    drawn: tuple[str, ...] = ()

    def path(self, fmt: str = "png") -> Path:
        """The file of one format."""
        return self.paths[fmt]


@cache
def _versions() -> str:
    from importlib import metadata

    parts = []
    for dist in ("bulletin", "matplotlib", "noto-cjk-sans-otc"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    try:
        from ..version import __version__

        parts.append(f"bulletin.__version__={__version__}")
    except ImportError:  # pragma: no cover - during partial installs
        pass
    return ";".join(parts)


def _font_id(font: str | os.PathLike[str] | None) -> str:
    if font is None:
        return "packaged"
    path = Path(os.fspath(font))
    if path.is_file():
        st = path.stat()
        return f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}"
    return os.fspath(font)


def chart_key(spec: ChartSpec, fmt: str, **options: Unpack[ChartOptions]) -> str:
    """The SHA-256 hex key of one chart file (spec, style, script, font, format, versions).

    The digit grouping counts only when it is not the script's own, so the
    names of charts drawn the usual way do not change.
    """
    script = normalize_script(options.get("script", "hans"))
    dpi = options.get("dpi")
    payload: dict[str, object] = {
        "spec": spec.digest(),
        "style": style_digest(),
        "script": script,
        "font": _font_id(options.get("font")),
        "fmt": fmt,
        "dpi": dpi or DPI if fmt == "png" else None,
        "versions": _versions(),
    }
    grouping = options.get("grouping")
    if grouping is not None and grouping != groups_digits(script):
        payload["grouping"] = grouping
    texts = _texts_digest(spec, script)
    if texts is not None:
        payload["texts"] = texts
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=512)
def _texts_digest(spec: ChartSpec, script: str) -> str | None:
    """The digest of the texts ``spec`` draws in ``script`` when its quote style, kept
    words or place names write them otherwise than a plain conversion does (else None,
    so the names of charts these do not change stay as they were)."""
    if script == "hans" and spec.quote_style(script) == "curly":
        return None
    base = spec.map_text(drop_emoji)
    shown = for_script(base, script).to_dict()
    plain = base.map_text(lambda t: convert_script(t, script)).to_dict()
    if shown == plain:
        return None
    text = json.dumps(shown, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_UNSAFE = re.compile(r"[^0-9A-Za-z_\-\u4e00-\u9fff]+")


def _slug(name: str) -> str:
    slug = _UNSAFE.sub("-", name).strip("-")[:40]
    return slug or "chart"


_PNG_START = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"IEND\xaeB`\x82"

#: Largest chart file read back from a folder (bytes); drawn charts are far smaller.
_MAX_CHART_BYTES = 20 * 1024 * 1024


def is_chart_file(data: bytes, fmt: str) -> bool:
    """Is ``data`` a whole file of format ``fmt`` (not empty, not cut off)?"""
    if fmt == "png":
        return data.startswith(_PNG_START) and data.endswith(_PNG_END)
    if fmt == "svg":
        head, tail = data[:200].lstrip(), data[-200:].rstrip()
        return head.startswith((b"<?xml", b"<svg")) and tail.endswith(b"</svg>")
    return bool(data)


def read_chart_file(path: Path, fmt: str) -> bytes | None:
    """The bytes of the chart file at ``path`` if it is a whole one, else None."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_CHART_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return data if is_chart_file(data, fmt) else None


def looks_whole(path: Path, fmt: str) -> bool:
    """Is the chart file at ``path`` whole, judged by its first and last 200 bytes only?

    This is how a cache hit is checked when its bytes are not needed: the file is
    not read (an empty or cut-off file is drawn again).
    """
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if not 0 < size <= _MAX_CHART_BYTES:
                return False
            head = handle.read(200)
            handle.seek(max(size - 200, 0))
            tail = handle.read(200)
    except OSError:
        return False
    return is_chart_file(head + tail, fmt)


#: The names :func:`chart_file_name` gives.
_CHART_NAME = re.compile(r"[0-9A-Za-z_\-\u4e00-\u9fff]{1,40}-[0-9a-f]{10}\.(?:svg|png)")


def is_chart_name(name: str) -> bool:
    """Is ``name`` a chart file name of ours (``<slug>-<10 hex>.<fmt>``)?

    >>> is_chart_name("beds-0123456789.svg"), is_chart_name("logo.svg")
    (True, False)
    """
    return _CHART_NAME.fullmatch(name) is not None


def chart_file_name(spec: ChartSpec, fmt: str, **options: Unpack[ChartOptions]) -> str:
    """The file name of a chart: ``<slug>-<10 hex>.<fmt>`` (see the module docs)."""
    return f"{_slug(spec.name)}-{chart_key(spec, fmt, **options)[:10]}.{fmt}"


def render_chart_files(
    specs: Iterable[ChartSpec],
    outdir: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("svg", "png"),
    cache_dir: str | os.PathLike[str] | None = None,
    **options: Unpack[ChartOptions],
) -> list[ChartFile]:
    """Make sure every chart exists in ``outdir`` in every format; draw only what is missing.

    Returns one :class:`ChartFile` per spec, in order, with the alt text in
    ``script`` (and ``grouping``). See the module docs for names and the cache.
    """
    out = Path(outdir)
    cache = Path(cache_dir) if cache_dir is not None else None
    options["script"] = normalize_script(options.get("script", "hans"))
    results = []
    for spec in specs:
        paths = {fmt: out / chart_file_name(spec, fmt, **options) for fmt in formats}
        drawn = [fmt for fmt, path in paths.items() if _ensure(spec, fmt, path, cache, options)]
        alt = alt_text(spec, options["script"], grouping=options.get("grouping"))
        results.append(ChartFile(spec=spec, alt=alt, paths=paths, drawn=tuple(drawn)))
    return results


def _ensure(
    spec: ChartSpec, fmt: str, target: Path, cache: Path | None, options: ChartOptions
) -> bool:
    """Make ``target`` exist: it is there, or is copied from the cache, or is drawn (True)."""
    if read_chart_file(target, fmt) is not None:
        return False
    cached = cache / target.name if cache is not None else None
    try:
        data = read_chart_file(cached, fmt) if cached is not None else None
        if data is not None:
            write_atomic(target, data)
            return False
        from .draw import draw

        data = draw(spec, fmt, **options)
        write_atomic(target, data)
        if cached is not None:
            write_atomic(cached, data)
    except OSError as exc:
        raise write_error(target, exc, "chart.write_failed") from None
    return True
