"""What a candidate leaves for later: "maybe later a tool to look up the contract value",
"write-back is v2", "for scope, v1 is the paste box only, nothing written back into the CRM".
A technique put off is neither done nor rejected: it earns no credit for the dimension it
belongs to, and it is no red flag (scoping v1 is framing, not a stance against the practice).
"""

from __future__ import annotations

import re

from scoring.vocabulary.gate import required_literals
from scoring.vocabulary.word_start import WordStart

_NT = r"(do|does|did|would|should|wo|is|are|ca|could|will)n\W?t"
# Said after a negation, these insist on a technique rather than put it off ("retries are not
# optional in v1", "I wouldn't ship without them in v1", "no more than that for now").
_INSISTS = r"optional|without|skip\w*|put (it |them |that )?off|more|less|negotiable|compromis\w*"
# A cue in the piece of the clause that names the technique.
_LATER = WordStart(
    r"\b((maybe|perhaps|possibly|probably) (later|eventually|down the (road|line))|"
    r"(that\W?s|it\W?s|that is|it is|leave (it|that|this)|save (it|that|this)|left) for later|"
    r"for later(?=\s*([,.;:!?]|$))|"
    r"later,? (maybe|perhaps)|(can|could|would|will) (come|wait|be added) later|"
    r"(in|for|into) (a |the )?(later|future|next) (version|iteration|release|milestone)|"
    r"(that\W?s|that is|it\W?s|it is) (a )?(v2|v3|version (two|2)|phase (two|2))\b|"
    r"(in|for) (v2|v3|version two|phase two)(?=\s*([,.;:!?]|$))|"
    r"future work|out of scope|scope creep|"
    rf"(not|{_NT}) (in|for|part of) (v1|version one|the (first|initial) (version|release|cut)|"
    rf"the mvp|now)\b|({_NT}|not|no)\b(?![\w' ]{{0,30}}\b({_INSISTS})\b)"
    rf"[\w' ]{{0,30}}\b(in|for) (v1|version one|the mvp|now)\b|"
    r"not (for|right) now|"
    # parked or deferred for later, not handed on ("we defer it to a human reviewer", "park
    # it in a dead-letter queue")
    r"(park(ed|ing)?|defer(red|ring)?|punt(ed|ing)?) (that|it|this|on)\b"
    r"(?! (to|in|into|with|until|for (review|a human))\b)|"
    r"(is|are) (a |an )?(v2|v3|phase two|later) (thing|feature|item|problem|concern)\b|"
    r"leave (that|it|this) for (v2|another))\b"
)
# Every match of `_LATER` holds one of these (as a gate the index finds in one pass).
_LATER_GATE = (
    r"later|eventually|down the (road|line)|future|scope|(in|for|of) v1| v2| v3|"
    r"version (one|two|2)|phase (two|2)|(first|initial|next) (version|release|cut|"
    r"iteration|milestone)|mvp|(for|in|of|right) now|park|defer|punt|leave (it|that|this) for"
)
# A piece of a scope list that starts with "no" or "nothing" ("v1 is: English, the paste box
# only, no automatic pulling, nothing written back"): an exclusion, in a sentence that scopes;
# not one that says when it happens ("to start, no reply is sent until a human approves it").
_SCOPING = WordStart(
    r"\b(scope|scoped|scoping|v1|mvp|version one|first version|first cut|phase one|for now|"
    r"to start( with)?|day one)\b"
)
# Every match of `_SCOPING` holds one of these (as a gate).
_SCOPING_GATE = (
    r"scope|scoping|v1 |v1:|v1,|v1\.| v1|mvp|version one|first version|first cut|phase one|"
    r"for now|to start|day one"
)
_EXCLUDED_PIECE = re.compile(
    r"(?:^|[,;:]|\band\b)\s*(?:and\s+|or\s+)?(?:no|nothing)\s+"
    r"(?![^,;:]*\b(?:until|unless|without|before|except)\b)[^,;:]*$"
)
_EXCLUDED_WORD = re.compile(r"\b(?:no|nothing)\b")
# How a short remark on the clause before it opens: "but that's scope creep for now", "yeah, not
# for v1" (the cue right after these words).
_REMARK = re.compile(
    r"(?:(?:but|and|so|yeah|though|well),? )*(?:that\W?s |that is |it\W?s |it is |which is |"
    r"this is |probably |maybe |perhaps )?"
)
# Where a clause's pieces part: a comma, a semicolon, or "now" said of what came before it.
_PIECE_BREAK = re.compile(r"[,;]|\bnow\b")
SHORT_CLAUSE_WORDS = 8
TOPIC_WORDS = 4
# The gate's strings, for a quick look before the pattern.
(_LATER_WORDS,) = required_literals(_LATER_GATE) or (frozenset({""}),)


def deferral_patterns() -> tuple[str, str]:
    """Patterns one of which matches wherever `deferrals` finds anything (for literal gates
    that find such sentences in a whole text at once)."""
    return _LATER_GATE, _SCOPING_GATE


class Deferrals:
    """The cues of one lower-cased sentence that put things off, found once for all it names."""

    __slots__ = ("later", "lowered", "scope_list")

    def __init__(self, lowered: str, later: list[tuple[int, int]], scope_list: bool) -> None:
        self.lowered = lowered
        self.later = later  # spans of "maybe later", "out of scope", "not in v1" ...
        self.scope_list = scope_list  # a scoping sentence, so "no X" pieces exclude X

    def cover(self, parts: list[tuple[int, int]], start: int, end: int) -> bool:
        """Whether what the sentence (of these clauses, from `clauses`) names at [start, end)
        is put off: a cue in the piece of its clause that names it, a short remark right after
        that piece or clause that opens with one ("maybe later a tool for that, but that's
        scope creep for now"), or an excluding piece of a scope list."""
        if _SCOPING.search(self.lowered, start, end):
            return False  # "v1", "scope": the scoping itself, no technique put off
        at = next((k for k, (a, b) in enumerate(parts) if a <= start < b), None)
        if at is None:
            return False
        a, b = parts[at]
        # Not the cue's own words ("out of scope" is the scoping); and "retries now, and a
        # dead-letter queue maybe later" puts off only the queue.
        low, high = self._piece(a, b, start, end)
        if any(low <= c < high and (d <= start or c >= end) for c, d in self.later):
            return True
        after = self._piece(a, b, high + 1, high + 1) if high < b else None
        if after is None and at + 1 < len(parts):
            after = parts[at + 1]
        topic = len(self.lowered[low:high].split()) <= TOPIC_WORDS
        if after is not None and self._remarks(*after, topic):
            return True
        return self.scope_list and bool(_EXCLUDED_PIECE.search(self.lowered, 0, start))

    def _remarks(self, c: int, d: int, topic: bool) -> bool:
        """Whether [c, d) is a short remark that puts off what came before it: it opens with a
        cue ("but that's scope creep for now", "yeah, not for v1"), or holds one after a bare
        topic ("Tool calls, I don't think I need any in v1")."""
        if len(self.lowered[c:d].split()) > SHORT_CLAUSE_WORDS:
            return False
        remark = _REMARK.match(self.lowered, c, d)
        opens = d if topic or remark is None else remark.end()
        return any(c <= x <= opens for x, _ in self.later)

    def _piece(self, a: int, b: int, start: int, end: int) -> tuple[int, int]:
        """The piece of the clause [a, b) around [start, end), between its breaks."""
        low, high = a, b
        for found in _PIECE_BREAK.finditer(self.lowered, a, b):
            if found.end() <= start:
                low = found.end()
            elif found.start() >= end:
                high = found.start()
                break
        return low, high


def deferrals(lowered: str) -> Deferrals | None:
    """What in the lower-cased sentence could put off what it names (None: nothing)."""
    later: list[tuple[int, int]] = []
    if any(word in lowered for word in _LATER_WORDS):
        later = [m.span() for m in _LATER.finditer(lowered)]
    scope_list = bool(_EXCLUDED_WORD.search(lowered)) and bool(_SCOPING.search(lowered))
    if not later and not scope_list:
        return None
    return Deferrals(lowered, later, scope_list)
