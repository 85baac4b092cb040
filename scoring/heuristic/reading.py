"""A close reading of the candidate's turns: sentences, concepts and depth, by position.

All candidate turns are joined into one text (turns separated by blank lines), every pattern
runs once over it, and each hit is mapped back to its turn and sentence. Only the
candidate's own words are read; the interviewer's never count.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from scoring.heuristic.recitation import Echoes, is_recited
from scoring.heuristic.slots import slot_hits
from scoring.heuristic.speech import Cleaned, cleaned, sounds_spoken
from scoring.reading.deferral import Deferrals, deferral_patterns, deferrals
from scoring.reading.dismissal import (
    clauses,
    dismissal_patterns,
    lower_keeping_offsets,
    may_dismiss,
    stance_at,
)
from scoring.reading.questions import asks_unpunctuated
from scoring.scorecard import Evidence
from scoring.transcripts.model import Transcript
from scoring.vocabulary.integrity import about_attacks, aimed_at_grader, disguised
from scoring.vocabulary.language import RepeatDetector
from scoring.vocabulary.matcher import DEPTH_KINDS, Gated, Matcher, gated, words
from scoring.vocabulary.text_index import TextIndex

TURN_SEPARATOR = "\n\n"
# The same frame of connectives ("because ..., at the cost of ...") in this many sentences is
# a habit of speech, not reasoning: it explains once, in its first sentence.
FRAME_REPEATS = 4
FRAME_KINDS = ("reason", "tradeoff")  # the connectives; failure words are content
_CLAUSE_END = re.compile(r"[.,;:!?\n]")
# A number is a number, even in a technique's name; the rest are not.
EXPLANATION_KINDS = ("reason", "tradeoff", "failure_mode", "rule")
QUESTION_CONCEPT = "clarifying_requirements"
# The sentences that may set aside what they name are found by these at once, and those that
# may put it off by the others.
DISMISSAL_GATES = tuple(gated(p) for p in dismissal_patterns())
DEFERRAL_GATES = tuple(gated(p) for p in deferral_patterns())


@dataclass
class ReadSentence:
    turn: int  # 1-based turn number in the transcript
    start: int  # character span within that turn's text
    end: int
    text: str
    index_in_turn: int
    concepts: set[str] = field(default_factory=set)
    depth: set[str] = field(default_factory=set)
    vague: bool = False
    injection: bool = False
    brief_tie: bool = False
    recited: bool = False  # the rubric's words or the interviewer's, read back
    dismissed: set[str] = field(default_factory=set)  # concepts it sets aside
    reason: str = ""  # the words after its first "because" (or the like), to its next stop
    frame: tuple[str, ...] = ()  # its connectives: "reason:because", "tradeoff:at the cost of"
    said: str = ""  # the words as said, when `text` is cleaned speech (fillers dropped)
    asked: bool = False  # a question: "?", or in speech written without one, its opening

    def as_evidence(self) -> Evidence:
        """A verbatim quote of the sentence: speech is quoted as said, fillers and all."""
        return Evidence(
            turn=self.turn, start=self.start, end=self.end, quote=self.said or self.text
        )


@dataclass
class Reading:
    joined: str  # the candidate's turns joined: what the matcher indexed
    index: TextIndex  # the matcher's index of `joined`: its sentences are `sentences`
    sentences: list[ReadSentence]
    candidate_words: int
    repeated_turns: list[int]
    _usable: list[ReadSentence] | None = field(default=None, repr=False)

    def sentence_at(self, char: int) -> ReadSentence | None:
        """The sentence holding this offset of `joined`, if any."""
        found = self.index.sentence_of(char)
        return None if found is None else self.sentences[found]

    def usable(self) -> list[ReadSentence]:
        """Sentences that can earn credit: counted, and not recited. Read once."""
        if self._usable is None:
            self._usable = [s for s in self.counted() if not s.recited]
        return self._usable

    def counted(self) -> list[ReadSentence]:
        """Sentences that count at all (for credit and for red flags): not in an answer that
        carries text aimed at the grader (the whole answer earns nothing), not in a repeated
        turn. A recited sentence still counts against the candidate."""
        left_out = set(self.repeated_turns) | {s.turn for s in self.sentences if s.injection}
        return [s for s in self.sentences if s.turn not in left_out]


def read_candidate(
    transcript: Transcript,
    matcher: Matcher,
    ties: frozenset[str] = frozenset(),
    echoes: Echoes | None = None,
) -> Reading:
    """Read the candidate's turns. `ties`: the words that tie a sentence to this round (the
    brief's names, what the interviewer said of the product: `ties.round_words`)."""
    parts: list[str] = []
    turn_numbers: list[int] = []
    turn_starts: list[int] = []  # where each candidate turn starts in the joined text
    position = 0
    repeated: list[int] = []
    detector = RepeatDetector()
    total_words = 0
    heard: list[Cleaned] = []  # each turn as read: fillers and words said twice dropped
    said: list[str] = []
    answers = transcript.candidate_turns()
    spoken = sounds_spoken(turn.text for _, turn in answers)
    for number, turn in answers:
        is_repeat, count = detector.observe(turn.text)
        total_words += count
        if is_repeat:
            repeated.append(number)
        heard.append(cleaned(turn.text) if spoken else Cleaned(turn.text))
        said.append(turn.text)
        parts.append(heard[-1].text)
        turn_numbers.append(number)
        turn_starts.append(position)
        position += len(heard[-1].text) + len(TURN_SEPARATOR)
    joined = TURN_SEPARATOR.join(parts)
    # Speech written down without question marks: an answer the interviewer replies to may
    # end in questions all the same ("ok and how big is the paste").
    turns = transcript.turns
    unpunctuated = {
        number
        for k, number in enumerate(turn_numbers)
        if spoken
        and "?" not in said[k]
        and number < len(turns)
        and turns[number].role == "interviewer"
    }

    # The separator ends a sentence, so the sentences of the joined text are exactly each
    # turn's sentences in order, and one index serves every search below.
    matcher.register((*DISMISSAL_GATES, *DEFERRAL_GATES))
    index = matcher.index(joined)
    sentences: list[ReadSentence] = []
    owner_turn = -1
    in_turn = 0
    for found in index.sentences:
        current = bisect.bisect_right(turn_starts, found.start) - 1
        in_turn = in_turn + 1 if current == owner_turn else 0
        owner_turn = current
        base = turn_starts[current]
        start, end = found.start - base, found.end - base
        text = joined[found.start : found.end]
        sentence = ReadSentence(turn_numbers[current], start, end, text, in_turn)
        if heard[current].text is not said[current]:  # cleaned: quote the words as said
            sentence.start, sentence.end = heard[current].said_span(start, end)
            sentence.said = said[current][sentence.start : sentence.end]
        sentence.asked = text.endswith("?")
        sentences.append(sentence)
    for at, sentence in enumerate(sentences):
        if not sentence.asked and sentence.turn in unpunctuated:
            last = at + 1 == len(sentences) or sentences[at + 1].turn != sentence.turn
            sentence.asked = asks_unpunctuated(sentence.text, last=last)

    reading = Reading(joined, index, sentences, total_words, repeated)
    sentence_at = reading.sentence_at
    concept_hits = matcher.concept_hits(joined)
    # Only sentences holding the words of a dismissal or a deferral can set aside or put off
    # what they name (the index knows where they are).
    dismissing = _cue_sentences(matcher, index, DISMISSAL_GATES)
    deferring = _cue_sentences(matcher, index, DEFERRAL_GATES)
    # sentence -> its stance cues: what may dismiss (its lower-cased text and clauses) and
    # what may put off what it names; None when it has neither
    cued: dict[int, _Cues | None] = {}
    # Slots filled in plain words are concepts too, and set aside the same way; only the
    # vocabulary's names are kept out of depth below (a slot's form may hold its number).
    asked = [i for i, read in enumerate(sentences) if read.asked]
    for hit in [*concept_hits, *slot_hits(matcher, joined, asked)]:
        i = index.sentence_of(hit.start)
        if i is None:
            continue
        owner = sentences[i]
        if i not in cued:
            cued[i] = None
            dismisses = dismissing is None or i in dismissing
            defers = deferring is None or i in deferring
            if dismisses or defers:
                cued[i] = _cues(lower_keeping_offsets(owner.text), dismisses, defers)
        at = hit.start - index.starts[i]
        end = at + hit.end - hit.start
        cue = cued[i]
        if cue is None:
            owner.concepts.add(hit.kind)
        elif cue.dismissing and stance_at(cue.lowered, cue.parts, at, end) == "dismissed":
            owner.dismissed.add(hit.kind)  # "I wouldn't bother pinning": no credit for it
        elif cue.deferring is None or not cue.deferring.cover(cue.parts, at, end):
            owner.concepts.add(hit.kind)  # put off ("maybe later a tool"): neither
    for sentence in sentences:  # set aside once in a sentence, not credited elsewhere in it
        sentence.concepts -= sentence.dismissed
    concept_starts = [hit.start for hit in concept_hits]
    concept_ends = [hit.end for hit in concept_hits]

    def inside_concept(start: int, end: int) -> bool:
        """A technique's own name ("timeouts", "detect hallucinations") is not depth."""
        i = bisect.bisect_right(concept_starts, start) - 1
        while i >= 0 and concept_starts[i] > start - 80:
            if concept_starts[i] <= start and end <= concept_ends[i]:
                return True
            i -= 1
        return False

    def outside_concepts(start: int, end: int) -> bool:
        return not inside_concept(start, end)

    def framing(kind: str) -> Callable[[int, int], bool]:
        """Accept a connective outside a technique's name, and note it in its sentence's
        frame either way ("at the cost of" is a phrase of stating trade-offs, yet part of a
        frame)."""

        def accept(start: int, end: int) -> bool:
            owner = sentence_at(start)
            if owner is not None:
                cue = f"{kind}:{joined[start:end].lower()}"
                if cue not in owner.frame:
                    owner.frame = tuple(sorted((*owner.frame, cue)))
                if kind == "reason" and not owner.reason:
                    owner.reason = " ".join(_CLAUSE_END.split(joined[end : end + 80])[0].split())
            return outside_concepts(start, end)

        return accept

    for kind in (*DEPTH_KINDS, "vague", "grader_injection"):
        accept: Callable[[int, int], bool] | None = None
        if kind in FRAME_KINDS:
            accept = framing(kind)
        elif kind in EXPLANATION_KINDS:
            accept = outside_concepts
        for hit in matcher.signal_per_sentence(joined, kind, accept):
            carrier = sentence_at(hit.start)
            if carrier is None:
                continue
            if kind == "vague":
                carrier.vague = True
            elif kind == "grader_injection":
                carrier.injection = not about_attacks(carrier.text)
            else:
                carrier.depth.add(kind)
    _one_explanation_per_frame(sentences)
    for read in sentences:  # look-alike letters and invisible characters, read as meant
        if not read.injection and disguised(read.text):
            read.injection = aimed_at_grader(read.text, matcher)
    # A targeted question about the problem is itself evidence of framing it; one asked when
    # the interviewer invited the candidate's own questions is about the job, not the design.
    closing = _wrap_up_from(transcript)
    questions = [i for i in asked if sentences[i].turn < closing]
    for i in matcher.sentences_with(joined, "clarifying_question", questions):
        sentences[i].concepts.add(QUESTION_CONCEPT)
        sentences[i].depth.add("question")
    if ties:  # only what names something is read for depth
        for read in sentences:
            if read.concepts:
                read.brief_tie = not ties.isdisjoint(words(read.text))
    if echoes is not None:
        for read in sentences:  # only what names something can earn anything
            if read.concepts:
                read.recited = is_recited(read.text, echoes, read.turn)
    return reading


def _one_explanation_per_frame(sentences: list[ReadSentence]) -> None:
    """A frame of two or more connectives, or the same reason word for word, said in
    FRAME_REPEATS sentences or more explains only in the first of them: "because X matters,
    at the cost of Y" said of every technique is one sentence frame, not twenty explanations,
    and "because the account manager reads it" after every answer is one reason."""
    keys = [_frame_key(s) for s in sentences]
    counts = Counter(k for k in keys if k)
    seen: set[tuple[str, ...]] = set()
    for sentence, key in zip(sentences, keys, strict=True):
        if not key or counts[key] < FRAME_REPEATS:
            continue
        if key in seen:
            sentence.depth -= set(EXPLANATION_KINDS)
        seen.add(key)


def _frame_key(sentence: ReadSentence) -> tuple[str, ...]:
    if len(sentence.frame) >= 2:
        return sentence.frame
    if len(sentence.reason.split()) >= 2:
        return ("reason", sentence.reason.lower())
    return ()


# Gated: searched in the lower-cased turn when it can be (`Gated.found_in`). "What questions do
# you have for me?" as well as "any questions for me?".
_INVITES_QUESTIONS = gated(
    r"\b(questions?\b[^.?!]{0,30}\b(for|about) (me|us|the team|the role)|"
    r"anything you(\W?d| would)? (like|want) to ask|"
    r"what (would you like|do you want) to (ask|know))\b"
)


def _wrap_up_from(transcript: Transcript) -> int:
    """The turn number from which the candidate is asking their own questions (after the
    interviewer invites them), or past the end when that never happens."""
    turns = transcript.turns
    for number, turn in enumerate(turns, start=1):
        if number > 2 and turn.role == "interviewer" and _INVITES_QUESTIONS.found_in(turn.text):
            return number
    return len(turns) + 1


def _cue_sentences(matcher: Matcher, index: TextIndex, gates: tuple[Gated, ...]) -> set[int] | None:
    """The sentences that hold the words one of these gates needs (None: any sentence may)."""
    found: set[int] = set()
    for pattern in gates:
        gated_here = matcher.gated_sentences(index, pattern)
        if gated_here is None:
            return None
        found |= gated_here
    return found


@dataclass
class _Cues:
    """A sentence's stance cues, read once for everything it names."""

    lowered: str
    parts: list[tuple[int, int]]  # its clauses
    dismissing: bool  # it may set aside what it names ("I'd skip pinning")
    deferring: Deferrals | None  # what may put off what it names ("maybe later a tool")


def _cues(lowered: str, dismissing: bool, deferring: bool) -> _Cues | None:
    """The cues of a sentence that may dismiss or put off what it names, as its gates say."""
    dismisses = dismissing and may_dismiss(lowered)
    defers = deferrals(lowered) if deferring else None
    if not dismisses and defers is None:
        return None
    return _Cues(lowered, clauses(lowered), dismisses, defers)
