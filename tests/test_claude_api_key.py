"""ANTHROPIC_API_KEY as users really set it: a trailing newline works, a malformed key is one
clear line (exit 2) that never shows the key, and a blank one counts as unset."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engines.api_key import ApiKeyError, api_key, has_api_key
from simulator.engines.select import EngineUnavailableError, select_engine
from tests.cli_helpers import mockloop, one_line_error
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.fixtures import DUMMY_KEY

SECRET = "sk-ant-api03-abcdefghij"
SAMPLE = Path(__file__).resolve().parent.parent / "transcripts/samples/churn-analysis-vibes-only.md"


@pytest.mark.parametrize("raw", [f"{SECRET}\n", f"  {SECRET}\t", f"\r\n{SECRET}\r\n"])
def test_surrounding_whitespace_is_dropped(raw: str) -> None:
    assert api_key({"ANTHROPIC_API_KEY": raw}) == SECRET


@pytest.mark.parametrize("raw", [None, "", "   ", "\n"])
def test_a_blank_key_is_no_key(raw: str | None) -> None:
    environ = {} if raw is None else {"ANTHROPIC_API_KEY": raw}
    assert api_key(environ) is None and not has_api_key(environ)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("sk-ant-abc def", "a space at position 11"),
        ("sk-ant-abc\ndef", "a space at position 11"),
        ("sk-ant-abc\u200bdef", "U+200B at position 11"),
        ("sk-ant-abcé", "U+00E9 at position 11"),
        ('"sk-ant-abcdef"', "wrapped in quotes"),
    ],
    ids=["space", "inner-newline", "zero-width", "non-ascii", "quoted"],
)
def test_a_malformed_key_is_refused_without_showing_it(raw: str, says: str) -> None:
    with pytest.raises(ApiKeyError) as caught:
        api_key({"ANTHROPIC_API_KEY": raw})
    assert says in str(caught.value)
    assert "abc" not in str(caught.value)


def test_choosing_claude_with_a_malformed_key_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-abc def")
    for choice in ("auto", "claude"):
        with pytest.raises(EngineUnavailableError, match="malformed"):
            select_engine(choice)
    assert select_engine("offline").name == "offline"


def test_a_key_with_a_trailing_newline_reaches_the_api_stripped(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", DUMMY_KEY + "\n")
    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "empty")
    assert run.code == 0, run.err
    assert "worded offline" not in run.err and "cannot reach" not in run.err
    assert fake_api.requests
    for request in fake_api.requests:
        credentials = [v for v in request.headers.values() if DUMMY_KEY in v]
        assert credentials and all(v.endswith(DUMMY_KEY) for v in credentials)


@pytest.mark.parametrize(
    "argv",
    [
        ("simulate", "--brief", "churn-analysis", "--candidate", "empty"),
        ("score", str(SAMPLE), "--no-save"),
        ("practice", "--plain"),
    ],
    ids=["simulate", "score", "practice"],
)
def test_commands_refuse_a_malformed_key_in_one_line(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-secret value")
    line = one_line_error(mockloop(*argv))
    assert "ANTHROPIC_API_KEY is malformed" in line and "secret" not in line
    assert fake_api.requests == []
