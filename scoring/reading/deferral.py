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
# A cue anywhere in the clause that names the technique.
_LATER = WordStart(
    r"\b((maybe|perhaps|possibly|probably) (later|eventually|down the (road|line))|"
    r"(that\W?s|it\W?s|is|are|be|leave (it|that|this)|save (it|that|this)|left) for later|"
    r"later,? (maybe|perhaps)|(can|could|would|will) (come|wait|be added) later|"
    r"(in|for|into) (a |the )?(later|future|next|second) (version|phase|iteration|release|"
    r"milestone|cut)|(that\W?s|that is|it\W?s|it is|is|are) (a )?(v2|v3|version (two|2)|"
    r"phase (two|2))\b|(in|for) (v2|v3|version two|phase two)(?=\s*([,.;:!?]|$))|"
    r"down the (road|line)|future work|out of scope|scope creep|"
    rf"(not|{_NT}) (in|for|part of) (v1|version one|the (first|initial) (version|release|cut)|"
    rf"the mvp|now)\b|({_NT}|not|no)\b[\w' ]{{0,30}}\b(in|for) (v1|version one|the mvp|now)\b|"
    r"not (for|right) now|(park(ed|ing)?|defer(red|ring)?|punt(ed|ing)?) (that|it|this|on)|"
    r"leave (that|it|this) for (v2|another))\b"
)
# Every match of `_LATER` holds one of these (as a gate the index finds in one pass).
_LATER_GATE = (
    r"later|eventually|down the (road|line)|future|scope|(in|for|of) v1| v2| v3|"
    r"version (one|two|2)|phase (two|2)|(first|initial|next|second) (version|release|cut|phase|"
    r"iteration|milestone)|mvp|(for|in|of|right) now|park|defer|punt|leave (it|that|this) for"
)
# A piece of a scope list that starts with "no" or "nothing" ("v1 is: English, the paste box
# only, no automatic pulling, nothing written back"): an exclusion, in a sentence that scopes.
_SCOPING = WordStart(
    r"\b(scope|scoped|scoping|v1|mvp|version one|first version|first cut|phase one|for now|"
    r"to start( with)?|day one)\b"
)
# Every match of `_SCOPING` holds one of these (as a gate).
_SCOPING_GATE = (
    r"scope|scoping|v1 |v1:|v1,|v1\.| v1|mvp|version one|first version|first cut|phase one|"
    r"for now|to start|day one"
)
_EXCLUDED_PIECE = re.compile(r"(?:^|[,;:]|\band\b)\s*(?:and\s+|or\s+)?(?:no|nothing)\s+[^,;:]*$")
# The same, as plain strings for a quick look before the pattern.
_LATER_WORDS = tuple(sorted(next(iter(required_literals(_LATER_GATE) or ((),)))))


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
        is put off: a cue in its clause, a short remark right after it that opens with one
        ("maybe later a tool for that, but that's scope creep for now"), or an excluding piece
        of a scope list."""
        if _SCOPING.search(self.lowered, start, end):
            return False  # "v1", "scope": the scoping itself, no technique put off
        at = next((k for k, (a, b) in enumerate(parts) if a <= start < b), None)
        if at is None:
            return False
        a, b = parts[at]
        # The cue's own words are no technique put off ("out of scope" is the scoping).
        if any(a <= c < b and (d <= start or c >= end) for c, d in self.later):
            return True
        if at + 1 < len(parts):
            c, d = parts[at + 1]
            short = len(self.lowered[c:d].split()) <= SHORT_CLAUSE_WORDS
            # ... or any cue in it, when the clause before is only a topic ("Tool calls, I
            # don't think I need any in v1").
            remark = _REMARK.match(self.lowered, c, d)
            opens = d if len(self.lowered[a:b].split()) <= TOPIC_WORDS else c
            if remark and opens == c:
                opens = remark.end()
            if short and any(c <= x <= opens for x, _ in self.later):
                return True
        return self.scope_list and bool(_EXCLUDED_PIECE.search(self.lowered, 0, start))


def deferrals(lowered: str) -> Deferrals | None:
    """What in the lower-cased sentence could put off what it names (None: nothing)."""
    later: list[tuple[int, int]] = []
    if any(word in lowered for word in _LATER_WORDS):
        later = [m.span() for m in _LATER.finditer(lowered)]
    scope_list = bool(_EXCLUDED_WORD.search(lowered)) and bool(_SCOPING.search(lowered))
    if not later and not scope_list:
        return None
    return Deferrals(lowered, later, scope_list)


# How a short remark on the clause before it opens: "but that's scope creep for now", "yeah, not
# for v1" (the cue right after these words).
_REMARK = re.compile(
    r"(?:(?:but|and|so|yeah|though|well),? )*(?:that\W?s |that is |it\W?s |it is |which is |"
    r"this is |probably |maybe |perhaps )?"
)
_EXCLUDED_WORD = re.compile(r"\b(?:no|nothing)\b")
SHORT_CLAUSE_WORDS = 8
TOPIC_WORDS = 4
