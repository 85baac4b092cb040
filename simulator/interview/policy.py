"""The interview policy: a pure function from (state, analysis) to the next Move.

The code runs the interview; an engine only phrases the Move. Nothing here does I/O. The
policy works on slots: a follow-up asks for the most important slot of the open area that no
answer has filled yet (never one already filled), or challenges a number or a dismissal in
what was just said. Every question the candidate asks is answered (or met with "assume")
before the round moves on, and the round uses its time: with every area done early, it goes
deeper until the wrap-up slot of the time plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from scoring.content import load_model
from scoring.reading.catalogue import SlotBook, slot_book, slot_catalogue
from scoring.reading.models import Reading
from scoring.reading.read import slots_named
from scoring.vocabulary.models import Vocabulary
from simulator.content.models import Brief, Curveball, MoveKind, ProbeArea
from simulator.content.probes import fill_slots, technique_probes
from simulator.interview.analysis import Analysis, quotable
from simulator.interview.ballpark import OFF_BY, Ballpark, NumbersCheck
from simulator.interview.moves import Ack, Move
from simulator.interview.state import InterviewState
from simulator.interview.timing import TimePlan

MAX_NON_ANSWERS = 2  # in a row, before the interviewer moves on and records it
MAX_EXCHANGES = 4  # answers per probe area before moving on, covered or not
STALLED = 2  # answers in a row that fill nothing new in the area: move on
COVERED_SHARE = 0.6  # share of an area's slots filled that makes it covered
DESIGN_FOLLOW_UPS = 2  # at most, while the design phase has time
DESIGN_SLOTS_ENOUGH = 3  # design slots filled that make the high-level design complete
POSITIVE_SLOTS = 2  # slots filled by one answer that earn a word of praise
MAX_WRAP_UP_REPLIES = 3  # rounds of the candidate's own questions answered at the end
# Going deeper is for a candidate who is still answering: this many non-answers in a row
# after every area is done, and the wrap-up comes early.
STRETCH_NON_ANSWERS = 4


class WrapUpAnswer(BaseModel):
    topic: str
    answer: str


class PolicyWording(BaseModel):
    opening_question: str
    design_follow_ups: list[str]
    design_hint: str
    check_in_replies: dict[str, str]
    assume: dict[str, str]
    numbers_check: dict[str, str]
    wrap_up_answers: list[WrapUpAnswer]
    wrap_up_fallback: str
    curveball_again: str


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
    ballpark: Ballpark | None = None
    # (area id, question, the slots it asks for) for going deeper once every area is done
    stretch: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def curveball_after(self) -> int:
        """Fire the curveball once this many probe areas are done."""
        return max(1, len(self.brief.probe_areas) // 2)

    def ask(self, slot: str, area: ProbeArea | None = None) -> str:
        if area is not None and slot in area.slot_asks:
            return _sentence(fill_slots(area.slot_asks[slot], self.brief.context))
        return self.asks[slot]


def _sentence(text: str) -> str:
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

    asks = {s.id: _sentence(fill_slots(s.ask, brief.context)) for s in slot_catalogue().slots}
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


def recently_filled(state: InterviewState, analysis: Analysis, answers: int = 3) -> set[str]:
    """Slots filled by this answer or the ones just before it (never asked for again)."""
    latest = answer_number(state)
    return {s for s, n in heard_after(state, analysis).items() if n > latest - answers}


def open_question(state: InterviewState, ctx: PolicyContext) -> str:
    return state.get("open_question") or ctx.wording.opening_question


def decide(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    """The next move. Pure: the same state and analysis always give the same Move."""
    move = _decide(state, analysis, ctx)
    return _with_replies(move, state, analysis, ctx)


def _decide(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    phase = state["phase"]
    elapsed = state.get("elapsed", 0.0)
    area = current_area(state, ctx)
    area_id = area.id if area else None
    if phase == "wrap_up":
        return _wrap_up_reply(state, analysis, ctx)
    if analysis.kind == "hint_request":
        return _hint(state, ctx, area)
    if elapsed >= ctx.plan.wrap_up_start:
        minute = ctx.plan.wrap_up_start / 60
        return Move("wrap_up", "wrap_up", f"time: wrap-up starts at minute {minute:.0f}", area_id)
    if analysis.non_answer:
        streak = state.get("non_answer_streak", 0) + 1
        if streak >= MAX_NON_ANSWERS:
            return _leave(
                state,
                ctx,
                "move_on",
                f"{streak} non-answers in a row ({analysis.kind})",
                analysis=analysis,
            )
        return Move(
            "redirect",
            phase,
            f"{analysis.kind} answer: asking again",
            area_id,
            probe=open_question(state, ctx),
        )
    if analysis.kind == "clarifying":
        if analysis.fact_ids:
            return Move(
                "answer_fact",
                phase,
                "clarifying questions answered from the brief's facts",
                area_id,
                fact_ids=_new_facts(state, analysis),
            )
        if analysis.unanswerable:
            return Move(
                "assume", phase, "the brief has no such fact: the candidate assumes", area_id
            )
        return Move(
            "answer_question",
            phase,
            "the candidate's question answered; back to the question",
            area_id,
            probe=open_question(state, ctx),
        )
    challenge = _numbers_check(state, analysis, ctx, area_id)
    if challenge is not None:
        return challenge
    if phase in ("opening", "design"):
        return _after_design_answer(state, analysis, ctx)
    if state.get("curveball_active"):
        return _after_curveball(state, analysis, ctx)
    if state.get("stretch_area") and state.get("area_index", -1) >= len(ctx.brief.probe_areas):
        return _stretch(state, analysis, ctx, "going deeper while time remains")
    assert area is not None
    return _deep_dive(state, analysis, ctx, area)


# -- what the candidate asked ----------------------------------------------------------------


def _new_facts(state: InterviewState, analysis: Analysis) -> tuple[str, ...]:
    """The facts asked for. One already given is said again only when nothing new is asked
    (the candidate asked for it again)."""
    given = state.get("facts_given", [])
    new = tuple(f for f in analysis.fact_ids if f not in given)
    return new or analysis.fact_ids


def _with_replies(
    move: Move, state: InterviewState, analysis: Analysis, ctx: PolicyContext
) -> Move:
    """Answer the candidate's own questions before the move itself: the facts a question asks
    for, "assume" for the rest, a reply to a check-in."""
    if move.kind in ("close", "answer_question"):
        return move
    if analysis.kind == "clarifying":
        wrap_ups = [_answer_question(q.text, ctx) for q in analysis.read.asked("wrap_up")]
        return replace(
            move,
            assume_rest=move.kind == "answer_fact" and analysis.unanswerable > 0,
            reply=" ".join(dict.fromkeys(wrap_ups)),
        )
    if analysis.kind != "answer":
        return move
    reading = analysis.read
    changes: dict[str, object] = {}
    if analysis.fact_ids and not move.fact_ids:
        changes["fact_ids"] = _new_facts(state, analysis)
    if analysis.unanswerable:
        changes["assume_rest"] = True
    replies: list[str] = []
    for question in reading.asked("wrap_up"):
        replies.append(_answer_question(question.text, ctx))
    if reading.asked("check_in"):
        same_area = move.kind in ("depth_follow_up", "failure_probe", "numbers_check")
        replies.append(ctx.wording.check_in_replies["more" if same_area else "enough"])
    if replies and not move.reply:
        changes["reply"] = " ".join(dict.fromkeys(replies))
    return replace(move, **changes) if changes else move  # type: ignore[arg-type]


def _wrap_up_reply(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    questions = analysis.read.questions if analysis.reading else ()
    answered = state.get("wrap_up_replies", 0)
    time_left = state.get("elapsed", 0.0) < ctx.plan.total
    if questions:
        reply = " ".join(dict.fromkeys(_answer_question(q.text, ctx) for q in questions))
        if answered < MAX_WRAP_UP_REPLIES and time_left:
            return Move(
                "answer_question", "wrap_up", "the candidate's questions, answered", reply=reply
            )
        return Move("close", "closed", "last questions answered; the round is over", reply=reply)
    return Move("close", "closed", "the candidate has no more questions; the round is over")


def _answer_question(question: str, ctx: PolicyContext) -> str:
    import re

    for item in ctx.wording.wrap_up_answers:
        if re.search(item.topic, question, re.I):
            return " ".join(item.answer.split())
    return " ".join(ctx.wording.wrap_up_fallback.split())


def _hint(state: InterviewState, ctx: PolicyContext, area: ProbeArea | None) -> Move:
    phase = state["phase"]
    area_id = area.id if area else None
    if ctx.coach:
        hint = area.hint if area else ctx.wording.design_hint
        return Move(
            "hint",
            phase,
            "the candidate asked for a hint (coach mode)",
            area_id,
            probe=open_question(state, ctx),
            hint=hint,
        )
    return Move(
        "redirect",
        phase,
        "hints are only given in coach mode",
        area_id,
        probe=open_question(state, ctx),
    )


# -- numbers ---------------------------------------------------------------------------------


def _numbers_check(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, area_id: str | None
) -> Move | None:
    if ctx.ballpark is None or analysis.kind != "answer":
        return None
    done = frozenset(state.get("numbers_checked", []))
    found = ctx.ballpark.check(analysis.read, done)
    if found is None:
        return None
    return Move(
        "numbers_check",
        state["phase"] if state["phase"] != "opening" else "design",
        f"{found.kind} figure off by a factor of {OFF_BY:g} or more: challenged with a ballpark",
        area_id,
        probe=_numbers_wording(found, ctx),
        quote=_sentence_of(analysis.read, found),
        concept_id=found.kind,
    )


def _numbers_wording(found: NumbersCheck, ctx: PolicyContext) -> str:
    template = " ".join(ctx.wording.numbers_check[found.kind].split())
    return template.format(**found.values)


def _sentence_of(reading: Reading, found: NumbersCheck) -> str:
    sentence = next((s for s in reading.sentences if s.start <= found.quantity.start < s.end), None)
    return quotable(sentence.text) if sentence else ""


# -- the high-level design -------------------------------------------------------------------


def _after_design_answer(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    asked = state.get("design_follow_ups", 0)
    filled = filled_after(state, analysis)
    design = ctx.brief.design_slots
    have = [s for s in design if s in filled]
    missing = [s for s in design if s not in filled and s not in state.get("asked_slots", [])]
    in_time = state.get("elapsed", 0.0) < ctx.plan.design_end
    dismissed = _dismissed_here(analysis, design, state)
    if dismissed and asked < DESIGN_FOLLOW_UPS and in_time:
        slot, sentence = dismissed
        return Move(
            "depth_follow_up",
            "design",
            f"they dismissed {slot}: asking about it",
            probe=ctx.ask(slot),
            quote=quotable(sentence),
            slot_id=slot,
            ack="",
        )
    if len(have) < DESIGN_SLOTS_ENOUGH and missing and asked < DESIGN_FOLLOW_UPS and in_time:
        slot = missing[0]
        return Move(
            "depth_follow_up",
            "design",
            f"high-level design: nothing yet on {slot}",
            probe=ctx.ask(slot),
            slot_id=slot,
            ack=_ack(analysis, design),
        )
    return _leave(
        state,
        ctx,
        "next_area",
        "high-level design heard; starting the deep dives",
        analysis=analysis,
    )


# -- a probe area ----------------------------------------------------------------------------


def credit_slots(state: InterviewState, analysis: Analysis, area: ProbeArea) -> list[str]:
    """The area's slots filled so far, this answer included."""
    filled = filled_after(state, analysis)
    return [s for s in area.slots if s in filled]


def area_covered(filled: list[str], area: ProbeArea) -> bool:
    return len(filled) >= max(2, round(COVERED_SHARE * len(area.slots)))


def _deep_dive(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, area: ProbeArea
) -> Move:
    entry = state["coverage"][area.id]
    elapsed = state.get("elapsed", 0.0)
    time_up = elapsed - entry["started_at"] >= ctx.plan.area_budgets[area.id]
    filled = credit_slots(state, analysis, area)
    new_here = [s for s in analysis.read.slot_ids if s in area.slots]
    stalled = entry.get("stalled", 0) + (0 if new_here else 1)
    exchanges = entry["exchanges"] + 1
    asked = state.get("asked_slots", [])
    earlier = state.get("dismissed_slots", [])
    order = [s for s in area.slots if s in earlier] + [s for s in area.slots if s not in earlier]
    missing = [s for s in order if s not in filled and s not in asked]
    ack = _ack(analysis, area.slots)

    dismissed = _dismissed_here(analysis, area.slots, state)
    if dismissed and not time_up:
        slot, sentence = dismissed
        return Move(
            "depth_follow_up",
            "deep_dive",
            f"they dismissed {slot}: asking what it would cost",
            area.id,
            probe=ctx.ask(slot, area),
            quote=quotable(sentence),
            slot_id=slot,
        )
    probe = _failure_probe(state, analysis, ctx, area, time_up, new_here)
    if probe is not None:
        return replace(probe, ack=ack)
    if area_covered(filled, area) and not missing:
        return _leave(
            state, ctx, "next_area", f"{area.title}: every slot heard", ack, analysis=analysis
        )
    if time_up:
        return _leave(
            state, ctx, "next_area", f"{area.title}: its time is up", ack, analysis=analysis
        )
    if exchanges >= MAX_EXCHANGES or stalled >= STALLED:
        why = f"{exchanges} answers" if exchanges >= MAX_EXCHANGES else "no new specifics twice"
        return _leave(state, ctx, "next_area", f"{area.title}: {why}", ack, analysis=analysis)
    if area_covered(filled, area) and entry["follow_ups"] >= 1:
        return _leave(state, ctx, "next_area", f"{area.title}: covered", ack, analysis=analysis)
    if ctx.coach and entry["hints"] == 0 and not new_here:
        return Move(
            "hint",
            "deep_dive",
            "nothing specific yet in coach mode: a hint",
            area.id,
            probe=area.main_probe,
            hint=area.hint,
        )
    if not missing:
        return _leave(
            state, ctx, "next_area", f"{area.title}: nothing left to ask", ack, analysis=analysis
        )
    slot = missing[0]
    return _ask_for(ctx, area, slot, f"{area.title}: nothing yet on {slot}", ack)


def _ask_for(
    ctx: PolicyContext, area: ProbeArea, slot: str, reason: str, ack: Ack, *, stretch: bool = False
) -> Move:
    """A follow-up asking for one slot of an area, worded for the brief."""
    return Move(
        "depth_follow_up",
        "deep_dive",
        reason,
        area.id,
        probe=ctx.ask(slot, area),
        slot_id=slot,
        ack=ack,
        stretch=stretch,
    )


def _failure_probe(
    state: InterviewState,
    analysis: Analysis,
    ctx: PolicyContext,
    area: ProbeArea,
    time_up: bool,
    new_here: list[str],
) -> Move | None:
    """Probe how a technique the candidate just named fails (once per area), when the answer
    committed to something in this area."""
    entry = state["coverage"][area.id]
    probed = state.get("probed_concepts", [])
    techniques = [
        t
        for t in relevant(analysis.techniques, area.dimension, ctx)
        if t in ctx.follow_ups and t not in probed and analysis.quotes.get(t)
    ]
    if not techniques or time_up or entry["failure_probes"] or not new_here:
        return None
    technique = techniques[0]
    return Move(
        "failure_probe",
        "deep_dive",
        f"they named {ctx.concept_labels[technique]}: its failure mode",
        area.id,
        probe=ctx.follow_ups[technique],
        quote=analysis.quotes[technique],
        concept_id=technique,
    )


def _dismissed_here(
    analysis: Analysis, slots: list[str], state: InterviewState
) -> tuple[str, str] | None:
    """A slot of this part that the answer dismisses and that was not asked about yet."""
    if analysis.kind != "answer":
        return None
    asked = state.get("asked_slots", [])
    filled = state.get("filled_slots", {})
    for fill in analysis.read.dismissed:
        if fill.slot in slots and fill.slot not in asked and fill.slot not in filled:
            return fill.slot, fill.sentence.text
    return None


def _bearing_quote(analysis: Analysis, slots: list[str]) -> str:
    """The answer's sentence that bears on this part (one that fills one of its slots)."""
    reading = analysis.read
    for fill in reading.slots:
        if fill.slot in slots and (quote := quotable(fill.sentence.text)):
            return quote
    return ""


def _ack(analysis: Analysis, slots: list[str]) -> Ack:
    """A word about the last answer: praise only for one that committed to specifics, nothing
    for a hedge, a neutral word otherwise."""
    reading = analysis.read
    if analysis.kind != "answer" or reading.hedged:
        return ""
    here = [s for s in reading.slot_ids if s in slots]
    if len(here) >= POSITIVE_SLOTS and reading.quantities:
        return "positive"
    return "neutral" if here or reading.quantities else ""


# -- the curveball, leaving an area, going deeper --------------------------------------------


def _after_curveball(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    """One follow-up on the requirement change: back to the change itself when the answer left
    it aside, else on the change's most important slot still open."""
    curveball = ctx.curveball
    area = current_area(state, ctx)
    area_id = area.id if area else None
    here = set(analysis.read.slot_ids)
    if state.get("curveball_followed"):
        return _leave(
            state,
            ctx,
            "next_area",
            "curveball answered",
            _ack(analysis, curveball.slots),
            analysis=analysis,
        )
    if not here & set(curveball.slots):
        change = " ".join(curveball.text.split())
        probe = ctx.wording.curveball_again.format(change=change)
        return Move(
            "depth_follow_up",
            "deep_dive",
            "the answer leaves the requirement change aside",
            area_id,
            probe=probe,
            curveball_id=curveball.id,
        )
    heard = recently_filled(state, analysis)
    asked = state.get("asked_slots", [])
    open_slots = [s for s in curveball.slots if s not in heard and s not in asked]
    if open_slots:
        slot = open_slots[0]
        return Move(
            "depth_follow_up",
            "deep_dive",
            f"the curveball's {slot} is still open",
            area_id,
            probe=ctx.ask(slot),
            slot_id=slot,
            curveball_id=curveball.id,
            ack=_ack(analysis, curveball.slots),
        )
    return _leave(
        state,
        ctx,
        "next_area",
        "curveball answered",
        _ack(analysis, curveball.slots),
        analysis=analysis,
    )


def _leave(
    state: InterviewState,
    ctx: PolicyContext,
    kind: MoveKind,
    reason: str,
    ack: Ack = "",
    analysis: Analysis | None = None,
) -> Move:
    """Leave the current question for the curveball, the next area, deeper questions, or the
    wrap-up."""
    index = state.get("area_index", -1)
    areas = ctx.brief.probe_areas
    here = current_area(state, ctx)
    left = here.id if here and index < len(areas) else None
    cb_due = (
        not state.get("curveballs_fired")
        and not state.get("curveball_active")
        and index + 1 >= ctx.curveball_after
        and index + 1 < len(areas)
    )
    if kind == "next_area" and cb_due:
        return Move(
            "curveball",
            "deep_dive",
            f"{reason}; mid-round requirement change",
            left,
            probe=ctx.curveball.text,
            curveball_id=ctx.curveball.id,
            ack=ack,
        )
    filled = filled_after(state, analysis) if analysis else dict(state.get("filled_slots", {}))
    for nxt in areas[index + 1 :]:
        heard = [slot for slot in nxt.slots if slot in filled]
        missing = [slot for slot in nxt.slots if slot not in filled]
        if area_covered(heard, nxt) and len(missing) <= 1:
            continue  # the candidate already covered it: never ask its questions again
        if heard and missing:
            return Move(
                kind,
                "deep_dive",
                f"{reason}; next area: {nxt.title}, part heard already",
                nxt.id,
                probe=ctx.ask(missing[0], nxt),
                left_area_id=left,
                ack=ack,
                slot_id=missing[0],
            )
        return Move(
            kind,
            "deep_dive",
            f"{reason}; next area: {nxt.title}",
            nxt.id,
            probe=nxt.main_probe,
            left_area_id=left,
            ack=ack,
        )
    return _stretch(state, analysis, ctx, f"{reason}; every area done", ack)


def _stretch(
    state: InterviewState,
    analysis: Analysis | None,
    ctx: PolicyContext,
    reason: str,
    ack: Ack = "",
) -> Move:
    """Every area is done and time remains: ask what is still open, then the areas' deeper
    questions and the signal questions, until the wrap-up slot."""
    non_answers = len([n for n in state.get("non_answers", []) if n["kind"] != "moved_on"])
    answered = answer_number(state) - non_answers
    if non_answers >= STRETCH_NON_ANSWERS and non_answers > answered:
        minute = state.get("elapsed", 0.0) / 60
        return Move(
            "wrap_up", "wrap_up", f"{reason}; no answers to go deeper on at minute {minute:.0f}"
        )
    filled = filled_after(state, analysis) if analysis else dict(state.get("filled_slots", {}))
    asked_slots = state.get("asked_slots", [])
    for area in ctx.brief.probe_areas:
        for slot in area.slots:
            if slot not in filled and slot not in asked_slots:
                why = f"{reason}: {area.title} still lacks {slot}"
                return _ask_for(ctx, area, slot, why, ack, stretch=True)
    asked = state.get("stretch_asked", [])
    for area_id, question, named in ctx.stretch:
        if named and all(slot in filled for slot in named):
            continue  # it asks for what the candidate has said already
        if question not in asked:
            return Move(
                "depth_follow_up",
                "deep_dive",
                f"{reason}: a deeper question",
                area_id,
                probe=question,
                ack=ack,
                stretch=True,
            )
    probed = state.get("probed_concepts", [])
    for concept in state.get("concepts_heard", []):
        probe = ctx.follow_ups.get(concept)
        if probe and concept not in probed and probe not in asked:
            area = next(
                (
                    a
                    for a in ctx.brief.probe_areas
                    if a.dimension in ctx.concept_dimensions[concept]
                ),
                ctx.brief.probe_areas[-1],
            )
            return Move(
                "failure_probe",
                "deep_dive",
                f"{reason}: the cost of a technique they named",
                area.id,
                probe=probe,
                concept_id=concept,
                ack=ack,
                stretch=True,
            )
    minute = state.get("elapsed", 0.0) / 60
    return Move(
        "wrap_up", "wrap_up", f"{reason}; nothing left to ask at minute {minute:.0f}", ack=ack
    )
