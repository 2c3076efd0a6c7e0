"""Downloads for researchers and catalogs (SPEC §4 "Downloads").

Every file here is built from the *public* view of the data, whatever the build's audience:
per plan a Frictionless data package (zip, ``datapackage.json`` and one CSV per resource),
each indicator's values as CSV, IATI 2.03 activity XML, all plans in one zip, the
evaluations catalog, ``data.json`` (Project Open Data v1.1) and the Data page.

This ``__init__`` stays free of imports: :mod:`ssa_site.rendering` imports
:mod:`ssa_site.downloads.links` and must not pull in the generator (which imports
:mod:`ssa_site.output`, which imports :mod:`ssa_site.rendering`).  The generator is
:func:`ssa_site.downloads.generator.downloads`.
"""
