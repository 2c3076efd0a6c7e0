"""Catalog metadata: ``data.json`` (Project Open Data metadata schema v1.1) and schema.org.

Agency catalogs (and data.gov) harvest ``data.json``; dataset search engines read the
schema.org ``Dataset`` JSON-LD of the Data page.  Both describe the same datasets: one per
plan, the evaluations catalog, and everything in one zip.

``data.json`` follows the federal profile of Project Open Data v1.1 for a federal publisher
(``publisher.federal``, the default): every dataset names OMB bureau codes (``bureauCode``)
and Federal Program Inventory codes (``programCode``), a plan's own ``ssa.bureau_code`` and
``ssa.program_code`` else the publisher's, and a contact address (the build refuses a
federal publisher without them: ssa_site.downloads.standards). A non-federal publisher's
data.json follows the non-federal profile, which needs none of them. Every dataset names its
licence (``license``, the licence's URL; ``rights`` lists them when the all-data zip holds
data under several) and its publisher.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ssa_site.base import urls

if TYPE_CHECKING:
    from collections.abc import Callable

    from ssa_site.base.licences import License
    from ssa_site.downloads.links import Download
    from ssa_site.downloads.provenance import Provenance
    from ssa_site.model.publisher import Publisher

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
DATA_PACKAGE_SPEC = "https://specs.frictionlessdata.io/data-package/"
IATI_SPEC = "https://iatistandard.org/en/iati-standard/203/"


@dataclass(frozen=True)
class Dataset:
    """One dataset of the catalog, with its files once they are written."""

    key: str  # anchor on the Data page and stable part of the identifier
    title: str
    description: str
    keywords: tuple[str, ...]
    modified: str  # ISO date
    files: tuple[Download, ...]
    landing: str | None = None  # site path of the page showing the data
    license: License | None = None
    temporal: str | None = None  # start/end
    spatial: str | None = None
    descriptor: str | None = None  # site path of the datapackage.json describing the CSVs
    bureau_codes: tuple[str, ...] = ()  # data.json bureauCode (federal profile)
    program_codes: tuple[str, ...] = ()  # data.json programCode
    rights: str | None = None  # what the licence cannot say alone (several licences)


def citation(dataset: Dataset, provenance: Provenance, url: str | None) -> str:
    """A suggested citation, in the usual author (year). title [Data set]. place. URL form."""
    return cite(dataset.title, provenance, url)


def cite(title: str, provenance: Provenance, url: str | None) -> str:
    """The citation of data titled ``title``, found at ``url``."""
    text = (
        f"{provenance.publisher} ({provenance.built.year}). {title} "
        f"(version {provenance.version}) [Data set]."
    )
    if provenance.site_name and provenance.site_name != provenance.publisher:
        text += f" {provenance.site_name}."
    return f"{text} {url}" if url else text


def _conforms(download: Download) -> str | None:
    if download.format == "XML":
        return IATI_SPEC
    if download.format in ("ZIP", "JSON"):
        return DATA_PACKAGE_SPEC
    return None


def pod_catalog(
    datasets: list[Dataset], provenance: Provenance, publisher: Publisher
) -> dict[str, Any]:
    """``data.json``: URLs relative to the site root, or absolute when ``site_url`` is set."""
    url = provenance.url
    catalog: dict[str, Any] = {
        "@context": f"{POD_SCHEMA}/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": f"{POD_SCHEMA}/catalog.json",
        "dataset": [],
    }
    if provenance.site_url:
        catalog["@id"] = url("data.json")
    contact: dict[str, str] = {"@type": "vcard:Contact", "fn": provenance.publisher}
    if publisher.email:
        contact["hasEmail"] = f"mailto:{publisher.email.removeprefix('mailto:')}"
    for dataset in datasets:
        entry: dict[str, Any] = {
            "@type": "dcat:Dataset",
            "title": dataset.title,
            "description": dataset.description,
            "keyword": list(dataset.keywords),
            "modified": dataset.modified,
            "publisher": {"@type": "org:Organization", "name": provenance.publisher},
            "contactPoint": contact,
            "identifier": url(urls.dataset_landing(dataset.key)),
            "accessLevel": "public",
            "language": ["en-US"],
            "distribution": [_distribution(d, dataset, url) for d in dataset.files],
        }
        if dataset.landing is not None:
            entry["landingPage"] = url(dataset.landing)
        if dataset.license and dataset.license.url:
            entry["license"] = dataset.license.url
        if dataset.rights:
            entry["rights"] = dataset.rights
        for key, codes in (
            ("bureauCode", dataset.bureau_codes or publisher.bureau_codes),
            ("programCode", dataset.program_codes or publisher.program_codes),
        ):
            if codes:
                entry[key] = list(codes)
        if dataset.temporal:
            entry["temporal"] = dataset.temporal
        if dataset.spatial:
            entry["spatial"] = dataset.spatial
        if dataset.descriptor:
            entry["describedBy"] = url(dataset.descriptor)
            entry["describedByType"] = "application/json"
        catalog["dataset"].append(entry)
    return catalog


def _distribution(
    download: Download, dataset: Dataset, url: Callable[[str], str]
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "@type": "dcat:Distribution",
        "title": download.title,
        "description": download.description,
        "downloadURL": url(download.path),
        "mediaType": download.media_type,
        "format": download.format,
    }
    conforms = _conforms(download)
    if conforms:
        found["conformsTo"] = conforms
    if download.format == "CSV" and dataset.descriptor:
        found["describedBy"] = url(dataset.descriptor)
        found["describedByType"] = "application/json"
    return found


def schema_org(
    datasets: list[Dataset],
    provenance: Provenance,
    url: Callable[[str], str],
    cite: Callable[[Dataset], str],
) -> list[dict[str, Any]]:
    """schema.org ``Dataset`` objects; ``url`` turns a site path into a link from the page."""
    publisher = {"@type": "Organization", "name": provenance.publisher}
    found: list[dict[str, Any]] = []
    for dataset in datasets:
        entry: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": dataset.title,
            "description": dataset.description,
            "keywords": list(dataset.keywords),
            "identifier": url(urls.dataset_landing(dataset.key)),
            "url": url(dataset.landing or urls.dataset_landing(dataset.key)),
            "version": provenance.version,
            "dateModified": dataset.modified,
            "isAccessibleForFree": True,
            "creator": publisher,
            "publisher": publisher,
            "citation": cite(dataset),
            "distribution": [
                {
                    "@type": "DataDownload",
                    "name": d.title,
                    "encodingFormat": d.media_type,
                    "contentUrl": url(d.path),
                    "contentSize": f"{d.size} B",
                    "sha256": d.sha256,
                }
                for d in dataset.files
            ],
        }
        if dataset.license:
            entry["license"] = dataset.license.url or dataset.license.title
        if dataset.temporal:
            entry["temporalCoverage"] = dataset.temporal
        if dataset.spatial:
            entry["spatialCoverage"] = dataset.spatial
        found.append(entry)
    return found


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/ld+json">``: no ``</script>`` can break out.

    ``<``, ``>`` and ``&`` are written as JSON escapes (``\\u003c``...), which every JSON
    parser reads back as the same characters.
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
