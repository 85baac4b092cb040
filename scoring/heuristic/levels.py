"""From sentences to a level: what was explained (not just named), and how deeply. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from scoring.heuristic.reading import ReadSentence
from scoring.heuristic.slots import is_slot
from scoring.reading.quantities import says_a_figure
from scoring.rubrics.models import DEFAULT_DEEP, DimensionSignals

REASONED_ANSWER_WORDS = 15  # an answer this long is substantial: it could give a reason
REASONED_MIN_ANSWERS = 5  # reasons in fewer answers than this are too little to judge clarity
# Level 4 needs this many sentences that explain what they name: the anchors' level 4 adds
# several specifics at once (a set's size and its pass bar and the judge's calibration), which
# three sentences rarely carry.
LEVEL_4_EXPLAINING = 4
# A terse answer says a mechanism in one short sentence and why in the next ones, which name
# nothing new ("The customer's email goes last, fenced off. It's text from a customer, not
# instructions. So a line in it can't change the fields."): the sentences after the first that
# go on without a concept of their own lend it their depth, this many at most. (Not in a story,
# where the sentences after an action are the story going on, not the reason for it.)
CONTINUING_SENTENCES = 2
LIST_SENTENCE_CONCEPTS = 3  # a sentence naming this many concepts with no depth is a list
MAX_QUOTES = 3
# This many concepts explained, even all one way (each with its reason), is a level-3 answer:
# breadth stands in for a second kind of depth (plain, even answers otherwise sit at 2).
BROAD_EXPLAINED = 4
REASONS = frozenset({"reason", "tradeoff", "failure_mode", "rule"})
DEPTH_WORDS = {
    "quantity": "numbers",
    "reason": "reasons",
    "tradeoff": "trade-offs",
    "failure_mode": "failure modes",
    "rule": "exact rules",
    "question": "targeted questions",
    "brief_tie": "ties to the brief",
}


@dataclass
class DimensionReading:
    level: int
    mentioned: list[str] = field(default_factory=list)
    explained: list[str] = field(default_factory=list)
    depth: set[str] = field(default_factory=set)
    carriers: list[ReadSentence] = field(default_factory=list)
    vague_share: float = 0.0
    explaining: int = 0  # sentences that explain something, not just name it
    reasoned: tuple[int, int] = (0, 0)  # (answers giving a reason, substantial answers)
    told: str = ""  # the rationale when the level comes from a story told in plain words

    @property
    def has_evidence(self) -> bool:
        return bool(self.carriers)


def is_list_sentence(sentence: ReadSentence) -> bool:
    """Techniques named in a row with nothing said of them (slots filled are not names)."""
    if sentence.depth:
        return False
    return sum(not is_slot(c) for c in sentence.concepts) >= LIST_SENTENCE_CONCEPTS


def explains(sentence: ReadSentence, window: set[str]) -> bool:
    """Depth nearby, and neither a bare list of techniques nor hedged, generic talk."""
    return bool(window) and not is_list_sentence(sentence) and not sentence.vague


def window_depth(
    sentence: ReadSentence, following: Sequence[ReadSentence] = (), continuing: int = 0
) -> set[str]:
    """Depth carried by the sentence itself, by the one right after it in the same answer, and
    by those after that which go on naming no concept of their own (`continuing` more at most),
    unless one is hedged, generic talk: "there are always trade-offs" explains nothing.
    `following`: the sentences after this one, in order."""
    depth = set(sentence.depth)
    for at, after in enumerate(following[: 1 + continuing]):
        if after.turn != sentence.turn or (at and after.concepts):
            break  # the next answer, or past the next sentence one about something else
        if not after.vague:
            depth |= after.depth
    if depth and sentence.brief_tie:
        depth.add("brief_tie")
    return depth


# An answer that opens with its reason ("Because I need to check every sentence against its
# facts"): the reply to a "why?" about what the answer before it said.
_OPENS_WITH_A_REASON = re.compile(
    r"^\W*(?:because|since(?! then)|so that|the reason is|that\W?s because|it\W?s because)\b", re.I
)


def _add_reasons_asked_for(sentences: Sequence[ReadSentence], windows: list[set[str]]) -> None:
    """A terse answer's reason given only when the interviewer asks why: the next answer opens
    with it, and its depth explains the last sentence of the answer before that names a
    concept ("It returns JSON: a subject, three to five sentences, each with the fact IDs it
    relies on." - "Why the IDs?" - "Because I need to check every sentence against its
    facts.")."""
    last_naming: int | None = None  # in the answer before
    for i, sentence in enumerate(sentences):
        opens = i == 0 or sentences[i - 1].turn != sentence.turn
        if opens and i:
            if (
                last_naming is not None
                and sentence.depth
                and not sentences[last_naming].vague
                and _OPENS_WITH_A_REASON.search(sentence.text)
            ):
                windows[last_naming] |= sentence.depth
                if sentences[last_naming].brief_tie:
                    windows[last_naming].add("brief_tie")
            last_naming = None
        if sentence.concepts:
            last_naming = i


class DepthWindows:
    """What every dimension reads of the same sentences, read once: each sentence's depth
    window (`window_depth`), whether it explains (`explains`), and which sentences name each
    concept."""

    def __init__(
        self, sentences: list[ReadSentence], continuing: int = CONTINUING_SENTENCES
    ) -> None:
        self.sentences = sentences
        reach = 2 + continuing
        self.windows = [
            window_depth(s, sentences[i + 1 : i + reach], continuing)
            for i, s in enumerate(sentences)
        ]
        _add_reasons_asked_for(sentences, self.windows)
        self.explains = [explains(s, w) for s, w in zip(sentences, self.windows, strict=True)]
        self._naming: dict[str, list[int]] = {}
        for i, sentence in enumerate(sentences):
            for concept in sentence.concepts:
                self._naming.setdefault(concept, []).append(i)

    def naming(self, concepts: set[str]) -> list[int]:
        """The sentences (their positions, in order) that name any of `concepts`."""
        return sorted(set().union(*(self._naming.get(c, ()) for c in concepts)))


def explaining_sentences(
    sentences: list[ReadSentence], windows: DepthWindows | None = None
) -> list[ReadSentence]:
    """The sentences that explain the concepts they name, anywhere in the candidate's answers
    (`windows`: read from these same sentences)."""
    read = windows or DepthWindows(sentences)
    return [
        s
        for s, explaining in zip(sentences, read.explains, strict=True)
        if s.concepts and explaining
    ]


def reasoned_answers(
    sentences: list[ReadSentence], explaining: list[ReadSentence]
) -> tuple[int, int]:
    """(substantial answers with a sentence that explains a choice, substantial answers)."""
    words: dict[int, int] = {}
    for sentence in sentences:
        words[sentence.turn] = words.get(sentence.turn, 0) + len(sentence.text.split())
    substantial = {turn for turn, count in words.items() if count >= REASONED_ANSWER_WORDS}
    return len(substantial & {s.turn for s in explaining}), len(substantial)


@dataclass(frozen=True)
class LevelRules:
    """What a dimension's levels ask beyond the general rule, from its rubric signals."""

    deep_with: frozenset[str] = frozenset(DEFAULT_DEEP)  # depth beside numbers for level 4
    needs_for_4: frozenset[str] = frozenset()  # one of these named for level 4
    needs_for_3: frozenset[str] = frozenset()  # one of these named for level 3 and above
    kinds_for_4: int = 3  # kinds of depth across the dimension for level 4
    questions_for_3: int | None = None  # this many targeted questions meet `needs_for_3`
    figures_for_4: int = 0  # sentences on the dimension that say a figure, for level 4

    @classmethod
    def of(cls, signals: DimensionSignals) -> LevelRules:
        return cls(
            frozenset(signals.deep_with),
            frozenset(signals.level_4_needs),
            frozenset(signals.level_3_needs),
            signals.level_4_kinds,
            signals.level_3_questions,
            signals.level_4_figures,
        )


def read_dimension(
    concepts: set[str],
    sentences: list[ReadSentence],
    windows: DepthWindows | None = None,
    rules: LevelRules = LevelRules(),
) -> DimensionReading:
    """Level 1 no evidence, 2 named or thin, 3 two concepts explained two ways (or four
    explained one way, or as many targeted questions as `rules` count with one of what they
    need for 3) and what `rules` ask beyond level 2, 4 three concepts explained with
    numbers and with trade-offs or failure modes (or the dimension's own kinds of depth) in
    four sentences or more, one answer explaining two ways at once, and what `rules` ask of
    level 4. (`windows`: read from these same sentences, when every dimension reads them.)"""
    read = windows or DepthWindows(sentences)
    mentioned: list[str] = []
    explained: list[str] = []
    depth: set[str] = set()
    carriers: list[ReadSentence] = []
    explaining = 0  # sentences that explain something, not just name it
    asked = 0  # targeted questions among them
    by_answer: dict[int, set[str]] = {}  # the depth each answer gives this dimension
    vague = 0
    for i in read.naming(concepts):
        sentence = sentences[i]
        found = sorted(sentence.concepts & concepts)
        carriers.append(sentence)
        vague += sentence.vague
        asked += "question" in sentence.depth
        mentioned.extend(c for c in found if c not in mentioned)
        window = read.windows[i]
        if read.explains[i]:
            # A slot filled in plain words is explained by a reason, a trade-off or a failure
            # mode, not by a number alone ("three or four examples" fills a slot, thinly).
            reasoned = bool(window & REASONS)
            explained.extend(
                c for c in found if c not in explained and (reasoned or not is_slot(c))
            )
            depth |= window
            explaining += 1
            by_answer.setdefault(sentence.turn, set()).update(window)
    if not carriers:
        return DimensionReading(level=1)
    if all(is_list_sentence(c) or c.vague for c in carriers):
        # Named only inside lists of techniques or hedged talk: no real signal.
        return DimensionReading(1, mentioned, explained, depth, carriers, vague / len(carriers))
    n, kinds = len(explained), len(depth)
    deep = "quantity" in depth and depth & rules.deep_with
    has_needed = not rules.needs_for_4 or bool(rules.needs_for_4 & set(mentioned))
    # What the level-3 anchor asks beyond the level-2 one ("never turns the answers into a
    # success measure or a scope"; "no timeout, no fallback") must be among what is named.
    needed_for_3 = bool(rules.needs_for_3 & set(mentioned))
    asked_enough = rules.questions_for_3 is not None and asked >= rules.questions_for_3
    beyond_2 = not rules.needs_for_3 or needed_for_3 or asked_enough
    # Depth gathered from scattered fragments is not depth: level 4 needs an answer that
    # explains two ways at once (a number and its reason, a choice and what it costs).
    two_ways = any(len(kinds_in) >= 2 for kinds_in in by_answer.values())
    if not beyond_2:
        level = 2
    elif (
        n >= 3
        and kinds >= rules.kinds_for_4
        and deep
        and explaining >= LEVEL_4_EXPLAINING
        and has_needed
        and two_ways
        and _say_figures(carriers, rules.figures_for_4)
    ):
        level = 4
    elif n >= 2 and explaining >= 2 and (kinds >= 2 or n >= BROAD_EXPLAINED):
        level = 3
    elif asked_enough and needed_for_3:
        # Targeted questions are how framing explains itself: three of them, and something made
        # of the answers (an assumption stated, a success measure, a scope), are its level 3.
        level = 3
    else:
        level = 2
    return DimensionReading(
        level, mentioned, explained, depth, carriers, vague / len(carriers), explaining
    )


def _say_figures(sentences: list[ReadSentence], needed: int) -> bool:
    """Whether `needed` of these sentences say a figure (read only as far as it takes: the
    figure reader is slow beside the rest)."""
    found = 0
    for sentence in sentences:
        if found >= needed:
            break
        found += says_a_figure(sentence.text)
    return found >= needed


def best_quotes(
    reading: DimensionReading, concepts: set[str], first: frozenset[str] = frozenset()
) -> list[ReadSentence]:
    """The most telling sentences: those carrying a concept of `first` (the rubric's
    quote_first), then the deepest, then those with most concepts, then the earliest."""
    ranked = sorted(
        enumerate(reading.carriers),
        key=lambda item: (
            not item[1].concepts & first,
            -(len(item[1].depth) + item[1].brief_tie),
            -len(item[1].concepts & concepts),
            item[0],
        ),
    )
    return [sentence for _, sentence in ranked[:MAX_QUOTES]]


def describe_depth(depth: set[str]) -> str:
    names = [DEPTH_WORDS[k] for k in DEPTH_WORDS if k in depth]
    if not names:
        return "no specifics"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
