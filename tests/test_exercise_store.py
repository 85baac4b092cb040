"""The eval-design exercise's store (simulator/store/exercises.py, migration m007): the row
the candidate's work is saved in and its timeline, one row an event, on an in-memory
database."""

from __future__ import annotations

import pytest

from simulator.store import exercises as exercises_module
from simulator.store.db import open_database
from simulator.store.exercises import ExerciseNotFoundError, ExerciseStore, TimelineEvent
from simulator.store.migrations import MIGRATIONS


@pytest.fixture
def store() -> ExerciseStore:
    return ExerciseStore(open_database(":memory:"))


def test_the_exercise_tables_are_a_numbered_migration_of_their_own() -> None:
    db = open_database(":memory:")
    assert MIGRATIONS[-1][0] == "m007_exercises"
    assert {"exercises", "exercise_events"} <= set(db.table_names())
    assert db.table("exercise_events").pks == ["exercise_id", "idx"]


def test_a_new_exercise_holds_the_starter_as_its_first_event(store: ExerciseStore) -> None:
    row = store.create("ticket-triage", minutes=45, starter="def test_x(cases):\n    pass\n")

    assert (row.status, row.minutes, row.elapsed, row.note) == ("active", 45, 0.0, "")
    assert row.code == "def test_x(cases):\n    pass\n"
    assert row.report is None and row.grade is None
    assert store.events(row.id) == [
        TimelineEvent(0.0, "start", inserted="def test_x(cases):\n    pass\n")
    ]


def test_saves_append_events_after_the_stored_ones(store: ExerciseStore) -> None:
    row = store.create("ticket-triage", minutes=45, starter="")
    store.save(row.id, code="ab", note="", elapsed=3.0, events=[TimelineEvent(1.0, inserted="a")])
    store.save(
        row.id,
        code="ab",
        note="runs in CI",
        elapsed=4.25,
        events=[TimelineEvent(2.0, start=(0, 1), end=(0, 1), inserted="b")],
    )

    saved = store.get(row.id)
    assert (saved.code, saved.note, saved.elapsed) == ("ab", "runs in CI", 4.25)
    events = store.events(row.id)
    assert [e.kind for e in events] == ["start", "edit", "edit"]
    assert events[2] == TimelineEvent(2.0, "edit", (0, 1), (0, 1), "b", "")
    indexes = [r["idx"] for r in store.db.table("exercise_events").rows_where(order_by="idx")]
    assert indexes == [0, 1, 2]


def test_a_report_is_kept_until_the_next_check(store: ExerciseStore) -> None:
    row = store.create("ticket-triage", minutes=45, starter="")
    store.save(row.id, code="", note="", elapsed=1.0, report={"caught_regression": False})
    store.save(row.id, code="x", note="", elapsed=2.0)

    assert store.get(row.id).report == {"caught_regression": False}


def test_a_finished_exercise_leaves_the_unfinished_list(store: ExerciseStore) -> None:
    first = store.create("ticket-triage", minutes=45, starter="")
    second = store.create("support-email-extraction", minutes=45, starter="")
    store.finish(
        first.id,
        code="x",
        note="n",
        elapsed=10.0,
        events=[TimelineEvent(9.0, "submit")],
        report={"caught_regression": True},
        grade={"level": 3},
    )

    assert [r.id for r in store.unfinished()] == [second.id]
    done = store.get(first.id)
    assert (done.status, done.grade, done.report) == (
        "submitted",
        {"level": 3},
        {"caught_regression": True},
    )
    assert store.events(first.id)[-1].kind == "submit"


def test_exercises_are_found_by_a_unique_prefix(
    store: ExerciseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = iter(["ex-20260101-000000-aaaaaa", "ex-20260101-000000-aabbbb"])
    monkeypatch.setattr(exercises_module, "new_exercise_id", lambda: next(ids))
    store.create("ticket-triage", minutes=45, starter="")
    store.create("ticket-triage", minutes=45, starter="")

    assert store.find("ex-20260101-000000-aab").id == "ex-20260101-000000-aabbbb"
    with pytest.raises(ExerciseNotFoundError, match="several"):
        store.find("ex-20260101-000000-aa")
    with pytest.raises(ExerciseNotFoundError, match="no exercise matches"):
        store.find("ex-2027")
    with pytest.raises(ExerciseNotFoundError, match="characters long"):
        store.find("x" * 500)


def test_two_exercises_in_the_same_second_get_different_ids(
    store: ExerciseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = iter(["ex-same", "ex-same", "ex-other"])
    monkeypatch.setattr(exercises_module, "new_exercise_id", lambda: next(ids))
    first = store.create("ticket-triage", minutes=45, starter="")
    second = store.create("ticket-triage", minutes=45, starter="")

    assert (first.id, second.id) == ("ex-same", "ex-other")
    assert len(store.events("ex-other")) == 1
