"""The Claude engine's pure parts: the fake's cache rules, prices, estimates, prompt files,
the interviewer layout, aggregation rules, engine selection."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from scoring.content import ContentError
from scoring.judge import JudgeReply
from scoring.judge.aggregate import Rater, aggregate
from scoring.judge.parse import parse_sample
from scoring.judge.prompt_file import read_prompt_file
from scoring.rubrics import load_rubrics
from scoring.scorecard import Usage
from scoring.transcripts.model import Transcript, Turn
from simulator.content.loader import load_library
from simulator.engines.base import PhraseRequest
from simulator.engines.claude import ClaudeEngine, claude_engine, layout
from simulator.engines.claude.interviewer import complete_sentences
from simulator.engines.claude.tokens import approx, count_text, estimate_input_tokens
from simulator.engines.select import EngineUnavailableError, select_engine
from simulator.interview.moves import Move
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.cache import PromptCache

RUBRIC = load_rubrics()["system-design"]
LONG = "word " * 1500


def body(*texts: str, cached: bool = True) -> dict[str, object]:
    system = [
        {
            "type": "text",
            "text": LONG,
            **({"cache_control": {"type": "ephemeral"}} if cached else {}),
        }
    ]
    messages = [{"role": "user", "content": [{"type": "text", "text": t}]} for t in texts]
    return {"system": system, "messages": messages}


def test_the_fake_credits_cache_reads_only_for_an_identical_prefix_above_the_minimum() -> None:
    cache = PromptCache(min_tokens=1024)
    first = cache.account("m", body("hello"))
    assert first.cache_read_tokens == 0 and first.cache_write_tokens > 1024
    again = cache.account("m", body("something else"))
    assert again.cache_read_tokens == first.cache_write_tokens
    assert cache.account("other-model", body("x")).cache_read_tokens == 0
    changed = {
        **body("hello"),
        "system": [{"type": "text", "text": LONG + "!", "cache_control": {}}],
    }
    assert cache.account("m", changed).cache_read_tokens == 0
    small = PromptCache(min_tokens=1024)
    short = {"system": [{"type": "text", "text": "short", "cache_control": {}}], "messages": []}
    assert small.account("m", short).cache_write_tokens == 0
    assert small.account("m", short).cache_read_tokens == 0
    assert PromptCache().account("m", body("x", cached=False)).cache_write_tokens == 0


def test_estimates_scale_the_offline_encoding_to_the_current_tokenizer_and_say_so() -> None:
    text = "The account manager reads a one-paragraph churn-risk summary. " * 40
    params = {"system": [{"type": "text", "text": text}], "messages": []}
    cl100k = count_text(text)
    assert estimate_input_tokens(params) == math.ceil(cl100k * 1.3)
    with_schema = {**params, "output_config": {"format": {"schema": {"type": "object"}}}}
    assert estimate_input_tokens(with_schema) > estimate_input_tokens(params)
    assert approx(12345) == "≈12,345"


def test_the_estimate_lands_near_what_the_current_models_count(fake_api: FakeAnthropic) -> None:
    """The fake counts like the 5.x tokenizer (about 30% over cl100k): the calibrated estimate
    is within 5% of its count_tokens, where an unscaled cl100k count is low by a quarter."""
    from simulator.engines.claude.client import ClaudeClient
    from simulator.engines.claude.settings import ClaudeSettings

    engine = claude_engine()
    move = Move("next_area", "design", "r", probe="How would you test it?")
    params, _ = engine.request_params(request(move))
    counted = ClaudeClient(ClaudeSettings()).count_tokens(params)
    assert abs(estimate_input_tokens(params) - counted) / counted < 0.05


def test_prompt_files_carry_a_version(tmp_path: Path) -> None:
    for name in ("interviewer", "candidate"):
        assert read_prompt_file(layout.PROMPTS / f"{name}.md").version.startswith(f"{name}-")
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\n---\ntext\n")
    with pytest.raises(ContentError, match="needs a version"):
        read_prompt_file(bad)


def request(move: Move, history: tuple[dict[str, object], ...] = ()) -> PhraseRequest:
    library = load_library()
    return PhraseRequest(
        move=move,
        brief=library.brief("churn-analysis"),
        interviewer=library.interviewer("neutral"),
        seed=1,
        turn_number=len(history) + 1,
        minutes=60,
        minutes_left=42.4,
        last_answer="",
        history=history,  # type: ignore[arg-type]
    )


def test_the_stable_prefix_holds_no_hidden_facts_and_the_move_only_its_own() -> None:
    engine = claude_engine()
    move = Move("answer_fact", "opening", "asked", fact_ids=("usage_volume",))
    params, directive = engine.request_params(request(move))
    system = " ".join(b["text"] for b in params["system"])
    brief = request(move).brief
    for fact in brief.facts:
        assert " ".join(fact.answer.split()) not in system
    assert "Fact to reveal: About 350 sales reps" in directive
    assert sum("Fact to reveal" in line for line in directive.splitlines()) == 1
    assert 'minutes_left="42"' in directive


def test_past_turns_replay_their_moves_exactly() -> None:
    engine = claude_engine()
    turns = (
        {
            "role": "interviewer",
            "text": "Hello.",
            "meta": {"directive": '<move kind="open">x</move>'},
        },
        {"role": "candidate", "text": "My answer.", "meta": {}},
        {"role": "interviewer", "text": "Offline words.", "meta": {"move": "redirect"}},
    )
    params, _ = engine.request_params(request(Move("next_area", "design", "r"), turns))
    texts = [m["content"][0]["text"] for m in params["messages"]]
    assert texts[0] == '<move kind="open">x</move>'
    assert texts[2].startswith('<candidate_answer turn="2">\nMy answer.\n</candidate_answer>')
    assert texts[2].endswith('<move kind="redirect">(worded offline)</move>')
    assert [m["role"] for m in params["messages"]] == [
        "user",
        "assistant",
        "user",
        "assistant",
        "user",
    ]


def test_a_cut_reply_keeps_its_finished_sentences() -> None:
    assert complete_sentences("One. Two? Three is cut") == "One. Two?"
    assert complete_sentences("nothing finished") == ""


def judged(level: int, quote: str, turn: int = 2) -> JudgeReply:
    answer = {
        "dimensions": {
            d.id: {
                "level": level,
                "evidence": [{"turn": turn, "quote": quote}],
                "rationale": "r",
                "missed": [],
            }
            for d in RUBRIC.dimensions
        },
        "red_flags": [{"id": "biggest_model_always", "turn": turn, "quote": quote}]
        if level == 2
        else [],
        "grader_aimed": [],
    }
    return JudgeReply(text=json.dumps(answer))


def test_an_even_number_of_samples_takes_the_lower_median_and_flags_need_a_majority() -> None:
    said = "I would always use the biggest model available."
    t = Transcript(
        id="t", turns=[Turn(role="interviewer", text="Q?"), Turn(role="candidate", text=said)]
    )
    samples = [parse_sample(judged(n, said), RUBRIC) for n in (2, 4)]
    card = aggregate(
        t, RUBRIC, samples, rater=Rater("claude:m", "claude", "judge-1"), usage=Usage()
    )
    assert {d.level for d in card.dimensions} == {2}
    assert card.red_flags == [], "one of two samples is not a majority"
    three = [*samples, parse_sample(judged(2, said), RUBRIC)]
    card = aggregate(t, RUBRIC, three, rater=Rater("claude:m", "claude", "judge-1"), usage=Usage())
    assert [f.id for f in card.red_flags] == ["biggest_model_always"]
    assert card.red_flags[0].evidence.quote == said


def test_choosing_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EngineUnavailableError, match="ANTHROPIC_API_KEY"):
        select_engine("claude")
    assert select_engine("auto").name == "offline"
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-dummy-for-selection")
    monkeypatch.setenv("MOCKLOOP_MODEL", "claude-sonnet-5-5")
    engine = select_engine("auto")
    assert isinstance(engine, ClaudeEngine) and engine.model == "claude-sonnet-5-5"
    assert select_engine("claude", model="claude-opus-5-5").model == "claude-opus-5-5"
    assert engine.settings.judge_model == "claude-sonnet-5-5"


def test_the_migration_upgrades_an_existing_database() -> None:
    import sqlite_utils

    from simulator.store.migrations import MIGRATIONS, apply_migrations
    from simulator.store.sessions import SessionStore

    db = sqlite_utils.Database(memory=True)
    db.table("_migrations").create({"name": str, "applied_at": str}, pk="name")
    for name, fn in MIGRATIONS:
        if name.startswith("m005"):
            break
        fn(db)
        db.table("_migrations").insert({"name": name, "applied_at": "before"})
    old = SessionStore(db).create(brief_id="churn-analysis", engine="offline", seed=1)
    assert "m005_model_calls_and_batches" in apply_migrations(db)
    assert SessionStore(db).get(old.id).prompt_version is None
    assert {"model_calls", "batches"} <= set(db.table_names())
    assert "prompt_version" in db.table("scorecards").columns_dict
    assert "api_key" not in " ".join(db.table("model_calls").columns_dict)
