"""Bulk judging with the Message Batches API (half price, up to a day): submit, store the
batch id with what it judges, poll, and collect, also after a restart (`resume`)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlite_utils

from scoring.judge import JudgeUnavailableError, batch_calls, collect_batch
from scoring.rubrics.models import Rubric
from scoring.scorecard import Scorecard
from scoring.transcripts.model import Transcript
from scoring.vocabulary.matcher import Matcher
from simulator.engines.claude.judge import ClaudeJudge
from simulator.store.sessions import now

SUBMITTED, COLLECTED, FAILED = "submitted", "collected", "failed"


@dataclass(frozen=True)
class BatchItem:
    key: str  # the custom-id prefix: letters, digits, dashes
    source: str  # where the transcript came from (a path, a session)
    transcript: Transcript


@dataclass(frozen=True)
class BatchRow:
    id: str
    created_at: str
    purpose: str
    model: str
    prompt_version: str
    rubric_id: str
    samples: int
    status: str
    items: list[BatchItem]


class BatchStore:
    """The `batches` table: enough to collect a batch in another process, days later."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def add(
        self,
        batch_id: str,
        *,
        purpose: str,
        model: str,
        prompt_version: str,
        rubric_id: str,
        samples: int,
        items: Sequence[BatchItem],
    ) -> None:
        payload = [
            {"key": i.key, "source": i.source, "transcript": i.transcript.model_dump(mode="json")}
            for i in items
        ]
        with self.db.conn:
            self.db.table("batches").insert(
                {
                    "id": batch_id,
                    "created_at": now(),
                    "updated_at": now(),
                    "purpose": purpose,
                    "model": model,
                    "prompt_version": prompt_version,
                    "rubric_id": rubric_id,
                    "samples": samples,
                    "status": SUBMITTED,
                    "request_count": len(items) * samples,
                    "items": json.dumps(payload),
                    "result": None,
                }
            )

    def get(self, batch_id: str) -> BatchRow:
        rows = list(self.db.table("batches").rows_where("id = ?", [batch_id]))
        if not rows:
            raise LookupError(f"no stored batch {batch_id!r}")
        return self._row(rows[0])

    def open(self, purpose: str | None = None) -> list[BatchRow]:
        """Batches submitted and not yet collected, oldest first."""
        where = "status = ?" + (" and purpose = ?" if purpose else "")
        args = [SUBMITTED, purpose] if purpose else [SUBMITTED]
        rows = self.db.table("batches").rows_where(where, args, order_by="created_at, rowid")
        return [self._row(r) for r in rows]

    def finish(self, batch_id: str, status: str, result: dict[str, object]) -> None:
        with self.db.conn:
            self.db.table("batches").update(
                batch_id, {"status": status, "updated_at": now(), "result": json.dumps(result)}
            )

    @staticmethod
    def _row(row: dict[str, object]) -> BatchRow:
        items = [
            BatchItem(
                key=str(i["key"]),
                source=str(i["source"]),
                transcript=Transcript.model_validate(i["transcript"]),
            )
            for i in json.loads(str(row["items"]))
        ]
        return BatchRow(
            id=str(row["id"]),
            created_at=str(row["created_at"]),
            purpose=str(row["purpose"]),
            model=str(row["model"]),
            prompt_version=str(row["prompt_version"]),
            rubric_id=str(row["rubric_id"]),
            samples=int(str(row["samples"])),
            status=str(row["status"]),
            items=items,
        )


def submit(
    judge: ClaudeJudge,
    store: BatchStore,
    items: Sequence[BatchItem],
    rubric: Rubric,
    *,
    samples: int,
    purpose: str = "score",
) -> str:
    """Send one request per (transcript, sample) and store the batch id before returning."""
    calls = batch_calls({i.key: i.transcript for i in items}, rubric, samples)
    batch_id = judge.submit(calls)
    store.add(
        batch_id,
        purpose=purpose,
        model=judge.model,
        prompt_version=judge.prompt_version,
        rubric_id=rubric.id,
        samples=samples,
        items=items,
    )
    return batch_id


def collect(
    judge: ClaudeJudge,
    store: BatchStore,
    batch_id: str,
    rubric: Rubric,
    *,
    matcher: Matcher | None = None,
) -> dict[str, Scorecard | str] | None:
    """Scorecards by item key once the batch has ended (None while it is still running)."""
    row = store.get(batch_id)
    if row.prompt_version != judge.prompt_version:
        raise JudgeUnavailableError(
            f"batch {batch_id} was sent with prompt {row.prompt_version}, this version has "
            f"{judge.prompt_version}: submit the transcripts again"
        )
    if not judge.status(batch_id).ended:
        return None
    cards = collect_batch(
        judge.results(batch_id),
        {i.key: i.transcript for i in row.items},
        rubric,
        judge,
        samples=row.samples,
        matcher=matcher,
    )
    failed = {k: v for k, v in cards.items() if isinstance(v, str)}
    store.finish(batch_id, FAILED if len(failed) == len(cards) else COLLECTED, {"failed": failed})
    return cards


def wait_and_collect(
    judge: ClaudeJudge,
    store: BatchStore,
    batch_id: str,
    rubric: Rubric,
    *,
    poll_every: float = 30.0,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    matcher: Matcher | None = None,
) -> dict[str, Scorecard | str] | None:
    """Poll until the batch ends (None when `timeout` passes first; collect it later)."""
    started = time.monotonic()
    while True:
        cards = collect(judge, store, batch_id, rubric, matcher=matcher)
        if cards is not None:
            return cards
        if timeout is not None and time.monotonic() - started >= timeout:
            return None
        if on_wait is not None:
            on_wait(f"batch {batch_id} is still running; checking again in {poll_every:g} s")
        time.sleep(poll_every)
