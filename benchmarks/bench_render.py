"""Whole-document rendering: cold (charts drawn) against cached (charts reused), same process.

Run: python benchmarks/bench_render.py
The baseline is the same document resolved and composed into its Article (no chart
drawn, nothing emitted: ``bulletin.compose(bulletin.resolve(doc))``), so the ratios show
what the outputs and charts cost on top.

``--yaml`` times reading each data file instead (``load_yaml_file``: bytes to data and
marks) with libyaml's parser and with PyYAML's pure-Python one, in the same process.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from timing import best

import bulletin
from bulletin.load import yaml_reader

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def main() -> None:
    head = ("example", "compose", "cold render", "cached", "cached/cold")
    print(f"{head[0]:<12} {head[1]:>11} {head[2]:>12} {head[3]:>9} {head[4]:>12}")
    ratios = []
    for path in EXAMPLES:
        doc = bulletin.load(path)
        base = best(lambda doc=doc: bulletin.compose(bulletin.resolve(doc)))
        out = Path(tempfile.mkdtemp())

        def cold(path=path, out=out) -> None:
            shutil.rmtree(out, ignore_errors=True)
            bulletin.render_file(path, out)

        cold_ms = best(cold, 3)
        bulletin.render_file(path, out)
        warm_ms = best(lambda path=path, out=out: bulletin.render_file(path, out))
        shutil.rmtree(out, ignore_errors=True)
        ratio = warm_ms / cold_ms
        ratios.append(ratio)
        print(f"{path.stem:<12} {base:>9.1f}ms {cold_ms:>10.1f}ms {warm_ms:>7.1f}ms {ratio:>12.2f}")
    print(f"median cached/cold: {statistics.median(ratios):.2f}")


def yaml_main(repeat: int = 50) -> None:
    """Reading each data file: libyaml's parser against the pure-Python one."""
    libyaml = yaml_reader._LIBYAML_LOADER
    if libyaml is None:
        raise SystemExit("PyYAML here was built without libyaml")
    print(f"{'example':<12} {'libyaml':>9} {'pure':>9} {'pure/libyaml':>13}")
    try:
        for path in EXAMPLES:
            yaml_reader._LIBYAML_LOADER = libyaml
            fast = best(lambda path=path: yaml_reader.load_yaml_file(path), repeat)
            yaml_reader._LIBYAML_LOADER = None
            pure = best(lambda path=path: yaml_reader.load_yaml_file(path), repeat)
            print(f"{path.stem:<12} {fast:>7.2f}ms {pure:>7.2f}ms {pure / fast:>13.1f}")
    finally:
        yaml_reader._LIBYAML_LOADER = libyaml


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yaml", action="store_true", help="time reading the data files only")
    if parser.parse_args().yaml:
        yaml_main()
    else:
        main()
