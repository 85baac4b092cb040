"""Storing bench runs: the run with every figure as JSON, and its ratings in long format."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from scoring.bench.ratings import Rating
from scoring.bench.results import BenchResult
from simulator.store.transactions import write_transaction


class BenchStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def save_run(self, result: BenchResult, ratings: Sequence[Rating]) -> str:
        """The run and all its ratings in one transaction; returns the run id."""
        run_id = f"bench-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        raters = [
            {"name": r.name, "kind": r.kind, "identity": r.identity, "repeats": r.repeats}
            for r in result.raters
        ]
        # atomic(), not `with conn:`: sqlite-utils commits each insert itself unless a
        # transaction it knows about is open, so a failure would leave half a run behind.
        with write_transaction(self.db):
            self.db.table("bench_runs").insert(
                {
                    "id": run_id,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "rubric": result.rubric_id,
                    "raters": json.dumps(raters),
                    "transcripts": result.transcripts,
                    "metrics": json.dumps(result.to_json()),
                }
            )
            self.db.table("ratings").insert_all(
                (
                    {
                        "run_id": run_id,
                        "transcript": r.transcript,
                        "rater": r.rater,
                        "repeat": r.repeat,
                        "dimension": r.dimension,
                        "level": r.level,
                    }
                    for r in ratings
                ),
                batch_size=2000,
            )
        return run_id

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest runs first (without their ratings)."""
        return list(
            self.db.table("bench_runs").rows_where(
                order_by="created_at desc, rowid desc", limit=limit
            )
        )

    def ratings(self, run_id: str) -> list[Rating]:
        rows = self.db.table("ratings").rows_where("run_id = ?", [run_id])
        return [
            Rating(r["transcript"], r["rater"], r["repeat"], r["dimension"], r["level"])
            for r in rows
        ]
