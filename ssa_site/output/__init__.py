"""What every generator of pages and files gets: the page context (the audience's view
of the site, templates, caches), the autoescaped Jinja environment, every address of the
site (``urls``: pages, files, anchors) and the breadcrumbs of each page (``wayfinding``).

Below both ``pages`` and ``downloads``, which link to each other's addresses but never
import each other. May import ``project`` and every layer under it, and ``charts``.
"""
