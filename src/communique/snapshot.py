"""Snapshots: something slow to build from the package's data, kept on disk for the next process.

The actor base takes ~2 s to build from its tables and ~0.2 s to load from a pickle. Every process
that codes builds it (each `--workers` process, each Dask worker, each command), so the first one
writes a snapshot and the others load it. A snapshot is named by a key over everything its build
reads and every source file of the package (path, size, modification time): a changed table, pack
or line of code gives another key, so a stale snapshot is never read. A snapshot that cannot be
read is built again; one that cannot be written is simply not kept.

The folder is $COMMUNIQUE_CACHE, else $XDG_CACHE_HOME/communique, else ~/.cache/communique;
COMMUNIQUE_CACHE set to an empty string turns snapshots off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from communique import __version__

T = TypeVar("T")
PACKAGE = Path(__file__).parent
PRUNE_AFTER_S = 3600


def folder() -> Path | None:
    """Where snapshots are kept; None when they are turned off."""
    configured = os.environ.get("COMMUNIQUE_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "communique"


def _files(roots: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root.is_file():
            out.append(root)
        elif root.is_dir():
            out += [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(set(out))


def key(name: str, inputs: Iterable[Path], *parts: str) -> str:
    """A digest of the inputs' and the package's files (path, size, mtime), the version and `parts`."""
    h = hashlib.blake2b(digest_size=12)
    for part in (name, __version__, *parts):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path in _files([*inputs, *PACKAGE.rglob("*.py")]):
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def load_or_build(name: str, inputs: Iterable[Path], parts: Iterable[str], kind: type[T],
                  build: Callable[[], T]) -> T:
    """The snapshot of `name` for these inputs when one is kept, else build() (kept for next time)."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{name}-{key(name, inputs, *parts)}.pickle"
    try:
        with path.open("rb") as f:
            found = pickle.load(f)
        if isinstance(found, kind):
            return found
    except Exception:  # none yet, or damaged (unpickling fails in many ways): built again
        pass
    built = build()
    _keep(built, path)
    _prune(path)
    return built


def _prune(kept: Path) -> None:
    """Remove the snapshots of the same name that other code or data made and nobody wrote for an hour
    (each edit of the package makes a new key; a run with other languages may still be writing its own)."""
    name = kept.name[: kept.name.rindex("-")]
    now = time.time()
    for old in kept.parent.glob(f"{name}-*.pickle"):
        with suppress(OSError):
            if old != kept and now - old.stat().st_mtime > PRUNE_AFTER_S:
                old.unlink()


def _keep(value: object, path: Path) -> None:
    """Write a snapshot whole or not at all (other processes may be reading or writing the same one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError):
        pass
