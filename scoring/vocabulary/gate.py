"""Literal gates for regular expressions: text that contains none of a pattern's required
literals cannot match it, so the (slow) regex is skipped.

`required_literals` reads the parsed pattern and returns a set of lower-case strings such that
every match contains at least one of them (or None when no useful set exists). The analysis
is sound: a sequence needs all its mandatory items, so any one item's set will do; an
alternation needs one of its branches, so the union of theirs.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from scoring.vocabulary.common import UBIQUITOUS

MIN_LITERAL = 3  # shorter literals are in almost every text; no use as a gate

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    useful = _options(items)
    if not useful:
        return None
    return max(useful, key=lambda o: (min(_worth(s) for s in o), -len(o)))


def _options(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Every useful literal set of a sequence: a match holds one literal of each."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run).lower()}))
            run = []
        if op is None:
            break
        found = _item(op, av)
        if found is not None:
            options.append(found)
    return [o for o in options if o and min(_worth(s) for s in o) >= MIN_LITERAL]


def _worth(literal: str) -> int:
    """How selective a literal is: its length, or nothing for a very common word."""
    if literal == DIGIT:
        return MIN_LITERAL  # sentences with numbers are a minority; worth gating on
    return 0 if literal.strip() in UBIQUITOUS else len(literal)


DIGIT = "\\d"  # a pseudo-literal: the sentence holds a digit (the index finds them itself)
DIGITS = frozenset({DIGIT})


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return DIGITS  # \d: a sentence with no digit cannot match
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


@cache
def required_literals(pattern: str) -> tuple[frozenset[str], ...] | None:
    """Sets of lower-case strings such that every match contains one string of each set, or
    None (no gate)."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    return tuple(_options(list(parsed.data))) or None
