"""Prompt runs in the `batches` table (purpose `worksample-prompt`): a run sent as a Message
Batch is stored before waiting, so running the same command again collects it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import sqlite_utils

from simulator.engines.claude.batches import COLLECTED, SUBMITTED
from simulator.engines.claude.prompt_runner import PURPOSE, ItemOutcome, PromptRunner
from simulator.store.sessions import now


class PromptBatches:
    """Prompt runs' rows in the `batches` table (purpose `worksample-prompt`), so a run that
    stopped waiting collects the same batch when it is run again. `rubric_id` holds the task,
    `prompt_version` the prompt's version and the effort, `items` the custom ids' item ids."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    @staticmethod
    def _version(runner: PromptRunner) -> str:
        return f"{runner.prompt.version} effort={runner.effort}"

    def add(
        self, batch_id: str, runner: PromptRunner, task_id: str, keys: Mapping[str, str]
    ) -> None:
        with self.db.conn:
            self.db.table("batches").insert(
                {
                    "id": batch_id,
                    "created_at": now(),
                    "updated_at": now(),
                    "purpose": PURPOSE,
                    "model": runner.model,
                    "prompt_version": self._version(runner),
                    "rubric_id": task_id,
                    "samples": 1,
                    "status": SUBMITTED,
                    "request_count": len(keys),
                    "items": json.dumps(keys),
                    "result": None,
                }
            )

    def open_for(
        self, runner: PromptRunner, task_id: str, item_ids: Sequence[str]
    ) -> tuple[str, dict[str, str]] | None:
        """A stored batch of exactly this run, not yet collected: its id and custom ids."""
        rows = self.db.table("batches").rows_where(
            "status = ? and purpose = ? and model = ? and prompt_version = ? and rubric_id = ?",
            [SUBMITTED, PURPOSE, runner.model, self._version(runner), task_id],
            order_by="created_at, rowid",
        )
        for row in rows:
            keys: dict[str, str] = json.loads(str(row["items"]))
            if list(keys.values()) == list(item_ids):
                return str(row["id"]), keys
        return None

    def collected(self, batch_id: str, outcomes: Mapping[str, ItemOutcome]) -> None:
        problems = {i: o.problem for i, o in outcomes.items() if o.kind != "output"}
        with self.db.conn:
            self.db.table("batches").update(
                batch_id,
                {"status": COLLECTED, "updated_at": now(), "result": json.dumps(problems)},
            )
