"""The pytest side of the sandbox process (copied into the sandbox folder as
`_mockloop_sandbox.py` and started by BOOTSTRAP with `python -I -B -c`; standard library and
pytest only, never imports mockloop).

`main` lowers its own resource limits (SETTINGS), imports pytest, installs the guard
(`_mockloop_guard.install_guard`) before the eval is imported, then runs pytest with a plugin
that

- provides the `cases` fixture: a fresh list of the records {"id", "input", "expected",
  "output"} of the version under test (read from CASES) for every test. Each record is a dict
  that notes which test read its input, expected or output (subscript, get, items, values,
  copies); reading only its id does not count, so finding a record by id touches that one;
- provides `tmp_path` (a new folder under the sandbox's tmp per test) in place of pytest's
  tmpdir plugin, which links `<name>current` to the newest folder: links are refused. So
  `tmp_path` works and the legacy `tmpdir` and `tmp_path_factory` are not there;
- records each test's outcome (passed, failed, error in setup or teardown, skipped; an
  expected failure counts as skipped) with the first line of its exception, and the last `E`
  line of each collection error (a syntax error, an import refused by the guard);
- writes all of it to RESULTS when the session finishes. A process that ends before then
  (os._exit, a crash, a kill) leaves no RESULTS, which the parent reports as such.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

CASES = "cases.json"
RESULTS = "results.json"
SETTINGS = "sandbox.json"
GUARD_MODULE = "_mockloop_guard"
PLUGIN_MODULE = "_mockloop_sandbox"
BOOTSTRAP = (
    "import os, sys; sys.path.insert(0, os.getcwd()); "
    f"import {PLUGIN_MODULE} as s; sys.exit(s.main(sys.argv[1:]))"
)

_state: dict[str, Any] = {"current": None, "records": "[]", "touched": {}, "tests": {}}


class Case(dict[str, Any]):
    """One record of the version under test, noting the tests that read it."""

    def _touch(self) -> None:
        current = _state["current"]
        if current is not None:
            _state["touched"].setdefault(current, set()).add(dict.get(self, "id"))

    def __getitem__(self, key: Any) -> Any:
        if key != "id":
            self._touch()
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        if key != "id":
            self._touch()
        return dict.get(self, key, default)

    def items(self) -> Any:
        self._touch()
        return dict.items(self)

    def values(self) -> Any:
        self._touch()
        return dict.values(self)

    def __iter__(self) -> Any:
        # Overriding __iter__ makes dict(case) and {**case} read through __getitem__.
        return dict.__iter__(self)

    def copy(self) -> dict[str, Any]:
        self._touch()
        return dict(dict.items(self))


def test_failure_line(report: Any) -> str:
    """Why a test failed, in one line: the first line of the exception pytest reports."""
    crash = getattr(report.longrepr, "reprcrash", None)
    message = getattr(crash, "message", "") or ""
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    return first[:300] if first else failure_line(report.longreprtext)


def failure_line(text: str) -> str:
    """The line that says why a collection failed: pytest's last `E` line, else the last."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    marked = [line[1:].strip() for line in lines if line.startswith("E ")]
    chosen = marked[-1] if marked else (lines[-1] if lines else "")
    return chosen[:300]


def make_recorder(results_path: str) -> Any:
    """The pytest plugin: the `cases` fixture and the record of what happened (pytest is
    imported here, so the parent can read this module's names without it)."""
    import pytest

    class Recorder:
        def __init__(self) -> None:
            self.errors: list[str] = []

        @pytest.fixture
        def cases(self) -> list[Case]:
            """The records {"id", "input", "expected", "output"} of the version under test."""
            return [Case(record) for record in json.loads(_state["records"])]

        @pytest.fixture
        def tmp_path(self, request: Any) -> Any:
            """A new folder per test under the sandbox's tmp (pytest's own tmp_path plugin is
            off: it links `<name>current` to the newest folder, and links are refused)."""
            import pathlib
            import tempfile

            return pathlib.Path(tempfile.mkdtemp(prefix=request.node.name[:30] + "-"))

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> None:
            _state["current"] = item.nodeid

        def pytest_runtest_logreport(self, report: Any) -> None:
            tests = _state["tests"]
            entry = tests.setdefault(report.nodeid, {"outcome": "passed", "message": ""})
            if hasattr(report, "wasxfail"):
                entry["outcome"] = "skipped" if report.skipped else entry["outcome"]
            elif report.failed:
                entry["outcome"] = "failed" if report.when == "call" else "error"
                entry["message"] = entry["message"] or test_failure_line(report)
            elif report.skipped and entry["outcome"] == "passed":
                entry["outcome"] = "skipped"

        def pytest_collectreport(self, report: Any) -> None:
            if report.failed:
                self.errors.append(failure_line(report.longreprtext))

        def pytest_sessionfinish(self, session: Any, exitstatus: Any) -> None:
            _state["current"] = None
            results = {
                "exitstatus": int(exitstatus),
                "tests": _state["tests"],
                "touched": {test: sorted(ids) for test, ids in _state["touched"].items()},
                "errors": self.errors,
            }
            with open(results_path, "w", encoding="utf-8") as handle:
                json.dump(results, handle)

    return Recorder()


def apply_limits(settings: dict[str, int]) -> None:
    """Lower this process's limits (soft and hard) before any eval code runs: CPU seconds
    (SIGXCPU, then SIGKILL a second later), address space, file size, open files, no core
    file, no new processes (ignored by the kernel for root)."""
    import resource

    wanted = {
        resource.RLIMIT_CPU: (settings["cpu_seconds"], settings["cpu_seconds"] + 1),
        resource.RLIMIT_AS: (settings["memory_bytes"],) * 2,
        resource.RLIMIT_FSIZE: (settings["file_bytes"],) * 2,
        resource.RLIMIT_NOFILE: (settings["open_files"],) * 2,
        resource.RLIMIT_CORE: (0, 0),
        resource.RLIMIT_NPROC: (0, 0),
    }
    for kind, (soft, hard) in wanted.items():
        _, current = resource.getrlimit(kind)
        if current != resource.RLIM_INFINITY:
            soft, hard = min(soft, current), min(hard, current)
        resource.setrlimit(kind, (soft, hard))


def main(argv: list[str]) -> int:
    """Run pytest (arguments `argv`) on the eval in the current folder, the sandbox."""
    root = os.getcwd()
    with open(os.path.join(root, SETTINGS), encoding="utf-8") as handle:
        apply_limits(json.load(handle))
    import pytest  # before the guard: pytest loads subprocess, which the guard then seals

    with open(os.path.join(root, CASES), encoding="utf-8") as handle:
        _state["records"] = handle.read()
    guard = __import__(GUARD_MODULE)
    guard.install_guard(root)
    sys.path.remove(root)  # the eval's folder comes back through pytest's rootdir, as usual
    return int(pytest.main(argv, plugins=[make_recorder(os.path.join(root, RESULTS))]))
