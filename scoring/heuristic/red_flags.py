"""The rubric's red flags in a candidate's words: each flag's patterns wherever they appear
(and again as a reader sees a disguised sentence), and its stance said in plain words where
nothing else in the round balances it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.heuristic.declined import declined
from scoring.heuristic.reading import Reading, ReadSentence
from scoring.heuristic.slots import dimension_concepts
from scoring.reading.dismissal import may_dismiss
from scoring.rubrics.claims import claim_patterns
from scoring.rubrics.models import Rubric
from scoring.scorecard import FlagHit
from scoring.transcripts.model import Transcript
from scoring.vocabulary.integrity import disguised, normalise
from scoring.vocabulary.matcher import Gated, Matcher, gated


@dataclass(frozen=True)
class CompiledFlag:
    id: str
    description: str
    patterns: list[Gated]
    says: list[Gated]  # the stance's forms, if the flag has one
    unless: frozenset[str]
    declines: list[Gated]  # the interviewer's proposals that refusing shows it
    set_aside_says: bool = True  # setting aside what would balance the stance says it
    held_when_repeated: int | None = None  # said in this many answers, nothing balances it


def compiled_flags(rubric: Rubric) -> list[CompiledFlag]:
    return [
        CompiledFlag(
            flag.id,
            flag.description,
            [gated(p) for p in (*flag.patterns, *claim_patterns(flag.claims))],
            [gated(p) for p in (*flag.stance.says, *claim_patterns(flag.stance.claims))]
            if flag.stance
            else [],
            frozenset(flag.stance.unless) if flag.stance else frozenset(),
            [gated(p) for p in flag.declines],
            flag.stance.set_aside_says if flag.stance else True,
            flag.stance.held_when_repeated if flag.stance else None,
        )
        for flag in rubric.red_flags
    ]


def red_flags(
    flags: list[CompiledFlag],
    reading: Reading,
    matcher: Matcher,
    labels: dict[str, str],
    transcript: Transcript,
) -> list[FlagHit]:
    """Each red flag once, at its first counted sentence (a recited one too). A sentence
    written to slip past the patterns (look-alike letters, invisible characters, a line break
    inside it) is read again as a reader sees it. A stance counts only in a round that never
    shows what would balance it: none of its `unless` concepts, named and not set aside. A
    plain refusal of what the interviewer proposed (`declines`) shows the flag too."""
    counted = reading.counted()
    hidden = [s for s in counted if disguised(s.text) or "\n" in s.text]
    ids = {id(s) for s in counted}
    found: list[FlagHit] = []
    for flag in flags:
        first = _first_said(flag.patterns, reading, ids, hidden, matcher)
        description = flag.description
        if first is None and (refused := declined(transcript, reading, flag.declines, flag.unless)):
            first, question = refused
            description = f'{description} Declined when asked: "{question}"'
        if first is None and flag.says:
            stance = _stance(flag, reading, counted, ids, matcher)
            if stance is not None:
                first = stance
                missing = sorted(labels.get(c, c) for c in flag.unless)
                description = f"{description} Nowhere in the round: {', '.join(missing)}."
        if first is not None:
            found.append(FlagHit(id=flag.id, description=description, evidence=first.as_evidence()))
    return found


def _stance(
    flag: CompiledFlag,
    reading: Reading,
    counted: list[ReadSentence],
    ids: set[int],
    matcher: Matcher,
) -> ReadSentence | None:
    """The first sentence holding the flag's stance, when no other counted sentence shows any
    of its `unless` concepts (what a stance sentence names itself, "pinning an old version is
    choosing to be worse", is no balance to it). Setting aside what would balance it ("we
    don't need a golden set", "benchmarking small models is the wrong trade") says the stance
    as plainly as its own words do. Said again and again (`held_when_repeated` answers), a
    stance is held whatever the round names beside it."""
    starts = sorted(a for p in flag.says for a, _ in matcher.find(reading.joined, p))
    # A question holds no stance: "when do we trust the model's answer?" asks when.
    said = {
        id(s)
        for s in map(reading.sentence_at, starts)
        if s is not None and not _asks(s) and not owned_as_a_gap(s.text)
    }
    holding = [
        s
        for s in counted
        if id(s) in said or (flag.set_aside_says and flag.unless & s.dismissed and sets_aside(s))
    ]
    if not holding:
        return None
    saying = {id(s) for s in holding}
    repeated = flag.held_when_repeated
    if repeated is not None and len({s.turn for s in holding}) >= repeated:
        return holding[0]
    if any(flag.unless & s.concepts for s in counted if id(s) not in saying and _committed(s)):
        return None
    return holding[0]


# A question that states its answer: "why would I go with anything but the biggest model?",
# "isn't pinning just choosing to be worse?", "the model is good enough these days, right?".
_RHETORICAL = re.compile(
    r"^(?:\W*(?:so|and|but|honestly|frankly|i mean|look|like|well),?\s+)*(?:why (?:would|should|"
    r"do|bother|waste)|isn\W?t|aren\W?t|doesn\W?t|don\W?t|wouldn\W?t|shouldn\W?t|who needs|"
    r"what\W?s the point)\b|,\s*(?:right|no|yeah|isn\W?t it|don\W?t you think)\W*$",
    re.I,
)


def _asks(sentence: ReadSentence) -> bool:
    """A question that asks ("when do we trust the model's answer?"), not one that states."""
    return sentence.asked and not _RHETORICAL.search(sentence.text)


# What the candidate did, called a gap or a mistake in the same breath ("we eyeballed like fifty,
# which, yeah, that's a gap", "we just went with the biggest model, which was a mistake"): the
# practice is owned as a shortcoming, not held as a belief.
_OWNED_AS_A_GAP = re.compile(
    r"\b(?:that|which|it)(?:\W?s| is| was|,[^,.?!]{0,15},\s*(?:is|was|that\W?s|thats))\s+"
    r"(?:(?!not\b)\w+\s+)?(?:a gap|a (?:big |real )?mistake|a weakness|a weak spot|my mistake|"
    r"not (?:great|ideal|good enough)|sloppy)\b"
    r"|\b(?:i\W?m|i am) not proud\b",
    re.I,
)


def owned_as_a_gap(sentence: str) -> bool:
    return bool(_OWNED_AS_A_GAP.search(sentence))


# Words that weigh against what a sentence names ("cheaper models cut corners",
# "benchmarking small models is the wrong trade", "that's a research-team habit", "a lot of
# ceremony"), or claim it comes free ("grounded by construction", "regression testing for
# free"): such a sentence does not commit to it.
_TURNS_DOWN = re.compile(
    r"\b(wrong|worse|ceremony|habits?|bureaucra\w*|paranoi\w*|overkill|waste\w*|pointless|"
    r"theat(er|re)|cut(s|ting)? corners|too short|failure points?|for free|by construction|"
    r"guarantee[sd]?|never seen|(don|do not|wouldn)\W?t expect)\b"
)
# What the prompt tells the model, or what the model is handed to know, is no check on what it
# returns ("a line in the system prompt: never mention an account not in the tickets", "look up
# the account so the model knows its name").
_TELLS_THE_MODEL = re.compile(
    r"\b(system prompt|in the prompt|to the prompt|the prompt (says|tells))\b|"
    r"\bso (that )?(the model|it) (knows|has|sees|can use)\b"
)
# "X without checking Y" and "A instead of B" describe; they set nothing aside as a stance.
_DESCRIBING = re.compile(r"\b(without|instead of|rather than)\b")


def _committed(sentence: ReadSentence) -> bool:
    """A sentence that commits to what it names: not hedged ("you could always try a cheaper
    model"), not a question ("maybe the rep approves it first?"), not recited, and not turning
    it down ("I've never seen the small model beat the big one"), and not an instruction to
    the model (a line in its prompt is no check on what it returns)."""
    if sentence.vague or sentence.recited or sentence.asked:
        return False
    lowered = _lowered(sentence)
    return not (_TURNS_DOWN.search(lowered) or _TELLS_THE_MODEL.search(lowered))


# A dimension whose practices the candidate sets aside this often, with no reason given
# ("nobody needs a canary", "I'm not a big pinner", "a lot of ceremony"), stays generic at best:
# rejecting good practice is evidence against, not just an absence.
SET_ASIDE_TIMES = 2
SET_ASIDE_CAP = 2


def set_aside_caps(
    rubric: Rubric, sentences: list[ReadSentence], labels: dict[str, str]
) -> list[tuple[str, int, str]]:
    """(dimension, cap, why) for each dimension whose practices are set aside in
    `SET_ASIDE_TIMES` sentences or more."""
    setting_aside = [s for s in sentences if s.dismissed and sets_aside(s)]
    caps = []
    for dimension in rubric.dimensions:
        concepts = dimension_concepts(dimension)
        against = [s for s in setting_aside if s.dismissed & concepts]
        if len(against) >= SET_ASIDE_TIMES:
            named = sorted({labels.get(c, c) for s in against for c in s.dismissed & concepts})
            why = f"sets aside {', '.join(named)} ({len(against)} times, with no reason given)"
            caps.append((dimension.id, SET_ASIDE_CAP, why))
    return caps


def sets_aside(sentence: ReadSentence) -> bool:
    """Whether the sentence sets something aside as a choice ("we won't need a golden set"),
    not just describes what lacks it ("the SQL counts it without checking the project"), and
    gives no reason for it ("no separate check on the category, because the enum allows only
    seven" weighs it)."""
    return not sentence.reason and may_dismiss(_DESCRIBING.sub(" ", _lowered(sentence)))


def _lowered(sentence: ReadSentence) -> str:
    return sentence.text.lower().replace("\u2019", "'")


def _first_said(
    patterns: list[Gated],
    reading: Reading,
    counted: set[int],
    hidden: list[ReadSentence],
    matcher: Matcher,
) -> ReadSentence | None:
    """The first counted sentence (by id) one of `patterns` matches, as written or, for
    `hidden` ones (disguised), as a reader sees it."""
    starts = sorted(a for p in patterns for a, _ in matcher.find(reading.joined, p))
    first = next(
        (
            s
            for s in map(reading.sentence_at, starts)
            if s is not None and id(s) in counted and not owned_as_a_gap(s.text)
        ),
        None,
    )
    if first is None:
        first = next((s for s in hidden if _flagged(s.text, patterns, matcher)), None)
    return first


def _flagged(text: str, patterns: list[Gated], matcher: Matcher) -> bool:
    plain = " ".join(normalise(text).split())
    return any(next(iter(matcher.find(plain, p)), None) is not None for p in patterns)
