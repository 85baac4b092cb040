"""General talk: a design round that talks about techniques in general, not about this product.

Sentences that name a technique are tied to the round when they reuse something specific to it
(`ties`: the brief's names, or a name, a system, a kind of record the interviewer spoke of) or
give a figure. A round where fewer than half of them are, and fewer than a dozen sentences give
any figure, is polished best practice of the candidate's own: "a context preparation layer that
selects the most relevant information", "prompts versioned and tested like any other code".
It reaches no dimension's level 3, whose anchors ask for this feature's choices; the card says
why. (Recitation of the rubric's own words is found apart, in `recitation`.) Pure."""

from __future__ import annotations

import re

from scoring.heuristic.reading import ReadSentence

GENERAL_CAP = 2
TIED_SHARE = 0.5  # fewer than this share of the naming sentences tied to the round ...
FEW_FIGURES = 12  # ... and fewer sentences than this with a figure: general talk
MIN_NAMING = 10  # too few naming sentences to judge


def general_talk(usable: list[ReadSentence]) -> str | None:
    """Why the round is general talk, or None when it is tied to this round (each sentence's
    `brief_tie` read)."""
    naming = [s for s in usable if s.concepts]
    figures = sum(_has_figure(s) for s in usable)
    if len(naming) < MIN_NAMING or figures >= FEW_FIGURES:
        return None
    tied = 0
    for sentence in naming:  # until half are tied: most rounds stop early
        if _has_figure(sentence) or sentence.brief_tie:
            tied += 1
            if tied >= TIED_SHARE * len(naming):
                return None
    return (
        f"talks about techniques in general: {tied} of the {len(naming)} sentences that name "
        f"one touch anything said in this round or give a figure, and {figures} give a figure"
    )


_DIGIT = re.compile(r"\d")


def _has_figure(sentence: ReadSentence) -> bool:
    return "quantity" in sentence.depth or _DIGIT.search(sentence.text) is not None
