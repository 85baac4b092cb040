"""The interview as a LangGraph StateGraph: open → speak → listen → analyze → speak …

Offline, listen reads the answer, decides and speaks in its own step (one checkpoint per answer)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import cast

from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph
from langgraph.types import interrupt

from scoring.vocabulary.matcher import Matcher
from simulator.content.models import Brief, InterviewerPersona
from simulator.engines.base import Engine, PhraseRequest
from simulator.interview.analysis import Analysis, analyze_answer
from simulator.interview.moves import Move
from simulator.interview.policy import PolicyContext, decide, policy_context
from simulator.interview.speech import speak_move
from simulator.interview.state import InterviewState, new_coverage
from simulator.interview.timing import plan_time
from simulator.interview.transition import apply_move
from simulator.interview.turns import AnswerPayload, RoundTurn, TurnMeta


@dataclass(frozen=True)
class RoundSetup:
    """What stays fixed for a whole round."""

    brief: Brief
    interviewer: InterviewerPersona
    mode: str
    minutes: int
    seed: int
    matcher: Matcher

    def policy(self) -> PolicyContext:
        from simulator.engines.claude.prices import load_prices
        from simulator.interview.ballpark import ballpark

        return policy_context(
            self.brief,
            plan_time(self.brief, self.minutes),
            self.matcher.vocabulary,
            coach=self.mode == "coach",
            seed=self.seed,
            ballpark=ballpark(self.brief, load_prices()),
        )


def advanced(state: InterviewState, update: InterviewState) -> InterviewState:
    """The state after a node's update, as the graph's reducers would make it: turns are
    appended, every other key is replaced."""
    merged: InterviewState = {**state, **update}
    merged["turns"] = [*state.get("turns", []), *update.get("turns", [])]
    return merged


def initial_state(session_id: str, setup: RoundSetup) -> InterviewState:
    return InterviewState(
        session_id=session_id,
        brief_id=setup.brief.id,
        interviewer_id=setup.interviewer.id,
        mode="coach" if setup.mode == "coach" else "interview",
        minutes=setup.minutes,
        seed=setup.seed,
        phase="opening",
        turns=[],
        area_index=-1,
        coverage=new_coverage([a.id for a in setup.brief.probe_areas]),
        design_follow_ups=0,
        probed_concepts=[],
        curveballs_fired=[],
        curveball_active=None,
        non_answer_streak=0,
        non_answers=[],
        hints_used=0,
        elapsed=0.0,
        analysis=None,
        pending_move=None,
        ended_reason=None,
    )


def build_graph(setup: RoundSetup, engine: Engine) -> StateGraph[InterviewState]:
    """The uncompiled graph; compile it with a checkpointer."""
    ctx = setup.policy()
    offline = engine.name == "offline"

    def open_round(state: InterviewState) -> InterviewState:
        move = Move("open", "opening", "the round starts", probe=ctx.wording.opening_question)
        return {"pending_move": move.to_dict(), "open_question": move.probe}

    def speak(state: InterviewState) -> InterviewState:
        return {"turns": [spoken_turn(state)]}

    def spoken_turn(state: InterviewState) -> RoundTurn:
        move = Move.from_dict(state["pending_move"] or {})
        elapsed = state.get("elapsed", 0.0)
        turns = state.get("turns", [])
        last_answer = next((t["text"] for t in reversed(turns) if t["role"] == "candidate"), "")
        request = PhraseRequest(
            move=move,
            brief=setup.brief,
            interviewer=setup.interviewer,
            seed=setup.seed,
            turn_number=len(turns) + 1,
            minutes=setup.minutes,
            minutes_left=max(0.0, setup.minutes - elapsed / 60),
            last_answer=last_answer,
            concept_label=ctx.concept_labels.get(move.concept_id or "", ""),
            session_id=state.get("session_id", ""),
            history=tuple(turns),
        )
        spoken = speak_move(engine, request, get_stream_writer())
        analysis = state.get("analysis") or {}
        meta: TurnMeta = {
            "move": move.kind,
            "phase": move.phase,
            "area": move.area_id or "",
            "reason": move.reason,
            "engine": spoken.engine,
            "answer_kind": str(analysis.get("kind", "")),
        }
        if move.kind == "hint":
            meta["hint"] = "true"
        if move.curveball_id:
            meta["curveball"] = move.curveball_id
        if move.slot_id:
            meta["slot"] = move.slot_id
        if move.deeper_slot:
            meta["deeper"] = move.deeper_slot
        if analysis.get("read_by"):
            meta["read_by"] = str(analysis["read_by"])
        if move.fact_ids:
            meta["facts"] = ",".join(move.fact_ids)
        if move.assume_rest or move.kind == "assume":
            meta["assume"] = "true"
        if move.reply:
            meta["answered"] = "true"
        if engine.model and spoken.engine == engine.name:
            meta["model"] = engine.model
        meta.update(spoken.meta)
        return {
            "role": "interviewer",
            "text": spoken.text,
            "speaker": setup.interviewer.title,
            "start": elapsed,
            "end": None,
            "meta": meta,
        }

    def listen(state: InterviewState) -> InterviewState:
        heard = hear(state)
        if not offline:
            return heard
        # Offline, reading, deciding and speaking are pure and quick: the whole answer is one
        # step, so its turns and the reply are one checkpoint write, not three.
        after_hearing = advanced(state, heard)
        decided = analyze(after_hearing)
        after_deciding = advanced(after_hearing, decided)
        reply = spoken_turn(after_deciding)
        return {**heard, **decided, "turns": [*heard.get("turns", []), reply]}

    def hear(state: InterviewState) -> InterviewState:
        payload: AnswerPayload = interrupt({"turn": len(state.get("turns", [])) + 1})
        elapsed = max(float(payload.get("elapsed", 0.0)), state.get("elapsed", 0.0))
        update: InterviewState = {"elapsed": elapsed, "hint_request": bool(payload.get("hint"))}
        if not payload.get("hint"):
            update["turns"] = [
                {
                    "role": "candidate",
                    "text": str(payload.get("text", "")),
                    "speaker": "Candidate",
                    "start": elapsed,
                    "end": None,
                    "meta": cast(
                        "TurnMeta",
                        {str(k): str(v) for k, v in (payload.get("meta") or {}).items()},
                    ),
                }
            ]
        return update

    def analyze(state: InterviewState) -> InterviewState:
        turns = state["turns"]
        hint = bool(state.get("hint_request"))
        answers = [t["text"] for t in turns if t["role"] == "candidate"]
        text = "" if hint else answers[-1]
        wrap_up = state.get("phase") == "wrap_up"
        model_reading = None
        if not hint and engine.name != "offline":
            model_reading = engine.read(
                text, ctx.book, session_id=state.get("session_id", ""), wrap_up=wrap_up
            )
        analysis = analyze_answer(
            text,
            brief=setup.brief,
            matcher=setup.matcher,
            book=ctx.book,
            earlier_answers=answers[:-1] if not hint else answers,
            hint_request=hint,
            wrap_up=wrap_up,
            model_reading=model_reading,
        )
        read_by = engine.name if model_reading is not None else "offline"
        if engine.name != "offline" and model_reading is None and not hint:
            read_by = "offline (fallback)"
        # The move is decided in the same step: deciding is pure and quick, and one step less
        # is one checkpoint write less per answer.
        analysis = replace(analysis, read_by=read_by)
        return apply_move(state, analysis, decide(state, analysis, ctx), ctx)

    def plan(state: InterviewState) -> InterviewState:
        """Only for a round saved by an earlier version between reading and deciding."""
        analysis = Analysis.from_dict(state["analysis"] or {})
        move = decide(state, analysis, ctx)
        return apply_move(state, analysis, move, ctx)

    def after_speak(state: InterviewState) -> str:
        return END if state.get("phase") == "closed" else "listen"

    def after_listen(state: InterviewState) -> str:
        return after_speak(state) if offline else "analyze"

    graph = StateGraph(InterviewState)
    graph.add_node("open", open_round)
    graph.add_node("speak", speak)
    graph.add_node("listen", listen)
    graph.add_node("analyze", analyze)
    graph.add_node("plan", plan)
    graph.add_edge(START, "open")
    graph.add_edge("open", "speak")
    graph.add_conditional_edges("speak", after_speak, ["listen", END])
    graph.add_conditional_edges("listen", after_listen, ["analyze", "listen", END])
    graph.add_edge("analyze", "speak")
    graph.add_edge("plan", "speak")
    return graph
