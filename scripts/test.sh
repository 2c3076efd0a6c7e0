#!/usr/bin/env bash
# Run the whole test suite (installs the package with its test extra into .venv).
# Usage: bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
if [ ! -x .venv/bin/pytest ] || [ pyproject.toml -nt .venv/.installed-test ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e ".[test]"
  touch .venv/.installed-test .venv/.installed
fi
# The Nu HTML Checker for tests/browser/test_html_validity.py: npm's vnu-jar, run with Java.
VNU_VERSION=26.9.27
if [ ! -f ".cache/vnu/.installed-$VNU_VERSION" ] && command -v npm >/dev/null; then
  mkdir -p .cache/vnu
  # --ignore-scripts: its postinstall would fetch a Java runtime when none is found.
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix .cache/vnu \
    "vnu-jar@$VNU_VERSION"
  touch ".cache/vnu/.installed-$VNU_VERSION"
fi
# Lint, format and types are tests too (tests/test_code_quality.py).
exec .venv/bin/pytest "$@"
