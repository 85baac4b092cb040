"""One offline turn (analyze + plan + speak + checkpoint write to SQLite), and a whole round.

Targets: turn p95 <= 20 ms; a simulated 60-minute round well under 1 s.
Prints one JSON line per figure.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import isolated_home, summary

isolated_home()

from simulator.engines.offline import OfflineEngine, SimulatedCandidate
from simulator.interview.clock import next_answer_time
from simulator.interview.runner import Answer
from simulator.simulation import PersonaPlayer, play
from simulator.workspace import Workspace

ROUNDS = 6
WARM_UP_SEED = 1000  # a round of its own, not counted


def main() -> None:
    turn_times: list[float] = []
    round_times: list[float] = []
    with Workspace() as ws:
        brief = ws.library.brief("churn-analysis")
        persona = ws.library.candidate("strong-shipper")
        warm_up: list[float] = []
        for seed, times in [(WARM_UP_SEED, warm_up), *((s, turn_times) for s in range(ROUNDS))]:
            candidate = SimulatedCandidate(persona, brief, seed)
            runner = ws.new_round(
                brief_id=brief.id,
                interviewer_id="neutral",
                candidate=persona.id,
                mode="interview",
                minutes=60,
                seed=seed,
                engine=OfflineEngine(),
            )
            runner.start()
            while not runner.finished:
                state = runner.state
                text = candidate.answer(runner.pending_move, state["turns"])
                elapsed = next_answer_time(state["elapsed"], state["turns"], text)
                started = time.perf_counter()
                runner.answer(Answer(text=text, elapsed=elapsed))
                times.append(time.perf_counter() - started)
        for seed in range(ROUNDS):
            candidate = SimulatedCandidate(persona, brief, 100 + seed)
            runner = ws.new_round(
                brief_id=brief.id,
                interviewer_id="neutral",
                candidate=persona.id,
                mode="interview",
                minutes=60,
                seed=100 + seed,
                engine=OfflineEngine(),
            )
            started = time.perf_counter()
            play(runner, PersonaPlayer(candidate))
            round_times.append(time.perf_counter() - started)
    first = {"figure": "offline first turn of a process (ms)", "value": round(1000 * warm_up[0])}
    print(json.dumps({**first, "target": None}))
    p50, p95 = summary(turn_times)
    print(json.dumps({"figure": "offline turn p50 (ms)", "value": round(p50, 2), "target": None}))
    print(json.dumps({"figure": "offline turn p95 (ms)", "value": round(p95, 2), "target": 20}))
    r50, _ = summary(round_times)
    print(
        json.dumps(
            {
                "figure": "simulated 60-min round, median (ms)",
                "value": round(r50, 1),
                "target": 1000,
            }
        )
    )


if __name__ == "__main__":
    main()
