"""The authored Markdown files of a build: which MkDocs builds as they are, and which
the plugin takes (they become parts of generated pages, or are internal)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from ssa_site.base import urls
from ssa_site.load.localized import translation_code
from ssa_site.load.narratives import filter_internal_blocks, split_front_matter

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files


@dataclass(frozen=True)
class AuthoredPages:
    """Authored pages that generated pages start from (None: the project has none)."""

    home: str | None = None  # index.md, front matter included
    plans_index: str | None = None  # plans/index.md, its body
    evaluations_index: str | None = None  # evaluations/index.md, front matter included


def localize_files(files: Files, codes: tuple[str, ...], current: str) -> set[str]:
    """Authored pages in the language being built: ``about.fr.md`` is read in place of
    ``about.md`` in the French build (at about.md's address) and left out of the others.
    An internal page keeps its own text (take_authored leaves it out of a public build,
    whatever its translation's front matter says).
    The pages shown in the default language for want of a translation, by src_uri."""
    pages = [f for f in files if f.is_documentation_page() and not f.generated_by]
    translations: dict[str, File] = {}
    kept: list[File] = []
    for file in pages:
        code = translation_code(PurePosixPath(file.src_uri), codes)
        if code is None:
            kept.append(file)
        else:
            files.remove(file)
            if code == current and len(codes) > 1:
                path = PurePosixPath(file.src_uri)
                original = path.with_name(path.stem.rpartition(".")[0] + path.suffix)
                translations[original.as_posix()] = file
    fallback: set[str] = set()
    for file in kept:
        if file.src_uri in translations and not is_internal_page(file):
            file.abs_src_path = translations[file.src_uri].abs_src_path
        elif codes and current != codes[0]:
            fallback.add(file.src_uri)
    return fallback


def take_authored(files: Files, internal: bool) -> AuthoredPages:
    """Remove from ``files`` the authored pages the plugin folds into generated pages or
    rebuilds from their front matter, and in a public build every page marked internal;
    what generated pages start from."""
    home = files.get_file_from_path(urls.HOME_URI)
    plans_index = files.get_file_from_path(urls.PLANS_INDEX_URI)
    evaluations_index = files.get_file_from_path(urls.EVALUATIONS_INDEX_URI)
    evaluations_markdown = (
        filter_internal_blocks(evaluations_index.content_string, internal)
        if evaluations_index and (internal or not is_internal_page(evaluations_index))
        else None
    )
    for file in list(files):
        if not file.is_documentation_page() or file.generated_by:
            continue
        if urls.is_taken_source(file.src_uri):
            # Narratives are folded into generated pages; review narratives become review
            # pages; evaluation summaries are rebuilt from their front matter (the index's
            # own index.md is the intro of the generated index).
            files.remove(file)
        elif not internal and is_internal_page(file):
            files.remove(file)
            if file is home or file is plans_index:
                raise PluginError(f"{file.src_uri} is marked internal but must be public")
    # Internal passages go now, for the public: no template can reach them.
    pages = AuthoredPages(
        home=filter_internal_blocks(home.content_string, internal) if home else None,
        plans_index=(
            filter_internal_blocks(_body(plans_index.content_string), internal)
            if plans_index
            else None
        ),
        evaluations_index=evaluations_markdown,
    )
    for folded in (home, plans_index):
        if folded is not None:
            files.remove(folded)
    return pages


def is_internal_page(file: File) -> bool:
    meta, _, _ = split_front_matter(file.content_string)
    return meta.get("visibility") == "internal"


def _body(markdown: str) -> str:
    _, body, _ = split_front_matter(markdown)
    return body
