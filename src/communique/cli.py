"""The command line: parse, call a library function, render. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from communique import __version__
from communique.errors import CommuniqueError, UsageError
from communique.options import SUPPORTED_LANGS, Options
from communique.store.duckdb import DEFAULT_DB

app = typer.Typer(help="Communique: multilingual political event data from news text, coded in PLOVER.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
actors_app = typer.Typer(help="The actor base: build a larger one from a Wikidata dump.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

# Piped output is not cut at 80 columns: tables keep their sentences readable.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
LangOpt = Annotated[str | None, typer.Option("--lang", help=f"Language of the texts ({', '.join(SUPPORTED_LANGS)}); "
                                             "identified per document when not given.")]
PublishedOpt = Annotated[str | None, typer.Option("--published", help="Publication date for texts that carry "
                                                  "none: YYYY-MM-DD, YYYY-MM or YYYY.")]


def _options(lang: str | None = None, published: str | None = None, **kw: object) -> Options:
    from communique.when.iso import parse_iso

    if lang is not None and lang not in SUPPORTED_LANGS:
        raise UsageError(f"--lang {lang}: not a supported language; use one of {', '.join(SUPPORTED_LANGS)}")
    if published is not None and parse_iso(published) is None:
        raise UsageError(f"--published {published}: not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
    return Options(lang=lang, published=published, **kw)  # type: ignore[arg-type]


def _day(value: str | None, flag: str) -> date | None:
    from communique.when.iso import parse_iso

    if value is None:
        return None
    d = parse_iso(value)
    if d is None or d.start is None:
        raise UsageError(f"{flag} {value}: not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
    return d.start if flag != "--until" else d.end


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .jsonl manifests, .html, "
                                                "RSS/Atom, .warc(.gz).", show_default=False)],
    db: DbOpt = Path(DEFAULT_DB),
    published: PublishedOpt = None,
    lang: LangOpt = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for coding.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents written per transaction.")] = 64,
    actors: Annotated[Path | None, typer.Option(help="Extra actors and aliases (TSV).")] = None,
    engine: Annotated[str, typer.Option(help="local (this machine's processes) or dask (a Dask cluster: "
                                        "--workers local workers, or the one at --scheduler).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Address of a Dask scheduler (with --engine dask), "
                                                  "e.g. tcp://10.0.0.5:8786.")] = None,
    link: Annotated[bool, typer.Option(help="Link the stored reports into events during the run (each time the "
                                       "store doubles or 10,000 documents have come, and at the end); --no-link "
                                       "leaves it to `communique link`.")]
    = True,
) -> None:
    """Read, code and store documents; the same document is stored once however often it is given."""
    from communique.pipeline import RunSummary, check_paths
    from communique.pipeline import ingest as run_ingest
    from communique.read import read_paths
    from communique.store.duckdb import Store

    check_paths(paths)
    if actors is not None and not actors.is_file():
        raise UsageError(f"--actors {actors}: no such file")
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine}: use local or dask")
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    runner: Callable[..., RunSummary] = run_ingest
    if engine == "dask":
        from communique.distributed.dask import ingest_dask

        runner = partial(ingest_dask, scheduler=scheduler)
    opts = _options(lang, published, workers=workers, batch_size=batch_size, actors_file=actors)
    with Store(db) as store, Progress(SpinnerColumn(), TextColumn("[bold]coding[/]"), BarColumn(),
                                      TextColumn("{task.completed} documents, {task.fields[events]} events"),
                                      TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=None, events=0)
        n_events = 0

        def tick(docs: int, events: int) -> None:
            nonlocal n_events
            n_events += events
            progress.update(task, advance=docs, events=n_events)

        own = [db, db.with_name(db.name + ".wal")]  # the store never reads itself as an input
        summary = runner(read_paths(paths, skip=own), store, opts, command="ingest " + " ".join(map(str, paths)),
                         on_batch=tick, link_every="grow" if link else None)
    out.print(f"{summary.documents_new} new documents, {summary.documents_seen} already stored, "
              f"{summary.events} events, {summary.problems} problems → {db}")
    for m in summary.problem_messages[:20]:
        err.print(f"[yellow]problem[/] {m}", highlight=False)
    if len(summary.problem_messages) > 20:
        err.print(f"… and {len(summary.problem_messages) - 20} more: communique problems --db {db}")


@app.command()
def extract(
    text: Annotated[str, typer.Argument(help="The text to code, a path to a text file, or - for stdin.")],
    lang: LangOpt = None,
    published: PublishedOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, or json (PLOVER records, one per line).")] = "table",
) -> None:
    """Code one text and print its events (nothing is stored)."""
    from communique.api import extract_text
    from communique.prepare.encoding import decode

    if fmt not in ("table", "json"):
        raise UsageError(f"--format {fmt}: use table or json")
    if text == "-":
        body = decode(sys.stdin.buffer.read())
    elif _is_file(text):
        body = decode(Path(text).read_bytes())
    else:
        body = text
    _options(lang, published)
    events = extract_text(body, published=published, lang=lang)
    rows = [_plover_of(em, body) for em in events]
    if fmt == "table":
        _print_events(rows)
    else:  # json and plover: one record per line
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))


def _is_file(arg: str) -> bool:
    """Whether an argument names an existing file (a long text is not a file name, whatever the OS says)."""
    try:
        return "\n" not in arg and Path(arg).is_file()
    except (OSError, ValueError):
        return False


def _plover_of(em: object, text: str) -> dict[str, object]:
    """An in-memory event mention as a PLOVER record (the same shape the export writes)."""
    from communique.export.plover import plover_record
    from communique.store.duckdb import event_row

    row = event_row(em)  # type: ignore[arg-type]
    row.update(path=None, url=None, outlet=None, lang=None, published=None, published_precision=None)
    sent = _sentence_around(text, row["trigger_start"], row["trigger_end"])
    row["sentence_text"] = sent
    return plover_record(row)


def _sentence_around(text: str, start: int, end: int) -> str:
    from communique.prepare.sentences import split

    for s in split(text, None):
        if s.start <= start and end <= s.end:
            return text[s.start:s.end]
    return text[start:end]


def _who(entities: list[dict[str, object]]) -> str:
    return ", ".join(f"{e.get('code')}{'/' + str(e['sector']) if e.get('sector') else ''} "
                     f"({e.get('entity_text')})" for e in entities)


def _print_events(rows: list[dict[str, object]]) -> None:
    if not rows:
        out.print("no events found")
        return
    table = Table(show_lines=True)
    for col in ("date", "event", "actor", "recipient", "where", "sentence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        cat = str(r["event"]) + (f":{r['mode']}" if r.get("mode") else "") + (f" [{r['aux']}]" if r.get("aux") else "")
        loc = r.get("location")
        where = f"{loc.get('place')} ({loc.get('country_code')})" if isinstance(loc, dict) else ""
        table.add_row(str(r.get("date") or ""), cat, _who(r["actor"]), _who(r["recipient"]),  # type: ignore[arg-type]
                      where, str(r.get("text") or ""))
    out.print(table)


@app.command()
def events(
    db: DbOpt = Path(DEFAULT_DB),
    actor: Annotated[str | None, typer.Option(help="Actor code (BLR) or part of a name.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code or part of a name.")] = None,
    participant: Annotated[str | None, typer.Option(help="Actor or recipient.")] = None,
    category: Annotated[str | None, typer.Option(help="PLOVER category, e.g. CONSULT.")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language of the source document.")] = None,
    text: Annotated[str | None, typer.Option(help="Words of the sentence.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 200,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """A table of stored events, filtered."""
    from communique.export.plover import plover_record
    from communique.store import queries
    from communique.store.duckdb import Store

    if fmt not in ("table", "json", "csv"):
        raise UsageError(f"--format {fmt}: use table, json or csv")
    f = queries.EventFilter(actor=actor, recipient=recipient, participant=participant, category=category,
                            since=_day(since, "--since"), until=_day(until, "--until"), lang=lang, text=text,
                            limit=limit)
    sql, params = queries.events_sql(f)
    with Store(db, read_only=True) as store:
        if fmt == "csv":
            store.arrow(sql, params).to_pandas().to_csv(sys.stdout, index=False)
            return
        rows = [plover_record(r) for r in store.rows(sql, params)]
    if fmt == "json":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
    else:
        _print_events(rows)
        out.print(f"{len(rows)} events" + (" (limit reached: --limit)" if len(rows) == limit else ""))


@app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
    db: DbOpt = Path(DEFAULT_DB),
    fmt: Annotated[str, typer.Option("--format", help="plover (JSON lines).")] = "plover",
    strict: Annotated[bool, typer.Option(help="PLOVER-strict: future cooperative actions become AGREE.")] = False,
) -> None:
    """Export stored events: PLOVER JSON lines, one event mention per line."""
    from communique.export.plover import write_plover
    from communique.store import queries
    from communique.store.duckdb import Store

    if fmt != "plover":
        raise UsageError(f"--format {fmt}: use plover")
    sql, params = queries.events_sql(queries.EventFilter(by_event=True))
    with Store(db, read_only=True) as store:
        n = write_plover(store.rows(sql, params), output, strict=strict)
    out.print(f"{n} events → {output}")


@app.command()
def problems(
    db: DbOpt = Path(DEFAULT_DB),
    source: Annotated[str | None, typer.Option(help="Only problems of sources containing this.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 200,
) -> None:
    """Problems recorded with the inputs: what could not be read or coded, and why."""
    from communique.store import queries
    from communique.store.duckdb import Store

    sql, params = queries.problems_sql(source, limit)
    with Store(db, read_only=True) as store:
        rows = list(store.rows(sql, params))
    if not rows:
        out.print("no problems recorded")
        return
    table = Table()
    for col in ("source", "stage", "problem", "where"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["source"], r["stage"], r["message"], r["location"] or "")
    out.print(table)


@app.command()
def documents(db: DbOpt = Path(DEFAULT_DB)) -> None:
    """Stored documents: language, date, title, source and number of events."""
    from communique.store import queries
    from communique.store.duckdb import Store

    with Store(db, read_only=True) as store:
        rows = list(store.rows(queries.DOCUMENTS_SQL))
    table = Table()
    for col in ("id", "lang", "published", "title", "source", "events"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["id"], r["lang"] or "", str(r["published"] or ""), r["title"] or "",
                      r["path"] or r["url"] or "", str(r["events"]))
    out.print(table)
    out.print(f"{len(rows)} documents")


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="A gold file (../shared/eval/README.md format).")],
    keep: Annotated[Path | None, typer.Option(help="Keep the predictions in this file.")] = None,
    workers: Annotated[int, typer.Option(min=1)] = 1,
) -> None:
    """Run the pipeline on a gold set (language not given) and print the scorer's figures."""
    from communique.evaluation import run_eval

    result = run_eval(gold, keep, Options(workers=workers))
    if result.scorer is None:
        out.print(f"no score.py next to {gold}; predictions: {result.predictions}")
        return
    print(result.report, end="")
    if result.returncode:
        raise typer.Exit(1)


@actors_app.command("build")
def actors_build(
    dump: Annotated[Path, typer.Argument(help="A Wikidata JSON dump (.json, .json.bz2 or .json.gz).")],
    output: Annotated[Path, typer.Argument(help="The actors TSV to write (use it with --actors).")],
) -> None:
    """Build a larger actor base from a Wikidata dump you downloaded (streamed, never loaded whole)."""
    from communique.actors.wikidata import build

    if not dump.is_file():
        raise UsageError(f"{dump}: no such file")
    counts = build(dump, output, SUPPORTED_LANGS)
    out.print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" → {output}")


def _version(value: bool) -> None:
    if value:
        print(f"communique {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Communique: multilingual political event data from news text, coded in PLOVER."""


def main() -> None:
    """Entry point: usage errors exit 2, other Communique errors 1, each with a one-line message."""
    try:
        app()
    except UsageError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except CommuniqueError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(1)
import communique.cli_serve  # noqa: E402,F401
from communique import cli_analysis  # noqa: E402,F401
