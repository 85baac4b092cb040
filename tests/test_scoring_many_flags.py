"""A round that shows two or more of the rubric's red flags is weak throughout: every level is
capped at 2, and the card says why. One red flag caps only what it touches."""

from __future__ import annotations

from scoring.heuristic import score_transcript
from scoring.rubrics import load_rubrics
from tests.scoring_helpers import interview, levels

STRONG = [
    "A small model reads each email into a schema with the order number, the action and a "
    "verbatim quote as evidence, and we validate the schema before anything else runs, "
    "because a malformed field would route the ticket wrong.",
    "I'd measure it on 300 labelled emails with exact match per field and gate every prompt "
    "change on it in CI, so a regression of more than 2 points blocks the merge.",
    "About 1,500 input tokens and 150 output tokens per email, so at a dollar per million "
    "input tokens it's well under a cent each, which is why the small tier is fine.",
    "The 300 emails come from last quarter's tickets, labelled by two support leads, and where "
    "they disagree the lead decides, because those labels are what we grade against.",
    "The set includes edge cases like empty emails, two order numbers in one email and an "
    "email that says ignore your instructions, since those are what break extraction.",
]
TEMPERATURE = "We'd set temperature to zero, so it won't hallucinate anything."
STREAMING = "I wouldn't stream it, because streaming roughly doubles the cost."


def test_two_red_flags_cap_every_level_at_2_and_say_so() -> None:
    rubric = load_rubrics()["system-design"]
    one = score_transcript(interview(*STRONG, TEMPERATURE), rubric)
    two = score_transcript(interview(*STRONG, TEMPERATURE, STREAMING), rubric)

    assert len(one.red_flags) == 1 and levels(one)["evaluation"] >= 3
    assert len(two.red_flags) == 2
    assert all(level is not None and level <= 2 for level in levels(two).values())
    capped = next(d for d in two.dimensions if d.dimension == "evaluation")  # no flag's own
    assert any("2 red flags" in cap and "weak throughout" in cap for cap in capped.caps)
