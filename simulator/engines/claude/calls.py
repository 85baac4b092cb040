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


@dataclass
class CallRecord:
    purpose: str  # interviewer | candidate | judge | judge-retry | judge-batch
    model: str
    prompt_version: str
    session_id: str | None = None
    scope: str | None = None  # what was judged (transcript id) or similar
    status: str = "ok"  # ok | cut (stream dropped, retried) | error
    error: str = ""
    stop_reason: str | None = None
    attempts: int = 1
    estimated_input_tokens: int | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0
    latency_ms: float = 0.0
    dollars: float | None = None
    price_date: str = ""
    batch_id: str | None = None


@dataclass(frozen=True)
class UsageTotals:
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0
    dollars: float = 0.0
    unpriced_calls: int = 0

    @property
    def all_input_tokens(self) -> int:
        return self.input_tokens + self.cache_write_tokens + self.cache_read_tokens

    @property
    def cache_read_share(self) -> float:
        total = self.all_input_tokens
        return self.cache_read_tokens / total if total else 0.0

    def line(self) -> str:
        tokens = self.all_input_tokens + self.output_tokens
        unpriced = f" (+{self.unpriced_calls} unpriced)" if self.unpriced_calls else ""
        return f"{_short(tokens)} tokens · ${self.dollars:.4f}{unpriced}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["dollars"] = round(self.dollars, 6)
        data["cache_read_share"] = round(self.cache_read_share, 3)
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
            "total(cache_write_tokens), total(cache_read_tokens), total(dollars), "
            f"sum(dollars is null) from model_calls where {where}"
        )
        with self._lock:
            row = self.db.execute(sql, args).fetchone()
        return UsageTotals(
            calls=int(row[0]),
            input_tokens=int(row[1]),
            output_tokens=int(row[2]),
            cache_write_tokens=int(row[3]),
            cache_read_tokens=int(row[4]),
            dollars=float(row[5]),
            unpriced_calls=int(row[6] or 0),
        )

    def rows(self, **where: str) -> list[dict[str, Any]]:
        clause = " and ".join(f"{k} = ?" for k in where) or None
        with self._lock:
            return list(self.db.table("model_calls").rows_where(clause, list(where.values())))
