"""What the loaded model means: indicator status and its roll-up, tracking tables,
alignment across plans, logic-model tiers, theory-of-change sections, the build's
"today", and the plan quality rules.

Pure functions of the model: no files, no pages, no MkDocs. May import ``base``,
``cache``, ``model`` and ``load`` (for the types of loaded narratives and reviews).
"""
