"""Live preview: serve the rendered page of a data file and reload it when a source changes.

``bulletin preview data.yaml`` renders the HTML page in memory and serves it on the
loopback interface only (127.0.0.1). A watcher (watchfiles) renders again when the data
file, a photo, a user template or the stylesheet changes, and tells the page through a
Server-Sent-Events channel (``/__bulletin__/events``): ``reload`` after a good render,
``problem`` with the one-line ``file:line:col`` messages after a failed one. A failed
render keeps the last good page and shows the messages over it; the next good render
clears them. Charts and photos are served from the render in memory; other files only from
inside the data file's folder (nothing outside it, no hidden file: 404).

>>> import tempfile, pathlib
>>> folder = tempfile.TemporaryDirectory()
>>> data = pathlib.Path(folder.name) / "demo.yaml"
>>> _ = data.write_text("meta: {title: 预览}\\nlead: 正文。\\n", encoding="utf-8")
>>> preview = Preview(data)
>>> preview.refresh()
True
>>> "预览" in preview.page() and preview.problems == ()
True
>>> _ = data.write_text("meta: {titel: 预览}\\n", encoding="utf-8")
>>> preview.refresh(), preview.problems[0].startswith(str(data))
(False, True)
>>> "预览" in preview.page() and "bulletin-preview-problem" in preview.page()
True
>>> preview.close(); folder.cleanup()
"""

from __future__ import annotations

import contextvars
import html
import json
import mimetypes
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import BulletinError
from .messages import get_language, language
from .messages import text as _t
from .render import RenderOptions, render

__all__ = [
    "DEFAULT_PORT",
    "EVENTS_PATH",
    "HOST",
    "Preview",
    "PreviewServer",
    "Running",
    "serve",
    "start",
]

#: The only interface the preview listens on.
HOST = "127.0.0.1"

#: The reload channel (Server-Sent Events).
EVENTS_PATH = "/__bulletin__/events"

#: The port tried first when none is given.
DEFAULT_PORT = 8000

#: Seconds between keep-alive comments on the reload channel.
HEARTBEAT = 10.0

_CLIENT = """<script>
(() => {
  const source = new EventSource("%(events)s");
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("problem", (event) => {
    let box = document.getElementById("bulletin-preview-problem");
    if (!box) {
      box = document.createElement("div");
      box.id = "bulletin-preview-problem";
      box.setAttribute("role", "alert");
      box.innerHTML = "<strong></strong><pre></pre>";
      document.body.appendChild(box);
    }
    const data = JSON.parse(event.data);
    box.querySelector("strong").textContent = data.title;
    box.querySelector("pre").textContent = data.problems.join("\\n");
  });
})();
</script>
"""

_OVERLAY_CSS = """<style>
#bulletin-preview-problem { position: fixed; left: 1rem; right: 1rem; bottom: 1rem; z-index: 9999;
  max-height: 60vh; overflow: auto; padding: 1rem 1.25rem; border-radius: 6px;
  background: rgba(120, 0, 0, 0.92); color: #fff; font: 15px/1.6 sans-serif;
  box-shadow: 0 4px 24px rgba(0, 0, 0, 0.35); }
#bulletin-preview-problem pre { margin: 0.5rem 0 0; white-space: pre-wrap;
  font: 14px/1.6 monospace; }
</style>
"""

_EMPTY_PAGE = (
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>bulletin 预览</title>'
    "</head><body><p>还没有生成成功的网页。</p></body></html>\n"
)


@dataclass
class Preview:
    """The rendered page of one data file, kept in memory, and what went wrong last.

    :meth:`refresh` renders again; :meth:`page` is the page to serve (the last good
    render, with the reload script and, after a failed render, the problems over it).
    """

    data: Path
    options: RenderOptions = field(default_factory=RenderOptions)
    html: str | None = None
    assets: dict[str, bytes] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    version: int = 0
    report: Callable[[tuple[str, ...]], None] | None = None

    def __post_init__(self) -> None:
        self.data = Path(self.data).resolve()
        self._cache = tempfile.TemporaryDirectory(prefix="bulletin-preview-")
        self.options = replace(self.options, assets="external", cache_dir=self._cache.name)
        self.changed = threading.Condition()

    @property
    def folder(self) -> Path:
        """The data file's folder: the only place files are served from."""
        return self.data.parent

    def refresh(self) -> bool:
        """Render again; tell the waiting pages. Return whether the render succeeded."""
        try:
            result = render(self.data, ("html",), options=self.options)
        except BulletinError as err:
            problems = tuple(str(p) for p in err.all())
        except Exception as exc:  # the preview outlives any failure of one render
            problems = (_t("preview.failed", file=self.data, kind=type(exc).__name__, reason=exc),)
        else:
            problems = ()
            self.html = str(result["html"])
            cached = {name: path.read_bytes() for name, path in result.cached.items()}
            self.assets = {**cached, **result.assets}  # charts kept in the cache are not read
            self._keep_charts()
        with self.changed:
            self.problems = problems
            self.version += 1
            self.changed.notify_all()
        if self.report is not None:
            self.report(problems)
        return not problems

    def _keep_charts(self) -> None:
        cache = Path(self._cache.name)
        for name, data in self.assets.items():
            target = cache / Path(name).name
            if name.startswith("charts/") and not target.exists():
                target.write_bytes(data)

    def page(self) -> str:
        """The page to serve: the last good render, the reload script, the problems."""
        page = self.html or _EMPTY_PAGE
        extra = _OVERLAY_CSS + _CLIENT % {"events": EVENTS_PATH}
        if self.problems:
            extra += _overlay(self.problems)
        at = page.rfind("</body>")
        return page[:at] + extra + page[at:] if at >= 0 else page + extra

    def event(self) -> str:
        """The Server-Sent Event that tells a page about the current state."""
        if not self.problems:
            return f"event: reload\ndata: {self.version}\n\n"
        payload = json.dumps(
            {"title": _t("preview.problem_title"), "problems": list(self.problems)},
            ensure_ascii=False,
        )
        return f"event: problem\ndata: {payload}\n\n"

    def file(self, url_path: str) -> tuple[bytes, str] | None:
        """The bytes and type of a file the page refers to, or ``None`` (never outside the folder).

        >>> Preview(Path("examples/zhaohua.yaml")).file("/../README.md") is None
        True
        """
        name = unquote(url_path).lstrip("/")
        parts = name.split("/")
        if not name or "\\" in name or "\0" in name or any(p.startswith(".") for p in parts):
            return None
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if name in self.assets:
            return self.assets[name], kind
        folder = self.folder.resolve()
        target = (folder / name).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            return None
        return target.read_bytes(), kind

    def close(self) -> None:
        """Remove the chart cache."""
        self._cache.cleanup()


def _overlay(problems: Sequence[str]) -> str:
    lines = html.escape("\n".join(problems))
    title = html.escape(_t("preview.problem_title"))
    return (
        f'<div id="bulletin-preview-problem" role="alert"><strong>{title}</strong>'
        f"<pre>{lines}</pre></div>\n"
    )


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        if not self.server.host_allowed(self.headers.get("Host", "")):
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain; charset=utf-8")
            return
        path = urlsplit(self.path).path
        preview = self.server.preview
        if path == EVENTS_PATH:
            self._events()
        elif path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, preview.page().encode("utf-8"), "text/html; charset=utf-8")
        elif (found := preview.file(path)) is not None:
            self._send(HTTPStatus.OK, *found)
        else:
            missing = (_t("preview.not_found") + "\n").encode()
            self._send(HTTPStatus.NOT_FOUND, missing, "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for message in self.server.messages():
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server for one :class:`Preview`, on 127.0.0.1 (``port=0``: any free port)."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int = 0) -> None:
        self.preview = preview
        self.closing = False
        self.language = get_language()  # each request's thread speaks the starter's language
        super().__init__((HOST, port), _Handler)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with language(self.language):
            super().process_request_thread(request, client_address)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def host_allowed(self, host: str) -> bool:
        """Only the names of the loopback address (no other site's pages may ask)."""
        port = self.server_address[1]
        return host in (f"{HOST}:{port}", f"localhost:{port}")

    def messages(self) -> Iterator[str]:
        """The reload channel: one event per new state, keep-alive comments between."""
        changed = self.preview.changed
        with changed:
            seen = self.preview.version
        yield "retry: 1000\n\n"
        while not self.closing:
            with changed:
                changed.wait_for(self._news(seen), timeout=HEARTBEAT)
                if self.closing:
                    return
                fresh = self.preview.version != seen
                seen = self.preview.version
                message = self.preview.event() if fresh else ": keep-alive\n\n"
            yield message

    def _news(self, seen: int) -> Callable[[], bool]:
        return lambda: self.closing or self.preview.version != seen

    def server_close(self) -> None:
        with self.preview.changed:
            self.closing = True
            self.preview.changed.notify_all()
        super().server_close()


def _watched(preview: Preview) -> list[Path]:
    """The data file's folder, the template folders and the stylesheet."""
    paths = [preview.folder, *(Path(d) for d in preview.options.template_dirs)]
    css = preview.options.css
    if css is not None:
        paths.append(Path(css))
    return [p for p in paths if p.exists()]


def watch(preview: Preview, stop: threading.Event) -> None:
    """Render again whenever a watched file changes, until ``stop`` is set."""
    from watchfiles import watch as changes

    for _ in changes(*_watched(preview), stop_event=stop, debounce=150, step=50):
        preview.refresh()


@dataclass
class Running:
    """A started preview: its server, watcher and the event that stops them."""

    server: PreviewServer
    stop: threading.Event
    threads: list[threading.Thread]

    @property
    def url(self) -> str:
        return self.server.url

    def close(self) -> None:
        """Stop watching and serving; wait for both."""
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        self.server.preview.close()


def start(
    data: str | Path,
    *,
    port: int = 0,
    options: RenderOptions | None = None,
    report: Callable[[tuple[str, ...]], None] | None = None,
) -> Running:
    """Render ``data``, serve it on 127.0.0.1 and watch its sources, in background threads.

    ``report`` is called with the problems (none after a good render) after every render.
    """
    preview = Preview(Path(data), options or RenderOptions(), report=report)
    preview.refresh()
    server = PreviewServer(preview, port)
    stop = threading.Event()
    # the threads run in a copy of this context: messages keep the caller's language
    threads = [
        threading.Thread(
            target=contextvars.copy_context().run,
            args=(server.serve_forever, 0.05),
            name="bulletin-preview",
            daemon=True,
        ),
        threading.Thread(
            target=contextvars.copy_context().run,
            args=(watch, preview, stop),
            name="bulletin-watch",
            daemon=True,
        ),
    ]
    for thread in threads:
        thread.start()
    return Running(server, stop, threads)


def _report(problems: tuple[str, ...]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr, flush=True)
    if not problems:
        print(_t("preview.rendered"), file=sys.stderr, flush=True)


def serve(
    data: str | Path,
    *,
    port: int | None = None,
    options: RenderOptions | None = None,
    open_browser: bool = False,
) -> None:
    """Run the preview until interrupted (Ctrl+C), printing its address and problems.

    With no ``port``, :data:`DEFAULT_PORT` is used when it is free, another free port if not.
    """
    try:
        running = start(data, port=DEFAULT_PORT if port is None else port, options=options,
                        report=_report)  # fmt: skip
    except OSError:
        if port is not None:
            raise
        running = start(data, port=0, options=options, report=_report)
    print(_t("preview.address", url=running.url), flush=True)
    if open_browser:
        webbrowser.open(running.url)
    try:
        running.stop.wait()
    finally:
        running.close()
