"""From what the parent saw of a sandbox run to its verdict: pure, so every rule is tested
without a process.

The first that holds, in this order (a refusal says most about a hostile eval, so it wins
over the timeout or the failures it caused):

1. refused: the guard refused something (the first refusal, in one line);
2. timeout: the parent stopped it at the wall-clock limit, or the kernel at the CPU limit
   (SIGXCPU);
3. memory: a test or the collection raised MemoryError, or a crash says it could not
   allocate;
4. error: no results (the process ended before pytest finished), a collection error (a
   syntax error, a failed import), no test collected, every test skipped, or pytest stopped;
5. failed: at least one test failed or errored;
6. passed: at least one test passed and none failed.
"""

from __future__ import annotations

import signal
from typing import Any

from scoring.evaldesign.report import RunOutcome, Verdict, Version
from simulator.evaldesign.sandbox import EVAL_MODULE, MB, Limits, SandboxRun

_CRASH_MEMORY_WORDS = ("MemoryError", "Cannot allocate memory")
_PYTEST_STOPS = {
    2: "pytest was interrupted",
    3: "pytest hit an internal error",
    4: "pytest could not read its command line",
}


def judge_run(
    run: SandboxRun, limits: Limits, eval_file: str, syntax_error: str | None = None
) -> RunOutcome:
    """The RunOutcome of `run`; `eval_file` (the name the user gave) replaces the sandbox's
    name for the eval in every message, and `syntax_error` (from reading the source) is the
    detail of a collection error when there is one."""
    version: Version = "good" if run.version == "good" else "broken"
    tests = _tests(run.results)
    counts = {
        "tests": len(tests),
        "passed": sum(1 for t in tests.values() if t["outcome"] == "passed"),
        "failed": sum(1 for t in tests.values() if t["outcome"] in ("failed", "error")),
        "skipped": sum(1 for t in tests.values() if t["outcome"] == "skipped"),
    }
    failing = [
        _rename(
            f"{_test_name(node)}: {t['message']}" if t["message"] else _test_name(node), eval_file
        )
        for node, t in tests.items()
        if t["outcome"] in ("failed", "error")
    ]
    verdict, detail = _verdict(run, limits, tests, counts, failing, eval_file, syntax_error)
    return RunOutcome(
        version=version,
        verdict=verdict,
        detail=_one_line(detail),
        failing=failing,
        touched=_touched(run.results),
        seconds=run.seconds,
        **counts,
    )


def _verdict(
    run: SandboxRun,
    limits: Limits,
    tests: dict[str, dict[str, str]],
    counts: dict[str, int],
    failing: list[str],
    eval_file: str,
    syntax_error: str | None,
) -> tuple[Verdict, str]:
    if run.refusals:
        return "refused", _rename(run.refusals[0], eval_file)
    if run.timed_out:
        return "timeout", f"still running after {limits.wall_seconds:g} s: stopped"
    if run.returncode == -signal.SIGXCPU:
        return "timeout", f"used more than {limits.cpu_seconds} s of CPU time: stopped"
    if _out_of_memory(run, tests):
        return "memory", f"ran out of its {limits.memory_bytes // MB} MB of memory"
    if run.results is None:
        how = (
            f"killed by signal {-run.returncode}"
            if run.returncode is not None and run.returncode < 0
            else f"exit code {run.returncode}"
        )
        return "error", f"the test process ended before pytest finished ({how})"
    errors = _errors(run.results)
    if errors:
        return "error", syntax_error or _rename(errors[0], eval_file)
    exitstatus = run.results.get("exitstatus")
    if counts["tests"] == 0:
        return "error", "no test collected: name each test function test_... and give it `cases`"
    if counts["failed"]:
        return "failed", f"{counts['failed']} of {counts['tests']} tests fail: {failing[0]}"
    if isinstance(exitstatus, int) and exitstatus in _PYTEST_STOPS:
        return "error", _PYTEST_STOPS[exitstatus]
    if counts["passed"] == 0:
        return "error", "every test was skipped"
    if exitstatus != 0:
        return "failed", f"pytest reported a failure (exit status {exitstatus})"
    return "passed", f"{counts['passed']} of {counts['tests']} tests pass"


def _out_of_memory(run: SandboxRun, tests: dict[str, dict[str, str]]) -> bool:
    """A test or the collection raised MemoryError; or, with no results, the crash says so.
    (A failure message merely quoting the words, from an item's text, does not count.)"""
    messages = [t["message"] for t in tests.values()] + _errors(run.results)
    if any(message.startswith("MemoryError") for message in messages):
        return True
    return run.results is None and any(w in run.stderr_tail for w in _CRASH_MEMORY_WORDS)


def _tests(results: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    """The results' tests, keeping only well-formed entries (the eval can write the file)."""
    raw = (results or {}).get("tests", {})
    tests: dict[str, dict[str, str]] = {}
    if isinstance(raw, dict):
        for node, entry in raw.items():
            if isinstance(entry, dict) and entry.get("outcome") in (
                "passed",
                "failed",
                "error",
                "skipped",
            ):
                tests[str(node)] = {
                    "outcome": str(entry["outcome"]),
                    "message": str(entry.get("message") or ""),
                }
    return tests


def _errors(results: dict[str, Any] | None) -> list[str]:
    raw = (results or {}).get("errors", [])
    return [str(error) for error in raw] if isinstance(raw, list) else []


def _touched(results: dict[str, Any] | None) -> list[str]:
    raw = (results or {}).get("touched", {})
    ids: set[str] = set()
    if isinstance(raw, dict):
        for values in raw.values():
            if isinstance(values, list):
                ids.update(str(value) for value in values)
    return sorted(ids)


def _test_name(nodeid: str) -> str:
    """`test_x[param]` from `test_candidate_eval.py::test_x[param]` (class kept: `TestA::x`)."""
    return nodeid.split("::", 1)[1] if "::" in nodeid else nodeid


def _rename(text: str, eval_file: str) -> str:
    return text.replace(EVAL_MODULE, eval_file).replace("_mockloop_guard.SandboxRefusal: ", "")


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 300 else line[:299] + "…"
