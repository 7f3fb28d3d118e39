"""An optimal one-to-one matching (Hungarian algorithm), used to pair gold and predicted events."""
from __future__ import annotations

import math
from collections.abc import Callable

__all__ = ["optimal_matching"]


def optimal_matching(n_rows: int, n_cols: int,
                     weight: Callable[[int, int], int | None]) -> dict[int, int]:
    """A maximum-weight one-to-one matching of rows to columns (Hungarian algorithm).

    ``weight(i, j)`` gives the positive integer weight of pairing row ``i``
    with column ``j``, or None where the pair is not allowed; disallowed pairs
    are never returned. To maximise the number of pairs first, give every
    allowed pair a base weight larger than the sum of all tie-breakers.
    Runs in O(n^3) with n = max(n_rows, n_cols).
    """
    if not n_rows or not n_cols:
        return {}
    n = max(n_rows, n_cols)
    gain = [[0] * n for _ in range(n)]
    any_allowed = False
    for i in range(n_rows):
        for j in range(n_cols):
            w = weight(i, j)
            if w is not None and w > 0:
                gain[i][j] = w
                any_allowed = True
    if not any_allowed:
        return {}
    cost = [[-w for w in row] for row in gain]
    # Shortest augmenting paths with potentials (1-based; column 0 is a sentinel).
    row_pot = [0] * (n + 1)
    col_pot = [0] * (n + 1)
    col_owner = [0] * (n + 1)  # row assigned to each column, 0 = free
    prev_col = [0] * (n + 1)
    for row in range(1, n + 1):
        col_owner[0] = row
        cur_col = 0
        slack = [math.inf] * (n + 1)
        visited = [False] * (n + 1)
        while True:
            visited[cur_col] = True
            r = col_owner[cur_col]
            r_cost, r_pot = cost[r - 1], row_pot[r]
            delta, next_col = math.inf, 0
            for j in range(1, n + 1):
                if visited[j]:
                    continue
                reduced = r_cost[j - 1] - r_pot - col_pot[j]
                if reduced < slack[j]:
                    slack[j], prev_col[j] = reduced, cur_col
                if slack[j] < delta:
                    delta, next_col = slack[j], j
            for j in range(n + 1):
                if visited[j]:
                    row_pot[col_owner[j]] += delta
                    col_pot[j] -= delta
                else:
                    slack[j] -= delta
            cur_col = next_col
            if col_owner[cur_col] == 0:
                break
        while cur_col:  # flip the augmenting path
            back = prev_col[cur_col]
            col_owner[cur_col] = col_owner[back]
            cur_col = back
    return {col_owner[j] - 1: j - 1 for j in range(1, n + 1)
            if col_owner[j] and gain[col_owner[j] - 1][j - 1] > 0}
