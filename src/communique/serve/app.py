"""The FastAPI application: REST API under /api, dashboard pages, static files, plotly.js.

Read-only: only GET routes exist, and the store is opened read-only. Every response carries a
Content-Security-Policy that allows scripts from this server only, so that even text that
slipped past escaping could not run (article text is escaped everywhere in the first place).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from communique import __version__
from communique.errors import MissingExtra
from communique.serve import api, pages
from communique.serve.data import Reader

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY"}
RAW_HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]
STATIC = Path(__file__).parent / "static"


def plotly_js() -> Path:
    """plotly.min.js as the installed plotly package ships it (never fetched from a CDN)."""
    try:
        path = resources.files("plotly").joinpath("package_data", "plotly.min.js")
    except ModuleNotFoundError:
        raise MissingExtra("the dashboard's charts", "serve") from None
    return Path(str(path))


def create_app(db: str | Path) -> FastAPI:
    """The app over one store, opened read-only now (StoreError, UsageError when it cannot serve)."""
    reader = Reader(str(db))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()

    app = FastAPI(title="Communique", version=__version__, lifespan=lifespan,
                  description="Read-only access to a Communique store: linked PLOVER events with their source "
                              "sentences, actors, timelines, the actor network, alerts, documents and problems.",
                  # the interactive docs pages load their scripts from a CDN: the schema is served instead,
                  # and /api-docs lists the routes
                  docs_url=None, redoc_url=None)
    app.state.reader = reader
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    js = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        return FileResponse(js, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response (plain ASGI: cheap per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in RAW_HEADERS if k not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
