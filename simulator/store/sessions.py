"""Sessions and their turns, written as the round goes."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from scoring.ids import overlong_id
from scoring.transcripts.model import Transcript, Turn
from simulator.store.transactions import write_transaction

if TYPE_CHECKING:
    from simulator.interview.state import RoundCoverage
    from simulator.interview.turns import RoundTurn


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_session_id() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class SessionRow:
    id: str
    created_at: str
    updated_at: str
    brief_id: str
    interviewer_id: str
    candidate: str
    mode: str
    minutes: int
    seed: int
    engine: str
    model: str | None
    status: str
    phase: str
    ended_reason: str | None
    coverage: RoundCoverage
    prompt_version: str | None = None  # the Claude engine's prompt files, when it ran
    engines: str | None = None  # every engine that worded a turn, when more than the chosen one

    @property
    def mixed_engines(self) -> bool:
        return bool(self.engines)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SessionRow:
        return cls(**{**row, "coverage": json.loads(row.get("coverage") or "{}")})


def engines_used(turns: Sequence[RoundTurn]) -> str | None:
    """The engines that worded the turns, in order of first use, when there is more than one
    (a Claude round with turns worded offline); None for a round on one engine."""
    seen = dict.fromkeys(
        str(engine) for t in turns if (engine := (t.get("meta") or {}).get("engine"))
    )
    return ", ".join(seen) if len(seen) > 1 else None


class SessionNotFoundError(LookupError):
    """No session matches what the user typed."""


class SessionStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, **fields: Any) -> SessionRow:
        stamp = now()
        chosen_id = fields.pop("id", None)
        row = {
            "id": chosen_id or new_session_id(),
            "created_at": stamp,
            "updated_at": stamp,
            "status": "active",
            "phase": "opening",
            "ended_reason": None,
            "coverage": "{}",
            "model": None,
            **fields,
        }
        for _ in range(5):
            try:
                with write_transaction(self.db):
                    self.db.table("sessions").insert(row)
                break
            except sqlite3.IntegrityError:
                if chosen_id:
                    raise
                row["id"] = new_session_id()  # two sessions in the same second: new id
        return self.get(row["id"])

    def finish(self, session_id: str, reason: str) -> None:
        """The round ended outside the interview (the candidate ended it): it is finished, no
        longer offered for resuming, and scored on what was said."""
        self._end(session_id, "finished", reason)

    def stop(self, session_id: str, reason: str) -> None:
        """The round stopped unfinished with nothing left to replay (a simulated candidate ran
        out of answers): kept out of the unfinished list, and not scored."""
        self._end(session_id, "stopped", reason)

    def _end(self, session_id: str, status: str, reason: str) -> None:
        with write_transaction(self.db):
            self.db.table("sessions").update(session_id, {"status": status, "ended_reason": reason})

    def get(self, session_id: str) -> SessionRow:
        rows = list(self.db.table("sessions").rows_where("id = ?", [session_id]))
        if not rows:
            raise SessionNotFoundError(f"no session {session_id!r}")
        return SessionRow.from_row(rows[0])

    def find(self, prefix: str) -> SessionRow:
        """A session by id or unique id prefix (as a user would type it)."""
        if (problem := overlong_id(prefix, "session")) is not None:
            raise SessionNotFoundError(problem)
        exact = list(self.db.table("sessions").rows_where("id = ?", [prefix]))
        if exact:
            return SessionRow.from_row(exact[0])
        rows = list(
            self.db.table("sessions").rows_where(
                "substr(id, 1, ?) = ?", [len(prefix), prefix], limit=3
            )
        )
        if not rows:
            raise SessionNotFoundError(f"no session matches {prefix!r} (see `mockloop history`)")
        if len(rows) > 1:
            raise SessionNotFoundError(f"{prefix!r} matches several sessions; type more of the id")
        return SessionRow.from_row(rows[0])

    def recent(self, status: str | None = None, limit: int = 50) -> list[SessionRow]:
        where = "status = ?" if status else None
        args = [status] if status else []
        rows = self.db.table("sessions").rows_where(
            where, args, order_by="created_at desc, rowid desc", limit=limit
        )
        return [SessionRow.from_row(r) for r in rows]

    def sync(
        self,
        session_id: str,
        turns: Sequence[RoundTurn],
        *,
        phase: str,
        coverage: RoundCoverage,
        status: str | None = None,
        ended_reason: str | None = None,
    ) -> None:
        """Upsert the turns and the session's progress in one transaction (idempotent). Turns
        are only ever added, so those stored already are not written again (the last one is,
        in case it was cut short)."""
        stored = self.db.execute(
            "select coalesce(max(idx), 0) from turns where session_id = ?", [session_id]
        ).fetchone()[0]
        rows = [
            {
                "session_id": session_id,
                "idx": idx,
                "role": t["role"],
                "speaker": t.get("speaker"),
                "text": t["text"],
                "start": t.get("start"),
                "end": t.get("end"),
                "meta": json.dumps(t.get("meta") or {}, sort_keys=True),
            }
            for idx, t in enumerate(turns, start=1)
            if idx >= stored
        ]
        update: dict[str, Any] = {
            "updated_at": now(),
            "phase": phase,
            "coverage": json.dumps(coverage, sort_keys=True),
            "engines": engines_used(turns),
        }
        if status:
            update["status"] = status
        if ended_reason:
            update["ended_reason"] = ended_reason
        with write_transaction(self.db):
            if rows:
                self.db.table("turns").upsert_all(rows, pk=("session_id", "idx"))
            self.db.table("sessions").update(session_id, update)

    def round_turns(self, session_id: str) -> list[RoundTurn]:
        """The session's turns as the round's state had them when they were synced."""
        rows = self.db.table("turns").rows_where("session_id = ?", [session_id], order_by="idx")
        return [
            {
                "role": r["role"],
                "text": r["text"],
                "speaker": r["speaker"],
                "start": r["start"],
                "end": r["end"],
                "meta": json.loads(r["meta"] or "{}"),
            }
            for r in rows
        ]

    def turns(self, session_id: str) -> list[Turn]:
        return [Turn.model_validate(turn) for turn in self.round_turns(session_id)]

    def transcript(self, session_id: str) -> Transcript:
        session = self.get(session_id)
        return Transcript(
            id=session.id,
            title=f"{session.brief_id} with {session.candidate}",
            turns=self.turns(session_id),
            source={
                "format": "mockloop-session",
                "brief": session.brief_id,
                "interviewer": session.interviewer_id,
                "candidate": session.candidate,
                "mode": session.mode,
                "engine": session.engine,
                **({"engines": session.engines} if session.engines else {}),
                "seed": str(session.seed),
            },
        )

    def save_draft(self, session_id: str, text: str) -> None:
        with write_transaction(self.db):
            self.db.table("drafts").upsert(
                {"session_id": session_id, "text": text, "updated_at": now()}, pk="session_id"
            )

    def draft(self, session_id: str) -> str:
        rows = list(self.db.table("drafts").rows_where("session_id = ?", [session_id]))
        return str(rows[0]["text"]) if rows else ""
