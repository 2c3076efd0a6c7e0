"""Files a reader cannot trust at a glance, each named for what it is (issue "Trust").

A CSV file saved with ``;`` by a European spreadsheet, a space no one sees after an id,
a country code of no country, digits of another script, a number too close to zero, a
link that leads back to itself or out of the project, a header without an optional column
or with a second byte-order mark: each gives one problem, positioned ``(code, path, row,
field)``, saying what it is and how to fix it; none gives a traceback or knock-on errors.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from ssa_site.cli import main
from ssa_site.load.plans import load_package
from ssa_site.project import Site, load_site

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PLAN = "data/northland-ics"
DESCRIPTOR = f"{PLAN}/datapackage.json"
R = f"{PLAN}/results.csv"
IND = f"{PLAN}/indicators.csv"
V = f"{PLAN}/values.csv"
A = f"{PLAN}/assumptions.csv"
Found = tuple[str, str, int | None, str | None]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the minimal fixture project."""
    copy = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", copy, symlinks=True)
    return copy


def load(root: Path) -> Site:
    return load_site(root, root / "data", root / "content", "internal")


def found(site: Site) -> list[Found]:
    return [(p.code, p.path, p.row, p.field) for p in site.errors]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def change_descriptor(root: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = root / DESCRIPTOR
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


def resource(name: str, **fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        next(r for r in data["resources"] if r["name"] == name).update(fields)

    return change


def only(site: Site, expected: Found) -> str:
    """The one error of the project, as the author reads it."""
    assert found(site) == [expected]
    return str(site.errors[0])


def resave(root: Path, rel: str, separator: str) -> None:
    """The file as a spreadsheet set to another separator saves it (no cell holds one)."""
    path = root / rel
    text = path.read_text("utf-8")
    assert separator not in text
    path.write_text(text.replace(",", separator), "utf-8")


# -- 2. European CSVs ---------------------------------------------------------------------


@pytest.mark.parametrize(("separator", "named"), [(";", "semicolons (;)"), ("\t", "tabs")])
def test_a_csv_saved_with_another_separator_is_one_problem_naming_it(root, separator, named):
    resave(root, V, separator)
    line = only(load(root), ("csv-other-delimiter", V, 1, None))
    assert f"the columns are separated by {named}, not by commas" in line
    assert "save the file as comma-separated 'CSV UTF-8'" in line
    escaped = separator.replace("\t", "\\t")
    assert f'"dialect": {{"delimiter": "{escaped}"}} in the values resource' in line


@pytest.mark.parametrize(
    "dialect", [{"delimiter": ";"}, {"csv": {"delimiter": ";"}}], ids=["v1", "v5"]
)
def test_a_declared_separator_is_read(root, dialect):
    before = load(root).portfolio.plan("northland-ics")
    resave(root, V, ";")
    change_descriptor(root, resource("values", dialect=dialect))
    site = load(root)
    assert found(site) == []
    plan = site.portfolio.plan("northland-ics")
    assert plan.indicator("I1").values == before.indicator("I1").values
    assert len(plan.indicator("I1").values) == 5


def test_a_declared_separator_is_used_for_quoting_and_ids_too(root):
    resave(root, R, ";")
    edit(root, R, "Screening at crossings expands", '"Screening; at crossings"')
    change_descriptor(root, resource("results", dialect={"delimiter": ";"}))
    site = load(root)
    assert found(site) == []
    assert site.portfolio.plan("northland-ics").result("O1.1").title == "Screening; at crossings"


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        (";", ("resource-dialect-not-object", DESCRIPTOR, None, "resources[3].dialect")),
        (
            {"delimiter": ";;"},
            ("resource-delimiter-invalid", DESCRIPTOR, None, "resources[3].dialect.delimiter"),
        ),
        (
            {"csv": {"delimiter": 1}},
            ("resource-delimiter-invalid", DESCRIPTOR, None, "resources[3].dialect.csv.delimiter"),
        ),
    ],
)
def test_a_dialect_that_cannot_be_read_is_refused(root, dialect, expected):
    change_descriptor(root, resource("values", dialect=dialect))
    only(load(root), expected)


# -- 5. Spaces no one sees, and countries --------------------------------------------------


@pytest.mark.parametrize(
    ("written", "spaces"),
    [
        ("O1 ", "a trailing space"),
        (" O1", "a leading space"),
        ("O1  ", "2 trailing spaces"),
        (" O1 ", "spaces before and after it"),
    ],
)
def test_a_reference_with_a_space_around_it_says_so(root, written, spaces):
    edit(root, IND, "I2,O1,", f"I2,{written},")
    line = only(load(root), ("reference-spaced", IND, 3, "result"))
    assert line.endswith(
        f"result: '{written}' has {spaces}, so it matches no id in results (delete it: write 'O1')"
    )


def test_a_reference_to_no_row_with_a_space_is_still_a_reference_to_no_row(root):
    edit(root, f"{PLAN}/values.csv", "I2,FY2023", "I9 ,FY2023")
    only(load(root), ("reference-to-no-row", V, 7, "indicator"))


def test_an_id_with_a_space_around_it_says_so_and_only_it(root):
    """Indicators, initiatives, assumptions, its narrative and a child name O1.1: the
    space after the id is the one error, not a reference of each to no result."""
    edit(root, R, "O1.1,O1,", "O1.1 ,O1,")
    edit(root, R, "O1.2,O1,", "O1.2,O1.1,")
    line = only(load(root), ("id-spaced", R, 4, "id"))
    assert line.endswith(
        "id: 'O1.1 ' has a trailing space, so references to 'O1.1' match nothing "
        "(delete it: write 'O1.1')"
    )


def test_an_id_with_a_space_named_before_the_reference_to_it_is_read(root):
    """The values file listed before indicators: the id is checked before references."""
    change_descriptor(root, lambda d: d["resources"].sort(key=lambda r: r["name"] != "values"))
    edit(root, IND, "I2,O1,", "I2 ,O1,")
    only(load(root), ("id-spaced", IND, 3, "id"))


@pytest.mark.parametrize(
    ("country", "code", "nearest"),
    [
        ("XVD", "country-code-unknown", "AND (Andorra), BGD (Bangladesh) or BVT (Bouvet Island)"),
        ("KNE", "country-code-unknown", "KEN (Kenya), KNA (Saint Kitts and Nevis) or MNE"),
        ("Kenya", "country-code-invalid", "KEN (Kenya)"),
        ("ken", "country-code-invalid", "KEN (Kenya)"),
        ("KE", "country-code-invalid", "KEN (Kenya)"),
        (404, "country-code-invalid", "KEN (Kenya)"),
        ("Cote d Ivoire", "country-code-invalid", "CIV (Côte d'Ivoire)"),
        ("??", "country-code-invalid", "e.g. KEN (Kenya)"),
    ],
)
def test_a_country_code_of_no_country_names_the_nearest_codes(root, country, code, nearest):
    change_descriptor(root, lambda d: d["ssa"].update(country=country))
    line = only(load(root), (code, DESCRIPTOR, None, "ssa.country"))
    assert nearest in line


def test_a_real_country_code_is_kept(root):
    change_descriptor(root, lambda d: d["ssa"].update(country="KEN"))
    site = load(root)
    assert found(site) == []
    assert site.portfolio.plan("northland-ics").country == "KEN"


def test_the_fixtures_and_the_example_use_real_country_codes():
    import pycountry
    from conftest import REPO

    descriptors = [
        *REPO.glob("data/*/datapackage.json"),
        *FIXTURES.glob("*/data/*/datapackage.json"),
    ]
    assert descriptors
    for path in descriptors:
        country = json.loads(path.read_text("utf-8")).get("ssa", {}).get("country")
        assert country is None or pycountry.countries.get(alpha_3=country), (path, country)


# -- 6. Digits of other scripts, numbers too close to zero ---------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected", "words"),
    [
        ("actual,52,", "actual,５２,", (V, 4, "value"), "the digit '５' (fullwidth digit five)"),
        ("actual,52,", "actual,٣,", (V, 4, "value"), "(arabic-indic digit three)"),
        ("actual,52,", "actual,１.５,", (V, 4, "value"), "fullwidth digit one"),
        ("2024-10-20,,\nI1", "２０２４-10-20,,\nI1", (V, 4, "reported"), "fullwidth digit two"),
    ],
)
def test_digits_other_than_0_to_9_are_errors(root, old, new, expected, words):
    edit(root, V, old, new)
    line = only(load(root), ("digits-not-ascii", *expected))
    assert words in line and "retype it with the digits 0-9" in line


def test_a_period_with_other_digits_is_no_period(root):
    edit(root, V, "I1,FY2024,actual,52", "I1,FY２０２４,actual,52")
    only(load(root), ("value-period-invalid", V, 4, "period"))


@pytest.mark.parametrize("written", ["1e-400", "-1e-320", "0.5e-300"])
def test_a_number_too_close_to_zero_is_an_error(root, written):
    edit(root, V, "actual,52,", f"actual,{written},")
    line = only(load(root), ("number-too-small", V, 4, "value"))
    assert f"'{written}' is too close to zero" in line


@pytest.mark.parametrize("written", ["0", "0.0", "-0", "1e-300", "0.000001"])
def test_zero_and_small_numbers_are_read(root, written):
    edit(root, V, "actual,52,", f"actual,{written},")
    assert found(load(root)) == []


def test_an_overflowing_number_is_an_error(root):
    edit(root, V, "actual,52,", "actual,1e400,")
    only(load(root), ("number-not-finite", V, 4, "value"))


# -- 8. Links, optional columns, byte-order marks -----------------------------------------


def test_a_csv_linked_to_itself_is_refused_by_the_package_loader(root):
    (root / A).unlink()
    (root / A).symlink_to("assumptions.csv")
    plan, problems = load_package(root / PLAN, root)
    assert plan is not None
    assert [(p.code, p.path, p.row, p.field) for p in problems if p.is_error] == [
        ("link-loop", DESCRIPTOR, None, "resources[5].path")
    ]
    assert str(problems[0]).endswith(
        "'assumptions.csv' is a link that leads back to itself, never to a file "
        "(replace the link with the file itself)"
    )


def test_a_descriptor_linked_to_itself_is_refused_by_the_package_loader(root):
    (root / DESCRIPTOR).unlink()
    (root / DESCRIPTOR).symlink_to("datapackage.json")
    plan, problems = load_package(root / PLAN, root)
    assert plan is None
    assert [(p.code, p.path, p.row, p.field) for p in problems] == [
        ("link-loop", DESCRIPTOR, None, None)
    ]


def test_a_csv_linked_to_itself_is_one_problem(root):
    (root / A).unlink()
    (root / A).symlink_to("assumptions.csv")
    only(load(root), ("link-loop", DESCRIPTOR, None, "resources[5].path"))


def test_a_plan_folder_linked_outside_the_project_is_refused(root, tmp_path):
    outside = tmp_path / "elsewhere" / "northland-ics"
    shutil.move(root / PLAN, outside)
    (root / PLAN).symlink_to(outside, target_is_directory=True)
    line = only(load(root), ("plan-folder-linked-outside-project", PLAN, None, None))
    assert line == (
        f"{PLAN}: the plan folder is a link to a folder outside the project "
        "(replace the link with a folder holding the plan's files)"
    )


def test_a_plan_folder_linked_inside_the_project_is_read(root):
    shutil.move(root / PLAN, root / "shared")
    (root / PLAN).symlink_to("../shared", target_is_directory=True)
    assert found(load(root)) == []


def test_a_descriptor_linked_outside_the_project_is_refused(root, tmp_path):
    outside = tmp_path / "datapackage.json"
    shutil.move(root / DESCRIPTOR, outside)
    (root / DESCRIPTOR).symlink_to(outside)
    line = only(load(root), ("descriptor-linked-outside-project", DESCRIPTOR, None, None))
    assert line.endswith(
        "is a link to a file outside the project (replace the link with the file itself)"
    )


def columns(root: Path, rel: str, order: Callable[[list[str]], list[str]]) -> str:
    """Rewrite a CSV file (no cell of it quoted) with its columns taken in ``order``."""
    lines = (root / rel).read_text("utf-8").splitlines()
    return "".join(",".join(order(line.split(","))) + "\n" for line in lines)


def without_parent(cells: list[str]) -> list[str]:
    return [cells[0], *cells[2:]]


def test_results_without_the_optional_parent_column_load(root):
    (root / R).write_text(columns(root, R, without_parent), "utf-8")
    site = load(root)
    assert found(site) == []
    plan = site.portfolio.plan("northland-ics")
    assert plan.result("O1.1") is not None and plan.result("O1.1").parent is None


def test_an_optional_first_column_with_a_second_byte_order_mark_is_one_problem(root):
    """The case that raised: 'parent' unknown (with its mark), its foreign key kept."""
    swapped = columns(root, R, lambda cells: [cells[1], cells[0], *cells[2:]])
    (root / R).write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + swapped.encode())
    line = only(load(root), ("csv-second-byte-order-mark", R, 1, "parent"))
    assert (
        "the file starts with a second byte-order mark, an invisible character glued to 'parent'"
        in line
    )


def test_a_second_byte_order_mark_is_one_problem(root):
    path = root / R
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + path.read_bytes())
    only(load(root), ("csv-second-byte-order-mark", R, 1, "id"))


def test_a_byte_order_mark_is_read(root):
    path = root / R
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert found(load(root)) == []


@pytest.mark.parametrize(
    ("header", "expected", "words"),
    [
        ("indicator ,period", ("header-cell-spaced", V, 1, "indicator"), "has a trailing space"),
        (
            "indicator,per\u200biod",
            ("header-cell-invisible-character", V, 1, "period"),
            "invisible character U+200B",
        ),
    ],
)
def test_a_column_name_that_looks_right_but_is_not_says_why(root, header, expected, words):
    edit(root, V, "indicator,period", header)
    assert words in only(load(root), expected)


# -- ssa-site validate ------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_names_a_semicolon_file_once_and_exits_1(root):
    resave(root, V, ";")
    result = run("validate", str(root))
    assert result.exit_code == 1
    assert f"{V} (1 error, 0 warnings)\n" in result.stdout
    assert f"  error   {V}:1: the columns are separated by semicolons (;)" in result.stdout
    assert "Traceback" not in result.output
    problems = json.loads(run("validate", str(root), "--format", "json").stdout)
    errors = [p for p in problems if p["severity"] == "error"]
    assert [(p["code"], p["path"], p["row"], p["field"]) for p in errors] == [
        ("csv-other-delimiter", V, 1, None)
    ]


def test_validate_accepts_results_without_a_parent_column(root):
    (root / R).write_text(columns(root, R, without_parent), "utf-8")
    result = run("validate", str(root))
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stdout
