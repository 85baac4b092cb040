"""Interviewer guides built from a brief: timing, follow-ups, levels, red flags, signal
questions, curveballs and the scoring sheet (the pure builder and the Markdown renderer)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from scoring.content import load_model
from scoring.rubrics import Rubric, load_rubrics
from scoring.vocabulary import default_vocabulary
from simulator.content.models import Brief
from simulator.content.probes import fill_slots
from simulator.guide import GuideMismatchError, InterviewerGuide, build_guide, render_markdown
from simulator.guide.model import AreaGuide
from simulator.interview.policy import policy_context
from simulator.interview.timing import plan_time

REPO = Path(__file__).resolve().parent.parent
BRIEF_FILES = sorted((REPO / "briefs").glob("*.yaml"))
BRIEF_IDS = [p.stem for p in BRIEF_FILES]


@cache
def brief(brief_id: str) -> Brief:
    return load_model(REPO / "briefs" / f"{brief_id}.yaml", Brief)


@cache
def rubric(rubric_id: str = "system-design") -> Rubric:
    return load_rubrics()[rubric_id]


@cache
def guide(brief_id: str = "churn-analysis", minutes: int = 60) -> InterviewerGuide:
    return build_guide(brief(brief_id), rubric(), minutes)


def area(g: InterviewerGuide, area_id: str) -> AreaGuide:
    return next(a for a in g.areas if a.id == area_id)


def flat(text: str) -> str:
    return " ".join(text.split())


# --- timing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [45, 60, 90])
@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_the_timing_plan_adds_up_to_the_length_of_the_round(brief_id: str, minutes: int) -> None:
    g = guide(brief_id, minutes)

    assert sum(slot.minutes for slot in g.timing) == minutes
    assert [s.phase for s in g.timing] == (
        ["opening", "design"] + ["deep_dive"] * len(g.areas) + ["wrap_up"]
    )
    assert [s.area_id for s in g.timing if s.phase == "deep_dive"] == [a.id for a in g.areas]
    clock = 0
    for slot in g.timing:
        assert slot.start_minute == clock
        assert slot.minutes >= 1
        clock += slot.minutes


@pytest.mark.parametrize("minutes", [10, 45, 60, 90, 180])
@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_the_guide_keeps_the_live_interviewers_phase_boundaries(
    brief_id: str, minutes: int
) -> None:
    plan = plan_time(brief(brief_id), minutes)
    live = [plan.opening_end, plan.design_end]
    for budget in list(plan.area_budgets.values())[:-1]:
        live.append(live[-1] + budget)
    live += [plan.wrap_up_start, plan.total]

    g = guide(brief_id, minutes)
    ends = [slot.start_minute + slot.minutes for slot in g.timing]

    assert len(ends) == len(live)
    for shown, exact in zip(ends, live, strict=True):
        assert abs(shown - exact / 60) <= 0.5
    assert sum(slot.minutes for slot in g.timing) == minutes


def test_a_60_minute_round_follows_the_documented_split() -> None:
    g = guide("churn-analysis", 60)
    by_phase = {s.phase: s.minutes for s in g.timing if s.phase != "deep_dive"}

    assert by_phase == {"opening": 5, "design": 9, "wrap_up": 7}
    assert sum(a.minutes for a in g.areas) == 39
    testing = area(g, "testing")
    assert testing.minutes == max(a.minutes for a in g.areas)  # weight 1.2: the largest share


# --- probe areas --------------------------------------------------------------------------------


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_every_probe_area_has_follow_ups_and_what_levels_2_3_4_sound_like(brief_id: str) -> None:
    g = guide(brief_id)
    dimensions = {d.id: d for d in rubric().dimensions}

    assert [a.id for a in g.areas] == [a.id for a in brief(brief_id).probe_areas]
    for a in g.areas:
        assert len(a.follow_ups) >= 2, a.id
        assert [level.level for level in a.levels] == [2, 3, 4]
        anchors = dimensions[a.dimension].anchors
        for level in a.levels:
            assert level.sounds_like == flat(anchors.for_level(level.level))
        assert a.main_probe and a.coach_hint and a.strong_answer


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_the_briefs_own_follow_ups_come_first_in_the_live_interviewers_order(
    brief_id: str,
) -> None:
    for source, a in zip(brief(brief_id).probe_areas, guide(brief_id).areas, strict=True):
        own = [f.ask for f in a.follow_ups[: len(source.follow_ups)]]
        assert own == [flat(text) for text in source.follow_ups]
        for line in a.follow_ups[: len(source.follow_ups)]:
            assert line.kind in ("shallow", "choice")


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_mention_lines_ask_the_vocabularys_probe_for_a_technique_of_the_areas_dimension(
    brief_id: str,
) -> None:
    concepts = {c.id: c for c in default_vocabulary().concepts}
    context = brief(brief_id).context
    for a in guide(brief_id).areas:
        mentions = [f for f in a.follow_ups if f.kind == "mention"]
        assert len(mentions) <= 4
        for line in mentions:
            assert line.concept_id is not None
            concept = concepts[line.concept_id]
            assert concept.technique
            assert a.dimension in concept.dimensions
            assert line.ask == flat(fill_slots(concept.follow_up or "", context))
            assert line.trigger.lower() == f"if they mention {concept.label.lower()}"
        ids = [f.concept_id for f in a.follow_ups if f.concept_id]
        assert len(ids) == len(set(ids)), "a technique is probed twice in one area"


def test_the_churn_areas_each_get_four_technique_probes_picked_from_what_the_brief_names() -> None:
    g = guide()
    prompt = area(g, "prompt_structure")
    mentioned = [f.concept_id for f in prompt.follow_ups if f.kind == "mention"]

    for a in g.areas:
        assert len([f for f in a.follow_ups if f.kind == "mention"]) == 4, a.id
    # The strong answer puts the stable instructions in the system prompt and the tickets in
    # delimiters: those outrank techniques the brief never names.
    assert mentioned[:2] == ["system_prompt", "input_delimiters"]
    assert "retrieval_rag" not in mentioned


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_choice_lines_stay_within_what_the_brief_says(brief_id: str) -> None:
    for source, a in zip(brief(brief_id).probe_areas, guide(brief_id).areas, strict=True):
        vocabulary = {
            c.id: flat(fill_slots(c.follow_up or "", brief(brief_id).context))
            for c in default_vocabulary().concepts
        }
        for line in (f for f in a.follow_ups if f.kind == "choice"):
            assert line.trigger.startswith("if they choose ")
            assert line.ask in [flat(t) for t in source.follow_ups] + [
                vocabulary[line.concept_id or ""]
            ]
            assert line.strong_version is not None
            assert line.strong_version in flat(source.strong_answer)


def test_every_churn_area_has_a_brief_specific_choice_line() -> None:
    g = guide()
    chosen = {a.id: [f.trigger for f in a.follow_ups if f.kind == "choice"] for a in g.areas}

    assert all(chosen.values()), chosen
    cost = area(g, "cost_latency")
    caching = next(f for f in cost.follow_ups if f.concept_id == "prompt_caching")
    assert caching.kind == "choice"
    assert caching.ask == "What would you cache, and what is the cache key?"
    assert caching.strong_version is not None
    assert "keyed by account plus a hash of the ticket set" in caching.strong_version


def test_an_area_without_techniques_for_its_dimension_still_has_the_briefs_follow_ups() -> None:
    # ticket-triage scores its confidence-threshold area on problem framing, for which the
    # vocabulary has no techniques to probe.
    a = area(guide("ticket-triage"), "confidence_threshold")

    assert a.dimension == "problem_framing"
    assert {f.kind for f in a.follow_ups} == {"shallow"}
    assert len(a.follow_ups) == len(brief("ticket-triage").area("confidence_threshold").follow_ups)


def test_red_flags_are_the_rubrics_flags_for_the_areas_dimension() -> None:
    g = guide()

    assert [f.id for f in area(g, "testing").red_flags] == ["vibes_only", "happy_path_tests"]
    assert [f.id for f in area(g, "cost_latency").red_flags] == [
        "biggest_model_always",
        "streaming_costs_more",
    ]
    assert [f.id for f in area(g, "prompt_structure").red_flags] == ["train_first"]
    hallucination = area(g, "hallucinated_account").red_flags
    assert [(f.id, f.caps_at) for f in hallucination] == [
        ("trusts_model_output", 1),
        ("training_cures_hallucination", 2),
    ]
    assert [(f.id, f.caps_at) for f in area(g, "model_upgrade_regression").red_flags] == [
        ("upgrades_always_better", 1)
    ]


# --- the seed's stage-3 round -------------------------------------------------------------------

SEED_PROBES = {
    "prompt structure": ("prompt_architecture", r"system prompt.*user turn.*tool calls"),
    "cost and latency": ("cost_latency", r"synchronous, async .*streamed"),
    "testing": ("evaluation", r"how do you know it works"),
    "regression after a model upgrade": ("regression_monitoring", r"new model version"),
    "hallucinated account name": ("hallucination_safety", r"names a customer account"),
}


def test_the_churn_guide_covers_the_seeds_five_probes() -> None:
    g = guide()

    for topic, (dimension, probe) in SEED_PROBES.items():
        matching = [a for a in g.areas if a.dimension == dimension]
        assert len(matching) == 1, topic
        assert re.search(probe, matching[0].main_probe, re.I), topic


def test_the_three_signal_questions_sit_in_the_areas_they_test() -> None:
    g = guide()
    placed = {a.id: [q.id for q in a.signal_questions] for a in g.areas}

    assert placed["prompt_structure"] == ["broken_prompt"]
    assert placed["cost_latency"] == ["cheapest_model"]
    assert placed["testing"] == ["prompt_beats_old"]
    assert g.wrap_up.signal_questions == []
    for a in g.areas:
        for q in a.signal_questions:
            assert q.ask.endswith("?") and q.listen_for and q.worry_if


def test_a_signal_question_with_no_area_to_fit_moves_to_the_wrap_up() -> None:
    data = brief("churn-analysis").model_dump()
    data["probe_areas"] = [a for a in data["probe_areas"] if a["dimension"] != "cost_latency"]

    g = build_guide(Brief.model_validate(data), rubric(), 60)

    assert [q.id for q in g.wrap_up.signal_questions] == ["cheapest_model"]
    assert all(q.id != "cheapest_model" for a in g.areas for q in a.signal_questions)


# The seed's own wording of the three signal questions, by the id of the question in the guide.
SEED_SIGNAL_QUESTIONS: dict[str, str] = yaml.safe_load(
    (REPO / "tests" / "data" / "guide" / "seed-signal-questions.yaml").read_text(encoding="utf-8")
)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[?.!])\s+", flat(text)) if s]


def test_the_guide_asks_the_seeds_three_signal_questions_in_its_own_words() -> None:
    g = guide()
    page = flat(render_markdown(g)).lower()
    asked = {q.id: q.ask for a in g.areas for q in a.signal_questions}

    assert asked.keys() == SEED_SIGNAL_QUESTIONS.keys()
    for question_id, seed_wording in SEED_SIGNAL_QUESTIONS.items():
        assert flat(asked[question_id]).lower() in page, f"{question_id} is on the page"
        for sentence in sentences(seed_wording):
            assert sentence.lower() not in page, f"{question_id} copies the seed: {sentence}"


# --- opening, facts, curveballs, wrap-up --------------------------------------------------------


def test_the_opening_presents_the_brief_and_ends_with_the_live_opening_question() -> None:
    g = guide()

    assert g.opening.brief_text == flat(brief("churn-analysis").brief)
    assert g.opening.constraints == [flat(c) for c in brief("churn-analysis").constraints]
    assert "60 minutes" in g.opening.steps[0]
    assert "walk me through your high-level design" in g.opening.steps[-1]


def test_hidden_facts_come_with_the_rule_to_assume_what_is_not_there() -> None:
    g = guide()

    assert [f.id for f in g.facts] == [f.id for f in brief("churn-analysis").facts]
    assert "$3,000 a month" in next(f.answer for f in g.facts if f.id == "budget")
    assert re.search(r"only when the candidate asks", g.fact_rule)
    assert re.search(r"do not invent .* assume .* out loud", g.fact_rule)


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_the_curveball_comes_when_the_live_interviewer_fires_it(brief_id: str) -> None:
    b = brief(brief_id)
    live = policy_context(
        b, plan_time(b, 60), default_vocabulary(), coach=False, seed=1
    ).curveball_after
    plan = guide(brief_id).curveball_plan

    assert plan.after_area == live == max(1, len(b.probe_areas) // 2)
    assert f'"{b.probe_areas[live - 1].title}"' in plan.when
    assert f'"{b.probe_areas[live].title}"' in plan.when
    assert "alternatives" in plan.when
    assert [c.id for c in plan.curveballs] == [c.id for c in b.curveballs]


def test_the_wrap_up_starts_when_the_deep_dives_end() -> None:
    g = guide("churn-analysis", 90)
    last = g.areas[-1]

    assert g.wrap_up.start_minute == last.start_minute + last.minutes
    assert f"minute {g.wrap_up.start_minute}" in g.wrap_up.steps[0]
    assert g.wrap_up.start_minute + g.wrap_up.minutes == 90


# --- scoring sheet, rubric fit, forms -----------------------------------------------------------


def test_the_scoring_sheet_has_a_blank_row_per_rubric_dimension() -> None:
    sheet = guide().scoring_sheet

    assert [(r.dimension_id, r.weight) for r in sheet.rows] == [
        (d.id, d.weight) for d in rubric().dimensions
    ]
    assert all(r.level is None and r.evidence == "" for r in sheet.rows)
    assert next(r for r in sheet.rows if r.dimension_id == "evaluation").probed_in == ["testing"]
    assert [r.recommendation for r in sheet.recommendation_rules] == [
        "strong_hire",
        "hire",
        "no_hire",
    ]


def test_a_rubric_that_cannot_score_the_briefs_areas_is_refused() -> None:
    with pytest.raises(GuideMismatchError, match="rubric 'behavioral' has no dimension"):
        build_guide(brief("churn-analysis"), rubric("behavioral"), 60)


def test_the_same_inputs_give_the_same_guide() -> None:
    first = build_guide(brief("ticket-triage"), rubric(), 45)
    second = build_guide(brief("ticket-triage"), rubric(), 45)

    assert first == second
    assert render_markdown(first) == render_markdown(second)


def test_the_json_form_reads_back_as_the_same_guide() -> None:
    g = guide()
    data = json.loads(json.dumps(g.model_dump(mode="json")))

    assert InterviewerGuide.model_validate(data) == g


def test_the_markdown_has_a_heading_per_area_and_a_scoring_table_row_per_dimension() -> None:
    g = guide()
    page = render_markdown(g)

    for a in g.areas:
        assert re.search(rf"^### {a.number}\. {re.escape(a.title)}$", page, re.M)
    table = page[page.index("## Scoring sheet") :]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| Dimension | Weight |")
    for d in rubric().dimensions:
        assert sum(1 for r in rows if f"(`{d.id}`)" in r) == 1, d.id
    timing = page[page.index("## Timing plan") : page.index("## Opening")]
    assert "| **60** | **Total** |" in timing
    for heading in ("## Hidden facts", "## High-level design", "## Curveballs", "## Wrap-up"):
        assert heading in page
