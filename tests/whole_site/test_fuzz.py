"""The mutation fuzzer of tests/fuzzing.py, on a bounded sample of the example project.

Every kind of mutation runs at least once (cache damage, kill -9 mid-build and two
concurrent builds included); none may end in a traceback, a leak, a partial site or a
site that differs from a clean build. ``SSA_FUZZ_RUNS=1000 SSA_FUZZ_SEED=7`` runs more.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest
from fuzzing import FAILURES, MUTATIONS, SAME_SITE, Fuzzer, classify, must_hide, summary

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

#: One run of each kind, then random ones: about a minute on two cores.
RUNS = int(os.environ.get("SSA_FUZZ_RUNS", len(MUTATIONS) + len(SAME_SITE) + 4))
SEED = int(os.environ.get("SSA_FUZZ_SEED", "1"))


def test_no_mutation_ends_in_a_traceback_a_leak_or_a_partial_site(tmp_path: Path) -> None:
    outcomes = list(Fuzzer(tmp_path).runs(SEED, RUNS, jobs=2))
    report = summary(outcomes)
    print(report)
    assert not [o for o in outcomes if o.verdict in FAILURES], report
    assert {o.kind for o in outcomes} >= {*MUTATIONS, *SAME_SITE}


def test_the_fuzzer_sees_a_leak(tmp_path: Path) -> None:
    """The classifier is not blind: a page that prints an internal canary is a leak."""
    fuzzer = Fuzzer(tmp_path)
    root = tmp_path / "leaky"
    shutil.copytree(fuzzer.template, root)
    hidden = sorted(t.decode() for t in must_hide(root))
    assert hidden, "the armed project has canaries"
    site = root / "out"
    site.mkdir()
    (site / "index.html").write_text(f"<p>{hidden[0]}</p>", "utf-8")
    verdict, detail = classify(root, 0, "")
    assert verdict == "leak" and hidden[0] in detail
