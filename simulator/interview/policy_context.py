"""What the policy knows for a whole round (the brief, its time plan, its slots and their
wording) and what it reads off the state (the open area, the slots heard and when). Pure."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from scoring.content import load_model
from scoring.reading.catalogue import SlotBook, slot_book, slot_catalogue
from scoring.reading.read import slots_named
from scoring.vocabulary.models import Vocabulary
from simulator.content.models import Brief, Curveball, ProbeArea
from simulator.content.probes import fill_slots, technique_probes
from simulator.interview.analysis import Analysis
from simulator.interview.ballpark import Ballpark
from simulator.interview.state import InterviewState
from simulator.interview.timing import TimePlan


class WrapUpAnswer(BaseModel):
    topic: str
    answer: str


class PolicyWording(BaseModel):
    opening_question: str
    design_invite: str
    design_follow_ups: list[str]
    design_hint: str
    check_in_replies: dict[str, str]
    assume: dict[str, str]
    numbers_check: dict[str, str]
    wrap_up_answers: list[WrapUpAnswer]
    wrap_up_fallback: str
    curveball_again: str
    change_taken_up: str
    other_change: str
    other_change_ack: str
    other_change_aside: str
    earlier: str


@cache
def policy_wording() -> PolicyWording:
    return load_model(Path(__file__).with_name("policy.yaml"), PolicyWording)


@dataclass(frozen=True)
class PolicyContext:
    """Everything fixed for a round: the brief, its time plan, its slots, the probes."""

    brief: Brief
    plan: TimePlan
    coach: bool
    curveball: Curveball
    follow_ups: dict[str, str]
    concept_dimensions: dict[str, tuple[str, ...]]
    concept_labels: dict[str, str]
    wording: PolicyWording
    book: SlotBook
    asks: dict[str, str]  # slot id -> the follow-up, worded for this brief
    deeper: dict[str, str]  # slot id -> the follow-up once it is filled, worded for this brief
    # slot id -> what doing without it costs, for a candidate who set it aside
    challenges: dict[str, str] = field(default_factory=dict)
    # slot -> the slots that, said with its dismissal, already answer its challenge
    challenge_settled_by: dict[str, frozenset[str]] = field(default_factory=dict)
    # slot or concept id -> the slots that, once said, already answer its deeper question or
    # its follow-up
    settled_by: dict[str, frozenset[str]] = field(default_factory=dict)
    # slot -> what, said at any point, already answers its deeper question
    settled_when: dict[str, re.Pattern[str]] = field(default_factory=dict)
    ballpark: Ballpark | None = None
    # (area id, question, the slots it asks for) for going deeper once every area is done
    stretch: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def curveball_after(self) -> int:
        """Fire the curveball once this many probe areas are done."""
        return max(1, len(self.brief.probe_areas) // 2)

    def challenge(self, slot: str, area: ProbeArea | None = None) -> str:
        """The follow-up on a slot the candidate set aside: what doing without it costs."""
        return self.challenges.get(slot) or self.ask(slot, area)

    def ask_about(
        self, slot: str, area: ProbeArea | None = None, *, aside: Collection[str] = ()
    ) -> str:
        """The follow-up on a slot not said yet: its challenge when the candidate set it
        aside, else the plain ask."""
        return self.challenge(slot, area) if slot in aside else self.ask(slot, area)

    def ask(self, slot: str, area: ProbeArea | None = None) -> str:
        if area is not None and slot in area.slot_asks:
            return as_question(fill_slots(area.slot_asks[slot], self.brief.context))
        return self.asks[slot]


def as_question(text: str) -> str:
    """A question as said: starting with a capital (a slot value may open it)."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def policy_context(
    brief: Brief,
    plan: TimePlan,
    vocabulary: Vocabulary,
    *,
    coach: bool,
    seed: int,
    ballpark: Ballpark | None = None,
) -> PolicyContext:
    from simulator.guide.wording import signal_questions  # the guide imports this module

    catalogue = slot_catalogue().slots
    asks = {s.id: as_question(fill_slots(s.ask, brief.context)) for s in catalogue}
    deeper = {s.id: as_question(fill_slots(s.deeper, brief.context)) for s in catalogue}
    challenges = {
        s.id: as_question(fill_slots(s.challenge, brief.context)) for s in catalogue if s.challenge
    }
    book = slot_book(brief.slot_forms)
    stretch = [(a.id, f) for a in brief.probe_areas for f in a.follow_ups]
    for question in signal_questions():
        area = next(
            (a for d in question.place_in for a in brief.probe_areas if a.dimension == d), None
        )
        if area is not None:
            stretch.append((area.id, " ".join(question.ask.split())))
    return PolicyContext(
        brief=brief,
        plan=plan,
        coach=coach,
        curveball=brief.curveballs[seed % len(brief.curveballs)],
        follow_ups=technique_probes(vocabulary, brief.context),
        concept_dimensions={c.id: tuple(c.dimensions) for c in vocabulary.concepts},
        concept_labels={c.id: c.label for c in vocabulary.concepts},
        wording=policy_wording(),
        book=book,
        asks=asks,
        deeper=deeper,
        challenges=challenges,
        settled_when={
            **{s.id: _any_of(tuple(s.settled_when)) for s in catalogue if s.settled_when},
            **{c.id: _any_of(tuple(c.settled_when)) for c in vocabulary.concepts if c.settled_when},
        },
        challenge_settled_by={
            s.id: frozenset(s.challenge_settled_by) for s in catalogue if s.challenge_settled_by
        },
        settled_by={
            **{s.id: frozenset(s.settled_by) for s in catalogue if s.settled_by},
            **{c.id: frozenset(c.settled_by) for c in vocabulary.concepts if c.settled_by},
        },
        ballpark=ballpark,
        stretch=tuple((area_id, q, slots_named(q, book)) for area_id, q in stretch),
    )


def current_area(state: InterviewState, ctx: PolicyContext) -> ProbeArea | None:
    index = state.get("area_index", -1)
    if 0 <= index < len(ctx.brief.probe_areas):
        return ctx.brief.probe_areas[index]
    stretch = state.get("stretch_area")
    return ctx.brief.area(stretch) if stretch else None


def relevant(concepts: tuple[str, ...], dimension: str, ctx: PolicyContext) -> list[str]:
    return [c for c in concepts if dimension in ctx.concept_dimensions.get(c, ())]


def answer_number(state: InterviewState) -> int:
    """The number of the candidate's latest answer (1 for the first)."""
    return sum(1 for t in state.get("turns", []) if t["role"] == "candidate")


def filled_after(state: InterviewState, analysis: Analysis) -> dict[str, int]:
    """Every slot filled so far, this answer included, with the answer that filled it."""
    filled = dict(state.get("filled_slots", {}))
    if analysis.kind == "answer":
        number = answer_number(state)
        for slot in analysis.read.slot_ids:
            filled.setdefault(slot, number)
    return filled


def heard_after(state: InterviewState, analysis: Analysis) -> dict[str, int]:
    """Every slot heard so far with the latest answer that filled it, this answer included."""
    heard = dict(state.get("slots_heard", {}))
    if analysis.kind == "answer":
        number = answer_number(state)
        heard.update(dict.fromkeys(analysis.read.slot_ids, number))
    return heard


def said_after(state: InterviewState, analysis: Analysis) -> set[str]:
    """Every slot the candidate has filled or touched in other words so far, this answer
    included: none of them is asked for (a dismissed one is challenged instead)."""
    touched = set(state.get("slots_touched", []))
    if analysis.kind in ("answer", "clarifying"):
        touched |= set(analysis.touched)
    dismissed = set(analysis.read.dismissed_ids) | set(state.get("dismissed_slots", []))
    return set(filled_after(state, analysis)) | (touched - dismissed)


def said_so_far(state: InterviewState) -> set[str]:
    """Every slot filled or touched in the answers before this one (not the dismissed)."""
    touched = set(state.get("slots_touched", [])) - set(state.get("dismissed_slots", []))
    return set(state.get("filled_slots", {})) | touched


def aside_first(slots: Sequence[str], aside: Collection[str]) -> list[str]:
    """The slots the candidate set aside first (they are asked about first), then the rest."""
    return [s for s in slots if s in aside] + [s for s in slots if s not in aside]


def settled(
    ctx: PolicyContext, asked_of: str, state: InterviewState, analysis: Analysis | None
) -> bool:
    """The deeper question of a slot, or a technique's follow-up, is already answered: a slot
    or a technique that settles it was said, in this answer or before."""
    if (words := ctx.settled_when.get(asked_of)) and _said_in_words(words, state, analysis):
        return True
    by = ctx.settled_by.get(asked_of)
    if not by:
        return False
    said = said_after(state, analysis) if analysis is not None else said_so_far(state)
    heard = set(state.get("concepts_heard", []))
    if analysis is not None:
        heard |= set(analysis.techniques)
    return bool(by & (said | heard))


@cache
def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _said_in_words(
    words: re.Pattern[str], state: InterviewState, analysis: Analysis | None
) -> bool:
    """Some answer so far, the last one included, says these words."""
    said = [t["text"] for t in state.get("turns", []) if t["role"] == "candidate"]
    if analysis is not None:
        said += [s.text for s in analysis.read.sentences]
    return any(words.search(text) for text in said)


def open_question(state: InterviewState, ctx: PolicyContext) -> str:
    return state.get("open_question") or ctx.wording.opening_question
