"""GDELT-2.0-style tables: an event table (one row per linked event) and a mentions table.

The column names and their order are GDELT 2.0's (Event Codebook V2.0: 61 event columns,
16 mention columns), so scripts written for GDELT read these files. GDELT's own files are
tab-delimited without a header; these have a header row and are comma-separated by default
(`sep="\\t"` gives tabs). What Communique knows is filled; the rest is left empty.

Events, filled:
- GLOBALEVENTID: a 60-bit integer from the Communique event id (the same id in both tables).
- SQLDATE (YYYYMMDD), MonthYear, Year, FractionDate (year + day of year / 365): the event's
  date, else its first report's; a month- or year-precise date is written as its first day.
- Actor1*/Actor2*: Actor1 is the event's first actor, Actor2 its first recipient (or, for an
  event whose participants are all actors, the second actor). Code = country + sector as
  CAMEO writes it (BLRGOV), Name = the resolved actor's name in the first report,
  CountryCode = ISO 3166 alpha-3 (GDELT too uses CAMEO's three-letter country codes here),
  Type1Code = the PLOVER sector. Known group, ethnic, religion and Type2/3 codes: empty.
- IsRootEvent: 1 when a report has it in its document's first sentence, else 0.
- EventCode: the CAMEO code of the PLOVER category and mode; EventBaseCode its first three
  digits, EventRootCode its first two. QuadClass: PLOVER's quad class (same four classes).
- GoldsteinScale: the PLOVER score (-10 .. +10, PLOVER's conflict–cooperation scale: not
  Goldstein's values, the same range and sign).
- NumMentions: reports of the event; NumSources: distinct outlets; NumArticles: documents.
- ActionGeo_*: where the event took place, when a report says: Type 1 (country) or 4 (a
  place), FullName, CountryCode (ISO alpha-3, where GDELT writes FIPS 10-4), Lat/Long when
  known. Actor geography, ADM codes, FeatureID, AvgTone: empty (Communique does not compute tone).
- DATEADDED: when the first document of the event was ingested (YYYYMMDDHHMMSS).
- SOURCEURL: the URL (else the path) of the earliest report.

Mentions, filled: GLOBALEVENTID; EventTimeDate (the event date, YYYYMMDD000000);
MentionTimeDate (the document's publication date); MentionType 1 (web) when the document has
a URL; MentionSourceName (outlet); MentionIdentifier (URL or path); SentenceID (1-based);
Actor1CharOffset, Actor2CharOffset, ActionCharOffset (character offsets of the first actor,
first recipient and trigger in the document); InRawText 1; Confidence (the coder's, 0–100);
MentionDocLen (characters); MentionDocTranslationInfo "srclc:<language>" for documents not in
English (ISO 639-1, where GDELT writes 639-2); Extras "mention=<id>;event=<id>", the
Communique ids. MentionDocTone: empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from communique.store import analysis_sql
from communique.store.duckdb import Store

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)


def global_event_id(event_id: str | None) -> int | None:
    """GDELT's integer event id for a Communique event id ("e" + hex)."""
    if not event_id:
        return None
    digits = event_id[1:16] if event_id.startswith("e") else event_id
    try:
        return int(digits, 16)
    except ValueError:
        return int.from_bytes(event_id.encode("utf-8")[:7].ljust(7, b"\0"), "big")


def _entities(raw: str | None) -> list[dict[str, Any]]:
    return json.loads(raw) if raw else []


def _actor_cols(prefix: str, code: str | None, entities: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not code:
        return out
    ent = next((e for e in entities if e.get("code") == code), {})
    sector = ent.get("sector") or ""
    out[f"{prefix}Code"] = code + sector
    out[f"{prefix}Name"] = (ent.get("name") or ent.get("entity_text") or code).upper()
    out[f"{prefix}CountryCode"] = code
    out[f"{prefix}Type1Code"] = sector or None
    return out


def _fraction(d: date) -> float:
    return round(d.year + d.timetuple().tm_yday / 365, 4)


def event_row(r: dict[str, Any]) -> dict[str, Any]:
    """One row of the events export query as GDELT event columns."""
    when: date | None = r["date_start"] or r["first_report"]
    actors = list(r["actor_codes"] or [])
    recipients = list(r["recipient_codes"] or [])
    second = recipients[0] if recipients else (actors[1] if len(actors) > 1 else None)
    entities = _entities(r["first_actors"]) + _entities(r["first_recipients"])
    cameo = r["cameo"] or ""
    out: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(r["id"]),
        "SQLDATE": f"{when:%Y%m%d}" if when else None,
        "MonthYear": f"{when:%Y%m}" if when else None,
        "Year": when.year if when else None,
        "FractionDate": _fraction(when) if when else None,
        **_actor_cols("Actor1", actors[0] if actors else None, entities),
        **_actor_cols("Actor2", second, entities),
        "IsRootEvent": 1 if r["first_sentence"] == 0 else 0,
        "EventCode": cameo or None,
        "EventBaseCode": cameo[:3] or None,
        "EventRootCode": cameo[:2] or None,
        "QuadClass": r["quad"],
        "GoldsteinScale": r["score"],
        "NumMentions": r["n_mentions"],
        "NumSources": len(r["sources"] or []) or None,
        "NumArticles": r["n_documents"],
        "DATEADDED": f"{r['added']:%Y%m%d%H%M%S}" if isinstance(r["added"], datetime) else None,
        "SOURCEURL": r["source_url"] or r["source_path"],
    }
    loc = json.loads(r["first_location"]) if r["first_location"] else None
    if r["location_country"]:
        out["ActionGeo_CountryCode"] = r["location_country"]
        out["ActionGeo_Type"] = 1
        if loc and loc.get("country_code") == r["location_country"]:
            name = loc.get("name") or loc.get("place")
            out["ActionGeo_FullName"] = name
            if loc.get("lat") is not None and loc.get("lon") is not None:
                out["ActionGeo_Type"] = 4
                out["ActionGeo_Lat"], out["ActionGeo_Long"] = loc["lat"], loc["lon"]
    return out


def mention_row(r: dict[str, Any]) -> dict[str, Any]:
    """One row of the mentions export query as GDELT mention columns."""
    actors, recipients = _entities(r["actors"]), _entities(r["recipients"])
    when = r["event_date"]
    return {
        "GLOBALEVENTID": global_event_id(r["event_id"]),
        "EventTimeDate": f"{when:%Y%m%d}000000" if when else None,
        "MentionTimeDate": f"{r['published']:%Y%m%d}000000" if r["published"] else None,
        "MentionType": 1 if r["url"] else None,
        "MentionSourceName": r["outlet"],
        "MentionIdentifier": r["url"] or r["path"],
        "SentenceID": r["sentence"] + 1 if r["sentence"] is not None else None,
        "Actor1CharOffset": actors[0].get("start") if actors else None,
        "Actor2CharOffset": recipients[0].get("start") if recipients else None,
        "ActionCharOffset": r["trigger_start"],
        "InRawText": 1,
        "Confidence": round((r["confidence"] or 0) * 100),
        "MentionDocLen": r["doc_length"],
        "MentionDocTranslationInfo": f"srclc:{r['lang']}" if r["lang"] and r["lang"] != "en" else None,
        "Extras": f"mention={r['id']};event={r['event_id']}",
    }


def _write(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: Path | IO[str], sep: str) -> int:
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as f:
            return _write(rows, columns, f, sep)
    w = csv.DictWriter(out, fieldnames=columns, delimiter=sep, lineterminator="\n", extrasaction="raise")
    w.writeheader()
    n = 0
    for row in rows:
        w.writerow(row)
        n += 1
    return n


def write_gdelt(store: Store, events_out: Path | IO[str], mentions_out: Path | IO[str] | None = None,
                sep: str = ",") -> tuple[int, int]:
    """Write the GDELT-style event table (and mentions table); returns the numbers of rows."""
    n_events = _write((event_row(r) for r in store.rows(analysis_sql.GDELT_EVENTS_SQL)), EVENT_COLUMNS,
                      events_out, sep)
    n_mentions = 0
    if mentions_out is not None:
        n_mentions = _write((mention_row(r) for r in store.rows(analysis_sql.GDELT_MENTIONS_SQL)), MENTION_COLUMNS,
                            mentions_out, sep)
    return n_events, n_mentions
