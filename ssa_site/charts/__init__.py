"""Charts as safe, deterministic SVG files drawn with pygal: what each chart shows
(``specs``), how it is drawn (``svg``) and the portfolio's world map (``world_map``).

May import ``base``, ``cache``, ``model`` and ``analysis``; never pages or MkDocs.
"""
