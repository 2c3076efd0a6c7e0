"""What a MkDocs build needs from the core, in MkDocs' own terms: the authored files
sorted, the page context made from the plugin's options, the generated files, the
navigation arranged, chart files copied once drawn, and the export of a build's pages.

The only package that imports MkDocs (with ``plugin.py`` and ``config.py``). May import
everything but ``plugin`` and ``cli``.
"""
