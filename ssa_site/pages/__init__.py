"""Generators of the site's pages, one module per page family: the core pages (home,
plans, results, indicators), logic models and alignment, evaluations, progress reviews,
indicator performance and its method, the reader's pages (map, glossary, method), the
internal quality page; and the finishing of rendered HTML (``html``: glossary tooltips,
data tables out of search).

Each generator takes a :class:`ssa_site.output.context.PageContext` and returns pages and
files. May import ``output`` and everything under it; not ``downloads``, not MkDocs.
"""
