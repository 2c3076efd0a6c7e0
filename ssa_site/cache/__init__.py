"""Caches and worker processes: how a build reuses earlier work and uses every core.

``store`` keeps content-addressed results on disk and in the process (a key covers every
input and the code that makes the result, so a cache never changes output); ``pages``
keeps generated pages and finished HTML; ``workers`` runs work in spawned processes while
the build goes on. May import ``base`` only: what it caches or runs is handed to it.
"""
