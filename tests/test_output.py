"""Output files stay inside the output folder and are written whole."""

from __future__ import annotations

import pytest

from bulletin.errors import BulletinError
from bulletin.files import write_outputs


@pytest.mark.parametrize(
    "name", ["../x.md", "/etc/x.md", "a/../../x.md", "C:/x.md", "..\\x.md", ""]
)
def test_names_cannot_escape(tmp_path, name):
    with pytest.raises(BulletinError, match="不能指向输出文件夹之外"):
        write_outputs(tmp_path / "out", {name: "x"})
    assert not (tmp_path / "out").exists()


def test_nested_names_and_overwrite(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, {"a.md": "旧", "charts/b.svg": b"<svg/>"})
    paths = write_outputs(out, {"a.md": "新"})
    assert paths == [out / "a.md"]
    assert (out / "a.md").read_text(encoding="utf-8") == "新"
    assert (out / "charts" / "b.svg").read_bytes() == b"<svg/>"
    assert sorted(p.name for p in out.rglob("*")) == ["a.md", "b.svg", "charts"]


def test_output_is_a_file(tmp_path):
    target = tmp_path / "out"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(BulletinError, match="不是文件夹"):
        write_outputs(target, {"a.md": "x"})
