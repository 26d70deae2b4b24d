"""Reciprocal rank fusion (Cormack, Clarke & Buettcher, SIGIR 2009).

RRF uses only ranks, so it fuses a cosine-similarity list and a BM25 list without calibrating
their incomparable scores.
"""

from __future__ import annotations

from typing import Hashable, Sequence, TypeVar

T = TypeVar("T", bound=Hashable)


def reciprocal_rank_fusion(rankings: Sequence[Sequence[T]], k: int = 60,
                           weights: Sequence[float] | None = None) -> list[tuple[T, float]]:
    """Fuse ranked lists: ``score(d) = sum_i weights[i] / (k + rank_i(d))``, ranks from 1.

    An item missing from a list gets nothing from it. Ties keep the order in which items are
    first met, reading the lists in turn (so the first list breaks ties).

    Args:
        rankings: ranked lists of item ids (best first); an item should appear once per list
            (a repeat is ignored after its best rank).
        k: the RRF constant; larger values flatten the advantage of top ranks. 60 is the
            paper's value.
        weights: one non-negative weight per list; None means all 1.0.

    Returns:
        ``(item, fused score)`` pairs, best first.

    Raises:
        ValueError: ``k`` < 0, or ``weights`` of the wrong length or with a negative value.
    """
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"got {len(weights)} weights for {len(rankings)} rankings")
    if any(w < 0 for w in weights):
        raise ValueError(f"weights must be >= 0, got {list(weights)}")
    scores: dict[T, float] = {}
    for ranking, weight in zip(rankings, weights):
        seen: set[T] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    # dicts keep insertion order and sorted() is stable, so ties keep first-met order.
    return sorted(scores.items(), key=lambda pair: -pair[1])
