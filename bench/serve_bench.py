"""Benchmark: `communique serve` under N concurrent clients on loopback; errors and latency percentiles.

Run: PYTHONPATH=src python bench/serve_bench.py [--db bench/out/serve-100k.duckdb] [--clients 50]
     [--duration 30] [--think 1] [--seed 7]

The store is built first when missing (bench/serve_store.py: at least 100,000 linked events). The
server runs as its own process (`python -m communique serve`), as a user starts it; the
clients are asyncio tasks in this process, each on one keep-alive HTTP/1.1 connection to
127.0.0.1, sending one request at a time and, after each answer, pausing a time drawn
uniformly between half and one and a half times --think seconds (default 1: fifty analysts
clicking through the dashboard at once); --think 0 sends the next request as soon as the
answer is read, a closed loop that measures the server's throughput rather than its latency
for users (the latency is then the queue: clients / throughput). Requests are drawn from the
dashboard's mix: pages of the events table under random filters, single events drawn from
thousands of ids, timelines of random pairs, the network, alerts, actors, documents and the
summary. Every answer must be 200; any
other status or a broken connection is an error. Before the clock starts the server is
warmed: the summary, network, alerts and actor list are asked for once (the expensive first
computations of a new server), and the time that took is printed apart.

Only loopback is used, the run stops by itself after --duration seconds, and the server is
stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent
CODES = ["RUS", "DEU", "FRA", "USA", "CHN", "UKR", "POL", "BLR", "JPN", "TUR", "IND", "GBR", "ITA", "KAZ", "LVA",
         "PRK", "IRN", "ISR", "EGY", "BRA", "AUT", "SWE", "NOR", "FIN", "EST", "LTU", "MDA", "GEO", "SRB", "KOR"]
NAMES = ["Russland", "Россия", "France", "Китай", "Poland", "Japan", "Deutschland", "Lettland"]
CATEGORIES = ["CONSULT", "AGREE", "AID", "COOPERATE", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "ASSAULT"]
WORDS = ["talks", "sanctions", "aid", "Gespräche", "санкции", "accused", "pact", "2019"]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def request_mix(rng: random.Random, event_ids: list[str]) -> tuple[str, str]:
    """(route label, path with query) of one request drawn from the dashboard's mix."""
    r = rng.random()
    if r < 0.35:
        q: list[tuple[str, str | int]] = []
        if rng.random() < 0.5:
            q.append(("actor", rng.choice(CODES) if rng.random() < 0.8 else rng.choice(NAMES)))
        if rng.random() < 0.3:
            q.append(("recipient", rng.choice(CODES)))
        if rng.random() < 0.3:
            q.append(("category", rng.choice(CATEGORIES)))
        if rng.random() < 0.2:
            q.append(("lang", rng.choice(["en", "de", "ru"])))
        if rng.random() < 0.2:
            year = rng.randrange(2015, 2025)
            q.extend([("since", f"{year}-01"), ("until", f"{year}-12")])
        if rng.random() < 0.1:
            q.append(("q", rng.choice(WORDS)))
        if rng.random() < 0.3:
            q.append(("sort", rng.choice(["-date", "reports"])))
        q.append(("offset", 50 * rng.choice([0, 0, 0, 1, 2, 5, 20])))
        return "events", "/api/events?" + urlencode(q)
    if r < 0.55:
        return "event", "/api/events/" + rng.choice(event_ids)
    if r < 0.72:
        a, b = rng.sample(CODES, 2)
        by = rng.choice(["month", "quarter", "year"])
        return "timeline", "/api/timeline?" + urlencode({"a": a, "b": b, "by": by})
    if r < 0.80:
        return "network", "/api/network?" + urlencode({"limit": rng.choice([80, 200])})
    if r < 0.84:
        return "alerts", "/api/alerts"
    if r < 0.90:
        return "actors", "/api/actors?" + urlencode({"q": rng.choice(NAMES + CODES[:5]), "limit": 20})
    if r < 0.96:
        return "documents", "/api/documents?" + urlencode({"offset": 50 * rng.randrange(50)})
    return "summary", "/api/summary"


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, bytes]:
    """One GET on a keep-alive connection: status and body."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    chunked = False
    for line in lines[1:]:
        k, _, v = line.partition(":")
        if k.lower() == "content-length":
            length = int(v.strip())
        elif k.lower() == "transfer-encoding" and "chunked" in v.lower():
            chunked = True
    if not chunked:
        return status, await reader.readexactly(length)
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        body += await reader.readexactly(size + 2)
        if size == 0:
            return status, body


async def client(n: int, port: int, deadline: float, think: float, seed: int, event_ids: list[str],
                 results: dict[str, list[float]], errors: list[str]) -> None:
    """One client: requests until the deadline, each timed from send to the last byte."""
    rng = random.Random(seed * 1000 + n)
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while time.perf_counter() < deadline:
            label, path = request_mix(rng, event_ids)
            t0 = time.perf_counter()
            try:
                status, _ = await get(reader, writer, path)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(f"{path}: {type(exc).__name__}")
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            results[label].append(time.perf_counter() - t0)
            if status != 200:
                errors.append(f"{path}: {status}")
            if think > 0:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
    finally:
        writer.close()


async def fetch_json(port: int, path: str) -> object:
    """GET a JSON document (for set-up)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        status, body = await get(reader, writer, path)
    finally:
        writer.close()
    if status != 200:
        raise RuntimeError(f"{path}: {status} {body[:200]!r}")
    return json.loads(body)


async def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait until the server answers, or fail."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            await fetch_json(port, "/api/summary")
            return
        except (OSError, RuntimeError):
            await asyncio.sleep(0.5)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile (nearest rank), in milliseconds."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return 1000 * s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


async def run(args: argparse.Namespace) -> int:
    """Start the server, warm it, load it, print the figures; 0 when the targets are met."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t_start = time.perf_counter()
    log = args.db.with_name("serve-bench-server.log")
    server_log = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(args.db), "--host", HOST,
                             "--port", str(port)], env=env, stdout=server_log, stderr=subprocess.STDOUT)
    try:
        await wait_ready(port, proc, 600)
        ready = time.perf_counter() - t_start
        t0 = time.perf_counter()
        for path in ("/api/network?limit=80", "/api/network?limit=200", "/api/alerts", "/api/actors?limit=1"):
            await fetch_json(port, path)
        warm = time.perf_counter() - t0
        ids: list[str] = []
        for offset in range(0, 5000, 200):
            page = await fetch_json(port, f"/api/events?sort=reports&limit=200&offset={offset * 7}")
            ids.extend(e["event_id"] for e in page["items"])  # type: ignore[index]
        results: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        load_before = os.getloadavg()
        deadline = time.perf_counter() + args.duration
        t_run = time.perf_counter()
        await asyncio.gather(*(client(n, port, deadline, args.think, args.seed, ids, results, errors)
                               for n in range(args.clients)))
        elapsed = time.perf_counter() - t_run
        load_after = os.getloadavg()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        server_log.close()
    every = [x for xs in results.values() for x in xs]
    print(f"store {args.db}; server ready in {ready:.1f} s, warmed in {warm:.1f} s; {os.cpu_count()} cores; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print(f"{args.clients} clients, {args.duration:.0f} s, think {args.think:g} s: {len(every)} requests "
          f"({len(every) / elapsed:.0f}/s), {len(errors)} errors")
    print(f"{'route':10s} {'n':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
    for label in [*sorted(results, key=lambda k: -len(results[k])), "all"]:
        xs = every if label == "all" else results[label]
        print(f"{label:10s} {len(xs):7d} {pct(xs, 50):8.1f} {pct(xs, 95):8.1f} {pct(xs, 99):8.1f} "
              f"{1000 * max(xs) if xs else float('nan'):8.1f}")
    for e in errors[:10]:
        print("error:", e)
    if errors:
        print(f"server log: {log}")
    ok = not errors and pct(every, 95) < args.p95
    print(("PASS" if ok else "FAIL") + f": 0 errors and p95 < {args.p95:g} ms")
    return 0 if ok else 1


def main() -> None:
    """Parse the options, build the store when missing, run the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--db", type=Path, default=HERE / "out" / "serve-100k.duckdb")
    ap.add_argument("--events", type=int, default=100_000, help="Linked events of a store built when missing.")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--think", type=float, default=1.0, help="Mean pause between a client's requests (s).")
    ap.add_argument("--p95", type=float, default=100.0, help="The p95 target in milliseconds.")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not 1 <= args.clients <= 1000 or not 0 < args.duration <= 600:
        ap.error("--clients 1..1000 and --duration up to 600 s")
    if not args.db.exists():
        sys.path.insert(0, str(HERE))
        from serve_store import build

        print(f"building {args.db} …", flush=True)
        print(build(args.db, args.events), flush=True)
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
