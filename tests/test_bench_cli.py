"""`mockloop bench` end to end: tables, JSON, the stored run, the CI gate's exit codes, a
pluggable Claude rater, and bad input as one line with exit code 2 and nothing stored."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from bench_helpers import DATA, DIMENSIONS, SAMPLES, assert_one_line_error, stored

from scoring.bench import raters
from simulator.cli import bench_inputs
from tests.cli_helpers import mockloop

SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir())
VIBES = "churn-analysis-vibes-only.md"


def bench_runs(home: Path) -> int:
    return len(stored(home, "select id from bench_runs"))


def ratings_csv(
    tmp_path: Path, rows: list[str], header: str = "transcript,rater,dimension,level"
) -> Path:
    path = tmp_path / "ratings.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_two_raters_with_repeats_print_tables_write_json_and_store_the_run(
    tmp_path: Path, isolated_home: Path
) -> None:
    out = tmp_path / "bench.json"
    run = mockloop(
        "bench", SAMPLES, DATA / "q_and_a.txt",
        "--rater", "offline", "--rater", "offline:plain", "--repeats", "2",
        "--perturb", "2", "--json", out,
    )  # fmt: skip
    assert run.code == 0, run
    assert run.err == ""
    for heading in ("Raters", "Krippendorff's alpha", "Pairwise agreement", "Robustness"):
        assert heading in run.out
    assert "Stored as bench run bench-" in run.out
    figures = json.loads(out.read_text())
    assert figures["transcripts"] == 4
    assert [r["name"] for r in figures["raters"]] == ["offline", "offline:plain"]
    assert all(r["retest"] == 1.0 for r in figures["raters"])
    assert set(figures["alpha_by_dimension"]) == set(DIMENSIONS)
    assert figures["robustness_sample"] == 2
    assert bench_runs(isolated_home) == 1
    (count,) = stored(isolated_home, "select count(*) from ratings")[0]
    assert count == 4 * 2 * 2 * len(DIMENSIONS)  # transcripts x raters x repeats x dimensions
    (metrics,) = stored(isolated_home, "select metrics from bench_runs")[0]
    assert json.loads(str(metrics))["alpha"] == figures["alpha"]


def test_synthetic_transcripts_need_no_path_and_report_known_groups(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    run = mockloop("bench", "--synthetic", "3", "--perturb", "0", "--json", out, "--no-save")
    assert run.code == 0, run
    assert "Known groups: 3 simulated transcripts" in run.out
    figures = json.loads(out.read_text())
    assert figures["synthetic"] == 3
    assert figures["known_groups"][0]["group_means"]["strong"] > 3


def test_the_gate_passes_with_exit_zero_and_misses_with_exit_one(isolated_home: Path) -> None:
    common = ["bench", SAMPLES, "--rater", "offline", "--rater", "offline:plain", "--perturb", "0"]
    passed = mockloop(*common, "--fail-under", "alpha=0.5", "--fail-under", "adjacent=0.8")
    assert passed.code == 0, passed
    assert "Gates" in passed.out and "MISSED" not in passed.out

    missed = mockloop(*common, "--fail-under", "alpha=0.5", "--fail-under", "exact=1.01")
    line = assert_one_line_error(missed, code=1)
    assert line.startswith("mockloop: bench gate missed: exact ")
    assert "< 1.01" in line and "alpha" not in line
    assert "MISSED" in missed.out
    # A missed gate is a finished bench: the run is stored for the record.
    assert bench_runs(isolated_home) == 2


def test_batch_is_accepted_and_reported_as_a_no_op_offline() -> None:
    run = mockloop("bench", SAMPLES, "--batch", "--perturb", "0", "--no-save")
    assert run.code == 0, run
    assert "Note: --batch is a no-op for offline" in run.out


def test_human_ratings_are_raters_and_can_be_compared(tmp_path: Path) -> None:
    rows = [f"{VIBES},priya,{d},{'generic' if i % 2 else 1}" for i, d in enumerate(DIMENSIONS)]
    rows += [f"churn-analysis-strong-shipper,priya,{d},3" for d in DIMENSIONS]
    path = ratings_csv(tmp_path, rows)
    out = tmp_path / "bench.json"
    run = mockloop(
        "bench", SAMPLES, "--human", path, "--compare", "offline", "priya",
        "--perturb", "0", "--json", out, "--no-save",
    )  # fmt: skip
    assert run.code == 0, run
    figures = json.loads(out.read_text())
    priya = next(r for r in figures["raters"] if r["name"] == "priya")
    assert priya["kind"] == "human" and priya["transcripts"] == 2
    assert figures["comparison"]["a"] == "offline" and figures["comparison"]["b"] == "priya"
    assert {s["transcripts"] for s in figures["comparison"]["shifts"]} == {2}
    assert "Compare priya − offline" in run.out


def test_human_ratings_can_name_simulated_transcripts(tmp_path: Path) -> None:
    key = "sim-churn-analysis-strong-shipper-s1"
    path = ratings_csv(tmp_path, [f"{key},sam,{d},strong" for d in DIMENSIONS])
    out = tmp_path / "bench.json"
    run = mockloop(
        "bench", "--synthetic", "1", "--human", path, "--perturb", "0", "--json", out, "--no-save"
    )
    assert run.code == 0, run
    pair = json.loads(out.read_text())["pairs"][0]
    assert (pair["a"], pair["b"], pair["units"]) == ("offline", "sam", len(DIMENSIONS))


def test_bad_input_is_found_before_anything_is_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_simulation(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated before checking the input")

    monkeypatch.setattr("simulator.bench_synthetic.simulate_rounds", no_simulation)
    path = ratings_csv(tmp_path, ["sim-nobody-s1,sam,evaluation,2"])
    line = assert_one_line_error(mockloop("bench", "--synthetic", "500", "--human", path))
    assert "'sim-nobody-s1'" in line
    gate = mockloop("bench", "--synthetic", "500", "--fail-under", "alpha=0.8")
    assert "needs two or more raters" in assert_one_line_error(gate)


def test_a_claude_rater_plugs_in_through_its_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "fake_claude_rater.py"
    module.write_text(
        textwrap.dedent(
            """
            from dataclasses import dataclass, field
            from scoring.bench.raters import register_rater
            from scoring.scorecard import Usage

            @dataclass
            class FakeClaude:
                name: str
                identity: str
                usage: Usage = field(default_factory=Usage)
                uses_batches: bool = True

                def rate(self, transcript, rubric):
                    self.usage.input_tokens += 1000
                    self.usage.dollars += 0.5
                    return {d.id: 2 for d in rubric.dimensions}

            register_rater(
                "claude",
                lambda model, options: FakeClaude(f"claude:{model}", f"claude:{model}"),
                spec_help="claude:MODEL",
            )
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(bench_inputs.PLUGGABLE_RATERS, "claude", "fake_claude_rater")
    monkeypatch.setattr(raters, "_FACTORIES", dict(raters._FACTORIES))
    monkeypatch.setattr(raters, "_SPEC_HELP", dict(raters._SPEC_HELP))
    monkeypatch.delitem(sys.modules, "fake_claude_rater", raising=False)
    run = mockloop(
        "bench", SAMPLES, "--rater", "offline", "--rater", "claude:opus-x", "--batch",
        "--perturb", "0", "--no-save",
    )  # fmt: skip
    assert run.code == 0, run
    assert "claude:opus-x" in run.out
    assert "3,000" in run.out and "$1.50" in run.out  # three transcripts, one call each
    assert "no-op for offline" in run.out and "claude:opus-x:" not in run.out


def test_without_its_module_the_claude_rater_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setitem(sys.modules, "simulator.engines.claude.rater", None)  # import fails
    monkeypatch.setattr(raters, "_FACTORIES", dict(raters._FACTORIES))
    raters._FACTORIES.pop("claude", None)
    run = mockloop("bench", SAMPLES, "--rater", "claude:claude-sonnet-4-5")
    line = assert_one_line_error(run)
    assert line == "mockloop: the claude rater is not available in this version"
    assert bench_runs(isolated_home) == 0


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str | Path], str]]:
    empty = tmp_path / "empty"
    empty.mkdir()
    twins = tmp_path / "twins"
    for sub in ("a", "b"):
        (twins / sub).mkdir(parents=True)
        shutil.copy(SAMPLES / VIBES, twins / sub / VIBES)
    header_csv = ratings_csv(tmp_path, [f"{VIBES},priya,evaluation,2"], header="file,who,dim,lvl")
    level_csv = tmp_path / "level.csv"
    level_csv.write_text(f"transcript,rater,dimension,level\n{VIBES},priya,evaluation,9\n")
    dim_csv = tmp_path / "dim.csv"
    dim_csv.write_text(f"transcript,rater,dimension,level\n{VIBES},priya,charisma,2\n")
    absent_csv = tmp_path / "absent.csv"
    absent_csv.write_text("transcript,rater,dimension,level\nround-42.vtt,priya,evaluation,2\n")
    return {
        "unknown rater": (["--rater", "gpt:4"], "unknown rater 'gpt:4'"),
        "unknown rubric": (["--rubric", "vibes"], "unknown rubric 'vibes'"),
        "missing csv": (["--human", tmp_path / "nope.csv"], "nope.csv: no such file"),
        "wrong header": (["--human", header_csv], "the header must be"),
        "level outside": (["--human", level_csv], "outside the rubric's levels 1-4"),
        "unknown dimension": (["--human", dim_csv], "unknown dimension 'charisma'"),
        "missing transcript": (["--human", absent_csv], "'round-42.vtt'"),
        "unknown metric": (["--fail-under", "beta=1"], "unknown metric 'beta'"),
        "not a number": (["--fail-under", "alpha=high"], "'high' is not a number"),
        "impossible gate": (["--fail-under", "retest=0.9"], "needs --repeats 2"),
        "compare stranger": (["--compare", "offline", "nobody"], "'nobody' is not a rater"),
        "json folder": (["--json", tmp_path / "no" / "b.json"], "does not exist"),
        "empty folder": ([empty], "no transcript files in this folder"),
        "missing path": ([tmp_path / "ghost.vtt"], "ghost.vtt: no such file or folder"),
        "bad transcript": ([DATA / "three_speakers.txt"], "three_speakers.txt: "),
        "duplicate ids": ([twins], "same transcript id"),
    }


CASES = [
    "unknown rater",
    "unknown rubric",
    "missing csv",
    "wrong header",
    "level outside",
    "unknown dimension",
    "missing transcript",
    "unknown metric",
    "not a number",
    "impossible gate",
    "compare stranger",
    "json folder",
    "empty folder",
    "missing path",
    "bad transcript",
    "duplicate ids",
]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_exit_two_and_nothing_stored(
    case: str, tmp_path: Path, isolated_home: Path
) -> None:
    args, message = bad_inputs(tmp_path)[case]
    run = mockloop("bench", SAMPLES, "--perturb", "0", *args)
    line = assert_one_line_error(run)
    assert message in line, line
    assert run.out == ""
    assert bench_runs(isolated_home) == 0


def test_no_transcripts_at_all_is_one_line() -> None:
    line = assert_one_line_error(mockloop("bench"))
    assert "no transcripts to bench" in line


def test_bench_is_listed_in_help() -> None:
    run = mockloop("--help")
    assert "bench" in run.out and "consistency" in run.out
