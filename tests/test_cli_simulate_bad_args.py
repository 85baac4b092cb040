"""`mockloop simulate` with a bad command line: an unknown brief or candidate, or both or
neither of `--candidate` and `--answers`, is one line on stderr and exit code 2."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import mockloop
from tests.simulate_helpers import BRIEF_FILES, session_count, write_answers


def test_unknown_brief_names_the_known_briefs() -> None:
    run = mockloop("simulate", "--brief", "no-such-brief", "--candidate", "strong-shipper")

    assert run.code == 2
    assert run.err.startswith("mockloop: ")
    assert "no-such-brief" in run.err
    for path in BRIEF_FILES:
        assert path.stem in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_unknown_candidate_names_the_known_candidates(isolated_home: Path) -> None:
    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "nobody")

    assert run.code == 2
    assert run.err.startswith("mockloop: ")
    assert "nobody" in run.err
    for known in ("strong-shipper", "grader-injection", "empty", "repeat"):
        assert known in run.err
    assert session_count(isolated_home) == 0


def test_both_candidate_and_answers_is_refused(tmp_path: Path) -> None:
    path = write_answers(tmp_path, "An answer about the prompt and its JSON schema.\n")

    run = mockloop(
        "simulate",
        "--brief",
        "churn-analysis",
        "--candidate",
        "strong-shipper",
        "--answers",
        str(path),
    )

    assert run.code == 2
    assert run.err.startswith("mockloop: ")
    assert "--candidate" in run.err and "--answers" in run.err


def test_neither_candidate_nor_answers_is_refused() -> None:
    run = mockloop("simulate", "--brief", "churn-analysis")

    assert run.code == 2
    assert run.err.startswith("mockloop: ")
    assert "--candidate" in run.err and "--answers" in run.err
