"""Every generator of the site, in order. A feature adds its generator to GENERATORS."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ssa_site.base.i18n import ENGLISH, Language
from ssa_site.downloads.changelog import RevisionMarks, changelog
from ssa_site.downloads.generator import downloads, start_downloads
from ssa_site.downloads.links import DownloadLinks
from ssa_site.output import rendering
from ssa_site.output.context import Generated, PageContext
from ssa_site.pages.chains import alignment_page, logic_model_pages
from ssa_site.pages.core import core_pages
from ssa_site.pages.embeds import embed_files
from ssa_site.pages.evaluations import evaluation_pages
from ssa_site.pages.performance import performance_files
from ssa_site.pages.quality import quality_page
from ssa_site.pages.reader import reader_pages
from ssa_site.pages.reviews import review_pages

if TYPE_CHECKING:
    from pathlib import Path

    import jinja2

Generator = Callable[[PageContext], list[Generated]]

#: Each takes the page context and returns pages and files; order is the build order.
GENERATORS: list[Generator] = [
    core_pages,
    performance_files,  # indicator and status charts, /method/status/
    embed_files,  # /embed/<plan>/<indicator>.html: a chart for other sites' iframes
    review_pages,  # /plans/<plan>/reviews/<date>/ and their charts
    downloads,  # public data only, even in internal builds (ssa_site/downloads)
    changelog,  # /data/changelog/: the data releases, when the project has some
    evaluation_pages,
    logic_model_pages,
    alignment_page,
    quality_page,  # internal builds only
    reader_pages,  # portfolio map, /glossary/, /method/
]


#: Work handed to worker processes before the generators run (ssa_site.cache.workers), so
#: that it is done by the time its generator needs it.
STARTERS: list[Callable[[PageContext], None]] = [start_downloads]


def environment(
    override_dirs: list[Path] | tuple[Path, ...] = (),
    language: Language = ENGLISH,
    original: Language | None = None,
) -> jinja2.Environment:
    """The templates' environment (ssa_site.output.rendering), with the ``downloads``
    global: what a page may link to (ssa_site.downloads.links), and ``revisions``: which
    values were revised since a data release (ssa_site.downloads.changelog)."""
    env = rendering.environment(override_dirs, language, original)
    env.globals["downloads"] = DownloadLinks(language)
    env.globals["revisions"] = RevisionMarks()  # revised values (data releases)
    return env


def generate_all(context: PageContext) -> list[Generated]:
    for starter in STARTERS:
        starter(context)
    generated: list[Generated] = []
    for generator in GENERATORS:
        generated.extend(generator(context))
    seen: set[str] = set()
    for item in generated:
        if item.src_uri in seen:
            raise ValueError(f"two generators both write {item.src_uri}")
        seen.add(item.src_uri)
    return generated
