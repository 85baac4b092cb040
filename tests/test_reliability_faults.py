"""Fault suite: whole simulated rounds on the Claude engine while 30% of API calls fail.

`mockloop simulate --engine claude` runs against the loopback fake API (tests/fakes/). A seeded
injector (tests/fault_helpers.py) turns 30% of the requests (any attempt, retries included)
into a fault chosen at random among those that can happen to that call: 429 with retry-after,
529, 500, a stream cut mid-answer (streamed interviewer turns), a timeout, malformed JSON (the
judge's answer), a reply cut at max_tokens, and a refusal. Every round must still finish with a
scorecard; an interviewer turn whose retries all fail is worded offline and labelled so; every
judged dimension is either "scored" with quotes verified against the transcript or "unscored"
with the reason, never a silent default. Each injected fault is traced to how it was handled
(from the request's retry count, the calls recorded in `model_calls`, the turns' labels and
the scorecard), the counts are checked against each other and printed as a table.

benchmarks/claude_faults.py imports the rounds, `simulate_round` and `score_transcript` from
here.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from simulator.engines.claude.interviewer import complete_sentences
from simulator.interview.speech import FALLBACK_ENGINE
from simulator.workspace import Workspace
from tests.cli_helpers import mockloop
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fault_helpers import (
    FAULT_RATE,
    KINDS,
    MAX_RETRIES,
    Injector,
    Tally,
    check_judge_calls,
    check_judged,
    outcome,
    trace,
)

pytestmark = pytest.mark.slow

# (brief, persona, seed, the SDK's retries): half the rounds with the default retries, half
# with MOCKLOOP_MAX_RETRIES=0 so that every failed attempt is final and the fallbacks run.
ROUNDS = [
    ("churn-analysis", "strong-shipper", 1, MAX_RETRIES),
    ("ticket-triage", "vibes-only", 2, MAX_RETRIES),
    ("support-email-extraction", "biggest-model", 3, MAX_RETRIES),
    ("event-log-email-summary", "happy-path-tester", 4, 0),
    ("churn-analysis", "buzzword-salad", 5, 0),
    ("ticket-triage", "researcher-no-ship", 6, 0),
]


# --- a simulated round, then its transcript scored -------------------------------------------


def simulate_round(
    fake: FakeAnthropic, brief: str, persona: str, seed: int, retries: int
) -> tuple[Tally, str]:
    injector = Injector(seed)
    fake.responder = injector
    since = len(fake.requests)
    run = mockloop(
        "simulate", "--brief", brief, "--candidate", persona, "--seed", str(seed),
        "--engine", "claude", "--json",
    )  # fmt: skip
    assert run.code == 0, run.err
    report = json.loads(run.out)
    session_id = report["session"]["id"]
    turns = report["transcript"]["turns"]
    tally = trace(fake, injector, since, retries)
    tally.rounds = 1

    # The round finished, every turn says something, everything is stored.
    assert report["session"]["status"] == "finished"
    assert all(t["text"].strip() for t in turns if t["role"] == "interviewer")
    with Workspace() as ws:
        stored = ws.sessions.turns(session_id)
        calls = list(ws.db.table("model_calls").rows_where("session_id = ?", [session_id]))
        cards = ws.db.execute("select count(*) from scorecards where session_id = ?", [session_id])
        assert cards.fetchone()[0] == 1
    assert [(t.role, t.text) for t in stored] == [(t["role"], t["text"]) for t in turns]

    # Interviewer turns worded offline: exactly those whose every attempt failed, labelled.
    asked = [t for t in turns if t["role"] == "interviewer"]
    offline = [t for t in asked if t["meta"].get("engine") == FALLBACK_ENGINE]
    gave_up = sum(n for (_, how), n in tally.handled.items() if how.endswith("worded offline"))
    assert len(offline) == gave_up, tally.table()
    assert all(t["meta"].get("fallback_reason") for t in offline)
    trimmed = [t for t in asked if t["meta"].get("stop_reason") == "max_tokens"]
    assert len(trimmed) == outcome(tally, "trimmed to full sentences")
    assert all(complete_sentences(t["text"]) == t["text"] for t in trimmed)
    tally.turns, tally.offline_turns = len(asked), len(offline)

    # The simulated candidate: a failed or declined call is answered offline, the turn is
    # marked like an interviewer turn worded offline, and stderr says so.
    played_offline = run.err.count("a candidate turn was played offline")
    fell_back = outcome(tally, "retries spent: candidate answered offline") + outcome(
        tally, "declined: candidate answered offline"
    )
    assert played_offline == fell_back
    answered = [t for t in turns if t["role"] == "candidate"]
    marked = [t for t in answered if t["meta"].get("engine") == FALLBACK_ENGINE]
    assert len(marked) == fell_back and all(t["meta"].get("fallback_reason") for t in marked)
    if offline or marked:
        assert FALLBACK_ENGINE in (report["session"]["engines"] or ""), "mixed engines recorded"

    # Every call is recorded: one "cut" row per cut, one "error" row per call given up.
    statuses = Counter(c["status"] for c in calls)
    assert statuses["cut"] == tally.injected["stream cut"]
    given_up = ("turn worded offline", "candidate answered offline", "answer read offline")
    assert statuses["error"] == sum(outcome(tally, f"retries spent: {what}") for what in given_up)

    # An answer the model could not read is read offline, and the next turn says so.
    read_offline = [t for t in asked if t["meta"].get("read_by") == "offline (fallback)"]
    assert len(read_offline) == sum(
        n for (_, how), n in tally.handled.items() if how.endswith("read offline")
    )

    # The judge's scorecard: verified or unscored; offline (and said so) only if it was down.
    check_judge_calls(fake, injector, since, tally)
    card = report["scorecard"]
    if card["rater"].startswith("offline"):
        assert "scored offline" in run.err
        lost = outcome(tally, "retries spent: judge sample lost") + outcome(
            tally, "declined: judge sample unscored, not asked again"
        )
        assert lost >= 1
        tally.dimensions["scored offline: judge unavailable"] += len(card["dimensions"])
    else:
        check_judged(card, turns, tally)
    return tally, session_id


def score_transcript(
    fake: FakeAnthropic, session_id: str, seed: int, retries: int, folder: Path
) -> Tally:
    """`mockloop score` of the round's exported transcript with 9 judge samples."""
    path = folder / f"{session_id}.json"
    exported = mockloop("transcripts", "export", session_id, "--format", "json", "--out", str(path))
    assert exported.code == 0, exported.err
    injector = Injector(1000 + seed)
    fake.responder = injector
    since = len(fake.requests)
    run = mockloop("score", str(path), "--engine", "claude", "--samples", "9", "--format", "json")
    tally = trace(fake, injector, since, retries)
    check_judge_calls(fake, injector, since, tally)
    if run.code == 1:  # every sample lost or declined: one line, nothing made up, nothing stored
        assert "Traceback" not in run.err
        assert "the Claude judge is unavailable" in run.err or "not scored" in run.err
        lost = outcome(tally, "retries spent: judge sample lost") + outcome(
            tally, "declined: judge sample unscored, not asked again"
        )
        assert lost == 9
        tally.dimensions["not scored: judge unavailable (exit 1)"] += 8
        return tally
    assert run.code == 0, run.err
    turns = json.loads(path.read_text(encoding="utf-8"))["turns"]
    check_judged(json.loads(run.out), turns, tally)
    return tally


# --- the suite --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def played() -> dict[int, Tally]:
    """The rounds played so far in this run, by seed: a round is played once whichever test
    needs it first."""
    return {}


def play(
    played: dict[int, Tally],
    fake: FakeAnthropic,
    monkeypatch: pytest.MonkeyPatch,
    folder: Path,
    round_: tuple[str, str, int, int],
) -> Tally:
    """The round simulated, its transcript scored, every check above made; its tally."""
    brief, persona, seed, retries = round_
    if seed not in played:
        monkeypatch.setenv("MOCKLOOP_MAX_RETRIES", str(retries))
        tally, session_id = simulate_round(fake, brief, persona, seed, retries)
        tally.add(score_transcript(fake, session_id, seed, retries, folder))
        played[seed] = tally
    return played[seed]


@pytest.mark.parametrize("round_", ROUNDS, ids=[f"{b}-{p}-{s}" for b, p, s, _ in ROUNDS])
def test_rounds_finish_and_judge_output_is_verified_while_30_percent_of_calls_fail(
    played: dict[int, Tally],
    faulty_api: FakeAnthropic,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    round_: tuple[str, str, int, int],
) -> None:
    tally = play(played, faulty_api, monkeypatch, tmp_path, round_)
    assert sum(tally.injected.values()) > 0, "faults were injected into this round"


def test_every_kind_of_fault_was_injected_and_handled(
    played: dict[int, Tally],
    faulty_api: FakeAnthropic,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run alone, it plays the six rounds itself; after them, it adds up what they found."""
    tallies = [play(played, faulty_api, monkeypatch, tmp_path, r) for r in ROUNDS]
    total = Tally()
    for tally in tallies:
        total.add(tally)
    with capsys.disabled():
        print(f"\nfault suite ({FAULT_RATE:.0%} of API calls fail):\n{total.table()}")
    assert total.rounds == len(ROUNDS)
    assert 0.2 < sum(total.injected.values()) / total.requests < 0.4
    for kind in KINDS:
        assert total.injected[kind] >= 3, kind
    outcomes = {how for (_, how) in total.handled}
    for expected in (
        "retried by the SDK",
        "retries spent: turn worded offline",
        "retries spent: candidate answered offline",
        "asked again after the cut",
        "judge re-asked with the validation error",
        "trimmed to full sentences",
        "declined: turn worded offline",
    ):
        assert expected in outcomes, expected
