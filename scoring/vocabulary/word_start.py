"""Patterns that start at a word, searched faster with the same matches.

Python's `re` skips quickly to where a match can begin only when a pattern starts with a
literal or a set of characters. A leading word boundary (`\\b`, `(?<!\\w)`, `(?<![\\w-])`)
hides that, so every position of the text is tried in full. When every match of the rest of
the pattern starts with a word character, the boundary is moved to just after the pattern's
first characters, as a look-behind past them ("\\bhow (many|much)" becomes
"how(?<!\\w...) (many|much)"): the pattern now starts with a literal, so `re` skips ahead to
it, and the look-behind refuses a start inside a word as the boundary did. Both checks take no
characters and are made before anything else can match, so the spans are the pattern's own, in
text order, and the search runs in C from start to end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

# Leading boundaries the rewrite knows, and whether a hyphen before the match also blocks it.
_BOUNDARIES = ((r"\b", False), (r"(?<!\w)", False), (r"(?<![\w-])", True), (r"(?<![-\w])", True))
_WORD_CATEGORIES = {sre.CATEGORY_DIGIT, sre.CATEGORY_WORD}


class WordStart:
    """A compiled pattern; `search` and `finditer` behave as the pattern's own. `rest` is the
    rewritten pattern that runs instead, when there is one."""

    __slots__ = ("finditer", "pattern", "regex", "rest", "search")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.regex = re.compile(pattern, flags)
        self.rest = _rewritten(pattern, flags)
        runs = self.regex if self.rest is None else self.rest
        self.search: Callable[..., re.Match[str] | None] = runs.search
        self.finditer: Callable[[str], Iterator[re.Match[str]]] = runs.finditer


def _rewritten(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern with its leading boundary checked after its first characters, or None when
    `re` could not skip ahead anyway (or the rewrite does not apply)."""
    for boundary, dash in _BOUNDARIES:
        if pattern.startswith(boundary):
            rest = pattern[len(boundary) :]
            if _starts_with_word_character(rest, flags) and _skips_ahead(rest, flags):
                return _boundary_after_first_characters(rest, flags, dash)
            return None
    return None


def _boundary_after_first_characters(rest: str, flags: int, dash: bool) -> re.Pattern[str] | None:
    parsed = _parser.parse(rest, flags)
    if parsed.state.flags & (re.ASCII | re.LOCALE):
        return None  # a word character is then another thing than in the checks built here
    before = r"[\w-]" if dash else r"\w"
    if not _check_after_first(parsed.data, before, flags):
        return None
    return _compiler.compile(parsed, flags)


def _check_after_first(items: list[tuple[Any, Any]], before: str, flags: int) -> bool:
    """Put the look-behind after the leading run of literals (or the first set of characters)
    of every way a match can start; False when some way starts otherwise."""
    if not items:
        return False
    op, av = items[0]
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        return not (add_flags or del_flags) and _check_after_first(body.data, before, flags)
    if op is sre.BRANCH:
        return all(_check_after_first(branch.data, before, flags) for branch in av[1])
    if op is sre.LITERAL:
        width = next(
            (i for i, (kind, _) in enumerate(items) if kind is not sre.LITERAL), len(items)
        )
    elif op is sre.IN:
        width = 1
    else:
        return False
    # The characters just taken, and no word character (or hyphen) before them.
    check = _parser.parse(rf"(?<!{before}[\s\S]{{{width}}})", flags).data[0]
    items.insert(width, check)
    return True


def _starts_with_word_character(pattern: str, flags: int) -> bool:
    """Whether every match of `pattern` starts with a word character (so a leading `\\b` is
    the same as "no word character just before")."""
    try:
        items = list(_parser.parse(pattern, flags).data)
    except re.error:
        return False
    return _sequence_starts_with_word(items)


def _skips_ahead(pattern: str, flags: int) -> bool:
    """Whether `re` can skip ahead to where a match of `pattern` may start: it begins with a
    character, a set of characters, or an alternation whose branches each begin with one,
    none of them a letter with case when case is ignored (as `re` decides it)."""
    items = list(_parser.parse(pattern, flags).data)
    while items and items[0][0] is sre.SUBPATTERN:
        items = list(items[0][1][-1].data)
    if not items:
        return False
    ignore_case = bool(flags & re.IGNORECASE)
    op, av = items[0]
    if op is sre.LITERAL:
        return not (ignore_case and _cased(av))
    if op is sre.BRANCH:
        firsts = [branch.data[0] for branch in av[1] if branch.data]
        return len(firsts) == len(av[1]) and all(
            kind is sre.LITERAL and not (ignore_case and _cased(code)) for kind, code in firsts
        )
    if op is sre.IN:
        return not ignore_case or not any(
            (kind is sre.LITERAL and _cased(value))
            or (kind is sre.RANGE and any(map(_cased, range(value[0], value[1] + 1))))
            or kind is sre.CATEGORY
            for kind, value in av
        )
    return False


def _cased(code: int) -> bool:
    character = chr(code)
    return character.lower() != character.upper()


def _sequence_starts_with_word(items: list[tuple[Any, Any]]) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op is sre.LITERAL:
        return _is_word(chr(av))
    if op is sre.IN:
        return _class_is_word(av)
    if op is sre.SUBPATTERN:
        return _sequence_starts_with_word(list(av[-1].data))
    if op is sre.BRANCH:
        return all(_sequence_starts_with_word(list(branch.data)) for branch in av[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        body = _sequence_starts_with_word(list(av[2].data))
        # "(a )?nice": a match starts with the repeated part, or (when it may be left out)
        # with what follows it
        return body and (av[0] >= 1 or _sequence_starts_with_word(items[1:]))
    return False


def _class_is_word(av: list[tuple[Any, Any]]) -> bool:
    if not av or av[0][0] is sre.NEGATE:
        return False
    for kind, value in av:
        if kind is sre.LITERAL and _is_word(chr(value)):
            continue
        if kind is sre.RANGE and all(_is_word(chr(c)) for c in range(value[0], value[1] + 1)):
            continue
        if kind is sre.CATEGORY and value in _WORD_CATEGORIES:
            continue
        return False
    return True


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"
