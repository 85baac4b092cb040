"""Simple arithmetic on the candidate's numbers: a token count far from the brief's figures, or
a price that no current model charges for that many tokens, is challenged with a ballpark.

The figures are the brief's `numbers` (taken from its facts); the prices come from the dated
price table, cheapest and dearest model, each request at its own price tier.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from scoring.reading.catalogue import slot_book
from scoring.reading.models import Quantity, Reading
from scoring.reading.read import read_answer
from scoring.reading.rules_of_thumb import (
    EACH_OF_SEVERAL,
    ITEMS,
    TOKENS_PER_WORD,
    Rates,
    TierPrices,
    off_figure,
)
from scoring.reading.rules_of_thumb import OFF_BY as NAMED_OFF_BY
from simulator.content.models import Brief
from simulator.engines.claude.prices import ModelPrice, PriceTable, TokenCounts

# How far off a figure must be before it is challenged: five times too high or too low is
# wrong by any reasonable rounding, yet leaves room for honest rough estimates.
OFF_BY = 5.0
OUTPUT_TOKENS = 500  # a typical answer's length, added to every request's cost
TOKENS_PER = {"tokens": 1.0, "words": TOKENS_PER_WORD, "characters": 0.25, "pages": 600.0}
PER_REQUEST = frozenset(
    {"call", "request", "req", "analysis", "email", "ticket", "run", "summary", "account"}
)
_OUTPUT_SIDE = re.compile(r"^\W{0,3}(of )?(out|output|back|response|reply|generated|completion)")
_NOT_INPUT = re.compile(
    r"\b(system prompt|instructions|examples?|rubric|output|response|reply|at most|max(imum)?|"
    r"limit|cap(ped)?|each|per (claim|finding|sentence|field)|generat\w*|produc\w*|writes|"
    r"writing)\b"
)
# An input size is said of the input: the paste, the history, the tickets, the request.
_INPUT_NOUNS = re.compile(
    r"\b(input|paste[sd]?|context|histor(y|ies)|tickets?|emails?|logs?|events?|threads?|"
    r"accounts?|documents?|workspaces?|transcripts?)\b"
)
MIN_INPUT_TOKENS = 100  # smaller figures are lengths of fields and claims, not inputs
# A figure said of one item of the input ("a ticket is 300 tokens", "25 tickets at 250 tokens",
# "3,000 tokens a ticket") is a piece of it: too small proves nothing, too big still does.
_ONE_ITEM = re.compile(
    rf"\b(a|an|one|each|every|per|single|typical|average)\s+(\w+\s+)?{ITEMS}\b[^.?!;]{{0,30}}$"
)
_PER_ITEM = re.compile(rf"^{ITEMS}$")
# A figure over a period ("five million tokens a day") is not one request's input.
_PERIODS = frozenset({"hour", "night", "shift", "day", "week", "month", "year"})
# One request's cost is said of one request: "0.04 cents a ticket", "that's about a cent per
# call", "it comes to 0.001 cents each"; an amount with no such word is a part of it or a total
# ("input is about 2.50 dollars, output about 85 cents").
_ONE_REQUEST = re.compile(
    r"\b(per|a|an|each|every|one|single)\s+(\w+\s+)?(call|request|analysis|email|ticket|run|"
    r"summary|account|paragraph|message|extraction|classification)\b|\beach\b"
)
# A monthly figure said of a pilot or a trial is not the brief's full volume.
_SMALLER_THAN_THE_BRIEF = re.compile(r"\b(pilot|trial|beta|prototype|test(ing)? phase|first week)")
RULE_OF_THUMB = "rule_of_thumb"  # a figure off against what every model call is like
_THUMBS_DONE = frozenset({RULE_OF_THUMB})  # the scorer checks these itself, first


@dataclass(frozen=True)
class NumbersCheck:
    kind: str  # tokens | money | money_month | rule_of_thumb
    quantity: Quantity
    values: dict[str, str]  # for the wording: fact, tokens, low, high, volume


@dataclass(frozen=True)
class Ballpark:
    cheapest: ModelPrice
    dearest: ModelPrice
    input_tokens: tuple[float, float] | None  # one request's input, typical to largest
    daily_volume: tuple[float, float] | None
    thumbs: TierPrices | None = None  # for the rules of thumb of every model call

    def request_cost(self, price: ModelPrice, tokens: float) -> float:
        counts = TokenCounts(input=round(tokens), output=OUTPUT_TOKENS)
        cost = price.rates_for(counts.prompt).cost(counts)
        return cost or 0.0

    def check(
        self, reading: Reading, done: frozenset[str], off_by: float = OFF_BY
    ) -> NumbersCheck | None:
        """The first figure in the answer that is off by `off_by` or more (kinds in `done`
        were challenged already this round)."""
        for quantity in reading.quantities:
            if "tokens" not in done and quantity.kind == "tokens":
                found = self._tokens(quantity, reading, off_by)
                if found is not None:
                    return found
            if quantity.kind == "money":
                found = self._money(quantity, reading, done, off_by)
                if found is not None:
                    return found
        return None if RULE_OF_THUMB in done else self._rule_of_thumb(reading)

    def _rule_of_thumb(self, reading: Reading) -> NumbersCheck | None:
        """A figure off by ten times against what every model call is like (tokens a word,
        tokens written a second, a call's time, a tier's price), whatever the brief."""
        for sentence in reading.sentences:
            off = off_figure(sentence.text, self.thumbs)
            if off is not None:
                at = sentence.start + off.quantity.start
                quantity = replace(off.quantity, start=at, end=sentence.start + off.quantity.end)
                return NumbersCheck(RULE_OF_THUMB, quantity, {"said": off.said, "fact": off.fact})
        return None

    def _tokens(self, quantity: Quantity, reading: Reading, off_by: float) -> NumbersCheck | None:
        said = _input_tokens(quantity, reading)
        if said is None or self.input_tokens is None:
            return None
        tokens, whole = said
        low, high = self.input_tokens
        if (whole and tokens * off_by < low) or tokens > high * off_by:
            return NumbersCheck("tokens", quantity, {"tokens": _span(low, high)})
        return None

    def _money(
        self, quantity: Quantity, reading: Reading, done: frozenset[str], off_by: float
    ) -> NumbersCheck | None:
        """Checked against the brief's own figures only: a figure of the candidate's may be
        of something else (instructions, one step of several)."""
        if self.input_tokens is None:
            return None
        low_tokens, high_tokens = self.input_tokens
        low = self.request_cost(self.cheapest, low_tokens)
        high = self.request_cost(self.dearest, high_tokens)
        text = _sentence_of(quantity, reading).lower()
        per_request = quantity.per in PER_REQUEST or (
            not quantity.per and quantity.high < 1 and bool(_ONE_REQUEST.search(text))
        )
        if per_request and "money" not in done and _off_range(quantity, low, high, off_by):
            shown = _span(low_tokens, high_tokens)
            values = {"tokens": shown, "low": _dollars(low), "high": _dollars(high)}
            return NumbersCheck("money", quantity, values)
        if (
            quantity.per == "month"
            and self.daily_volume
            and "money_month" not in done
            and not _SMALLER_THAN_THE_BRIEF.search(text)
        ):
            days = 30
            month_low = low * self.daily_volume[0] * days
            month_high = high * self.daily_volume[1] * days
            if _off_range(quantity, month_low, month_high, off_by):
                volume = _span(*self.daily_volume)
                values = {
                    "volume": volume,
                    "low": _dollars(month_low),
                    "high": _dollars(month_high),
                }
                return NumbersCheck("money_month", quantity, values)
        return None


def _input_tokens(quantity: Quantity, reading: Reading) -> tuple[float, bool] | None:
    """The quantity as input tokens, and whether it is said of the whole input (not of one
    item of it); None when it is not plainly the size of an input (said right after the
    input's noun, not of output, instructions or a cap, nor over a day or a month)."""
    if quantity.kind != "tokens" or quantity.per in _PERIODS:
        return None
    sentence = next((s for s in reading.sentences if s.start <= quantity.start < s.end), None)
    if sentence is None:
        return None
    at = quantity.start - sentence.start
    text = sentence.text.lower()
    before, after = text[max(0, at - 40) : at], text[at + len(quantity.text) :][:15]
    if not _INPUT_NOUNS.search(before) or _NOT_INPUT.search(before[-15:]):
        return None
    if _OUTPUT_SIDE.search(after) or _NOT_INPUT.search(after):
        return None
    tokens = quantity.value * TOKENS_PER.get(quantity.unit, 1.0)
    if tokens < MIN_INPUT_TOKENS:
        return None
    item = (
        _ONE_ITEM.search(before) or EACH_OF_SEVERAL.search(before) or _PER_ITEM.match(quantity.per)
    )
    return tokens, not item


def _sentence_of(quantity: Quantity, reading: Reading) -> str:
    """The text of the sentence the quantity was read in ("" when none holds it)."""
    return next((s.text for s in reading.sentences if s.start <= quantity.start < s.end), "")


def _off_range(quantity: Quantity, low: float, high: float, off_by: float) -> bool:
    """The whole stated range is off: its top far below `low`, or its bottom far above
    `high`."""
    return quantity.high * off_by < low or quantity.low > high * off_by


def _dollars(amount: float) -> str:
    if amount >= 100:
        return f"${amount:,.0f}"
    if amount >= 1:
        return f"${amount:,.2f}"
    return f"${amount:.3f}" if amount >= 0.001 else f"${amount:.4f}"


def _span(low: float, high: float) -> str:
    return f"{round(low):,}" if round(low) == round(high) else f"{round(low):,} to {round(high):,}"


def ballpark(brief: Brief, prices: PriceTable) -> Ballpark | None:
    """The brief's figures and the price range of today's models (None: no prices known)."""
    ends = _cheapest_and_dearest(prices)
    if ends is None:
        return None
    cheapest, dearest = ends
    return Ballpark(
        cheapest=cheapest,
        dearest=dearest,
        input_tokens=brief.numbers.input_tokens,
        daily_volume=brief.numbers.requests_per_day,
        thumbs=TierPrices(_rates(cheapest), _rates(dearest)),
    )


def _cheapest_and_dearest(prices: PriceTable) -> tuple[ModelPrice, ModelPrice] | None:
    priced = list(prices.models.values())
    if not priced:
        return None
    return min(priced, key=lambda p: p.input), max(priced, key=lambda p: p.input)


def described(found: NumbersCheck) -> str:
    """One line for a scorecard: the figure said and the right ballpark."""
    said, values = found.quantity.text, found.values
    if found.kind == RULE_OF_THUMB:
        return f"said {values['said']!r}; {values['fact']}"
    if found.kind == "tokens":
        return f"said {said!r} for the input; the brief's input is about {values['tokens']} tokens"
    if found.kind == "money":
        return (
            f"said {said!r} a request; {values['tokens']} tokens cost about {values['low']} to "
            f"{values['high']} at today's list prices"
        )
    return (
        f"said {said!r} a month; at {values['volume']} requests a day that is about "
        f"{values['low']} to {values['high']} at today's list prices"
    )


SCORECARD_OFF_BY = NAMED_OFF_BY  # a scorecard names a figure only when it is off by this much


def figure_check(brief: Brief | None, prices: PriceTable) -> Callable[[str], str | None]:
    """The scorer's check of one sentence: against the rules of thumb every model call obeys,
    then against this brief's figures (when the brief is known and prices are)."""
    thumbs = tier_prices(prices)
    park = ballpark(brief, prices) if brief is not None else None
    book = slot_book()

    def check(sentence: str) -> str | None:
        off = off_figure(sentence, thumbs)
        if off is not None:
            return str(off)
        if park is None:
            return None
        found = park.check(read_answer(sentence, book), _THUMBS_DONE, SCORECARD_OFF_BY)
        return described(found) if found is not None else None

    return check


def tier_prices(prices: PriceTable) -> TierPrices | None:
    """The cheapest and the dearest model's rates, over every price tier (None: no prices)."""
    ends = _cheapest_and_dearest(prices)
    return None if ends is None else TierPrices(*map(_rates, ends))


def _rates(price: ModelPrice) -> Rates:
    tiers = [price, *([price.long_prompt] if price.long_prompt is not None else [])]
    inputs, outputs = [t.input for t in tiers], [t.output for t in tiers]
    return Rates((min(inputs), max(inputs)), (min(outputs), max(outputs)))
