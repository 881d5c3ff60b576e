"""`communique serve`: refuses what it cannot serve, warns when not bound to loopback, serves the API."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.cli_serve import is_loopback
from tests.serve.conftest import free_port


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("[::1]", True), ("127.0.0.2", True), ("0.0.0.0", False),
                                                ("192.168.1.5", False), ("::", False), ("example.org", False)])
def test_is_loopback(host: str, loopback: bool):
    assert is_loopback(host) is loopback


def test_a_missing_store_is_a_usage_error(tmp_path: Path):
    r = subprocess.run([sys.executable, "-m", "communique", "serve", "--db", str(tmp_path / "none.duckdb")],
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2
    assert "none.duckdb: no such store; ingest something first" in " ".join(r.stderr.split())


def _run_without_serving(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Any, list[dict[str, Any]]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append(kw))
    result = CliRunner().invoke(app, ["serve", *args])
    return result, calls


def test_binding_elsewhere_than_loopback_warns(monkeypatch: pytest.MonkeyPatch, sample_db: Path):
    result, calls = _run_without_serving(monkeypatch, "--db", str(sample_db), "--host", "0.0.0.0", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "0.0.0.0", "port": 8123, "log_level": "warning"}]
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "warning: listening on 0.0.0.0: anyone who can reach this machine can read the store" in said


def test_loopback_is_the_default_and_quiet(monkeypatch: pytest.MonkeyPatch, sample_db: Path):
    result, calls = _run_without_serving(monkeypatch, "--db", str(sample_db))
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8000, "log_level": "warning"}]
    assert "warning" not in result.output
    assert "Communique dashboard: http://127.0.0.1:8000/" in " ".join(result.output.split())


def test_serve_answers_on_loopback_and_stops_on_interrupt(sample_db: Path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(sample_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        body = b""
        end = time.monotonic() + 60
        while time.monotonic() < end and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/summary", timeout=5) as r:
                    body = r.read()
            except OSError:
                time.sleep(0.3)
        assert b'"documents":18' in body
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode == 0
