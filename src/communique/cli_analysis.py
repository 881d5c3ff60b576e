"""Commands over linked events: link, linked, event, timeline, network, alerts, export-as.

Registered on the Typer app of communique.cli (imported there once); thin like the rest:
parse, call a library function, render with Rich.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from communique.cli import DbOpt, _day, app, err, out
from communique.errors import UsageError
from communique.store.duckdb import DEFAULT_DB

SinceOpt = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD, YYYY-MM or YYYY).")]
UntilOpt = Annotated[str | None, typer.Option(help="Up to this date.")]
FormatOpt = Annotated[str, typer.Option("--format", help="table or json.")]
EXPORT_FORMATS = ("events", "plover", "gdelt", "parquet", "graphml", "network-json")


def _format(fmt: str, allowed: tuple[str, ...] = ("table", "json")) -> str:
    if fmt not in allowed:
        raise UsageError(f"--format {fmt}: use {' or '.join(allowed)}")
    return fmt


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


@app.command("link")
def link_cmd(
    db: DbOpt = Path(DEFAULT_DB),
    full: Annotated[bool, typer.Option("--full", help="Link everything again from scratch (without it, the new "
                                       "reports are linked with the stored ones within months of them).")] = False,
) -> None:
    """Link event mentions into real-world events across documents and languages (ingest does it too)."""
    from communique.link.incremental import link_pending, relink
    from communique.store.duckdb import Store

    if not db.exists():
        raise UsageError(f"{db}: no such store; ingest something first (communique ingest PATH --db {db})")
    with Store(db) as store:
        counts = relink(store) if full else link_pending(store)
        total = store.scalar("SELECT count(*) FROM events")
    out.print(f"{counts.new} mentions linked ({counts.relinked} looked at again), {counts.pinned} dates pinned "
              f"through their events; {total} events in {db}")


@app.command("linked")
def linked_cmd(
    db: DbOpt = Path(DEFAULT_DB),
    participant: Annotated[str | None, typer.Option(help="Country code of a participant.")] = None,
    category: Annotated[str | None, typer.Option(help="PLOVER category.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_documents: Annotated[int, typer.Option(min=1, help="Events reported by at least this many documents.")] = 1,
    limit: Annotated[int, typer.Option(min=1)] = 100,
    fmt: FormatOpt = "table",
) -> None:
    """Linked events: each real-world event once, with its reports, sources and languages."""
    from communique.analyse.data import ensure_linked
    from communique.export.events import event_record
    from communique.store import analysis_sql
    from communique.store.duckdb import Store

    _format(fmt)
    sql, params = analysis_sql.linked_events_sql(participant, category, _day(since, "--since"),
                                                 _day(until, "--until"), min_documents, limit)
    with Store(db, read_only=True) as store:
        ensure_linked(store)
        rows = [event_record({**r, "mention_ids": []}) for r in store.rows(sql, params)]
    if fmt == "json":
        for r in rows:
            print(_json(r))
        return
    table = Table()
    for col in ("event", "date", "what", "who", "where", "reports", "languages", "sources", "first report"):
        table.add_column(col, overflow="fold")
    for r in rows:
        what = r["event"] + (f":{r['mode']}" if r["mode"] else "") + (f" [{r['aux']}]" if r["aux"] else "")
        who = ",".join(r["actor"]) + (" → " + ",".join(r["recipient"]) if r["recipient"] else "")
        where = (r["location"] or {}).get("country_code", "")
        table.add_row(r["event_id"], str(r["date"] or ""), what, who, where,
                      f"{r['n_documents']} docs / {r['n_mentions']}", ",".join(r["languages"]),
                      ", ".join(r["sources"][:4]) + (" …" if len(r["sources"]) > 4 else ""),
                      str(r["first_report"] or ""))
    out.print(table)
    out.print(f"{len(rows)} events" + (" (limit reached: --limit)" if len(rows) == limit else ""))


@app.command("event")
def event_cmd(
    event_id: Annotated[str, typer.Argument(help="An event id (see communique linked).")],
    db: DbOpt = Path(DEFAULT_DB),
    sentences: Annotated[int, typer.Option(min=1, help="Sentences shown per event.")] = 50,
) -> None:
    """One linked event and the sentences that report it."""
    from communique.analyse.data import evidence
    from communique.export.events import event_record
    from communique.store import analysis_sql
    from communique.store.duckdb import Store

    with Store(db, read_only=True) as store:
        rows = list(store.rows(analysis_sql.EVENT_BY_ID_SQL, [event_id]))
        if not rows:
            raise UsageError(f"{event_id}: no such event; list them with communique linked --db {db}")
        rec = event_record(rows[0])
        ev = evidence(store, [event_id], sentences)[event_id]
    out.print_json(_json({k: v for k, v in rec.items() if k != "mentions"}))
    for x in ev:
        out.print(f"[bold]{x.lang or '?'}[/] {x.outlet or ''} {x.published or ''}: {x.sentence}", highlight=False)


@app.command("timeline")
def timeline_cmd(
    a: Annotated[str, typer.Argument(help="An actor: country code (BLR) or a name (Lukashenko).")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    db: DbOpt = Path(DEFAULT_DB),
    by: Annotated[str, typer.Option(help="week, month, quarter or year.")] = "month",
    since: SinceOpt = None,
    until: UntilOpt = None,
    category: Annotated[list[str] | None, typer.Option(help="Only these PLOVER categories.")] = None,
    undated: Annotated[bool, typer.Option("--undated", help="Place events the texts give no date for at "
                                                            "their first report.")] = False,
    fmt: FormatOpt = "table",
) -> None:
    """Interactions between two actors per period: events by category and their cooperation/conflict score."""
    from communique.analyse.timeline import timeline
    from communique.store.duckdb import Store

    _format(fmt)
    cats = frozenset(c.upper() for c in category) if category else None
    with Store(db, read_only=True) as store:
        tl = timeline(store, a, b, by, _day(since, "--since"), _day(until, "--until"), cats, undated)
    if fmt == "json":
        for p in tl.periods:
            print(_json(asdict(p)))
        return
    if not tl.periods:
        out.print(f"no events between {a} and {b}")
        return
    table = Table(title=f"{a} – {b}, by {by}")
    for col in ("period", "events", "reports", "categories", "coop", "conflict", "score"):
        table.add_column(col, justify="right" if col not in ("period", "categories") else "left")
    for p in tl.periods:
        cats_s = ", ".join(f"{k} {v}" for k, v in sorted(p.by_category.items(), key=lambda kv: -kv[1]))
        table.add_row(p.label, str(p.events), str(p.mentions), cats_s, str(p.cooperation), str(p.conflict),
                      "" if p.score is None else f"{p.score:+.1f}")
    out.print(table)
    out.print(f"{tl.events} events; score: mean PLOVER score of the period's events (-10 conflict … +10 cooperation)")


@app.command("network")
def network_cmd(
    db: DbOpt = Path(DEFAULT_DB),
    since: SinceOpt = None,
    until: UntilOpt = None,
    category: Annotated[str | None, typer.Option(help="Only this PLOVER category.")] = None,
    min_events: Annotated[int, typer.Option(min=1, help="Leave out edges with fewer events.")] = 1,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write .graphml or .json.")] = None,
    top: Annotated[int, typer.Option(min=1, help="Edges shown in the table.")] = 25,
) -> None:
    """The actor network: countries linked by the events they share, weighted by events."""
    from communique.analyse.network import network
    from communique.export.graphml import write_graphml, write_network_json
    from communique.store.duckdb import Store

    if output is not None and output.suffix.lower() not in (".graphml", ".json"):
        raise UsageError(f"--output {output}: name a .graphml or .json file")
    with Store(db, read_only=True) as store:
        net = network(store, _day(since, "--since"), _day(until, "--until"), category, min_events)
    if output is not None:
        (write_graphml if output.suffix.lower() == ".graphml" else write_network_json)(net, output)
        err.print(f"{len(net.nodes)} nodes, {len(net.edges)} edges → {output}")
    table = Table(title=f"{len(net.nodes)} actors, {len(net.edges)} ties (strongest first)")
    for col in ("pair", "events", "reports", "coop", "conflict", "score", "categories"):
        table.add_column(col)
    for e in sorted(net.edges, key=lambda e: (-e.events, e.source, e.target))[:top]:
        table.add_row(f"{e.source}–{e.target}", str(e.events), str(e.mentions), str(e.cooperation), str(e.conflict),
                      "" if e.score is None else f"{e.score:+.1f}",
                      ", ".join(f"{k} {v}" for k, v in e.categories.items()))
    out.print(table)


@app.command("alerts")
def alerts_cmd(
    db: DbOpt = Path(DEFAULT_DB),
    kind: Annotated[list[str] | None, typer.Option(help="surge, copresence, reciprocity, triangle (all when not "
                                                        "given; repeat for several).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    by: Annotated[str, typer.Option(help="Surge period: week, month, quarter or year.")] = "month",
    alpha: Annotated[float, typer.Option(min=0.0, max=1.0, help="Surge false discovery rate (BH q).")] = 0.05,
    min_count: Annotated[int, typer.Option(min=1, help="Surge: events in the period at least.")] = 2,
    days: Annotated[int, typer.Option(min=0, help="Co-presence: visits at most this many days apart.")] = 3,
    min_visits: Annotated[int, typer.Option(min=1, help="Reciprocity: visits one way at least.")] = 2,
    sentences: Annotated[int, typer.Option(min=1, help="Sentences shown per event.")] = 2,
    fmt: FormatOpt = "table",
) -> None:
    """Alerts: surges, co-presence, reciprocity gaps, triangles; each with its events and sentences."""
    from communique.analyse.alerts import KINDS, AlertOptions, alerts
    from communique.store.duckdb import Store

    _format(fmt)
    opt = AlertOptions(by=by, alpha=alpha, min_count=min_count, days=days, min_visits=min_visits)
    with Store(db, read_only=True) as store:
        found = alerts(store, kind or KINDS, _day(since, "--since"), _day(until, "--until"), opt, sentences)
    if fmt == "json":
        for a in found:
            print(_json(asdict(a)))
        return
    if not found:
        out.print("no alerts")
        return
    for a in found:
        out.print(f"[bold]{a.kind}[/] {a.title}", highlight=False)
        for x in a.evidence:
            when = f" {x.published}" if x.published else ""
            out.print(f"    [dim]{x.event_id} {x.lang or '?'} {x.outlet or ''}{when}[/] {x.sentence}", highlight=False)
    out.print(f"{len(found)} alerts")


@app.command("export-as")
def export_as(
    fmt: Annotated[str, typer.Argument(help=f"One of {', '.join(EXPORT_FORMATS)}.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file (a folder for parquet).")],
    db: DbOpt = Path(DEFAULT_DB),
    mentions: Annotated[Path | None, typer.Option(help="gdelt: the mentions table (default: OUTPUT with "
                                                       ".mentions.csv).")] = None,
    tab: Annotated[bool, typer.Option("--tab", help="gdelt: tab-separated, as GDELT's own files.")] = False,
    text: Annotated[bool, typer.Option("--text", help="parquet: include the documents' text.")] = False,
) -> None:
    """Export linked events: events (JSON lines), plover (mentions), gdelt (CSV), parquet, graphml, network-json."""
    from communique.analyse.data import ensure_linked
    from communique.store.duckdb import Store

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"{fmt}: not an export format; use one of {', '.join(EXPORT_FORMATS)}")
    with Store(db, read_only=True) as store:
        ensure_linked(store)
        msg = _export(store, fmt, output, mentions, tab, text)
    out.print(msg)


def _export(store: Any, fmt: str, output: Path, mentions: Path | None, tab: bool, text: bool) -> str:
    if fmt == "events":
        from communique.export.events import write_events

        return f"{write_events(store, output)} events → {output}"
    if fmt == "plover":
        from communique.export.plover import write_plover
        from communique.store import queries

        sql, params = queries.events_sql(queries.EventFilter())
        return f"{write_plover(store.rows(sql, params), output)} event mentions → {output}"
    if fmt == "gdelt":
        from communique.export.gdelt import write_gdelt

        mpath = mentions or output.with_name(output.stem + ".mentions.csv")
        n_ev, n_m = write_gdelt(store, output, mpath, "\t" if tab else ",")
        return f"{n_ev} events → {output}, {n_m} mentions → {mpath}"
    if fmt == "parquet":
        from communique.export.parquet import write_parquet

        counts = write_parquet(store, output, with_text=text)
        return ", ".join(f"{v} {k}" for k, v in counts.items()) + f" → {output}/"
    from communique.analyse.data import load_events
    from communique.analyse.network import network_of
    from communique.export.graphml import write_graphml, write_network_json

    net = network_of(load_events(store))
    (write_graphml if fmt == "graphml" else write_network_json)(net, output)
    return f"{len(net.nodes)} nodes, {len(net.edges)} edges → {output}"
