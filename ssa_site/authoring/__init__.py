"""Tools for the people who write a site: ``ssa-site validate``'s report, ``new``
(scaffold), ``export-xlsx``/``import-xlsx`` (spreadsheet) and ``synth`` (synthetic
projects for tests and benchmarks).

May import ``project`` and everything under it; never pages, builds or MkDocs.
"""
