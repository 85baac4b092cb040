"""What a judge run will send, before it goes: input tokens counted by the API's
`count_tokens` (free, exact; the offline ≈ estimate when it cannot be reached) and the most the
input can cost at list price, each request at its own price tier."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.judge import JudgeCall
from simulator.engines.claude.client import ClaudeError
from simulator.engines.claude.judge import ClaudeJudge
from simulator.engines.claude.prices import TokenCounts
from simulator.engines.claude.tokens import approx, estimate_input_tokens

# Counting is one request per transcript; past this many the rest are estimated offline and
# scaled by what the counted ones showed, so a bulk run does not wait on thousands of counts.
MAX_COUNTED = 50


@dataclass(frozen=True)
class InputEstimate:
    requests: int  # judge requests (transcripts x samples)
    tokens: int  # input tokens of all requests
    counted: bool  # every number came from count_tokens
    dollars: float | None  # the input at list price with no cache reads; None: unknown price

    def text(self, model: str, effort: str) -> str:
        tokens = f"{self.tokens:,} (counted)" if self.counted else approx(self.tokens)
        cost = "cost unknown" if self.dollars is None else f"at most ${self.dollars:.4f}"
        return (
            f"judging with {model} (effort {effort}): {self.requests} requests, {tokens} input "
            f"tokens, input {cost} before cache reads"
        )


def estimate_judging(
    judge: ClaudeJudge, calls: Sequence[JudgeCall], samples: int, *, batch: bool = False
) -> InputEstimate:
    """The input of judging `calls` (one per transcript) `samples` times each."""
    per_call: list[int] = []
    ratios: list[float] = []  # counted / estimated, to scale the estimates that follow
    reachable = True
    for n, call in enumerate(calls):
        params = judge.params(call)
        offline = estimate_input_tokens(params)
        exact: int | None = None
        if n < MAX_COUNTED and reachable:
            try:
                exact = judge.client.count_tokens(params)
            except ClaudeError:
                reachable = False
        if exact is not None:
            ratios.append(exact / offline if offline else 1.0)
            per_call.append(exact)
        else:
            scale = sum(ratios) / len(ratios) if ratios else 1.0
            per_call.append(round(offline * scale))
    counted = reachable and len(calls) <= MAX_COUNTED
    prices = judge.client.prices
    dollars: float | None = 0.0
    for tokens in per_call:
        one = prices.dollars(judge.model, TokenCounts(input=tokens), batch=batch)
        dollars = None if one is None or dollars is None else dollars + one * samples
    return InputEstimate(
        requests=len(calls) * samples,
        tokens=sum(per_call) * samples,
        counted=counted,
        dollars=None if dollars is None else round(dollars, 6),
    )
