"""What a second language costs: the example site built with its languages (``[en, fr]``)
and with the default language only, each first without the cache (as CI builds) and then
with it, a few times in turn; prints the medians and the ratios.

    python benchmarks/languages.py [--runs 3]

The issue's bar: a two-language build under 2.2 times the one-language build.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDERS = ("content", "data", "theme", "releases")


def project(base: Path, name: str, languages: bool) -> Path:
    """A copy of the example; without ``languages`` its mkdocs.yml builds the default only."""
    root = base / name
    root.mkdir()
    for folder in FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    if not languages:
        config = re.sub(r"^\s*languages: .*\n", "", config, flags=re.MULTILINE)
    (root / "mkdocs.yml").write_text(config, "utf-8")
    return root


def build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root,
        env=env,
        check=True,
    )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="ssa-languages-") as base:
        projects = {
            "one language": project(Path(base), "one", False),
            "two languages": project(Path(base), "two", True),
        }
        for _ in range(runs):
            for name, root in projects.items():
                shutil.rmtree(root / ".cache", ignore_errors=True)
                shutil.rmtree(root / "site", ignore_errors=True)
                times.setdefault((name, "cold"), []).append(build(root))
                times.setdefault((name, "warm"), []).append(build(root))
    median = {key: statistics.median(found) for key, found in times.items()}
    for (name, kind), seconds in sorted(median.items()):
        print(f"{name:14} {kind}: {seconds:5.2f} s (median of {runs})")
    for kind in ("cold", "warm"):
        ratio = median[("two languages", kind)] / median[("one language", kind)]
        print(f"two languages / one, {kind}: {ratio:.2f}x (bar: under 2.2x)")


if __name__ == "__main__":
    main()
