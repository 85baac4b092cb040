"""The `model_calls` table: one row per model call with tokens, cache use, latency and dollars.

Rows carry the model, the prompt version, what the call was for and its outcome; never the
API key or the prompt text.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

import sqlite_utils

from simulator.engines.claude.prices import TokenCounts


@dataclass
class CallRecord:
    purpose: str  # interviewer | candidate | judge | judge-retry | judge-batch | brief-draft
    model: str
    prompt_version: str
    effort: str | None = None  # output_config.effort sent with the call
    session_id: str | None = None
    scope: str | None = None  # what was judged (transcript id) or similar
    status: str = "ok"  # ok | cut (stream dropped, retried) | error
    error: str = ""
    stop_reason: str | None = None
    attempts: int = 1
    estimated_input_tokens: int | None = None
    input_tokens: int = 0
    output_tokens: int = 0  # thinking included: it is billed as output
    thinking_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0
    latency_ms: float = 0.0
    dollars: float | None = None
    price_date: str = ""
    batch_id: str | None = None

    @property
    def tokens(self) -> TokenCounts:
        return TokenCounts(
            input=self.input_tokens,
            output=self.output_tokens,
            cache_write=self.cache_write_tokens,
            cache_read=self.cache_read_tokens,
        )


@dataclass(frozen=True)
class UsageTotals:
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    thinking_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0
    dollars: float = 0.0  # of the priced calls only
    unpriced_calls: int = 0  # calls whose model or rate the price table does not know

    @property
    def all_input_tokens(self) -> int:
        return self.input_tokens + self.cache_write_tokens + self.cache_read_tokens

    @property
    def cache_read_share(self) -> float:
        total = self.all_input_tokens
        return self.cache_read_tokens / total if total else 0.0

    @property
    def thinking_share(self) -> float:
        """Thinking tokens / output tokens (thinking is billed as output)."""
        return self.thinking_tokens / self.output_tokens if self.output_tokens else 0.0

    def cost_text(self) -> str:
        """Dollars, never $0 for calls that could not be priced."""
        if self.unpriced_calls and self.unpriced_calls >= self.calls:
            return "cost unknown"
        n = self.unpriced_calls
        unknown = f" + unknown ({n} call{'s' * (n != 1)})" if n else ""
        return f"${self.dollars:.4f}{unknown}"

    def line(self) -> str:
        tokens = self.all_input_tokens + self.output_tokens
        thinking = f" ({_short(self.thinking_tokens)} thinking)" if self.thinking_tokens else ""
        return f"{_short(tokens)} tokens{thinking} · {self.cost_text()}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["dollars"] = round(self.dollars, 6) if self.unpriced_calls < self.calls else None
        data["cache_read_share"] = round(self.cache_read_share, 3)
        data["thinking_share"] = round(self.thinking_share, 3)
        return data


def _short(n: int) -> str:
    return f"{n / 1000:.1f}k" if n >= 10_000 else f"{n:,}"


class CallLog:
    """Writes call rows to the workspace database (its own connection; safe across threads)."""

    def __init__(self, db: sqlite_utils.Database | None = None) -> None:
        self._db = db
        self._lock = threading.Lock()

    @cached_property
    def db(self) -> sqlite_utils.Database:
        if self._db is not None:
            return self._db
        from simulator import paths
        from simulator.store.db import open_database

        return open_database(paths.database_path())

    def record(self, call: CallRecord) -> None:
        row = asdict(call)
        row["created_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        with self._lock, self.db.conn:
            self.db.table("model_calls").insert(row)

    def totals(self, *, session_id: str | None = None, scope: str | None = None) -> UsageTotals:
        where, args = ("session_id = ?", [session_id]) if session_id else ("scope = ?", [scope])
        sql = (
            "select count(*), total(input_tokens), total(output_tokens), "
            "total(thinking_tokens), total(cache_write_tokens), total(cache_read_tokens), "
            f"total(dollars), sum(dollars is null) from model_calls where {where}"
        )
        with self._lock:
            row = self.db.execute(sql, args).fetchone()
        return UsageTotals(
            calls=int(row[0]),
            input_tokens=int(row[1]),
            output_tokens=int(row[2]),
            thinking_tokens=int(row[3]),
            cache_write_tokens=int(row[4]),
            cache_read_tokens=int(row[5]),
            dollars=float(row[6]),
            unpriced_calls=int(row[7] or 0),
        )

    def rows(self, **where: str) -> list[dict[str, Any]]:
        clause = " and ".join(f"{k} = ?" for k in where) or None
        with self._lock:
            return list(self.db.table("model_calls").rows_where(clause, list(where.values())))
