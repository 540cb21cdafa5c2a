"""The CJK font every chart is drawn with.

Charts must show Chinese on a fresh machine with no system CJK font, so the
font ships as a pinned dependency: ``noto-cjk-sans-otc==0.0.1`` (SIL OFL), one
``NotoSansCJK-Regular.ttc`` holding Japanese, Korean, Simplified, Traditional
and Hong Kong faces. matplotlib ≥ 3.11 registers every face of a collection;
we register the file once per process and pick the regional face by script,
so 骨, 角, 说 take the glyph forms readers of each region expect.

A user may name another font: a path to a .ttf/.otf/.ttc file, or the family
name of a font matplotlib already knows.

>>> face_for_script("hans"), face_for_script("hant-tw"), face_for_script("hant-hk")
('Noto Sans CJK SC', 'Noto Sans CJK TC', 'Noto Sans CJK HK')
>>> packaged_font_path().name
'NotoSansCJK-Regular.ttc'
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..errors import BulletinError, did_you_mean
from ..numbers.scripts import normalize_script

__all__ = ["FACES", "face_for_script", "font_family", "packaged_font_path", "register_fonts"]

#: Face of the packaged collection for each script.
FACES = {
    "hans": "Noto Sans CJK SC",
    "hant": "Noto Sans CJK TC",
    "hant-tw": "Noto Sans CJK TC",
    "hant-hk": "Noto Sans CJK HK",
}

_lock = threading.Lock()
_registered: set[str] = set()


def face_for_script(script: str = "hans") -> str:
    """The family name of the packaged face for ``script``."""
    return FACES[normalize_script(script)]


def packaged_font_path() -> Path:
    """Where the packaged Noto Sans CJK collection lies (no matplotlib import)."""
    try:
        import noto_cjk_sans_otc
    except ImportError:  # pragma: no cover - a pinned dependency
        raise BulletinError(
            "缺少中文字体包 noto-cjk-sans-otc",
            hint="请运行 pip install noto-cjk-sans-otc==0.0.1，或用 font= 指定字体文件",
        ) from None
    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def register_fonts(path: str | os.PathLike[str] | None = None) -> None:
    """Add a font file (default: the packaged collection) to matplotlib, once per process."""
    font_path = Path(path) if path is not None else packaged_font_path()
    key = str(font_path.resolve())
    if key in _registered:
        return
    with _lock:
        if key in _registered:
            return
        if not font_path.is_file():
            raise BulletinError(
                f"找不到字体文件 “{font_path}”",
                hint="请写出 .ttf、.otf 或 .ttc 文件的完整路径",
            )
        from matplotlib import font_manager

        try:
            font_manager.fontManager.addfont(str(font_path))
        except Exception as exc:
            raise BulletinError(
                f"无法读取字体文件 “{font_path}”：{exc}",
                hint="请使用 TrueType/OpenType 字体（.ttf、.otf、.ttc）",
            ) from None
        _registered.add(key)


def font_family(script: str = "hans", font: str | os.PathLike[str] | None = None) -> str:
    """Register what is needed and return the family name to draw ``script`` with.

    ``font`` may be a font file (its first face is used) or an installed family
    name; ``None`` means the packaged Noto Sans CJK face for the script.
    """
    if font is None:
        register_fonts()
        return face_for_script(script)
    from matplotlib import font_manager

    text = os.fspath(font)
    if Path(text).suffix.lower() in (".ttf", ".otf", ".ttc", ".otc") or Path(text).is_file():
        register_fonts(text)
        return font_manager.FontProperties(fname=text).get_name()
    names = sorted({entry.name for entry in font_manager.fontManager.ttflist})
    if text not in names:
        raise BulletinError(
            f"找不到字体 “{text}”",
            hint=did_you_mean(text, names) or "请写字体文件的路径，如 /usr/share/fonts/xxx.ttc",
        )
    return text
