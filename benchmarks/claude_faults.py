"""The fault suite's numbers: simulated rounds on the Claude engine against the loopback fake
API while 30% of the API calls fail (429 with retry-after, 529, 500, stream cuts, timeouts,
malformed JSON, max_tokens), each round's transcript then scored with 9 judge samples.

The same rounds, injector and checks as tests/test_reliability_faults.py (a check that fails
makes this script fail). Prints, per fault kind, how many were injected and how many the
product recovered from (a retry, a re-ask, a trimmed reply) or fell back on (offline wording
or answer, a lost judge sample), plus how the rounds and the judged dimensions ended.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from _common import isolated_home

HOME = isolated_home()

import anthropic._base_client

from simulator.engines.claude import client as claude_client
from simulator.engines.claude.settings import ClaudeSettings
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fault_helpers import FAULT_RATE, KINDS, Tally, short_timeout_settings
from tests.test_reliability_faults import ROUNDS, score_transcript, simulate_round

RECOVERED = (
    "retried by the SDK",
    "asked again after the cut",
    "trimmed to full sentences",
    "judge re-asked with the validation error",
)


def figure(name: str, value: Any, target: float | None = None, **extra: Any) -> None:
    print(json.dumps({"figure": name, "value": value, "target": target, **extra}), flush=True)


def short_timeouts() -> None:
    """As the tests' fake_api fixture: short backoffs, a short client timeout."""
    ClaudeSettings.from_env = short_timeout_settings()  # type: ignore[method-assign]
    claude_client.STREAM_BACKOFF = 0.01
    anthropic._base_client.INITIAL_RETRY_DELAY = 0.01  # type: ignore[attr-defined]


def main() -> None:
    fake = FakeAnthropic().start()
    assert fake._server is not None
    fake._server.handle_error = lambda request, address: None  # type: ignore[method-assign]
    os.environ["ANTHROPIC_API_KEY"] = "sk-ant-benchmark-dummy"
    os.environ["ANTHROPIC_BASE_URL"] = fake.url
    short_timeouts()
    total = Tally()
    outputs = Path(HOME) / "exports"
    outputs.mkdir()
    try:
        for brief, persona, seed, retries in ROUNDS:
            os.environ["MOCKLOOP_MAX_RETRIES"] = str(retries)
            tally, session_id = simulate_round(fake, brief, persona, seed, retries)
            total.add(tally)
            total.add(score_transcript(fake, session_id, seed, retries, outputs))
    finally:
        fake.stop()
    faults = sum(total.injected.values())
    figure(
        f"fault suite: API calls failed, of {total.requests} (%)",
        round(100 * faults / total.requests, 1),
    )
    for kind in KINDS:
        recovered = sum(
            n for (k, how), n in total.handled.items() if k == kind and how in RECOVERED
        )
        kept = total.handled[(kind, "candidate answer kept as cut")]
        fell_back = total.injected[kind] - recovered - kept
        extra = f", {kept} kept as cut" if kept else ""
        figure(
            f"fault {kind}: injected / recovered / fell back",
            f"{total.injected[kind]} / {recovered} / {fell_back}{extra}",
        )
    figure(
        f"fault suite: rounds finished with a scorecard, of {total.rounds} (%)",
        100.0,
        100,
        higher_is_better=True,
    )
    share = 100 * total.offline_turns / total.turns
    figure(f"fault suite: interviewer turns worded offline, of {total.turns} (%)", round(share, 1))
    judged = sum(total.dimensions.values())
    unscored = total.dimensions["unscored"]
    figure(f"fault suite: judged dimensions unscored (with reason), of {judged}", unscored)
    # simulate_round and score_transcript assert that every judged dimension is verified or
    # unscored with its reason (this script fails otherwise), so none was defaulted.
    figure("fault suite: dimensions silently defaulted", 0, 0)
    print(f"fault suite ({FAULT_RATE:.0%}):\n{total.table()}", file=sys.stderr)


if __name__ == "__main__":
    main()
