"""The offline (heuristic) scorer: a Scorecard from a transcript and a rubric, deterministic."""

from __future__ import annotations

from typing import Any

from scoring.evidence import quote_is_verbatim
from scoring.heuristic.figures import FIGURE_OFF, FigureCheck, figure_caps
from scoring.heuristic.figures_asked import dodged_caps
from scoring.heuristic.general_talk import GENERAL_CAP, general_talk
from scoring.heuristic.levels import (
    CONTINUING_SENTENCES,
    DepthWindows,
    DimensionReading,
    LevelRules,
    best_quotes,
    describe_depth,
    explaining_sentences,
    is_list_sentence,
    read_dimension,
    reasoned_answers,
)
from scoring.heuristic.reading import Reading, ReadSentence, read_candidate
from scoring.heuristic.recitation import Echoes, echoes_of, from_rubric
from scoring.heuristic.red_flags import compiled_flags, set_aside_caps
from scoring.heuristic.red_flags import red_flags as find_red_flags
from scoring.heuristic.shown import (
    shown_by_reasoned_answers,
    tells_stories,
    told_in_plain_speech,
)
from scoring.heuristic.slots import dimension_concepts, slot_gates, slot_labels
from scoring.heuristic.story import Story, read_story
from scoring.heuristic.story_lessons import answers_to_the_lesson, applied_since, the_lesson_applied
from scoring.heuristic.ties import round_words
from scoring.heuristic.version import HEURISTIC_RATER
from scoring.recommend import recommend
from scoring.rubrics.models import Dimension, Rubric
from scoring.scorecard import DimensionScore, FlagHit, Scorecard
from scoring.transcripts.model import Transcript
from scoring.vocabulary.matcher import Matcher, default_matcher

BUZZWORD_MIN_TECHNIQUES = 8  # named techniques before buzzword talk can be judged
BUZZWORD_LIST_SHARE = 0.5  # share of technique mentions that sit in bare lists
BUZZWORD_MAX_EXPLAINED = 0.25  # buzzword talk explains fewer than this share of what it names
BUZZWORD_CAP = 2
# A candidate who recites the rubric's own words in this many sentences, and in this share of
# the sentences that name anything, performs for the grader: every level is capped.
RECITING_MIN_SENTENCES = 3
RECITING_SHARE = 0.1
RECITING_CAP = 2
# A round that shows this many of the rubric's red flags is weak throughout: every level is
# capped (the raters of every held-out set grade such rounds low on every dimension).
MANY_RED_FLAGS = 2
MANY_RED_FLAGS_CAP = 2
# Text aimed at the grader earns nothing in its whole answer; the rest of the round is scored
# on what it shows, and the recommendation's reason asks a person to read the round.
VAGUE_CAP_SHARE = 0.5
MISSED_CONCEPTS = 3
CONFIDENT_WORDS = 1500
# A long round in which few sentences use a word the offline reader knows: it talks in words
# the vocabulary lacks, and the levels may be too low. Said on the card; the levels and the
# recommendation stand.
UNREAD_WORDS = 2000
UNREAD_SHARE = 0.3  # ... sentences of six words or more that name any known concept
LOW_CONFIDENCE = 0.4


def score_transcript(
    transcript: Transcript,
    rubric: Rubric,
    *,
    matcher: Matcher | None = None,
    entity_words: frozenset[str] = frozenset(),
    figures: FigureCheck | None = None,
) -> Scorecard:
    """Score the candidate's own words against `rubric`. Same input, same scorecard.
    `figures`: with the brief known, a check of a sentence's token counts and prices."""
    matcher = matcher or default_matcher()
    flag_patterns = compiled_flags(rubric)
    # The red flags' gate literals join the matcher's index before the text is indexed.
    matcher.register(p for flag in flag_patterns for p in (*flag.patterns, *flag.says))
    matcher.register(slot_gates())
    echoes = echoes_of(rubric, transcript)
    ties = entity_words | round_words(transcript, matcher)
    reading = read_candidate(transcript, matcher, ties, echoes)
    usable = reading.usable()
    labels = {**slot_labels(), **{c.id: c.label for c in matcher.vocabulary.concepts}}

    red_flags = find_red_flags(flag_patterns, reading, matcher, labels, transcript)
    stories = tells_stories(rubric)
    # Read once for every dimension; a story's sentences go on with the story, not a reason.
    windows = DepthWindows(usable, continuing=0 if stories else CONTINUING_SENTENCES)
    explaining = explaining_sentences(usable, windows)
    buzzword = _buzzword_flag(usable, explaining, matcher)
    if buzzword is not None:
        red_flags.append(buzzword)
        explaining = []  # buzzword talk shows no reasoning worth a generic level
    reciting = _reciting_flag(reading, echoes)
    if reciting is not None:
        red_flags.append(reciting)
    caps: dict[str, list[tuple[int, str]]] = {}
    if len(red_flags) >= MANY_RED_FLAGS:
        why = f"{len(red_flags)} red flags ({', '.join(f.id for f in red_flags)}): weak throughout"
        for dimension in rubric.dimensions:
            caps.setdefault(dimension.id, []).append((MANY_RED_FLAGS_CAP, why))
    for flag in red_flags:
        for dim_id, cap in _flag_caps(rubric, flag.id):
            caps.setdefault(dim_id, []).append((cap, flag.description))
    general = None if stories else general_talk(usable)
    if general is not None:
        for dimension in rubric.dimensions:
            caps.setdefault(dimension.id, []).append((GENERAL_CAP, general))
    for dim_id, cap, why in [
        *figure_caps(rubric, usable, figures),
        *dodged_caps(rubric, transcript),
        *set_aside_caps(rubric, reading.counted(), labels),
    ]:
        caps.setdefault(dim_id, []).append((cap, why))

    reasoned = reasoned_answers(usable, explaining)
    told = None
    if stories:
        lesson_turns = answers_to_the_lesson(transcript)
        applied = [
            the_lesson_applied([s.text for s in usable if s.turn == turn])
            for turn in sorted(applied_since(transcript))
        ]
        told = read_story(
            [s.text for s in usable],
            [s.text for s in usable if s.turn in lesson_turns],
            [how for how in applied if how is not None],
        )
    scores = [
        _score_dimension(d, windows, caps.get(d.id, []), labels, explaining, reasoned, told)
        for d in rubric.dimensions
    ]
    scores, dropped = _verified(transcript, scores)
    injection = [
        FlagHit(
            id="grader_injection",
            description="text aimed at the grader, not the interviewer: ignored",
            evidence=s.as_evidence(),
        )
        for s in reading.sentences
        if s.injection
    ]
    levels = {s.dimension: s.level for s in scores}
    outcome, reason, mean = recommend(
        levels, rubric, len(red_flags), aimed_at_grader=bool(injection)
    )
    with_evidence = sum(1 for s in scores if s.status == "scored")
    volume = min(1.0, reading.candidate_words / CONFIDENT_WORDS)
    confidence = round(0.5 * volume + 0.5 * with_evidence / len(scores), 2)
    note = _unread_note(reading, usable)
    if note:
        confidence = min(confidence, LOW_CONFIDENCE)
    return Scorecard(
        transcript_id=transcript.id,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rater=HEURISTIC_RATER,
        engine="offline",
        dimensions=scores,
        weighted_level=mean,
        recommendation=outcome,
        recommendation_reason=reason,
        confidence=confidence,
        confidence_note=note,
        red_flags=red_flags,
        injection=injection,
        dropped_quotes=dropped,
        candidate_words=reading.candidate_words,
    )


def _unread_note(reading: Reading, usable: list[ReadSentence]) -> str:
    if reading.candidate_words < UNREAD_WORDS:
        return ""
    sentences = [s for s in usable if len(s.text.split()) >= 6]
    known = sum(bool(s.concepts) for s in sentences)
    if not sentences or known >= UNREAD_SHARE * len(sentences):
        return ""
    return (
        f"Low confidence: only {known} of {len(sentences)} sentences use words the offline "
        "scorer knows, in a long round; the levels may be too low. Check it with the Claude "
        "judge (--engine claude) or a person."
    )


def _flag_caps(rubric: Rubric, flag_id: str) -> list[tuple[str, int]]:
    if flag_id == "buzzword_talk":
        return [(d.id, BUZZWORD_CAP) for d in rubric.dimensions]
    if flag_id == "recites_rubric":
        return [(d.id, RECITING_CAP) for d in rubric.dimensions]
    for flag in rubric.red_flags:
        if flag.id == flag_id:
            return [(dim_id, flag.cap) for dim_id in flag.dimensions]
    return []


def _reciting_flag(reading: Reading, echoes: Echoes) -> FlagHit | None:
    """The rubric's anchors and descriptions said back, sentence after sentence: recited
    sentences already earn nothing, and what is left of such a round is capped."""
    counted = reading.counted()
    recited = [s for s in counted if s.recited]
    if len(recited) < RECITING_MIN_SENTENCES:
        return None
    written = set(from_rubric((s.text for s in recited), echoes))
    naming = sum(bool(s.concepts) for s in counted)
    if len(written) < RECITING_MIN_SENTENCES or len(written) < RECITING_SHARE * naming:
        return None
    first = next(s for s in recited if s.text in written)
    return FlagHit(
        id="recites_rubric",
        description=(
            f"said the rubric's own words back in {len(written)} sentences: recited, not answered"
        ),
        evidence=first.as_evidence(),
    )


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
        evidence=example.as_evidence(),
    )


def _score_dimension(
    dimension: Dimension,
    windows: DepthWindows,
    caps: list[tuple[int, str]],
    labels: dict[str, str],
    explaining: list[ReadSentence],
    reasoned: tuple[int, int] = (0, 0),
    told: Story | None = None,
) -> DimensionScore:
    sentences = windows.sentences
    concepts = set(dimension_concepts(dimension))
    reading = read_dimension(concepts, sentences, windows, LevelRules.of(dimension.signals))
    clear = shown_by_reasoned_answers(dimension, reading, explaining, caps, reasoned)
    if clear is not None:
        reading = clear
    if told is not None and dimension.signals.story:
        reading = told_in_plain_speech(reading, told, dimension.signals.story, sentences)
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
    # Every cap that would lower the level on its own is named, the lowest one binds; a figure
    # off by ten times is an error on the card even where the level is that low anyway.
    applied = [
        f"capped at {cap}: {why}" if reading.level > cap else why
        for cap, why in sorted(caps)
        if reading.level > cap or why.startswith(FIGURE_OFF)
    ]
    level = min([reading.level, *(cap for cap, _ in caps)])
    # Mostly hedged talk with few real explanations stays generic. (Level 4 needs four
    # explaining sentences, so this cap only ever lowers a 3.)
    if level >= 3 and reading.vague_share > VAGUE_CAP_SHARE and reading.explaining < 3:
        level = 2
        applied.append("capped at 2: mostly generic wording")
    return _dimension_score(
        dimension,
        level=level,
        status="scored",
        evidence=[
            s.as_evidence()
            for s in best_quotes(reading, concepts, frozenset(dimension.signals.quote_first))
        ],
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
        evidence=[example.as_evidence()],
        rationale=(
            f"Generic: the answers reason about their choices ({len(explaining)} sentences "
            f"explain one), but say nothing of {dimension.title.lower()} as such."
        ),
        missed=_missed(dimension, 2, reading, labels),
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
