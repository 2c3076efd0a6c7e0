"""Caches (ssa_site.cache, page_cache, downloads.stored) never change what is built."""

from __future__ import annotations

import dataclasses
import logging
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import grimp
import pytest
from in_process_builds import build, forget

from ssa_site.authoring.synth import SynthOptions, write_synth
from ssa_site.base.problems import Problems
from ssa_site.cache import pages as page_cache
from ssa_site.cache import store as cache
from ssa_site.cache import workers
from ssa_site.charts.svg import Chart, Series, cached_svg, render_svg
from ssa_site.downloads import generator
from ssa_site.load.plans import load_plans
from ssa_site.model.plan import Value
from ssa_site.pages.performance import chart_assets

if TYPE_CHECKING:
    from collections.abc import Iterator

TINY = SynthOptions(plans=2, results=4, indicators=5, periods=4, seed=11)
PACKAGE = Path(cache.__file__).parent.parent


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_synth(root, TINY)
    return root


@pytest.fixture(autouse=True)
def _fresh_process_memory() -> Iterator[None]:
    """Each test starts as a new process would: nothing kept in memory."""
    forget()
    yield
    forget()


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def assert_same_site(one: Path, other: Path) -> None:
    first, second = files_of(one), files_of(other)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, different[:10]


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_cached_builds_are_byte_identical_to_an_uncached_build(
    synthetic: Path, tmp_path: Path, audience: str
) -> None:
    uncached = build(synthetic, tmp_path / "uncached", audience, cached=False)
    assert not (synthetic / ".cache" / "ssa" / "pages").exists()
    cold = build(synthetic, tmp_path / "cold", audience)
    for kind in ("packages", "charts", "downloads", "pages", "html", "checks"):
        assert any((synthetic / ".cache" / "ssa" / kind).rglob("*")), kind
    forget()  # a new process: everything from disk
    warm = build(synthetic, tmp_path / "warm", audience)
    again = build(synthetic, tmp_path / "again", audience)  # in-process, like serve
    for site in (cold, warm, again):
        assert_same_site(uncached, site)


@pytest.mark.slow
def test_each_kind_of_cache_turns_off_alone(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SSA_CACHE_OFF (how benchmarks/mechanisms.py measures each cache) keeps only the
    kinds it names out of .cache/ssa, and the site is the same."""
    cached = build(synthetic, tmp_path / "cached")
    store = synthetic / ".cache" / "ssa"
    shutil.rmtree(store)
    forget()
    monkeypatch.setenv(cache.KINDS_OFF_ENV, "pages,charts")
    without = build(synthetic, tmp_path / "without")
    assert not (store / "pages").exists()
    assert not (store / "charts").exists()
    for kind in ("packages", "downloads", "html", "checks"):
        assert any((store / kind).rglob("*")), kind
    assert set(cache.KINDS) >= {"pages", "charts", "packages", "downloads", "html", "checks"}
    assert_same_site(cached, without)


@pytest.mark.slow
@pytest.mark.parametrize("serving", [False, True], ids=["new process", "serve rebuild"])
def test_a_changed_csv_is_loaded_again(synthetic: Path, tmp_path: Path, serving: bool) -> None:
    build(synthetic, tmp_path / "before")
    values = synthetic / "data" / "plan-001" / "values.csv"
    lines = values.read_text("utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("I-001,FY2023-Q1,actual,"))
    cells = lines[row].split(",")
    cells[3] = "987654"
    lines[row] = ",".join(cells)
    values.write_text("".join(lines), "utf-8")
    if not serving:
        forget()
    after = build(synthetic, tmp_path / "after")
    page = (after / "plans" / "plan-001" / "indicators" / "I-001" / "index.html").read_text()
    assert "987,654" in page
    assert_same_site(build(synthetic, tmp_path / "fresh", cached=False), after)


@pytest.mark.slow
def test_the_audience_is_in_every_key(synthetic: Path, tmp_path: Path) -> None:
    """An internal build first fills every cache; the public build after it must not
    reuse a single internal page, chart or download."""
    internal = build(synthetic, tmp_path / "internal", "internal")
    assert "Embassy note" in (internal / "plans" / "plan-001" / "index.html").read_text()
    public = build(synthetic, tmp_path / "public", "public")
    assert_same_site(build(synthetic, tmp_path / "uncached", "public", cached=False), public)
    text = b"".join(files_of(public).values())
    for marker in (b"Embassy note", b"Internal \xe2\x80\x94 not for public release"):
        assert marker not in text
    assert not (public / "plans" / "plan-001" / "indicators" / "I-002").exists()


@pytest.mark.slow
def test_a_serve_rebuild_renders_only_the_edited_narrative(
    synthetic: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    served = tmp_path / "served"
    build(synthetic, served)
    narrative = synthetic / "content" / "plans" / "plan-001" / "index.md"
    narrative.write_text(narrative.read_text("utf-8") + "\nAn edit made while serving.\n")
    with caplog.at_level(logging.INFO):
        build(synthetic, served)  # same process: the config and plugin are new, memory is not
    line = next(r.getMessage() for r in caplog.records if "unchanged since" in r.getMessage())
    numbers = [int(word) for word in line.replace("(", " ").split() if word.isdigit()]
    generated, reused = numbers[:2]
    assert reused == generated - 2  # the plan page and the home page (never cached)
    page = (served / "plans" / "plan-001" / "index.html").read_text("utf-8")
    assert "An edit made while serving." in page
    assert_same_site(build(synthetic, tmp_path / "fresh", cached=False), served)


def test_a_cached_load_reports_the_same_problems(synthetic: Path) -> None:
    results = synthetic / "data" / "plan-001" / "results.csv"
    lines = results.read_text("utf-8").splitlines()
    lines[0] += ",colour"
    lines[1:] = [line + ",blue" for line in lines[1:]]
    results.write_text("\n".join(lines) + "\n", "utf-8")
    values = synthetic / "data" / "plan-002" / "values.csv"
    values.write_text(values.read_text("utf-8").replace("baseline,", "baseline,many", 1), "utf-8")

    def load() -> tuple[list[object], list[str]]:
        problems = Problems()
        plans = load_plans(synthetic / "data", synthetic, problems)
        return list(plans), [f"{p} [{p.severity.value}]" for p in problems]

    fresh_plans, fresh_problems = load()
    assert any("colour" in p and "[warning]" in p for p in fresh_problems)
    assert any("many" in p and "[error]" in p for p in fresh_problems)
    forget()
    cached_plans, cached_problems = load()
    assert cached_problems == fresh_problems
    assert cached_plans == fresh_plans
    assert [p.directory for p in cached_plans] == [p.directory for p in fresh_plans]


@pytest.fixture(scope="module")
def import_graph() -> grimp.ImportGraph:
    """The package's imports at run time (all of them, inside functions too; not those
    for type checkers only), as import-linter reads them."""
    return grimp.build_graph("ssa_site", exclude_type_checking_imports=True, cache_dir=None)


@pytest.mark.parametrize(
    ("module", "code"),
    [
        ("ssa_site.load.plans", cache.LOADING_CODE),
        ("ssa_site.charts.svg", cache.CHART_CODE),
        ("ssa_site.load.checks", cache.CHECK_CODE),
        ("ssa_site.pages.html", page_cache.HTML_CODE),
    ],
)
def test_cache_keys_name_every_module_the_result_depends_on(
    module: str, code: tuple[str, ...], import_graph: grimp.ImportGraph
) -> None:
    """A cache key names the code of every module its result is made by, so that an edit
    to any of them makes the result again."""
    modules = {module, *import_graph.find_upstream_modules(module)}
    files = set()
    for name in modules:
        relative = Path(*name.split(".")[1:])
        if (PACKAGE / relative / "__init__.py").is_file():
            files.add((relative / "__init__.py").as_posix())
        else:
            files.add(relative.with_suffix(".py").as_posix())
    named = {c for c in code if c.endswith(".py")}
    folders = [c for c in code if not c.endswith(".py")]
    missing = {
        f
        for f in files - named
        if not any(f.startswith(folder + "/") for folder in folders)
        and not f.endswith("__init__.py")
    }
    assert not missing, f"{module}: add {sorted(missing)} to its cache key's code"


def test_cache_key_code_names_files_that_exist() -> None:
    for code in (cache.LOADING_CODE, cache.CHART_CODE, cache.CHECK_CODE, page_cache.HTML_CODE):
        for name in code:
            assert (PACKAGE / name).exists(), name


def test_disk_cache_round_trip_and_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = cache.DiskCache(tmp_path, "things")
    entry = cache.key(("cache.py",), "thing", 1)
    assert disk.get(entry) is None
    disk.put(entry, {"a": (1, 2)})
    assert disk.get(entry) == {"a": (1, 2)}
    assert [p.name for p in disk.folder.rglob(".tmp-*")] == []
    disk.path(entry, ".pickle").write_bytes(b"not a pickle")
    assert disk.get(entry) is None  # damaged entries are missing entries
    monkeypatch.setenv(cache.DISABLE_ENV, "0")
    off = cache.DiskCache(tmp_path, "things")
    assert off.put_bytes(entry, b"x") is None
    assert off.get_bytes(entry, ".pickle") is None


def test_keys_are_stable_and_canonical() -> None:
    one = cache.key(("cache.py",), cache.canonical({"b": frozenset({"y", "x"}), "a": [1]}))
    two = cache.key(("cache.py",), cache.canonical({"a": (1,), "b": {"x", "y"}}))
    assert one == two
    assert cache.key(("cache.py",), "public") != cache.key(("cache.py",), "internal")


def test_a_cached_chart_is_the_drawn_chart(tmp_path: Path) -> None:
    chart = Chart(
        path="assets/charts/p/i.svg",
        kind="line",
        title="Trend <of> & values",
        description="A test chart",
        x_labels=("2023", "2024"),
        series=(Series("Actual", (1.0, 2.5), "#0072B2"),),
    )
    file = cached_svg(chart, tmp_path)
    assert file is not None and file.read_bytes() == render_svg(chart)
    assert cached_svg(chart, tmp_path) == file  # found, not drawn again
    other = Chart(**{**chart.__dict__, "title": "Another title"})
    assert cached_svg(other, tmp_path) != file


def test_values_pickle_every_field() -> None:
    """Value has its own __reduce__ (speed): it must carry every field, in order."""
    names = [f.name for f in dataclasses.fields(Value)]
    value = Value(*(f"field {n}" for n in range(len(names))))
    copy = pickle.loads(pickle.dumps(value))
    assert [getattr(copy, n) for n in names] == [getattr(value, n) for n in names]


def test_a_linked_folder_is_part_of_the_digest(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "plan"
    real.mkdir(parents=True)
    (real / "values.csv").write_text("a\n", "utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "plan").symlink_to(real, target_is_directory=True)
    before = cache.tree_digest(data)
    (real / "values.csv").write_text("b\n", "utf-8")
    assert cache.tree_digest(data) != before


def test_parallel_work_gives_the_same_results_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "_PER_WORKER", 1)
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    assert workers.workers(10) == 2
    words = [f"word {n}" for n in range(10)]
    assert workers.parallel_map(str.upper, words) == [w.upper() for w in words]
    charts = [
        Chart(
            path=f"assets/charts/p/{n}.svg",
            kind="line",
            title=f"Chart {n}",
            description="A test chart",
            x_labels=("2023", "2024"),
            series=(Series("Actual", (1.0, float(n)), "#0072B2"),),
        )
        for n in range(4)
    ]
    files = [Path(asset.abs_src_path or "") for asset in chart_assets(charts, tmp_path)]
    assert [f.read_bytes() for f in files] == [render_svg(c) for c in charts]
    monkeypatch.setenv(workers.WORKERS_ENV, "1")
    assert workers.workers(1000) == 1


UNGUARDED = """
import os
from ssa_site.cache import workers
workers._PER_WORKER = 1
os.environ[workers.WORKERS_ENV] = "2"
print("script ran", flush=True)
print(workers.parallel_map(str.upper, ["a", "b", "c", "d"]))
"""


def test_workers_never_run_the_callers_script_again(tmp_path: Path) -> None:
    """A script calling mkdocs' build() without a __main__ guard must not be run by the
    worker processes (spawn would import it again)."""
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED, "utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.count("script ran") == 1, done.stdout + done.stderr
    assert "['A', 'B', 'C', 'D']" in done.stdout


def test_templates_are_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are made from templates: a changed template must change the pages' keys."""
    (tmp_path / "templates" / "ssa").mkdir(parents=True)
    template = tmp_path / "templates" / "ssa" / "page.html"
    template.write_text("<p>{{ one }}</p>", "utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    cache.code_fingerprint.cache_clear()
    try:
        before = cache.code_fingerprint(("",))
        template.write_text("<p>{{ two }}</p>", "utf-8")
        cache.code_fingerprint.cache_clear()
        assert cache.code_fingerprint(("",)) != before
    finally:
        cache.code_fingerprint.cache_clear()


def _pooled_build(root: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cold build whose new charts and downloads go to worker processes, however few."""
    monkeypatch.setattr(workers, "_PER_WORKER", 1)
    monkeypatch.setattr(generator, "BACKGROUND_VALUES", 0)
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    return build(root, site)


@pytest.mark.slow
def test_charts_drawn_in_worker_processes_are_the_charts_drawn_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    inline_root, pooled_root = tmp_path / "inline", tmp_path / "pooled"
    write_synth(inline_root, TINY)
    write_synth(pooled_root, TINY)
    monkeypatch.setenv(workers.WORKERS_ENV, "1")
    inline = build(inline_root, tmp_path / "site-inline")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        pooled = _pooled_build(pooled_root, tmp_path / "site-pooled", monkeypatch)
    assert "new ones being drawn in worker processes" in caplog.text
    assert "file(s) in worker processes, done" in caplog.text
    # The downloads were written by a worker: the build took them from the cache.
    assert "written by a worker process during this build" in caplog.text
    assert "Wrote" not in caplog.text
    charts = [name for name in files_of(pooled) if name.startswith("assets/charts/")]
    assert len(charts) > 20
    assert_same_site(inline, pooled)


@pytest.mark.slow
def test_a_chart_the_cache_cannot_hold_is_still_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inline_root, pooled_root = tmp_path / "inline", tmp_path / "pooled"
    write_synth(inline_root, TINY)
    write_synth(pooled_root, TINY)
    inline = build(inline_root, tmp_path / "site-inline", cached=False)
    blocked = pooled_root / ".cache" / "ssa" / "charts"
    blocked.parent.mkdir(parents=True)
    blocked.write_text("not a folder: no chart can be stored here", "utf-8")
    pooled = _pooled_build(pooled_root, tmp_path / "site-pooled", monkeypatch)
    assert_same_site(inline, pooled)
