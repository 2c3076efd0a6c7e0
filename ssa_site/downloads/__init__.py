"""Downloads for researchers and catalogs (SPEC §4 "Downloads").

Every file here is built from the *public* view of the data (``SiteView.public``), whatever
the build's audience: per plan a Frictionless data package (zip, ``datapackage.json`` and
one CSV per resource), each indicator's values as CSV, IATI 2.03 activity XML, all plans in
one zip, the evaluations catalog, ``data.json`` (Project Open Data v1.1) and the Data page.
``links`` names every download (pages link to them before they are written); the
generator is :func:`ssa_site.downloads.generator.downloads`.

A sibling of ``pages``: may import ``output`` and everything under it, never ``pages``.
"""
