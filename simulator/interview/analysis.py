"""Reading one answer: is it an answer at all, what it names, and how deep it goes."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from scoring.vocabulary.language import is_gibberish, is_off_topic, is_repeat
from scoring.vocabulary.matcher import (
    DEPTH_KINDS,
    Hit,
    Matcher,
    phrase_regex,
    words,
)
from scoring.vocabulary.text_index import split_sentences
from simulator.content.models import Brief

AnswerKind = Literal[
    "answer", "clarifying", "hint_request", "empty", "gibberish", "off_topic", "repeat", "injection"
]
NON_ANSWERS: frozenset[str] = frozenset({"empty", "gibberish", "off_topic", "repeat", "injection"})
MIN_WORDS = 4
QUOTE_WORDS = 12
_QUESTION_START = re.compile(
    r"^(how|what|what's|who|which|when|where|why|is|are|do|does|did|can|could|should|would|will)\b",
    re.I,
)


@dataclass(frozen=True)
class Analysis:
    kind: AnswerKind
    words: int = 0
    concepts: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    depth: tuple[str, ...] = ()
    brief_tie: bool = False
    injection: bool = False
    fact_ids: tuple[str, ...] = ()
    quote: str = ""
    quotes: dict[str, str] = field(default_factory=dict)

    @property
    def non_answer(self) -> bool:
        return self.kind in NON_ANSWERS

    @property
    def depth_score(self) -> int:
        return len(self.depth) + (1 if self.brief_tie else 0)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            **{
                **data,
                "concepts": tuple(data["concepts"]),
                "techniques": tuple(data["techniques"]),
                "depth": tuple(data["depth"]),
                "fact_ids": tuple(data["fact_ids"]),
            }
        )


def entity_words(brief: Brief) -> frozenset[str]:
    return frozenset(w for entity in brief.entities for w in words(entity) if len(w) > 3)


def _short_quote(sentence: str) -> str:
    tokens = sentence.strip().rstrip(".!?").split()
    quote = " ".join(tokens[:QUOTE_WORDS])
    return quote + ("…" if len(tokens) > QUOTE_WORDS else "")


def match_facts(question: str, brief: Brief) -> tuple[str, ...]:
    """The brief's facts a clarifying question asks for, best match first (at most two).
    Longer keywords weigh more, so "how many tickets" beats a bare "how many"."""
    scored: list[tuple[int, int, str]] = []
    for order, fact in enumerate(brief.facts):
        hits = sum(
            len(k.split())
            for k in fact.keywords
            if re.search(phrase_regex(k.lower()), question, re.I)
        )
        if hits:
            scored.append((-hits, order, fact.id))
    return tuple(fact_id for _, _, fact_id in sorted(scored)[:2])


def analyze_answer(
    text: str,
    *,
    brief: Brief,
    matcher: Matcher,
    earlier_answers: list[str],
    hint_request: bool = False,
) -> Analysis:
    """Classify an answer and measure what it carries. Pure: same input, same Analysis."""
    if hint_request:
        return Analysis(kind="hint_request")
    stripped = text.strip()
    count = len(words(stripped))
    sentences = split_sentences(stripped)
    injected = [s for s in sentences if matcher.has(s.text, "grader_injection")]
    clean = [s for s in sentences if s not in injected]
    clean_text = " ".join(s.text for s in clean)
    clean_count = len(words(clean_text))
    hits = matcher.concept_hits(clean_text)
    concepts = tuple(dict.fromkeys(hit.kind for hit in hits))

    if injected and clean_count < MIN_WORDS * 3:
        return Analysis(kind="injection", words=count, injection=True)
    if clean_count < MIN_WORDS and not concepts and "?" not in clean_text:
        return Analysis(kind="empty", words=count, injection=bool(injected))
    if is_gibberish(clean_text, matcher):
        return Analysis(kind="gibberish", words=count)
    if is_repeat(clean_text, earlier_answers):
        return Analysis(kind="repeat", words=count)

    questions = [s.text for s in clean if s.text.endswith("?")]
    statements = " ".join(s.text for s in clean if not s.text.endswith("?"))
    on_topic = concepts or _on_topic_words(clean_text, matcher, brief)
    if questions and not on_topic:
        return Analysis(kind="off_topic", words=count)
    if questions and len(words(statements)) < 30 and _asks(questions, matcher):
        facts: list[str] = []
        for question in questions:
            facts.extend(f for f in match_facts(question, brief) if f not in facts)
        return Analysis(kind="clarifying", words=count, fact_ids=tuple(facts[:2]))
    if not concepts and is_off_topic(clean_text, matcher, entity_words(brief)):
        return Analysis(kind="off_topic", words=count)

    depth = tuple(kind for kind in DEPTH_KINDS if matcher.has(clean_text, kind))
    tie = bool(set(words(clean_text)) & entity_words(brief))
    quotes = _technique_quotes(clean_text, hits)
    first = clean[0].text if clean else stripped
    return Analysis(
        kind="answer",
        words=count,
        concepts=concepts,
        techniques=tuple(c for c in concepts if c in matcher.techniques),
        depth=depth,
        brief_tie=tie,
        injection=bool(injected),
        quote=_short_quote(first),
        quotes=quotes,
    )


def _on_topic_words(text: str, matcher: Matcher, brief: Brief) -> bool:
    entities = entity_words(brief)
    return any(w in matcher.domain_words or w in entities for w in words(text))


def _asks(questions: list[str], matcher: Matcher) -> bool:
    return any(
        _QUESTION_START.search(q) or matcher.has(q, "clarifying_question") for q in questions
    )


def _technique_quotes(text: str, hits: list[Hit]) -> dict[str, str]:
    """For each concept, a short quote of the sentence that first names it."""
    quotes: dict[str, str] = {}
    sentences = split_sentences(text)
    for hit in hits:
        if hit.kind in quotes:
            continue
        sentence = next((s for s in sentences if s.start <= hit.start < s.end), None)
        if sentence is not None:
            quotes[hit.kind] = _short_quote(sentence.text)
    return quotes
