"""The scorecard as Markdown (the practice app's scorecard screen and `mockloop score --format
md`): a dimension's caps are a list, and what a stronger answer would have said starts after it,
not inside the last cap's item."""

from __future__ import annotations

from markdown_it import MarkdownIt

from scoring.heuristic import score_transcript
from scoring.render import scorecard_markdown
from scoring.rubrics import load_rubrics
from tests.scoring_helpers import interview

EYEBALLING = (
    "We won't need a golden set, I'd just eyeball the outputs and ship when they look good."
)


def test_what_a_stronger_answer_says_is_no_part_of_a_cap() -> None:
    card = score_transcript(interview(EYEBALLING), load_rubrics()["system-design"])
    evaluation = next(d for d in card.dimensions if d.dimension == "evaluation")
    assert evaluation.caps and evaluation.missed
    tokens = MarkdownIt().parse(scorecard_markdown(card))
    depth = 0
    in_items = []
    for token in tokens:
        depth += token.nesting if token.type.startswith("list_item") else 0
        if token.type == "inline" and depth > 0:
            in_items.append(token.content)
    assert not [item for item in in_items if "What a stronger answer" in item]
