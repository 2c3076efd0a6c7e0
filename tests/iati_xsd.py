"""The official IATI 2.03 activity schema, from the pyIATI sdist on PyPI (not vendored).

``pyIATI==0.4.1`` ships the XSDs under ``iati/resources/standard/2-03/schemas/``.  The sdist
is looked for in ``$PYIATI_SDIST``, then in ``.cache/pyiati/`` (kept between runs), and
fetched with ``pip download`` when missing.  When it cannot be had, the tests that need it
fail under CI (``$CI`` set) and are skipped elsewhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

REQUIREMENT = "pyIATI==0.4.1"
SDIST = "pyIATI-0.4.1.tar.gz"
SCHEMAS = "pyIATI-0.4.1/iati/resources/standard/2-03/schemas/"
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "pyiati"


def find_sdist() -> tuple[Path | None, str]:
    """(path of the sdist, or None, and why it is missing)."""
    configured = os.environ.get("PYIATI_SDIST")
    if configured:
        path = Path(configured)
        return (path, "") if path.is_file() else (None, f"PYIATI_SDIST={configured} is no file")
    target = CACHE / SDIST
    if target.is_file():
        return target, ""
    CACHE.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    command += ["--no-binary", ":all:", REQUIREMENT, "--dest", str(CACHE)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"pip download {REQUIREMENT} failed: {exc}"
    if target.is_file():
        return target, ""
    return None, f"pip download {REQUIREMENT} failed: {done.stderr.strip()[-500:]}"


def extract_schemas(sdist: Path, into: Path) -> Path:
    """Unpack the 2.03 schemas (they include each other) and return the activity schema."""
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith(SCHEMAS):
                source = archive.extractfile(member)
                assert source is not None
                (into / Path(member.name).name).write_bytes(source.read())
    return into / "iati-activities-schema.xsd"
