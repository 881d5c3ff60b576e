"""Stores, an app client, a live server and a headless Chromium for the serve tests."""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from communique.options import Options
from communique.pipeline import ingest
from communique.read import read_paths
from communique.store.duckdb import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Articles written for these tests whose text, title, outlet and address carry markup and script:
# all of it must reach the page as text. The first sentence of each is coded as an event.
HOSTILE = [
    {"text": "Finland sent humanitarian aid to Kenya <script>window['__xss']='script'</script> on Monday. "
             "The shipment left from Helsinki.",
     "published": "2025-02-12", "url": "javascript:window['__xss']='url'", "lang": "en",
     "outlet": "<b onmouseover=\"window['__xss']='outlet'\">Hostile Courier</b>",
     "title": "<script>window['__xss']='title'</script>Aid story"},
    {"text": "Poland imposed sanctions on Egypt <img src=x onerror=\"window['__xss']='img'\"> on Tuesday. "
             "Officials in Warsaw gave no details.",
     "published": "2025-02-13", "url": "https://hostile.example/a?<svg/onload=alert(1)>", "lang": "en",
     "outlet": "Quiet Herald", "title": "Sanctions \"quoted\" & <i>italic</i>"},
]
# the sentences the coder keeps, as the page must show them
HOSTILE_SENTENCES = [
    "Finland sent humanitarian aid to Kenya <script>window['__xss']='script'</script> on Monday.",
    "Poland imposed sanctions on Egypt <img src=x onerror=\"window['__xss']='img'\"> on Tuesday.",
]


def build_store(db: Path, paths: list[Path]) -> Path:
    """Ingest files into a new store (linked, as the CLI does)."""
    with Store(db) as st:
        ingest(read_paths(paths), st, Options())
    return db


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus, ingested."""
    db = tmp_path_factory.mktemp("serve") / "sample.duckdb"
    return build_store(db, [SAMPLES / "manifest.jsonl", SAMPLES / "web"])


@pytest.fixture(scope="session")
def fixed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The serve tests' own corpus, coded by hand (tests/serve/corpus.py)."""
    from tests.serve.corpus import serve_store

    return serve_store(tmp_path_factory.mktemp("fixed") / "fixed.duckdb")


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles carrying script and markup payloads, ingested."""
    folder = tmp_path_factory.mktemp("hostile")
    manifest = folder / "hostile.jsonl"
    manifest.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE), encoding="utf-8")
    return build_store(folder / "hostile.duckdb", [manifest])


@pytest.fixture(scope="session")
def sample_app(sample_db: Path) -> Any:
    """The app over the sample store."""
    from communique.serve.app import create_app

    return create_app(sample_db, warm=False)


@pytest.fixture(scope="session")
def fixed_app(fixed_db: Path) -> Any:
    """The app over the fixed corpus."""
    from communique.serve.app import create_app

    return create_app(fixed_db, warm=False)


@pytest.fixture(scope="session")
def client(fixed_app: Any) -> Iterator[Any]:
    """A test client of the app over the fixed corpus."""
    from fastapi.testclient import TestClient

    with TestClient(fixed_app) as c:
        yield c


@pytest.fixture(scope="session")
def sample_client(sample_app: Any) -> Iterator[Any]:
    """A test client of the sample app."""
    from fastapi.testclient import TestClient

    with TestClient(sample_app) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_client(hostile_db: Path) -> Iterator[Any]:
    """A test client of the app over the hostile store."""
    from fastapi.testclient import TestClient

    from communique.serve.app import create_app

    with TestClient(create_app(hostile_db, warm=False)) as c:
        yield c


def free_port() -> int:
    """A free port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def live(app: Any) -> Iterator[str]:
    """Serve an app with uvicorn on loopback in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    end = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > end or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def sample_url(sample_app: Any) -> Iterator[str]:
    """The sample app served on loopback."""
    yield from live(sample_app)


@pytest.fixture(scope="session")
def fixed_url(fixed_app: Any) -> Iterator[str]:
    """The fixed-corpus app served on loopback."""
    yield from live(fixed_app)


@pytest.fixture(scope="session")
def hostile_url(hostile_db: Path) -> Iterator[str]:
    """The hostile app served on loopback."""
    from communique.serve.app import create_app

    yield from live(create_app(hostile_db, warm=False))


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium (Debian's) driven by Playwright, with a fresh profile; skipped when absent."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (dev extra)")
    profile = tempfile.mkdtemp(prefix="communique-chromium-")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 1000})
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A new page that records script errors, console errors and dialogs."""
    p = chromium.new_page()
    p.problems = []  # type: ignore[attr-defined]
    p.on("pageerror", lambda e: p.problems.append(f"pageerror: {e}"))
    p.on("console", lambda m: p.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    p.on("dialog", lambda d: (p.problems.append(f"dialog: {d.message}"), d.dismiss()))
    try:
        yield p
    finally:
        p.close()
