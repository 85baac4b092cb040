"""General talk: a design round that talks about techniques in general, not about this product.

Sentences that name a technique are tied to the round when they reuse something specific the
interviewer said (a name, a system, a kind of record: a word that is neither common English nor
the vocabulary's own) or give a figure. A round where fewer than half of them are, and fewer
than a dozen sentences give any figure, is polished best practice of the candidate's own: "a
context preparation layer that selects the most relevant information", "prompts versioned and
tested like any other code". It reaches no dimension's level 3, whose anchors ask for this
feature's choices; the card says why. (Recitation of the rubric's own words is found apart, in
`recitation`.) Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from scoring.heuristic.reading import ReadSentence
from scoring.transcripts.model import Transcript
from scoring.vocabulary.common import common_words
from scoring.vocabulary.matcher import Matcher, words

GENERAL_CAP = 2
TIED_SHARE = 0.5  # fewer than this share of the naming sentences tied to the round ...
FEW_FIGURES = 12  # ... and fewer sentences than this with a figure: general talk
MIN_NAMING = 10  # too few naming sentences to judge
_SHORTEST_SPECIFIC = 4  # letters: shorter words are too common to tie anything


def general_talk(
    transcript: Transcript, usable: list[ReadSentence], matcher: Matcher
) -> str | None:
    """Why the round is general talk, or None when it is tied to this round."""
    naming = [s for s in usable if s.concepts]
    figures = sum(_has_figure(s) for s in usable)
    if len(naming) < MIN_NAMING or figures >= FEW_FIGURES:
        return None
    specific = _specific_words(transcript, matcher)
    tied = 0
    for sentence in naming:  # until half are tied: most rounds stop early
        if _has_figure(sentence) or not specific.isdisjoint(words(sentence.text)):
            tied += 1
            if tied >= TIED_SHARE * len(naming):
                return None
    return (
        f"talks about techniques in general: {tied} of the {len(naming)} sentences that name "
        f"one touch anything said in this round or give a figure, and {figures} give a figure"
    )


def _specific_words(transcript: Transcript, matcher: Matcher) -> set[str]:
    """What the interviewer said that only this round would say (the brief's names, systems,
    records): words neither common English nor the vocabulary's own."""
    known = _known(matcher)
    said = " ".join(turn.text for turn in transcript.turns if turn.role == "interviewer")
    return {w for w in set(words(said)) - known if len(w) >= _SHORTEST_SPECIFIC}


@lru_cache(maxsize=4)
def _known(matcher: Matcher) -> frozenset[str]:
    return common_words() | matcher.phrase_words | matcher.domain_words


_DIGIT = re.compile(r"\d")


def _has_figure(sentence: ReadSentence) -> bool:
    return "quantity" in sentence.depth or _DIGIT.search(sentence.text) is not None
