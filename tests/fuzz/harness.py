"""Running one input through a reader or the extractor with a watchdog: a hang is a failure too."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Hang(AssertionError):
    """The call did not return within its time limit."""


def within(seconds: float, call: Callable[[], T]) -> tuple[T, float]:
    """call() in a thread; its result and the seconds it took, or Hang after `seconds`
    (an exception it raises is raised here)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the caller, who reports it
            box["error"] = exc

    t0 = time.perf_counter()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    took = time.perf_counter() - t0
    if worker.is_alive():
        raise Hang(f"no answer after {seconds:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"], took  # type: ignore[return-value]
