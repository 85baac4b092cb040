"""Red flags said in plain words: a stance ("the model will figure it out", "I'd use the
flagship one", "we'd look at them and see if they look right", "test it on a bunch of
tickets") is a red flag only in a round that never shows what the flag's description says
is missing: a check on the output, a cheaper model weighed, a measurement, an edge case.
Set aside, that balance does not count."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric, load_rubrics
from tests.scoring_helpers import interview

OPENING = (
    "The tickets come in through the support tool's webhook, we build one prompt per account "
    "and send it to the model, and the paragraph goes back to the rep in the sales tool."
)

# (flag, the stance in plain words, an answer elsewhere in the round that balances it)
STANCES = [
    (
        "trusts_model_output",
        "Honestly the model will figure out which tickets matter, these models are really "
        "good at this now.",
        "Every ticket id the paragraph cites is checked against the pasted tickets before the "
        "rep sees it, and a paragraph with an id we never sent is blocked.",
    ),
    (
        "biggest_model_always",
        "I'd go with one of the biggest models available, since bigger models are just better.",
        "Then I'd try a smaller, cheaper model on the same eval set and only stay on the big "
        "one if the small one loses accuracy.",
    ),
    (
        "vibes_only",
        "Before launch we'd look at a bunch of them and see if they look right.",
        "We'd measure exact match on the risk level against 200 labelled accounts and track "
        "that accuracy on every prompt change.",
    ),
    (
        "upgrades_always_better",
        "Each new release is better than the last, so pinning an old version is just choosing "
        "to be worse.",
        "Before we switch, the new version reruns the golden set side by side with the old one "
        "and we compare the outputs case by case.",
    ),
    (
        "training_cures_hallucination",
        "If it invents things, I'd turn the temperature down to zero, which would mostly solve it.",
        "Every claim must cite a ticket id, and a check blocks any paragraph whose ids are not "
        "in the pasted tickets.",
    ),
    (
        "happy_path_tests",
        "I'd test it with a bunch of tickets and make sure it puts them in the right place.",
        "The test set also gets edge cases: empty threads, tickets in two languages, and "
        "adversarial tickets that try to tell the model what to answer.",
    ),
]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def flags(rubric: Rubric, *answers: str) -> dict[str, str]:
    card = score_transcript(interview(*answers), rubric)
    return {f.id: f.evidence.quote for f in card.red_flags}


@pytest.mark.parametrize(("flag", "stance", "balance"), STANCES, ids=[s[0] for s in STANCES])
def test_a_stance_with_nothing_to_balance_it_is_a_red_flag(
    rubric: Rubric, flag: str, stance: str, balance: str
) -> None:
    found = flags(rubric, OPENING, stance)

    assert flag in found
    assert found[flag] in stance


@pytest.mark.parametrize(("flag", "stance", "balance"), STANCES, ids=[s[0] for s in STANCES])
def test_the_same_stance_beside_what_balances_it_is_not_flagged(
    rubric: Rubric, flag: str, stance: str, balance: str
) -> None:
    assert flag not in flags(rubric, OPENING, stance, balance)


def test_a_stance_flag_caps_its_dimension_and_says_what_the_round_never_showed(
    rubric: Rubric,
) -> None:
    guarded = (
        "The tickets go inside delimiters and the prompt says their text is data, never "
        "instructions, because a customer can write anything into a ticket."
    )
    balanced = score_transcript(interview(OPENING, guarded, STANCES[0][2]), rubric)
    trusting = score_transcript(interview(OPENING, guarded, STANCES[0][1]), rubric)

    flag = next(f for f in trusting.red_flags if f.id == "trusts_model_output")
    assert "Nowhere in the round:" in flag.description
    assert "verifying entities against a source of truth" in flag.description.lower()
    assert trusting.level("hallucination_safety") == 1
    assert balanced.level("hallucination_safety") >= 2  # type: ignore[operator]
    assert not balanced.red_flags


def test_balance_that_is_set_aside_hedged_or_asked_does_not_count(rubric: Rubric) -> None:
    happy_path = next(s for s in STANCES if s[0] == "happy_path_tests")[1]
    trusting = next(s for s in STANCES if s[0] == "trusts_model_output")[1]
    dismissed = "We won't need edge cases or adversarial tickets, that's overkill for v1."
    asked = "Maybe someone could check the ids against the tickets?"

    assert "happy_path_tests" in flags(rubric, OPENING, happy_path, dismissed)
    assert "trusts_model_output" in flags(rubric, OPENING, trusting, asked)


@pytest.mark.parametrize(
    "plain",
    [
        "I'd add two examples because that usually helps the model understand the categories.",
        "We can't just trust the model here, so every id is checked against the input.",
        "I wouldn't pick the biggest model by default; the small one may pass the eval.",
        "A person who reads them can't tell whether they look right, so we need a metric.",
        "If the judge agrees with the two raters most of the time, I'd trust it.",
        "The judge must agree with the humans above 90% before I trust it for the rest.",
        "Two agents relabel them; where they agree we trust it, where they dont, the lead decides.",
        "As long as the two labellers agree, we trust it.",
        "The cost is nothing at this volume: 2,000 tickets at a tenth of a cent each.",
        "The cost is a rounding error, so I'd spend the effort on the eval set instead.",
    ],
)
def test_sentences_near_a_stance_that_do_not_hold_it_are_not_flagged(
    rubric: Rubric, plain: str
) -> None:
    assert not flags(rubric, OPENING, plain)


@pytest.mark.parametrize(
    ("flag", "stance", "turned_down"),
    [
        (
            "biggest_model_always",
            "Yes, I'd use the top one.",
            "Cheaper models cut corners on writing quality and this is customer-facing.",
        ),
        (
            "biggest_model_always",
            "I'd use the flagship model.",
            "I've never seen the small model beat the big one on extraction.",
        ),
        (
            "training_cures_hallucination",
            "If it invents things, I'd turn the temperature down, which would mostly solve it.",
            "The ids are grounded by construction, so there is nothing to check.",
        ),
    ],
)
def test_a_balance_that_turns_the_technique_down_does_not_count(
    rubric: Rubric, flag: str, stance: str, turned_down: str
) -> None:
    assert flag in flags(rubric, OPENING, stance, turned_down)


@pytest.mark.parametrize(
    ("flag", "setting_aside"),
    [
        ("vibes_only", "We won't need a golden set for this, it's overkill."),
        ("happy_path_tests", "I wouldn't bother with edge cases or adversarial tickets in v1."),
    ],
)
def test_setting_aside_what_would_balance_a_stance_says_it(
    rubric: Rubric, flag: str, setting_aside: str
) -> None:
    assert flag in flags(rubric, OPENING, setting_aside)


def test_describing_what_lacks_a_check_is_not_setting_it_aside(rubric: Rubric) -> None:
    described = (
        "A stale name can get in when the SQL counts a completion event without checking "
        "whether the project still exists."
    )

    assert not flags(rubric, OPENING, described)


@pytest.mark.parametrize(
    ("flag", "said"),
    [
        (
            "biggest_model_always",
            "I'd just use the best model available and never think about it again.",
        ),
        ("biggest_model_always", "For the five-second budget I'd stay on the big model."),
        (
            "training_cures_hallucination",
            "Set the temperature to zero and the model is deterministic, so it reports the facts.",
        ),
        (
            "training_cures_hallucination",
            "Hallucination comes from sampling randomness, and we turn that off.",
        ),
        ("training_cures_hallucination", "The real fix is fine-tuning on our own tickets."),
        ("trusts_model_output", "Beyond the schema, no, the schema is the validation."),
        ("trusts_model_output", "These models are strong, so I don't expect accuracy issues."),
        (
            "upgrades_always_better",
            "A new model comes out, it's better, that's how this industry works.",
        ),
        (
            "idempotency_repeats_the_model",
            "The API is idempotent, so a retry gives you back the same email.",
        ),
        (
            "train_first",
            "My instinct is to collect last year's tickets, label them and train on that.",
        ),
        ("vibes_only", "I've done this long enough to know when the outputs are good."),
        (
            "training_cures_hallucination",
            "I'd check the temperature, that's almost always the cause.",
        ),
        ("streaming_costs_more", "Streaming is more expensive, every chunk has its own overhead."),
        (
            "idempotency_repeats_the_model",
            "We send an idempotency key, so the provider hands us the exact same paragraph.",
        ),
        (
            "upgrades_always_better",
            "Each new version is trained on more data, so it's better at basically everything.",
        ),
        ("upgrades_always_better", "The providers test these things far more than we ever will."),
        ("train_first", "Churn prediction is a classic supervised problem."),
        ("train_first", "What I'd really want is to label the CRM history and train on that."),
        ("train_first", "My first reaction is that this is a good fit for a fine-tuned model."),
        ("trusts_model_output", "I think the model handles that fine in practice."),
        # cost waved away as too small to weigh
        ("biggest_model_always", "Compared to agent salaries the cost is a rounding error."),
        ("biggest_model_always", "Honestly the money is pocket change, not worth optimising."),
        # claims about the model in general, however they are worded
        (
            "upgrades_always_better",
            "Newer models are generally better, so we'd move to each one as it lands.",
        ),
        ("upgrades_always_better", "The provider keeps them compatible, so nothing changes."),
        ("upgrades_always_better", "Honestly, upgrades usually help in my experience."),
        ("trusts_model_output", "The confidence it reports is calibrated out of the box."),
        # the model's own confidence taken as calibrated, whatever else the round checks
        ("trusts_model_output", "The current models are pretty well calibrated on that."),
        ("trusts_model_output", "The big models are well calibrated now, if it says 70 it's 70."),
        (
            "trusts_model_output",
            "The model is usually pretty sure when it's right, so high scores go straight through.",
        ),
        ("trusts_model_output", "I've never seen it go off script in two years of using it."),
        (
            "training_cures_hallucination",
            "Turning the temperature down reduces hallucinations a lot, so I'd do that first.",
        ),
        ("upgrades_always_better", "Honestly a new release is basically a free win for us."),
        (
            "upgrades_always_better",
            "Each new version is going to be at least as good, so we follow it.",
        ),
        ("upgrades_always_better", "You get the improvements without doing anything."),
        (
            "training_cures_hallucination",
            "Invented ids mostly come from the sampling, so zero "
            "temperature keeps them rare enough.",
        ),
    ],
)
def test_a_false_belief_in_other_words_is_flagged(rubric: Rubric, flag: str, said: str) -> None:
    assert flag in flags(rubric, OPENING, said)


@pytest.mark.parametrize(
    "sound",
    [
        "Temperature zero makes it more repeatable, but it doesn't stop hallucinations.",
        "Once we have a few thousand approved paragraphs, we could fine-tune on those.",
        "A new model might be better, but it reruns the golden set against the old one first.",
        "I'd use the best model available only if the small one fails the eval.",
        "The API call carries an idempotency key, so a retried request is not charged twice.",
        "Newer models are usually better on average, but they can regress on our own cases.",
        "The ids it returns are not guaranteed to be real ones, so each is looked up.",
        "A new version might keep the same behaviour, or it might not.",
        "i wouldnt use the old queue labels as is, they are too noisy to train against.",
        "I won't fill the thresholds with numbers we have never measured on real tickets.",
        "A new release might be a free win or might not, so it reruns the golden set first.",
        # distrust said with "doesn't", and testing whether something is enough
        "That's exactly why the refund step doesn't trust the model on the amount.",
        "I'd test whether a single prompt is good enough before adding a second step.",
        # calibration doubted, or reached by measuring
        "Self-reported numbers aren't always well calibrated, so I'd use the log probabilities.",
        "I'm not sure how well calibrated that is, I'd have to measure it.",
        "Smaller models' scores are often less well calibrated, so the eval checks it.",
        "Once the scores are calibrated on held-out tickets, we draw the curve.",
    ],
)
def test_the_sound_version_of_a_belief_is_not_flagged(rubric: Rubric, sound: str) -> None:
    assert not flags(rubric, OPENING, sound)


@pytest.mark.parametrize(
    "refusal",
    [
        "So I wouldn't build a separate check on the action.",
        "The requested action I'd take from the model as-is.",
    ],
)
def test_refusing_a_check_outright_is_flagged_whatever_else_is_checked(
    rubric: Rubric, refusal: str
) -> None:
    checked = next(s for s in STANCES if s[0] == "trusts_model_output")[2]

    assert "trusts_model_output" in flags(rubric, OPENING, checked, refusal)


def test_a_check_made_redundant_by_a_reason_is_not_a_refusal(rubric: Rubric) -> None:
    reasoned = (
        "I wouldn't add a separate check on the category, because the enum in the schema "
        "allows only seven."
    )

    assert not flags(rubric, OPENING, reasoned)


def test_an_instruction_in_the_prompt_is_no_check_on_the_output(rubric: Rubric) -> None:
    trusting = next(s for s in STANCES if s[0] == "trusts_model_output")[1]
    told = (
        "I'd add a line to the system prompt: never mention an account that is not in the tickets."
    )

    assert "trusts_model_output" in flags(rubric, OPENING, trusting, told)


def test_trust_in_what_the_model_provided_is_no_condition(rubric: Rubric) -> None:
    said = "Honestly we'd just trust the summary the model provided."
    assert "trusts_model_output" in flags(rubric, OPENING, said)


@pytest.mark.parametrize(
    "asked",
    [
        'Then, when do we trust the model\'s "wants a refund"?',
        "Do the newer models really get better at this?",
    ],
)
def test_a_question_holds_no_stance(rubric: Rubric, asked: str) -> None:
    """Asking when to trust the model, or whether new models are better, commits to nothing."""
    found = flags(rubric, OPENING, asked)
    assert "trusts_model_output" not in found and "upgrades_always_better" not in found


def test_a_check_against_the_records_in_plain_words_balances_trust(rubric: Rubric) -> None:
    trusting = next(s for s in STANCES if s[0] == "trusts_model_output")[1]
    checked = (
        "Everything else is checked by ordinary code against the store's records: the order "
        "exists and it belongs to the same address."
    )
    assert "trusts_model_output" not in flags(rubric, OPENING, trusting, checked)


@pytest.mark.parametrize(
    ("flag", "stated"),
    [
        ("biggest_model_always", "Honestly, why would I go with anything but the biggest model?"),
        (
            "vibes_only",
            "Why would we build a golden set when a human reading them is the real test?",
        ),
        ("trusts_model_output", "The model is good enough at this these days, right?"),
        ("upgrades_always_better", "Isn't pinning just choosing to be worse?"),
    ],
)
def test_a_question_that_states_its_answer_still_holds_the_stance(
    rubric: Rubric, flag: str, stated: str
) -> None:
    assert flag in flags(rubric, OPENING, stated)


def test_a_check_said_not_done_or_of_the_bill_is_no_check_on_the_output(rubric: Rubric) -> None:
    trusting = "The model is good at pulling account names these days."
    for said in (
        "I never really check its output against our records, it's fine.",
        "We compared the token bill against our records and it's about two cents a call.",
    ):
        assert "trusts_model_output" in flags(rubric, OPENING, trusting, said)


def test_turning_down_a_check_is_trusting_the_model_not_a_belief_about_what_cures_it(
    rubric: Rubric,
) -> None:
    found = flags(
        rubric, OPENING, "Honestly, checking every name against the account database is overkill."
    )
    assert "trusts_model_output" in found
    assert "training_cures_hallucination" not in found
