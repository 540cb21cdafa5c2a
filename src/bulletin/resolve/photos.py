"""Photos the data file links: found beside the data file, copied into the output.

Only real images are taken, judged by their content (PNG, JPEG, GIF or WebP
that Pillow can read), never by the file name: ``image: {src: .env}`` is an
error, not a secrets file embedded in the page. Each photo is copied as
``images/<name>-<first 8 hex digits of its SHA-256>.<ext>``, so two photos
called ``1.png`` in different folders, or of two documents rendered into one
folder, never overwrite each other.

>>> from bulletin.load.validate import loads
>>> find_photos(loads("meta: {title: 标题}\\nsections:\\n  - image: {src: https://example.cn/a.jpg}\\n"))
{}
>>> photo_name("photos/a/1.png", b"one"), photo_name("photos/b/1.png", b"two")
('images/1-7692c3ad.png', 'images/1-3fc4ccfe.png')
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import BulletinError, DataPath
from ..load.model import Document
from ..messages import text as _t

__all__ = ["IMAGE_DIR", "IMAGE_FORMATS", "MAX_PHOTO_BYTES", "Photo", "find_photos", "photo_name"]

#: Folder (inside the output folder) where the document's photos are copied.
IMAGE_DIR = "images"

#: Largest photo copied into the output (bytes).
MAX_PHOTO_BYTES = 20 * 1024 * 1024

#: Image formats taken as photos (Pillow's names) and the extension each is copied with.
IMAGE_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}

#: Largest picture, in pixels, Pillow is asked to look at (a decompression bomb is refused).
_MAX_PIXELS = 100_000_000


@dataclass(frozen=True)
class Photo:
    """A photo file: its name inside the output folder and its bytes."""

    name: str
    data: bytes


def photo_name(src: str, data: bytes, extension: str | None = None) -> str:
    """The name a photo is copied under: its own name and a hash of its bytes."""
    pure = PurePosixPath(src.replace("\\", "/"))
    digest = hashlib.sha256(data).hexdigest()[:8]
    return f"{IMAGE_DIR}/{pure.stem or 'photo'}-{digest}{extension or pure.suffix.lower()}"


def _image_format(data: bytes) -> str | None:
    """The format of ``data`` if it is an image we take as a photo, else None."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format
            if kind not in IMAGE_FORMATS or picture.width * picture.height > _MAX_PIXELS:
                return None
            picture.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return kind


def find_photos(doc: Document) -> dict[str, Photo]:
    """Photos the data file links that exist in its folder, by ``src`` as written.

    Web addresses and missing files are left alone (the page shows a placeholder
    for a missing photo). A path leading out of the data file's folder, an
    unreadable file, one over :data:`MAX_PHOTO_BYTES` or one that is not an
    image is an error at the image.
    """
    base = doc.folder.resolve()
    found: dict[str, Photo] = {}
    for section, at in doc.every_section():
        image = section.image
        if image is None or "://" in image.src or image.src in found:
            continue
        where = (*at, "image", "src")
        path = (base / image.src).resolve()
        if not path.is_relative_to(base):
            raise BulletinError(
                _t("photo.outside_folder", src=image.src),
                hint=_t("photo.outside_folder.hint"),
            ).at(where)
        if not path.is_file():
            continue
        data = _read(path, image.src, where)
        kind = _image_format(data)
        if kind is None:
            raise BulletinError(
                _t("photo.not_an_image", src=image.src),
                hint=_t("photo.not_an_image.hint"),
                code="photo.not_an_image",
            ).at(where)
        found[image.src] = Photo(photo_name(image.src, data, _extension(path, kind)), data)
    return found


def _extension(path: Path, kind: str) -> str:
    """The file's own extension when it names its format (.jpeg stays .jpeg), else the format's."""
    own = path.suffix.lower()
    same = {".jpg", ".jpeg"} if kind == "JPEG" else {IMAGE_FORMATS[kind]}
    return own if own in same else IMAGE_FORMATS[kind]


def _read(path: Path, src: str, where: DataPath) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_PHOTO_BYTES:
            raise BulletinError(
                _t("photo.too_large", src=src, size=size // (1024 * 1024)),
                hint=_t("photo.too_large.hint", limit=MAX_PHOTO_BYTES // (1024 * 1024)),
            ).at(where)
        with path.open("rb") as handle:
            return handle.read(MAX_PHOTO_BYTES + 1)
    except OSError as exc:
        raise BulletinError(
            _t("photo.unreadable", src=src, reason=exc.strerror), hint=_t("photo.unreadable.hint")
        ).at(where) from None
