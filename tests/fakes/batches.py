"""A Message Batch of the fake API: its results, and the batch JSON the SDK polls."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tests.fakes.contract import ContractError

CUSTOM_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")
MAX_REQUESTS = 100_000


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


def check_batch_request(body: dict[str, Any]) -> ContractError | None:
    """POST /v1/messages/batches as a whole: 1 to 100,000 requests, each with a custom_id of
    1-64 letters, digits, dashes or underscores, unique within the batch. The API refuses the
    whole batch (400) when one is wrong; each request's params are checked one by one after."""
    requests = body.get("requests")
    if not isinstance(requests, list) or not 1 <= len(requests) <= MAX_REQUESTS:
        return _invalid(f"requests: between 1 and {MAX_REQUESTS:,} requests are required")
    seen: set[str] = set()
    for index, request in enumerate(requests):
        custom_id = request.get("custom_id") if isinstance(request, dict) else None
        if not isinstance(custom_id, str) or not CUSTOM_ID.fullmatch(custom_id):
            return _invalid(
                f"requests.{index}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{{1,64}}$'"
            )
        if custom_id in seen:
            return _invalid(f"requests.{index}.custom_id: duplicate custom_id {custom_id!r}")
        seen.add(custom_id)
    return None


def _invalid(message: str) -> ContractError:
    return ContractError(400, "invalid_request_error", message)
