"""Unit tests of the downloads core: cells, schemas, licences, IATI codes, JSON-LD escaping."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from ssa_site.base.licences import license_of
from ssa_site.base.periods import parse_period
from ssa_site.downloads import catalog, columns, iati
from ssa_site.downloads.provenance import build_time
from ssa_site.model.plan import Portfolio, ResultRef
from ssa_site.model.visibility import DEFAULT_INTERNAL_FIELDS
from ssa_site.project import PublicData


def test_cells_are_plain_text_researchers_can_parse():
    assert columns.cell(None) == ""
    assert columns.cell(41.0) == "41"
    assert columns.cell(0.1) == "0.1"
    assert columns.cell(4500000.0) == "4500000"
    assert columns.cell(True) == "true"
    assert columns.cell(date(2024, 3, 1)) == "2024-03-01"
    assert columns.cell(parse_period("FY2024")) == "FY2024"
    assert columns.cell((ResultRef("a", "G1"), ResultRef("b", "O2"))) == "a:G1; b:O2"


def test_schemas_drop_internal_fields_and_dangling_foreign_keys():
    hidden = set(DEFAULT_INTERNAL_FIELDS)
    schema = columns.table_schema("values", hidden, ("results", "values"), ("sex",))
    names = [f["name"] for f in schema["fields"]]
    assert "comment" not in names and "visibility" not in names
    assert names[-1] == "sex" and "period_end" in names
    assert "foreignKeys" not in schema  # no indicators resource in this package
    shown = columns.table_schema("initiatives", set(), ("initiatives",))
    assert "budget" in [f["name"] for f in shown["fields"]]  # when the config publishes it
    results = columns.table_schema("results", hidden, ("results",))
    assert results["foreignKeys"][0]["reference"]["resource"] == ""
    values = columns.table_schema("values", hidden, ("indicators", "values"))
    prefixed = columns.prefixed(values, "x-")
    assert prefixed["foreignKeys"][0]["reference"]["resource"] == "x-indicators"
    assert values["foreignKeys"][0]["reference"]["resource"] == "indicators"


def test_licences_get_urls_when_known():
    licence = license_of("CC-BY-4.0")
    assert licence and licence.url == "https://creativecommons.org/licenses/by/4.0/"
    assert licence.descriptor()["name"] == "CC-BY-4.0"
    own = license_of("Ask the bureau before reuse")
    assert own and own.url is None and own.name is None
    assert license_of(None) is None


def test_iati_result_types_follow_level_names():
    assert [iati.result_type(level) for level in ("goal", "objective", "sub-objective")] == [
        "3",
        "2",
        "2",
    ]
    assert iati.result_type("intermediate-outcome") == "2"
    assert iati.result_type("output") == "1"
    assert iati.result_type("activity") == "9"


def test_json_ld_cannot_end_its_script_element():
    text = catalog.script_json({"name": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & more"


def test_build_time_comes_from_source_date_epoch_else_from_the_data():
    empty = PublicData(Portfolio(plans=()), ())
    fixed = build_time(empty, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert fixed == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert build_time(empty, {}) == datetime(1970, 1, 1, tzinfo=UTC)


def test_iati_recipient_country_is_the_alpha_2_code_of_a_known_alpha_3():
    assert iati.recipient_country("HND") == ("HN", "Honduras")
    assert iati.recipient_country("moz") == ("MZ", "Mozambique")
    assert iati.recipient_country("XNL") is None  # fictional: no code IATI would accept
    assert iati.recipient_country("") is None
    assert iati.recipient_country(None) is None
