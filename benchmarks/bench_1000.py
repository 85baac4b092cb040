"""`mockloop bench` on 1,000 transcripts with two offline raters. Target: <= 30 s.

The two raters are the heuristic scorer as `mockloop score` runs it (`offline`: credit for
ties to the brief's names) and the same scorer reading the transcript alone
(`offline:plain`): every transcript is scored twice, once by each. Timed: everything
`mockloop bench` does after the transcripts are in memory — rating, re-rating 40 perturbed
copies x 4 perturbations per rater (the default robustness sample), every statistic, the
tables, the JSON, the HTML report and the SQLite write. The simulated transcripts are
generated beforehand (timed separately). Prints one JSON line per figure: the time at 100, 300
and 1,000 transcripts shows how it grows.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import isolated_home

isolated_home()

from scoring.bench.perturb import PERTURBATIONS
from scoring.bench.raters import Levels, RaterOptions, make_rater
from scoring.bench.ratings import BenchTranscript
from scoring.bench.report_html import render_report
from scoring.bench.run import DEFAULT_PERTURB_SAMPLE, BenchPlan, run_bench
from scoring.bench.tables import bench_tables
from scoring.cores import usable_cores
from scoring.rubrics import load_rubrics
from scoring.transcripts import Transcript
from simulator.bench_synthetic import plan_rounds, simulate_rounds
from simulator.content.loader import load_library
from simulator.interview.analysis import entity_words
from simulator.store.bench import BenchStore
from simulator.store.db import open_database
from simulator.workspace import Workspace

SIZES = (100, 300, 1000)
TARGET_SECONDS = 30
WORKERS = 2  # this machine's cores: generation only, the bench itself runs in one process


def figure(name: str, value: float, target: float | None = None) -> None:
    print(json.dumps({"figure": name, "value": round(value, 2), "target": target}), flush=True)


def bench_once(ws: Workspace, items: list[BenchTranscript]) -> tuple[float, float]:
    """(seconds for the whole bench, seconds spent rating: the offline raters spread their
    transcripts over the cores, so this is wall-clock time)."""
    library = ws.library

    def entities(transcript: Transcript) -> frozenset[str]:
        brief = library.briefs.get(transcript.source.get("brief", ""))
        return entity_words(brief) if brief is not None else frozenset()

    options = RaterOptions(matcher=ws.matcher, entity_words=entities)
    raters = [make_rater("offline", options), make_rater("offline:plain", options)]
    rating = 0.0  # wall-clock seconds inside the raters (spread over the cores)
    for rater in raters:
        rate_many = rater.rate_many  # type: ignore[attr-defined]

        def timed(*args: Any, rate_many: Callable[..., list[Levels]] = rate_many) -> list[Levels]:
            nonlocal rating
            started = time.perf_counter()
            try:
                return rate_many(*args)
            finally:
                rating += time.perf_counter() - started

        rater.rate_many = timed  # type: ignore[attr-defined]
    rubric = load_rubrics()["system-design"]
    started = time.perf_counter()
    result, table = run_bench(BenchPlan(rubric, items, raters))
    bench_tables(result)
    json.dumps(result.to_json())
    render_report(result)
    BenchStore(open_database(":memory:")).save_run(result, table.ratings)
    return time.perf_counter() - started, rating


def simulate_slice(start: int, stop: int) -> list[BenchTranscript]:
    library = load_library()
    return simulate_rounds(library, plan_rounds(library, max(SIZES))[start:stop])


def generate(count: int) -> list[BenchTranscript]:
    """The first `count` planned rounds, simulated in WORKERS processes, in plan order."""
    bounds = [(count * k // WORKERS, count * (k + 1) // WORKERS) for k in range(WORKERS)]
    with ProcessPoolExecutor(WORKERS) as pool:
        parts = pool.map(simulate_slice, *zip(*bounds, strict=True))
        return [item for part in parts for item in part]


def main() -> None:
    with Workspace() as ws:
        started = time.perf_counter()
        items = generate(max(SIZES))
        generated = time.perf_counter() - started
        words = sum(i.words for i in items) / len(items)
        figure(f"generate {max(SIZES):,} transcripts, {WORKERS} processes (s)", generated)
        figure("simulated transcript, mean candidate words", words)
        bench_once(ws, items[:10])  # load and compile the vocabulary once
        for size in SIZES:
            seconds, rating = bench_once(ws, items[:size])
            target = TARGET_SECONDS if size == max(SIZES) else None
            figure(f"bench {size:,} transcripts, 2 offline raters (s)", seconds, target)
            if size == max(SIZES):
                figure(f"bench {size:,}: share spent rating (%)", 100 * rating / seconds)
                calls = 2 * size + 2 * DEFAULT_PERTURB_SAMPLE * len(PERTURBATIONS)
                figure(
                    f"bench {size:,}: rating, wall time per transcript on {usable_cores()} "
                    "cores (ms)",
                    1000 * rating / calls,
                )


if __name__ == "__main__":
    main()
