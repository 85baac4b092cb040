"""Whole rounds through the LangGraph agent, in memory, for several personas and briefs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from scoring.vocabulary import default_matcher
from simulator.content.loader import load_library
from simulator.engines.offline import OfflineEngine, SimulatedCandidate
from simulator.interview.graph import RoundSetup, build_graph, initial_state
from simulator.interview.turns import RoundTurn, TurnMeta
from simulator.simulation import PersonaPlayer, play
from simulator.workspace import Workspace

LIBRARY = load_library()
NON_ANSWERS = ["empty", "gibberish", "off-topic", "grader-injection", "repeat"]


@pytest.fixture
def workspace() -> Iterator[Workspace]:
    with Workspace() as ws:
        ws.__dict__["checkpointer"] = InMemorySaver()
        yield ws


def run_round(
    ws: Workspace, brief_id: str, persona_id: str, seed: int = 1, **kw: Any
) -> dict[str, Any]:
    persona = ws.library.candidate(persona_id)
    runner = ws.new_round(
        brief_id=brief_id,
        interviewer_id=kw.get("interviewer", "neutral"),
        candidate=persona.id,
        mode=kw.get("mode", "interview"),
        minutes=kw.get("minutes", 60),
        seed=seed,
        engine=OfflineEngine(),
    )
    play(runner, PersonaPlayer(SimulatedCandidate(persona, ws.library.brief(brief_id), seed)))
    return dict(runner.state)


def moves(state: dict[str, Any]) -> list[str]:
    return [t["meta"]["move"] for t in state["turns"] if t["role"] == "interviewer"]


@pytest.mark.parametrize("brief_id", sorted(LIBRARY.briefs))
def test_strong_candidate_round_covers_every_area_with_a_curveball(
    workspace: Workspace, brief_id: str
) -> None:
    state = run_round(workspace, brief_id, "strong-shipper")
    assert state["phase"] == "closed"
    assert all(c["status"] == "covered" for c in state["coverage"].values())
    assert len(state["curveballs_fired"]) == 1
    kinds = moves(state)
    assert kinds[0] == "open" and kinds[-1] == "close"
    assert kinds.count("wrap_up") == 1 and set(kinds[kinds.index("wrap_up") :]) <= {
        "wrap_up",
        "answer_question",
        "close",
    }
    areas = len(workspace.library.brief(brief_id).probe_areas)
    assert 1 <= kinds.count("next_area") <= areas, "an area covered by earlier answers is skipped"


@pytest.mark.parametrize("brief_id", sorted(LIBRARY.briefs))
def test_a_60_minute_round_uses_its_time_before_the_wrap_up(
    workspace: Workspace, brief_id: str
) -> None:
    """A candidate who keeps answering is never sent to the wrap-up before minute 50: with
    every area done early, the interviewer goes deeper."""
    state = run_round(workspace, brief_id, "strong-shipper")
    wrap = next(t for t in state["turns"] if t["meta"].get("move") == "wrap_up")
    assert wrap["start"] >= 50 * 60, f"wrap-up at minute {wrap['start'] / 60:.1f}"


def test_follow_up_reacts_to_what_the_candidate_just_said(workspace: Workspace) -> None:
    state = run_round(workspace, "churn-analysis", "strong-shipper")
    turns = state["turns"]
    reacting = 0
    for before, turn in itertools.pairwise(turns):
        if turn["role"] == "interviewer" and turn["meta"]["move"] in (
            "failure_probe",
            "depth_follow_up",
        ):
            words = before["text"].split()[:5]
            if " ".join(words) in turn["text"] or any(
                " ".join(before["text"].split()[i : i + 5]) in turn["text"]
                for i in range(len(words))
            ):
                reacting += 1
    assert reacting >= 1


@pytest.mark.parametrize("persona_id", NON_ANSWERS)
def test_non_answer_personas_cover_nothing_and_are_redirected(
    workspace: Workspace, persona_id: str
) -> None:
    state = run_round(workspace, "churn-analysis", persona_id)
    assert state["phase"] == "closed"
    assert not [a for a, c in state["coverage"].items() if c["status"] == "covered"]
    assert "redirect" in moves(state)
    assert state["non_answers"], "non-answers are recorded"
    assert not state["curveballs_fired"], "a round with no answers never reaches the curveball"
    praise = ("great answer", "excellent", "well done", "good answer")
    assert not any(
        p in t["text"].lower() for t in state["turns"] if t["role"] == "interviewer" for p in praise
    )


@pytest.mark.parametrize(
    "persona_id", ["biggest-model", "vibes-only", "buzzword-salad", "abstract-talker"]
)
@pytest.mark.parametrize("brief_id", ["ticket-triage", "event-log-email-summary"])
def test_every_persona_finishes_a_round_on_every_brief(
    workspace: Workspace, persona_id: str, brief_id: str
) -> None:
    state = run_round(workspace, brief_id, persona_id)
    assert state["phase"] == "closed"
    assert state["elapsed"] <= 60 * 60


def test_same_seed_same_round_and_other_seed_differs(workspace: Workspace) -> None:
    def texts(seed: int) -> list[str]:
        return [
            t["text"] for t in run_round(workspace, "churn-analysis", "vibes-only", seed)["turns"]
        ]

    assert texts(4) == texts(4)
    assert texts(4) != texts(5)


def test_short_round_wraps_up_on_time(workspace: Workspace) -> None:
    state = run_round(workspace, "churn-analysis", "abstract-talker", minutes=10)
    assert state["phase"] == "closed"
    assert "wrap_up" in moves(state)
    wrap = next(t for t in state["turns"] if t["meta"].get("move") == "wrap_up")
    assert wrap["start"] <= 10 * 60 + 120


def test_coach_mode_hints_are_recorded_in_the_transcript(workspace: Workspace) -> None:
    state = run_round(
        workspace, "churn-analysis", "abstract-talker", mode="coach", interviewer="coach"
    )
    hints = [t for t in state["turns"] if t["meta"].get("hint") == "true"]
    assert hints and state["hints_used"] == len(hints)


def test_a_round_records_only_the_turn_and_meta_keys_declared_in_turns_py(
    workspace: Workspace,
) -> None:
    state = run_round(
        workspace, "churn-analysis", "abstract-talker", mode="coach", interviewer="coach"
    )
    stored = workspace.sessions.round_turns(state["session_id"])
    meta_keys = {k for t in state["turns"] for k in t["meta"]}

    declared = RoundTurn.__required_keys__ | RoundTurn.__optional_keys__
    assert {k for t in state["turns"] for k in t} == {k for t in stored for k in t} == declared
    assert {"move", "phase", "area", "reason", "engine", "answer_kind", "hint"} <= meta_keys
    assert meta_keys <= TurnMeta.__optional_keys__, meta_keys - TurnMeta.__optional_keys__
    assert [t["meta"] for t in stored] == [t["meta"] for t in state["turns"]]


def churn_graph() -> tuple[RoundSetup, Any, Any]:
    """A compiled churn-analysis round in memory, on thread "t"."""
    setup = RoundSetup(
        LIBRARY.brief("churn-analysis"),
        LIBRARY.interviewer("neutral"),
        "interview",
        60,
        1,
        default_matcher(),
    )
    graph = build_graph(setup, OfflineEngine()).compile(checkpointer=InMemorySaver())
    return setup, graph, {"configurable": {"thread_id": "t"}}


def test_interviewer_text_streams_in_chunks_through_the_custom_stream_mode() -> None:
    setup, graph, config = churn_graph()
    chunks = [
        c["delta"] for c in graph.stream(initial_state("t", setup), config, stream_mode="custom")
    ]
    opening = graph.get_state(config).values["turns"][0]["text"]
    assert len(chunks) > 10
    assert "".join(chunks).strip() == opening
    more = [
        c["delta"]
        for c in graph.stream(
            Command(resume={"text": "", "elapsed": 30}), config, stream_mode="custom"
        )
    ]
    assert "".join(more).strip() == graph.get_state(config).values["turns"][-1]["text"]


def test_clock_never_runs_backwards_on_a_stale_timestamp() -> None:
    setup, graph, config = churn_graph()
    graph.invoke(initial_state("t", setup), config)
    graph.invoke(Command(resume={"text": "How many reps use it?", "elapsed": 120}), config)
    graph.invoke(Command(resume={"text": "", "elapsed": 5}), config)
    assert graph.get_state(config).values["elapsed"] == 120
