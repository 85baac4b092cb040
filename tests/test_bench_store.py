"""Bench runs in SQLite: the m004 migration, a run and its long-format ratings written in one
transaction (all or nothing)."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
import sqlite_utils
from bench_helpers import DIMENSIONS

from scoring.bench.ratings import Rating
from scoring.bench.results import BenchResult, RaterSummary
from simulator.store.bench import BenchStore
from simulator.store.migrations import apply_migrations


def database() -> sqlite_utils.Database:
    db = sqlite_utils.Database(memory=True)
    apply_migrations(db)
    return db


def result() -> BenchResult:
    return BenchResult(
        rubric_id="system-design",
        rubric_version="2026.11.1",
        transcripts=2,
        synthetic=0,
        dimensions=DIMENSIONS,
        raters=[RaterSummary("offline", "machine", "offline:heuristic-1", 1, 2)],
        alpha=None,
        alpha_by_dimension={},
        pairs=[],
        disagreements=[],
        length_points={"offline": [(120, 2.5)]},
        robustness_sample=0,
        known_groups=[],
    )


def test_the_migration_creates_bench_runs_and_ratings() -> None:
    db = database()
    assert {"bench_runs", "ratings"} <= set(db.table_names())
    assert set(db.table("ratings").columns_dict) == {
        "run_id",
        "transcript",
        "rater",
        "repeat",
        "dimension",
        "level",
    }
    assert set(db.table("bench_runs").columns_dict) == {
        "id",
        "created_at",
        "rubric",
        "raters",
        "transcripts",
        "metrics",
    }


def test_a_run_and_its_ratings_are_stored_together() -> None:
    db = database()
    ratings = [Rating(t, "offline", 0, d, 2) for t in ("a", "b") for d in DIMENSIONS]
    ratings.append(Rating("a", "priya", 0, "evaluation", None))
    store = BenchStore(db)
    run_id = store.save_run(result(), ratings)
    (row,) = store.runs()
    assert row["id"] == run_id and row["rubric"] == "system-design" and row["transcripts"] == 2
    assert '"name": "offline"' in row["raters"]
    assert sorted(store.ratings(run_id), key=repr) == sorted(ratings, key=repr)


def test_a_failure_while_writing_ratings_leaves_nothing_behind() -> None:
    db = database()
    twice = [Rating("a", "offline", 0, "evaluation", 2)] * 2  # the same key twice: fails
    with pytest.raises(sqlite3.IntegrityError):
        BenchStore(db).save_run(result(), twice)
    assert db.table("bench_runs").count == 0
    assert db.table("ratings").count == 0


def test_every_figure_is_kept_as_json() -> None:
    db = database()
    BenchStore(db).save_run(result(), [])
    row: dict[str, Any] = next(iter(db.table("bench_runs").rows))
    assert '"length_points": {"offline": [[120, 2.5]]}' in row["metrics"]
