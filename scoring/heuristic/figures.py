"""Figures far from the brief's: a token count or a price off by ten times or more is named on
the card with the right ballpark, and caps the rubric's `figures` dimensions.

The arithmetic (words to tokens, tokens to dollars at the list prices the project ships) needs
the brief and the price table, which the caller has; it comes in as a check of one sentence.
Without a brief the check holds the figures to the rules of thumb of every model call alone
(scoring/reading/rules_of_thumb.py); without a check, nothing is capped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from scoring.heuristic.reading import ReadSentence
from scoring.rubrics.models import Rubric

# A sentence -> what is off in it, with the right ballpark ("said 'a few hundred tokens' for
# the input; the brief's input is about 60,000 to 150,000 tokens"), or None.
FigureCheck = Callable[[str], str | None]
MAX_NAMED = 2  # figures named on the card, at most
FIGURE_OFF = "a figure off by ten times or more"  # how a figure's cap starts
# Only sentences that could state a size, a price or a call's time are checked (a quick look
# first).
_MAY_STATE = re.compile(
    r"token|\$|€|£|cents?\b|dollars?\b|pennies|penny|per (month|day)|millisec|\d ?ms\b|"
    r"\bsec(ond)?s?\b",
    re.I,
)


def figure_caps(
    rubric: Rubric, sentences: Iterable[ReadSentence], check: FigureCheck | None
) -> list[tuple[str, int, str]]:
    """(dimension, cap, why) for each figure found off, at most MAX_NAMED of them."""
    if check is None or rubric.figures is None:
        return []
    named: list[str] = []
    for sentence in sentences:
        if len(named) == MAX_NAMED:
            break
        if not _MAY_STATE.search(sentence.text):
            continue
        why = check(sentence.text)
        if why is not None and why not in named:
            named.append(why)
    return [
        (dimension, rubric.figures.cap, f"{FIGURE_OFF}: {why}")
        for why in named
        for dimension in rubric.figures.dimensions
    ]
