"""Headline line breaking (bulletin.emit._lines): where its word list is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_the_word_list_is_cached_in_the_users_cache_folder_not_the_shared_temp(tmp_path: Path):
    cache, temp = tmp_path / "cache", tmp_path / "temp"
    temp.mkdir()
    env = dict(
        os.environ,
        XDG_CACHE_HOME=str(cache),
        TMPDIR=str(temp),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
    )
    code = (
        "from bulletin.emit._lines import segments; print('/'.join(segments('卫生健康事业发展')))"
    )
    for _ in range(2):  # built, then read back
        proc = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == "卫生健康/事业/发展"
    assert (cache / "bulletin" / "jieba.cache").is_file()
    assert list(temp.iterdir()) == []
