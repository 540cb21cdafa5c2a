"""Fonts a user names for the roles of the Word and PDF output (``meta.fonts``, ``--font``).

The print outputs set text in six roles: ``body`` (宋体/仿宋), ``title``
(小标宋), ``kai`` (楷体), ``sans`` (黑体), ``number`` (page numbers) and
``mono`` (code). By default the PDF uses the packaged open fonts and the Word
file names the usual Chinese fonts. A user may name, per role, a font file
(``.ttf``, ``.otf``, ``.ttc``; a relative path is taken from the data file's
folder) or the family name of an installed font (as fontconfig knows it, so a
Chinese name such as 仿宋_GB2312 is found too).

For the PDF, :func:`named_font` finds the font's files and the family name
Typst reads from them; the PDF lists that family first in the role's font list
and the packaged fonts after it (characters the font lacks still print), and
Typst is given only those files (system fonts stay ignored: the same fonts give
the same bytes). The Word file writes the name as given (a file's family name
for a path): Word finds the font on the reader's machine.

>>> ROLES
('body', 'title', 'kai', 'sans', 'number', 'mono')
>>> font = named_font("number", dejavu_sans_path())
>>> font.family, font.files[0].endswith("DejaVuSans.ttf"), font.word_name
('DejaVu Sans', True, 'DejaVu Sans')
>>> named_font("number", "仿宋_GB2312", look_up=False).word_name  # Word only: not looked up
'仿宋_GB2312'
>>> named_font("bodi", "仿宋_GB2312")
Traceback (most recent call last):
...
bulletin.errors.BulletinError: 未知的字体角色 “bodi”。是不是 “body”？
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import BulletinError, did_you_mean
from ..messages import text as _t

__all__ = [
    "ROLES",
    "NamedFont",
    "check_coverage",
    "dejavu_sans_path",
    "linked_fonts",
    "named_font",
]

#: The roles a font may be named for, in the order the docs list them.
ROLES = ("body", "title", "kai", "sans", "number", "mono")

#: Suffixes of the font files Typst and Word can use.
_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

#: The roles that set Chinese text (the others set digits and Latin letters).
_CJK_ROLES = frozenset({"body", "title", "kai", "sans"})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_SHOWN = 10


@dataclass(frozen=True)
class NamedFont:
    """A font named for ``role``: ``name`` as written, ``family`` as Typst reads it from
    ``files`` (the font files holding it; empty when not looked up), ``face`` the
    (file, index) of its regular face, ``where`` the data path it was written at."""

    role: str
    name: str
    family: str
    files: tuple[str, ...] = ()
    face: tuple[str, int] | None = None
    where: tuple[str, ...] | None = None

    @property
    def word_name(self) -> str:
        """The name a Word file gives: the family of a font file, else the name as written."""
        return self.family if _is_path(self.name) else self.name


def dejavu_sans_path() -> str:
    """The DejaVu Sans file matplotlib ships (a font every installation has; for examples)."""
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def _is_path(name: str) -> bool:
    return Path(name).suffix.lower() in _SUFFIXES or os.sep in name or "/" in name


def check_role(role: str) -> None:
    """Raise :class:`BulletinError` unless ``role`` is one of :data:`ROLES`."""
    if role not in ROLES:
        raise BulletinError(
            _t("fonts.unknown_role", role=role),
            hint=did_you_mean(role, ROLES)
            or _t("fonts.unknown_role.hint", roles=_t("list.separator").join(ROLES)),
        )


def named_font(
    role: str,
    value: str | os.PathLike[str],
    folder: str | os.PathLike[str] | None = None,
    *,
    look_up: bool = True,
    where: tuple[str, ...] | None = None,
) -> NamedFont:
    """The font ``value`` (a file, relative to ``folder``, or an installed family) for
    ``role``. ``look_up=False`` (Word only) looks up files only: a family name is
    kept as written, since the machine that opens the file provides it."""
    check_role(role)
    name = os.fspath(value).strip()
    path = Path(folder or ".") / name
    if name and path.is_file():
        family, files, face = _file_font(str(path.resolve()))
    elif not name or _is_path(name):
        raise BulletinError(
            _t("fonts.no_file", role=role, path=name), hint=_t("fonts.no_file.hint")
        )
    elif not look_up:
        return NamedFont(role, name, name, where=where)
    else:
        family, files, face = _installed_font(name)
    return NamedFont(role, name, family, files, face, where)


def _pick(faces: Sequence[Any]) -> Any:
    """The regular face among ``faces`` (the one Typst sets plain text with)."""
    return min(faces, key=lambda f: (f.style != "normal", abs(f.weight - 400), f.path, f.index))


@cache
def _file_font(path: str) -> tuple[str, tuple[str, ...], tuple[str, int]]:
    """(family, files, regular face) of a font file: its first face's family."""
    faces = _faces([path])
    if not faces:
        raise BulletinError(_t("fonts.unreadable", path=path), hint=_t("fonts.unreadable.hint"))
    first = min(faces, key=lambda f: f.index)
    face = _pick([f for f in faces if f.family == first.family])
    return first.family, (path,), (path, face.index)


@cache
def _installed_font(name: str) -> tuple[str, tuple[str, ...], tuple[str, int]]:
    """(family, files, regular face) of the installed family ``name``: Typst's own list of
    the system fonts (any case), else the files fontconfig gives for the name."""
    import typst

    system = typst.Fonts(include_system_fonts=True, include_embedded_fonts=False).fonts()
    folded = name.casefold()
    faces = [f for f in system if f.family.casefold() == folded and f.path]
    if not faces:
        from ..charts.fonts import fontconfig_faces

        listed = set(fontconfig_faces(name))
        found = _faces(sorted({path for path, _ in listed}))
        chosen = [f for f in found if (f.path, f.index) in listed]
        family = _pick(chosen).family if chosen else None
        faces = [f for f in found if f.family == family]
    if not faces:
        families = sorted({f.family for f in system})
        raise BulletinError(
            _t("fonts.not_found", name=name),
            hint=did_you_mean(name, families) or _t("fonts.not_found.hint"),
        )
    face = _pick(faces)
    files = tuple(sorted({str(f.path) for f in faces}))
    return face.family, files, (str(face.path), face.index)


def linked_fonts(folder: Path, files: Iterable[str]) -> None:
    """Make ``files`` appear in ``folder`` (links, else copies), for Typst's font list."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for k, file in enumerate(files):
        target = folder / f"{k}{Path(file).suffix.lower()}"
        try:
            target.symlink_to(file)
        except OSError:  # pragma: no cover - a system without symbolic links
            shutil.copyfile(file, target)


def _faces(files: Sequence[str]) -> list[Any]:
    """Typst's information on every face of ``files`` (paths as given)."""
    import typst

    if not files:
        return []
    with tempfile.TemporaryDirectory(prefix="bulletin-fonts-") as tmp:
        linked_fonts(Path(tmp), files)
        found = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=[tmp]
        ).fonts()
    real = {os.path.realpath(f): f for f in files}
    out = []
    for face in found:
        if face.path is not None:
            path = real.get(os.path.realpath(face.path), face.path)
            out.append(_Face(face.family, path, face.index, face.weight, face.style))
    return out


@dataclass(frozen=True)
class _Face:
    family: str
    path: str
    index: int
    weight: int
    style: str


def check_coverage(font: NamedFont, text: str) -> None:
    """Raise :class:`BulletinError` when ``font`` cannot show any character its role
    shows in ``text``: the Chinese characters for body, title, kai and sans, the
    digits for number and mono. (One it lacks some of is fine: the packaged font
    after it prints them.)

    >>> check_coverage(named_font("number", dejavu_sans_path()), "第1页")
    >>> check_coverage(named_font("body", dejavu_sans_path()), "卫生院")
    Traceback (most recent call last):
    ...
    bulletin.errors.BulletinError: 字体 “DejaVu Sans”（body）没有文中的任何一个字，如 “卫生院”。...
    """
    if font.face is None:
        return
    wanted = _HAN.findall(text) if font.role in _CJK_ROLES else list("0123456789")
    sample = "".join(dict.fromkeys(wanted))
    if not sample:
        return
    from ..charts.glyphs import missing_in_file

    path, index = font.face
    if len(missing_in_file(path, index, sample)) == len(sample):
        raise BulletinError(
            _t("fonts.no_glyphs", family=font.family, role=font.role, shown=sample[:_SHOWN]),
            hint=_t("fonts.no_glyphs.hint"),
            code="fonts.no_glyphs",
        )
