"""The SQLite store: migrations, sessions and their turns, id lookup, drafts."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from simulator.store import sessions as sessions_module
from simulator.store.db import open_database
from simulator.store.migrations import MIGRATIONS, apply_migrations
from simulator.store.sessions import SessionNotFoundError, SessionStore

SESSION_FIELDS = {
    "brief_id": "churn-analysis",
    "interviewer_id": "neutral",
    "candidate": "strong-shipper",
    "mode": "interview",
    "minutes": 60,
    "seed": 1,
    "engine": "offline",
}


def turn(role: str, text: str, start: float, **meta: str) -> dict[str, Any]:
    return {
        "role": role,
        "text": text,
        "speaker": "Neutral" if role == "interviewer" else "Candidate",
        "start": start,
        "end": None,
        "meta": meta,
    }


OPENING = [
    turn("interviewer", "Walk me through your design.", 0.0, move="open"),
    turn("candidate", "A thin API calls one model with a fixed system prompt.", 95.5),
]
NEXT = turn("interviewer", "How would you test it before launch?", 95.5, move="next_area")


@pytest.fixture
def store() -> SessionStore:
    return SessionStore(open_database(":memory:"))


def columns(db: sqlite_utils.Database, table: str) -> set[str]:
    return {column.name for column in db.table(table).columns}


# --- migrations -------------------------------------------------------------------------------


def test_migrations_apply_in_order_and_are_recorded() -> None:
    db = sqlite_utils.Database(memory=True)

    applied = apply_migrations(db)

    names = [name for name, _ in MIGRATIONS]
    assert applied == names
    assert names == sorted(names)
    recorded = [row["name"] for row in db.query("select name from _migrations order by rowid")]
    assert recorded == names
    assert all(row["applied_at"] for row in db.table("_migrations").rows)


def test_a_second_run_applies_nothing() -> None:
    db = sqlite_utils.Database(memory=True)
    apply_migrations(db)

    assert apply_migrations(db) == []
    assert db.table("_migrations").count == len(MIGRATIONS)


def test_reopening_a_database_file_keeps_its_data_and_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mockloop.db"
    first = open_database(path)
    SessionStore(first).create(id="20260101-090000-aaaa", **SESSION_FIELDS)
    first.conn.close()

    again = open_database(path)

    assert apply_migrations(again) == []
    assert [row["id"] for row in again.table("sessions").rows] == ["20260101-090000-aaaa"]
    again.conn.close()


def test_a_database_file_uses_wal(tmp_path: Path) -> None:
    db = open_database(tmp_path / "mockloop.db")

    mode = db.execute("pragma journal_mode").fetchone()[0]

    assert mode == "wal"
    db.conn.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "mockloop.db")) as other:
        assert other.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_the_schema_has_sessions_turns_and_drafts() -> None:
    db = open_database(":memory:")

    assert {"_migrations", "sessions", "turns", "drafts"} <= set(db.table_names())
    assert {
        "id",
        "created_at",
        "updated_at",
        "brief_id",
        "interviewer_id",
        "candidate",
        "mode",
        "minutes",
        "seed",
        "engine",
        "model",
        "status",
        "phase",
        "ended_reason",
        "coverage",
    } <= columns(db, "sessions")
    assert {"session_id", "idx", "role", "speaker", "text", "start", "end", "meta"} <= columns(
        db, "turns"
    )
    assert db.table("turns").pks == ["session_id", "idx"]
    assert {"session_id", "text", "updated_at"} <= columns(db, "drafts")


# --- sessions and turns -----------------------------------------------------------------------


def test_a_new_session_is_active_in_the_opening(store: SessionStore) -> None:
    row = store.create(**SESSION_FIELDS)

    assert row.status == "active"
    assert row.phase == "opening"
    assert row.coverage == {}
    assert row.brief_id == "churn-analysis"
    assert store.get(row.id) == row


def test_syncing_the_same_turns_twice_stores_them_once(store: SessionStore) -> None:
    row = store.create(**SESSION_FIELDS)

    store.sync(row.id, OPENING, phase="design", coverage={})
    store.sync(row.id, OPENING, phase="design", coverage={})

    assert [(t.role, t.text) for t in store.turns(row.id)] == [
        (t["role"], t["text"]) for t in OPENING
    ]
    assert store.db.table("turns").count == 2


def test_sync_appends_new_turns_and_keeps_the_earlier_ones(store: SessionStore) -> None:
    row = store.create(**SESSION_FIELDS)
    store.sync(row.id, OPENING, phase="design", coverage={})

    store.sync(row.id, [*OPENING, NEXT], phase="deep_dive", coverage={})

    stored = store.turns(row.id)
    assert [t.text for t in stored] == [t["text"] for t in [*OPENING, NEXT]]
    assert stored[0].meta == {"move": "open"}
    assert stored[1].start == 95.5
    assert stored[1].speaker == "Candidate"
    idx = [r["idx"] for r in store.db.query("select idx from turns order by idx")]
    assert idx == [1, 2, 3]


def test_sync_records_progress_and_the_end_of_the_round(store: SessionStore) -> None:
    row = store.create(**SESSION_FIELDS)
    coverage = {"areas": {"testing": {"status": "covered"}}, "curveballs": ["slack"]}

    store.sync(row.id, OPENING, phase="deep_dive", coverage=coverage)
    midway = store.get(row.id)
    store.sync(
        row.id, OPENING, phase="closed", coverage=coverage, status="finished", ended_reason="done"
    )
    done = store.get(row.id)

    assert (midway.phase, midway.status, midway.coverage) == ("deep_dive", "active", coverage)
    assert (done.phase, done.status, done.ended_reason) == ("closed", "finished", "done")


def test_syncing_turns_of_one_session_leaves_another_alone(store: SessionStore) -> None:
    one = store.create(**SESSION_FIELDS)
    two = store.create(**SESSION_FIELDS)

    store.sync(one.id, OPENING, phase="design", coverage={})
    store.sync(two.id, [NEXT], phase="deep_dive", coverage={})

    assert [t.text for t in store.turns(one.id)] == [t["text"] for t in OPENING]
    assert [t.text for t in store.turns(two.id)] == [NEXT["text"]]


def test_the_transcript_carries_the_turns_and_where_they_came_from(store: SessionStore) -> None:
    row = store.create(**SESSION_FIELDS)
    store.sync(row.id, OPENING, phase="design", coverage={})

    transcript = store.transcript(row.id)

    assert transcript.id == row.id
    assert [t.text for t in transcript.turns] == [t["text"] for t in OPENING]
    assert transcript.source["brief"] == "churn-analysis"
    assert transcript.source["candidate"] == "strong-shipper"
    assert transcript.source["engine"] == "offline"
    assert json.loads(json.dumps(transcript.model_dump(mode="json")))["id"] == row.id


def test_recent_unfinished_lists_only_active_sessions(store: SessionStore) -> None:
    active = store.create(**SESSION_FIELDS)
    finished = store.create(**SESSION_FIELDS)
    store.sync(finished.id, OPENING, phase="closed", coverage={}, status="finished")

    assert [r.id for r in store.recent(status="active")] == [active.id]
    assert {r.id for r in store.recent()} == {active.id, finished.id}


def test_recent_puts_the_session_created_last_first_within_one_second(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sessions_module, "now", lambda: "2026-01-01T09:00:00+00:00")
    store.create(id="20260101-090000-ffff", **SESSION_FIELDS)
    store.create(id="20260101-090000-0000", **SESSION_FIELDS)

    assert store.recent()[0].id == "20260101-090000-0000"


# --- finding a session by what the user typed -------------------------------------------------


def test_find_accepts_a_unique_prefix(store: SessionStore) -> None:
    store.create(id="20260101-090000-aaaa", **SESSION_FIELDS)
    store.create(id="20260102-090000-bbbb", **SESSION_FIELDS)

    assert store.find("20260102").id == "20260102-090000-bbbb"
    assert store.find("20260101-090000-aaaa").id == "20260101-090000-aaaa"


def test_find_refuses_an_ambiguous_prefix(store: SessionStore) -> None:
    store.create(id="20260101-090000-aaaa", **SESSION_FIELDS)
    store.create(id="20260101-100000-bbbb", **SESSION_FIELDS)

    with pytest.raises(SessionNotFoundError) as caught:
        store.find("20260101")

    assert "'20260101'" in str(caught.value)
    assert "several" in str(caught.value)
    assert "type more" in str(caught.value)


def test_find_of_an_unknown_id_points_at_history(store: SessionStore) -> None:
    store.create(id="20260101-090000-aaaa", **SESSION_FIELDS)

    with pytest.raises(SessionNotFoundError) as caught:
        store.find("19990101")

    assert "'19990101'" in str(caught.value)
    assert "mockloop history" in str(caught.value)


def test_get_of_an_unknown_id_raises_session_not_found(store: SessionStore) -> None:
    with pytest.raises(SessionNotFoundError):
        store.get("19990101-000000-dead")


def test_find_by_full_id_wins_over_a_longer_id_with_that_prefix(store: SessionStore) -> None:
    store.create(id="abc1", **SESSION_FIELDS)
    store.create(id="abc", **SESSION_FIELDS)

    assert store.find("abc").id == "abc"


def test_find_treats_what_the_user_typed_literally(store: SessionStore) -> None:
    store.create(id="20260101-090000-aaaa", **SESSION_FIELDS)

    with pytest.raises(SessionNotFoundError):
        store.find("%aaaa")


# --- drafts -----------------------------------------------------------------------------------


def test_an_unsent_answer_is_restored(store: SessionStore) -> None:
    row = store.create(**SESSION_FIELDS)

    store.save_draft(row.id, "First line of my answer\nand a second line")

    assert store.draft(row.id) == "First line of my answer\nand a second line"


def test_a_newer_draft_replaces_the_older_one(store: SessionStore) -> None:
    row = store.create(**SESSION_FIELDS)
    store.save_draft(row.id, "half an answer")

    store.save_draft(row.id, "the whole answer")

    assert store.draft(row.id) == "the whole answer"
    assert store.db.table("drafts").count == 1


def test_drafts_belong_to_their_session(store: SessionStore) -> None:
    one = store.create(**SESSION_FIELDS)
    two = store.create(**SESSION_FIELDS)

    store.save_draft(one.id, "only for one")

    assert store.draft(one.id) == "only for one"
    assert store.draft(two.id) == ""


def test_a_draft_survives_reopening_the_database(tmp_path: Path) -> None:
    path = tmp_path / "mockloop.db"
    db = open_database(path)
    row = SessionStore(db).create(**SESSION_FIELDS)
    SessionStore(db).save_draft(row.id, "typed before the terminal closed")
    db.conn.close()

    reopened = SessionStore(open_database(path))

    assert reopened.draft(row.id) == "typed before the terminal closed"
    reopened.db.conn.close()


def test_a_sync_that_fails_part_way_writes_nothing(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = store.create(**SESSION_FIELDS)
    store.sync(row.id, [turn("interviewer", "Hello", 0.0)], phase="opening", coverage={})
    more = [turn("interviewer", "Hello", 0.0), turn("candidate", "An answer", 5.0)]

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    # The turns are written first, then the session row: the second write fails.
    monkeypatch.setattr(sqlite_utils.db.Table, "update", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        store.sync(row.id, more, phase="design", coverage={})
    monkeypatch.undo()

    assert [t.text for t in store.turns(row.id)] == ["Hello"]
    assert store.get(row.id).phase == "opening"
