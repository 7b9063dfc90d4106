"""Order in sequences of index pairs: the longest increasing run, the heaviest chain.

Pure algorithms on integers, nothing about laws: the alignment uses them to find the
pairs that keep their order (its anchors), and the rows to tell which articles moved.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence


def heaviest_chain(points: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Points (i, j, weight) with i and j both strictly increasing, of greatest total.

    Sparse dynamic programming with a Fenwick tree of prefix maxima: O(P log P) for P
    points instead of a full old × new table.
    """
    if not points:
        return []
    js = sorted({j for _, j, _ in points})
    rank = {j: k + 1 for k, j in enumerate(js)}
    size = len(js)
    tree_v = [0.0] * (size + 1)
    tree_p = [-1] * (size + 1)
    pts = sorted(points)
    best = [0.0] * len(pts)
    prev = [-1] * len(pts)

    def query(k: int) -> tuple[float, int]:
        v, p = 0.0, -1
        while k > 0:
            if tree_v[k] > v:
                v, p = tree_v[k], tree_p[k]
            k -= k & -k
        return v, p

    def update(k: int, v: float, p: int) -> None:
        while k <= size:
            if v > tree_v[k]:
                tree_v[k], tree_p[k] = v, p
            k += k & -k

    start = 0
    while start < len(pts):
        end = start
        while end < len(pts) and pts[end][0] == pts[start][0]:
            end += 1
        for q in range(start, end):  # one old article: its points must not chain together
            v, p = query(rank[pts[q][1]] - 1)
            best[q], prev[q] = v + pts[q][2], p
        for q in range(start, end):
            update(rank[pts[q][1]], best[q], q)
        start = end
    q = max(range(len(pts)), key=best.__getitem__)
    chain = []
    while q != -1:
        chain.append(pts[q])
        q = prev[q]
    chain.reverse()
    return chain


def longest_increasing(seq: Sequence[int]) -> list[int]:
    """Indices of one longest strictly increasing subsequence (O(n log n))."""
    tails: list[int] = []  # values
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tails_idx.append(k)
        else:
            tails[pos] = v
            tails_idx[pos] = k
        prev[k] = tails_idx[pos - 1] if pos else -1
    out: list[int] = []
    k = tails_idx[-1] if tails_idx else -1
    while k != -1:
        out.append(k)
        k = prev[k]
    out.reverse()
    return out
