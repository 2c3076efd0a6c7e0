"""Characters that XML (IATI activities, SVG charts) cannot hold and a page cannot show.

XML 1.0 forbids the C0 control characters other than tab, line feed and carriage return,
and U+FFFE and U+FFFF; they usually come from text copied out of another program. The
loaders report them as errors, positioned like every other problem, so that no build stops
with a traceback half-way through writing a chart or an XML file.
"""

from __future__ import annotations

import re
from typing import Any

from ssa_site.base.problems import ProblemType

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTROL_CHARACTER = ProblemType(
    "control-character",
    "Control character in text",
    "holds the control character U+{code:04X}",
    "delete it: such characters often come from copying text out of another program",
)


def control_params(character: str) -> dict[str, Any]:
    """The fields of :data:`CONTROL_CHARACTER` for ``character``."""
    return {"code": ord(character)}
