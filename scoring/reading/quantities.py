"""Amounts in a candidate's sentence: numbers (digits or words, ranges, "12k", "~3s") with
their units, or the vague amounts people say ("a few cents", "fractions of a cent", "under a
minute"). Money comes out in US dollars, durations in seconds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scoring.reading.amount_words import (
    COUNT_NOUN_STOP,
    NOT_COUNTED,
    SCALES,
    UNITS,
    VAGUE,
    WORD_NUMBERS,
)
from scoring.reading.models import Quantity, QuantityKind

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
# "seventy-five", "twenty one": a compound read as one number, before its parts.
_COMPOUND = rf"(?:{_TENS})[- ](?:{_UNITS_1_9})"
_NUMBER_WORDS = (
    _COMPOUND + "|" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUM = rf"(?:(?<![\w.,]){_DIGITS}|(?<![\w-])(?:{_NUMBER_WORDS})(?![\w-]))"
_SCALE = r"(?:\s?(?:k|m|mm|bn|b)\b|\s(?:hundred|thousand|million|billion)\b)"
_APPROX = (
    r"(?:about|around|roughly|approximately|approx\.?|~|≈|circa|maybe|perhaps|call it|"
    r"something like|on the order of|order of|ballpark|give or take|like|probably)"
)
_BOUND = r"(?:under|below|less than|fewer than|at most|up to|within|over|above|more than|at least)"
_UNIT_WORDS = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_RATE = r"(?:per (?:second|sec|minute|min)|/\s?(?:s|sec|min)\b|rps|qps|rpm|tpm)"
_PER = (
    r"(?:per|a|an|each|/)\s?(call|request|req|analysis|email|ticket|run|summary|account|"
    r"hour|night|shift|day|week|month|year|1k|thousand|million|m)\b"
)
_QUANTITY = re.compile(
    rf"(?P<approx>{_APPROX}\s?)?(?P<bound>{_BOUND}\s)?"
    rf"(?P<money>\$|€|£)?\s?(?P<n1>{_NUM})(?P<half>\sand a half)?(?P<s1>{_SCALE})?"
    rf"(?:\s?(?:-|–|to)\s?(?P<money2>\$)?(?P<n2>{_NUM})(?P<s2>{_SCALE})?)?"
    rf"(?P<ish>-?ish|\+)?"
    rf"(?:\s?(?P<unit>{_UNIT_WORDS})(?![\w-]))?"
    rf"(?:\s(?P<noun>(?:[a-z][a-z-]+\s)?[a-z][a-z-]+s)\b)?",
    re.I,
)
_FRACTION_OF_CENT = re.compile(r"\b(a )?fractions? of a (cent|penny)\b", re.I)
# "a tenth of a cent", "a few thousandths of a cent": one part, or a vague number of them.
_PART_OF = re.compile(
    r"\b(?P<approx>(about|around|roughly|maybe|like) )?(?P<many>a|one|a few|a couple of|"
    r"several|few) (?P<part>half|tenth|hundredth|thousandth)s? of a "
    r"(?P<unit>cent|penny|dollar|second)\b",
    re.I,
)
_PARTS = {"half": 0.5, "tenth": 0.1, "hundredth": 0.01, "thousandth": 0.001}
# "hundreds of tokens", "tens of thousands of dollars": an order of magnitude, not a number.
_ORDERS = {"tens": 10.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6}
_ORDER_OF = re.compile(
    r"(?<![\w-])(?:(?P<outer>tens|hundreds) of )?(?P<order>tens|hundreds|thousands|millions) "
    rf"(?:of )?(?P<unit>{_UNIT_WORDS})(?![\w-])",
    re.I,
)
# "under a minute", "about an hour", "a cent each": one of the unit, said as "a"/"an".
_ONE_UNITS = ("second", "minute", "hour", "day", "cent", "dollar", "penny")
_ONE_UNIT = re.compile(
    rf"(?P<approx>{_APPROX}\s|in )?(?P<bound>{_BOUND}\s)?(?<![\w-])an? "
    rf"(?P<unit>{'|'.join(_ONE_UNITS)})\b",
    re.I,
)
# Cheap checks first: a sentence with no number at all, or no "a"/"an" before a unit, cannot
# match the full patterns, whose optional leading groups make them slow to scan.
_ANY_NUMBER = re.compile(rf"\d|(?<![\w-])(?:{_NUMBER_WORDS})(?![\w-])", re.I)
_ANY_ONE_UNIT_PATTERN = rf"(?<![\w-])an? (?:{'|'.join(_ONE_UNITS)})\b"
# A number said on its own, not "one" ("the smallest one") nor a vague "few" or "half", read
# as the text's words (a regex of every number word is slow over a long answer).
_FIGURE_WORDS = frozenset(
    {w.split()[-1] for w in WORD_NUMBERS if w not in {*VAGUE, *NOT_COUNTED, "one"}}
    | {"tens", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozens"}
)
# What else an amount may be said with: "a few cents", "half a second", "one second" (one of
# anything else is a count of one, not a figure).
_NOT_FIGURES = sorted({*VAGUE, *NOT_COUNTED}, key=len, reverse=True)
_ONE_OF_A_UNIT = rf"(?<![\w-])one (?:{'|'.join(_ONE_UNITS)}|percent)\b"
_MAY_SAY_AN_AMOUNT = frozenset(
    {w for phrase in _NOT_FIGURES for w in phrase.split() if w not in ("a", "an", "of")}
    | {*_ONE_UNITS, "percent"}
)
_VAGUE_OR_ONE_UNIT = re.compile(
    rf"(?<![\w-])(?:{'|'.join(map(re.escape, _NOT_FIGURES))})(?![\w-])|{_ANY_ONE_UNIT_PATTERN}"
    rf"|{_ONE_OF_A_UNIT}",
    re.I,
)
_WORD = re.compile(r"[a-z]+")
_ANY_ONE_UNIT = re.compile(_ANY_ONE_UNIT_PATTERN, re.I)
_NOT_AMOUNT = re.compile(r"(gpt|claude|llama|v|version|iso|rfc|p|top|step|phase)[- ]?$", re.I)


@dataclass(frozen=True)
class _Number:
    value: float
    vague: tuple[float, float] | None


def _number(text: str, scale: str | None, half: bool = False) -> _Number | None:
    """`half`: said as "five and a half (thousand)"."""
    word = text.lower().strip()
    vague = VAGUE.get(word)
    tens, _, units = word.replace("-", " ").partition(" ")
    if word in WORD_NUMBERS:
        value: float = WORD_NUMBERS[word]
    elif units and tens in WORD_NUMBERS and units in WORD_NUMBERS:
        value = WORD_NUMBERS[tens] + WORD_NUMBERS[units]
    else:
        try:
            value = float(word.replace(",", ""))
        except ValueError:
            return None
    value += 0.5 * half
    factor = SCALES.get((scale or "").strip().lower(), 1.0)
    if vague is not None:
        return _Number(value * factor, (vague[0] * factor, vague[1] * factor))
    return _Number(value * factor, None)


def says_a_figure(text: str) -> bool:
    """Whether the text states any amount at all: a number, in digits or words ("two or
    three", "hundreds of dollars"), or an amount of a unit ("a few cents", "under a second"),
    not a lone "one" ("the smallest one that passes")."""
    if any(digit in text for digit in "0123456789"):
        return True
    words = set(_WORD.findall(text.lower()))
    if not words.isdisjoint(_FIGURE_WORDS):
        return True
    if words.isdisjoint(_MAY_SAY_AN_AMOUNT):
        return False
    for word in _VAGUE_OR_ONE_UNIT.finditer(text):  # read around each: an amount is short
        around = text[max(0, word.start() - 30) : word.end() + 40]
        if any(q.kind != "count" or q.high != 1 for q in find_quantities(around)):
            return True
    return False


def find_quantities(sentence: str, offset: int = 0) -> list[Quantity]:
    """The amounts stated in one sentence, with their spans (offset into the answer)."""
    found: list[Quantity] = []
    last_unit: tuple[QuantityKind, str, float] | None = None
    numbered = _ANY_NUMBER.search(sentence) is not None
    for match in _QUANTITY.finditer(sentence) if numbered else ():
        quantity = _read(match, sentence, offset, last_unit)
        if quantity is not None:
            found.append(quantity)
            if quantity.kind in ("tokens", "money", "duration", "percent"):
                last_unit = UNITS.get(quantity.unit.lower()) or last_unit
    for match in _ONE_UNIT.finditer(sentence) if _ANY_ONE_UNIT.search(sentence) else ():
        if not (match.group("approx") or match.group("bound")):
            continue
        unit = match.group("unit").lower()
        kind, base, factor = UNITS.get(unit, ("money", "USD", 0.01))
        low, high = _apply_bound(match.group("bound"), factor, factor)
        found.append(
            Quantity(
                kind,
                low,
                high,
                base,
                True,
                match.group(0),
                offset + match.start(),
                offset + match.end(),
                _per(sentence[match.end() : match.end() + 24]),
            )
        )
    for match in _PART_OF.finditer(sentence):
        unit = match.group("unit").lower()
        kind, base, factor = UNITS.get(unit, ("money", "USD", 0.01))
        value = _PARTS[match.group("part").lower()] * factor
        many = VAGUE.get(match.group("many").lower(), (1, 1))
        found.append(
            Quantity(
                kind,
                value * many[0],
                value * many[1],
                base,
                bool(match.group("approx")) or many != (1, 1),
                match.group(0),
                offset + match.start(),
                offset + match.end(),
                _per(sentence[match.end() : match.end() + 24]),
            )
        )
    for match in _ORDER_OF.finditer(sentence):
        kind, base, factor = UNITS[match.group("unit").lower()]
        order = _ORDERS[match.group("order").lower()]
        order *= _ORDERS[match.group("outer").lower()] if match.group("outer") else 1.0
        found.append(
            Quantity(
                kind,
                order * factor,
                round(order * 9.9 * factor, 6),
                base,
                True,
                match.group(0),
                offset + match.start(),
                offset + match.end(),
                _per(sentence[match.end() : match.end() + 24]),
            )
        )
    for match in _FRACTION_OF_CENT.finditer(sentence):
        found.append(
            Quantity(
                "money",
                0.0001,
                0.009,
                "USD",
                True,
                match.group(0),
                offset + match.start(),
                offset + match.end(),
                _per(sentence[match.end() : match.end() + 24]),
            )
        )
    return _without_shadowed_counts(sorted(found, key=lambda q: q.start))


def _without_shadowed_counts(found: list[Quantity]) -> list[Quantity]:
    """A count inside an amount read whole ("a few thousandths" of "a few thousandths of a
    cent") is part of that amount, not a count of its own."""
    amounts = [q for q in found if q.kind != "count"]
    return [
        q
        for q in found
        if q.kind != "count" or not any(a.start < q.end and q.start < a.end for a in amounts)
    ]


def _read(
    match: re.Match[str],
    sentence: str,
    offset: int,
    last_unit: tuple[QuantityKind, str, float] | None,
) -> Quantity | None:
    before = sentence[max(0, match.start("n1") - 12) : match.start("n1")]
    if _NOT_AMOUNT.search(before.rstrip(" $")) and not match.group("money"):
        return None
    half = bool(match.group("half"))
    first = _number(match.group("n1"), match.group("s1"), half)
    if first is None:
        return None
    second = (
        _number(match.group("n2"), match.group("s2") or match.group("s1"))
        if match.group("n2")
        else None
    )
    if second is not None and not match.group("s1") and match.group("s2"):
        first = _number(match.group("n1"), match.group("s2"), half)  # "20-40k": both in k
        assert first is not None
    unit_word = (match.group("unit") or "").lower()
    tail = sentence[match.end() : match.end() + 24].lower()
    kind_unit = _kind(match, unit_word, tail, last_unit)
    if kind_unit is None:
        return None
    kind, unit, factor = kind_unit
    low, high = _bounds(first, second)
    approx = bool(match.group("approx") or match.group("bound") or match.group("ish"))
    approx = approx or first.vague is not None
    low, high = _apply_bound(match.group("bound"), low * factor, high * factor)
    start, end = match.start(), match.end()
    if kind == "count" and match.group("noun"):
        unit = match.group("noun").lower().split()[-1]
    elif kind in ("count", "rate"):
        end = match.end("n2") if match.group("n2") else match.end("n1")
    per = _per(sentence[end : end + 24])
    said = sentence[start:end]
    text = said.strip()
    start += len(said) - len(said.lstrip())  # the match may open on the space before it
    return Quantity(
        kind,
        round(low, 6),
        round(high, 6),
        unit,
        approx,
        text,
        offset + start,
        offset + start + len(text),
        per,
    )


def _kind(
    match: re.Match[str],
    unit_word: str,
    tail: str,
    last_unit: tuple[QuantityKind, str, float] | None,
) -> tuple[QuantityKind, str, float] | None:
    if match.group("money") or match.group("money2"):
        return ("money", "USD", 1.0)
    if unit_word:
        kind, unit, factor = UNITS[unit_word]
        if kind == "duration" and re.match(r"\s?" + _RATE, " " + tail):
            return None
        return kind, unit, factor
    if re.match(r"\s?" + _RATE, tail) or re.match(
        r"\s?(requests?|calls?|tickets?|emails?) (per|a|/) ?(second|sec|s)\b", tail
    ):
        return ("rate", "per second", 1.0)
    noun = (match.group("noun") or "").lower()
    if noun:
        last = noun.split()[-1]
        counted = match.group("n1").lower() not in NOT_COUNTED
        if counted and last not in COUNT_NOUN_STOP and not last.endswith(("ss", "us", "is")):
            return ("count", noun, 1.0)
        return None
    if re.match(r"\s?(of them|or so|such|in total|total|all told)\b", tail):
        return ("count", "items", 1.0)
    in_out = re.match(r"\s?(in|out|input|output|each way|back)\b(?!\s+\d)", tail)
    if in_out and (match.group("s1") or _digits_at_least(match.group("n1"), 50)):
        return last_unit or ("tokens", "tokens", 1.0)  # "12k in, 300 out" is about tokens
    return None


def _digits_at_least(text: str, floor: float) -> bool:
    try:
        return float(text.replace(",", "")) >= floor
    except ValueError:
        return False


def _bounds(first: _Number, second: _Number | None) -> tuple[float, float]:
    if second is not None:
        return min(first.value, second.value), max(first.value, second.value)
    if first.vague is not None:
        return first.vague
    return first.value, first.value


def _apply_bound(bound: str | None, low: float, high: float) -> tuple[float, float]:
    word = (bound or "").strip().lower()
    if word in ("under", "below", "less than", "fewer than", "at most", "up to", "within"):
        return 0.0, high
    return low, high


def _per(tail: str) -> str:
    match = re.match(r"\s?" + _PER, tail, re.I)
    return match.group(1).lower() if match else ""


def quantities_in(sentences: list[tuple[str, int]]) -> Iterator[Quantity]:
    for text, offset in sentences:
        yield from find_quantities(text, offset)
