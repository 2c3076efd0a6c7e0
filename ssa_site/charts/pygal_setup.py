"""pygal set up once for this site: the same bytes on every machine, less work per chart.

Importing this module (``charts.svg`` does) makes three changes to pygal, none of which
changes a byte of a drawing:

- pygal serialises with lxml when it is importable and with the standard library
  otherwise, and the two write different bytes: always the standard library, so a chart is
  the same file whatever else is installed;
- pygal.graph.base asks ``dir()`` of a new SerieConfig for every key of every series: a new
  SerieConfig has the same names each time, so they are listed once;
- pygal's ``tostring`` asks for UTF-8 bytes, which ElementTree encodes element by element:
  the text is written once and encoded once.
"""

from __future__ import annotations

import builtins
from typing import Any

from pygal.config import SerieConfig
from pygal.etree import etree as pygal_etree
from pygal.graph import base as pygal_graph_base

pygal_etree.to_etree()

#: What ``dir()`` lists for any new SerieConfig.
SERIE_CONFIG_NAMES = frozenset(builtins.dir(SerieConfig()))


def _dir(thing: object) -> Any:
    """``dir()`` as pygal.graph.base uses it (``k in dir(serie_config)``): the names listed
    once for a SerieConfig, the builtin for anything else."""
    if type(thing) is SerieConfig:
        return SERIE_CONFIG_NAMES
    return builtins.dir(thing)


def _tostring(element: Any, encoding: str | None = None, **options: Any) -> Any:
    """ElementTree's ``tostring`` as pygal calls it (UTF-8 bytes), written as text and
    encoded once: the same bytes (UTF-8 can hold any character, so none is escaped, and
    ElementTree writes no declaration for UTF-8)."""
    if encoding is not None and encoding.lower() in ("utf-8", "utf8") and not options:
        return pygal_etree._py_etree.tostring(element, encoding="unicode").encode("utf-8")
    return pygal_etree._py_etree.tostring(element, encoding=encoding, **options)


pygal_graph_base.dir = _dir  # that module's one use of dir()
pygal_etree.tostring = _tostring  # pygal's wrapper looks in its own attributes first
