"""Photos: only real images, by content; each under a name of its own."""

from __future__ import annotations

import re

import pytest
from PIL import Image

import bulletin


def _doc(folder, sections: str, name: str = "doc.yaml"):
    data = folder / name
    data.write_text("meta: {title: 标题}\nsections:\n" + sections, encoding="utf-8")
    return data


def test_a_file_that_is_not_an_image_is_refused(tmp_path):
    (tmp_path / ".env").write_text("SECRET=hunter2\n", encoding="utf-8")
    (tmp_path / "fake.png").write_text("SECRET=hunter2\n", encoding="utf-8")
    for src in (".env", "fake.png"):
        data = _doc(tmp_path, f"  - heading: 一\n    image: {{src: {src}}}\n")
        with pytest.raises(bulletin.BulletinError) as info:
            bulletin.render(data, formats=("md", "html"))
        hint = "照片请用 PNG、JPEG、GIF 或 WebP 格式的图片文件"
        message = f"{data}:4:18: “{src}” 不是图片文件。{hint}"
        assert str(info.value) == message
        # bulletin validate finds it too, at the same place
        assert [str(p) for p in bulletin.find_problems(bulletin.load(data))] == [message]


def test_an_image_is_known_by_its_content_not_its_name(tmp_path):
    Image.new("RGB", (4, 3), (200, 30, 30)).save(tmp_path / "photo.dat", format="JPEG")
    data = _doc(tmp_path, "  - heading: 一\n    image: {src: photo.dat}\n")
    result = bulletin.render(data, formats=("md",))
    [name] = [n for n in result.assets if n.startswith("images/")]
    assert re.fullmatch(r"images/photo-[0-9a-f]{8}\.jpg", name)


def test_photos_with_one_name_in_two_folders_stay_two_photos(tmp_path):
    for folder, colour in (("a", (200, 0, 0)), ("b", (0, 0, 200))):
        (tmp_path / "photos" / folder).mkdir(parents=True)
        Image.new("RGB", (4, 3), colour).save(tmp_path / "photos" / folder / "1.png")
    data = _doc(
        tmp_path,
        "  - heading: 一\n    image: {src: photos/a/1.png}\n"
        "  - heading: 二\n    image: {src: photos/b/1.png}\n",
    )
    out = tmp_path / "out"
    bulletin.render_file(data, out, formats=("md",))
    md = (out / "doc.md").read_text(encoding="utf-8")
    names = re.findall(r"\]\((images/[^)]+)\)", md)
    assert len(names) == 2 and names[0] != names[1]
    for name, folder in zip(names, "ab", strict=True):
        assert (out / name).read_bytes() == (tmp_path / "photos" / folder / "1.png").read_bytes()


def test_two_documents_in_one_folder_keep_their_photos(tmp_path):
    for name, colour in (("one", (200, 0, 0)), ("two", (0, 0, 200))):
        (tmp_path / name).mkdir()
        Image.new("RGB", (4, 3), colour).save(tmp_path / name / "1.png")
        data = _doc(tmp_path / name, "  - heading: 一\n    image: {src: 1.png}\n", f"{name}.yaml")
        bulletin.render_file(data, tmp_path / "out", formats=("md",))
    for name in ("one", "two"):
        md = (tmp_path / "out" / f"{name}.md").read_text(encoding="utf-8")
        [photo] = re.findall(r"\]\((images/[^)]+)\)", md)
        assert (tmp_path / "out" / photo).read_bytes() == (tmp_path / name / "1.png").read_bytes()


def test_a_subsections_photo_is_shown_and_written(tmp_path):
    """A subsection is like a section: its photo, points and quotes reach the article."""
    Image.new("RGB", (4, 3), (200, 30, 30)).save(tmp_path / "p.png")
    data = tmp_path / "s.yaml"
    data.write_text(
        "meta: {title: 标题, genre: statistical}\n"
        "sections:\n"
        "  - heading: 医疗资源\n"
        "    subsections:\n"
        "      - heading: 床位\n"
        "        text: 子。\n"
        "        points: [甲, 乙]\n"
        "        quote: {text: 很方便。, by: 王大爷}\n"
        "        image: {src: p.png, caption: 现场}\n",
        encoding="utf-8",
    )
    result = bulletin.render(data, formats=("md",))
    [name] = [n for n in result.assets if n.startswith("images/")]
    md = result["md"]
    assert f"![现场]({name})" in md
    assert md.index(name) < md.index("### （一）床位") < md.index("一是甲；二是乙。")
    assert "> “很方便。”" in md and "——王大爷" in md
