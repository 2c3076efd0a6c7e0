"""The base layer: what every other layer needs and that knows nothing of plans.

Problems (how every error and warning is reported), reporting periods, characters and
spreadsheet formulas that text must not carry, the core's log, and the standard Table
Schemas. Imports only the standard library and third-party libraries: nothing of
``ssa_site`` outside ``base``.
"""
