"""The vocabulary's technique probes, worded for each brief: every {slot} fills from the
brief's context, none is unknown, and none carries the churn brief's words elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scoring.content import ContentError, load_model
from scoring.rubrics import load_rubrics
from scoring.vocabulary import default_matcher, default_vocabulary
from scoring.vocabulary.models import Vocabulary
from simulator.content.loader import load_library
from simulator.content.models import Brief, CandidateContext
from simulator.content.probes import SLOTS, fill_slots, technique_probes, unknown_slots
from simulator.guide import build_guide
from simulator.interview.analysis import analyze_answer
from simulator.interview.graph import RoundSetup, initial_state
from simulator.interview.policy import decide, policy_context
from simulator.interview.timing import plan_time
from tests.brief_helpers import fill
from tests.cli_helpers import mockloop

REPO = Path(__file__).resolve().parent.parent
BRIEFS = {p.stem: load_model(p, Brief) for p in sorted((REPO / "briefs").glob("*.yaml"))}
CUSTOM = yaml.safe_load(
    (REPO / "tests" / "data" / "guide" / "action-items-answers.yaml").read_text(encoding="utf-8")
)
CONTEXTS = {
    **{brief_id: b.context for brief_id, b in BRIEFS.items()},
    "action-items (custom)": CandidateContext.model_validate(CUSTOM["context"]),
}
# Words of the churn brief that read oddly on a brief whose context never mentions them.
CHURN_WORDS = re.compile(
    r"\b(tickets?|reps?|churn|crm|accounts?|verdicts?|analys[ie]s)\b", re.IGNORECASE
)
FOLLOW_UPS = {c.id: c.follow_up for c in default_vocabulary().concepts if c.follow_up}


def context_text(context: CandidateContext) -> str:
    return " ".join(context.model_dump().values())


def test_every_follow_up_names_only_slots_of_a_brief_context() -> None:
    for concept_id, follow_up in FOLLOW_UPS.items():
        assert unknown_slots(follow_up) == [], concept_id


@pytest.mark.parametrize("name", list(CONTEXTS))
def test_every_follow_up_fills_with_the_brief_context(name: str) -> None:
    probes = technique_probes(default_vocabulary(), CONTEXTS[name])

    assert set(probes) == set(FOLLOW_UPS)
    for concept_id, probe in probes.items():
        assert "{" not in probe and "}" not in probe, (concept_id, probe)
        assert probe.endswith("?"), (concept_id, probe)


@pytest.mark.parametrize("name", list(CONTEXTS))
def test_no_probe_carries_churn_words_the_brief_does_not_use(name: str) -> None:
    context = CONTEXTS[name]
    used = {w.lower() for w in CHURN_WORDS.findall(context_text(context))}

    for concept_id, probe in technique_probes(default_vocabulary(), context).items():
        foreign = {w.lower() for w in CHURN_WORDS.findall(probe)} - used
        assert not foreign, (concept_id, probe)


def test_a_probe_that_names_the_user_reads_the_briefs_user() -> None:
    for brief_id in ("churn-analysis", "ticket-triage", "event-log-email-summary"):
        context = BRIEFS[brief_id].context
        probe = technique_probes(default_vocabulary(), context)["timeouts"]
        assert f"what does the {context.user} see when it fires?" in probe


def with_follow_up(concept_id: str, follow_up: str) -> Vocabulary:
    vocabulary = default_vocabulary()
    concepts = [
        c.model_copy(update={"follow_up": follow_up}) if c.id == concept_id else c
        for c in vocabulary.concepts
    ]
    return vocabulary.model_copy(update={"concepts": concepts})


def test_an_unknown_slot_is_a_content_error_naming_the_concept_and_the_field() -> None:
    bad = with_follow_up("timeouts", "What does the {customer_name} see when it fires?")

    with pytest.raises(ContentError) as error:
        technique_probes(bad, BRIEFS["ticket-triage"].context)

    message = str(error.value)
    assert "concepts.yaml: concepts." in message and ".follow_up (timeouts)" in message
    assert "unknown slot {customer_name}" in message
    assert all(slot in message for slot in SLOTS)


@pytest.mark.parametrize(
    "follow_up",
    ["What does the {user see?", "Which {0} fires?", "The {user:d} sees it", "The {user!r} sees"],
)
def test_a_malformed_placeholder_is_a_content_error(follow_up: str) -> None:
    with pytest.raises(ContentError, match=r"follow_up \(timeouts\)"):
        technique_probes(with_follow_up("timeouts", follow_up), BRIEFS["churn-analysis"].context)


def test_a_slot_value_with_braces_is_inserted_as_it_is() -> None:
    context = BRIEFS["churn-analysis"].context.model_copy(update={"user": "{input} reader"})

    assert fill_slots("the {user} sees it", context) == "the {input} reader sees it"


@pytest.mark.parametrize("brief_id", list(BRIEFS))
def test_the_guide_and_the_live_interviewer_ask_the_same_worded_probe(brief_id: str) -> None:
    brief = BRIEFS[brief_id]
    live = policy_context(
        brief, plan_time(brief, 60), default_vocabulary(), coach=False, seed=1
    ).follow_ups
    guide = build_guide(brief, load_rubrics()["system-design"], 60)

    asked = [f for a in guide.areas for f in a.follow_ups if f.kind == "mention"]
    assert asked
    for line in asked:
        assert line.concept_id is not None
        assert line.ask == " ".join(live[line.concept_id].split())


def test_naming_a_technique_on_another_brief_gets_a_probe_worded_for_it() -> None:
    brief = BRIEFS["event-log-email-summary"]
    index = [a.id for a in brief.probe_areas].index("send_pipeline")
    setup = RoundSetup(
        brief, load_library().interviewer("neutral"), "interview", 60, 1, default_matcher()
    )
    state = initial_state("test", setup)
    area_id = brief.probe_areas[index].id
    state.update(phase="deep_dive", area_index=index, elapsed=1800.0)
    state["coverage"][area_id].update({"status": "open", "started_at": 1740.0})
    answer = analyze_answer(
        "I'd put a 60-second timeout on each model call, because a stuck call would hold up "
        "the whole Monday batch; if it fails the email falls back to the plain metrics.",
        brief=brief,
        matcher=default_matcher(),
        earlier_answers=[],
    )
    ctx = policy_context(brief, plan_time(brief, 60), default_vocabulary(), coach=False, seed=1)

    move = decide(state, answer, ctx)

    assert move.kind == "failure_probe", move
    assert move.probe == ctx.follow_ups[move.concept_id or ""]
    assert "workspace admin" in move.probe
    assert not CHURN_WORDS.search(move.probe)


def test_a_brief_from_briefs_new_in_mockloop_home_gets_probes_worded_for_it(
    isolated_home: Path,
) -> None:
    run = mockloop("briefs", "new", "action-items")
    assert run.code == 0, run.err
    path = isolated_home / "briefs" / "action-items.yaml"
    template = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(fill(template, CUSTOM), sort_keys=False), "utf-8")
    brief = load_library().brief("action-items")

    guide = build_guide(brief, load_rubrics()["system-design"], 60)

    asks = [f.ask for a in guide.areas for f in a.follow_ups if f.concept_id]
    assert asks
    assert not [ask for ask in asks if "{" in ask or CHURN_WORDS.search(ask)]
    live = policy_context(brief, plan_time(brief, 60), default_vocabulary(), coach=False, seed=0)
    assert "product manager" in live.follow_ups["timeouts"]
