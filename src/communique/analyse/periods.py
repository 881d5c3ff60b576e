"""Calendar periods (week, month, quarter, year): the bins of timelines and surge tests."""

from __future__ import annotations

from datetime import date, timedelta

PERIODS = ("week", "month", "quarter", "year")


def period_index(d: date, by: str) -> int:
    """A running number of the period a day falls in (consecutive periods differ by one)."""
    if by == "month":
        return d.year * 12 + d.month - 1
    if by == "quarter":
        return d.year * 4 + (d.month - 1) // 3
    if by == "year":
        return d.year
    if by == "week":
        return (d - date(1, 1, 1)).days // 7  # weeks starting on Monday (1-01-01 was one)
    raise ValueError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")


def period_start(i: int, by: str) -> date:
    """The first day of a numbered period."""
    if by == "month":
        return date(i // 12, i % 12 + 1, 1)
    if by == "quarter":
        return date(i // 4, (i % 4) * 3 + 1, 1)
    if by == "year":
        return date(i, 1, 1)
    return date(1, 1, 1) + timedelta(days=7 * i)


def period_label(i: int, by: str) -> str:
    """How a period is written: 2024-04, 2024-Q2, 2024, 2024-W16."""
    start = period_start(i, by)
    if by == "month":
        return f"{start:%Y-%m}"
    if by == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if by == "year":
        return str(start.year)
    iso = start.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"
