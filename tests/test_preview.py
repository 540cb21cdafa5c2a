"""bulletin preview: a loopback server that reloads the page when a source changes.

Every test runs the server in-process on an ephemeral port of 127.0.0.1, and every wait
is bounded.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bulletin.preview import EVENTS_PATH, HOST, Running, start
from bulletin.render import RenderOptions

TIMEOUT = 15.0
GOOD = "meta: {title: 预览标题}\nlead: 第一版正文。\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "demo.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (folder / "note.txt").write_text("inside", encoding="utf-8")
    return path


@pytest.fixture
def running(data: Path) -> Iterator[Running]:
    server = start(data, port=0)
    try:
        yield server
    finally:
        server.close()


def _get(running: Running, path: str, host: str | None = None) -> tuple[int, str]:
    port = running.server.server_address[1]
    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    try:
        headers = {"Host": host} if host else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Channel:
    """The reload channel, read line by line in a thread (so every read is bounded)."""

    def __init__(self, running: Running) -> None:
        port = running.server.server_address[1]
        self.connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        self.connection.request("GET", EVENTS_PATH)
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type").startswith("text/event-stream")
        self.events: list[tuple[str, str]] = []
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.wait(lambda e: e[0] == "" and e[1] == "retry")  # the channel is open

    def _read(self) -> None:
        name = ""
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("retry:"):
                    self._add(("", "retry"))
                elif line.startswith("event: "):
                    name = line[len("event: ") :]
                elif line.startswith("data: "):
                    self._add((name, line[len("data: ") :]))
        except (OSError, ValueError):
            pass

    def _add(self, event: tuple[str, str]) -> None:
        with self.arrived:
            self.events.append(event)
            self.arrived.notify_all()

    def wait(self, match, timeout: float = TIMEOUT) -> tuple[str, str] | None:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for event in self.events:
                    if match(event):
                        self.events.remove(event)
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.arrived.wait(left)

    def close(self) -> None:
        self.connection.close()


def test_page_is_served_with_the_reload_client(running: Running) -> None:
    assert running.url.startswith(f"http://{HOST}:")
    status, page = _get(running, "/")
    assert status == 200
    assert "预览标题" in page and "第一版正文。" in page
    assert EVENTS_PATH in page and "EventSource" in page
    assert 'bulletin-preview-problem" role' not in page  # no overlay after a good render


def test_a_change_reloads_through_the_channel(running: Running, data: Path) -> None:
    channel = Channel(running)
    try:
        data.write_text(GOOD.replace("第一版", "第二版"), encoding="utf-8")
        assert channel.wait(lambda e: e[0] == "reload"), "no reload event after the change"
        status, page = _get(running, "/")
        assert status == 200 and "第二版正文。" in page and "第一版" not in page
    finally:
        channel.close()


def test_an_error_shows_over_the_last_good_page(running: Running, data: Path) -> None:
    channel = Channel(running)
    try:
        data.write_text("meta: {title: 预览标题}\nlead: 正文 {{ frist }}。\n", encoding="utf-8")
        event = channel.wait(lambda e: e[0] == "problem")
        assert event is not None, "no problem event after the broken change"
        problems = json.loads(event[1])["problems"]
        assert problems and problems[0].startswith(f"{data}:2:")
        status, page = _get(running, "/")
        assert status == 200
        assert "第一版正文。" in page  # the last good render stays behind the overlay
        assert 'id="bulletin-preview-problem" role="alert"' in page
        assert f"{data}:2:" in page
        data.write_text(GOOD.replace("第一版", "修好的"), encoding="utf-8")
        assert channel.wait(lambda e: e[0] == "reload"), "no reload after the fix"
        page = _get(running, "/")[1]
        assert "修好的正文。" in page and 'id="bulletin-preview-problem" role' not in page
    finally:
        channel.close()


def test_user_text_in_an_error_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("meta: {title: <script>alert(1)</script>\n", encoding="utf-8")
    running = start(path, port=0)
    try:
        page = _get(running, "/")[1]
        assert running.server.preview.problems
        assert "<script>alert(1)" not in page
    finally:
        running.close()


ESCAPES = [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/..%2fsecret.txt",
    "//secret.txt",
    "/data/../../secret.txt",
    "/..\\secret.txt",
    "/.hidden",
    "/nothing.png",
    "/%00",
]


def test_nothing_outside_the_data_folder_is_served(running: Running) -> None:
    for path in ESCAPES:
        status, body = _get(running, path)
        assert (path, status) == (path, 404)
        assert "outside" not in body


def test_a_link_out_of_the_folder_is_not_followed(running: Running, data: Path) -> None:
    (data.parent / "link.txt").symlink_to(data.parent.parent / "secret.txt")
    assert _get(running, "/link.txt")[0] == 404


def test_files_in_the_data_folder_and_charts_are_served(tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(
        "meta: {title: 图}\nfigures:\n  doses:\n    label: 接种\n    unit: 剂次\n"
        "    value: 300\n    by: {甲镇: 100, 乙镇: 200}\n"
        "sections:\n  - heading: 一\n    text: 共{{ doses }}。\n",
        encoding="utf-8",
    )
    (tmp_path / "note.txt").write_text("inside", encoding="utf-8")
    running = start(path, port=0, options=RenderOptions(draw_charts=True))
    try:
        charts = [n for n in running.server.preview.assets if n.endswith(".svg")]
        assert charts, "the example has a chart"
        status, body = _get(running, "/" + charts[0])
        assert status == 200 and "<svg" in body
        assert _get(running, "/note.txt") == (200, "inside")
    finally:
        running.close()


def test_only_loopback_host_names_are_answered(running: Running) -> None:
    assert _get(running, "/", host="evil.example:80")[0] == 403
    assert running.server.server_address[0] == HOST


def test_the_command_line_has_preview() -> None:
    from bulletin.cli import _parser

    args = _parser().parse_args(["preview", "demo.yaml", "--port", "8123", "--open"])
    assert (args.command, args.port, args.open) == ("preview", 8123, True)


def test_a_missing_file_is_a_user_error(tmp_path: Path, capsys) -> None:
    from bulletin.cli import main

    assert main(["preview", str(tmp_path / "none.yaml")]) == 2
    assert "找不到数据文件" in capsys.readouterr().err
