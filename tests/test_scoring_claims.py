"""False beliefs read as claims: what is said of temperature zero, fine-tuning or an
idempotency key, in either order and however far apart within the sentence, is the red flag;
the same words negated, contrasted, asked, reported as a myth, or beside a real check are
not."""

from __future__ import annotations

import re

import pytest

from scoring.rubrics import Rubric, load_rubrics
from scoring.rubrics.claims import Claim
from tests.test_scoring_stance_flags import OPENING, flags


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


@pytest.mark.parametrize(
    ("flag", "said"),
    [
        (
            "training_cures_hallucination",
            "At temperature zero the model always picks the most likely next token, and the "
            "most likely tokens are the ones supported by the input, so in practice that "
            "removes hallucination.",
        ),
        ("training_cures_hallucination", "It won't make names up at temperature zero."),
        ("training_cures_hallucination", "I'd set temperature to zero, so it's not creative."),
        (
            "training_cures_hallucination",
            "At temperature zero the model is deterministic, so it just reads what's there and "
            "reports it.",
        ),
        (
            "training_cures_hallucination",
            "Honestly with temperature zero and the instruction, I'd expect that to be "
            "pretty rare.",
        ),
        (
            "training_cures_hallucination",
            "Most of the hallucinations people see are really sampling noise from a high "
            "temperature.",
        ),
        (
            "training_cures_hallucination",
            "Longer term, fine-tuning on our own tickets stops it inventing companies.",
        ),
        (
            "idempotency_repeats_the_model",
            "I'd pass an idempotency key with the request, so if we retry the model call the "
            "provider returns the identical paragraph as the first attempt.",
        ),
        (
            "idempotency_repeats_the_model",
            "Since we use temperature zero and an idempotency key on the model call, the rerun "
            "would produce the same email for each workspace.",
        ),
        (
            "training_cures_hallucination",
            "And I'd set temperature to zero so it doesn't get creative.",
        ),
        (
            "training_cures_hallucination",
            "And set the temperature to zero, that cuts down a lot of the creativity.",
        ),
        (
            "idempotency_repeats_the_model",
            "If the webhook fires twice that's fine, temperature zero gives you the same output.",
        ),
        (
            "idempotency_repeats_the_model",
            "Or I guess the model would give the same answer both times anyway, it's a repeat.",
        ),
        ("idempotency_repeats_the_model", "It's the same email, so it's the same answer."),
        ("vibes_only", "It's a summary, it's subjective, there's no real accuracy number."),
        (
            "idempotency_repeats_the_model",
            "I'd set temperature to zero, which makes the output deterministic, and send an "
            "idempotency key with each call.",
        ),
        (
            "streaming_costs_more",
            "Each streamed chunk comes back with its own overhead, so a streamed answer ends up "
            "costing noticeably more tokens than getting it in one piece.",
        ),
        ("streaming_costs_more", "It might cost a bit more, streaming, but it feels faster."),
        (
            "streaming_costs_more",
            "Streaming is billed at a premium, each chunk carries its own overhead, so you'd "
            "pay something like ten or fifteen percent more for the same paragraph.",
        ),
        (
            "upgrades_always_better",
            "When a new version comes out, it's better at basically everything.",
        ),
        (
            "train_first",
            "Realistically a fine-tuned classifier is going to beat prompting on a fixed "
            "seven-way task like this, so I'd want to be ready to switch.",
        ),
        (
            "train_first",
            "For account routing, a fine-tuned classifier will beat prompting every time.",
        ),
        (
            "biggest_model_always",
            "So honestly I'd just use the top one, the big one is just safer.",
        ),
        (
            "training_cures_hallucination",
            "A lot of the making-things-up is from the randomness, so at temperature zero it "
            "sticks much closer to the input.",
        ),
        (
            "training_cures_hallucination",
            "Temperature zero makes that a lot less likely, because the model isn't sampling.",
        ),
        (
            "training_cures_hallucination",
            "Plus the temperature would be zero, which basically eliminates hallucination.",
        ),
        ("upgrades_always_better", "Each generation is better than the last."),
        ("upgrades_always_better", "Model upgrades are usually a good thing."),
        (
            "upgrades_always_better",
            "I'd stay on the latest alias so we automatically benefit from the improvements.",
        ),
    ],
)
def test_a_false_claim_in_any_order_and_length_is_flagged(
    rubric: Rubric, flag: str, said: str
) -> None:
    assert flag in flags(rubric, OPENING, said)


@pytest.mark.parametrize(
    "sound",
    [
        "Temperature zero doesn't remove hallucination; grounding the ids does.",
        "Temperature zero makes it repeatable, but it can still invent ids.",
        "A common myth is that temperature zero removes hallucinations.",
        "Does temperature zero remove hallucinations?",
        "I would not rely on temperature zero to stop hallucination.",
        "At temperature zero it's repeatable, and checking every id against the input is what "
        "stops hallucinated accounts reaching the rep.",
        "The idempotency key means a retried send never produces a second email, even if the "
        "same summary is generated twice.",
        "With an idempotency key the retry returns the stored result, the same answer the "
        "first call saved, without calling the model again.",
        "Streaming doesn't cost more tokens, it only changes when they arrive.",
        "Median maybe 5,000 to 6,000 tokens, p95 around 30,000, the biggest one more than 100,000.",
        "The rules and the model vote, so where those two agree I trust it more.",
        "Temperature zero so it doesn't get creative with the wording, and every id is checked "
        "against the tickets.",
        "Temperature zero doesn't give you the same output every time, so a retry can differ.",
        "The same ticket hits the cache, so the rep sees the same summary without a new call.",
        "The idempotency key isn't deterministic output, it only stops a second write.",
        "Streaming isn't billed at a premium, you pay the same tokens either way.",
        "A fine-tuned classifier might beat prompting once we have labels, but we start with a "
        "prompt and the eval set.",
        "I don't think a fine-tuned model will beat prompting here.",
        "I'd keep temperature low for repeatable wording; hallucinations still happen, so "
        "every claim cites a ticket id we verify.",
        "Hallucinations are rare on this task, about one in two hundred in our eval.",
        "Temperature zero won't make it less creative about inventing ids, so we check them.",
        "At temperature zero, the category flipping between two runs is pretty rare.",
        "People say hallucinations are just sampling noise, but that's wrong: they come from "
        "gaps in the context.",
        "Temperature zero isn't being creative, it's being greedy, and greedy decoding still "
        "invents ids.",
        "A new version might be better at everything we test, or it might regress on our cases.",
        "Look at accuracy above each threshold on the labelled set and pick the one where it's "
        "nearly always right.",
        "I'd start with the mid-sized model, and we could try a smaller one later if cost is a "
        "problem.",
        'A second model run can give a slightly different answer, so "same request, same '
        "result\" isn't something I can count on.",
        "Sentiment will get corrected a lot because it's subjective.",
        # taken back in the same sentence
        "Newer models are generally better, but you can't assume that for your specific use case.",
        "Newer models are usually better, but it's still good practice to test.",
        "Idempotency key per analysis request, so a double-click or client retry returns the same "
        "stored result instead of running the model twice and getting a different paragraph.",
        "An idempotency key per paste, so a double click returns the same job, not a second "
        "paragraph.",
        # put to the test, not held
        "Ask the same ticket a few times and see if it gives the same answer every time.",
        "I'd check whether temperature zero really stops it inventing ids.",
    ],
)
def test_the_claim_negated_contrasted_asked_or_beside_a_check_is_not_flagged(
    rubric: Rubric, sound: str
) -> None:
    assert not flags(rubric, OPENING, sound)


def test_a_claim_reads_both_orders_and_no_negation_before_what_it_says() -> None:
    claim = Claim(of=[r"fine-?tun\w*"], that=[r"stops? (?:it )?inventing"])
    compiled = [re.compile(p, re.IGNORECASE) for p in claim.patterns()]

    def said(text: str) -> bool:
        return any(p.search(text) for p in compiled)

    assert said("Fine-tuning on our tickets stops it inventing names.")
    assert said("What stops it inventing names is fine-tuning.")
    assert not said("We never fine-tune, and that stops it inventing nothing.")
    assert not said("Fine-tuning helps, but nothing stops it inventing names.")
    # taken back after it: a contrast that doubts or checks it
    assert not said("Fine-tuning stops it inventing names, but you can't count on that.")
    assert not said("Fine-tuning stops it inventing names, though we still check them.")
    assert said("Fine-tuning stops it inventing names, but it costs a week of labelling.")
