"""The public rendering entry points: document in, texts (and files) out.

>>> import bulletin
>>> doc = bulletin.loads("meta: {title: 办实事解难题 服务人民健康}\\nlead: 正文。\\n")
>>> result = bulletin.render(doc, formats=("md",))
>>> result["md"].splitlines()[0]
'# 办实事解难题 服务人民健康'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compose.view import compose
from .errors import BulletinError, did_you_mean
from .files import write_outputs
from .load.model import Document
from .load.validate import load
from .numbers.scripts import normalize_script
from .resolve.chart_plan import CHART_DIR

__all__ = ["ASSET_MODES", "DEFAULT_FORMATS", "FORMATS", "Rendered", "render", "render_file"]

#: Output formats this version can write.
FORMATS = ("md", "html", "docx")

#: What ``bulletin render`` writes when no format is named.
DEFAULT_FORMATS = ("md", "html")

#: How the HTML page carries chart images.
ASSET_MODES = ("inline", "external")


@dataclass(frozen=True)
class Rendered:
    """The result of :func:`render`, all in memory.

    ``outputs`` maps a format (``"md"``) to the document text (``"docx"`` to
    the bytes of the Word file); ``assets`` maps relative file names
    (``charts/…svg``) to bytes the texts refer to.
    """

    stem: str
    outputs: dict[str, str | bytes]
    assets: dict[str, bytes] = field(default_factory=dict)

    def __getitem__(self, fmt: str) -> Any:
        """The text of ``fmt`` (``str``), or the bytes for ``"docx"``."""
        return self.outputs[fmt]

    def files(self) -> dict[str, bytes | str]:
        """Every file to write, by name relative to the output folder."""
        named: dict[str, bytes | str] = {
            f"{self.stem}.{fmt}": text for fmt, text in self.outputs.items()
        }
        named.update(self.assets)
        return named


def _formats(formats: str | Iterable[str]) -> list[str]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    result = []
    for item in (i.strip().lower().lstrip(".") for i in items):
        if item == "markdown":
            item = "md"
        if item not in FORMATS:
            raise BulletinError(
                f"不支持的输出格式 “{item}”",
                hint=did_you_mean(item, FORMATS) or "可选：" + "、".join(FORMATS),
            )
        if item not in result:
            result.append(item)
    if not result:
        raise BulletinError("没有指定输出格式", hint="可选：" + "、".join(FORMATS))
    return result


def render(
    doc: Document | str | Path | Mapping[str, Any],
    formats: str | Sequence[str] = DEFAULT_FORMATS,
    *,
    script: str | None = None,
    template_dirs: Sequence[str | Path] = (),
    stem: str | None = None,
    assets: str = "inline",
    css: str | Path | None = None,
    chart_tables: bool = False,
    cache_dir: str | Path | None = None,
    draw_charts: bool = True,
    font: str | Path | None = None,
) -> Rendered:
    """Render a document (or a path to a data file) into the given formats, in memory.

    ``assets`` is ``"inline"`` (charts inside the HTML page, one self-contained
    file) or ``"external"`` (the page links the chart files). ``css`` is a
    stylesheet file added to the page's own. ``chart_tables`` adds each chart's
    data as a table under it. Chart files found in ``cache_dir`` (same name,
    which encodes the spec, style and versions) are reused instead of drawn.
    ``draw_charts=False`` composes everything but draws no chart (the texts
    still refer to the chart files), for checks and quick previews. ``font``
    (default ``meta.chart_font``) is a font file or installed family for charts.
    """
    wanted = _formats(formats)
    if assets not in ASSET_MODES:
        raise BulletinError(
            f"不支持的图片方式 “{assets}”", hint="可选：inline（内嵌）、external（单独文件）"
        )
    extra_css = _read_css(css)
    if not isinstance(doc, Document):
        if stem is None and isinstance(doc, (str, Path)):
            stem = Path(doc).stem
        doc = load(doc)
    if stem is None:
        file = getattr(doc, "file", "")
        stem = Path(file).stem if file and not file.startswith("<") else "bulletin"
    outputs: dict[str, str | bytes] = {}
    script = normalize_script(script or doc.meta.script)
    photos = _photos(doc)
    chart_font = _chart_font(doc, font)
    composition = compose(
        doc,
        script=script,
        template_dirs=template_dirs,
        chart_tables=chart_tables,
        image_paths={src: name for src, (name, _) in photos.items()},
        font=chart_font,
    )
    markdown = composition.markdown
    chart_files = (
        _chart_files(composition.charts, script, cache_dir, chart_font) if draw_charts else {}
    )
    chart_files.update({name: data for name, data in photos.values()})
    if "md" in wanted:
        outputs["md"] = markdown
    if "html" in wanted:
        from .emit.html import render_html

        outputs["html"] = render_html(
            markdown,
            script=script,
            meta=doc.meta,
            assets=chart_files,
            svg_for={chart.png: chart.svg for chart in composition.charts},
            inline_assets=assets == "inline",
            template_dirs=template_dirs,
            extra_css=extra_css,
        )
    if "docx" in wanted:
        from .emit.docx import render_docx

        outputs["docx"] = render_docx(
            markdown,
            script=script,
            meta=doc.meta,
            assets=chart_files,
            charts={chart.png for chart in composition.charts},
        )
    return Rendered(stem=stem, outputs=outputs, assets=chart_files)


def _chart_files(
    charts: Sequence[Any], script: str, cache_dir: str | Path | None, font: str | None = None
) -> dict[str, bytes]:
    """Every chart as SVG and PNG bytes, by relative file name; cached files are reused."""
    files: dict[str, bytes] = {}
    for chart in charts:
        for fmt, name in (("svg", chart.svg), ("png", chart.png)):
            cached = Path(cache_dir) / Path(name).name if cache_dir is not None else None
            if cached is not None and cached.is_file():
                files[name] = cached.read_bytes()
                continue
            from .charts import draw

            files[name] = draw(chart.spec, fmt, script=script, font=font)
    return files


_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def _chart_font(doc: Document, font: str | Path | None) -> str | None:
    """The chart font: an explicit one, else ``meta.chart_font`` (a path is taken
    relative to the data file and must exist; a family name is checked when drawing)."""
    if font is not None:
        return str(font)
    name = doc.meta.chart_font
    if not name:
        return None
    file = getattr(doc, "file", "")
    base = Path(file).parent if file and not file.startswith("<") else Path.cwd()
    path = base / name
    if path.is_file():
        return str(path.resolve())
    if Path(name).suffix.lower() in _FONT_SUFFIXES:
        marks = getattr(doc, "marks", None)
        line, col = marks.value(("meta", "chart_font")) if marks else (None, None)
        raise BulletinError(
            f"找不到字体文件 “{name}”",
            file=file or None,
            line=line,
            col=col,
            hint="字体文件路径相对于数据文件所在的文件夹；不写 chart_font 则用随包安装的思源黑体",
        )
    return name


#: Folder (inside the output folder) where the document's photos are copied.
IMAGE_DIR = "images"


#: Largest photo copied into the output (bytes).
MAX_PHOTO_BYTES = 20 * 1024 * 1024


def _photos(doc: Document) -> dict[str, tuple[str, bytes]]:
    """Photos the data file links that exist in its folder: src → (name in output, bytes).

    Web addresses and missing files are left alone (the page shows a placeholder
    for a missing photo). A path leading out of the data file's folder, an
    unreadable file or one over :data:`MAX_PHOTO_BYTES` is an error at the image.
    """
    file = getattr(doc, "file", "")
    marks = getattr(doc, "marks", None)
    base = (Path(file).parent if file and not file.startswith("<") else Path.cwd()).resolve()
    found: dict[str, tuple[str, bytes]] = {}
    for i, section in enumerate(doc.sections):
        image = section.image
        if image is None or "://" in image.src or image.src in found:
            continue

        def fail(message: str, hint: str, i: int = i) -> BulletinError:
            line, col = marks.value(("sections", i, "image", "src")) if marks else (None, None)
            return BulletinError(message, file=file or None, line=line, col=col, hint=hint)

        path = (base / image.src).resolve()
        if not path.is_relative_to(base):
            raise fail(
                f"图片 “{image.src}” 不在数据文件所在的文件夹里",
                "请把照片放在数据文件旁边（或其子文件夹）里，再写相对路径",
            )
        if not path.is_file():
            continue
        try:
            size = path.stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise fail(
                    f"图片 “{image.src}” 太大（{size // (1024 * 1024)} MB）",
                    f"请压缩到 {MAX_PHOTO_BYTES // (1024 * 1024)} MB 以内",
                )
            data = path.read_bytes()
        except OSError as exc:
            raise fail(f"无法读取图片 “{image.src}”：{exc.strerror}", "请检查文件权限") from None
        found[image.src] = (f"{IMAGE_DIR}/{path.name}", data)
    return found


def _read_css(css: str | Path | None) -> str:
    if css is None:
        return ""
    try:
        return Path(css).read_text(encoding="utf-8")
    except OSError as exc:
        raise BulletinError(
            f"无法读取样式文件：{exc.strerror}", file=str(css), hint="请检查 --css 给出的路径"
        ) from None
    except UnicodeDecodeError:
        raise BulletinError("样式文件不是 UTF-8 编码", file=str(css)) from None


def render_file(
    path: str | Path | Document,
    outdir: str | Path = "out",
    *,
    formats: str | Sequence[str] = DEFAULT_FORMATS,
    script: str | None = None,
    template_dirs: Sequence[str | Path] = (),
    assets: str = "inline",
    css: str | Path | None = None,
    chart_tables: bool = False,
    font: str | Path | None = None,
) -> list[Path]:
    """Render the data file at ``path`` (or a loaded document) and write the results.

    Nothing is written unless the whole document renders; each file is
    written atomically. Returns the written paths, documents first.
    """
    result = render(
        path,
        formats,
        script=script,
        template_dirs=template_dirs,
        assets=assets,
        css=css,
        chart_tables=chart_tables,
        cache_dir=Path(outdir) / CHART_DIR,
        font=font,
    )
    return write_outputs(outdir, result.files())
