"""Simulated transcripts for the bench, with the levels their personas should earn.

`mockloop bench --synthetic N` plays N offline rounds in memory (an in-memory database and
LangGraph's InMemorySaver: nothing is written to the user's data) spread evenly over the
strong, average and weak groups, then over the personas in each group, the briefs and seeds.
Each transcript carries its persona's expected levels, so known-groups validity can be
measured. It lives in `simulator` because `scoring` never imports the interview agent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from langgraph.checkpoint.memory import InMemorySaver

from scoring.bench.ratings import BenchTranscript
from scoring.bench.results import GROUP_ORDER
from scoring.vocabulary.matcher import Matcher, default_matcher
from simulator.content.loader import Library
from simulator.engines.offline import OfflineEngine, SimulatedCandidate
from simulator.interview.graph import RoundSetup
from simulator.interview.runner import RoundRunner
from simulator.simulation import PersonaPlayer, play
from simulator.store.db import open_database
from simulator.store.sessions import SessionStore

INTERVIEWER = "neutral"
MINUTES = 60


@dataclass(frozen=True)
class SyntheticRound:
    brief: str
    persona: str
    group: str
    seed: int

    @property
    def key(self) -> str:
        return f"sim-{self.brief}-{self.persona}-s{self.seed}"


def plan_rounds(library: Library, count: int) -> list[SyntheticRound]:
    """`count` rounds: groups in turn, then each group's personas, then briefs, then seeds."""
    personas = {
        group: sorted(
            p.id for p in library.candidates.values() if p.mode == "normal" and p.group == group
        )
        for group in GROUP_ORDER
    }
    groups = [g for g in GROUP_ORDER if personas[g]]
    briefs = sorted(library.briefs)
    rounds: list[SyntheticRound] = []
    for i in range(count):
        group = groups[i % len(groups)]
        k = i // len(groups)
        members = personas[group]
        persona = members[k % len(members)]
        brief = briefs[(k // len(members)) % len(briefs)]
        seed = 1 + k // (len(members) * len(briefs))
        rounds.append(SyntheticRound(brief, persona, group, seed))
    return rounds


def simulate_round(
    library: Library, planned: SyntheticRound, sessions: SessionStore, matcher: Matcher
) -> BenchTranscript:
    """Play one round offline, in memory, and return its transcript with its known levels."""
    brief = library.brief(planned.brief)
    persona = library.candidate(planned.persona)
    sessions.create(
        id=planned.key,
        brief_id=brief.id,
        interviewer_id=INTERVIEWER,
        candidate=persona.id,
        mode="interview",
        minutes=MINUTES,
        seed=planned.seed,
        engine="offline",
    )
    setup = RoundSetup(
        brief=brief,
        interviewer=library.interviewer(INTERVIEWER),
        mode="interview",
        minutes=MINUTES,
        seed=planned.seed,
        matcher=matcher,
    )
    runner = RoundRunner(setup, OfflineEngine(), InMemorySaver(), sessions, planned.key)
    play(runner, PersonaPlayer(SimulatedCandidate(persona, brief, planned.seed)))
    transcript = sessions.transcript(planned.key)
    transcript = transcript.model_copy(
        update={"source": {**transcript.source, "format": "simulated", "group": persona.group}}
    )
    return BenchTranscript(
        key=planned.key,
        transcript=transcript,
        expected={str(d): level for d, level in persona.expected_levels.items()},
        group=persona.group,
    )


def synthetic_transcripts(
    library: Library,
    count: int,
    *,
    matcher: Matcher | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[BenchTranscript]:
    """`count` simulated transcripts (deterministic: the same count gives the same set)."""
    return simulate_rounds(library, plan_rounds(library, count), matcher=matcher, progress=progress)


def simulate_rounds(
    library: Library,
    rounds: Sequence[SyntheticRound],
    *,
    matcher: Matcher | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[BenchTranscript]:
    """Play the planned rounds in order, in memory (a slice of a plan can run elsewhere)."""
    matcher = matcher or default_matcher()
    db = open_database(":memory:")
    try:
        sessions = SessionStore(db)
        made: list[BenchTranscript] = []
        for planned in rounds:
            made.append(simulate_round(library, planned, sessions, matcher))
            if progress:
                progress(1)
        return made
    finally:
        db.conn.close()
