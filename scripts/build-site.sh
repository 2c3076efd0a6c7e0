#!/usr/bin/env bash
# Build the example site into site/ (installs what it needs into .venv on first run).
# Usage: bash scripts/build-site.sh [extra mkdocs build options]
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
if [ ! -x .venv/bin/mkdocs ] || [ pyproject.toml -nt .venv/.installed ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e .
  touch .venv/.installed
fi
.venv/bin/mkdocs build --strict "$@"
