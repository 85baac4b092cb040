"""One pure function from an answer to its Reading: the questions asked, the amounts stated,
the decisions made, the slots filled (each with the candidate's own sentence), what was
dismissed, and the quoted material kept apart from the candidate's claims.

The interviewer's policy and the offline scorer both read answers through here, so they never
disagree about what was said.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scoring.reading.catalogue import CompiledSlot, SlotBook
from scoring.reading.decisions import find_decisions
from scoring.reading.dismissal import clauses, lower_keeping_offsets, may_dismiss, stance_at
from scoring.reading.models import Decision, Quantity, Reading, SlotFill, Span
from scoring.reading.quantities import find_quantities
from scoring.reading.questions import find_questions
from scoring.reading.quoting import blank_out, find_quoted, is_prompt_text
from scoring.vocabulary.matcher import normalize
from scoring.vocabulary.text_index import split_sentences

_WORD = re.compile(r"[A-Za-z0-9']+")
_HEDGE = re.compile(
    r"\b(not sure|no idea|i (think|guess|suppose)|probably|somehow|kind of|sort of|"
    r"it depends|we\W?d (figure|work) it out|something like that|i don\W?t know|dunno|"
    r"haven\W?t (really )?thought|(have|need) to (look into|think about) (that|it)|"
    r"can\W?t say|not (much|anything) (else|more) to add|that\W?s (about|most of) (it|what i))"
)
GraderCheck = Callable[[str], bool]


def read_answer(
    text: str,
    book: SlotBook,
    *,
    wrap_up: bool = False,
    aimed_at_grader: GraderCheck | None = None,
) -> Reading:
    """Read one answer. `wrap_up`: the interviewer asked for the candidate's questions.
    `aimed_at_grader`: a check for text addressed to a grader rather than the interviewer."""
    source = normalize(text)
    quoted = find_quoted(source)
    masked = blank_out(source, quoted)
    # Slots are also read from a prompt the candidate would write (their design); amounts,
    # questions and grader-aimed text never are.
    designed = blank_out(source, [q for q in quoted if not is_prompt_text(source, q)])
    sentences = [Span(source[s.start : s.end], s.start, s.end) for s in split_sentences(masked)]
    questions = find_questions(sentences, wrap_up=wrap_up)
    asked = {(q.start, q.end) for q in questions}
    quantities: list[Quantity] = []
    fills: dict[str, SlotFill] = {}
    dismissed: dict[str, SlotFill] = {}
    decisions: list[Decision] = []
    aimed: list[Span] = []
    for sentence in sentences:
        lowered = lower_keeping_offsets(masked[sentence.start : sentence.end])
        if aimed_at_grader is not None and aimed_at_grader(lowered):
            aimed.append(sentence)
            continue
        found = find_quantities(masked[sentence.start : sentence.end], sentence.start)
        quantities.extend(found)
        if (sentence.start, sentence.end) in asked:
            continue  # a question commits to nothing
        designed_here = lower_keeping_offsets(designed[sentence.start : sentence.end])
        here = _read_slots(book, sentence, designed_here, found)
        for fill in here.filled:
            fills.setdefault(fill.slot, fill)
        for fill in here.dismissed:
            dismissed.setdefault(fill.slot, fill)
        decisions.extend(find_decisions(sentence, lowered, bool(here.dismissed)))
    for slot, dismissal in list(dismissed.items()):
        filled = fills.get(slot)
        if filled is not None and filled.sentence != dismissal.sentence:
            del dismissed[slot]  # rejected one way, chosen another ("no streaming: sync")
        else:
            fills.pop(slot, None)
    words = len(_WORD.findall(source))
    hedged = bool(_HEDGE.search(masked.lower())) and not fills and not quantities
    return Reading(
        words=words,
        sentences=tuple(sentences),
        questions=tuple(questions),
        quantities=tuple(quantities),
        decisions=tuple(decisions),
        slots=tuple(fills.values()),
        dismissed=tuple(dismissed.values()),
        quoted=tuple(quoted),
        grader_aimed=tuple(aimed),
        hedged=hedged,
    )


class _SentenceSlots:
    def __init__(self) -> None:
        self.filled: list[SlotFill] = []
        self.dismissed: list[SlotFill] = []


def _read_slots(
    book: SlotBook, sentence: Span, lowered: str, quantities: list[Quantity]
) -> _SentenceSlots:
    out = _SentenceSlots()
    parts = clauses(lowered) if may_dismiss(lowered) else None
    present = book.literals_in(lowered)
    for slot in book.slots:
        verdict = _verdict(slot, parts, lowered, quantities, slot.may_match(present))
        if verdict == "filled":
            out.filled.append(SlotFill(slot.id, sentence))
        elif verdict == "dismissed":
            out.dismissed.append(SlotFill(slot.id, sentence))
    return out


def _verdict(
    slot: CompiledSlot,
    parts: list[tuple[int, int]] | None,
    lowered: str,
    quantities: list[Quantity],
    may_match: bool = True,
) -> str:
    """filled, dismissed or '' for one slot in one sentence (each match judged within its
    clause). `parts`: the sentence's clauses, None when nothing in it can dismiss;
    `may_match`: whether the slot's gate literals are in the sentence at all."""
    if not may_match:
        committed = dismissed = False
    elif parts is None:
        committed, dismissed = slot.forms is not None and bool(slot.forms.search(lowered)), False
    else:
        committed, dismissed = _stances(slot, parts, lowered)
    if dismissed and not committed:
        return "dismissed"
    if committed:
        return "filled"
    measured = slot.measures and any(q.kind in slot.measures for q in quantities)
    if measured and (slot.near is None or slot.near.search(lowered)):
        return "filled"
    return ""


def _stances(slot: CompiledSlot, parts: list[tuple[int, int]], lowered: str) -> tuple[bool, bool]:
    """(committed, dismissed): each match of the slot judged within its clause."""
    committed = dismissed = False
    for pattern in (slot.forms, slot.mentions):
        if pattern is None:
            continue
        for match in pattern.finditer(lowered):
            said = stance_at(lowered, parts, match.start(), match.end())
            if said == "dismissed":
                dismissed = True
            elif pattern is slot.forms or said == "affirmed":
                committed = True
    return committed, dismissed


def slots_named(text: str, book: SlotBook) -> tuple[str, ...]:
    """The slots a text (a question) names by their forms or mentions: what it asks for."""
    lowered = normalize(text).lower()
    named = []
    for slot in book.slots:
        if any(p is not None and p.search(lowered) for p in (slot.forms, slot.mentions)):
            named.append(slot.id)
    return tuple(named)
