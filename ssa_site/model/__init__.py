"""The domain model: plans, results, indicators, values, initiatives, assumptions,
evaluations, the publisher, and what each audience may see of them.

Frozen dataclasses with lookups indexed once; no reading of files, no MkDocs. May import
``base`` and ``cache`` (nothing above).
"""
