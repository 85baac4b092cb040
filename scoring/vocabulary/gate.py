"""Literal gates for regular expressions: text that contains none of a pattern's required
literals cannot match it, so the (slow) regex is skipped.

`required_literals` reads the parsed pattern and returns sets of lower-case strings such that
every match contains at least one string of each set (or None when no useful set exists).
The analysis is sound: a sequence needs all its mandatory items, so any one item's set will
do; an alternation needs one of its branches, so the union of theirs; and a run of items that
each match one of a few fixed strings ("(is|are) (there|it)") matches one of their
concatenations.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from scoring.vocabulary.common import UBIQUITOUS

MIN_LITERAL = 3  # shorter literals are in almost every text; no use as a gate
MAX_STRINGS = 64  # a run of fixed strings is expanded up to this many concatenations
RARE_SYMBOLS = frozenset("<>{}[]|\\#@$%^&*~`=+_")  # rare in speech, so selective alone

DIGIT = "\\d"  # a pseudo-literal: the sentence holds a digit (the index finds them itself)
DIGITS = frozenset({DIGIT})
# A pseudo-literal WORD + "ci": the sentence holds the word "ci" whole (a token of letters and
# digits with none just before or after), found by the index among its tokens. Real literals
# never hold the mark (no pattern text does).
WORD = "\x00"

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_ZERO_WIDTH = {sre.AT}  # \b, ^, $: take no characters, so runs of strings continue past them

Items = list[tuple[Any, Any]]


def _sequence(items: Items) -> frozenset[str] | None:
    useful = _options(items)
    if not useful:
        return None
    return max(useful, key=lambda o: (_set_worth(o), -len(o)))


def _options(items: Items) -> list[frozenset[str]]:
    """Every useful literal set of a sequence: a match holds one string of each."""
    options: list[frozenset[str] | None] = []
    run: set[str] | None = None  # concatenations of the current run of fixed-string items
    for op, av in items:
        strings = _strings(op, av)
        if strings is not None and run is not None:
            joined = {a + b for a in run for b in strings}
            if len(joined) <= MAX_STRINGS:
                run = joined
                continue
        if run is not None:
            # The next item's match starts with one of its leading strings: the run may end
            # with one of those.
            leading = _leading(op, av) if strings is None else None
            if leading is not None and len(run) * len(leading) <= MAX_STRINGS:
                run = {a + b for a in run for b in leading}
            options.append(_literal_set(run))
        run = set(strings) if strings is not None else None
        if run is None:
            options.append(_item(op, av))
    if run is not None:
        options.append(_literal_set(run))
    return [o for o in options if o and _set_worth(o) >= MIN_LITERAL]


def _literal_set(strings: set[str]) -> frozenset[str] | None:
    """A run's strings as a gate; short strings that all hold a digit gate on digits."""
    if "" in strings or any(WORD in string for string in strings):
        return None  # the run can match nothing at all: no constraint
    if any(not c.isascii() and c.lower() != c.upper() for string in strings for c in string):
        return None  # a non-ASCII letter has case-insensitive twins lower() does not give
    found = frozenset(s.lower() for s in strings)
    if _set_worth(found) < MIN_LITERAL and all(any(c.isdecimal() for c in s) for s in found):
        return DIGITS
    return found


def _lean(group: frozenset[str]) -> frozenset[str]:
    """A gate's strings with fewer occurrences to record and the same sentences or a few
    more: spaces at either end dropped (while each string stays selective), and a string
    that holds another of the group left out (a sentence holding it holds the other)."""
    trimmed = frozenset(s.strip(" ") for s in group)
    if _set_worth(trimmed) >= MIN_LITERAL and "" not in trimmed:
        group = trimmed
    real = [s for s in group if s != DIGIT and not s.startswith(WORD)]
    return frozenset(s for s in group if s not in real or not any(o != s and o in s for o in real))


def _whole_words(items: Items) -> frozenset[str] | None:
    """Word pseudo-literals for a pattern too short for a literal gate, such as
    "\\b(ci|prs?)\\b": a word boundary, then one of a few fixed strings that each start with
    a word of ASCII letters and digits, ending where the string goes on with another
    character or where a word boundary follows. A match then holds one of those words whole
    (in an ASCII text; the index reads other texts as holding every word)."""
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN and not items[0][1][1] | items[0][1][2]:
        items = list(items[0][1][-1].data)
    for at in range(len(items) - 1):
        op, av = items[at]
        if op is not sre.AT or av is not sre.AT_BOUNDARY:
            continue
        strings = _strings(*items[at + 1])
        if not strings:
            continue
        ends_at_boundary = at + 2 < len(items) and items[at + 2] == (sre.AT, sre.AT_BOUNDARY)
        found = {_leading_word(s, ends_at_boundary) for s in strings}
        if None not in found and not found & UBIQUITOUS:
            return frozenset(WORD + word for word in found if word is not None)
    return None


def _leading_word(string: str, ends_at_boundary: bool) -> str | None:
    """The word a string starts with, when a match of it holds that word whole."""
    length = 0
    while length < len(string) and string[length].isascii() and string[length].isalnum():
        length += 1
    if length == 0 or (length == len(string) and not ends_at_boundary):
        return None
    if length < len(string) and string[length] == "_":
        return None  # "_" is a word character: no boundary of the token there
    return string[:length].lower()


def _set_worth(strings: frozenset[str]) -> int:
    return min(_worth(s) for s in strings)


def _worth(literal: str) -> int:
    """How selective a literal is: its length, or nothing for a very common word."""
    if literal == DIGIT or literal.startswith(WORD):
        return MIN_LITERAL  # sentences with numbers are a minority; worth gating on
    if any(c in RARE_SYMBOLS for c in literal):
        return max(len(literal), MIN_LITERAL)
    return 0 if literal.strip() in UBIQUITOUS else len(literal)


def _strings(op: Any, av: Any) -> frozenset[str] | None:
    """Every string this item can match, when that is a small fixed set (else None)."""
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op is sre.SUBPATTERN:
        return _sequence_strings(list(av[-1].data))
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence_strings(list(branch.data))
            if found is None:
                return None
            union |= found
        return frozenset(union) if len(union) <= MAX_STRINGS else None
    if op in _REPEATS and av[0] == 0 and av[1] == 1:  # optional: x?
        found = _sequence_strings(list(av[2].data))
        return found | {""} if found is not None else None
    if op is sre.IN and len(av) <= 8 and all(kind is sre.LITERAL for kind, _ in av):
        return frozenset(chr(code) for _, code in av)
    return None


def _leading(op: Any, av: Any) -> frozenset[str] | None:
    """Strings one of which every match of this item starts with ("" when unknown)."""
    exact = _strings(op, av)
    if exact is not None:
        return exact
    if op is sre.SUBPATTERN:
        return _sequence_leading(list(av[-1].data))
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            union |= _sequence_leading(list(branch.data))
        return frozenset(union) if len(union) <= MAX_STRINGS else None
    return None


def _sequence_leading(items: Items) -> frozenset[str]:
    result = {""}
    for op, av in items:
        exact = _strings(op, av)
        part = exact if exact is not None else _leading(op, av)
        if part is None:
            return frozenset(result)
        joined = {a + b for a in result for b in part}
        if len(joined) > MAX_STRINGS:
            return frozenset(result)
        result = joined
        if exact is None:
            break
    return frozenset(result)


def _sequence_strings(items: Items) -> frozenset[str] | None:
    result = {""}
    for op, av in items:
        strings = _strings(op, av)
        if strings is None:
            return None
        result = {a + b for a in result for b in strings}
        if len(result) > MAX_STRINGS:
            return None
    return frozenset(result)


def _is_digit_class(av: Any) -> bool:
    """[0-9], [1-4], [05], \\d: any character it matches is a digit."""
    for kind, value in av:
        if kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            continue
        if kind is sre.LITERAL and chr(value).isdecimal():
            continue
        if kind is sre.RANGE and all(chr(c).isdecimal() for c in range(value[0], value[1] + 1)):
            continue
        return False
    return bool(av)


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is sre.IN and _is_digit_class(av):
        return DIGITS  # a sentence with no digit cannot match
    if op is sre.SUBPATTERN:
        return _sequence(list(av[-1].data))
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(list(av.data))
    if op in _REPEATS:
        low, _, body = av
        return _sequence(list(body.data)) if low >= 1 else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch.data))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    return None


def case_free(pattern: str) -> bool:
    """Whether the pattern, read case-insensitively, matches the same spans as it does
    case-sensitively in lower-cased text: every letter it names is lower-case ASCII (or
    has no case), so folding the text does the ignoring of case."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return False
    if parsed.state.flags & (re.ASCII | re.LOCALE):
        return False  # (?a) changes what case-insensitive matching folds
    return _case_free(list(parsed.data))


_CASE_FLAGS = re.IGNORECASE | re.ASCII | re.LOCALE


def _plain(char: str) -> bool:
    return (char.isascii() and not char.isupper()) or char.lower() == char.upper()


def _case_free(items: Items) -> bool:
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            ok = _plain(chr(av))
        elif op is sre.IN:
            ok = all(
                _plain(chr(value))
                if kind in (sre.LITERAL, sre.NOT_LITERAL)
                else all(_plain(chr(c)) for c in range(value[0], value[1] + 1))
                if kind is sre.RANGE
                else kind in (sre.NEGATE, sre.CATEGORY)
                for kind, value in av
            )
        elif op is sre.SUBPATTERN:
            # (?-i:...) or (?a:...) inside: matching there is not simply case-insensitive
            ok = not (av[1] | av[2]) & _CASE_FLAGS and _case_free(list(av[-1].data))
        elif op is sre.BRANCH:
            ok = all(_case_free(list(branch.data)) for branch in av[1])
        elif op in _REPEATS:
            ok = _case_free(list(av[2].data))
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            ok = _case_free(list(av[1].data))
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            ok = _case_free(list(av.data))
        else:
            ok = op in (sre.AT, sre.ANY, sre.CATEGORY)
        if not ok:
            return False
    return True


@cache
def required_literals(pattern: str) -> tuple[frozenset[str], ...] | None:
    """Sets of lower-case strings such that every match contains one string of each set, or
    None (no gate)."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    items = list(parsed.data)
    options = tuple(map(_lean, _options(items)))
    if options:
        return options
    words = _whole_words(items)
    return (words,) if words else None
