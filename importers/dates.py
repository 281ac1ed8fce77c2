"""Publication dates to ISO 8601, as precise as the input: a date, or a date and time.

Inputs write dates in every way there is; the ones that cannot be read without guessing
(`3/4/2024`: March or April?) are left unparsed, and the importer keeps the raw value in the
article's metadata instead of storing a wrong date.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
_DAY_MONTH_YEAR = re.compile(r"^(?:\w+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^(?:\w+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def _iso_datetime(value: datetime) -> str:
    if value.hour == value.minute == value.second == 0 and value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def _from_number(value: float) -> str | None:
    if value > 1e11:  # milliseconds since the epoch
        value /= 1000
    try:
        return datetime.fromtimestamp(value, timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric(text: str) -> str | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    first, second, third = (int(g) for g in match.groups())
    if len(match.group(1)) == 4:
        return _safe_date(first, second, third)
    if len(match.group(3)) != 4:
        return None
    if "." in text or first > 12:  # dotted dates are day-first; so is any day above 12
        return _safe_date(third, second, first)
    if second > 12:
        return _safe_date(third, first, second)
    return None  # 3/4/2024: ambiguous


def _worded(text: str) -> str | None:
    lowered = text.lower()
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        match = pattern.match(lowered)
        if match:
            day, month_name, year = (match.group(i + 1) for i in order)
            month = _MONTHS.get(month_name)
            if month:
                return _safe_date(int(year), month, int(day))
    return None


def _from_text(text: str) -> str | None:
    text = " ".join(text.split())
    if not text:
        return None
    try:
        return _iso_datetime(datetime.fromisoformat(text.replace("z", "Z")))
    except ValueError:
        pass
    try:
        return _iso_datetime(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    return _numeric(text) or _worded(text)


def normalise_date(value: Any) -> str | None:
    """ISO 8601 text for a date found in an input, or None when it cannot be read safely."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat(timespec="seconds")
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_number(float(value))
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.isdigit() and len(stripped) >= 9:
            return _from_number(float(stripped))
        return _from_text(stripped)
    return None
