"""Exact decoding: five strictly increasing sentence indices maximising the summed scores.

A Viterbi-style dynamic programme over (turning point, sentence) in O(5 n): the best
total for TP k at sentence i is its own score plus the best total of TP k-1 anywhere
before i. Greedy per-point choice can break the order or miss the best combination.
"""

from __future__ import annotations

import numpy as np


def decode(scores: np.ndarray) -> list[int]:
    """scores: (n, k) log-scores; returns k strictly increasing indices (needs n >= k).

    Ties go to the earliest index, so the result is deterministic.
    """
    n, k = scores.shape
    if n < k:
        raise ValueError(f"{n} sentences cannot hold {k} distinct turning points")
    best = np.full((k, n), -np.inf)
    back = np.zeros((k, n), dtype=int)
    best[0] = scores[:, 0]
    for t in range(1, k):
        # prefix maximum of the previous row, strictly before i
        run_val, run_arg = -np.inf, 0
        for i in range(t, n):
            if best[t - 1, i - 1] > run_val:
                run_val, run_arg = best[t - 1, i - 1], i - 1
            best[t, i] = run_val + scores[i, t]
            back[t, i] = run_arg
    last = int(np.argmax(best[k - 1]))
    path = [last]
    for t in range(k - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def decode_with_gaps(scores: np.ndarray, gaps: np.ndarray, weight: float) -> list[int]:
    """Like decode, plus a prior on the spacing of consecutive points.

    gaps is (k-1, 2): the mean and spread of (index of point t+1 - index of point t) / n
    in the training annotations; each pair of consecutive points adds weight times the
    Gaussian log-density of its gap (up to a constant). O(k n^2): n is a few dozen.
    """
    n, k = scores.shape
    if n < k:
        raise ValueError(f"{n} sentences cannot hold {k} distinct turning points")
    index = np.arange(n)
    gap = (index[None, :] - index[:, None]) / n  # [j, i]: from point t-1 at j to t at i
    best = np.full((k, n), -np.inf)
    back = np.zeros((k, n), dtype=int)
    best[0] = scores[:, 0]
    for t in range(1, k):
        mean, spread = gaps[t - 1]
        transition = np.where(gap > 0, -0.5 * weight * ((gap - mean) / spread) ** 2, -np.inf)
        total = best[t - 1][:, None] + transition
        back[t] = np.argmax(total, axis=0)  # ties: the earliest j
        best[t] = total[back[t], index] + scores[:, t]
    path = [int(np.argmax(best[k - 1]))]
    for t in range(k - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def decode_short(scores: np.ndarray) -> list[int]:
    """Fewer sentences than turning points: the best sentence per point, kept in order.

    Points then share sentences; the caller reports W301 and acts are approximate.
    """
    n, k = scores.shape
    out: list[int] = []
    for t in range(k):
        low = out[-1] if out else 0
        out.append(low + int(np.argmax(scores[low:, t])))
    return out


def brute_force(scores: np.ndarray) -> tuple[float, list[int]]:
    """For tests: the best total over every increasing combination."""
    from itertools import combinations

    n, k = scores.shape
    best_total, best_path = -np.inf, []
    for combo in combinations(range(n), k):
        total = float(sum(scores[i, t] for t, i in enumerate(combo)))
        if total > best_total:
            best_total, best_path = total, list(combo)
    return best_total, best_path
