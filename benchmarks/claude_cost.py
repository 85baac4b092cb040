"""Tokens, cache use, thinking and dollars of the Claude engine, measured against the loopback
fake API (same SDK, same requests, the current models' contract, prompt-cache rules as in
tests/fakes/cache.py, the newer tokenizer's counts, thinking at the fake's fixed length per
effort) and priced from the dated price table with its long-prompt tier. Figures: a simulated
20-turn practice round, scoring one 60-minute transcript (about 9,000 words) with the judge's
default 3 samples, and a transcript long enough for Haiku's long-prompt tier."""

from __future__ import annotations

import json
import os
import statistics
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from _common import isolated_home

isolated_home()

from score_transcript import long_transcript

from scoring.judge import judge_transcript
from scoring.rubrics import load_rubrics
from scoring.transcripts.model import Transcript
from simulator.engines.claude import claude_engine
from simulator.engines.claude.calls import CallLog, UsageTotals
from simulator.engines.claude.judge import ClaudeJudge
from simulator.engines.claude.prices import PriceTable, TokenCounts, load_prices
from simulator.interview.moves import Move
from simulator.simulation import play
from simulator.workspace import Workspace
from tests.fakes.anthropic_api import FakeAnthropic

ANSWERS = 10  # candidate answers: with the opening, 21 turns (20 after it)
CACHE_TARGET = 0.8


class Capped:
    """A player that stops after `limit` answers (the round is left to resume)."""

    def __init__(self, player: Any, limit: int) -> None:
        self.player, self.limit, self.given = player, limit, 0

    def answer(self, move: Move, turns: list[dict[str, Any]]) -> str | None:
        self.given += 1
        return self.player.answer(move, turns) if self.given <= self.limit else None


def figure(name: str, value: float, target: float | None = None, **extra: Any) -> None:
    print(json.dumps({"figure": name, "value": value, "target": target, **extra}))


def totals(rows: list[dict[str, Any]]) -> UsageTotals:
    return UsageTotals(
        calls=len(rows),
        input_tokens=sum(r["input_tokens"] for r in rows),
        output_tokens=sum(r["output_tokens"] for r in rows),
        thinking_tokens=sum(r["thinking_tokens"] or 0 for r in rows),
        cache_write_tokens=sum(r["cache_write_tokens"] for r in rows),
        cache_read_tokens=sum(r["cache_read_tokens"] for r in rows),
        dollars=sum(r["dollars"] or 0.0 for r in rows),
        unpriced_calls=sum(r["dollars"] is None for r in rows),
    )


def tokens_of(row: dict[str, Any]) -> TokenCounts:
    return TokenCounts(
        input=row["input_tokens"],
        output=row["output_tokens"],
        cache_write=row["cache_write_tokens"],
        cache_read=row["cache_read_tokens"],
    )


def judge_long_with_haiku(prices: PriceTable) -> None:
    """A whole day's loop in one transcript (seven 60-minute rounds) judged by Haiku: the request
    is over the long-prompt threshold, so every token of it pays the second rates."""
    turns = [turn for v in range(7) for turn in long_transcript(v).turns]
    transcript = Transcript(id="bench-long-day", turns=turns)
    judge = ClaudeJudge(replace(claude_engine().settings, judge_model="claude-haiku-5-5"))
    judge_transcript(transcript, load_rubrics()["system-design"], judge, samples=1)
    [row] = CallLog().rows(scope=transcript.id)
    tokens = tokens_of(row)
    tier = prices.models["claude-haiku-5-5"].long_prompt
    assert tier is not None and tokens.prompt > tier.threshold, tokens
    first_rates = prices.models["claude-haiku-5-5"].cost(tokens)
    figure(
        f"Haiku judge, {tokens.prompt:,}-token prompt (long-prompt tier): $",
        round(row["dollars"], 4),
    )
    figure(
        "Haiku judge, the same request at the first-tier rates: $",
        None if first_rates is None else round(first_rates, 4),
    )


def all_input(row: dict[str, Any]) -> int:
    return int(row["input_tokens"] + row["cache_write_tokens"] + row["cache_read_tokens"])


def practice_round() -> str:
    engine = claude_engine()
    with Workspace() as ws:
        runner = ws.new_round(
            brief_id="churn-analysis",
            interviewer_id="neutral",
            candidate="strong-shipper",
            mode="interview",
            minutes=60,
            seed=1,
            engine=engine,
        )
        persona = ws.library.candidate("strong-shipper")
        player = engine.candidate(persona, runner.setup.brief, 1, runner.session_id)
        play(runner, Capped(player, ANSWERS))
        return runner.session_id


def main() -> None:
    fake = FakeAnthropic().start()
    os.environ["ANTHROPIC_API_KEY"] = "sk-ant-benchmark-dummy"
    os.environ["ANTHROPIC_BASE_URL"] = fake.url
    log = CallLog()
    prices = load_prices()
    try:
        session_id = practice_round()
        rows = log.rows(session_id=session_id)
        interviewer = [r for r in rows if r["purpose"] == "interviewer"]
        candidate = [r for r in rows if r["purpose"] == "candidate"]
        asked = totals(interviewer)
        figure(
            f"interviewer: input tokens per call, median ({len(interviewer)} calls)",
            statistics.median(all_input(r) for r in interviewer),
        )
        figure(
            "interviewer: input tokens per call, last call",
            all_input(interviewer[-1]),
        )
        figure(
            "interviewer: cache reads / input tokens (round)",
            round(asked.cache_read_share, 3),
            CACHE_TARGET,
            higher_is_better=True,
        )
        warm = totals(interviewer[1:])
        figure(
            "interviewer: cache reads / input tokens (after turn 1)",
            round(warm.cache_read_share, 3),
            CACHE_TARGET,
            higher_is_better=True,
        )
        figure("practice session, 20 turns: interviewer $", round(asked.dollars, 5))
        figure(
            "practice session: thinking tokens / output tokens (effort low)",
            round(asked.thinking_share, 3),
        )
        figure(
            "simulated round, 20 turns: interviewer + candidate $",
            round(asked.dollars + totals(candidate).dollars, 5),
        )

        transcript = long_transcript()
        rubric = load_rubrics()["system-design"]
        judge = ClaudeJudge(claude_engine().settings)
        card = judge_transcript(transcript, rubric, judge, samples=3)
        judged = log.rows(scope=transcript.id)
        usage = totals(judged)
        words = transcript.candidate_word_count() + sum(
            len(t.text.split()) for t in transcript.turns if t.role != "candidate"
        )
        figure(
            f"judge ({words:,} words): input tokens per call, median",
            statistics.median(all_input(r) for r in judged),
        )
        figure(
            "judge: cache reads / input tokens (3 samples)",
            round(usage.cache_read_share, 3),
        )
        figure(
            "judge: thinking tokens / output tokens (effort medium)",
            round(usage.thinking_share, 3),
        )
        figure(f"scored 60-minute transcript, k=3, {judge.model}: $", round(usage.dollars, 4))
        batch = sum(prices.dollars(r["model"], tokens_of(r), batch=True) or 0.0 for r in judged)
        figure("scored 60-minute transcript, k=3, in a batch: $", round(batch, 4))
        assert card.usage is not None
        judge_long_with_haiku(prices)
        date = prices.date.isoformat()
        print(json.dumps({"figure": "price table date", "value": date, "target": None}))
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
