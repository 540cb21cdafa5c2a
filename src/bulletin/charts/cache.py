"""Write chart files once: names carry a hash of everything that shapes the picture.

A chart's key is a SHA-256 over its spec (:meth:`ChartSpec.to_dict`), the style
(:func:`~bulletin.charts.style.style_digest`), the script, the font, the format,
the resolution and the versions of bulletin and matplotlib. The file name is
``<name>-<first 10 hex digits of the key>.<fmt>``, so

* the output folder is itself the cache: when the named file exists, it is
  up to date and nothing is drawn, read or written (matplotlib is not even
  imported);
* an optional ``cache_dir`` (for example a user cache such as
  ``~/.cache/bulletin/charts``) survives a deleted output folder: a file found
  there is copied instead of drawn, and every drawn file is stored there too.

Files are written atomically (temporary file + rename), so a reader never sees
half a chart. Old files of changed charts are left in place.

>>> from bulletin.charts.spec import ChartSpec, Series
>>> spec = ChartSpec("bar", "各乡镇接种剂次", ["元坝镇"], [Series("", [10234])],
...                  name="doses_by_town")
>>> name = chart_file_name(spec, "svg")
>>> name.startswith("doses_by_town-") and name.endswith(".svg") and len(name) == 28
True
>>> chart_file_name(spec, "svg") == name != chart_file_name(spec, "svg", script="hant")
True
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import BulletinError
from ..files import write_atomic
from ..numbers.scripts import normalize_script
from .alt import alt_text
from .spec import ChartSpec
from .style import DPI, style_digest

__all__ = ["ChartFile", "chart_file_name", "chart_key", "render_chart_files"]


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
        from .. import __version__

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


def chart_key(
    spec: ChartSpec,
    fmt: str,
    *,
    script: str = "hans",
    font: str | os.PathLike[str] | None = None,
    dpi: int | None = None,
) -> str:
    """The SHA-256 hex key of one chart file (spec, style, script, font, format, versions)."""
    payload = {
        "spec": spec.digest(),
        "style": style_digest(),
        "script": normalize_script(script),
        "font": _font_id(font),
        "fmt": fmt,
        "dpi": dpi or DPI if fmt == "png" else None,
        "versions": _versions(),
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_UNSAFE = re.compile(r"[^0-9A-Za-z_\-\u4e00-\u9fff]+")


def _slug(name: str) -> str:
    slug = _UNSAFE.sub("-", name).strip("-")[:40]
    return slug or "chart"


def chart_file_name(
    spec: ChartSpec,
    fmt: str,
    *,
    script: str = "hans",
    font: str | os.PathLike[str] | None = None,
    dpi: int | None = None,
) -> str:
    """The file name of a chart: ``<slug>-<10 hex>.<fmt>`` (see the module docs)."""
    key = chart_key(spec, fmt, script=script, font=font, dpi=dpi)
    return f"{_slug(spec.name)}-{key[:10]}.{fmt}"


def render_chart_files(
    specs: Iterable[ChartSpec],
    outdir: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("svg", "png"),
    script: str = "hans",
    font: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    dpi: int | None = None,
) -> list[ChartFile]:
    """Make sure every chart exists in ``outdir`` in every format; draw only what is missing.

    Returns one :class:`ChartFile` per spec, in order, with the alt text in
    ``script``. See the module docs for names and the cache.
    """
    out = Path(outdir)
    cache = Path(cache_dir) if cache_dir is not None else None
    script = normalize_script(script)
    results = []
    for spec in specs:
        paths: dict[str, Path] = {}
        drawn: list[str] = []
        for fmt in formats:
            name = chart_file_name(spec, fmt, script=script, font=font, dpi=dpi)
            target = out / name
            paths[fmt] = target
            if target.is_file():
                continue
            cached = cache / name if cache is not None else None
            try:
                if cached is not None and cached.is_file():
                    out.mkdir(parents=True, exist_ok=True)
                    tmp = out / f".{name}.tmp"
                    shutil.copyfile(cached, tmp)
                    os.replace(tmp, target)
                    continue
                from .draw import draw

                data = draw(spec, fmt, script=script, font=font, dpi=dpi)
                write_atomic(target, data)
                if cached is not None:
                    write_atomic(cached, data)
            except OSError as exc:
                raise BulletinError(
                    f"无法写入图表文件 “{target}”：{exc.strerror}",
                    hint="请检查输出文件夹的权限和磁盘空间",
                ) from None
            drawn.append(fmt)
        results.append(
            ChartFile(spec=spec, alt=alt_text(spec, script), paths=paths, drawn=tuple(drawn))
        )
    return results
