"""Every test runs against a temporary MOCKLOOP_HOME and without an API key.

The dev loop, `make test-fast` (`pytest --fast`), leaves out the test modules listed in
`OUTSIDE_THE_DEV_LOOP` below; `make test` runs everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from simulator.workspace import Workspace

# Helper modules that check results with plain asserts: let pytest explain their failures.
pytest.register_assert_rewrite(
    "tests.bad_input_helpers",
    "tests.crash_helpers",
    "tests.fault_helpers",
    "tests.simulate_helpers",
)

from tests.bad_input_helpers import template  # noqa: E402, F401  (one home for bad-input tests)
from tests.fakes.fixtures import fake_api  # noqa: E402, F401  (the loopback Anthropic API)
from tests.fault_helpers import faulty_api  # noqa: E402, F401  (the same, failing 30% of calls)
from tests.warm_mockloop import warm_mockloop  # noqa: E402, F401  (mockloop processes, forked warm)

# The tests kept out of the dev loop, by kind (a marker of that name, registered in
# pyproject.toml): a module, or one test as "module::test". Each also gets the `slow` marker, so
# `pytest -m "not slow"` runs the same tests as `--fast`, and `pytest -m crash` only the crash
# suites. What stays in the loop is the pure core (reading, policy, scoring, statistics, the
# transcript parsers, the store, the guide) and the quick command checks: about half the tests
# in a tenth of the time. A new test module is in the loop until it is listed here.
OUTSIDE_THE_DEV_LOOP: dict[str, tuple[str, ...]] = {
    # Real processes SIGKILLed at many points, then resumed.
    "crash": (
        "test_crash_resume.py",
        "test_reliability_crash.py",
        "test_reliability_crash_inside.py",
        "test_reliability_crash_scoring.py",
    ),
    # The terminal app: Textual's pilot and snapshots, and a real terminal under tmux.
    "terminal": (
        "test_claude_tui.py",
        "test_terminal_output.py",
        "test_tui_answering.py",
        "test_tui_app.py",
        "test_tui_exercise.py",
        "test_tui_home_and_history.py",
        "test_tui_judge.py",
        "test_tui_snapshots.py",
        "test_tui_terminal.py",
    ),
    # Chromium rendering the report and the served app.
    "browser": (
        "test_bench_report.py::test_chromium_renders_every_chart",
        "test_serve_browser.py",
    ),
    # Long suites: faults and concurrency; whole rounds and commands run end to end; the Claude
    # engine through the loopback API server; sweeps over every shipped pattern or random input.
    "slow": (
        "test_concurrency.py",
        "test_reliability_faults.py",
        "test_reliability_faults_judge.py",
        "test_bad_inputs.py",
        "test_bench_cli.py",
        "test_bench_synthetic.py",
        "test_cli_briefs_new.py",
        "test_cli_content.py",
        "test_cli_output_paths.py",
        "test_cli_practice.py",
        "test_cli_probes.py",
        "test_cli_score.py",
        "test_cli_sessions.py",
        "test_cli_simulate.py",
        "test_cli_simulate_answers.py",
        "test_cli_simulate_non_answers.py",
        "test_ninth_dimension.py",
        "test_evaldesign_check.py",
        "test_cli_evaldesign.py",
        "test_cli_evaldesign_grade.py",
        "test_replay.py",
        "test_rounds.py",
        "test_scoring_known_groups.py",
        "test_transcripts_unicode.py",
        "test_wheel.py",
        "test_claude_api_key.py",
        "test_claude_batch.py",
        "test_claude_brief_draft.py",
        "test_claude_cli.py",
        "test_claude_contract.py",
        "test_claude_fake.py",
        "test_claude_interviewer.py",
        "test_claude_judge.py",
        "test_claude_parts.py::test_the_estimate_lands_near_what_the_current_models_count",
        "test_claude_reading.py",
        "test_transcripts_fuzz.py",
        "test_transcripts_limits.py",
        "test_vocabulary_gate.py",
        "test_word_start.py",
    ),
}
KIND_OF: dict[str, str] = {
    entry: kind for kind, entries in OUTSIDE_THE_DEV_LOOP.items() for entry in entries
}

# `make test` runs the suite in two processes (pytest-xdist, `--dist loadgroup`). Tests in one
# group run in one process, one after another: the tests that start Chromium, so two browsers
# never share the machine's two cores. A module whose tests share a module-scoped fixture is a
# group of its own as well, so the fixture is built once, not once in each process.
XDIST_GROUPS: dict[str, str] = {
    "test_bench_report.py::test_chromium_renders_every_chart": "chromium",
    "test_serve_browser.py": "chromium",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fast",
        action="store_true",
        help="the dev loop: leave out every test marked slow, and the listed modules unimported",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # Not even imported: collecting the app and the engines' tests alone takes seconds.
    if config.getoption("--fast") and collection_path.name in KIND_OF:
        return True
    return None


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        test = item.name.partition("[")[0]
        kind = KIND_OF.get(item.path.name) or KIND_OF.get(f"{item.path.name}::{test}")
        if kind is not None:
            item.add_marker(kind)
            item.add_marker("slow")
        group = XDIST_GROUPS.get(item.path.name) or XDIST_GROUPS.get(f"{item.path.name}::{test}")
        if group is None and shares_a_module_fixture(item):
            group = item.path.name
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
    if config.getoption("--fast"):
        slow = [item for item in items if item.get_closest_marker("slow")]
        if slow:
            config.hook.pytest_deselected(items=slow)
            items[:] = [item for item in items if not item.get_closest_marker("slow")]


def shares_a_module_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(
        fixturedef.scope == "module"
        for name in item.fixturenames
        for fixturedef in info.name2fixturedefs.get(name, ())
    )


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "mockloop-home"
    monkeypatch.setenv("MOCKLOOP_HOME", str(home))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)
    yield home


@pytest.fixture
def ws(isolated_home: Path) -> Iterator[Workspace]:
    """A workspace in the test's own home (offline: no key)."""
    from simulator.workspace import Workspace

    with Workspace() as workspace:
        yield workspace
