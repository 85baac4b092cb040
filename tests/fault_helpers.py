"""The fault suite's injector and accounting: a responder for the loopback fake API that turns
30% of the requests into a fault that can happen to that call, the trace of how each injected
fault was handled, and the checks that every judged dimension is verified or unscored.

Also used by benchmarks/claude_faults.py (through tests/test_reliability_faults.py).
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from scoring.judge.parse import read_json
from simulator.engines.claude.interviewer import complete_sentences
from simulator.engines.claude.settings import ClaudeSettings
from tests.claude_helpers import cut_scorecard, is_judge_request, is_reading_request
from tests.fakes.anthropic_api import FakeAnthropic, Recorded, Reply
from tests.fakes.responders import default_reply

FAULT_RATE = 0.3
TIMEOUT = 0.6  # the client's timeout in these rounds (the fake answers in ~50 ms); a timed-out
LATE = 1.2  # reply comes this late
MAX_RETRIES = ClaudeSettings().max_retries  # the SDK's retries of 429/5xx/529/timeouts
STREAM_RETRIES = ClaudeSettings().stream_retries
HTTP = ("429 retry-after", "529 overloaded", "500 server error", "timeout")
KINDS = (*HTTP, "stream cut", "malformed JSON", "max_tokens", "refusal")
# The faults that can happen to each kind of call, with weights: the judge makes the fewest
# calls, so its own fault (malformed JSON) is drawn more often there.
APPLICABLE: dict[str, dict[str, int]] = {
    "interviewer": {**dict.fromkeys(HTTP, 1), "stream cut": 2, "max_tokens": 1, "refusal": 1},
    "candidate": {**dict.fromkeys(HTTP, 1), "max_tokens": 1, "refusal": 1},
    "judge": {**dict.fromkeys(HTTP, 1), "malformed JSON": 3, "max_tokens": 1, "refusal": 1},
    "judge-retry": {**dict.fromkeys(HTTP, 1), "malformed JSON": 3, "max_tokens": 1},
    "reading": {**dict.fromkeys(HTTP, 1), "malformed JSON": 1, "max_tokens": 1, "refusal": 1},
}


def purpose(body: dict[str, Any]) -> str:
    if is_reading_request(body):
        return "reading"
    if is_judge_request(body):
        return "judge-retry" if "could not be used" in json.dumps(body["messages"]) else "judge"
    system = json.dumps(body.get("system"))
    return "interviewer" if "You are the interviewer" in system else "candidate"


@dataclass
class Injected:
    body: dict[str, Any]
    purpose: str
    kind: str
    empty: bool = False  # an interviewer reply cut at max_tokens before its first full sentence


class Injector:
    """The fake's responder: the default reply, or (30% of the time) a fault.

    The choice depends only on the request body and how many times that body was sent before,
    so a round's faults are the same on every run."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.sent: Counter[str] = Counter()
        self.injected: list[Injected] = []
        self.lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> Reply:
        good = default_reply(body)
        key = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
        with self.lock:
            nth = self.sent[key]
            self.sent[key] += 1
        rng = random.Random(f"{self.seed}:{key}:{nth}")
        if rng.random() >= FAULT_RATE:
            return good
        role = purpose(body)
        kinds = APPLICABLE[role]
        [kind] = rng.choices(list(kinds), weights=list(kinds.values()))
        reply, empty = self.fault(kind, good, rng)
        with self.lock:
            self.injected.append(Injected(body, role, kind, empty))
        return reply

    @staticmethod
    def fault(kind: str, good: Reply, rng: random.Random) -> tuple[Reply, bool]:
        if kind == "429 retry-after":
            return Reply.rate_limited(retry_after="0.01"), False
        if kind == "529 overloaded":
            return Reply.overloaded(), False
        if kind == "500 server error":
            return Reply.server_error(), False
        if kind == "timeout":
            return replace(good, delay=LATE), False
        if kind == "stream cut":
            text = good.text or ""
            deltas = -(-len(text.split(" ")) // 3)  # the fake streams three words a delta
            return Reply.dropped(text, after=rng.randint(0, min(3, deltas - 1))), False
        if kind == "refusal":  # declined, possibly after a few words
            words = (good.text or "").split(" ")
            return Reply.refusal(text=" ".join(words[: rng.randint(0, 4)])), False
        output = read_json(good.text or "")
        if kind == "malformed JSON":
            return Reply(text=rng.choice(_malformed(output))), False
        if isinstance(output, dict) and "dimensions" in output:  # cut in the judge's scorecard
            complete = rng.randint(0, len(output["dimensions"]) - 1)
            return Reply(text=cut_scorecard(output, complete), stop_reason="max_tokens"), False
        text = good.text or ""
        cut_text = text[: rng.randint(1, max(1, len(text) - 1))]
        return Reply(text=cut_text, stop_reason="max_tokens"), not complete_sentences(cut_text)


def _malformed(output: object) -> list[str]:
    """Ways an answer goes wrong even under a schema (a gateway without constrained decoding,
    a model that ignores it): prose, unfinished JSON, not an object, a mistyped or missing
    `dimensions`, levels that are not numbers."""
    broken: list[object] = [{"dimensions": "every dimension is level 4"}, {"scorecard": output}]
    if isinstance(output, dict) and "dimensions" in output:
        words = copy.deepcopy(output)
        for entry in words["dimensions"].values():
            entry["level"] = "four"
        broken.append(words)
    texts = [json.dumps(b) for b in broken]
    return ["Here is my assessment.", '{"dimensions": {"evaluation": {"level": 3', "42", *texts]


# --- how each fault was handled ---------------------------------------------------------------


@dataclass
class Tally:
    """Faults injected per kind, and how each one was handled."""

    injected: Counter[str] = field(default_factory=Counter)
    handled: Counter[tuple[str, str]] = field(default_factory=Counter)
    rounds: int = 0
    requests: int = 0
    turns: int = 0
    offline_turns: int = 0
    dimensions: Counter[str] = field(default_factory=Counter)
    purposes: Counter[str] = field(default_factory=Counter)
    fault_purposes: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.injected.update(other.injected)
        self.handled.update(other.handled)
        self.dimensions.update(other.dimensions)
        self.purposes.update(other.purposes)
        self.fault_purposes.update(other.fault_purposes)
        self.rounds += other.rounds
        self.requests += other.requests
        self.turns += other.turns
        self.offline_turns += other.offline_turns

    def table(self) -> str:
        lines = [f"{'fault':<18} {'injected':>8}  handled"]
        for kind in KINDS:
            how = "; ".join(
                f"{n} {what}" for (k, what), n in sorted(self.handled.items()) if k == kind
            )
            lines.append(f"{kind:<18} {self.injected[kind]:>8}  {how}")
        lines.append(
            f"{self.rounds} rounds, {self.requests} requests, {sum(self.injected.values())} "
            f"faults; {self.offline_turns} of {self.turns} interviewer turns worded offline; "
            f"judged dimensions: {dict(sorted(self.dimensions.items()))}"
        )
        lines.append(
            f"calls by kind: {dict(self.purposes)}; faults by kind: {dict(self.fault_purposes)}"
        )
        return "\n".join(lines)


def retry_count(sent: Recorded) -> int:
    headers = {k.lower(): v for k, v in sent.headers.items()}
    return int(headers.get("x-stainless-retry-count", "0"))


def _key(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def handling(fault: Injected, sent: Recorded, asked_again: bool, max_retries: int) -> str:
    """How the product handled one injected fault (what the checks below then confirm)."""
    if fault.kind in HTTP:
        if retry_count(sent) < max_retries:
            return "retried by the SDK"
        return {
            "interviewer": "retries spent: turn worded offline",
            "candidate": "retries spent: candidate answered offline",
            "judge": "retries spent: judge sample lost",
            "judge-retry": "retries spent: re-ask lost",
            "reading": "retries spent: answer read offline",
        }[fault.purpose]
    if fault.kind == "stream cut":
        return "asked again after the cut" if asked_again else "cut 3 times: worded offline"
    if fault.kind == "refusal":
        return {
            "interviewer": "declined: turn worded offline",
            "candidate": "declined: candidate answered offline",
            "judge": "declined: judge sample unscored, not asked again",
            "reading": "declined: answer read offline",
        }[fault.purpose]
    if fault.purpose == "reading":
        return "answer read offline"
    if fault.purpose == "judge":
        return "judge re-asked with the validation error"
    if fault.purpose == "judge-retry":
        return "invalid again: its dimensions come from other samples or are unscored"
    if fault.purpose == "candidate":
        return "candidate answer kept as cut"
    return "no full sentence: worded offline" if fault.empty else "trimmed to full sentences"


def trace(fake: FakeAnthropic, injector: Injector, since: int, max_retries: int) -> Tally:
    """Each fault injected into the requests sent after `since`, and how it was handled."""
    sent = [r for r in fake.requests[since:] if r.path == "/v1/messages" and r.body is not None]
    tally = Tally(requests=len(sent))
    tally.purposes.update(purpose(r.body) for r in sent if r.body is not None)
    tally.fault_purposes.update(f.purpose for f in injector.injected)
    for fault in injector.injected:
        at = next(i for i, r in enumerate(sent) if r.body is fault.body)
        asked_again = any(_key(r.body or {}) == _key(fault.body) for r in sent[at + 1 :])
        tally.injected[fault.kind] += 1
        tally.handled[(fault.kind, handling(fault, sent[at], asked_again, max_retries))] += 1
    return tally


def outcome(tally: Tally, how: str) -> int:
    """Faults of any kind handled this way."""
    return sum(n for (_, handled), n in tally.handled.items() if handled == how)


def check_judged(card: dict[str, Any], turns: list[dict[str, Any]], tally: Tally) -> None:
    """Every dimension verified or explicitly unscored; never a silent default."""
    assert card["rater"].startswith("claude:"), card["rater"]
    for dim in card["dimensions"]:
        tally.dimensions[dim["status"]] += 1
        assert dim["status"] in ("scored", "unscored"), dim
        if dim["status"] == "scored":
            assert dim["level"] in (1, 2, 3, 4) and dim["evidence"], dim
            for quote in dim["evidence"]:
                text = turns[quote["turn"] - 1]["text"]
                assert quote["quote"] and text[quote["start"] : quote["end"]] == quote["quote"]
        else:
            assert dim["level"] is None, dim
            assert dim["rationale"].startswith("Unscored: ") and len(dim["rationale"]) > 12, dim


def check_judge_calls(fake: FakeAnthropic, injector: Injector, since: int, tally: Tally) -> None:
    """A malformed or cut judge answer is asked again once, with what was wrong with it."""
    first_asks = [
        r
        for r in fake.requests[since:]
        if r.body and r.path == "/v1/messages" and purpose(r.body) == "judge-retry"
        and retry_count(r) == 0
    ]  # fmt: skip
    bad = outcome(tally, "judge re-asked with the validation error")
    assert len(first_asks) == bad
    for request in first_asks:
        assert request.body is not None
        assert "could not be used" in json.dumps(request.body["messages"][-1])


def short_timeout_settings() -> Any:
    """`ClaudeSettings.from_env` as it is, with the fault suite's short client timeout."""
    original = ClaudeSettings.from_env

    def from_env(
        cls: type[ClaudeSettings],
        model: str | None = None,
        judge_model: str | None = None,
        **efforts: str | None,
    ) -> ClaudeSettings:
        return replace(original(model, judge_model, **efforts), timeout=TIMEOUT)

    return classmethod(from_env)


@pytest.fixture
def faulty_api(fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch) -> FakeAnthropic:
    """The fake API with a short client timeout, and quiet about clients that hung up."""
    assert fake_api._server is not None
    fake_api._server.handle_error = lambda request, address: None  # type: ignore[method-assign]
    monkeypatch.setattr(ClaudeSettings, "from_env", short_timeout_settings())
    return fake_api
