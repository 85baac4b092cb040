"""The questions a candidate asks in an answer, each on its own: clarifying questions about
the brief, check-ins about the answer itself, and questions for the interviewer at the end.
A question the candidate goes on to answer themselves is rhetorical, not asked."""

from __future__ import annotations

import re

from scoring.reading.models import Question, QuestionKind, Span
from scoring.reading.topics import content_stems

_CHECK_IN = re.compile(
    r"\b(does (that|this) (make sense|cover|answer|work|sound|help|address)|"
    r"(is|was) (that|this) (ok|okay|enough|clear|what you|the kind of|roughly what|in line)|"
    r"(should|shall|can|could|do you want me to|would you like me to|want me to) (i )?"
    r"(go|dig|drill|continue|keep going|move on|expand|elaborate|talk|say more|get into)|"
    r"(is there|are there) (an? |any )?(area|part|aspect|anything|something|topic)s? "
    r"([\w'-]+ ){0,5}?(you\W?d|you would|you want|that you)|"
    r"(am i|are we) (on the right track|going in the right direction|covering)|"
    r"(any|other) (questions|concerns|thoughts) (so far|on that|about that)|"
    r"where (would|should|do) you (like|want) (me )?to (go|focus|start)|"
    r"what (else )?would you like (me )?to|does that (all )?(hang together|fit))",
    re.I,
)
_WRAP_UP = re.compile(
    r"\b((the|your) team (look|like|size|structure|work|use|do|ship)|"
    r"how (big|large) is (the|your) (team|company|group|org)|"
    r"who (would|will) i|on (the|your) team\b|"
    r"the role|this role|day[- ]to[- ]day|on-?call rotation|roadmap|next steps|hiring|"
    r"interview process|your (biggest|hardest|main) (challenge|problem)|"
    r"(biggest|hardest) (challenge|problem)s? (you|the team|for)|what (do you|would you) "
    r"(enjoy|like) (most|about)|how (do|does) (you|the team|your team) (measure|ship|deploy|"
    r"work|decide|evaluate)|what (stack|tools) (do|does) (you|the team)|"
    r"(do|does) (you|the team|the company) (use|do) [\w -]{1,30} (anywhere else|elsewhere|"
    r"in other teams)|in (the|your) company\b|\bother teams\b)",
    re.I,
)
_ASKING_OPENER = re.compile(
    r"^(how|what|what\W?s|who|whom|which|when|where|why|is|are|was|were|do|does|did|can|could|"
    r"should|would|will|may|might|have|has|any)\b",
    re.I,
)
_SPOKEN_ASK = re.compile(
    r"^(i\W?m|i am|i was) (wondering|curious)|^(i\W?d|i would) (like|love) to (know|ask)|"
    r"^(can|could|may) i ask\b|^(do|does) (you|anyone) know\b|^(quick|one|another|a) question\b",
    re.I,
)
_RHETORICAL = re.compile(
    r"^(so,? |and |now,? )?(how|what|why) (do|would|should|can|could) (we|i)\b|"
    r"^(so,? )?what (happens|if)\b|^(the|a) (question|problem) is",
    re.I,
)

# A question put to the interviewer names them, or asks for a fact or leave ("is there", "can
# I assume"); one that does neither, between two statements, is the candidate thinking aloud.
_ADDRESSED = re.compile(
    r"\b(you|your|yours|(can|may|should|could|do) (i|we)|are we|is there|are there|today|"
    r"currently|right now|at the moment)\b",
    re.I,
)

# "...? Because that tells me what a misroute costs": why they ask, so a real question.
_WHY_ASKED = re.compile(
    r"^\W*(because|since|that (would|will|kind of|tells|changes|decides))\b", re.I
)
# Asked of themselves: a guess or a proposal said with a rising tone ("I'd say 90% on each
# field?"), or which bucket their own example falls in ("..., which one is that?").
_SELF = re.compile(
    r"\b(i guess|i suppose|i wonder|or maybe|or actually|i\W?d say|i would say)\b|"
    r"\b(which|what)( \w+)? (is|would be) (that|this|it)\W*$",
    re.I,
)
# "...? I'll assume 2,500 a day": a real question, met with the candidate's own assumption.
_ASSUMES = re.compile(r"\b(assum\w*|let\W?s say|i\W?ll (take|go with|pick))\b", re.I)


def find_questions(sentences: list[Span], *, wrap_up: bool = False) -> list[Question]:
    """Each question really asked of the interviewer, classified. `wrap_up`: the interviewer
    has asked for the candidate's questions, so every asked question is a wrap-up one."""
    asked: list[Question] = []
    for index, sentence in enumerate(sentences):
        text = sentence.text.strip()
        if not _is_question(text):
            continue
        answered_after = index + 1 < len(sentences) and not _is_question(
            sentences[index + 1].text.strip()
        )
        if answered_after and not _CHECK_IN.search(text):
            then = sentences[index + 1].text
            # "I guess we'd raise it?" is thinking aloud; "I guess, do we know...?" still asks
            guess = _SELF.search(text) and not _ADDRESSED.search(text)
            to_self = (_RHETORICAL.search(text) or guess) and not _WHY_ASKED.search(then)
            answered_at_once = (
                index > 0
                and not _ADDRESSED.search(text)
                and not _ASSUMES.search(then)
                and not _WHY_ASKED.search(then)
                and bool(content_stems(text) & content_stems(then))
            )
            if to_self or answered_at_once:
                continue  # asked of themselves and answered at once: thinking aloud
        asked.append(Question(text, sentence.start, sentence.end, _kind(text, wrap_up)))
    return asked


def _is_question(text: str) -> bool:
    if text.endswith("?"):
        return True
    # "One question." only announces the question that follows.
    return bool(_SPOKEN_ASK.search(text)) and len(text.split()) > 3


def _kind(text: str, wrap_up: bool) -> QuestionKind:
    if _CHECK_IN.search(text):
        return "check_in"
    if wrap_up or _WRAP_UP.search(text):
        return "wrap_up"
    return "clarifying"


def is_question_text(text: str) -> bool:
    """A sentence that asks something (ends in "?" or opens like a question)."""
    return _is_question(text) or bool(_ASKING_OPENER.search(text) and text.endswith("?"))


# A question as speech-to-text writes it, with no question mark: after the little words a
# speaker starts with ("ok and um, how big is the paste"), it opens the way questions do.
_SPOKEN_LEAD = re.compile(
    r"^(?:\W*(?:ok|okay|so|and|um+|uh+|like|right|yeah|oh|well|cool|also)\b)*\W*", re.I
)
_OPENS_AS_ASKED = re.compile(
    r"^(?:how (?:many|much|often|long|big|fast|quickly|soon|do|does|did|is|are|would|will|"
    r"should)|what(?:\W?s| is| are| was| were| do| does| did| would| kind| sort| type)|"
    r"who (?:reads|is|are|uses|owns|sees|gets|decides|would|will)|which \w+ (?:do|does|is|are)|"
    r"when (?:do|does|is|are|would|will)|where (?:do|does|is|are|would|will)|"
    r"(?:is|are) (?:there|that|this|it|they|we|the)|(?:do|did) (?:you|we|they)|"
    r"does (?:it|that|the|this)|(?:do|does) (?:you|anyone) know|"
    r"(?:can|could|should|may) (?:i|we) |(?:would|will) (?:it|that|the|they|we))\b",
    re.I,
)
# What opens as a question and is a statement: a clause as its subject ("what happens is",
# "how much it costs is", "who reads these summaries are"), or a question answered at once
# ("is it expensive, not really").
_SAYS_NOT_ASKS = re.compile(
    r"^(?:what(?:\W?s)?|how much|how many|who|where|when|which)\b[^,;]*?[\w']+(?:s|ed)\s+"
    r"(?:is|are|was|were)\b(?!\s+(?:we|you|they|it|there|i|he|she)\b)"
    r"|^what\W?s (?:nice|good|great|cool|neat|interesting|important|tricky|hard|key|the point|"
    r"the catch|the trick|the idea|the plan)\b[^,;]*\b(?:is|are)\b"
    r"|,\s*(?:not really|no|nope|yes|yeah|probably|definitely|absolutely)\b",
    re.I,
)


def asks_unpunctuated(text: str, *, last: bool = True) -> bool:
    """A sentence written without a question mark that opens as a question does ("like how
    many analyses are we talking about", "and um, do you know which accounts churned"). One
    before the last of its answer asks only when it is put to the interviewer ("is it
    expensive" mid-answer is the speaker thinking aloud)."""
    lead = _SPOKEN_LEAD.match(text)  # it matches at least nothing
    opened = text[lead.end() if lead else 0 :]
    if not _OPENS_AS_ASKED.match(opened) or _SAYS_NOT_ASKS.search(opened):
        return False
    return last or bool(_ADDRESSED.search(opened))
