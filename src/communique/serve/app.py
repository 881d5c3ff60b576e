"""The FastAPI application: REST API under /api, dashboard pages, static files, plotly.js.

Read-only: only GET routes exist, and the store is opened read-only. Every response carries a
Content-Security-Policy that allows scripts from this server only, so that even text that
slipped past escaping could not run (article text is escaped everywhere in the first place).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import anyio.to_thread
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


def create_app(db: str | Path, warm: bool = True, freeze: bool = False, threads: int = 4) -> FastAPI:
    """The app over one store, opened read-only now (StoreError, UsageError when it cannot serve); warm:
    compute the expensive results at start; freeze: then hide them from the garbage collector (a server);
    threads: requests handled at once (the others wait their turn)."""
    reader = Reader(str(db))

    warming = threading.Thread(target=reader.warm, args=(freeze,), name="communique-warm", daemon=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the first computations of a large store take seconds: done while the server already answers
        # (a request that needs one of them waits for it rather than starting it again). The reader
        # stays open across lifespans (a test transport may run one per request): close() ends it.
        if warm and warming.ident is None:
            warming.start()
        # a few request threads at once: forty (the default) only fight over the interpreter lock and two
        # cores, and answers kept in the cache then wait behind them
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(title="Communique", version=__version__, lifespan=lifespan,
                  description="Read-only access to a Communique store: linked PLOVER events with their source "
                              "sentences, actors, timelines, the actor network, alerts, documents and problems.",
                  # the interactive docs pages load their scripts from a CDN: the schema is served instead,
                  # and /api-docs lists the routes
                  docs_url=None, redoc_url=None)
    app.state.reader = reader
    app.state.warming = warming
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    js = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        return FileResponse(js, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    app.add_middleware(ResponseCache)
    app.add_middleware(SecurityHeaders)
    return app


class ResponseCache:
    """ASGI middleware keeping the answers of successful GET /api requests, by path and query.

    The store cannot change while it is served (it is open read-only, and DuckDB lets no other
    process write it meanwhile), so an answer stays right for the life of the server; a request
    asked again is answered without routing, validation, queries or serialisation.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = 256 * 1024 * 1024, max_body: int = 16 * 1024 * 1024) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_body = max_body
        self._kept: OrderedDict[tuple[str, bytes], tuple[int, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer from the cache, or pass the request on and keep a successful answer."""
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"])
        with self._lock:
            hit = self._kept.get(key)
            if hit is not None:
                self._kept.move_to_end(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._store(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _store(self, key: tuple[str, bytes], start: dict[str, Any], body: bytes) -> None:
        if start.get("status") != 200 or len(body) > self.max_body:
            return
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = (200, list(start.get("headers", [])), body)
            self._size += len(body)
            while self._size > self.max_bytes and self._kept:
                _, (_, _, old) = self._kept.popitem(last=False)
                self._size -= len(old)


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
