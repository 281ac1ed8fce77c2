"""Text from scraped articles is data: never markup, never terminal control sequences."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI, 0x9b).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if code == 0x0D:  # a lone carriage return would overwrite the line on a terminal
        return ""
    return f"\\x{code:02x}"


def neutralise_controls(text: str) -> str:
    """Show control characters as visible `\\xNN` escapes so they cannot drive the terminal."""
    return _CONTROL.sub(_visible, text)


def one_line(text: str, width: int | None = None) -> str:
    """Collapse whitespace (for tables and lists) and optionally truncate with an ellipsis."""
    flat = " ".join(neutralise_controls(text or "").split())
    if width is not None and len(flat) > width:
        return flat[: max(0, width - 1)] + "…"
    return flat
