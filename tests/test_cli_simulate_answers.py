"""`mockloop simulate --answers FILE`: a round played by a file of answers, replayed in order
until it runs out, and one clear error for a file that cannot be used."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import mockloop
from tests.simulate_helpers import (
    blocks,
    mockloop_script,
    session_count,
    simulate_json,
    turns_of,
    write_answers,
)


def test_answers_file_is_replayed_in_order_until_it_runs_out(tmp_path: Path) -> None:
    answers = [
        "I would start by asking who reads the churn summary and how many accounts we have.",
        "One model call with a fixed system prompt returns JSON that cites ticket ids,\n"
        "and code checks every cited ticket before the rep sees anything.",
        "We would build a golden set of 60 past accounts with known renewal outcomes.",
    ]
    path = write_answers(tmp_path, "\n\n".join(answers) + "\n")

    run = mockloop("simulate", "--brief", "churn-analysis", "--answers", str(path))

    assert run.code == 0, run.err
    assert "answers ran out" in run.out
    printed = [text for role, _, text in blocks(run.out) if role == "candidate"]
    assert len(printed) == 3
    data = simulate_json("--brief", "churn-analysis", "--answers", str(path))
    replayed = [t["text"] for t in turns_of(data) if t["role"] == "candidate"]
    assert replayed == [" ".join(answer.split()) for answer in answers]
    assert data["session"]["status"] == "stopped"
    assert data["session"]["ended_reason"] == "answers ran out"


def test_a_blank_line_with_spaces_still_separates_answers(tmp_path: Path) -> None:
    path = write_answers(
        tmp_path,
        "We would use a golden set of sixty labelled tickets.\n   \n"
        "Stream the output so the rep sees words within two seconds.\n",
    )

    data = simulate_json("--brief", "churn-analysis", "--answers", str(path))

    replayed = [t["text"] for t in turns_of(data) if t["role"] == "candidate"]
    assert len(replayed) == 2


BAD_ANSWER_FILES: dict[str, bytes] = {
    "empty": b"",
    "only-blank-lines": b"\n\n   \n\n",
    "binary": b"\x00\x01\x02ELF\x00\x00data\x00",
    "invalid-utf8": "café au lait, two answers".encode("latin-1"),
    "too-large": b"An answer about the golden set and its sixty examples.\n\n" * 20_000,
}


@pytest.mark.parametrize("kind", list(BAD_ANSWER_FILES))
def test_unusable_answers_file_is_one_clear_error(
    tmp_path: Path, isolated_home: Path, kind: str
) -> None:
    path = write_answers(tmp_path, BAD_ANSWER_FILES[kind], name=f"{kind}.txt")

    run = mockloop("simulate", "--brief", "churn-analysis", "--answers", str(path))

    assert run.code == 2
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"mockloop: {path}: ")
    assert "Traceback" not in run.err
    assert session_count(isolated_home) == 0


def test_missing_answers_file_is_one_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"

    run = mockloop("simulate", "--brief", "churn-analysis", "--answers", str(missing))

    assert run.code == 2
    assert run.err.strip().startswith(f"mockloop: {missing}: ")
    assert len(run.err.strip().splitlines()) == 1


def test_invalid_utf8_answers_file_fails_cleanly_in_a_real_process(tmp_path: Path) -> None:
    path = write_answers(tmp_path, b"caf\xe9\n\nsecond answer\n")

    done = subprocess.run(
        [mockloop_script(), "simulate", "--brief", "churn-analysis", "--answers", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [f"mockloop: {path}: answers file is not valid UTF-8 text"]
