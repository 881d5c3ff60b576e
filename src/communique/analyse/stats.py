"""The statistics the alerts state: an exact binomial tail and Benjamini–Hochberg, in plain Python.

Exact rather than approximated, because alert counts are small (two or three events in a
month is what a surge looks like in a focused corpus), where normal approximations fail.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), exactly (summed in log space)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
             for i in range(k, n + 1)]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


def rate_increase_p(k: int, t: float, k_base: int, t_base: float) -> float:
    """One-sided p-value that k events in time t come at a higher rate than k_base in t_base.

    The conditional test for two Poisson rates: given k + k_base events in all, under equal
    rates each falls in the tested period with probability t / (t + t_base).
    """
    if t <= 0 or t_base <= 0:
        raise ValueError("exposures must be positive")
    return binomial_tail(k, k + k_base, t / (t + t_base))


def benjamini_hochberg(pvalues: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, pvalues[i] * m / rank)
        adjusted[i] = running
    return adjusted
