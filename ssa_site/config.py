"""Options of the ``ssa`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .visibility import DEFAULT_INTERNAL_FIELDS


class SsaConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder holding one data package per plan, relative to mkdocs.yml."""

    audience = c.Choice(("public", "internal"), default="public")
    """Who the build is for; the environment variable SSA_AUDIENCE overrides it."""

    internal_fields = c.ListOfItems(c.Type(str), default=list(DEFAULT_INTERNAL_FIELDS))
    """Fields hidden from public builds even on public rows."""

    notice = c.Optional(c.Type(str))
    """A notice shown on every page (e.g. that the content is fictional)."""

    evaluation_publication_days = c.Type(int, default=90)
    """Warn when an evaluation summary is published more than this many days after the
    evaluation was completed (0 turns the check off)."""
