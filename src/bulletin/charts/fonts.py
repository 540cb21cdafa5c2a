"""The CJK font every chart is drawn with.

Charts must show Chinese on a fresh machine with no system CJK font, so the
font ships as a pinned dependency: ``noto-cjk-sans-otc==0.0.1`` (SIL OFL), one
``NotoSansCJK-Regular.ttc`` holding Japanese, Korean, Simplified, Traditional
and Hong Kong faces. matplotlib ≥ 3.11 registers every face of a collection;
we register the file once per process and pick the regional face by script,
so 骨, 角, 说 take the glyph forms readers of each region expect.

A user may name another font: a path to a .ttf/.otf/.ttc file, or the family
name of an installed font (matplotlib's font list, else fontconfig's
``fc-list``: :func:`installed_family`). Whatever the font, it must have every
character the charts draw (:func:`bulletin.charts.glyphs.check_font`).

>>> face_for_script("hans"), face_for_script("hant-tw"), face_for_script("hant-hk")
('Noto Sans CJK SC', 'Noto Sans CJK TC', 'Noto Sans CJK HK')
>>> packaged_font_path().name
'NotoSansCJK-Regular.ttc'
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

from ..errors import BulletinError, did_you_mean
from ..messages import text as _t
from ..numbers.scripts import normalize_script

__all__ = [
    "FACES",
    "face_for_script",
    "font_family",
    "fontconfig_faces",
    "installed_family",
    "packaged_font_path",
    "register_fonts",
]

#: Face of the packaged collection for each script.
FACES = {
    "hans": "Noto Sans CJK SC",
    "hant": "Noto Sans CJK TC",
    "hant-tw": "Noto Sans CJK TC",
    "hant-hk": "Noto Sans CJK HK",
}

_lock = threading.Lock()
_registered: set[str] = set()
#: Set once the packaged font is registered (checked without touching the file system).
_packaged_registered = threading.Event()


def face_for_script(script: str = "hans") -> str:
    """The family name of the packaged face for ``script``."""
    return FACES[normalize_script(script)]


def packaged_font_path() -> Path:
    """Where the packaged Noto Sans CJK collection lies (no matplotlib import)."""
    try:
        import noto_cjk_sans_otc
    except ImportError:  # pragma: no cover - a pinned dependency
        raise BulletinError(
            _t("font.no_package"),
            hint=_t("font.no_package.hint"),
        ) from None
    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def register_fonts(path: str | os.PathLike[str] | None = None) -> None:
    """Add a font file (default: the packaged collection) to matplotlib, once per process."""
    if path is None and _packaged_registered.is_set():
        return
    font_path = Path(path) if path is not None else packaged_font_path()
    key = str(font_path.resolve())
    if key in _registered:
        return
    with _lock:
        if key in _registered:
            return
        if not font_path.is_file():
            raise BulletinError(
                _t("font.no_file", path=font_path),
                hint=_t("font.no_file.hint"),
            )
        from matplotlib import font_manager

        try:
            font_manager.fontManager.addfont(str(font_path))
        except Exception as exc:
            raise BulletinError(
                _t("font.unreadable", path=font_path, reason=exc),
                hint=_t("font.unreadable.hint"),
            ) from None
        _registered.add(key)
        if path is None:
            _packaged_registered.set()


def font_family(script: str = "hans", font: str | os.PathLike[str] | None = None) -> str:
    """Register what is needed and return the family name to draw ``script`` with.

    ``font`` may be a font file (its first face is used) or an installed family
    name (see :func:`installed_family`); ``None`` means the packaged Noto Sans
    CJK face for the script.
    """
    if font is None:
        register_fonts()
        return face_for_script(script)
    from matplotlib import font_manager

    text = os.fspath(font)
    if Path(text).suffix.lower() in (".ttf", ".otf", ".ttc", ".otc") or Path(text).is_file():
        register_fonts(text)
        return font_manager.FontProperties(fname=text).get_name()
    return installed_family(text)


def installed_family(name: str) -> str:
    """The family ``name`` as matplotlib knows it, found among the installed fonts.

    matplotlib's font list is looked at first (any case: ``dejavu sans`` is
    ``DejaVu Sans``). A font installed after matplotlib built its font cache is
    not in that list: then fontconfig (``fc-list``, where it exists) says which
    files hold the family, and they are added to matplotlib for this process.
    A family fontconfig knows by another name (思源黑体 for Source Han Sans)
    is found too.

    >>> installed_family("dejavu sans")
    'DejaVu Sans'
    """
    register_fonts()
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    found = _known(name, entries)
    if found is not None:
        return found
    faces = fontconfig_faces(name)
    for path, _index in faces:
        register_fonts(path)
    found = _known(name, entries)
    if found is None:
        by_face = {(e.fname, e.index): e.name for e in entries}
        found = next((by_face[f] for f in faces if f in by_face), None)
    if found is None:
        names = sorted({entry.name for entry in entries})
        raise BulletinError(
            _t("font.not_found", name=name),
            hint=did_you_mean(name, names) or _t("font.not_found.hint"),
        )
    return found


def _known(name: str, entries: list[Any]) -> str | None:
    """The name of the family called ``name`` (exactly, else in any case), if matplotlib has it."""
    names = {entry.name for entry in entries}
    if name in names:
        return name
    folded = name.strip().casefold()
    return next((n for n in sorted(names) if n.casefold() == folded), None)


#: Characters fontconfig's pattern syntax gives a meaning to.
_FC_SPECIAL = re.compile(r"([\\\-:,=])")


def fontconfig_faces(name: str) -> list[tuple[str, int]]:
    """(file, face index) of every face fontconfig lists for family ``name`` ([] without it)."""
    exe = shutil.which("fc-list")
    if exe is None or not name.strip():
        return []
    pattern = ":family=" + _FC_SPECIAL.sub(r"\\\1", name.strip())
    try:
        out = subprocess.run(
            [exe, "--format", "%{file}\t%{index}\n", pattern],
            capture_output=True, text=True, timeout=20, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in sorted(set(out.splitlines())):
        path, _, index = line.partition("\t")
        if Path(path).suffix.lower() in (".ttf", ".otf", ".ttc", ".otc") and Path(path).is_file():
            faces.append((path, int(index) if index.isdigit() else 0))
    return faces
