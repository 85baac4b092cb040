"""What a candidate rejects: "I'd skip pinning", "canaries are overkill here", "instead of a
golden set we'll watch complaints". A slot named in a clause that dismisses it is dismissed,
never filled; "I wouldn't skip pinning" and "never ship without a golden set" are not
dismissals."""

from __future__ import annotations

import re

from scoring.vocabulary.word_start import WordStart

_N = r"(?:n\W?t|not)"
# The patterns below are searched from their first letters (see WordStart): each of them
# would otherwise be tried at every position of every sentence.
# Cues that come before what they dismiss ...
_BEFORE = WordStart(
    r"\b(skip(s|ped|ping)?|forget( about)?|ditch|leave (it |that )?out|"
    rf"(do{_N}|do not|would{_N}|won\W?t|will not) (really )?(bother|need|use|do|add|pin|run|"
    r"build|have|go with|want|put|include|plan|track|set up|keep|worry about|"
    r"go (hunting|looking|digging) for|hunt for|chase)|"
    rf"(do{_N}|do not) think (we|you|i|it) (really )?(need|want|have to|should)|"
    rf"(does{_N}|doesn\W?t|should{_N}) (really )?need|not bother|no need (for|to)|"
    r"instead of|rather than|without|not going to|"
    # what one would rather not build or run: "I'd rather spend the weeks on X than build Y"
    r"rather\b[^.,;:?!]{0,80}?\bthan (on |to )?(build(ing)?|run(ning)?|set(ting)? up|add(ing)?|"
    r"keep(ing)?|maintain(ing)?|use|using|fail(ing)? over|pay(ing)? for)|"
    r"no (point|reason) (in|to)|"
    r"(nobody|no one) (really |ever )?(needs?|wants?|reads?|uses?|looks at|trusts?))\b"
)
# ... and cues that come after it.
_AFTER = WordStart(
    r"\b(overkill|unnecessary|not (really )?(needed|necessary|required|worth( it)?|useful)|"
    r"waste of (time|money|effort)|pointless|over-?engineer\w*|(a )?nice[- ]to[- ]have|"
    r"(isn\W?t|is not|not|aren\W?t|are not) (really |very |that |going to be )?(realistic|feasible|"
    r"practical|doable)|"
    r"(is|are) (a )?luxury|doesn\W?t (matter|help)|isn\W?t (needed|worth)|"
    r"(doesn\W?t|don\W?t|does not|do not) (really )?matter|matters? (very )?little|"
    r"(isn\W?t|is not|not) (really )?(much of )?(a|an) (real )?(risk|concern|issue|problem|"
    r"attack surface)|not (a|an) [\w ]{0,20}worth|ceremony|bureaucra\w*|theat(er|re)|"
    r"cargo[- ]cult|(a lot of|too much|heavy) (machinery|process|overhead|ceremony)|"
    r"makes? sense (only )?(when|if) you\W?re (netflix|google|amazon|a bank|huge|big)|"
    # said of what comes first: "tool calls I don't think we need", "caching we won't need"
    rf"(i|we) (do{_N}|do not|wo{_N}|will not) (really )?(think (we|i|you) )?(really )?"
    r"(need|want|bother with)(?! (to|a|an|the|some|any|much|more|(it|them|that|this) to)\b)\w*)\b"
)
# "I don't think injection matters much": a topic said not to matter, under a negation
# earlier in the clause.
_UNNEEDED = WordStart(
    r"\b(really )?(matters?|is (needed|necessary|required|worth it|a (real )?(risk|concern|issue)))"
    r"\b"
)
_NEGATED_BEFORE = WordStart(r"\b(don\W?t|doesn\W?t|do not|does not|not|never|no)\b")
# A negation just before a place, at most one word between ("didn't really", "never"): the
# contracted forms too, with or without their apostrophe ("wasn't", "dont").
_NEGATION = WordStart(
    r"\b(never|not|no|cannot|(do|does|did|is|was|are|were|ca|wo|would|should|could|have|has|"
    r"had|need|must)n\W?t)\s+(\w+\s+)?$"
)
# Every dismissal above holds one of these (a quick look before the patterns): a negation, or
# a word of its own. No alternative starts with a word boundary, so `re` skips ahead to the
# letters they start with ("cannot" passes too; the patterns decide).
_CUE_WORDS = re.compile(
    r"n\W?t\b|not\b|no\b|never|skip|forget|ditch|leave|instead|rather|without|overkill|"
    r"unnecessary|waste|pointless|engineer|nice|luxury|matter|worth|nobody|no one|ceremony|"
    r"bureaucra|theat|cargo|machinery|process|overhead|sense"
)
# A comma, semicolon or colon and a space, or a joining word between spaces. Written to start
# with the set of every first character, so that `re` skips ahead to those: the look-behinds
# tell the two kinds apart ("[,;:]\s|\s(but|...)\s", the same matches).
_CLAUSE_BREAK = re.compile(
    r"[,;:\s](?:(?<=[,;:])\s|(?<=\s)(but|however|whereas|while|although|though|then)\s)"
)


def dismissal_patterns() -> tuple[str, str, str]:
    """The patterns one of which matches wherever `may_dismiss` says yes (for a literal gate
    that finds such sentences in a whole text at once)."""
    return _BEFORE.pattern, _AFTER.pattern, _UNNEEDED.pattern


def may_dismiss(sentence: str) -> bool:
    """Whether anything in the lower-cased sentence could dismiss what it names (without a cue,
    every stance in it is ""): most sentences have none, and are read faster for it."""
    if not _CUE_WORDS.search(sentence):
        return False
    return bool(
        _BEFORE.search(sentence)
        or _AFTER.search(sentence)
        or (_UNNEEDED.search(sentence) and _NEGATED_BEFORE.search(sentence))
    )


def clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a lower-cased sentence. A short piece after a comma with
    no subject of its own ("we don't need chunking, retrieval or anything clever") goes on
    the clause before it: the items of one list share its stance."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(sentence)))
    merged: list[tuple[int, int]] = []
    for a, b in bounds:
        if b <= a:
            continue
        if merged and sentence[a - 2 : a] == ", " and _list_item(sentence[a:b]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


_SUBJECT = WordStart(r"\b(i|we|you|they|it|he|she|this|that|there|which|who|if|when|so)\b")
LIST_ITEM_WORDS = 8


_JOINS = ("but ", "however ", "whereas ", "while ", "although ", "though ", "then ")


def _list_item(piece: str) -> bool:
    """A short piece with no subject of its own, and not one that turns ("..., but not X")."""
    return (
        len(piece.split()) <= LIST_ITEM_WORDS
        and not piece.startswith(_JOINS)
        and not _SUBJECT.search(piece)
    )


def lower_keeping_offsets(text: str) -> str:
    """The text lower-cased, every offset kept (a letter that lowers to two, "İ", stays as it
    is): spans found in the lower-cased text point into the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def stance_at(lowered: str, parts: list[tuple[int, int]], start: int, end: int) -> str:
    """The stance of what a lower-cased sentence names at [start, end), judged within the
    clause (of `parts`, from `clauses`) where it starts."""
    a, b = next(((a, b) for a, b in parts if a <= start < b), (0, 0))
    return stance(lowered[a:b], start - a, end - a)


def stance(clause: str, start: int, end: int) -> str:
    """How the clause treats what it names at [start, end) (offsets in the clause):
    "dismissed", "affirmed" (a dismissal negated: "I wouldn't skip pinning") or ""."""
    negated = False
    for match in _BEFORE.finditer(clause, 0, start + 1):
        if match.end() <= start:
            if not negated_before(clause, match.start()):
                return "dismissed"
            negated = True
    for match in _AFTER.finditer(clause, end):
        if not negated_before(clause, match.start()):
            return "dismissed"
        negated = True
    unneeded = _UNNEEDED.search(clause, end)
    if unneeded and _NEGATED_BEFORE.search(clause, 0, start):
        return "dismissed"
    return "affirmed" if negated else ""


def negated_before(lowered: str, at: int) -> bool:
    """Whether a negation comes right before position `at` of a lower-cased text ("it wasn't
    really my call", "I didn't skip it")."""
    return bool(_NEGATION.search(lowered[max(0, at - 24) : at]))
