"""Offline scoring time of a 60-minute transcript (about 9,000 words). Target: median <= 25 ms."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import isolated_home, summary

isolated_home()

from scoring.heuristic import score_transcript
from scoring.rubrics import load_rubrics
from scoring.transcripts.model import Transcript, Turn
from scoring.vocabulary import default_matcher
from simulator.content.loader import load_library
from simulator.engines.offline import SimulatedCandidate
from simulator.interview.moves import Move

TARGET_WORDS = 9000
RUNS = 30


def long_transcript(variant: int = 0) -> Transcript:
    """A realistic 60-minute round, about 9,000 words: real persona answers to real probes,
    each candidate turn an answer plus its elaboration (as people talk for a minute or two).
    Each variant differs in its answers, so no cache carries over between runs."""
    library = load_library()
    turns: list[Turn] = []
    words = 0
    personas = ["strong-shipper", "biggest-model", "vibes-only", "happy-path-tester"]
    seed = variant * 1000
    areas = [(brief, area) for brief in library.briefs.values() for area in brief.probe_areas]
    while words < TARGET_WORDS:
        brief, area = areas[seed % len(areas)]
        persona = library.candidate(personas[seed % len(personas)])
        candidate = SimulatedCandidate(persona, brief, seed)
        move = Move("next_area", "deep_dive", "bench", area.id, probe=area.main_probe)
        deeper = Move("depth_follow_up", "deep_dive", "bench", area.id, probe=area.follow_ups[0])
        answer = f"{candidate.answer(move, [])} {candidate.answer(deeper, [])}"
        turns += [
            Turn(role="interviewer", text=area.main_probe),
            Turn(role="candidate", text=answer),
        ]
        words += len(area.main_probe.split()) + len(answer.split())
        seed += 1
    return Transcript(id=f"bench-60-minutes-{variant}", turns=turns)


def main() -> None:
    transcripts = [long_transcript(v) for v in range(RUNS + 1)]
    rubric = load_rubrics()["system-design"]
    matcher = default_matcher()
    score_transcript(transcripts[-1], rubric, matcher=matcher)  # load and compile once
    times = []
    for transcript in transcripts[:RUNS]:
        started = time.perf_counter()
        score_transcript(transcript, rubric, matcher=matcher)
        times.append(time.perf_counter() - started)
    words = min(sum(len(t.text.split()) for t in tr.turns) for tr in transcripts)
    p50, p95 = summary(times)
    print(
        json.dumps(
            {
                "figure": f"score one {words:,}-word transcript, median (ms)",
                "value": round(p50, 2),
                "target": 25,
            }
        )
    )
    print(
        json.dumps(
            {"figure": "score one transcript, p95 (ms)", "value": round(p95, 2), "target": None}
        )
    )


if __name__ == "__main__":
    main()
