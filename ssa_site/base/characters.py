"""Characters that XML (IATI activities, SVG charts) cannot hold and a page cannot show.

XML 1.0 forbids the C0 control characters other than tab, line feed and carriage return,
and U+FFFE and U+FFFF; they usually come from text copied out of another program. The
loaders report them as errors, positioned like every other problem, so that no build stops
with a traceback half-way through writing a chart or an XML file.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CONTROL_FIX = "delete it: such characters often come from copying text out of another program"


def control_message(character: str) -> str:
    return f"holds the control character U+{ord(character):04X}"
