"""Simulated candidates: a persona answering the interviewer, in the brief's own words."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field

from scoring.content import load_model
from simulator.content.models import Brief, CandidatePersona
from simulator.engines.base import seeded_rng
from simulator.interview.moves import Move
from simulator.interview.turns import RoundTurn

FOLLOW_UP_KINDS = frozenset({"depth_follow_up", "failure_probe", "hint"})
STOCK_ANSWERS_PATH = Path(__file__).with_name("stock_answers.yaml")


class StockAnswers(BaseModel):
    out_of_material: list[str] = Field(min_length=1)


@cache
def stock_answers() -> list[str]:
    return load_model(STOCK_ANSWERS_PATH, StockAnswers).out_of_material


class SimulatedCandidate:
    """Answers a Move deterministically from (persona, brief, seed, turn history)."""

    def __init__(self, persona: CandidatePersona, brief: Brief, seed: int) -> None:
        self.persona = persona
        self.brief = brief
        self.seed = seed
        self.context = brief.context.model_dump()

    def answer(self, move: Move, turns: list[RoundTurn]) -> str:
        """The persona's answer to `move`, given the turns so far (used for variety and flow)."""
        said = [t["text"] for t in turns if t["role"] == "candidate"]
        number = len(said) + 1
        mode = self.persona.mode
        if mode == "empty":
            return ""
        if mode == "gibberish":
            return self._gibberish(number)
        if mode in ("off_topic", "injection"):
            lines = self.persona.lines
            return lines[(number - 1 + self.seed) % len(lines)]
        if mode == "repeat":
            return self.persona.lines[0]
        return self._normal(move, said, number)

    def _normal(self, move: Move, said: list[str], number: int) -> str:
        persona = self.persona
        if move.kind == "open" and persona.clarifying_questions:
            return self._pick(persona.clarifying_questions, "clarify", number, said, count=2)
        if move.kind == "wrap_up":
            summary = self._pick(persona.answers["wrap_up"], "summary", number, said)
            questions = persona.questions_for_interviewer
            return (
                f"{summary} {self._pick(questions, 'ask', number, said)}" if questions else summary
            )
        if move.kind == "close":
            return ""
        slot = self._slot(move)
        first, second = (
            (persona.follow_ups, persona.answers)
            if move.kind in FOLLOW_UP_KINDS
            else (persona.answers, persona.follow_ups)
        )
        for pool in (first, second):
            fresh = [t for t in self._fill(pool.get(slot, [])) if t not in said]
            if fresh:
                return self._choose(fresh, slot, number)
        # Everything said once: repeat something, but never the answer just given.
        stock = [t for t in stock_answers() if t not in said] or [
            t for t in stock_answers() if not said or t != said[-1]
        ]
        return self._choose(stock, "stock", number)

    def _slot(self, move: Move) -> str:
        """The round slot or, in a probe area, the dimension it scores: what answers `move`.
        A dimension the persona has no answers for gets the stock replies."""
        if move.kind == "curveball":
            return "curveball"
        if move.phase in ("opening", "design") or move.area_id is None:
            return "design"
        if move.kind in ("answer_fact", "assume") and not move.area_id:
            return "design"
        return self.brief.area(move.area_id).dimension

    def _fill(self, templates: list[str]) -> list[str]:
        return [t.format(**self.context) for t in templates]

    def _pick(
        self, templates: list[str], slot: str, number: int, said: list[str], count: int = 1
    ) -> str:
        """Choose templates not yet used in this round where possible, filled with the brief."""
        filled = self._fill(templates)
        fresh = [f for f in filled if f not in said] or filled
        return self._choose(fresh, slot, number, count)

    def _choose(self, options: list[str], slot: str, number: int, count: int = 1) -> str:
        rng = seeded_rng(self.seed, self.persona.id, self.brief.id, slot, number)
        return " ".join(rng.sample(options, k=min(count, len(options))))

    def _gibberish(self, number: int) -> str:
        rng = seeded_rng(self.seed, "gibberish", number)
        letters = string.ascii_lowercase
        return " ".join(
            "".join(rng.choice(letters) for _ in range(rng.randint(3, 9)))
            for _ in range(rng.randint(6, 18))
        )
