"""Numbered migrations, applied in order and recorded in `_migrations` (one function each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlite_utils

from simulator.store.transactions import write_transaction

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_sessions_and_turns(db: sqlite_utils.Database) -> None:
    db.table("sessions").create(
        {
            "id": str,
            "created_at": str,
            "updated_at": str,
            "brief_id": str,
            "interviewer_id": str,
            "candidate": str,
            "mode": str,
            "minutes": int,
            "seed": int,
            "engine": str,
            "model": str,
            "status": str,
            "phase": str,
            "ended_reason": str,
            "coverage": str,
        },
        pk="id",
        not_null={"created_at", "brief_id", "status"},
    )
    db.table("turns").create(
        {
            "session_id": str,
            "idx": int,
            "role": str,
            "speaker": str,
            "text": str,
            "start": float,
            "end": float,
            "meta": str,
        },
        pk=("session_id", "idx"),
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("sessions").create_index(["updated_at"])


@migration
def m002_drafts(db: sqlite_utils.Database) -> None:
    """What a candidate has typed but not yet sent, so nothing typed is ever lost."""
    db.table("drafts").create({"session_id": str, "text": str, "updated_at": str}, pk="session_id")


def apply_migrations(db: sqlite_utils.Database) -> list[str]:
    """Apply every migration not yet recorded; returns the names applied now.

    Several processes may open a new database at once (a bench and two simulations started
    together): the pending list is read again under the write lock, so each migration runs
    exactly once, and all of them commit together or not at all."""
    if not _pending(db):
        return []  # the common case: no lock taken
    applied: list[str] = []
    with write_transaction(db):
        if "_migrations" not in db.table_names():
            db.table("_migrations").create({"name": str, "applied_at": str}, pk="name")
        for name, fn in _pending(db):
            fn(db)
            db.table("_migrations").insert(
                {"name": name, "applied_at": dt.datetime.now(dt.UTC).isoformat()}
            )
            applied.append(name)
    return applied


def _pending(db: sqlite_utils.Database) -> list[tuple[str, Migration]]:
    if "_migrations" not in db.table_names():
        return list(MIGRATIONS)
    done = {row["name"] for row in db.table("_migrations").rows}
    return [(name, fn) for name, fn in MIGRATIONS if name not in done]


@migration
def m003_scorecards(db: sqlite_utils.Database) -> None:
    """Scorecards (the whole card as JSON) and one row per dimension for queries and trends."""
    db.table("scorecards").create(
        {
            "id": str,
            "created_at": str,
            "session_id": str,
            "transcript_id": str,
            "source": str,
            "rater": str,
            "rubric_id": str,
            "rubric_version": str,
            "recommendation": str,
            "weighted_level": float,
            "confidence": float,
            "card": str,
        },
        pk="id",
    )
    db.table("scorecards").create_index(["session_id"])
    db.table("dimension_scores").create(
        {"scorecard_id": str, "dimension": str, "level": int, "status": str, "rationale": str},
        pk=("scorecard_id", "dimension"),
        foreign_keys=[("scorecard_id", "scorecards", "id")],
    )


@migration
def m004_bench(db: sqlite_utils.Database) -> None:
    """Bench runs (every figure as JSON) and their ratings in long format, one row a level."""
    db.table("bench_runs").create(
        {
            "id": str,
            "created_at": str,
            "rubric": str,
            "raters": str,
            "transcripts": int,
            "metrics": str,
        },
        pk="id",
        not_null={"created_at", "rubric"},
    )
    db.table("ratings").create(
        {
            "run_id": str,
            "transcript": str,
            "rater": str,
            "repeat": int,
            "dimension": str,
            "level": int,
        },
        pk=("run_id", "transcript", "rater", "repeat", "dimension"),
        foreign_keys=[("run_id", "bench_runs", "id")],
    )


@migration
def m005_model_calls_and_batches(db: sqlite_utils.Database) -> None:
    """The Claude engine: prompt versions on sessions and scorecards, one row per model call
    (tokens, cache, latency, dollars; never the API key) and the Message Batches submitted."""
    db.table("sessions").add_column("prompt_version", str)
    db.table("scorecards").add_column("prompt_version", str)
    db.table("model_calls").create(
        {
            "id": int,
            "created_at": str,
            "session_id": str,
            "scope": str,
            "purpose": str,
            "model": str,
            "prompt_version": str,
            "status": str,
            "error": str,
            "stop_reason": str,
            "attempts": int,
            "estimated_input_tokens": int,
            "input_tokens": int,
            "output_tokens": int,
            "cache_write_tokens": int,
            "cache_read_tokens": int,
            "latency_ms": float,
            "dollars": float,
            "price_date": str,
            "batch_id": str,
        },
        pk="id",
    )
    db.table("model_calls").create_index(["session_id"])
    db.table("model_calls").create_index(["scope"])
    db.table("batches").create(
        {
            "id": str,
            "created_at": str,
            "updated_at": str,
            "purpose": str,
            "model": str,
            "prompt_version": str,
            "rubric_id": str,
            "samples": int,
            "status": str,
            "request_count": int,
            "items": str,
            "result": str,
        },
        pk="id",
    )


@migration
def m006_effort_thinking_and_mixed_engines(db: sqlite_utils.Database) -> None:
    """Current Claude models: the effort each call asked for and the thinking tokens it was
    billed for; and, per session, every engine that worded its turns (a Claude round can fall
    back to the offline one)."""
    db.table("model_calls").add_column("effort", str)
    db.table("model_calls").add_column("thinking_tokens", int)
    db.table("sessions").add_column("engines", str)


@migration
def m007_exercises(db: sqlite_utils.Database) -> None:
    """The stage-2 eval-design exercise: the candidate's eval and note as last saved, the
    clock, the last check's report and the grade (JSON), and every edit in order (the
    keystroke timeline an interviewer replays), one row an event."""
    db.table("exercises").create(
        {
            "id": str,
            "task_id": str,
            "created_at": str,
            "updated_at": str,
            "status": str,
            "minutes": int,
            "elapsed": float,
            "code": str,
            "note": str,
            "report": str,
            "grade": str,
        },
        pk="id",
        not_null={"task_id", "created_at", "status"},
    )
    db.table("exercises").create_index(["status", "updated_at"])
    db.table("exercise_events").create(
        {
            "exercise_id": str,
            "idx": int,
            "t": float,
            "kind": str,
            "from_row": int,
            "from_col": int,
            "to_row": int,
            "to_col": int,
            "inserted": str,
            "deleted": str,
        },
        pk=("exercise_id", "idx"),
        foreign_keys=[("exercise_id", "exercises", "id")],
    )
