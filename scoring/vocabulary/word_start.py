"""Patterns searched faster, with the same matches.

Python's `re` skips quickly to where a match can begin only when the compiled pattern starts
with a literal, a set of characters, or alternatives that each start with a literal. Many
patterns hide that: a leading word boundary (`\\b`, `(?<!\\w)`, `(?<![\\w-])`), a leading
repeat (`\\d+`), an optional word (`(the )?`), alternatives that start with a group
(`(will|can) break`). Then every position of the text is tried in full. Such a pattern is
rewritten into one `re` can skip ahead with, and that finds the same spans:

- a leading boundary, before what always starts with a word character, becomes a look-behind
  just after the first characters ("\\bhow" becomes "how(?<!\\w...)"): a start inside a word is
  refused as the boundary refused it, before anything else can match;
- a leading repeat of one character gives up its first repetition ("\\d+" becomes "\\d\\d*");
- a leading group or alternation is spread over what follows it ("(a|b)c" becomes "ac|bc", and
  "(a )?b" becomes "a b|b"), the alternatives in their order, so the first match is the same.

The rewritten pattern keeps no groups (its matches have the pattern's spans; callers read
spans only). A pattern `re` can already skip ahead with, or one the rewrite cannot help, runs
as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

MAX_WAYS = 64  # alternatives the spreading may make, at most
_WORD_CATEGORIES = {sre.CATEGORY_DIGIT, sre.CATEGORY_WORD}
_REFERS_BACK = {sre.GROUPREF, sre.GROUPREF_EXISTS}

Items = list[tuple[Any, Any]]


class WordStart:
    """A pattern, compiled when first searched; `search` and `finditer` find the pattern's own
    spans. `rest` is the rewritten pattern that runs instead, when there is one. Most patterns
    never run on a given transcript (their gates pass over every sentence), so a one-off score
    compiles only the few it needs."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self.search: Callable[..., re.Match[str] | None] = self._first_search
        self.finditer: Callable[..., Iterator[re.Match[str]]] = self._first_finditer

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    @cached_property
    def rest(self) -> re.Pattern[str] | None:
        return _rewritten(self.pattern, self.flags)

    def _first_search(self, text: str, *span: int) -> re.Match[str] | None:
        self._compile()
        return self.search(text, *span)

    def _first_finditer(self, text: str, *span: int) -> Iterator[re.Match[str]]:
        self._compile()
        return self.finditer(text, *span)

    def _compile(self) -> None:
        """Point `search` and `finditer` at the compiled form that runs."""
        runs = self.regex if self.rest is None else self.rest
        self.search, self.finditer = runs.search, runs.finditer
        tail = _needed_tail(self.pattern, self.flags)
        if tail is not None:
            self.search, self.finditer = _after_tail(tail, runs)


def _after_tail(
    tail: re.Pattern[str], runs: re.Pattern[str]
) -> tuple[Callable[..., re.Match[str] | None], Callable[..., Iterator[re.Match[str]]]]:
    """`search` and `finditer` that try the whole pattern only where its tail is found."""

    def search(text: str, *span: int) -> re.Match[str] | None:
        return None if tail.search(text, *span) is None else runs.search(text, *span)

    def finditer(text: str, *span: int) -> Iterator[re.Match[str]]:
        return iter(()) if tail.search(text, *span) is None else runs.finditer(text, *span)

    return search, finditer


def _needed_tail(pattern: str, flags: int) -> re.Pattern[str] | None:
    """For a pattern of the form "^(?!...).*tail" (a sentence that says the tail and none of
    the look-ahead's words), the tail alone, rewritten to skip ahead: a sentence where it
    is not found anywhere cannot match. Reading the look-ahead's words through the whole
    sentence costs several times a search for the tail, and most sentences lack the tail."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    flags |= parsed.state.flags
    items = list(parsed.data)
    if len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        _, add_flags, del_flags, body = items[0][1]
        flags = (flags | add_flags) & ~del_flags
        items = list(body.data)
    if flags & (re.ASCII | re.LOCALE) or _refers_back(items):
        return None
    if len(items) < 4 or items[0] != (sre.AT, sre.AT_BEGINNING):
        return None
    if items[1][0] is not sre.ASSERT_NOT or items[1][1][0] != 1:  # a look-ahead
        return None
    op, av = items[2]
    if op is not sre.MAX_REPEAT or av[0] != 0 or list(av[2].data) != [(sre.ANY, None)]:
        return None
    tail = items[3:]
    leading = _leading(tail, None, parsed.state, flags)
    if leading is not None:
        tail = _one_first_set(leading, parsed.state)
    return _compiler.compile(_parser.SubPattern(parsed.state, tail), flags)


def _rewritten(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern rewritten so that `re` skips ahead, or None when it needs no rewrite or the
    rewrite does not apply."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    flags |= parsed.state.flags  # with the pattern's own (?i) and the like, as `re` compiles it
    if flags & (re.ASCII | re.LOCALE):
        return None  # a word character is then another thing than in the checks built here
    if _skips(parsed, flags) or _refers_back(parsed.data):
        return None
    leading = _leading(list(parsed.data), None, parsed.state, flags)
    if leading is None:
        return None
    rewritten = _parser.SubPattern(parsed.state, _one_first_set(leading, parsed.state))
    return _compiler.compile(rewritten, flags) if _skips(rewritten, flags) else None


def _skips(parsed: Any, flags: int) -> bool:
    """Whether `re` compiles the pattern with a literal prefix or a set of first characters
    (as `re` itself decides it)."""
    prefix, _, _ = _compiler._get_literal_prefix(parsed, flags)
    return bool(prefix) or bool(_compiler._get_charset_prefix(parsed, flags))


def _leading(items: Items, boundary: str | None, state: Any, flags: int) -> Items | None:
    """`items` rewritten to start with a literal, a set of characters, or alternatives that
    each do, with the pending leading `boundary` (the class of characters it refuses just
    before a match) checked after those first characters; None when they cannot be."""
    if not items:
        return None
    op, av = items[0]
    rest = items[1:]
    if boundary is None and (before := _boundary(op, av)) is not None:
        return _leading(rest, before, state, flags) if _sequence_starts_with_word(rest) else None
    if op is sre.LITERAL or op is sre.IN:
        if boundary is None:
            return items
        width = 1
        if op is sre.LITERAL:
            width = next(
                (i for i, (kind, _) in enumerate(items) if kind is not sre.LITERAL), len(items)
            )
        check = _parser.parse(rf"(?<!{boundary}[\s\S]{{{width}}})", flags).data[0]
        return [*items[:width], check, *items[width:]]
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        if add_flags or del_flags:
            return None
        return _leading([*body.data, *rest], boundary, state, flags)
    if op is sre.BRANCH:
        return _ways([[*branch.data, *rest] for branch in av[1]], boundary, state, flags)
    if op is sre.MAX_REPEAT:
        low, high, body = av
        if low == 0 and high == 1:  # optional: with it, else without it
            return _ways([[*body.data, *rest], rest], boundary, state, flags)
        if low >= 1 and len(body.data) == 1 and body.data[0][0] in (sre.LITERAL, sre.IN):
            more = high if high is sre.MAXREPEAT else high - 1
            again = [(sre.MAX_REPEAT, (low - 1, more, body))] if more else []
            return _leading([body.data[0], *again, *rest], boundary, state, flags)
    return None


def _ways(sequences: list[Items], boundary: str | None, state: Any, flags: int) -> Items | None:
    """Alternatives, in order, each rewritten; nested alternatives are spread into them."""
    ways: list[Items] = []
    for sequence in sequences:
        way = _leading(sequence, boundary, state, flags)
        if way is None:
            return None
        if len(way) == 1 and way[0][0] is sre.BRANCH:
            ways.extend(branch.data for branch in way[0][1][1])
        else:
            ways.append(way)
    if len(ways) > MAX_WAYS:
        return None
    return [(sre.BRANCH, (None, [_parser.SubPattern(state, way) for way in ways]))]


def _one_first_set(items: Items, state: Any) -> Items:
    """Alternatives that start with a character or a set of them, some with a set: `re` skips
    ahead only to alternatives that all start with a literal, so they become the set of every
    first character, then each alternative with its own first character checked behind
    ("x...|[0-9]..." becomes "[x0-9](?:(?<=x)...|(?<=[0-9])...)")."""
    if len(items) != 1 or items[0][0] is not sre.BRANCH:
        return items
    ways = [way.data for way in items[0][1][1]]
    if all(way[0][0] is sre.LITERAL for way in ways):
        return items
    firsts: list[tuple[Any, Any]] = []
    for way in ways:
        op, av = way[0]
        if op is sre.LITERAL:
            firsts.append((op, av))
        elif op is sre.IN and av and av[0][0] is not sre.NEGATE:
            firsts.extend(av)
        else:
            return items
    checked = [
        _parser.SubPattern(
            state, [(sre.ASSERT, (-1, _parser.SubPattern(state, way[:1]))), *way[1:]]
        )
        for way in ways
    ]
    return [(sre.IN, firsts), (sre.BRANCH, (None, checked))]


def _boundary(op: Any, av: Any) -> str | None:
    """The characters a leading boundary item refuses just before a match: `\\b` and
    `(?<!\\w)` a word character, `(?<![\\w-])` a hyphen too (None: no such item)."""
    if op is sre.AT and av is sre.AT_BOUNDARY:
        return r"\w"
    if op is sre.ASSERT_NOT and av[0] == -1 and len(av[1].data) == 1:
        kind, members = av[1].data[0]
        if kind is sre.IN:
            refused = set(members)
            if refused == {(sre.CATEGORY, sre.CATEGORY_WORD)}:
                return r"\w"
            if refused == {(sre.CATEGORY, sre.CATEGORY_WORD), (sre.LITERAL, ord("-"))}:
                return r"[\w-]"
    return None


def _refers_back(items: Items) -> bool:
    """Whether the parsed pattern refers back to a group (the rewrite does not keep them)."""
    for op, av in items:
        if op in _REFERS_BACK:
            return True
        for part in av if isinstance(av, tuple | list) else (av,):
            nested = part if isinstance(part, list) else [part]
            if any(isinstance(p, _parser.SubPattern) and _refers_back(p.data) for p in nested):
                return True
    return False


def _sequence_starts_with_word(items: Items) -> bool:
    """Whether every match of these items starts with a word character (so a leading `\\b`
    is the same as "no word character just before")."""
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
