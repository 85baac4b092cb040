"""Every test runs against a temporary MOCKLOOP_HOME and without an API key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "mockloop-home"
    monkeypatch.setenv("MOCKLOOP_HOME", str(home))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)
    yield home
