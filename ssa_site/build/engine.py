"""Which engine runs the plugin, and whether the plugin supports it.

The plugin needs MkDocs 1.6 (generated files, ``File.generated``, came with it) or
ProperDocs, the fork of MkDocs 1.6 that keeps its plugin API (it answers ``import
mkdocs`` with itself). MkDocs 2 has no plugins; an older MkDocs would fail deep in a
build with a traceback: the plugin stops first with a message that says what to install.
"""

from __future__ import annotations

import re

#: (engine, lowest version supported, first version not supported)
SUPPORTED = {"mkdocs": ((1, 6), (2, 0)), "properdocs": ((1, 6), (2, 0))}
INSTALL = (
    "install a supported engine into this environment: pip install 'mkdocs>=1.6,<2', "
    "or pip install properdocs and build with 'properdocs build'; to build with Zensical, "
    "run 'ssa-site generate' and build its output (README.md, 'Engines')"
)


def version_tuple(version: str) -> tuple[int, ...]:
    """``1.6.1`` → (1, 6, 1); pre-release tails (``2.0.0a1``) are dropped."""
    return tuple(int(part) for part in re.findall(r"^\d+(?:\.\d+)*", version)[0].split("."))


def unsupported(engine: str, version: str) -> str | None:
    """Why the plugin cannot run on ``engine`` ``version`` (None: it can)."""
    name = engine.lower()
    label = "ProperDocs" if name == "properdocs" else "MkDocs" if name == "mkdocs" else engine
    if name not in SUPPORTED:
        return f"the ssa plugin does not know the engine {label} {version}: {INSTALL}"
    try:
        found = version_tuple(version)
    except (IndexError, ValueError):
        return f"{label} reports the version '{version}', which the ssa plugin cannot read"
    low, high = SUPPORTED[name]
    if found[:2] < low or found[:2] >= high:
        wanted = f"{label} {low[0]}.{low[1]} up to (not including) {high[0]}.{high[1]}"
        return f"the ssa plugin needs {wanted}; this is {label} {version}: {INSTALL}"
    return None


def running_engine() -> tuple[str, str]:
    """(name, version) of the engine that imported the plugin: under ProperDocs,
    ``mkdocs`` is ProperDocs itself."""
    import mkdocs

    return mkdocs.__name__, str(getattr(mkdocs, "__version__", "0"))


def check_engine() -> None:
    """Stop the build with a message, not a traceback, on an engine the plugin does not
    support."""
    from mkdocs.exceptions import PluginError

    problem = unsupported(*running_engine())
    if problem is not None:
        raise PluginError(problem)
