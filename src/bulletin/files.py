"""Write output files all or none, only inside the output folder, as the umask says.

Everything is rendered in memory first. :func:`write_outputs` then writes each
file to a temporary name beside it (``.<name>.bulletin-<pid>-<random>.tmp``),
and only when every file is written renames them over the targets, keeping
the previous files aside until the last rename is done. A failure at any
point (a full disk, a charts path that is a file, Ctrl-C) removes what the
run wrote and puts the previous files back: the folder is as it was, with no
temporary file left. Temporary files that a killed run left behind are
removed by the next run into the same folder.

New files get the permissions the umask allows (like other tools: 644 under
the usual umask 022); a file that exists keeps its permissions.

>>> safe_target(Path("out"), "charts/a.svg").as_posix()
'out/charts/a.svg'
>>> safe_target(Path("out"), "../etc/passwd")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
bulletin.errors.BulletinError: 输出文件名 “../etc/passwd” 不能指向输出文件夹之外。...
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from .errors import BulletinError
from .messages import text as _t

__all__ = [
    "remove_stale",
    "safe_target",
    "temporary_name",
    "write_atomic",
    "write_error",
    "write_outputs",
]

#: Our temporary and set-aside files: ``.<name>.bulletin-<pid>-<random>.tmp``.
_OURS = re.compile(r"\.(?P<name>.+)\.bulletin-(?P<pid>\d+)-[0-9a-f]{8}\.tmp")

#: A temporary file of ours older than this (seconds) is stale whoever made it.
_STALE_AFTER = 3600


def safe_target(outdir: Path, name: str) -> Path:
    """Join ``name`` to ``outdir``, refusing absolute names and any ``..`` part."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or ":" in name:
        raise BulletinError(
            _t("files.outside_output", name=name),
            hint=_t("files.outside_output.hint"),
        )
    return outdir.joinpath(*pure.parts)


def temporary_name(path: Path) -> Path:
    """A fresh temporary name beside ``path`` that a later run recognises as ours.

    >>> bool(_OURS.fullmatch(temporary_name(Path("out/a.md")).name))
    True
    """
    return path.with_name(f".{path.name}.bulletin-{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _mode_for(path: Path) -> int | None:
    """The permissions ``path`` has now, if it exists (a re-render keeps them)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _write_new(path: Path, data: bytes, mode: int | None) -> None:
    """Create ``path`` (it must not exist) with ``data``: 0666 less the umask, or ``mode``."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if mode is not None:
                os.chmod(handle.fileno() if os.chmod in os.supports_fd else path, mode)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A new file follows the umask; an existing file keeps its permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    _write_new(tmp, data, _mode_for(path))
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_error(path: Path, exc: OSError, code: str = "file.write_failed") -> BulletinError:
    """The error for a file that cannot be written: which file, why, and what to check.

    >>> str(write_error(Path("out/a.md"), PermissionError(13, "Permission denied")))
    '无法写入 “out/a.md”：Permission denied。请检查输出文件夹的权限和磁盘空间'
    """
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        reason = _t("file.name_too_long")
    return BulletinError(
        _t(code, path=path, reason=reason), hint=_t("file.write_failed.hint"), code=code
    )


#: Folders this process has already swept (a batch writes thousands of documents into
#: one folder: looking through it for each of them would take time growing with its size).
_swept: set[str] = set()


def remove_stale(folders: Iterable[Path]) -> None:
    """Remove temporary files of ours that a killed run left in ``folders`` (each
    folder once per process: files left before this run are found the first time).

    A file is stale when the run that made it is gone, or it is over an hour old
    (a run on another machine sharing the folder). Other runs' live files stay.
    """
    now = time.time()
    for folder in folders:
        key = os.path.abspath(folder)
        if key in _swept:
            continue
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:  # made by this run: nothing left there by another
            _swept.add(key)
            continue
        except OSError:
            continue
        _swept.add(key)
        for entry in entries:
            found = _OURS.fullmatch(entry.name)
            if found is None or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                old = now - entry.stat(follow_symlinks=False).st_mtime > _STALE_AFTER
                if old or not _running(int(found["pid"])):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or we cannot tell: leave the file
    return True


class _Transaction:
    """The files of one run: written aside, then swapped in, or all undone."""

    def __init__(self) -> None:
        self.made_dirs: list[Path] = []
        self.staged: list[tuple[Path, Path]] = []  # (temporary, target)
        self.aside: list[tuple[Path, Path]] = []  # (set-aside previous file, target)
        self.placed: list[Path] = []

    def mkdir(self, folder: Path) -> None:
        missing = []
        for parent in (folder, *folder.parents):
            if parent.exists():
                if not parent.is_dir():  # out/charts is a file: name it, not a chart
                    raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(parent))
                break
            missing.append(parent)
        for parent in reversed(missing):
            parent.mkdir()
            self.made_dirs.append(parent)

    def stage(self, target: Path, data: bytes) -> None:
        self.mkdir(target.parent)
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        tmp = temporary_name(target)
        _write_new(tmp, data, _mode_for(target))
        self.staged.append((tmp, target))

    def commit(self) -> None:
        for tmp, target in self.staged:
            if target.exists():
                keep = temporary_name(target)
                os.replace(target, keep)
                self.aside.append((keep, target))
            os.replace(tmp, target)
            self.placed.append(target)
        self.staged = []
        for keep, _ in self.aside:
            keep.unlink(missing_ok=True)
        self.aside = []

    def rollback(self) -> None:
        """Undo everything; never raises (the first error is what the user needs)."""
        for tmp, _ in self.staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        for target in self.placed:
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)
        for keep, target in reversed(self.aside):
            with contextlib.suppress(OSError):
                os.replace(keep, target)
        for folder in reversed(self.made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()


def write_outputs(outdir: str | Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write every file (relative name → content) under ``outdir``, all or none; return the paths.

    All names are checked before anything is written; stale temporary files of
    earlier, killed runs are removed first.
    """
    root = Path(outdir)
    targets = [(safe_target(root, name), content) for name, content in files.items()]
    run = _Transaction()
    target = root
    try:
        if root.exists() and not root.is_dir():
            raise BulletinError(
                _t("files.output_not_folder", root=root), hint=_t("files.output_not_folder.hint")
            )
        remove_stale(dict.fromkeys(target.parent for target, _ in targets))
        for target, content in targets:
            run.stage(target, content.encode("utf-8") if isinstance(content, str) else content)
        target = root
        run.commit()
    except OSError as exc:
        run.rollback()
        failed = Path(exc.filename) if isinstance(exc.filename, str) else target
        raise write_error(_shown(failed, target), exc) from None
    except BaseException:
        run.rollback()
        raise
    return [target for target, _ in targets]


def _shown(failed: Path, target: Path) -> Path:
    """The path an error names: the user's file, not our temporary name for it."""
    found = _OURS.fullmatch(failed.name)
    return failed.with_name(found["name"]) if found else (failed if failed.name else target)
