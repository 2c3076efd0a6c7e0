"""A seeded mutation fuzzer over the example project.

Each run copies the example project, armed with canaries (every internal row, every
internal field of any row, every internal passage and internal page carries a token
``FZCANARY…``), applies one mutation an author, a tool or a disk could make (byte flips,
truncation, encodings, delimiters, headers, removed and extra columns, links, front
matter, visibility spellings, numbers, periods, cache damage, interrupted and concurrent
builds), runs ``mkdocs build`` for the public as a user does, and classifies the outcome:

- ``ok``: exit 0, and no canary that the mutated input still marks internal anywhere in
  the output (every file, every member of every zip, gzip files);
- ``clean-error``: non-zero exit, the output names a file of the project, no traceback,
  and no page written;
- ``traceback``, ``leak``, ``partial`` (pages written by a failed build, or a site without
  its home page), ``timeout``: failures;
- ``cache``, ``interrupt`` and ``concurrent`` runs must give a site byte-identical to a
  clean build of the same input (``different`` otherwise).

``python tests/fuzzing.py --runs 1000 --seed 1 --jobs 2`` runs it from the command line
and prints the figures; ``tests/whole_site/test_fuzz.py`` runs a bounded sample.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

REPO = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
TOKEN = re.compile(rb"FZCANARY\d+X")
INTERNAL_FIELDS = ("responsible", "limitations", "dqa_last", "budget", "me_budget", "comment")
_TEXT_COLUMNS = ("title", "text", "statement", "description", "definition", "mitigation")
_NAMES_A_FILE = re.compile(r"(?:data|content)/\S+|mkdocs\.yml|datapackage\.json|\.csv\b|\.md\b")
BUILD_TIMEOUT = 300
FAILURES = ("traceback", "leak", "partial", "timeout", "different")


# -- the armed project ---------------------------------------------------------------------


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def token(self) -> str:
        self.n += 1
        return f"FZCANARY{self.n}X"


def arm(root: Path) -> None:
    """Put a canary into everything internal of the project at ``root``."""
    counter = Counter()
    for path in sorted((root / "data").rglob("*.csv")):
        _arm_csv(path, counter)
    for path in sorted((root / "content").rglob("*.md")):
        _arm_markdown(path, counter)


def _arm_csv(path: Path, counter: Counter) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    if not rows:
        return
    header, body = rows[0], rows[1:]
    text_column = next((header.index(c) for c in _TEXT_COLUMNS if c in header), None)
    for row in body:
        cells = dict(zip(header, row, strict=False))
        if cells.get("visibility", "").strip() == "internal" and text_column is not None:
            row[text_column] = f"{row[text_column]} {counter.token()}"
        for name in ("responsible", "limitations"):  # internal fields of public rows
            if name in header and row[header.index(name)].strip():
                index = header.index(name)
                row[index] = f"{row[index]} {counter.token()}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8")


_OPEN = re.compile(r"^(\s*)(/{3,})\s*internal\b")


def _arm_markdown(path: Path, counter: Counter) -> None:
    text = path.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        out.append(line)
        match = _OPEN.match(line)
        if match:
            out.append(f"{match.group(1)}Internal note {counter.token()}.\n\n")
    text = "".join(out)
    if re.search(r"(?m)^visibility:\s*internal\s*$", text.split("\n---", 1)[0]):
        text = text.rstrip("\n") + f"\n\nInternal page {counter.token()}.\n"
    path.write_text(text, encoding="utf-8")


def must_hide(root: Path) -> set[bytes]:
    """The canaries the (mutated) project still marks internal: in a row whose visibility
    is anything but public or blank, in an internal field, in a package or page marked
    internal, or in an internal block of a page."""
    hidden: set[bytes] = set()
    for package in sorted((root / "data").glob("*")):
        descriptor = package / "datapackage.json"
        package_internal = False
        try:
            meta = json.loads(descriptor.read_text("utf-8-sig")).get("ssa", {})
            package_internal = str(meta.get("visibility", "public")).strip() not in ("public", "")
        except (OSError, ValueError, AttributeError):
            package_internal = False
        for path in sorted(package.glob("*.csv")):
            hidden |= _hidden_in_csv(path, package_internal)
    for path in sorted((root / "content").rglob("*.md")):
        hidden |= _hidden_in_markdown(path)
    return hidden


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes() if path.is_file() else b""
    except OSError:
        return b""


def _hidden_in_csv(path: Path, package_internal: bool) -> set[bytes]:
    data = _read(path)
    tokens = set(TOKEN.findall(data))
    if package_internal or not tokens:
        return tokens
    hidden: set[bytes] = set()
    text = data.decode("utf-8-sig", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return tokens  # unreadable: any canary in it must stay hidden
    header = [h.strip() for h in rows[0]] if rows else []
    for row in rows[1:]:
        cells = dict(zip(header, row, strict=False))
        row_tokens = set(TOKEN.findall(",".join(row).encode()))
        if cells.get("visibility", "").strip() not in ("public", ""):
            hidden |= row_tokens
        for name in INTERNAL_FIELDS:
            hidden |= set(TOKEN.findall(cells.get(name, "").encode()))
        if len(row) != len(header):
            hidden |= row_tokens  # a row the columns no longer describe
    return hidden


def _hidden_in_markdown(path: Path) -> set[bytes]:
    data = _read(path)
    tokens = set(TOKEN.findall(data))
    if not tokens:
        return tokens
    text = data.decode("utf-8", errors="replace")
    front = text.split("\n---", 1)[0] if text.startswith("---") else ""
    visibility = re.search(r"(?m)^visibility:\s*(.*)$", front)
    if visibility and visibility.group(1).strip().strip("'\"") not in ("public", ""):
        return tokens
    hidden: set[bytes] = set()
    depth: list[str] = []
    internal_depth = 0
    for line in text.splitlines():
        fence = re.match(r"^\s*(/{3,})(.*)$", line)
        if fence:
            slashes, rest = fence.group(1), fence.group(2).strip()
            if rest:  # an opening fence: /// name
                depth.append(slashes)
                if rest.split()[0].lower().startswith("internal") and not internal_depth:
                    internal_depth = len(depth)
            elif depth:  # a closing fence
                depth.pop()
                if internal_depth and len(depth) < internal_depth:
                    internal_depth = 0
            continue
        if internal_depth:
            hidden |= set(TOKEN.findall(line.encode()))
    return hidden


def found_tokens(site: Path) -> set[bytes]:
    """Every canary in every file of a built site, zip and gzip members included."""
    found: set[bytes] = set()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            found |= _tokens_in(path.name, path.read_bytes())
            found |= set(TOKEN.findall(path.name.encode()))
    return found


def _tokens_in(name: str, data: bytes) -> set[bytes]:
    found = set(TOKEN.findall(data))
    try:
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    found |= _tokens_in(member, archive.read(member))
        elif name.endswith(".gz"):
            found |= _tokens_in(name.removesuffix(".gz"), gzip.decompress(data))
    except (zipfile.BadZipFile, OSError, EOFError):
        pass
    return found


# -- mutations -------------------------------------------------------------------------------

Mutation = "Callable[[random.Random, Path], str]"


def _files(root: Path, pattern: str, folder: str = "") -> list[Path]:
    base = root / folder if folder else root
    return sorted(p for p in base.rglob(pattern) if p.is_file() and not p.is_symlink())


def _data_file(rng: random.Random, root: Path) -> Path:
    return rng.choice(_files(root, "*.csv", "data") + _files(root, "datapackage.json", "data"))


def _any_file(rng: random.Random, root: Path) -> Path:
    return rng.choice(_files(root, "*.csv", "data") + _files(root, "*.md", "content"))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def byte_flip(rng: random.Random, root: Path) -> str:
    path = _any_file(rng, root)
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))
    return f"flip bytes in {_rel(root, path)}"


def truncate(rng: random.Random, root: Path) -> str:
    path = _any_file(rng, root)
    data = path.read_bytes()
    cut = rng.randrange(len(data) + 1) if data else 0
    path.write_bytes(data[:cut])
    return f"truncate {_rel(root, path)} at {cut}"


def encoding(rng: random.Random, root: Path) -> str:
    path = _any_file(rng, root)
    text = path.read_text("utf-8")
    choice = rng.choice(["latin-1", "utf-16", "bom", "cp1252", "crlf"])
    if choice == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    elif choice == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode())
    else:
        path.write_bytes(text.encode(choice, errors="replace"))
    return f"{choice} {_rel(root, path)}"


def delimiter(rng: random.Random, root: Path) -> str:
    path = rng.choice(_files(root, "*.csv", "data"))
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    sep = rng.choice([";", "\t", "|"])
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return f"delimiter {sep!r} in {_rel(root, path)}"


def _table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"))))


def _write_table(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def header(rng: random.Random, root: Path) -> str:
    path = rng.choice(_files(root, "*.csv", "data"))
    rows = _table(path)
    index = rng.randrange(len(rows[0]))
    old = rows[0][index]
    new = rng.choice([old.upper(), f" {old}", f"{old} ", old + "s", "", rows[0][0], "notes"])
    rows[0][index] = new
    _write_table(path, rows)
    return f"header {old!r} → {new!r} in {_rel(root, path)}"


def remove_column(rng: random.Random, root: Path) -> str:
    path = rng.choice(_files(root, "*.csv", "data"))
    rows = _table(path)
    index = rng.randrange(len(rows[0]))
    name = rows[0][index]
    _write_table(path, [r[:index] + r[index + 1 :] for r in rows])
    return f"remove column {name!r} of {_rel(root, path)}"


def extra_column(rng: random.Random, root: Path) -> str:
    path = rng.choice(_files(root, "*.csv", "data"))
    rows = _table(path)
    name = rng.choice(["notes", "source", "Sex", "region ", "comment2"])
    words = ["checked with customs", "Female", "female ", "<script>x</script>", "=1+1"]
    rows = [rows[0] + [name]] + [[*r, rng.choice([*words, ""])] for r in rows[1:]]
    _write_table(path, rows)
    return f"extra column {name!r} in {_rel(root, path)}"


def link(rng: random.Random, root: Path) -> str:
    path = _data_file(rng, root)
    path.unlink()
    target = rng.choice(["self", "outside", "missing", "other"])
    if target == "self":
        path.symlink_to(path.name)
    elif target == "outside":
        path.symlink_to("/etc/hostname")
    elif target == "missing":
        path.symlink_to("no-such-file.csv")
    else:
        other = rng.choice(_files(root, "*.csv", "data"))
        path.symlink_to(os.path.relpath(other, path.parent))
    return f"{_rel(root, path)} → link ({target})"


def front_matter(rng: random.Random, root: Path) -> str:
    path = rng.choice(_files(root, "*.md", "content"))
    text = path.read_text("utf-8")
    choice = rng.choice(["unclosed", "tab", "list", "no-dashes", "duplicate", "date"])
    if choice == "unclosed":
        text = text.replace("\n---\n", "\n", 1) if text.startswith("---") else "---\n" + text
    elif choice == "tab":
        text = text.replace(": ", ":\t", 2)
    elif choice == "list":
        text = "---\n- a\n- b\n---\n" + text
    elif choice == "no-dashes":
        text = text.replace("---\n", "", 2)
    elif choice == "duplicate":
        text = text.replace("---\n", "---\ntitle: A\ntitle: B\n", 1)
    else:
        text = re.sub(r"(?m)^(\w+): \d{4}-\d{2}-\d{2}$", r"\1: yesterday", text, count=1)
    path.write_text(text, encoding="utf-8")
    return f"front matter {choice} in {_rel(root, path)}"


_VISIBILITY_SPELLINGS = ["Internal", "INTERNAL", " internal", "internal ", "intern", "private"]


def visibility(rng: random.Random, root: Path) -> str:
    spelling = rng.choice(_VISIBILITY_SPELLINGS)
    candidates = [
        p
        for p in _files(root, "*.csv", "data") + _files(root, "*.md", "content")
        if "internal" in p.read_text("utf-8", errors="replace")
    ]
    path = rng.choice(candidates)
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        if rng.random() < 0.5 and "/// internal" in text:
            slashes = rng.choice(["////", "/////", "///"])
            text = text.replace("/// internal", f"{slashes} {spelling.strip() or 'internal'}")
            text = re.sub(r"(?m)^///\s*$", slashes, text)
        else:
            text = text.replace("visibility: internal", f"visibility: {spelling}")
    else:
        text = text.replace(",internal", f",{spelling}")
    path.write_text(text, encoding="utf-8")
    return f"visibility {spelling!r} in {_rel(root, path)}"


_NUMBERS = ["1e400", "1e-400", "１２", "٣", "NaN", "inf", "-0", "1,234", "12%", "", "0x10", "½"]


def numbers(rng: random.Random, root: Path) -> str:
    path = rng.choice(
        [p for p in _files(root, "values.csv", "data")] + _files(root, "initiatives.csv", "data")
    )
    rows = _table(path)
    column = "value" if "value" in rows[0] else "budget"
    index = rows[0].index(column)
    row = rng.randrange(1, len(rows))
    new = rng.choice(_NUMBERS)
    rows[row][index] = new
    _write_table(path, rows)
    return f"{column} {new!r} at {_rel(root, path)}:{row + 1}"


_PERIODS = [
    "FY2099",
    "2024-Q5",
    "2024-13",
    "FY24",
    "2020-11-02/2025-06-30",
    "2025-06-30/2020-11-02",
]


def periods(rng: random.Random, root: Path) -> str:
    path = rng.choice(_files(root, "values.csv", "data"))
    rows = _table(path)
    index = rows[0].index("period")
    row = rng.randrange(1, len(rows))
    new = rng.choice([*_PERIODS, "FY2027", "2031", ""])
    rows[row][index] = new
    _write_table(path, rows)
    return f"period {new!r} at {_rel(root, path)}:{row + 1}"


MUTATIONS: dict[str, Callable[[random.Random, Path], str]] = {
    "byte-flip": byte_flip,
    "truncate": truncate,
    "encoding": encoding,
    "delimiter": delimiter,
    "header": header,
    "remove-column": remove_column,
    "extra-column": extra_column,
    "link": link,
    "front-matter": front_matter,
    "visibility": visibility,
    "numbers": numbers,
    "periods": periods,
}
#: Runs that must end byte-identical to a clean build of the unmutated project.
SAME_SITE = ("cache", "interrupt", "concurrent")


# -- runs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    number: int
    kind: str
    mutation: str
    verdict: str
    detail: str = ""


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SSA_AUDIENCE", None)
    env.pop("SSA_CACHE", None)
    env["SSA_WORKERS"] = "1"
    return env


def build(root: Path, out: str = "out") -> tuple[int | None, str]:
    """``mkdocs build`` as a user runs it: exit status (None: timed out) and output."""
    try:
        done = subprocess.run(
            [str(MKDOCS), "build", "-d", out],
            cwd=root,
            capture_output=True,
            text=True,
            env=_env(),
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, ""
    return done.returncode, done.stdout + done.stderr


def classify(root: Path, status: int | None, output: str) -> tuple[str, str]:
    site = root / "out"
    pages = list(site.rglob("*.html")) if site.is_dir() else []
    if status is None:
        return "timeout", ""
    if "Traceback" in output or status not in (0, 1):
        return "traceback", output[-1500:]
    if status != 0:
        if pages:
            return "partial", f"{len(pages)} page(s) written by a failed build"
        if not _NAMES_A_FILE.search(output):
            return "traceback", "the error names no file: " + output[-500:]
        return "clean-error", ""
    if not (site / "index.html").is_file():
        return "partial", "no home page"
    leaked = must_hide(root) & found_tokens(site)
    if leaked:
        return "leak", ", ".join(sorted(t.decode() for t in leaked))
    return "ok", ""


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _same(site: Path, reference: dict[str, bytes]) -> str:
    files = site_files(site)
    if files == reference:
        return ""
    differ = sorted(k for k in set(files) | set(reference) if files.get(k) != reference.get(k))
    return f"{len(differ)} file(s) differ, e.g. {', '.join(differ[:3])}"


def _damage_cache(rng: random.Random, root: Path) -> str:
    entries = [p for p in (root / ".cache" / "ssa").rglob("*") if p.is_file()]
    done = []
    for path in rng.sample(entries, min(len(entries), rng.randint(1, 6))):
        how = rng.choice(["truncate", "flip", "empty", "folder-as-file"])
        if not path.is_file():  # its folder became a file already
            continue
        data = path.read_bytes()
        if how == "truncate":
            path.write_bytes(data[: len(data) // 2])
        elif how == "flip" and data:
            flipped = bytearray(data)
            flipped[rng.randrange(len(flipped))] ^= 0xFF
            path.write_bytes(bytes(flipped))
        elif how == "empty":
            path.write_bytes(b"")
        else:
            folder = path.parent
            shutil.rmtree(folder)
            folder.write_bytes(b"not a folder")
        done.append(f"{how} {path.relative_to(root).as_posix()}")
    return "; ".join(done[:3]) + (" …" if len(done) > 3 else "")


def same_site_run(
    kind: str, rng: random.Random, root: Path, reference: dict[str, bytes]
) -> tuple[str, str]:
    if kind == "cache":
        status, output = build(root)  # warm the cache
        shutil.rmtree(root / "out", ignore_errors=True)
        what = _damage_cache(rng, root)
        status, output = build(root)
    elif kind == "interrupt":
        run = subprocess.Popen(
            [str(MKDOCS), "build", "-q", "-d", "out"],
            cwd=root,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        delay = rng.uniform(0.3, 4.0)
        time.sleep(delay)
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        what = f"kill -9 after {delay:.1f} s"
        status, output = build(root)
    else:
        runs = [
            subprocess.Popen(
                [str(MKDOCS), "build", "-d", out],
                cwd=root,
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for out in ("out", "out2")
        ]
        outputs = [r.communicate(timeout=BUILD_TIMEOUT)[0] for r in runs]
        status = max(r.returncode for r in runs)
        output = "\n".join(outputs)
        what = "two builds at once"
        other = _same(root / "out2", reference)
        if status == 0 and other:
            return "different", f"{what}: second build: {other}"
    if status != 0 or "Traceback" in output:
        return "traceback", f"{what}: {output[-800:]}"
    difference = _same(root / "out", reference)
    return ("different", f"{what}: {difference}") if difference else ("ok", what)


class Fuzzer:
    """Runs mutations of an armed copy of the example project."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.template = workdir / "template"
        if not self.template.is_dir():
            self.template.mkdir(parents=True)
            shutil.copy2(REPO / "mkdocs.yml", self.template / "mkdocs.yml")
            for folder in ("content", "data", "theme"):
                shutil.copytree(REPO / folder, self.template / folder)
            arm(self.template)
        self._reference: dict[str, bytes] | None = None

    def reference(self) -> dict[str, bytes]:
        """A clean public build of the armed project, with no cache."""
        if self._reference is None:
            root = self._copy("reference")
            status, output = build(root)
            verdict, detail = classify(root, status, output)
            if verdict != "ok":  # the armed example must build, and hide every canary
                raise RuntimeError(f"the armed example: {verdict}: {detail or output[-3000:]}")
            self._reference = site_files(root / "out")
            shutil.rmtree(root)
        return self._reference

    def _copy(self, name: str) -> Path:
        root = self.workdir / name
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(self.template, root, symlinks=True)
        return root

    def run(self, seed: int, number: int) -> Outcome:
        rng = random.Random(seed * 1_000_003 + number)
        kinds = [*MUTATIONS, *SAME_SITE]
        kind = kinds[number % len(kinds)] if number < len(kinds) else rng.choice(kinds)
        root = self._copy(f"run-{number}")
        try:
            if kind in SAME_SITE:
                verdict, detail = same_site_run(kind, rng, root, self.reference())
                return Outcome(number, kind, detail, verdict, "" if verdict == "ok" else detail)
            mutation = MUTATIONS[kind](rng, root)
            status, output = build(root)
            verdict, detail = classify(root, status, output)
            return Outcome(number, kind, mutation, verdict, detail)
        finally:
            shutil.rmtree(root, ignore_errors=True)

    def runs(self, seed: int, count: int, jobs: int = 2) -> Iterator[Outcome]:
        if any(kind in SAME_SITE for kind in SAME_SITE):
            self.reference()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(lambda n: self.run(seed, n), range(count))


def summary(outcomes: list[Outcome]) -> str:
    by_verdict = collections.Counter(o.verdict for o in outcomes)
    by_kind = collections.defaultdict(collections.Counter)
    for o in outcomes:
        by_kind[o.kind][o.verdict] += 1
    lines = [
        f"{len(outcomes)} runs: " + ", ".join(f"{v} {n}" for v, n in sorted(by_verdict.items()))
    ]
    for kind in sorted(by_kind):
        lines.append(
            f"  {kind}: " + ", ".join(f"{v} {n}" for v, n in sorted(by_kind[kind].items()))
        )
    for o in outcomes:
        if o.verdict in FAILURES:
            lines.append(
                f"  FAIL #{o.number} {o.kind} ({o.mutation}): {o.verdict}: {o.detail[:400]}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ssa-fuzz-") as work:
        fuzzer = Fuzzer(Path(work))
        outcomes = []
        for outcome in fuzzer.runs(args.seed, args.runs, args.jobs):
            outcomes.append(outcome)
            if outcome.verdict in FAILURES:
                print(
                    f"#{outcome.number} {outcome.kind}: {outcome.verdict}: {outcome.mutation}",
                    flush=True,
                )
    print(summary(outcomes))
    print(f"seed {args.seed}, {time.perf_counter() - start:.0f} s")
    sys.exit(1 if any(o.verdict in FAILURES for o in outcomes) else 0)


if __name__ == "__main__":
    main()
