"""From what the parent saw of a sandbox run to its verdict (simulator/evaldesign/verdict.py),
rule by rule, without starting a process."""

from __future__ import annotations

import signal
from typing import Any

import pytest

from simulator.evaldesign.sandbox import EVAL_MODULE, Limits, SandboxRun
from simulator.evaldesign.verdict import judge_run

LIMITS = Limits(wall_seconds=30, cpu_seconds=20)


def results(tests: dict[str, tuple[str, str]], **extra: Any) -> dict[str, Any]:
    return {
        "exitstatus": extra.pop("exitstatus", 0),
        "tests": {
            f"{EVAL_MODULE}::{name}": {"outcome": outcome, "message": message}
            for name, (outcome, message) in tests.items()
        },
        "touched": extra.pop("touched", {}),
        "errors": extra.pop("errors", []),
    }


def judged(**fields: Any) -> tuple[str, str]:
    run = SandboxRun(
        version=fields.pop("version", "good"),
        returncode=fields.pop("returncode", 0),
        timed_out=fields.pop("timed_out", False),
        seconds=1.0,
        results=fields.pop("results", None),
        **fields,
    )
    outcome = judge_run(run, LIMITS, "my_eval.py")
    return outcome.verdict, outcome.detail


def test_all_tests_passing_is_passed() -> None:
    assert judged(results=results({"test_a": ("passed", ""), "test_b": ("passed", "")})) == (
        "passed",
        "2 of 2 tests pass",
    )


def test_a_failing_test_is_failed_with_its_first_failure() -> None:
    run = results(
        {"test_a": ("passed", ""), "test_b": ("failed", "assert 0.8 >= 0.9")}, exitstatus=1
    )
    assert judged(returncode=1, results=run) == (
        "failed",
        "1 of 2 tests fail: test_b: assert 0.8 >= 0.9",
    )


def test_an_error_in_a_fixture_counts_as_a_failure() -> None:
    run = results({"test_a": ("error", "fixture 'missing' not found")}, exitstatus=1)
    assert judged(returncode=1, results=run)[0] == "failed"


def test_a_refusal_wins_over_the_failure_it_caused_and_the_timeout() -> None:
    run = results({"test_a": ("failed", "mockloop sandbox: ...")}, exitstatus=1)
    verdict = judged(
        returncode=-9,
        timed_out=True,
        results=run,
        refusals=["socket.connect ('10.0.0.1', 80): the sandbox has no network", "later"],
    )
    assert verdict == ("refused", "socket.connect ('10.0.0.1', 80): the sandbox has no network")


def test_the_wall_clock_and_the_cpu_limit_are_timeouts() -> None:
    assert judged(returncode=-9, timed_out=True) == (
        "timeout",
        "still running after 30 s: stopped",
    )
    assert judged(returncode=-signal.SIGXCPU) == (
        "timeout",
        "used more than 20 s of CPU time: stopped",
    )


def test_memory_error_in_a_test_or_a_crash_is_memory() -> None:
    run = results({"test_a": ("failed", "MemoryError")}, exitstatus=1)
    assert judged(returncode=1, results=run)[0] == "memory"
    assert judged(returncode=1, stderr_tail="Fatal Python error: MemoryError")[0] == "memory"


def test_a_failure_quoting_memory_words_from_the_data_is_not_memory() -> None:
    message = "AssertionError: 'the server said Cannot allocate memory' != 'x'"
    run = results({"test_a": ("failed", message)}, exitstatus=1)
    assert judged(returncode=1, results=run, stderr_tail=message)[0] == "failed"


def test_a_process_that_ends_before_pytest_finishes_is_an_error() -> None:
    assert judged(returncode=0) == (
        "error",
        "the test process ended before pytest finished (exit code 0)",
    )
    assert judged(returncode=-11)[1].endswith("(killed by signal 11)")


def test_a_collection_error_names_the_users_file_not_the_sandbox_copy() -> None:
    run = results({}, exitstatus=2, errors=[f"ImportError while importing {EVAL_MODULE}"])
    assert judged(returncode=2, results=run) == (
        "error",
        "ImportError while importing my_eval.py",
    )


@pytest.mark.parametrize(
    ("run", "detail"),
    [
        (results({}, exitstatus=5), "no test collected"),
        (results({"test_a": ("skipped", "")}), "every test was skipped"),
        (results({"test_a": ("passed", "")}, exitstatus=2), "pytest was interrupted"),
    ],
)
def test_nothing_run_or_pytest_stopping_is_an_error(run: dict[str, Any], detail: str) -> None:
    verdict, said = judged(results=run)
    assert verdict == "error"
    assert said.startswith(detail)


def test_results_written_by_the_eval_in_a_wrong_shape_are_ignored_entry_by_entry() -> None:
    run = {"exitstatus": 0, "tests": {"x": "passed", "y": {"outcome": "won"}}, "touched": []}
    assert judged(results=run)[0] == "error"


def test_the_items_read_are_the_union_over_tests() -> None:
    run = SandboxRun(
        version="broken",
        returncode=0,
        timed_out=False,
        seconds=0.5,
        results=results(
            {"test_a": ("passed", "")},
            touched={"a": ["oe-02", "oe-01"], "b": ["oe-01", "oe-07"]},
        ),
    )
    outcome = judge_run(run, LIMITS, "e.py")

    assert outcome.version == "broken"
    assert outcome.touched == ["oe-01", "oe-02", "oe-07"]
