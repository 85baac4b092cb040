"""`mockloop worksample grade TASK --prompt PROMPT.md`: Claude runs the candidate's prompt over
the dataset, against the loopback fake API with the real SDK. The estimate comes before any
request, nothing is sent without a yes, a refused or failed item is that item's problem, and
what the prompt got is graded exactly as an outputs file is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.engines.claude.calls import CallLog
from simulator.engines.claude.prompt_runner import (
    CONCURRENCY,
    FAILED_START,
    MAX_TOKENS,
    PURPOSE,
    input_text,
)
from simulator.services.worksamples import work_sample
from tests.cli_helpers import mockloop, one_line_error
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.worksample_claude_helpers import (
    SUMMARY,
    TRIAGE,
    answering,
    good_prompt,
    grade_json,
    invoke,
    message_requests,
    user_text,
)

# --- before anything is sent ---------------------------------------------------------------


def test_the_estimate_is_shown_and_nothing_is_sent_when_the_user_says_no(
    fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("simulator.cli.worksample._on_a_terminal", lambda: True)

    result = invoke("grade", TRIAGE, "--prompt", good_prompt(tmp_path), stdin="n\n")

    assert result.exit_code == 1, result.output
    estimate, question = result.stderr.splitlines()[:2]
    assert estimate.startswith("mockloop: prompt.md: claude-haiku-5-5 (effort medium) on 42 items")
    assert "input ≈$" in estimate and f"{MAX_TOKENS:,}-token limit" in estimate
    assert question.startswith("Run it?")
    assert result.stderr.rstrip().endswith("mockloop: not run; nothing was sent")
    assert "input ≈$" in estimate and "at most $" in estimate
    assert fake_api.requests == [], "not even count_tokens before the user agrees"


def test_the_question_comes_after_the_estimate_and_before_any_request(
    fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_api.responder = answering(TRIAGE)
    monkeypatch.setattr("simulator.cli.worksample._on_a_terminal", lambda: True)
    seen: list[str] = []
    shown = "simulator.cli.show.notice"
    monkeypatch.setattr(shown, lambda text: seen.append(f"{len(fake_api.requests)} {text}"))

    def confirm(text: str, **_: Any) -> bool:
        seen.append(f"{len(fake_api.requests)} asked {text}")
        return True

    monkeypatch.setattr("click.confirm", confirm)

    result = invoke("grade", TRIAGE, "--prompt", good_prompt(tmp_path))

    assert result.exit_code == 0, result.output
    assert seen[0].startswith("0 prompt.md: claude-haiku-5-5 (effort medium) on 42 items: ≈")
    assert seen[1] == "0 asked Run it?"
    assert seen[2].startswith("42 prompt.md: 42 of 42 items answered")
    assert len(message_requests(fake_api)) == 42


def test_yes_runs_without_asking(fake_api: FakeAnthropic, tmp_path: Path) -> None:
    fake_api.responder = answering(TRIAGE)

    result = invoke("grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes")

    assert result.exit_code == 0, result.output
    assert "Run it?" not in result.stderr
    assert "42 of 42 items answered, 0 refused, 0 failed" in result.stderr
    assert len(message_requests(fake_api)) == 42


def test_without_a_terminal_nothing_is_sent_unless_yes(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    run = mockloop("worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path))

    assert run.code == 2, run.err
    estimate, refusal = run.err.strip().splitlines()
    assert "on 42 items" in estimate
    assert refusal == (
        "mockloop: running the prompt costs money: pass --yes to run it without a terminal"
    )
    assert fake_api.requests == []


def test_no_api_key_is_one_line_and_exit_2(tmp_path: Path) -> None:
    run = mockloop("worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes")

    assert one_line_error(run) == "mockloop: the claude engine needs ANTHROPIC_API_KEY to be set"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        ((), "mockloop: give either an OUTPUTS file or --prompt PROMPT.md"),
        (("out.jsonl", "--prompt", "p.md"), "mockloop: give either an OUTPUTS file or --prompt"),
        (("out.jsonl", "--batch"), "mockloop: --batch is for --prompt"),
        (("out.jsonl", "--save-outputs", "x.jsonl"), "mockloop: --save-outputs is for --prompt"),
    ],
)
def test_outputs_or_prompt_and_the_prompts_options_only_with_it(
    args: tuple[str, ...], line: str
) -> None:
    assert one_line_error(mockloop("worksample", "grade", TRIAGE, *args)).startswith(line)


def test_an_empty_prompt_and_a_save_path_that_cannot_be_used_are_refused_before_sending(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    grade = ("worksample", "grade", TRIAGE, "--yes", "--prompt")
    assert one_line_error(mockloop(*grade, empty)).endswith("empty.md: the prompt is empty")

    missing = tmp_path / "nowhere" / "out.jsonl"
    line = one_line_error(mockloop(*grade, good_prompt(tmp_path), "--save-outputs", missing))
    assert "does not exist" in line
    prompt = good_prompt(tmp_path)
    line = one_line_error(mockloop(*grade, prompt, "--save-outputs", prompt))
    assert line.endswith("is prompt.md, an input; save to another file")
    assert fake_api.requests == []


# --- what is sent ---------------------------------------------------------------------------


def test_the_prompt_is_the_system_prompt_and_the_item_the_user_turn(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    fake_api.responder = answering(SUMMARY)
    prompt = good_prompt(tmp_path, SUMMARY)

    run = mockloop("worksample", "grade", SUMMARY, "--prompt", prompt, "--yes", "--effort", "low")

    assert run.code == 0, run.err
    first = work_sample(SUMMARY).items[0]
    body = next(b for b in message_requests(fake_api) if user_text(b) == input_text(first.input))
    assert body["system"] == [
        {"type": "text", "text": prompt.read_text(), "cache_control": {"type": "ephemeral"}}
    ]
    assert user_text(body) == json.dumps(first.input, indent=2, ensure_ascii=False)
    assert user_text(body).startswith('{\n  "customer": {')  # a JSON input as pretty JSON
    assert body["output_config"] == {"effort": "low"}
    assert body["max_tokens"] == MAX_TOKENS
    assert not {"temperature", "top_p", "top_k", "tools", "thinking"} & set(body)


def test_a_placeholder_takes_the_input_and_the_whole_prompt_is_the_user_turn(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    fake_api.responder = answering(TRIAGE)
    prompt = tmp_path / "prompt.md"
    prompt.write_text(
        work_sample(TRIAGE).prompts["good"] + "\n<ticket>\n{{input}}\n</ticket>\n", encoding="utf-8"
    )

    run = mockloop("worksample", "grade", TRIAGE, "--prompt", prompt, "--yes")

    assert run.code == 0, run.err
    item = work_sample(TRIAGE).items[0]
    body = next(b for b in message_requests(fake_api) if input_text(item.input) in user_text(b))
    assert "system" not in body
    head, tail = body["messages"][0]["content"]
    assert head["cache_control"] == {"type": "ephemeral"}, "the part before the input is cached"
    assert head["text"] + tail["text"] == prompt.read_text().replace(
        "{{input}}", input_text(item.input)
    )
    usage = CallLog().totals(scope=CallLog().rows(purpose=PURPOSE)[0]["scope"])
    assert usage.cache_read_tokens > 0, "items after the first read the prompt from the cache"


# --- what comes back ------------------------------------------------------------------------


def test_outputs_are_graded_exactly_as_the_saved_outputs_file(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    fake_api.responder = answering(TRIAGE)
    saved = tmp_path / "got.jsonl"

    ran = mockloop(
        "worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes",
        "--save-outputs", saved, "--format", "json",
    )  # fmt: skip
    graded = mockloop("worksample", "grade", TRIAGE, saved, "--format", "json")

    assert ran.code == 0 and graded.code == 0, ran.err + graded.err
    assert grade_json(ran.out) == grade_json(graded.out)
    rows = [json.loads(line) for line in saved.read_text().splitlines()]
    sample = work_sample(TRIAGE)
    assert rows == [{"id": i.id, "output": sample.outputs["good"][i.id]} for i in sample.items]
    assert grade_json(ran.out)["triage"]["accuracy"] > 0.9


def test_a_refused_item_is_a_problem_with_no_output_and_the_rest_are_graded(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    fake_api.responder = answering(TRIAGE, {"tt-005": Reply.refusal()})

    run = mockloop(
        "worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes",
        "--format", "json",
    )  # fmt: skip

    assert run.code == 0, run.err
    assert "41 of 42 items answered, 1 refused, 0 failed" in run.err
    assert "mockloop: tt-005: refused by the model" in run.err, "said as it happens"
    grade = grade_json(run.out)
    assert grade["usable"] == 41
    assert grade["problems"] == [
        {
            "kind": "no_output",
            "line": None,
            "id": "tt-005",
            "detail": "refused by the model: The request was declined by a safety classifier.",
        }
    ]


def test_a_failed_item_is_a_problem_and_the_table_says_why(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    broken = Reply.error(400, "invalid_request_error", "messages.0.content: something odd")
    fake_api.responder = answering(TRIAGE, {"tt-012": broken})

    run = mockloop("worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes")

    assert run.code == 0, run.err
    assert "41 of 42 items answered, 0 refused, 1 failed" in run.err
    assert "tt-012: item with no output (the request failed: Claude API" in run.out
    assert "something odd" in run.out


def test_a_wrong_model_stops_after_the_first_failures_instead_of_sending_every_item(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    run = mockloop(
        "worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes",
        "--model", "claude-nonesuch-1", "--format", "json",
    )  # fmt: skip

    assert run.code == 0, run.err
    assert "cost unknown (claude-nonesuch-1 is not in the price table)" in run.err
    assert len(message_requests(fake_api)) < FAILED_START + CONCURRENCY
    grade = grade_json(run.out)
    assert grade["usable"] == 0
    details = [p["detail"] for p in grade["problems"]]
    assert any(d.startswith("not sent: the first 3 requests all failed") for d in details)


def test_every_call_is_in_the_call_log_with_the_prompts_version_and_effort(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    fake_api.responder = answering(TRIAGE)

    run = mockloop("worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes")

    assert run.code == 0, run.err
    rows = CallLog().rows(purpose=PURPOSE)
    assert len(rows) == 42 and len({r["scope"] for r in rows}) == 1
    assert {r["effort"] for r in rows} == {"medium"}
    assert {r["prompt_version"] for r in rows} == {rows[0]["prompt_version"]}
    assert rows[0]["prompt_version"].startswith("prompt-")
    assert all(r["dollars"] is not None and r["dollars"] > 0 for r in rows)
