"""The `serve` command: the dashboard and REST API over a store, read-only, on localhost by default.

Registered on the Typer app of communique.cli (imported there once).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from communique.cli import DbOpt, app, err
from communique.errors import MissingExtra, UsageError
from communique.store.duckdb import DEFAULT_DB


def is_loopback(host: str) -> bool:
    """Whether a host name or address only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve_cmd(
    db: DbOpt = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on; other than loopback, the store is visible to "
                                           "the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the dashboard and the REST API (read-only) over a store: open http://HOST:PORT/."""
    try:
        import uvicorn

        from communique.serve.app import create_app
    except ModuleNotFoundError as exc:
        raise MissingExtra("communique serve", "serve") from exc
    if not db.exists():
        raise UsageError(f"{db}: no such store; ingest something first (communique ingest PATH --db {db})")
    if not is_loopback(host):
        err.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine can read the store "
                  "(there is no login); use --host 127.0.0.1 to keep it local", highlight=False)
    application = create_app(db, freeze=True)
    err.print(f"Communique dashboard: http://{'[' + host + ']' if ':' in host else host}:{port}/  "
              f"(API schema at /openapi.json; Ctrl+C stops)", highlight=False)
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    finally:
        if not application.state.warming.is_alive():  # else the process ends mid-computation: leave it be
            application.state.reader.close()
