"""Photos the data file links: found beside the data file, copied into the output.

>>> from bulletin.load.validate import loads
>>> find_photos(loads("meta: {title: 标题}\\nsections:\\n  - image: {src: https://example.cn/a.jpg}\\n"))
{}
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BulletinError
from ..load.model import Document

__all__ = ["IMAGE_DIR", "MAX_PHOTO_BYTES", "Photo", "find_photos"]

#: Folder (inside the output folder) where the document's photos are copied.
IMAGE_DIR = "images"

#: Largest photo copied into the output (bytes).
MAX_PHOTO_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Photo:
    """A photo file: its name inside the output folder and its bytes."""

    name: str
    data: bytes


def find_photos(doc: Document) -> dict[str, Photo]:
    """Photos the data file links that exist in its folder, by ``src`` as written.

    Web addresses and missing files are left alone (the page shows a placeholder
    for a missing photo). A path leading out of the data file's folder, an
    unreadable file or one over :data:`MAX_PHOTO_BYTES` is an error at the image.
    """
    base = doc.folder.resolve()
    found: dict[str, Photo] = {}
    for i, section in enumerate(doc.sections):
        image = section.image
        if image is None or "://" in image.src or image.src in found:
            continue
        where = ("sections", i, "image", "src")
        path = (base / image.src).resolve()
        if not path.is_relative_to(base):
            raise BulletinError(
                f"图片 “{image.src}” 不在数据文件所在的文件夹里",
                hint="请把照片放在数据文件旁边（或其子文件夹）里，再写相对路径",
            ).at(where)
        if not path.is_file():
            continue
        try:
            size = path.stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise BulletinError(
                    f"图片 “{image.src}” 太大（{size // (1024 * 1024)} MB）",
                    hint=f"请压缩到 {MAX_PHOTO_BYTES // (1024 * 1024)} MB 以内",
                ).at(where)
            data = path.read_bytes()
        except OSError as exc:
            raise BulletinError(
                f"无法读取图片 “{image.src}”：{exc.strerror}", hint="请检查文件权限"
            ).at(where) from None
        found[image.src] = Photo(f"{IMAGE_DIR}/{path.name}", data)
    return found
