"""One job over many items on every core, in order: the offline scorer's work on many
transcripts (a bench's raters, `mockloop score` of many files).

The offline scorer is pure and deterministic, so many transcripts can be scored in worker
processes. On Linux the workers are forked from the caller, so each inherits the job with its
matcher already compiled (a worker that had to compile it would start about two seconds
late) and only the items and the results cross between processes. Elsewhere, and for a
handful of items, the job runs here, one item after another. Either way the results come
back in the items' order, and progress moves as each chunk is done.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

CHUNK = 20  # items a worker takes at a time: progress moves by this much

Job = Callable[[Any], Any]
_job: Job | None = None  # the job of the pool being forked (read by its workers)


def usable_cores() -> int:
    """The cores worker processes may use here (1 where workers cannot be forked)."""
    if sys.platform != "linux":
        return 1
    return len(os.sched_getaffinity(0))


def map_on_cores(
    job: Job, items: Sequence[Any], progress: Callable[[int], None] | None = None
) -> list[Any]:
    """`[job(item) for item in items]`, the work spread over the usable cores."""
    cores = min(usable_cores(), -(-len(items) // CHUNK))
    if cores < 2:
        return [_one(job, item, progress) for item in items]
    # The pool's machinery is loaded only when a pool is made (most commands never make one).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _job
    # The first item here: whatever it compiles or caches, the workers inherit.
    found = [_one(job, items[0], progress)]
    rest = items[1:]
    chunks = [rest[at : at + CHUNK] for at in range(0, len(rest), CHUNK)]
    _job = job
    # What the caller holds stays out of the workers' garbage collection: collecting it would
    # write to (and so copy) every page they share with the caller.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(cores, mp_context=context) as pool:
            for done in pool.map(_run_chunk, chunks):
                found.extend(done)
                if progress:
                    progress(len(done))
    finally:
        _job = None
        gc.unfreeze()
    return found


def _one(job: Job, item: Any, progress: Callable[[int], None] | None) -> Any:
    result = job(item)
    if progress:
        progress(1)
    return result


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _job is not None, "a worker forked without a job"
    return [_job(item) for item in chunk]
