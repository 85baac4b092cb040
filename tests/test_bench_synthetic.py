"""Simulated transcripts for the bench: spread over groups, personas, briefs and seeds, played
in memory, carrying their personas' expected levels; the offline rater orders the groups."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bench_helpers import SYSTEM_DESIGN

from scoring.bench.raters import make_rater
from scoring.bench.ratings import BenchTranscript
from scoring.bench.run import BenchPlan, run_bench
from simulator.bench_synthetic import plan_rounds, synthetic_transcripts
from simulator.content.loader import load_library

LIBRARY = load_library()


@pytest.fixture(scope="module")
def simulated() -> list[BenchTranscript]:
    return synthetic_transcripts(LIBRARY, 9)


def test_rounds_are_spread_evenly_over_groups_then_personas_briefs_and_seeds() -> None:
    rounds = plan_rounds(LIBRARY, 30)
    assert Counter(r.group for r in rounds) == {"strong": 10, "average": 10, "weak": 10}
    strong = [r for r in rounds if r.group == "strong"]
    # One strong persona: it cycles through the four briefs, then the next seed.
    assert [(r.brief, r.seed) for r in strong[:5]] == [
        ("churn-analysis", 1),
        ("event-log-email-summary", 1),
        ("support-email-extraction", 1),
        ("ticket-triage", 1),
        ("churn-analysis", 2),
    ]
    average = [r.persona for r in rounds if r.group == "average"][:3]
    assert len(set(average)) == 3  # every average persona before any repeats
    assert len({r.key for r in rounds}) == 30
    assert all(LIBRARY.candidate(r.persona).mode == "normal" for r in rounds)


def test_simulated_transcripts_carry_their_expected_levels(
    simulated: list[BenchTranscript],
) -> None:
    first = simulated[0]
    persona = LIBRARY.candidate("strong-shipper")
    assert first.key == "sim-churn-analysis-strong-shipper-s1"
    assert first.group == "strong" and first.expected == dict(persona.expected_levels)
    assert first.transcript.id == first.key
    assert first.transcript.source["brief"] == "churn-analysis"
    assert first.words > 200


def test_simulation_is_deterministic_and_writes_nothing(isolated_home: Path) -> None:
    again = synthetic_transcripts(LIBRARY, 2)
    once_more = synthetic_transcripts(LIBRARY, 2)
    assert [t.transcript.turns for t in again] == [t.transcript.turns for t in once_more]
    assert not (isolated_home / "mockloop.db").exists()
    assert not (isolated_home / "checkpoints.db").exists()


def test_the_offline_rater_orders_the_known_groups(simulated: list[BenchTranscript]) -> None:
    plan = BenchPlan(SYSTEM_DESIGN, simulated, [make_rater("offline")], perturb_sample=0)
    result, _ = run_bench(plan)
    (groups,) = result.known_groups
    assert groups.ordered is True
    means = groups.group_means
    assert means["strong"] is not None and means["average"] is not None
    assert means["weak"] is not None
    assert means["strong"] > means["average"] > means["weak"]
    assert groups.spearman is not None and groups.spearman > 0.5
    assert groups.units == 9 * len(SYSTEM_DESIGN.dimensions)
    assert result.synthetic == 9
