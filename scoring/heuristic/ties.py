"""What ties a sentence to this round rather than to LLM systems in general: the brief's names
when the brief is known, and always what the interviewer said that only this round would say
(its names, systems, kinds of record: words neither common English nor the vocabulary's own;
the list of common English words is short, so some ordinary words the interviewer used count
too). A sentence that reuses one is about this product: "the admins open the weekly email on
Mondays" where the interviewer spoke of admins and the weekly email. Pure."""

from __future__ import annotations

from functools import lru_cache

from scoring.transcripts.model import Transcript
from scoring.vocabulary.common import common_words
from scoring.vocabulary.matcher import Matcher, words

_SHORTEST_SPECIFIC = 4  # letters: shorter words are too common to tie anything


def round_words(transcript: Transcript, matcher: Matcher) -> frozenset[str]:
    """What the interviewer said that only this round would say."""
    known = _known(matcher)
    said = " ".join(turn.text for turn in transcript.turns if turn.role == "interviewer")
    return frozenset(w for w in set(words(said)) - known if len(w) >= _SHORTEST_SPECIFIC)


@lru_cache(maxsize=4)
def _known(matcher: Matcher) -> frozenset[str]:
    return common_words() | matcher.phrase_words | matcher.domain_words
