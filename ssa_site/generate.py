"""Every generator of the site, in order. A feature adds its generator to GENERATORS."""

from __future__ import annotations

from collections.abc import Callable

from .chain_pages import alignment_page, logic_model_pages
from .downloads.generator import downloads, start_downloads
from .evaluation_pages import evaluation_pages
from .output import Generated, PageContext
from .pages import core_pages
from .performance import performance_files
from .quality_page import quality_page
from .reader_pages import reader_pages
from .review_pages import review_pages

Generator = Callable[[PageContext], list[Generated]]

#: Each takes the page context and returns pages and files; order is the build order.
GENERATORS: list[Generator] = [
    core_pages,
    performance_files,  # indicator and status charts, /method/status/
    review_pages,  # /plans/<plan>/reviews/<date>/ and their charts
    downloads,  # public data only, even in internal builds (ssa_site/downloads)
    evaluation_pages,
    logic_model_pages,
    alignment_page,
    quality_page,  # internal builds only
    reader_pages,  # portfolio map, /glossary/, /method/
]


#: Work handed to worker processes before the generators run (ssa_site.background), so
#: that it is done by the time its generator needs it.
STARTERS: list[Callable[[PageContext], None]] = [start_downloads]


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
