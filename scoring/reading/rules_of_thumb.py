"""Figures every model call obeys, whatever the brief: a word is about 1.3 tokens, a model
writes tens to a couple of hundred tokens a second, a call takes from a fraction of a second to
several seconds, and a small model costs a fraction of a big one's price per million tokens.

A figure said with confidence that is off by ten times or more ("a word comes out at roughly
30 tokens", "they generate at two thousand tokens a second", "the small models answer in 20
milliseconds", "a small model is fifteen dollars per million input tokens") is named with the
right ballpark. Pure: the price range comes in from the caller's price table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.reading.dismissal import lower_keeping_offsets
from scoring.reading.models import Quantity
from scoring.reading.quantities import find_quantities

OFF_BY = 10.0  # how far off a figure must be to be named
TOKENS_PER_WORD = 1.3  # English prose; code and odd formatting run a little higher
WRITES_PER_SECOND = (50.0, 150.0)  # output tokens a second, typical of today's models
CALL_SECONDS = 0.5  # the quickest a model call answers in full, give or take

# "a word comes out at roughly 30 tokens", "30 tokens per word" (not "in a word", "one word")
_A_WORD_BEFORE = re.compile(
    r"(?<!\bin )\b(a|each|every|an average|the average) word (is|comes? (out )?(at|to)|equals|"
    r"works out (at|to)|counts as|costs|=|≈)[^.?!\d]{0,20}$"
)
_A_WORD_AFTER = re.compile(r"\s?(per|a|each|for (a|each|every)) word\b")
# Words and tokens said to be one amount: "9,000 words is maybe six, seven hundred tokens",
# not two amounts of different things ("summaries are 100 words, and the input is 20,000").
_EQUATED = re.compile(
    r"(?:\s|,|~|≈|=|->|→|is|are|comes?|to|makes?|so|or|which|that\W?s|thats|about|roughly|"
    r"maybe|around|approximately|perhaps|like|one|two|three|four|five|six|seven|eight|nine|ten)*"
)
# Said to be wrong, or corrected: "a word isn't 30 tokens", "20 ms? no, more like a second".
_DENIED_BEFORE = re.compile(r"\b(isn\W?t|is not|aren\W?t|are not|not|never|no)\b[^.?!]{0,25}$")
_CORRECTED_AFTER = re.compile(r"[^.?!]{0,30}\b(more like|closer to|it\W?s about|actually)\b")
# "... a hundred and ten thousand tokens": the amount read starts inside a longer number.
_NUMBER_GOES_ON = re.compile(r"\b(hundred|thousand|million) and $")
# The items an input is made of, and a size said of each of several ("25 tickets at 250 tokens",
# "twelve tickets, 600 words", "a dozen tickets at a few hundred words, that's maybe six thousand
# tokens"): the figure is of one item, the total of them all. (Parts of one request's input,
# never the request itself: "an account" is the whole of a churn analysis's input. The brief's
# figure check reads them the same: simulator/interview/ballpark.py.)
ITEMS = (
    r"(tickets?|emails?|messages?|events?|log lines?|documents?|pages?|threads?|replies|reply|"
    r"comments?|notes?|reviews?|articles?)"
)
EACH_OF_SEVERAL = re.compile(
    rf"\b{ITEMS}(\s+(at|of|times|x|×)|,)\s*(about |around |roughly |maybe )?$"
)
_A_SECOND_AFTER = re.compile(r"\s?(a|per|each|every|/)\s?(second|sec|s)\b")
# What a model does to tokens: writes them, or reads them (far faster).
_WRITE_WORDS = r"generat\w*|outputs (at|about)|writ\w*|produc\w*|stream\w*|spit\w*|comes? out"
_READ_WORDS = r"input|prefill|process\w*|read\w*|ingest\w*"
_WRITES = re.compile(rf"(?:{_WRITE_WORDS})")
_VERBS = re.compile(rf"\b(?:{_WRITE_WORDS}|{_READ_WORDS})\b")
_IN_TOTAL = re.compile(
    r"\b(in total|parallel|concurrent\w*|across|aggregate|throughput|batch\w*)\b"
)
# A model call named just before its time: "the model answers in 20 ms", "each call takes 30 ms".
_MODEL_CALL = re.compile(
    r"\b(models?|llms?|claude|gpt|haiku|sonnet|opus|api calls?|completions?|calls?|answers?|"
    r"responds?|replies|returns?|takes?|comes? back|quick|fast|slow)\b[^.?!]{0,25}$"
)
# The sentence must be about a model call at all ("a barcode decoder, which takes about 50
# milliseconds" is not).
_A_MODEL_CALL = re.compile(
    r"\b(models?|llms?|claude|gpt\w*|haiku|sonnet|opus|api|calls?|completions?|inference|"
    r"generat\w*|prompts?)\b"
)
# Things other than a model call that are rightly that quick.
_NOT_A_MODEL_CALL = re.compile(
    r"\b(keyword|regex|rules?|cache\w*|lookup|database|db|network|hop|overhead|embedding\w*|"
    r"classifier|index|query|vector|queue|per token|a token|each token|first token|"
    r"time to first)\b"
    # "neither check needs a model, so they add maybe 50 milliseconds"
    r"|\b(no|without|neither \w+ needs?|doesn\W?t need|don\W?t need|never (calls?|needs?)) "
    r"(a |the |any )?(models?|llms?)\b"
)
_SMALL = re.compile(
    r"\b(small(er|est)?|cheap(er|est)?|mini|haiku|tiny|light(weight)?|less capable)\b"
)
_BIG = re.compile(
    r"\b(big(ger|gest)?|large(r|st)?|(?<!less )capable models?|frontier|flagship|top (model|tier)|"
    r"best model|opus|premium)\b"
)
_SIDE_AFTER = re.compile(
    r"\W{0,3}(?:(?:per|a) (?:million|m|1m|thousand|1k|1,000)\s)?(input|output|in\b|out\b)"
)


@dataclass(frozen=True)
class Rates:
    """Dollars per million tokens of one model, (lowest, highest) over its price tiers."""

    input: tuple[float, float]
    output: tuple[float, float]


@dataclass(frozen=True)
class TierPrices:
    """The cheapest model's rates and the dearest one's."""

    cheapest: Rates
    dearest: Rates


@dataclass(frozen=True)
class OffFigure:
    """A figure said, the rule of thumb it breaks, and where it stands in the sentence."""

    said: str  # "roughly 30 tokens a word"
    fact: str  # "a word is about 1.3 tokens"
    quantity: Quantity

    def __str__(self) -> str:
        return f"said {self.said!r}; {self.fact}"


def off_figure(sentence: str, prices: TierPrices | None = None) -> OffFigure | None:
    """What in the sentence is off by OFF_BY or more against a rule of thumb, with the right
    ballpark (None: nothing)."""
    lowered = lower_keeping_offsets(sentence)  # a quantity's span points into the sentence
    found = find_quantities(lowered)
    for i, quantity in enumerate(found):
        why = (
            _tokens_a_word(lowered, quantity, found[i - 1] if i else None)
            or _writing_speed(lowered, quantity)
            or _call_time(lowered, quantity)
            or (_price(lowered, quantity, prices) if prices is not None else None)
        )
        if why is not None and not _denied(lowered, quantity):
            return OffFigure(*why, quantity)
    return None


def _denied(lowered: str, quantity: Quantity) -> bool:
    """The figure said to be wrong or corrected in the same sentence."""
    return bool(
        _DENIED_BEFORE.search(lowered, 0, quantity.start)
        or _CORRECTED_AFTER.match(lowered, quantity.end)
    )


def _off(said: float, low: float, high: float) -> bool:
    return said >= high * OFF_BY or said * OFF_BY <= low


def _tokens_a_word(
    lowered: str, quantity: Quantity, before: Quantity | None
) -> tuple[str, str] | None:
    if quantity.kind != "tokens" or quantity.unit != "tokens":
        return None
    ratio: float | None = None
    if _A_WORD_BEFORE.search(lowered, 0, quantity.start) or _A_WORD_AFTER.match(
        lowered, quantity.end
    ):
        ratio = quantity.value
        said = f"{quantity.text} a word"
    elif (
        before is not None
        and before.unit == "words"
        and _EQUATED.fullmatch(lowered, before.end, quantity.start)
        and not _NUMBER_GOES_ON.search(lowered, before.end, quantity.start)
        and not EACH_OF_SEVERAL.search(lowered, 0, before.start)
    ):
        ratio = quantity.value / before.value if before.value else None
        said = f"{before.text} as {quantity.text}"
    if ratio is None or not _off(ratio, TOKENS_PER_WORD, TOKENS_PER_WORD):
        return None
    return said, f"a word is about {TOKENS_PER_WORD} tokens"


def _writing_speed(lowered: str, quantity: Quantity) -> tuple[str, str] | None:
    if quantity.kind != "tokens" or not _A_SECOND_AFTER.match(lowered, quantity.end):
        return None
    window = lowered[max(0, quantity.start - 60) : quantity.start]
    verbs = [m.group() for m in _VERBS.finditer(window)]
    if not verbs or not _WRITES.fullmatch(verbs[-1]) or _IN_TOTAL.search(lowered):
        return None  # said of reading the input, of nothing the model does, or of many calls
    low, high = WRITES_PER_SECOND
    if not _off(quantity.value, low, high):
        return None
    return (
        f"{quantity.text} a second",
        f"models write about {low:.0f} to {high:.0f} tokens a second",
    )


def _call_time(lowered: str, quantity: Quantity) -> tuple[str, str] | None:
    if quantity.kind != "duration" or quantity.high * OFF_BY > CALL_SECONDS:
        return None
    near = lowered[max(0, quantity.start - 40) : quantity.start]
    if not _MODEL_CALL.search(near) or _NOT_A_MODEL_CALL.search(lowered):
        return None
    if not _A_MODEL_CALL.search(lowered):
        return None
    if "token" in lowered[quantity.end : quantity.end + 25] or "token" in near[-30:]:
        return None  # "each output token takes about 20 ms" is a writing speed
    if lowered.startswith((" later", " after"), quantity.end):
        return None  # "the webhook fires 20 ms later": a wait, not a call
    return (
        f"{quantity.text} for a model call",
        "a model call takes from about half a second to several seconds",
    )


def _price(lowered: str, quantity: Quantity, prices: TierPrices) -> tuple[str, str] | None:
    if quantity.kind != "money":
        return None
    if quantity.per in ("1k", "thousand"):  # "a cent per thousand input tokens"
        per_million, per = quantity.value * 1000, "thousand"
    elif quantity.per in ("million", "m"):
        per_million, per = quantity.value, "million"
    else:
        return None
    before = lowered[max(0, quantity.start - 60) : quantity.start]
    small, big = _SMALL.search(before), _BIG.search(before)
    after = lowered[quantity.end : quantity.end + 40]  # "... down from $15 a million on opus"
    if (small and _BIG.search(after)) or (big and _SMALL.search(after)):
        return None
    if bool(small) == bool(big):
        return None  # no tier named, or both: nothing to compare with
    rates = prices.cheapest if small else prices.dearest
    side = _SIDE_AFTER.match(lowered, quantity.end)
    if side is None:
        low, high = rates.input[0], rates.output[1]
    else:
        low, high = rates.input if side.group(1).startswith("in") else rates.output
    if not _off(per_million, low, high):
        return None
    tier = "a small model" if small else "the biggest models"
    ballpark = f"${low:g}" if low == high else f"${low:g} to ${high:g}"
    return (
        f"{quantity.text} per {per} tokens for {tier}",
        f"today's list price is about {ballpark} per million",
    )
