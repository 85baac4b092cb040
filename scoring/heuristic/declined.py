"""A proposal the interviewer puts and the candidate turns down: "Would you put any check
between the model's output and the refund?" answered "I thought about it, and I'd argue
against it." The refusal names nothing itself ("it", "no"), so it is read against the
question it answers: the interviewer proposed the practice, the candidate declined it.

Only a plain refusal in the first sentences of the very next answer counts. An answer that
takes the proposal up ("Yes, and ...") or trades it for a check of its own ("No human, but
every id is checked against the CRM first") refuses nothing; it is read by what it commits
to, in the scorer's usual way.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from scoring.heuristic.reading import Reading, ReadSentence
from scoring.transcripts.model import Transcript
from scoring.vocabulary.matcher import Gated, normalize
from scoring.vocabulary.text_index import split_sentences

# How far into the answer a refusal still answers the question: its first sentences (a
# candidate may restate what exists before saying no: "The order lookup, for the amount.
# But no, no human and no second check on the decision.").
OPENING_SENTENCES = 3

_NOT_A_NO = r"(?!\W+(?:doubt|question)\b)"  # "no doubt", "no question" agree
_REFUSES = re.compile(
    r"^(?:(?:honestly|frankly|but|so|well|and|i mean|for v1)\W+)*(?:no|nope|nah)\b"
    + _NOT_A_NO
    + r"|\b(?:but|so|honestly|frankly),? no\b"
    + _NOT_A_NO
    + r"|, no(?=[,.;] |[.;]?$)"  # a "no" of its own after a clause: "Not a human one, no, and"
    + r"|\bargue against (?:it|that|one|them)\b"
    r"|\b(?:i|we) (?:wouldn\W?t|won\W?t|would not|will not|don\W?t want to|do not want to)"
    r" (?:add|put|want|bother|build|insert|need|have)\b(?: (?:it|that|one|any|a|an)\b|$)"
    r"|\b(?:i|we) don\W?t (?:think (?:so|we need (?:it|that|one|any)"
    r"|it\W?s (?:needed|worth it))|need (?:it|that|one))\b"
    # "I don't really see the upside." said of the proposal, not "the point of paying more"
    r"|\b(?:i|we) (?:don\W?t|do not) (?:really )?see (?:the|any|much|a)"
    r" (?:upside|point|benefit|need)(?= *(?:[.;!]|,? (?:honestly|really|to be honest)\b|$))"
    r"|\bnot (?:in|for) (?:v1|the first version|now)\b(?! but)"
    r"|\b(?:i\W?d|i would|we\W?d|we would) (?:skip|leave out|not add|not put)"
    r" (?:it|that|one|them)\b"
    r"|\bno (?:human|person|second (?:check|model|look)|check|review|gate|approval)\b"
    r"[^.?!]{0,40}\b(?:deliberate|on purpose|by design|intentional)"
)
# A check the answer goes on to commit to after its "no" ("No human, but every id is matched
# against the CRM first"): not a refusal of any check. One said as absent ("no second check",
# "without a review") commits to nothing.
_A_CHECK = re.compile(
    r"\b(?:check\w*|verif\w*|validat\w*|look\w* up|lookups?|match\w*|compar\w*|confirm\w*)\b"
)
_ABSENT = re.compile(r"\b(?:no|not|without|never|nor)\b[^.?!,;]{0,15}$|n't[^.?!,;]{0,15}$")
# Taking the proposal up, said at the start of the same sentence or the next.
_ACCEPTS = re.compile(
    r"^(?:\W*(?:oh|well|so|and),? )?(?:yes|yeah|yep|definitely|absolutely|of course|sure)\b"
    r"|\b(?:i\W?d|i would|we\W?d|we would|i\W?ll|we\W?ll) (?:add|put in|insert|require|keep)\b"
)


def declined(
    transcript: Transcript,
    reading: Reading,
    proposals: Sequence[Gated],
    instead: Collection[str] = frozenset(),
) -> tuple[ReadSentence, str] | None:
    """The candidate's first refusal of a question one of `proposals` matches (a question
    the interviewer asked, answered in the very next turn), among the counted sentences,
    with the question it refuses. A refusal whose next sentence shows one of the concepts
    `instead` (another check: "No. The order id has to appear in the email and belong to the
    sender.") trades the proposal for something else, and is no refusal."""
    if not proposals:
        return None
    turns = transcript.turns
    for number, turn in enumerate(turns[:-1], start=1):
        if turn.role != "interviewer" or turns[number].role != "candidate":
            continue
        asked = _proposal_in(turn.text, proposals)
        if asked is None:
            continue
        answer = [s for s in reading.sentences if s.turn == number + 1]
        refusal = _refusal(answer[:OPENING_SENTENCES], instead)
        if refusal is not None and any(refusal is s for s in reading.counted()):
            return refusal, asked
    return None


def _proposal_in(text: str, proposals: Sequence[Gated]) -> str | None:
    """The first question of an interviewer's turn that one of the proposals matches. Most
    turns hold no literal of a proposal's smallest gate, and are passed over at once."""
    lowered = normalize(text).lower()
    for proposal in proposals:
        rarest = min(proposal.literals, key=len) if proposal.literals else ()
        if rarest and not any(literal in lowered for literal in rarest):
            continue
        for sentence in split_sentences(lowered):
            if sentence.text.endswith("?") and proposal.found_in(sentence.text):
                return sentence.text
    return None


def _refusal(opening: list[ReadSentence], instead: Collection[str]) -> ReadSentence | None:
    """The opening sentence that plainly refuses, unless the answer takes the proposal up or
    trades it for a check of its own."""
    for at, sentence in enumerate(opening):
        lowered = normalize(sentence.text).lower()
        refusal = _REFUSES.search(lowered)
        if refusal is None:
            continue
        following = opening[at + 1] if at + 1 < len(opening) else None
        after = normalize(following.text).lower() if following else ""
        before = [normalize(s.text).lower() for s in opening[:at]]
        if _ACCEPTS.search(lowered) or _ACCEPTS.match(after) or any(map(_ACCEPTS.match, before)):
            return None
        if following is not None and not following.concepts.isdisjoint(instead):
            return None
        if _commits_to_a_check(f"{lowered[refusal.end() :]} {after}"):
            return None
        return sentence
    return None


def _commits_to_a_check(text: str) -> bool:
    return any(not _ABSENT.search(text[: m.start()]) for m in _A_CHECK.finditer(text))
