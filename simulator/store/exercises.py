"""Eval-design exercises and their keystroke timelines, written as the candidate types.

An exercise row holds what the candidate has now (the eval's code, the note, the clock's
elapsed seconds, the last check's report and, once submitted, the grade); its events are
every edit in order, so the code can be rebuilt from the timeline and an interviewer can
replay how it was written."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import sqlite_utils

from scoring.ids import overlong_id
from simulator.store.sessions import now
from simulator.store.transactions import write_transaction

ExerciseStatus = Literal["active", "submitted"]
# "start": the starter file typed in at once; "edit": a change in the editor; "check": the
# candidate ran the check (inserted holds its headline); "resume": the exercise was reopened;
# "submit": handed in (by the candidate or by the clock).
EventKind = Literal["start", "edit", "check", "resume", "submit"]
Location = tuple[int, int]  # (row, column), as Textual's TextArea counts them


def new_exercise_id() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return f"ex-{stamp}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class TimelineEvent:
    """One moment of the exercise: `t` seconds after it started (on the exercise's clock,
    which stops while the app is closed). An edit replaced the text from `start` to `end`
    (as the document was before it) by `inserted`; `deleted` is what it replaced."""

    t: float
    kind: EventKind = "edit"
    start: Location = (0, 0)
    end: Location = (0, 0)
    inserted: str = ""
    deleted: str = ""

    @property
    def changes_code(self) -> bool:
        return self.kind in ("start", "edit")


@dataclass(frozen=True)
class ExerciseRow:
    id: str
    task_id: str
    created_at: str
    updated_at: str
    status: ExerciseStatus
    minutes: int
    elapsed: float
    code: str
    note: str
    report: dict[str, Any] | None  # the last check's report (JSON), None before the first
    grade: dict[str, Any] | None  # set when submitted

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ExerciseRow:
        return cls(
            id=row["id"],
            task_id=row["task_id"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            status=row["status"],
            minutes=int(row["minutes"]),
            elapsed=float(row["elapsed"] or 0.0),
            code=row["code"] or "",
            note=row["note"] or "",
            report=json.loads(row["report"]) if row["report"] else None,
            grade=json.loads(row["grade"]) if row["grade"] else None,
        )


class ExerciseNotFoundError(LookupError):
    """No exercise matches what the user typed."""


class ExerciseStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, task_id: str, *, minutes: int, starter: str) -> ExerciseRow:
        """A new active exercise whose code is `starter`, recorded as the timeline's first
        event so the timeline alone rebuilds the code."""
        stamp = now()
        exercise_id = new_exercise_id()
        row: dict[str, Any] = {
            "id": exercise_id,
            "task_id": task_id,
            "created_at": stamp,
            "updated_at": stamp,
            "status": "active",
            "minutes": minutes,
            "elapsed": 0.0,
            "code": starter,
            "note": "",
            "report": None,
            "grade": None,
        }
        for _ in range(5):
            try:
                with write_transaction(self.db):
                    self.db.table("exercises").insert({**row, "id": exercise_id})
                    start = TimelineEvent(0.0, "start", inserted=starter)
                    self._insert_events(exercise_id, [start])
                break
            except sqlite3.IntegrityError:
                exercise_id = new_exercise_id()  # two exercises in the same second: new id
        return self.get(exercise_id)

    def save(
        self,
        exercise_id: str,
        *,
        code: str,
        note: str,
        elapsed: float,
        events: Iterable[TimelineEvent] = (),
        report: dict[str, Any] | None = None,
    ) -> None:
        """The code, the note, the clock and the new events in one transaction, so the
        stored timeline always rebuilds the stored code; `report` replaces the last one."""
        update: dict[str, Any] = {
            "code": code,
            "note": note,
            "elapsed": round(elapsed, 3),
            "updated_at": now(),
        }
        if report is not None:
            update["report"] = json.dumps(report, sort_keys=True)
        with write_transaction(self.db):
            self.add_events(exercise_id, events)
            self.db.table("exercises").update(exercise_id, update)

    def add_events(self, exercise_id: str, events: Iterable[TimelineEvent]) -> None:
        """Append events after the stored ones, in order."""
        with write_transaction(self.db):
            self._insert_events(exercise_id, list(events))

    def finish(
        self,
        exercise_id: str,
        *,
        code: str,
        note: str,
        elapsed: float,
        events: Iterable[TimelineEvent],
        report: dict[str, Any],
        grade: dict[str, Any] | None,
    ) -> None:
        """Submitted: the last code, note, events, report and grade, and no longer offered
        for resuming."""
        with write_transaction(self.db):
            self.save(
                exercise_id, code=code, note=note, elapsed=elapsed, events=events, report=report
            )
            update: dict[str, Any] = {"status": "submitted"}
            if grade is not None:
                update["grade"] = json.dumps(grade, sort_keys=True)
            self.db.table("exercises").update(exercise_id, update)

    def get(self, exercise_id: str) -> ExerciseRow:
        rows = list(self.db.table("exercises").rows_where("id = ?", [exercise_id]))
        if not rows:
            raise ExerciseNotFoundError(f"no exercise {exercise_id!r}")
        return ExerciseRow.from_row(rows[0])

    def find(self, prefix: str) -> ExerciseRow:
        """An exercise by id or unique id prefix (as a user would type it)."""
        if (problem := overlong_id(prefix, "exercise")) is not None:
            raise ExerciseNotFoundError(problem)
        if not prefix:
            raise ExerciseNotFoundError("no exercise id given (see `mockloop exercise list`)")
        table = self.db.table("exercises")
        exact = list(table.rows_where("id = ?", [prefix]))
        if exact:
            return ExerciseRow.from_row(exact[0])
        rows = list(table.rows_where("substr(id, 1, ?) = ?", [len(prefix), prefix], limit=2))
        if not rows:
            raise ExerciseNotFoundError(
                f"no exercise matches {prefix!r} (see `mockloop exercise list`)"
            )
        if len(rows) > 1:
            raise ExerciseNotFoundError(f"{prefix!r} matches several exercises; type more of it")
        return ExerciseRow.from_row(rows[0])

    def unfinished(self, limit: int = 20) -> list[ExerciseRow]:
        """Active exercises, the most recently worked on first."""
        return self.recent(status="active", limit=limit)

    def recent(self, status: ExerciseStatus | None = None, limit: int = 50) -> list[ExerciseRow]:
        where = "status = ?" if status else None
        rows = self.db.table("exercises").rows_where(
            where,
            [status] if status else [],
            order_by="updated_at desc, rowid desc",
            limit=limit,
        )
        return [ExerciseRow.from_row(r) for r in rows]

    def events(self, exercise_id: str) -> list[TimelineEvent]:
        rows = self.db.table("exercise_events").rows_where(
            "exercise_id = ?", [exercise_id], order_by="idx"
        )
        return [
            TimelineEvent(
                t=float(r["t"]),
                kind=r["kind"],
                start=(int(r["from_row"]), int(r["from_col"])),
                end=(int(r["to_row"]), int(r["to_col"])),
                inserted=r["inserted"] or "",
                deleted=r["deleted"] or "",
            )
            for r in rows
        ]

    def _insert_events(self, exercise_id: str, events: list[TimelineEvent]) -> None:
        if not events:
            return
        stored = self.db.execute(
            "select coalesce(max(idx), -1) from exercise_events where exercise_id = ?",
            [exercise_id],
        ).fetchone()[0]
        self.db.table("exercise_events").insert_all(
            {
                "exercise_id": exercise_id,
                "idx": idx,
                "t": round(e.t, 3),
                "kind": e.kind,
                "from_row": e.start[0],
                "from_col": e.start[1],
                "to_row": e.end[0],
                "to_col": e.end[1],
                "inserted": e.inserted,
                "deleted": e.deleted,
            }
            for idx, e in enumerate(events, start=stored + 1)
        )
