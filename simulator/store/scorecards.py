"""Storing scorecards: the full card as JSON plus one row per dimension."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence

import sqlite_utils

from scoring.scorecard import Scorecard
from simulator.store.sessions import now
from simulator.store.transactions import write_transaction


class ScorecardStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def save_all(self, cards: Sequence[tuple[Scorecard, str | None, str]]) -> list[str]:
        """Save (scorecard, session id or None, source description) rows in one transaction."""
        ids: list[str] = []
        with write_transaction(self.db):
            for unstamped, session_id, source in cards:
                card = stamped(unstamped)
                card_id = f"sc-{secrets.token_hex(5)}"
                self.db.table("scorecards").insert(
                    {
                        "id": card_id,
                        "created_at": card.created_at,
                        "session_id": session_id,
                        "transcript_id": card.transcript_id,
                        "source": source,
                        "rater": card.rater,
                        "prompt_version": card.prompt_version,
                        "rubric_id": card.rubric_id,
                        "rubric_version": card.rubric_version,
                        "recommendation": card.recommendation,
                        "weighted_level": card.weighted_level,
                        "confidence": card.confidence,
                        "card": card.model_dump_json(),
                    }
                )
                self.db.table("dimension_scores").insert_all(
                    {
                        "scorecard_id": card_id,
                        "dimension": d.dimension,
                        "level": d.level,
                        "status": d.status,
                        "rationale": d.rationale,
                    }
                    for d in card.dimensions
                )
                ids.append(card_id)
        return ids

    def for_session(self, session_id: str) -> Scorecard | None:
        rows = list(
            self.db.table("scorecards").rows_where(
                "session_id = ?", [session_id], order_by="created_at desc", limit=1
            )
        )
        return Scorecard.model_validate(json.loads(rows[0]["card"])) if rows else None

    def latest_by_session(self) -> dict[str, Scorecard]:
        """The newest scorecard of every session that has one."""
        cards: dict[str, Scorecard] = {}
        rows = self.db.table("scorecards").rows_where(
            "session_id is not null", order_by="created_at, rowid"
        )
        for row in rows:
            cards[row["session_id"]] = Scorecard.model_validate(json.loads(row["card"]))
        return cards


def stamped(card: Scorecard) -> Scorecard:
    """The card with the time it was made (UTC, to the second), unless it has one: the scorer
    is pure (same input, same card), so the time is stamped where a card is kept or shown."""
    if card.created_at:
        return card
    return card.model_copy(update={"created_at": now()})
