"""The one percentile: `planqa bench`, `planqa eval` and scripts/loadbench.py all report with it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100), interpolated linearly between closest ranks (numpy's default).

    None when there are no values.

    >>> percentile([10, 20, 30, 40], 50), percentile([40, 10, 30, 20], 95), percentile([], 50)
    (25.0, 38.5, None)
    """
    if len(values) == 0:
        return None
    return float(np.percentile(np.asarray(values, dtype=float), q))
