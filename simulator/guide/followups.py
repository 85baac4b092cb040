"""Follow-ups for one probe area, keyed to what the candidate says.

Three sources, all data: the brief's own follow-ups for the area (a shallow answer, or a
design choice the follow-up is about), the brief's strong answer for what a strong version
of that choice sounds like, and the concept vocabulary's probe of each named technique,
worded for the brief exactly as the live interviewer asks it (`technique_probes`).
Which concepts a piece of brief text is about is decided by the same matcher that reads the
candidate's answers, so the guide and the live interviewer agree on what "caching" means.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.vocabulary.matcher import Matcher
from scoring.vocabulary.models import Concept
from scoring.vocabulary.text_index import split_sentences
from simulator.content.models import ProbeArea
from simulator.guide.model import FollowUp, TriggerKind
from simulator.guide.wording import Triggers

MENTION_LINES = 4  # "if they mention X" probes per area, most relevant first


@dataclass(frozen=True)
class AreaText:
    """Which techniques of the area's dimension the brief's own text for the area mentions."""

    follow_up_concepts: list[list[str]]  # per brief follow-up, in the order they appear
    strong_sentences: dict[str, str]  # technique -> first strong-answer sentence naming it
    mentions: dict[str, int]  # technique -> times named in the area's text
    first_seen: dict[str, int]  # technique -> order of first appearance in the area's text


def probing_techniques(
    dimension: str, concepts: list[Concept], probes: Mapping[str, str]
) -> list[Concept]:
    """Vocabulary techniques that bear on `dimension` and carry a follow-up probe."""
    return [c for c in concepts if c.technique and c.id in probes and dimension in c.dimensions]


def read_area(area: ProbeArea, techniques: list[Concept], matcher: Matcher) -> AreaText:
    wanted = {c.id for c in techniques}
    mentions: dict[str, int] = {}
    first_seen: dict[str, int] = {}

    def found_in(text: str) -> list[str]:
        ids = [hit.kind for hit in matcher.concept_hits(text) if hit.kind in wanted]
        for concept_id in ids:
            mentions[concept_id] = mentions.get(concept_id, 0) + 1
            first_seen.setdefault(concept_id, len(first_seen))
        return list(dict.fromkeys(ids))

    found_in(area.main_probe)
    follow_up_concepts = [found_in(text) for text in area.follow_ups]
    strong_sentences: dict[str, str] = {}
    for sentence in split_sentences(area.strong_answer):
        for concept_id in found_in(sentence.text):
            strong_sentences.setdefault(concept_id, _flat(sentence.text))
    found_in(area.hint)
    return AreaText(follow_up_concepts, strong_sentences, mentions, first_seen)


def area_follow_ups(
    area: ProbeArea,
    concepts: list[Concept],
    probes: Mapping[str, str],
    matcher: Matcher,
    triggers: Triggers,
) -> list[FollowUp]:
    """The brief's own follow-ups in order, then the most relevant technique probes.

    `probes` maps a concept id to its follow-up worded for the brief (`technique_probes`).

    A brief follow-up is keyed to a choice ("if they choose X") when both it and the brief's
    strong answer name technique X; otherwise it is for a shallow answer. When none can be
    keyed, the first technique the strong answer names becomes the area's choice line. The
    rest are "if they mention X" probes from the vocabulary, with the strong answer's
    sentence about X where it has one.
    """
    techniques = probing_techniques(area.dimension, concepts, probes)
    by_id = {c.id: c for c in techniques}
    text = read_area(area, techniques, matcher)
    keyed: set[str] = set()
    lines: list[FollowUp] = []
    for ask, named in zip(area.follow_ups, text.follow_up_concepts, strict=True):
        choice = next((c for c in named if c in text.strong_sentences and c not in keyed), None)
        if choice is None:
            lines.append(FollowUp(kind="shallow", trigger=triggers.shallow, ask=_flat(ask)))
            continue
        keyed.add(choice)
        lines.append(_line("choice", by_id[choice], ask, text, triggers))
    if not keyed and text.strong_sentences:
        concept = by_id[next(iter(text.strong_sentences))]
        keyed.add(concept.id)
        lines.append(_line("choice", concept, probes[concept.id], text, triggers))
    for concept in _most_relevant(techniques, area.dimension, text, keyed)[:MENTION_LINES]:
        lines.append(_line("mention", concept, probes[concept.id], text, triggers))
    return lines


def _line(
    kind: TriggerKind, concept: Concept, ask: str, text: AreaText, triggers: Triggers
) -> FollowUp:
    template = triggers.choice if kind == "choice" else triggers.mention
    return FollowUp(
        kind=kind,
        trigger=template.format(label=_lower_first(concept.label)),
        ask=_flat(ask),
        concept_id=concept.id,
        strong_version=text.strong_sentences.get(concept.id),
    )


def _most_relevant(
    techniques: list[Concept], dimension: str, text: AreaText, exclude: set[str]
) -> list[Concept]:
    """Techniques the brief's strong answer names first, then those the area's text names
    most, then those whose main dimension this is, then vocabulary order: deterministic for
    the same brief and vocabulary."""
    order = {c.id: i for i, c in enumerate(techniques)}
    unseen = len(order)
    return sorted(
        (c for c in techniques if c.id not in exclude),
        key=lambda c: (
            c.id not in text.strong_sentences,
            -text.mentions.get(c.id, 0),
            text.first_seen.get(c.id, unseen),
            c.dimensions[0] != dimension,
            order[c.id],
        ),
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _lower_first(label: str) -> str:
    """ "Few-shot examples" -> "few-shot examples"; keeps acronyms such as "A/B" and "RAG"."""
    head = label.split(" ", 1)[0]
    if len(head) > 1 and head[1:].islower():
        return label[0].lower() + label[1:]
    return label
