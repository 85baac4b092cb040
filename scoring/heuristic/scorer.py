"""The offline (heuristic) scorer: a Scorecard from a transcript and a rubric, deterministic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scoring.evidence import quote_is_verbatim
from scoring.heuristic.levels import (
    MAX_QUOTES,
    REASONED_MIN_ANSWERS,
    DimensionReading,
    best_quotes,
    describe_depth,
    explaining_sentences,
    is_list_sentence,
    read_dimension,
    reasoned_answers,
)
from scoring.heuristic.reading import Reading, ReadSentence, read_candidate
from scoring.heuristic.recitation import echoes_of
from scoring.heuristic.story import Story, carriers, describe_story, read_story, story_level
from scoring.recommend import recommend
from scoring.rubrics.models import Dimension, Rubric
from scoring.scorecard import DimensionScore, Evidence, FlagHit, Scorecard
from scoring.transcripts.model import Transcript
from scoring.vocabulary.matcher import Gated, Matcher, default_matcher, gated

HEURISTIC_VERSION = "2"  # 2: buzzword talk and the generic-wording cap need thin explanations
HEURISTIC_RATER = f"offline:heuristic-{HEURISTIC_VERSION}"
BUZZWORD_MIN_TECHNIQUES = 8  # named techniques before buzzword talk can be judged
BUZZWORD_LIST_SHARE = 0.5  # share of technique mentions that sit in bare lists
BUZZWORD_MAX_EXPLAINED = 0.25  # buzzword talk explains fewer than this share of what it names
BUZZWORD_CAP = 2
VAGUE_CAP_SHARE = 0.5
MISSED_CONCEPTS = 3
CONFIDENT_WORDS = 1500


def _compiled_flags(rubric: Rubric) -> list[tuple[str, str, list[Gated]]]:
    return [
        (flag.id, flag.description, [gated(p) for p in flag.patterns]) for flag in rubric.red_flags
    ]


def _evidence(sentence: ReadSentence) -> Evidence:
    return Evidence(turn=sentence.turn, start=sentence.start, end=sentence.end, quote=sentence.text)


def score_transcript(
    transcript: Transcript,
    rubric: Rubric,
    *,
    matcher: Matcher | None = None,
    entity_words: frozenset[str] = frozenset(),
) -> Scorecard:
    """Score the candidate's own words against `rubric`. Same input, same scorecard."""
    matcher = matcher or default_matcher()
    flag_patterns = _compiled_flags(rubric)
    # The red flags' gate literals join the matcher's index before the text is indexed.
    matcher.register(p for _, _, patterns in flag_patterns for p in patterns)
    reading = read_candidate(transcript, matcher, entity_words, echoes_of(rubric, transcript))
    usable = reading.usable()
    labels = {c.id: c.label for c in matcher.vocabulary.concepts}

    red_flags = _red_flags(flag_patterns, reading, matcher)
    explaining = explaining_sentences(usable)
    buzzword = _buzzword_flag(usable, explaining, matcher)
    if buzzword is not None:
        red_flags.append(buzzword)
        explaining = []  # buzzword talk shows no reasoning worth a generic level
    caps: dict[str, list[tuple[int, str]]] = {}
    for flag in red_flags:
        for dim_id, cap in _flag_caps(rubric, flag.id):
            caps.setdefault(dim_id, []).append((cap, flag.description))

    reasoned = reasoned_answers(usable, explaining)
    told = read_story([s.text for s in usable]) if _tells_stories(rubric) else None
    scores = [
        _score_dimension(d, usable, caps.get(d.id, []), labels, explaining, reasoned, told)
        for d in rubric.dimensions
    ]
    scores, dropped = _verified(transcript, scores)
    injection = [
        FlagHit(
            id="grader_injection",
            description="text aimed at the grader, not the interviewer: ignored",
            evidence=_evidence(s),
        )
        for s in reading.sentences
        if s.injection
    ]
    flags_counted = len(red_flags) + (1 if injection else 0)
    levels = {s.dimension: s.level for s in scores}
    outcome, reason, mean = recommend(levels, rubric, flags_counted)
    with_evidence = sum(1 for s in scores if s.status == "scored")
    volume = min(1.0, reading.candidate_words / CONFIDENT_WORDS)
    confidence = round(0.5 * volume + 0.5 * with_evidence / len(scores), 2)
    return Scorecard(
        transcript_id=transcript.id,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rater=HEURISTIC_RATER,
        engine="offline",
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        dimensions=scores,
        weighted_level=mean,
        recommendation=outcome,
        recommendation_reason=reason,
        confidence=confidence,
        red_flags=red_flags,
        injection=injection,
        dropped_quotes=dropped,
        candidate_words=reading.candidate_words,
    )


def _red_flags(
    flags: list[tuple[str, str, list[Gated]]], reading: Reading, matcher: Matcher
) -> list[FlagHit]:
    """Each red flag once, at its first counted sentence (a recited one too)."""
    usable = {id(s) for s in reading.counted()}
    found: list[FlagHit] = []
    for flag_id, description, patterns in flags:
        starts = sorted(a for p in patterns for a, _ in matcher.find(reading.joined, p))
        for start in starts:
            sentence = reading.sentence_at(start)
            if sentence is not None and id(sentence) in usable:
                found.append(
                    FlagHit(id=flag_id, description=description, evidence=_evidence(sentence))
                )
                break
    return found


def _flag_caps(rubric: Rubric, flag_id: str) -> list[tuple[str, int]]:
    if flag_id == "buzzword_talk":
        return [(d.id, BUZZWORD_CAP) for d in rubric.dimensions]
    for flag in rubric.red_flags:
        if flag.id == flag_id:
            return [(dim_id, flag.cap) for dim_id in flag.dimensions]
    return []


def _buzzword_flag(
    usable: list[ReadSentence], explaining: list[ReadSentence], matcher: Matcher
) -> FlagHit | None:
    """Many techniques named, mostly in bare lists, and hardly any of them explained anywhere:
    buzzword talk caps every dimension. A candidate who explains most of what they name is
    not capped for also listing more (the lists themselves never count as evidence)."""
    named: set[str] = set()
    mentions = in_lists = 0
    for sentence in usable:
        techniques = sentence.concepts & matcher.techniques
        named |= techniques
        mentions += len(techniques)
        if is_list_sentence(sentence):
            in_lists += len(techniques)
    explained = {c for s in explaining for c in s.concepts} & matcher.techniques
    if (
        len(named) < BUZZWORD_MIN_TECHNIQUES
        or in_lists < BUZZWORD_LIST_SHARE * mentions
        or len(explained) >= BUZZWORD_MAX_EXPLAINED * len(named)
    ):
        return None
    example = max(usable, key=lambda s: len(s.concepts & matcher.techniques))
    return FlagHit(
        id="buzzword_talk",
        description=(
            f"named {len(named)} techniques and explained {len(explained)}, with {in_lists} of "
            f"{mentions} mentions in bare lists: buzzword talk"
        ),
        evidence=_evidence(example),
    )


def _score_dimension(
    dimension: Dimension,
    sentences: list[ReadSentence],
    caps: list[tuple[int, str]],
    labels: dict[str, str],
    explaining: list[ReadSentence],
    reasoned: tuple[int, int] = (0, 0),
    told: Story | None = None,
) -> DimensionScore:
    concepts = set(dimension.signals.concepts)
    reading = read_dimension(concepts, sentences)
    clear = _shown_by_reasoned_answers(dimension, reading, explaining, caps, reasoned)
    if clear is not None:
        reading = clear
    if told is not None and dimension.signals.story:
        reading = _told_in_plain_speech(reading, told, dimension.signals.story, sentences)
    if reading.level == 1:  # nothing, or only lists and hedged talk, on this dimension
        shown = _shown_by_explaining(dimension, explaining, caps, labels, reading)
        if shown is not None:
            return shown
    if not reading.has_evidence:
        return _dimension_score(
            dimension,
            level=1,
            status="no_evidence",
            rationale=f"No evidence: nothing the candidate said bears on {dimension.title.lower()}",
            missed=_missed(dimension, 1, reading, labels),
        )
    level = reading.level
    applied: list[str] = []
    for cap, why in sorted(caps):
        if level > cap:
            level = cap
            applied.append(f"capped at {cap}: {why}")
    # Mostly hedged talk with few real explanations stays generic. (Level 4 needs three
    # explaining sentences, so this cap only ever lowers a 3.)
    if level >= 3 and reading.vague_share > VAGUE_CAP_SHARE and reading.explaining < 3:
        level = 2
        applied.append("capped at 2: mostly generic wording")
    return _dimension_score(
        dimension,
        level=level,
        status="scored",
        evidence=[_evidence(s) for s in best_quotes(reading, concepts)],
        rationale=_rationale(reading, labels),
        missed=_missed(dimension, level, reading, labels),
        concepts=reading.mentioned,
        caps=applied,
    )


def _dimension_score(dimension: Dimension, **fields: Any) -> DimensionScore:
    return DimensionScore(
        dimension=dimension.id, title=dimension.title, weight=dimension.weight, **fields
    )


def _shown_by_explaining(
    dimension: Dimension,
    explaining: list[ReadSentence],
    caps: list[tuple[int, str]],
    labels: dict[str, str],
    reading: DimensionReading,
) -> DimensionScore | None:
    """Level 2 for a dimension the candidate never addressed by name but showed by reasoning
    elsewhere (`shown_by_explaining` in the rubric), quoting their most reasoned sentence."""
    needed = dimension.signals.shown_by_explaining
    if needed is None or len(explaining) < needed or min((cap for cap, _ in caps), default=2) < 2:
        return None
    example = max(explaining, key=lambda s: (len(s.depth), -s.turn, -s.start))
    return _dimension_score(
        dimension,
        level=2,
        status="scored",
        evidence=[_evidence(example)],
        rationale=(
            f"Generic: the answers reason about their choices ({len(explaining)} sentences "
            f"explain one), but say nothing of {dimension.title.lower()} as such."
        ),
        missed=_missed(dimension, 2, reading, labels),
    )


def _shown_by_reasoned_answers(
    dimension: Dimension,
    reading: DimensionReading,
    explaining: list[ReadSentence],
    caps: list[tuple[int, str]],
    reasoned: tuple[int, int],
) -> DimensionReading | None:
    """Level 3 for a dimension shown by giving a reason in most substantial answers
    (`shown_by_reasoned_answers` in the rubric), quoting the most reasoned sentences."""
    share = dimension.signals.shown_by_reasoned_answers
    with_reason, answers = reasoned
    if share is None or reading.level >= 3:
        return None
    if with_reason < max(REASONED_MIN_ANSWERS, share * answers):
        return None
    if min((cap for cap, _ in caps), default=3) < 3:
        return None
    carriers = sorted(explaining, key=lambda s: (-len(s.depth), s.turn, s.start))[:MAX_QUOTES]
    return DimensionReading(
        3,
        reading.mentioned,
        reading.explained,
        reading.depth | {d for s in carriers for d in s.depth},
        carriers,
        explaining=len(explaining),
        reasoned=reasoned,
    )


def _tells_stories(rubric: Rubric) -> bool:
    return any(d.signals.story for d in rubric.dimensions)


def _told_in_plain_speech(
    reading: DimensionReading, told: Story, aspect: str, sentences: list[ReadSentence]
) -> DimensionReading:
    """The story's level on this aspect when it is higher than the concepts' (`story` in the
    rubric), quoting the sentences that show it."""
    level = story_level(told, aspect)
    if level <= reading.level:
        return reading
    shown = set(carriers(told, aspect))
    quoted = [s for s in sentences if s.text in shown][:MAX_QUOTES]
    if not quoted:
        return reading
    return DimensionReading(
        level,
        reading.mentioned,
        reading.explained,
        reading.depth,
        quoted,
        explaining=reading.explaining,
        told=f"Told in plain words: {describe_story(told, aspect)}.",
    )


def _rationale(reading: DimensionReading, labels: dict[str, str]) -> str:
    def names(ids: list[str]) -> str:
        return ", ".join(labels.get(i, i) for i in ids[:4]) + (" …" if len(ids) > 4 else "")

    if reading.told:
        return reading.told
    if reading.reasoned[1]:
        with_reason, answers = reading.reasoned
        return (
            f"Clear: {with_reason} of {answers} substantial answers give a reason for what "
            f"they choose, with {describe_depth(reading.depth)}."
        )
    if not reading.explained:
        return f"Named {names(reading.mentioned)} without explaining how, why or what it costs."
    return (
        f"Explained {len(reading.explained)} of {len(reading.mentioned)} concepts named "
        f"({names(reading.explained)}) with {describe_depth(reading.depth)}."
    )


def _missed(
    dimension: Dimension, level: int, reading: DimensionReading, labels: dict[str, str]
) -> list[str]:
    if level >= 4:
        return []
    target = level + 1
    hint = dimension.signals.next_level_hints.get(target) or dimension.anchors.for_level(target)
    missed = [f"For level {target}: {hint.strip()}"]
    untouched = [c for c in dimension.signals.concepts if c not in reading.mentioned]
    if untouched:
        missed.append(
            "Not discussed: " + ", ".join(labels.get(c, c) for c in untouched[:MISSED_CONCEPTS])
        )
    return missed


def _verified(
    transcript: Transcript, scores: list[DimensionScore]
) -> tuple[list[DimensionScore], int]:
    """Drop any quote that is not verbatim in a candidate turn (and count the drops)."""
    dropped = 0
    checked: list[DimensionScore] = []
    for score in scores:
        kept = [e for e in score.evidence if quote_is_verbatim(transcript, e)]
        dropped += len(score.evidence) - len(kept)
        checked.append(score.model_copy(update={"evidence": kept}))
    return checked, dropped
