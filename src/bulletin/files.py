"""Write output files atomically and only inside the output folder.

Everything is rendered in memory first; then each file is written to a
temporary name in its folder and renamed over the target, so a reader never
sees half a file and an error leaves the folder as it was.

>>> safe_target(Path("out"), "charts/a.svg").as_posix()
'out/charts/a.svg'
>>> safe_target(Path("out"), "../etc/passwd")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
bulletin.errors.BulletinError: 输出文件名 “../etc/passwd” 不能指向输出文件夹之外。...
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .errors import BulletinError
from .messages import text as _t

__all__ = ["safe_target", "write_atomic", "write_error", "write_outputs"]


def safe_target(outdir: Path, name: str) -> Path:
    """Join ``name`` to ``outdir``, refusing absolute names and any ``..`` part."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or ":" in name:
        raise BulletinError(
            f"输出文件名 “{name}” 不能指向输出文件夹之外",
            hint="请只用文件名或子文件夹中的文件名",
        )
    return outdir.joinpath(*pure.parts)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_error(path: Path, exc: OSError, code: str = "file.write_failed") -> BulletinError:
    """The error for a file that cannot be written: which file, why, and what to check.

    >>> str(write_error(Path("out/a.md"), PermissionError(13, "Permission denied")))
    '无法写入 “out/a.md”：Permission denied。请检查输出文件夹的权限和磁盘空间'
    """
    return BulletinError(
        _t(code, path=path, reason=exc.strerror),
        hint=_t("file.write_failed.hint"),
        code=code,
    )


def write_outputs(outdir: str | Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write every file (relative name → content) under ``outdir``; return the paths.

    All names are checked before anything is written.
    """
    root = Path(outdir)
    targets = [(safe_target(root, name), content) for name, content in files.items()]
    if root.exists() and not root.is_dir():
        raise BulletinError(f"输出位置 “{root}” 已存在且不是文件夹", hint="请用 -o 指定一个文件夹")
    written = []
    for target, content in targets:
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            write_atomic(target, data)
        except OSError as exc:
            raise write_error(target, exc) from None
        written.append(target)
    return written
