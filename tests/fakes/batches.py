"""A Message Batch of the fake API: its results, and the batch JSON the SDK polls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class FakeBatch:
    id: str
    created_at: str
    results: list[dict[str, Any]]
    polls: int = 0
    ended: bool = False

    def json(self, base: str) -> dict[str, Any]:
        ok = sum(1 for r in self.results if r["result"]["type"] == "succeeded")
        total = len(self.results)
        return {
            "id": self.id,
            "type": "message_batch",
            "processing_status": "ended" if self.ended else "in_progress",
            "request_counts": {
                "processing": 0 if self.ended else total,
                "succeeded": ok if self.ended else 0,
                "errored": total - ok if self.ended else 0,
                "canceled": 0,
                "expired": 0,
            },
            "created_at": self.created_at,
            "expires_at": self.created_at,
            "ended_at": self.created_at if self.ended else None,
            "archived_at": None,
            "cancel_initiated_at": None,
            "results_url": f"{base}/v1/messages/batches/{self.id}/results" if self.ended else None,
        }


def errored(error: dict[str, Any]) -> dict[str, Any]:
    return {"type": "errored", "error": {"type": "error", "error": error}}
