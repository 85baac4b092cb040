"""Reading one answer for the policy: is it an answer at all, what it fills, what it asks.

The slots, questions, amounts and dismissals come from scoring's reading (the same one the
offline scorer uses); this module adds what only the interview needs: non-answers, the facts
each clarifying question asks for, and the sentence worth quoting back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, lru_cache
from typing import Any, Literal

from scoring.reading.catalogue import SlotBook, slot_book
from scoring.reading.models import Reading, Span
from scoring.reading.read import read_answer
from scoring.reading.topics import content_stems, stem, touched_slots
from scoring.vocabulary.integrity import aimed_at_grader, normalise
from scoring.vocabulary.language import is_gibberish, is_off_topic, is_repeat
from scoring.vocabulary.matcher import DEPTH_KINDS, Hit, Matcher, words
from simulator.content.models import Brief

AnswerKind = Literal[
    "answer", "clarifying", "hint_request", "empty", "gibberish", "off_topic", "repeat", "injection"
]
NON_ANSWERS: frozenset[str] = frozenset({"empty", "gibberish", "off_topic", "repeat", "injection"})
MIN_WORDS = 4
# A quote read back to the candidate is a whole sentence: shorter ones carry nothing ("Two
# things."), longer ones are a monologue read back.
QUOTE_MIN_WORDS = 6
QUOTE_MAX_WORDS = 40
MAX_FACTS_PER_QUESTION = 2
FACT_WORDS_MIN = 2  # distinctive words a question shares with a fact that no keyword found
FACT_WORD_SPREAD = 2  # ... distinctive: used by at most this many of the brief's facts
FACT_STATED_MIN = 5  # a fact whose words the answer already says this many of
FACT_STATED_SHARE = 0.4  # ... and this share of: the candidate knows it, asks for more
CHANGE_MIN_WORDS = 4  # distinctive words shared with a requirement change's text
CHANGE_SHARE = 0.55  # ... and at least this share of them
CHANGE_MARGIN = 2  # ... and this many more than with any other change
# An answer that mentions a change already raised (shares this many of its words, one of them
# a figure of the change when it has figures) has taken it up, even in passing.
CHANGE_TOUCH_MIN = 3
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_TOKEN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Analysis:
    kind: AnswerKind
    words: int = 0
    concepts: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    depth: tuple[str, ...] = ()
    brief_tie: bool = False
    injection: bool = False
    fact_ids: tuple[str, ...] = ()  # the facts the candidate's clarifying questions ask for
    loose_facts: tuple[str, ...] = ()  # of those, asked for loosely: never said again
    unanswerable: int = 0  # clarifying questions no fact of the brief answers
    quote: str = ""  # the best sentence to quote back (may be "")
    quotes: dict[str, str] = field(default_factory=dict)  # concept -> its sentence
    touched: tuple[str, ...] = ()  # slots the statements touch, filled or not (never asked)
    change_id: str = ""  # the brief's requirement change the answer talks about, if any
    changes_touched: tuple[str, ...] = ()  # the changes it mentions, even in passing
    reading: dict[str, Any] | None = None
    read_by: str = ""  # who read it: "offline", "claude", "offline (fallback)"

    @property
    def non_answer(self) -> bool:
        return self.kind in NON_ANSWERS

    @property
    def depth_score(self) -> int:
        return len(self.depth) + (1 if self.brief_tie else 0)

    @cached_property  # the policy asks for it many times a turn: parsed once
    def read(self) -> Reading:
        return Reading.from_dict(self.reading) if self.reading else Reading(words=self.words)

    def to_dict(self) -> dict[str, Any]:
        """Shallow: its values are plain already, and the reading is a dict already."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            **{
                **data,
                "concepts": tuple(data["concepts"]),
                "techniques": tuple(data["techniques"]),
                "depth": tuple(data["depth"]),
                "fact_ids": tuple(data["fact_ids"]),
                "touched": tuple(data.get("touched", ())),
                "changes_touched": tuple(data.get("changes_touched", ())),
            }
        )


def _grader_check(text: str, matcher: Matcher) -> Callable[[str], bool]:
    """The check for text aimed at a grader, sentence by sentence; an answer that carries no
    sign of it anywhere needs no sentence looked at (the usual case, read once)."""
    if not matcher.has(normalise(text), "grader_injection"):
        return lambda sentence: False
    return lambda sentence: aimed_at_grader(sentence, matcher)


def entity_words(brief: Brief) -> frozenset[str]:
    return frozenset(w for entity in brief.entities for w in words(entity) if len(w) > 3)


def quotable(sentence: str) -> str:
    """The sentence if it is worth reading back whole, else ""."""
    count = len(sentence.split())
    return sentence.strip() if QUOTE_MIN_WORDS <= count <= QUOTE_MAX_WORDS else ""


def match_facts(question: str, brief: Brief) -> tuple[str, ...]:
    """The brief's facts a clarifying question asks for, best match first (at most two)."""
    return tuple(fact_id for fact_id, _ in _fact_matches(question, brief))


def _fact_matches(question: str, brief: Brief) -> list[tuple[str, bool]]:
    """(fact id, loosely) for the facts a question asks for, best match first (at most two).
    Keywords match whole words with their endings folded ("workspace" finds "workspaces",
    "click" finds "click-through"); longer keywords weigh more, so "how many tickets" beats a
    bare "how many". A question in words no keyword has still finds a fact when it shares
    FACT_WORDS_MIN of the fact's distinctive words, one of them a word of the fact's name:
    "is the event log in a warehouse?" finds the event log's size and where it is stored.
    A fact found by one single-word keyword alone is found loosely ("how do admins react to
    the current email?" and the current email's click rate): enough to give a fact not given
    yet, not to say one again."""
    said = " " + " ".join(stem(w) for w in _TOKEN.findall(question)) + " "
    asked = content_stems(question)
    about = _fact_words(tuple((f.id, f.answer) for f in brief.facts))
    scored: list[tuple[int, int, str]] = []
    for order, fact in enumerate(brief.facts):
        hits = sum(
            len(k.split())
            for k in fact.keywords
            if " " + " ".join(stem(w) for w in _TOKEN.findall(k)) + " " in said
        )
        shared = asked & about[fact.id][0]
        if len(shared) >= FACT_WORDS_MIN and shared & about[fact.id][1]:
            hits += len(shared)
        if hits:
            scored.append((-hits, order, fact.id))
    return [(fact_id, hits == -1) for hits, _, fact_id in sorted(scored)[:MAX_FACTS_PER_QUESTION]]


@lru_cache(maxsize=16)
def _fact_words(
    facts: tuple[tuple[str, str], ...],
) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """(fact id, answer) of a brief's facts -> fact id -> (the distinctive stems of its name and
    answer, the stems of its name); read once per brief. A stem is distinctive when at most
    FACT_WORD_SPREAD of the brief's facts use it."""
    named = {fact: content_stems(fact.replace("_", " ")) for fact, _ in facts}
    told = {fact: content_stems(answer) | named[fact] for fact, answer in facts}
    used = Counter(w for stems in told.values() for w in stems)
    return {
        fact: (frozenset(w for w in stems if used[w] <= FACT_WORD_SPREAD), named[fact])
        for fact, stems in told.items()
    }


def analyze_answer(
    text: str,
    *,
    brief: Brief,
    matcher: Matcher,
    earlier_answers: list[str],
    book: SlotBook | None = None,
    hint_request: bool = False,
    wrap_up: bool = False,
    model_reading: Reading | None = None,
) -> Analysis:
    """Classify an answer and record what it carries. Pure: same input, same Analysis.

    `model_reading` (from the Claude engine, spans already verified) replaces the offline
    reading's slots, questions and amounts; text aimed at a grader is always found offline."""
    if hint_request:
        return Analysis(kind="hint_request")
    stripped = text.strip()
    count = len(words(stripped))
    reading = read_answer(
        stripped,
        book or slot_book(brief.slot_forms),
        wrap_up=wrap_up,
        aimed_at_grader=_grader_check(stripped, matcher),
    )
    if model_reading is not None:
        reading = replace(model_reading, grader_aimed=reading.grader_aimed)
    aimed = {(s.start, s.end) for s in reading.grader_aimed}
    own = " ".join(s.text for s in reading.sentences if (s.start, s.end) not in aimed)
    own_count = len(words(own))
    # a technique named in a sentence that sets it aside ("I wouldn't bother pinning") is
    # not one the candidate uses
    aside = aimed | {(f.sentence.start, f.sentence.end) for f in reading.dismissed}
    claims = [s for s in reading.sentences if (s.start, s.end) not in aside]
    hits = matcher.concept_hits(" ".join(s.text for s in claims))
    concepts = tuple(dict.fromkeys(hit.kind for hit in hits))
    statements = _statements(reading)
    touched = touched_slots(statements)
    # Touching a slot in plain words ("if the reps start complaining we'd know") is an answer,
    # however little it commits to, when it is about the work at all.
    plain = bool(touched) and _on_topic_words(own, matcher, brief)
    carries = bool(reading.slots or reading.quantities or reading.decisions or concepts or plain)
    data = reading.to_dict()

    if reading.grader_aimed and own_count < MIN_WORDS * 3:
        return Analysis(kind="injection", words=count, injection=True, reading=data)
    if own_count < MIN_WORDS and not carries and not reading.questions:
        return Analysis(
            kind="empty", words=count, injection=bool(reading.grader_aimed), reading=data
        )
    if not carries and is_gibberish(own, matcher):
        return Analysis(kind="gibberish", words=count, reading=data)
    if is_repeat(own, earlier_answers):
        return Analysis(kind="repeat", words=count, reading=data)

    fact_ids, unanswerable, loose_facts = _asked_facts(reading, brief)
    # A question about the work or the team gets an answer (from the facts, "assume", or what
    # the interviewer can say about the team); one about the weekend's match does not.
    on_topic = carries or bool(fact_ids) or _on_topic_words(own, matcher, brief)
    if reading.questions and not on_topic and not reading.asked("wrap_up") and not wrap_up:
        return Analysis(kind="off_topic", words=count, reading=data)
    clarifying = reading.asked("clarifying", "wrap_up")
    if clarifying and not reading.slots and not wrap_up:
        return Analysis(
            kind="clarifying",
            words=count,
            fact_ids=fact_ids,
            loose_facts=loose_facts,
            unanswerable=unanswerable,
            touched=touched,
            reading=data,
        )
    if reading.hedged and not carries and not reading.questions:
        # "I don't know" / "I haven't thought about that": an honest answer, not off topic;
        # the interviewer moves on rather than asking the same thing again.
        return Analysis(kind="answer", words=count, reading=data)
    if not carries and not reading.questions and is_off_topic(own, matcher, entity_words(brief)):
        return Analysis(kind="off_topic", words=count, reading=data)

    depth = tuple(kind for kind in DEPTH_KINDS if matcher.has(own, kind))
    tie = bool(set(words(own)) & entity_words(brief))
    return Analysis(
        kind="answer",
        words=count,
        concepts=concepts,
        techniques=tuple(c for c in concepts if c in matcher.techniques),
        depth=depth,
        brief_tie=tie,
        injection=bool(reading.grader_aimed),
        fact_ids=fact_ids,
        loose_facts=loose_facts,
        unanswerable=unanswerable,
        quote=_best_quote(reading),
        quotes=_technique_quotes(claims, hits),
        touched=touched,
        # a change restated in a question ("if the queue takes only 300, do we...?") counts
        change_id=change_talked_about([s.text for s in reading.sentences], brief),
        changes_touched=changes_touched([s.text for s in reading.sentences], brief),
        reading=data,
    )


def _asked_facts(reading: Reading, brief: Brief) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    """Every fact the clarifying questions ask for, how many questions no fact answers (a
    question whose only facts an earlier question already drew gets nothing of its own), and
    the facts asked for only loosely."""
    facts: list[str] = []
    firm: set[str] = set()
    unanswerable = 0
    stated = content_stems(
        " ".join(s.text for s in reading.sentences if not s.text.rstrip().endswith("?"))
    )
    for question in reading.asked("clarifying"):
        # a fact the answer itself already states is not what its question asks for
        found = [m for m in _fact_matches(question.text, brief) if not _states(stated, m[0], brief)]
        firm.update(f for f, loosely in found if not loosely)
        matched = tuple(f for f, _ in found)
        if not any(f not in facts for f in matched):
            unanswerable += 1
        facts.extend(f for f in matched if f not in facts)
    return tuple(facts), unanswerable, tuple(f for f in facts if f not in firm)


def _states(stated: frozenset[str], fact_id: str, brief: Brief) -> bool:
    told = content_stems(next(f.answer for f in brief.facts if f.id == fact_id))
    shared = len(told & stated)
    return shared >= FACT_STATED_MIN and shared >= FACT_STATED_SHARE * len(told)


def change_talked_about(statements: list[str], brief: Brief) -> str:
    """The requirement change (curveball) the answer restates: it shares at least
    CHANGE_SHARE of that change's distinctive words (and CHANGE_MIN_WORDS), and CHANGE_MARGIN
    more than with any other change. A candidate who answers a change nobody raised is told
    so."""
    said = frozenset().union(*(change_words(s) for s in statements))
    overlaps = sorted(
        ((len(said & change_words(c.text)), c.id) for c in brief.curveballs), reverse=True
    )
    if not overlaps:
        return ""
    change = next(c for c in brief.curveballs if c.id == overlaps[0][1])
    if overlaps[0][0] < max(CHANGE_MIN_WORDS, CHANGE_SHARE * len(change_words(change.text))):
        return ""
    if len(overlaps) > 1 and overlaps[0][0] - overlaps[1][0] < CHANGE_MARGIN:
        return ""
    return overlaps[0][1]


def changes_touched(sentences: list[str], brief: Brief) -> tuple[str, ...]:
    """The requirement changes the answer mentions, even in passing or in a question: the
    restated one, or one whose words and figures it shares."""
    said = frozenset().union(*(change_words(s) for s in sentences))
    touched = []
    for change in brief.curveballs:
        words = change_words(change.text)
        figures = {w for w in words if w[0].isdigit()}
        shared = said & words
        if len(shared) >= CHANGE_TOUCH_MIN and (not figures or shared & figures):
            touched.append(change.id)
    restated = change_talked_about(sentences, brief)
    return tuple(dict.fromkeys([restated, *touched] if restated else touched))


def change_words(text: str) -> frozenset[str]:
    """The distinctive words of a text with its figures ("300 tickets" keeps "300")."""
    figures = {n.replace(",", "") for n in _NUMBER.findall(text)}
    return content_stems(text) | figures


def _statements(reading: Reading) -> list[str]:
    """The candidate's own sentences that are not questions or aimed at a grader."""
    skip = {(q.start, q.end) for q in reading.questions}
    skip |= {(s.start, s.end) for s in reading.grader_aimed}
    return [s.text for s in reading.sentences if (s.start, s.end) not in skip]


def _best_quote(reading: Reading) -> str:
    """The first quotable sentence that fills a slot, else the first quotable statement."""
    for fill in reading.slots:
        if quote := quotable(fill.sentence.text):
            return quote
    asked = {(q.start, q.end) for q in reading.questions}
    for sentence in reading.sentences:
        if (sentence.start, sentence.end) not in asked and (quote := quotable(sentence.text)):
            return quote
    return ""


def _on_topic_words(text: str, matcher: Matcher, brief: Brief) -> bool:
    """Any word of the field or of the brief's nouns, singular or plural ("agents")."""
    entities = entity_words(brief)
    known = matcher.domain_words | entities
    return any(w in known or w.removesuffix("s") in known for w in words(text))


def _technique_quotes(claims: list[Span], hits: list[Hit]) -> dict[str, str]:
    """For each concept, the whole sentence in which it is first named (when worth quoting).
    Hits are found in the candidate's claims joined by single spaces, so a hit's offset says
    which sentence it is in."""
    starts: list[tuple[int, str]] = []
    position = 0
    for sentence in claims:
        starts.append((position, sentence.text))
        position += len(sentence.text) + 1
    quotes: dict[str, str] = {}
    for hit in hits:
        if hit.kind in quotes:
            continue
        text = next((t for start, t in reversed(starts) if start <= hit.start), "")
        if quote := quotable(text):
            quotes[hit.kind] = quote
    return quotes
