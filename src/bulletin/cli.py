"""The ``bulletin`` command: a thin layer over the library.

Every user mistake is printed as one line ``FILE:LINE:COL: message`` on
standard error with exit code 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import BulletinError

__all__ = ["main"]

EXIT_USER_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin",
        description="把数据文件（YAML）生成中文新闻稿、纪实或统计公报。",
        epilog="示例：bulletin render examples/zhaohua.yaml -o out",
    )
    parser.add_argument("--version", action="version", version=f"bulletin {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令")

    render = commands.add_parser("render", help="生成文章", description="把数据文件生成文章。")
    render.add_argument("file", type=Path, help="数据文件（.yaml）")
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("out"),
        metavar="DIR",
        help="输出文件夹（默认 out）",
    )
    render.add_argument(
        "-f",
        "--format",
        default="md,html",
        metavar="FMT",
        help="输出格式，多个用逗号分隔：md、html（默认 md,html）",
    )
    render.add_argument(
        "--assets",
        choices=("inline", "external"),
        default="inline",
        help="HTML 中的图表：inline 内嵌为单个文件（默认），external 引用单独的图片文件",
    )
    render.add_argument("--css", type=Path, metavar="FILE", help="追加到网页中的样式表")
    render.add_argument("--chart-tables", action="store_true", help="在每张图表下面附上它的数据表")
    render.add_argument(
        "--script",
        choices=("hans", "hant", "hant-tw", "hant-hk"),
        help="文字：hans 简体、hant 繁体、hant-tw 台湾、hant-hk 香港（默认按 meta.script）",
    )
    render.add_argument(
        "--template-dir",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="自定义模板文件夹，优先于内置模板（可重复）",
    )

    validate = commands.add_parser(
        "validate", help="检查数据文件", description="检查数据文件，不生成文章。"
    )
    validate.add_argument("files", type=Path, nargs="+", help="数据文件（.yaml）")
    return parser


def _error(err: BulletinError) -> None:
    print(str(err), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        if args.command == "render":
            from .render import render_file

            paths = render_file(
                args.file,
                args.output,
                formats=args.format,
                template_dirs=args.template_dir,
                assets=args.assets,
                css=args.css,
                script=args.script,
                chart_tables=args.chart_tables,
            )
            for path in paths:
                if path.parent == args.output:
                    print(path)
            return 0
        if args.command == "validate":
            from .render import render

            failed = False
            for file in args.files:
                try:
                    render(file)
                except BulletinError as err:
                    failed = True
                    _error(err)
                    for other in getattr(err, "others", ()):
                        _error(other)
            return EXIT_USER_ERROR if failed else 0
    except BulletinError as err:
        _error(err)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    return 0  # pragma: no cover
