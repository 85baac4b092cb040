"""Raters and whole bench runs (in memory): the registry, the offline rater's test-retest, a
random rater's chance-level alpha, human ratings merged in, and inputs a run refuses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest
from bench_helpers import DATA, SAMPLES, SYSTEM_DESIGN, FixedRater, RandomRater, tiny_transcript

from scoring.bench import raters
from scoring.bench.perturb import append_instruction
from scoring.bench.raters import (
    Levels,
    OfflineRater,
    RaterError,
    RaterOptions,
    make_rater,
    register_rater,
    registered_prefixes,
)
from scoring.bench.ratings import BenchTranscript, Rating
from scoring.bench.run import BenchInputError, BenchPlan, rate_all, run_bench
from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric
from scoring.scorecard import Usage
from scoring.transcripts import Transcript, load_transcript

FILES = [
    *sorted(SAMPLES.iterdir()),
    DATA / "zoom_churn_interview.vtt",
    DATA / "teams_extraction_interview.vtt",
    DATA / "q_and_a.txt",
]


@pytest.fixture(scope="module")
def items() -> list[BenchTranscript]:
    loaded = [load_transcript(p) for p in FILES]
    return [BenchTranscript(key=t.id, transcript=t) for t in loaded]


def test_offline_rater_is_built_in_and_scores_every_dimension(
    items: list[BenchTranscript],
) -> None:
    rater = make_rater("offline")
    levels = rater.rate(items[0].transcript, SYSTEM_DESIGN)
    assert rater.name == "offline" and rater.identity.startswith("offline:heuristic")
    assert set(levels) == {d.id for d in SYSTEM_DESIGN.dimensions}
    assert all(level in (1, 2, 3, 4) for level in levels.values())
    assert rater.usage.input_tokens == 0 and rater.usage.dollars == 0


def test_the_offline_rater_repeated_has_test_retest_alpha_exactly_one(
    items: list[BenchTranscript],
) -> None:
    plan = BenchPlan(SYSTEM_DESIGN, items, [make_rater("offline")], repeats=3, perturb_sample=0)
    result, table = run_bench(plan)
    assert result.rater("offline").retest == 1.0
    assert table.repeats("offline") == 3
    assert len(table.ratings) == 3 * len(items) * len(SYSTEM_DESIGN.dimensions)


def test_a_random_rater_agrees_at_chance_level() -> None:
    # 25 transcripts x 8 dimensions = 200 units; levels uniform over 1-4, independently.
    items = [tiny_transcript(f"t{i:02d}") for i in range(25)]
    raters = [RandomRater("random-a", seed=1), RandomRater("random-b", seed=2)]
    plan = BenchPlan(SYSTEM_DESIGN, items, list(raters), repeats=2, perturb_sample=0)
    result, _ = run_bench(plan)
    assert result.alpha is not None and abs(result.alpha) < 0.15
    for summary in result.raters:
        assert summary.retest is not None and abs(summary.retest) < 0.15
    pair = result.pairs[0]
    assert pair.units == 200 and pair.kappa is not None and abs(pair.kappa) < 0.15


def test_usage_and_cost_are_reported_per_rater() -> None:
    items = [tiny_transcript(f"t{i}") for i in range(4)]
    plan = BenchPlan(
        SYSTEM_DESIGN, items, [RandomRater("random", 3), make_rater("offline")], perturb_sample=0
    )
    result, _ = run_bench(plan)
    assert result.rater("random").usage["input_tokens"] == 400
    assert result.rater("random").usage["dollars"] == pytest.approx(0.004)
    assert result.rater("offline").usage["input_tokens"] == 0


def test_unknown_rater_specs_are_refused_in_one_line() -> None:
    with pytest.raises(RaterError, match=r"unknown rater 'gpt:4' \(known: offline"):
        make_rater("gpt:4")
    with pytest.raises(RaterError, match="unknown offline rater variant"):
        make_rater("offline:fast")


def test_a_factory_registered_by_prefix_builds_raters_with_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(raters, "_FACTORIES", dict(raters._FACTORIES))
    monkeypatch.setattr(raters, "_SPEC_HELP", dict(raters._SPEC_HELP))
    seen: list[tuple[str, RaterOptions]] = []

    def factory(argument: str, options: RaterOptions) -> RandomRater:
        seen.append((argument, options))
        return RandomRater(f"dice:{argument}", seed=int(argument))

    register_rater("dice", factory, spec_help="dice:SEED")
    rater = make_rater("dice:7", RaterOptions(batch=True))
    assert rater.name == "dice:7"
    assert seen[0][0] == "7" and seen[0][1].batch is True
    assert "dice" in registered_prefixes()


def test_offline_plain_reads_the_transcript_without_the_brief() -> None:
    calls: list[str] = []

    def entities(transcript: Transcript) -> frozenset[str]:
        calls.append(transcript.id)
        return frozenset({"account"})

    options = RaterOptions(entity_words=entities)
    with_brief, plain = make_rater("offline", options), make_rater("offline:plain", options)
    assert isinstance(with_brief, OfflineRater) and isinstance(plain, OfflineRater)
    transcript = load_transcript(FILES[0])
    plain.rate(transcript, SYSTEM_DESIGN)
    assert calls == []
    with_brief.rate(transcript, SYSTEM_DESIGN)
    assert calls == [transcript.id]
    assert plain.identity.endswith(":plain")


def test_a_level_outside_the_rubric_from_a_rater_is_an_error() -> None:
    rater = FixedRater("broken", {"evaluation": 7})
    with pytest.raises(RaterError, match="returned level 7 for evaluation"):
        rate_all(rater, [tiny_transcript("x").transcript], SYSTEM_DESIGN)


def test_a_missing_dimension_from_a_rater_is_a_missing_rating() -> None:
    rater = FixedRater("partial", {"evaluation": 3})
    levels = rate_all(rater, [tiny_transcript("x").transcript], SYSTEM_DESIGN)[0]
    assert levels["evaluation"] == 3 and levels["communication"] is None


@dataclass
class BulkFixed:
    name: str = "bulk"
    identity: str = "test:bulk"
    usage: Usage = field(default_factory=Usage)
    uses_batches: bool = True
    bulk_calls: int = 0

    def rate(self, transcript: Transcript, rubric: Rubric) -> Levels:
        raise AssertionError("a bulk rater is asked for the whole set at once")

    def rate_all(self, transcripts: Sequence[Transcript], rubric: Rubric) -> list[Levels]:
        self.bulk_calls += 1
        return [{d.id: 2 for d in rubric.dimensions} for _ in transcripts]


def test_a_bulk_rater_gets_the_whole_set_in_one_call() -> None:
    rater = BulkFixed()
    transcripts = [tiny_transcript(f"t{i}").transcript for i in range(5)]
    found = rate_all(rater, transcripts, SYSTEM_DESIGN)
    assert rater.bulk_calls == 1 and len(found) == 5


def test_batch_is_a_no_op_for_the_offline_rater_and_says_so() -> None:
    items = [tiny_transcript("t1")]
    plan = BenchPlan(SYSTEM_DESIGN, items, [make_rater("offline")], batch=True, perturb_sample=0)
    result, _ = run_bench(plan)
    assert any("--batch is a no-op for offline" in note for note in result.notes)


def test_human_ratings_join_the_machine_ones(items: list[BenchTranscript]) -> None:
    key = items[0].key
    human = [Rating(key, "priya", 0, d.id, 2) for d in SYSTEM_DESIGN.dimensions]
    plan = BenchPlan(SYSTEM_DESIGN, items, [make_rater("offline")], human=human, perturb_sample=0)
    result, table = run_bench(plan)
    assert [r.name for r in result.raters] == ["offline", "priya"]
    assert result.rater("priya").kind == "human" and result.rater("priya").transcripts == 1
    assert table.level("priya", key, "evaluation") == 2
    assert result.pairs[0].units == len(SYSTEM_DESIGN.dimensions)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"items": []}, "no transcripts to bench"),
        ({"raters": ["offline", "offline"]}, "rater 'offline' is given twice"),
        ({"compare": ("offline", "claude:x")}, "--compare 'claude:x' is not a rater"),
        ({"human": [Rating("a", "offline", 0, "evaluation", 2)]}, "machine rater's name"),
    ],
)
def test_a_plan_that_cannot_run_is_refused(
    items: list[BenchTranscript], change: dict[str, object], message: str
) -> None:
    plan = BenchPlan(SYSTEM_DESIGN, items, [make_rater("offline")], perturb_sample=0)
    for name, value in change.items():
        if name == "raters":
            value = [make_rater(str(spec)) for spec in value]  # type: ignore[attr-defined]
        setattr(plan, name, value)
    with pytest.raises(BenchInputError, match=message):
        run_bench(plan)


def test_robustness_reports_each_perturbation_for_each_machine_rater(
    items: list[BenchTranscript],
) -> None:
    plan = BenchPlan(SYSTEM_DESIGN, items, [make_rater("offline")], perturb_sample=3)
    result, _ = run_bench(plan)
    changes = result.rater("offline").robustness
    assert set(changes) == {"instruction", "buzzwords", "filler", "reordered"}
    assert result.robustness_sample == 3
    # The offline scorer gives text aimed at the grader nothing: its answer earns nothing, so
    # a level can only fall.
    assert changes["instruction"] is not None
    for item in plan.sample():
        before = score_transcript(item.transcript, SYSTEM_DESIGN)
        after = score_transcript(append_instruction(item.transcript), SYSTEM_DESIGN)
        assert after.injection and after.weighted_level <= before.weighted_level
        pairs = zip(after.dimensions, before.dimensions, strict=True)
        assert all((a.level or 0) <= (b.level or 0) for a, b in pairs)
