"""The plugin's part of MkDocs' configuration: the theme override, the Markdown
extensions generated pages need, what theme templates read, and the data folder watched
by ``mkdocs serve``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from ssa_site.analysis.asof import source_date
from ssa_site.build.internal import refuse_exposure
from ssa_site.model.visibility import resolve_audience

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ssa_site.config import SsaConfig

#: The plugin's own mkdocs-material overrides (banner, stylesheet, scripts).
THEME_DIR = Path(__file__).parent.parent / "theme"
#: Markdown extensions the generated pages are written for.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")


def configure(
    config: MkDocsConfig, options: SsaConfig, command: str | None = None
) -> tuple[str, Path]:
    """Adjust MkDocs' configuration for the plugin; the build's audience and the
    project's root folder (where mkdocs.yml is). An internal build that the MkDocs
    ``command`` would publish stops here (see ssa_site.build.internal)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and source_date() is None:
        # MkDocs would stop with a traceback on the first page.
        raise PluginError(
            f"SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds since 1970-01-01 "
            "(unset it, or set it to e.g. the time of the last commit: "
            "git log -1 --format=%ct)"
        )
    audience = resolve_audience(options.audience)
    if audience == "internal":
        refuse_exposure(command, config, options.allow_internal_deploy)
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    dirs = config.theme.dirs
    position = 1 if config.theme.custom_dir else 0
    if str(THEME_DIR) not in dirs:
        dirs.insert(position, str(THEME_DIR))
    for extension in REQUIRED_EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    config.extra["ssa"] = {
        "audience": audience,
        "internal": audience == "internal",
        "notice": options.notice,
    }
    if config.watch is not None:
        data_dir = str(root / options.data_dir)
        if data_dir not in config.watch:
            config.watch.append(data_dir)
    return audience, root
