"""The garbage collector held off while a long answer is made.

Why: an answer at a million events makes tens or hundreds of thousands of lists and
tuples and no reference cycles, so the collections they trigger find nothing; a full
collection landing inside a query only adds to its time (a comparison's worst case
doubled). The collector is left as it was found, also when the answer fails.

Held off, the collector still owes a pass over what the answer keeps: with ``settle``,
the answer pays it at once (one full collection, tens of milliseconds after a million
events' inspections), rather than the next small query paying it as its worst case.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uncollected(settle: bool = False) -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
            if settle:
                gc.collect()
