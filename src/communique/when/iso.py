"""ISO-like date strings to DateValue and back: YYYY-MM-DD, YYYY-MM, YYYY."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from communique.records import DateValue

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def day(d: date, text: str = "") -> DateValue:
    """A single day."""
    return DateValue(d, d, "day", text)


def month(year: int, mon: int, text: str = "") -> DateValue:
    """A whole month."""
    return DateValue(date(year, mon, 1), month_end(year, mon), "month", text)


def year(y: int, text: str = "") -> DateValue:
    """A whole year."""
    return DateValue(date(y, 1, 1), date(y, 12, 31), "year", text)


def parse_iso(value: str | date | datetime | None) -> DateValue | None:
    """A DateValue from 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' (a time part is ignored); else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return day(value.date(), value.isoformat())
    if isinstance(value, date):
        return day(value, value.isoformat())
    m = _ISO.match(str(value))
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None and mo is not None:
            return day(date(y, int(mo), int(d)), str(value).strip())
        if mo is not None:
            return month(y, int(mo), str(value).strip())
        return year(y, str(value).strip())
    except ValueError:
        return None
