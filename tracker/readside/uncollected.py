"""The garbage collector held off while a long answer is made.

Why: an answer at a million events makes tens or hundreds of thousands of lists and
tuples and no reference cycles, so the collections they trigger find nothing; a full
collection landing inside a query only adds to its time (a comparison's worst case
doubled). The collector is left as it was found, also when the answer fails.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uncollected() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
