"""Reading a site project into the model: data packages (descriptor, CSV tables typed by
Frictionless), the cross-checks of the data, front matter, narratives, progress reviews,
evaluation summaries and the glossary.

Every problem found is collected as a :class:`ssa_site.base.problems.Problem`, never
raised. May import ``base``, ``cache`` and ``model``.
"""
