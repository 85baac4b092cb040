"""The offline raters spread a bench over the machine's cores: the same levels, in the same
order, with progress for every transcript, and a failure in a worker is the bench's failure."""

from __future__ import annotations

import os

import pytest
from bench_helpers import DATA, SAMPLES, SYSTEM_DESIGN

from scoring.bench.raters import OfflineRater, make_rater
from scoring.bench.run import rate_all
from scoring.cores import CHUNK, map_on_cores, usable_cores
from scoring.transcripts import Transcript, load_transcript

SEVERAL_CORES = pytest.mark.skipif(usable_cores() < 2, reason="needs two cores and fork")


def _transcripts() -> list[Transcript]:
    files = [*sorted(SAMPLES.iterdir()), DATA / "zoom_churn_interview.vtt", DATA / "q_and_a.txt"]
    loaded = [load_transcript(p) for p in files]
    # Enough for several chunks: each file again under its own id (the levels depend on the
    # words, not the id).
    return [t.model_copy(update={"id": f"{t.id}-{n}"}) for n in range(9) for t in loaded]


def test_a_few_items_are_done_here_in_order() -> None:
    ticks: list[int] = []
    assert map_on_cores(lambda n: (n * n, os.getpid()), [1, 2, 3], ticks.append) == [
        (1, os.getpid()),
        (4, os.getpid()),
        (9, os.getpid()),
    ]
    assert ticks == [1, 1, 1]


@SEVERAL_CORES
def test_many_items_are_spread_over_worker_processes_and_come_back_in_order() -> None:
    ticks: list[int] = []
    items = list(range(5 * CHUNK + 3))
    found = map_on_cores(lambda n: (n * n, os.getpid()), items, ticks.append)
    assert [square for square, _ in found] == [n * n for n in items]
    assert len({pid for _, pid in found} - {os.getpid()}) >= 1  # workers did the rest
    assert sum(ticks) == len(items)


@SEVERAL_CORES
def test_a_job_that_fails_in_a_worker_fails_the_whole_map() -> None:
    def job(n: int) -> int:
        if n == 3 * CHUNK:
            raise ValueError("transcript 60 is broken")
        return n

    with pytest.raises(ValueError, match="transcript 60 is broken"):
        map_on_cores(job, list(range(4 * CHUNK)))


def test_the_offline_raters_spread_give_the_levels_of_one_by_one() -> None:
    transcripts = _transcripts()
    assert len(transcripts) > 2 * CHUNK
    for spec in ("offline", "offline:plain"):
        rater = make_rater(spec)
        assert isinstance(rater, OfflineRater)
        ticks: list[int] = []
        spread = rate_all(rater, transcripts, SYSTEM_DESIGN, ticks.append)
        assert spread == [rater.rate(t, SYSTEM_DESIGN) for t in transcripts]
        assert sum(ticks) == len(transcripts)
