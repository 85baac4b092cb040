"""The slots of the interviewer's reading as evidence for the scorer: a sentence that fills a
slot in plain words ("try it on a few reps for a week first" fills the rollout slot) carries
that slot as a concept of the slot's dimension, beside the vocabulary's named techniques.

Each slot form runs as a gated pattern over the joined candidate text (only on sentences that
hold one of its literals), so reading the slots costs little more than the vocabulary does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import cache

from scoring.reading.catalogue import slot_catalogue
from scoring.rubrics.models import Dimension
from scoring.vocabulary.matcher import Gated, Hit, Matcher, gated

PREFIX = "slot:"


def is_slot(concept: str) -> bool:
    return concept.startswith(PREFIX)


@cache
def slot_forms() -> tuple[tuple[str, tuple[Gated, ...]], ...]:
    """(slot concept id, its compiled forms) for every catalogue slot with forms: each form's
    own literals gate it, so their gates must join the matcher's index (`slot_gates`)."""
    return tuple(
        (PREFIX + slot.id, tuple(gated(form) for form in slot.forms))
        for slot in slot_catalogue().slots
        if slot.forms
    )


def slot_gates() -> Iterator[Gated]:
    """Every slot form, for `Matcher.register`."""
    return (form for _, forms in slot_forms() for form in forms)


def dimension_concepts(dimension: Dimension) -> frozenset[str]:
    """What bears on a rubric dimension: the vocabulary's concepts it lists and its slots."""
    return frozenset(dimension.signals.concepts) | slot_concepts(dimension)


def slot_concepts(dimension: Dimension) -> frozenset[str]:
    """The slot concepts that bear on a rubric dimension: those it lists, or by default every
    slot the catalogue files under its id."""
    if dimension.signals.slots is not None:
        return frozenset(PREFIX + slot for slot in dimension.signals.slots)
    return _filed_under(dimension.id)


@cache
def _filed_under(dimension: str) -> frozenset[str]:
    return frozenset(PREFIX + s.id for s in slot_catalogue().slots if s.dimension == dimension)


@cache
def slot_labels() -> dict[str, str]:
    return {PREFIX + s.id: s.id.replace("_", " ") for s in slot_catalogue().slots}


def slot_hits(matcher: Matcher, text: str, asked: Collection[int]) -> list[Hit]:
    """The first match of each slot in each sentence of `text`, never spanning two sentences.
    Each form runs only on the sentences holding its literals, and a sentence is done with a
    slot at its first match (forms tried in their order). A question fills nothing: asking
    how much traffic there is commits to no design (as in the interviewer's reading); `asked`:
    the sentences (their numbers) the reader takes for questions, with a mark or without."""
    index = matcher.index(text)
    everywhere = range(len(index.sentences))
    questions = frozenset(asked)
    hits: list[Hit] = []
    for concept, forms in slot_forms():
        filled: dict[int, Hit] = {}
        done = set(questions)  # sentences the slot is settled in: questions, or already filled
        for form in forms:
            gated_here = matcher.gated_sentences(index, form)
            if gated_here is None:  # no gate: one pass over the whole text first
                gated_here = set(everywhere) if form.regex.search(text) else set()
            todo = gated_here - done
            if not todo:
                continue
            regex, texts = matcher.runnable(index, form)
            for i in todo:
                found = regex.search(texts[i])
                if found is not None and found.end() > found.start():
                    start = index.starts[i]
                    filled[i] = Hit(concept, start + found.start(), start + found.end())
                    done.add(i)
        hits.extend(filled[i] for i in sorted(filled))
    return hits
