"""Templates see only what the audience may see (ssa_site.project.SiteView).

Every generator of the site runs on the canary fixture (tests/canary.py: every internal item
of it carries a canary); every template is rendered through a recorder, and
everything its context can reach — attributes, cached properties, containers, walked to
the end — is searched for canaries. The public context reaches none; the internal one
reaches them (so the walk sees what it should).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import os
import shutil
import types
from typing import TYPE_CHECKING, Any

import jinja2
import pytest
from canary import CANARY, NUMBER_CANARIES, SHOWN_NOWHERE, canaries
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from ssa_site.build.authored import take_authored
from ssa_site.build.context import page_context
from ssa_site.cache import store as cache
from ssa_site.cache.workers import Background
from ssa_site.generate import generate_all
from ssa_site.load.glossary import packaged_glossary
from ssa_site.output import context as context_module
from ssa_site.project import load_site

if TYPE_CHECKING:
    from ssa_site.output.context import PageContext

#: Not data: what the walk does not follow.
_OPAQUE = (
    types.ModuleType,
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    type,
    jinja2.Environment,
    enum.Enum,
)


def reachable(root: object) -> tuple[set[str], set[float | str]]:
    """Every string, and every number and date (as text), that ``root`` reaches."""
    texts: set[str] = set()
    scalars: set[float | str] = set()
    seen: set[int] = set()
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None or isinstance(item, _OPAQUE):
            continue
        seen.add(id(item))
        if isinstance(item, str):
            texts.add(item)
        elif isinstance(item, bool):
            continue
        elif isinstance(item, int | float):
            scalars.add(float(item))
        elif isinstance(item, datetime.date):
            scalars.add(item.isoformat())
        elif isinstance(item, bytes):
            texts.add(item.decode("utf-8", "replace"))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        else:
            if dataclasses.is_dataclass(item):
                stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
            stack.extend(getattr(item, "__dict__", {}).values())  # cached properties too
            for cls in type(item).__mro__:
                for slot in getattr(cls, "__slots__", ()):
                    stack.append(getattr(item, slot, None))
    return texts, scalars


def found_canaries(texts: set[str], scalars: set[float | str]) -> set[str]:
    joined = "\n".join(texts)
    found = {c for c in canaries() if c in joined}
    for what, forms in NUMBER_CANARIES.items():
        for form in forms:
            if ("-" in form and form in scalars) or (
                form.isdigit() and float(form) in scalars
            ):  # a date
                found.add(what)
    return found


@pytest.fixture(scope="module", params=["public", "internal"])
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, list[tuple[str, dict[str, Any]]], PageContext]:
    """Every template rendered for the fixture, with the context it was given."""
    audience = request.param
    root = tmp_path_factory.mktemp(f"context-{audience}") / "canary"
    shutil.copytree(CANARY, root)
    site = load_site(root, root / "data", root / "content", audience)
    assert not site.errors, site.errors
    calls: list[tuple[str, dict[str, Any]]] = []
    real = context_module.render

    def recording(env: jinja2.Environment, template: str, **context: Any) -> str:
        calls.append((template, context))
        return real(env, template, **context)

    # The build's own way to the page context (ssa_site.build): authored pages taken from
    # MkDocs' files, options from mkdocs.yml.
    previous = os.environ.get(cache.DISABLE_ENV)
    os.environ[cache.DISABLE_ENV] = "0"  # every page rendered, none from a cache

    def restore() -> None:
        if previous is None:
            os.environ.pop(cache.DISABLE_ENV, None)
        else:
            os.environ[cache.DISABLE_ENV] = previous

    request.addfinalizer(restore)
    config = load_config(str(root / "mkdocs.yml"))
    authored = take_authored(get_files(config), audience == "internal")
    scratch = root / "scratch"
    scratch.mkdir()
    context = page_context(
        site.view,
        authored,
        config.plugins["ssa"].config,
        config,
        root=root,
        scratch=scratch,
        glossary=packaged_glossary(),
        background=Background(),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context_module, "render", recording)
        generate_all(context)
    assert context.pages is None  # every page rendered, none taken from a cache
    return audience, calls, context


def test_public_templates_reach_no_internal_content(
    rendered: tuple[str, list[tuple[str, dict[str, Any]]], PageContext],
) -> None:
    audience, calls, context = rendered
    assert calls, "no template was rendered"
    everything: set[str] = set()
    numbers: set[float | str] = set()
    for template, given in calls:
        texts, scalars = reachable(given)
        leaked = found_canaries(texts, scalars)
        if audience == "public":
            assert not leaked, f"{template}: its context reaches {sorted(leaked)}"
        everything |= texts
        numbers |= scalars
    texts, scalars = reachable(context)
    if audience == "public":
        assert not found_canaries(texts, scalars), "the page context reaches internal content"
    else:  # the walk is not blind: the internal context does reach the canaries
        expected = (canaries() - _authored_page_canaries()) | set(NUMBER_CANARIES)
        missing = expected - found_canaries(everything | texts, numbers | scalars)
        assert missing <= set(SHOWN_NOWHERE), sorted(missing)


def _authored_page_canaries() -> set[str]:
    """Canaries of authored pages that MkDocs builds as they are (no template shows
    them; tests/test_leaks.py checks they stay out of public builds)."""
    found: set[str] = set()
    for name in ("about.md", "staff.md"):
        text = (CANARY / "content" / name).read_text("utf-8")
        found |= {c for c in canaries() if c in text}
    return found


def test_every_template_is_rendered_or_used_by_one(
    rendered: tuple[str, list[tuple[str, dict[str, Any]]], PageContext],
) -> None:
    """The walk covers every template: each is rendered, or imported by one that is (in
    the internal build, which has every page)."""
    audience, calls, context = rendered
    if audience == "public":
        pytest.skip("the internal build renders every template")
    templates = context.env.loader.list_templates() if context.env.loader else []
    names = {t.removeprefix("ssa/") for t in templates if t.startswith("ssa/")}
    direct = {template for template, _ in calls}
    sources = {n: context.env.loader.get_source(context.env, f"ssa/{n}")[0] for n in names}  # type: ignore[union-attr]
    used = {n for n in names if any(f'"ssa/{n}"' in s for s in sources.values())}
    used.add("wayfinding.html")  # PageContext.page wraps every page in its macros
    assert names - direct - used == set()
