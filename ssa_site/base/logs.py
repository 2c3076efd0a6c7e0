"""The build log of the core, which imports nothing from MkDocs.

Messages go to loggers under ``mkdocs.plugins.`` (MkDocs shows and counts them like its
own) and start with ``ssa_site:``, as the plugin's own messages do.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import MutableMapping


class _Prefixed(logging.LoggerAdapter):
    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, Any]:
        return f"ssa_site: {msg}", kwargs


def logger(name: str) -> logging.LoggerAdapter:
    """The log of a module of this package (``name``: its ``__name__``)."""
    return _Prefixed(logging.getLogger(f"mkdocs.plugins.{name}"), {})
