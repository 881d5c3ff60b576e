"""Benchmark: link N synthetic event mentions (default 1,000,000); print seconds, peak RSS and quality.

Run: PYTHONPATH=src python bench/link_bench.py [--mentions 1000000] [--seed 7]

The synthetic corpus is made of true events (a dyad drawn with Zipf-like weights among 150
countries, a category, a date over ten years, one to three days long), each reported by a
heavy-tailed number of mentions: 70 % dated to the day (a day off now and then), 15 % to the
month, 15 % undated; 90 % of documents dated, a few planned and hypothetical reports, direction
flipped for symmetric categories, location and a named person on some. Since the truth is
known, pairwise precision and recall of the linking are printed too (a sanity check, not the
evaluation: the real figure is linking F1 on the gold set).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from datetime import date, timedelta

from communique.link import LinkMention, link

CATEGORIES = [("CONSULT", 40), ("AGREE", 12), ("SUPPORT", 6), ("COOPERATE", 8), ("AID", 5), ("ACCUSE", 10),
              ("REJECT", 4), ("THREATEN", 5), ("SANCTION", 3), ("ASSAULT", 7)]
SYMMETRIC = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE"}
EPOCH = date(2015, 1, 1)


def _codes(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [letters[i // 26 % 26] + letters[i % 26] + letters[(i * 7) % 26] for i in range(n)]


def synthetic(n: int, seed: int) -> tuple[list[LinkMention], dict[str, int]]:
    """N mentions and the true event of each."""
    rnd = random.Random(seed)
    codes = _codes(150)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(codes))]
    cats, cat_w = zip(*CATEGORIES, strict=True)
    out: list[LinkMention] = []
    truth: dict[str, int] = {}
    event = 0
    doc = 0
    while len(out) < n:
        a, b = rnd.choices(codes, weights, k=2)
        if a == b:
            continue
        cat = rnd.choices(cats, cat_w)[0]
        start = EPOCH + timedelta(days=rnd.randrange(3650))
        end = start + timedelta(days=rnd.choice((0, 0, 0, 1, 2)) if cat == "CONSULT" else 0)
        mode = "visit" if cat == "CONSULT" and rnd.random() < 0.5 else None
        loc = b if mode == "visit" else None
        person = f"p:{a.lower()}:{event % 97}" if rnd.random() < 0.3 else None
        k = min(int(rnd.paretovariate(1.3)), 400)
        for _ in range(k):
            if len(out) >= n:
                break
            doc += rnd.random() < 0.8  # a few documents report two mentions
            r = rnd.random()
            aux = "future" if r < 0.05 else ("hypothetical" if r < 0.07 else None)
            p = rnd.random()
            if p < 0.70:
                d0 = start + timedelta(days=rnd.randrange((end - start).days + 1))
                if rnd.random() < 0.05:
                    d0 += timedelta(days=rnd.choice((-1, 1)))
                s, e, prec = d0, d0, "day"
            elif p < 0.85:
                s = start.replace(day=1)
                e = (s + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                prec = "month"
            else:
                s = e = None
                prec = None
            pub = None if rnd.random() < 0.1 else end + timedelta(days=rnd.randrange(4))
            actors, recipients = (a,), (b,)
            if cat in SYMMETRIC and rnd.random() < 0.3:
                actors, recipients = (b,), (a,)
            mid = f"m{len(out):08d}"
            out.append(LinkMention(
                id=mid, doc_id=f"d{doc:08d}", category=cat, actors=actors, recipients=recipients,
                mode=mode if rnd.random() < 0.8 else None, aux=aux, start=s, end=e, precision=prec,
                location=loc if rnd.random() < 0.5 else None,
                persons=frozenset({person}) if person and rnd.random() < 0.6 else frozenset(),
                published=pub, published_end=pub, published_precision="day" if pub else None,
                outlet=f"outlet{rnd.randrange(500)}", lang=rnd.choice(("en", "de", "ru", "fr", "es", "uk", "ko")),
                confidence=0.7))
            truth[mid] = event
        event += 1
    return out, truth


def _pairs(counts: Counter[object]) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values())


def main(argv: list[str] | None = None) -> int:
    """Generate, link, report."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    mentions, truth = synthetic(args.mentions, args.seed)
    t1 = time.perf_counter()
    result = link(mentions)
    t2 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pred = {mid: lk.event_id for mid, lk in result.links.items()}
    both = Counter((truth[m], pred[m]) for m in truth)
    tp = _pairs(both)
    precision = tp / max(1, _pairs(Counter(pred.values())))
    recall = tp / max(1, _pairs(Counter(truth.values())))
    print(f"mentions {len(mentions):,}  true events {len(set(truth.values())):,}  linked events {len(result.events):,}")
    print(f"generate {t1 - t0:.1f} s   link {t2 - t1:.1f} s   peak RSS {rss_mb:,.0f} MB")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
