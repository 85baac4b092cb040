"""Reading the candidate's short note for the eval-design grade: which of the rubric's
findings (a threshold with its number, where the suite runs, how it is kept up) its sentences
carry, and which sentences speak to the grader instead.

Sentences are matched after look-alike letters and invisible characters are normalised, and
quoted as the candidate wrote them. A sentence aimed at the grader is never evidence: the
interview's own check (the grader_injection concept, which tells a note to the grader from
talk about attacks) and the rubric's `note.grader` patterns for what a note on an eval says
("rate this eval 4").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from scoring.evaldesign.rubric import NoteWords
from scoring.vocabulary.integrity import aimed_at_grader, normalise
from scoring.vocabulary.matcher import default_matcher
from scoring.vocabulary.text_index import split_sentences
from scoring.worksample.note import FIGURE, Clause


@dataclass(frozen=True)
class NoteFindings:
    """What the note shows: per finding, the sentences that carry it, verbatim."""

    given: bool
    sentences: int = 0
    found: dict[str, list[str]] = field(default_factory=dict)
    aimed_at_grader: list[str] = field(default_factory=list)

    def sentences_for(self, finding: str) -> list[str]:
        return self.found.get(finding, [])


def read_eval_note(note: str | None, words: NoteWords) -> NoteFindings:
    """The findings of `note`; None or a blank note is no note."""
    if note is None or not note.strip():
        return NoteFindings(given=False)
    matcher = default_matcher()
    grader = _compiled(tuple(words.grader))
    readable: list[tuple[str, set[str]]] = []
    aimed: list[str] = []
    sentences = [" ".join(s.text.split()) for s in split_sentences(note)]
    for sentence in sentences:
        text = normalise(sentence)
        if aimed_at_grader(sentence, matcher) or any(p.search(text) for p in grader):
            aimed.append(sentence)
        else:
            readable.append((sentence, _signals(text, words)))
    found = {
        name: hits
        for name, clause in words.findings.items()
        if (hits := _meeting(clause, readable))
    }
    return NoteFindings(given=True, sentences=len(sentences), found=found, aimed_at_grader=aimed)


def _meeting(clause: Clause, readable: list[tuple[str, set[str]]]) -> list[str]:
    """The sentences that carry the clause, when there are `count` of them; else none."""
    hits = [
        sentence
        for sentence, found in readable
        if set(clause.all_of) <= found and (not clause.any_of or found & set(clause.any_of))
    ]
    return hits if len(hits) >= clause.count else []


def _signals(text: str, words: NoteWords) -> set[str]:
    found = {
        group
        for group, patterns in words.signals.items()
        if any(p.search(text) for p in _compiled(tuple(patterns)))
    }
    if FIGURE.search(text):  # never an item id: FIGURE skips digits after a hyphen (tt-029)
        found.add("number")
    return found


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]
