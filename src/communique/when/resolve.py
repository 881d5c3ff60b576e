"""Readings (what a time expression says) resolved against the publication date.

A reading is a small dict of the fields of grammar.FIELDS. The rules, language apart:

- A bare weekday is the last one on or before the publication day in a sentence about the
  past (the publication weekday is the publication day itself), the first on or after it in
  one about the future. "last" / "next" make it strictly before / after.
- A month without a year is the latest such month that has begun by publication (past) or
  the earliest that has not ended (future): the publication month is the current month either
  way; "last September" is strictly before the publication month.
- A day and month without a year follow the same rule, with a week's grace when the
  publication day is known (a past sentence may name an announced date a few days ahead).
- A day number alone ("15일", "어제(24일)", "el miércoles 13") takes its month from the
  publication date: the nearest fitting day, or the rule above.
- A week is no precision: "this week" is its Monday to Sunday, a day-precise interval.
- A publication date known only to the month or year: what a reading needs finer than that
  is worked out from the middle of the known interval and cut back to its precision ("yesterday"
  in "September 2023" is September 2023); what the text fixes itself (a day and month) stays.
- No publication date: only what the text fixes by itself (a year is named) is resolved; any
  other expression is a time of unknown date (precision "unknown", start and end None).
- A range's ends complete each other ("16–18 April"); the end the sentence's direction reaches
  first is resolved against the publication date, the other against it. "since X" and
  "until X" are X.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from communique.records import DateValue, Precision
from communique.when.iso import month_end

Reading = dict[str, int | str]
Span = tuple[date, date, Precision]  # start, end (inclusive), precision

# A day and month without a year in a sentence about the past may still lie a few days after
# publication (an announced date the modality cues missed); beyond that it is last year's.
GRACE_DAYS = 7
RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}
_CONTEXT_REL = ("year_rel", "month_rel", "week_rel", "day_rel")


@dataclass(frozen=True, slots=True)
class Ref:
    """What a reading is resolved against: an interval known at some precision."""

    lo: date
    hi: date
    precision: Precision
    grace: int = 0  # days a past date may lie after hi (and a future one before lo)


def reference(published: DateValue | None) -> Ref | None:
    """The reference interval of a publication date; None when it is unknown."""
    if published is None or published.start is None or published.precision == "unknown":
        return None
    hi = published.end or published.start
    grace = GRACE_DAYS if published.precision == "day" else 0
    return Ref(published.start, hi, published.precision, grace)


def unknown(text: str) -> DateValue:
    """A time the text names without saying which."""
    return DateValue(None, None, "unknown", text)


def resolve(r: Reading, ref: Ref | None, future: bool, text: str) -> DateValue | None:
    """The DateValue of one reading; None when it names no real day (31 February)."""
    span = _resolve(r, ref, future)
    if span is None or isinstance(span, str):
        return None if span is None else unknown(text)
    return DateValue(span[0], span[1], span[2], text)


def resolve_readings(
    rd: tuple[Reading, Reading | None], ref: Ref | None, future: bool, text: str
) -> DateValue | None:
    """The DateValue of what an expression says: one reading, or the two ends of a range."""
    first, last = rd
    try:
        value = resolve(first, ref, future, text) if last is None else resolve_range(first, last, ref, future, text)
    except OverflowError:  # it lands before year 1 or after 9999 (a publication date of 9999-12-31)
        return unknown(text)
    if value is not None and not in_calendar(value):
        return unknown(text)
    return value


# Dates outside these years are no news: later stages add days and years to dates, which must not
# run off the calendar (year 9999 ends it).
YEARS = (100, 9900)


def in_calendar(d: DateValue) -> bool:
    """Whether a date lies in the years later stages can compute with (unknown dates do)."""
    return all(x is None or YEARS[0] <= x.year <= YEARS[1] for x in (d.start, d.end))


def resolve_range(a: Reading, b: Reading, ref: Ref | None, future: bool, text: str) -> DateValue | None:
    """The DateValue of a range: start of a to end of b, each end completed from the other."""
    a, b = _inherit(a, b), _inherit(b, a)
    # The end that the sentence's direction reaches first is resolved against the publication
    # date, the other against it: "from Tuesday to Sunday" in the past ends last Sunday and
    # begins on the Tuesday before that Sunday.
    first, second = (a, b) if future else (b, a)
    s1 = _resolve(first, ref, future)
    if s1 is None or isinstance(s1, str):
        return None if s1 is None else unknown(text)
    own = any(k in second for k in ("year", *_CONTEXT_REL))
    ref2 = ref if own else Ref(s1[0], s1[1], s1[2])
    s2 = _resolve(second, ref2, future)
    if s2 is None or isinstance(s2, str):
        return None if s2 is None else unknown(text)
    precision = s1[2] if RANK[s1[2]] >= RANK[s2[2]] else s2[2]
    # At the coarser precision of the two ends, widened to whole units ("from 1 February 1990
    # to 1991" is 1990-01-01..1991-12-31 at year precision).
    lo = _unit(min(s1[0], s2[0]), precision)[0]
    hi = _unit(max(s1[1], s2[1]), precision)[1]
    return DateValue(lo, hi, precision, text)


def _inherit(r: Reading, other: Reading) -> Reading:
    """A range end completed with what the other end says and it leaves open ("16–18 April")."""
    out = dict(r)
    fixed_by_rel = any(k in r for k in _CONTEXT_REL)
    if "day" in out and not fixed_by_rel and "month" not in out:
        for k in ("month", "month_rel"):
            if k in other:
                out[k] = other[k]
                break
    if ("month" in out or "day" in out) and not fixed_by_rel and not ("year" in out or "month_rel" in out):
        for k in ("year", "year_rel"):
            if k in other:
                out[k] = other[k]
                break
    lone_weekday = not any(k in out for k in ("day", "month", "year", *_CONTEXT_REL))
    if "weekday" in out and lone_weekday and "week_rel" in other:
        out["week_rel"] = other["week_rel"]
    if "dir" not in out and "dir" in other and "year" not in out:
        out["dir"] = other["dir"]
    return out


def _grain(r: Reading) -> str | None:
    """How fine a publication date a reading needs to be resolved exactly."""
    if "day" in r and "month" not in r:
        return "month"
    if "month_rel" in r:
        return "month"
    if "month" in r or "year_rel" in r:
        return "year"
    if "day_rel" in r or "week_rel" in r or "weekday" in r:
        return "day"
    return None


def _resolve(r: Reading, ref: Ref | None, future: bool) -> Span | Literal["unknown"] | None:
    y = r.get("year")
    if isinstance(y, int):
        return _calendar(y, r.get("month"), r.get("day"))
    if ref is None:
        return "unknown"
    grain = _grain(r)
    if grain is None:
        return None
    if RANK[grain] >= RANK[ref.precision]:
        return _relative(r, ref, future)
    # The publication date is too coarse: work from its middle, keep only what it knows.
    mid = ref.lo + (ref.hi - ref.lo) // 2
    span = _relative(r, Ref(mid, mid, "day"), future)
    return None if span is None else _coarsen(span, ref.precision)


def _calendar(y: int, m: object, d: object) -> Span | None:
    """A year, a month of it, or a day of that month."""
    try:
        if isinstance(m, int) and isinstance(d, int):
            day = date(y, m, d)
            return (day, day, "day")
        if isinstance(m, int):
            return (date(y, m, 1), month_end(y, m), "month")
        return (date(y, 1, 1), date(y, 12, 31), "year")
    except ValueError:
        return None


def _add_months(d: date, n: int) -> date:
    """The first day of the month n months after d's month."""
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _unit(d: date, precision: Precision) -> Span:
    """The day, month or year (at precision) that holds d."""
    if precision == "month":
        return (date(d.year, d.month, 1), month_end(d.year, d.month), "month")
    if precision == "year":
        return (date(d.year, 1, 1), date(d.year, 12, 31), "year")
    return (d, d, "day")


def _coarsen(span: Span, precision: Precision) -> Span:
    """A span cut back to a coarser precision: the month or year in which it starts."""
    return span if precision == "day" else _unit(span[0], precision)


def _pick(cands: list[Span], ref: Ref, mode: str, grace: int) -> Span | None:
    """The candidate (in time order) that the direction of the sentence points to."""
    g = timedelta(days=grace)
    if mode == "last":
        ok = [c for c in cands if c[1] < ref.lo]
        return ok[-1] if ok else None
    if mode == "next":
        ok = [c for c in cands if c[0] > ref.hi]
        return ok[0] if ok else None
    if mode == "past":
        ok = [c for c in cands if c[0] <= ref.hi + g]
        return ok[-1] if ok else None
    ok = [c for c in cands if c[1] >= ref.lo - g]
    return ok[0] if ok else None


def _nearest(cands: list[Span], target: date, future: bool) -> Span | None:
    """The candidate closest to target; a tie goes the sentence's way."""
    if not cands:
        return None
    return min(cands, key=lambda c: (abs((c[0] - target).days), (c[0] < target) == future))


def _relative(r: Reading, ref: Ref, future: bool) -> Span | None:
    mode = str(r.get("dir") or ("future" if future else "past"))
    grace = ref.grace if "dir" not in r else 0
    dn, mn, wd = r.get("day"), r.get("month"), r.get("weekday")
    if isinstance(dn, int) and not isinstance(mn, int):
        rel = r.get("month_rel")
        if isinstance(rel, int):
            first = _add_months(ref.lo, rel)
            return _calendar(first.year, first.month, dn)
        cands: list[Span] = []
        for k in range(-13, 14):
            first = _add_months(ref.lo, k)
            span = _calendar(first.year, first.month, dn)
            if span is not None and (wd is None or span[0].isoweekday() == wd):
                cands.append(span)
        mid = ref.lo + (ref.hi - ref.lo) // 2
        drel = r.get("day_rel")
        if isinstance(drel, int):  # "yesterday (the 24th)": the 24th nearest to yesterday
            return _nearest(cands, mid + timedelta(days=drel), future)
        if wd is not None:  # "Wednesday the 13th": the nearest such day
            return _nearest(cands, mid, future)
        return _pick(cands, ref, mode, grace)
    if isinstance(mn, int):
        yrel = r.get("year_rel")
        if isinstance(yrel, int):
            return _calendar(ref.lo.year + yrel, mn, dn)
        years = range(ref.lo.year - 4, ref.hi.year + 5)  # wide enough for 29 February
        found = [s for s in (_calendar(y, mn, dn) for y in years) if s is not None]
        return _pick(found, ref, mode, grace if isinstance(dn, int) else 0)
    mrel = r.get("month_rel")
    if isinstance(mrel, int):
        first = _add_months(ref.lo, mrel)
        return _calendar(first.year, first.month, None)
    yrel = r.get("year_rel")
    if isinstance(yrel, int):
        return _calendar(ref.lo.year + yrel, None, None)
    wrel = r.get("week_rel")
    if isinstance(wrel, int):
        monday = ref.lo - timedelta(days=ref.lo.isoweekday() - 1) + timedelta(weeks=wrel)
        if isinstance(wd, int):
            d = monday + timedelta(days=wd - 1)
            return (d, d, "day")
        return (monday, monday + timedelta(days=6), "day")
    drel = r.get("day_rel")
    if isinstance(drel, int):
        d = ref.lo + timedelta(days=drel)
        return (d, d, "day")
    if isinstance(wd, int):
        anchor = ref.hi if mode in ("past", "last") else ref.lo
        back = (anchor.isoweekday() - wd) % 7
        ahead = (wd - anchor.isoweekday()) % 7
        if mode == "last":
            d = anchor - timedelta(days=back or 7)
        elif mode == "past":
            d = anchor - timedelta(days=back)
        elif mode == "next":
            d = anchor + timedelta(days=ahead or 7)
        else:
            d = anchor + timedelta(days=ahead)
        return (d, d, "day")
    return None
