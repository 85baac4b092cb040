"""`mockloop simulate`: a whole round played by a simulated candidate or by a file of answers."""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring.transcripts import Transcript
from tests.cli_helpers import Run, mockloop

REPO = Path(__file__).resolve().parent.parent
BRIEF_FILES = sorted((REPO / "briefs").glob("*.yaml"))
CHURN = yaml.safe_load((REPO / "briefs" / "churn-analysis.yaml").read_text(encoding="utf-8"))
CHURN_TITLES = [area["title"] for area in CHURN["probe_areas"]]
STRONG = ("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")
TEST_MODE_CANDIDATES = ["empty", "gibberish", "off-topic", "grader-injection", "repeat"]
NON_ANSWER_KINDS = {"empty", "gibberish", "off_topic", "repeat", "injection"}
PRAISE = re.compile(r"\b(great|excellent|well done)\b", re.IGNORECASE)
HEADER = re.compile(
    r"^\s*(?P<n>\d+)\s+(?:\d\d:\d\d|--:--)\s+.+ \((?P<role>interviewer|candidate|other)\)"
    r"(?: \[(?P<tag>[a-z ]+)\])?$"
)


@functools.cache
def same_run(*args: str) -> Run:
    """A deterministic run shared by several tests (its session lands in one test's home)."""
    return mockloop(*args)


def simulate_json(*args: str, shared: bool = False) -> dict[str, Any]:
    run = (same_run if shared else mockloop)("simulate", *args, "--json")
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


def turns_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = data["transcript"]["turns"]
    return turns


def spoken(data: dict[str, Any]) -> list[tuple[str, str, float | None]]:
    return [(t["role"], t["text"], t["start"]) for t in turns_of(data)]


def blocks(output: str) -> list[tuple[str, str | None, str]]:
    """The printed turns as (role, [tag], text with its wrapped lines joined)."""
    found: list[tuple[str, str | None, list[str]]] = []
    for line in output.splitlines():
        header = HEADER.match(line)
        if header:
            found.append((header["role"], header["tag"], []))
        elif found and line.startswith("     ") and line.strip():
            found[-1][2].append(line.strip())
    return [(role, tag, " ".join(body)) for role, tag, body in found]


def session_rows(home: Path) -> int:
    db = home / "mockloop.db"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from sessions").fetchone()[0])


def write_answers(tmp_path: Path, content: str | bytes, name: str = "answers.txt") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def mockloop_script() -> str:
    beside = Path(sys.executable).with_name("mockloop")
    return str(beside)


# --- a strong candidate -----------------------------------------------------------------------


def test_strong_candidate_round_asks_every_churn_probe_area() -> None:
    run = same_run(*STRONG)

    assert run.code == 0, run.err
    printed = blocks(run.out)
    next_area_texts = [text for role, tag, text in printed if tag == "next area"]
    for title in CHURN_TITLES:
        assert any(title in text for text in next_area_texts), f"{title!r} was never asked"


def test_strong_candidate_round_has_a_curveball_and_probes_what_was_said() -> None:
    run = same_run(*STRONG)

    tags = [tag for role, tag, _ in blocks(run.out) if role == "interviewer"]
    assert "curveball" in tags
    assert {"failure probe", "depth follow up"} & set(tags)


def test_follow_up_quotes_a_few_words_of_the_previous_answer() -> None:
    turns = turns_of(simulate_json(*STRONG[1:], shared=True))

    quoted_back = []
    for before, turn in itertools.pairwise(turns):
        if turn["meta"].get("move") not in ("failure_probe", "depth_follow_up"):
            continue
        assert before["role"] == "candidate"
        for quote in re.findall(r'"([^"]+)"', turn["text"]):
            fragment = quote.rstrip("…").strip()
            if fragment and fragment in before["text"]:
                quoted_back.append(fragment)
    assert quoted_back, "no follow-up quotes the candidate's previous answer"
    assert all(len(fragment.split()) <= 12 for fragment in quoted_back)


def test_strong_candidate_summary_shows_every_area_covered() -> None:
    run = same_run(*STRONG)

    summary = run.out[run.out.index("Probe areas:") :]
    for title in CHURN_TITLES:
        assert re.search(rf"^  {re.escape(title)}\s+covered\b", summary, re.M), title
    assert re.search(r"^Curveballs fired: (?!none)\S", summary, re.M)
    assert re.search(r"^Session \S+: finished; engine offline\.$", summary, re.M)


def test_same_seed_prints_the_same_transcript() -> None:
    args = ("--brief", "churn-analysis", "--candidate", "strong-shipper", "--seed", "5")

    first = simulate_json(*args)
    second = simulate_json(*args)

    assert first["session"]["id"] != second["session"]["id"]
    assert spoken(first) == spoken(second)


def test_same_seed_gives_the_same_transcript_in_a_separate_process() -> None:
    """Wording variation must not depend on Python's per-process hash seed."""
    args = ["simulate", "--brief", "ticket-triage", "--candidate", "buzzword-salad", "--seed", "7"]
    hash_seed = "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"

    done = subprocess.run(
        [mockloop_script(), *args, "--json"],
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert spoken(json.loads(done.stdout)) == spoken(simulate_json(*args[1:]))


def test_a_different_seed_changes_the_transcript() -> None:
    args = ("--brief", "churn-analysis", "--candidate", "strong-shipper")

    one = simulate_json(*args, "--seed", "1", shared=True)
    two = simulate_json(*args, "--seed", "2")

    assert spoken(one) != spoken(two)


def test_json_output_has_session_coverage_and_transcript() -> None:
    data = simulate_json(*STRONG[1:], shared=True)

    session = data["session"]
    assert session["brief"] == "churn-analysis"
    assert session["candidate"] == "strong-shipper"
    assert session["engine"] == "offline"
    assert session["status"] == "finished"
    assert session["ended_reason"] == "completed"
    assert set(data["coverage"]["areas"]) == {area["id"] for area in CHURN["probe_areas"]}
    transcript = Transcript.model_validate(data["transcript"])
    assert transcript.id == session["id"]
    assert transcript.candidate_turns()
    assert transcript.turns[0].role == "interviewer"


@pytest.mark.parametrize("brief", [path.stem for path in BRIEF_FILES])
def test_strong_candidate_covers_every_area_of_every_shipped_brief(brief: str) -> None:
    data = simulate_json("--brief", brief, "--candidate", "strong-shipper", shared=True)

    statuses = {area: entry["status"] for area, entry in data["coverage"]["areas"].items()}
    assert set(statuses.values()) == {"covered"}, statuses
    assert data["coverage"]["curveballs"]
    moves = [t["meta"].get("move") for t in turns_of(data)]
    assert "curveball" in moves
    assert data["session"]["status"] == "finished"


@pytest.mark.parametrize("interviewer", ["neutral", "coach", "bar-raiser"])
def test_wrap_up_tells_the_candidate_how_much_time_is_really_left(interviewer: str) -> None:
    data = simulate_json(*STRONG[1:], "--interviewer", interviewer, shared=True)

    turns = turns_of(data)
    wrap_up = [t for t in turns if t["meta"].get("move") == "wrap_up"]
    assert len(wrap_up) == 1
    said = re.search(r"(\d+) minutes", wrap_up[0]["text"])
    assert said is not None, wrap_up[0]["text"]
    really_left = data["session"]["minutes"] - wrap_up[0]["start"] / 60
    assert abs(int(said.group(1)) - really_left) <= 1
    if really_left > 10:
        ending = " ".join(t["text"] for t in turns[-3:] if t["role"] == "interviewer")
        assert not re.search(r"close to time|that's time|out of time|time is up", ending, re.I)


# --- candidates who give no real answers ------------------------------------------------------


@pytest.mark.parametrize("candidate", TEST_MODE_CANDIDATES)
def test_non_answers_earn_no_coverage_and_no_praise(candidate: str) -> None:
    data = simulate_json("--brief", "churn-analysis", "--candidate", candidate, shared=True)

    assert "covered" not in {entry["status"] for entry in data["coverage"]["areas"].values()}
    moves = [t["meta"].get("move") for t in turns_of(data)]
    assert "redirect" in moves
    interviewer = [t["text"] for t in turns_of(data) if t["role"] == "interviewer"]
    praise = [text for text in interviewer if PRAISE.search(text)]
    assert not praise
    recorded = [n for n in data["coverage"]["non_answers"] if n["kind"] != "moved_on"]
    assert recorded
    assert data["session"]["status"] == "finished"


def test_empty_answers_are_shown_as_redirects_and_counted_in_the_summary() -> None:
    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "empty")

    assert run.code == 0, run.err
    assert "[redirect]" in run.out
    assert "(no answer)" in run.out
    assert re.search(r"^Non-answers: [1-9]\d*; moved on without an answer from: ", run.out, re.M)
    summary = run.out[run.out.index("Probe areas:") :]
    for title in CHURN_TITLES:
        assert re.search(rf"^  {re.escape(title)}\s+skipped\b", summary, re.M), title


@pytest.mark.parametrize(
    "candidate",
    [
        "empty",
        "gibberish",
        "grader-injection",
        "off-topic",
    ],
)
def test_every_answer_of_a_test_mode_candidate_is_recorded_as_a_non_answer(candidate: str) -> None:
    data = simulate_json("--brief", "churn-analysis", "--candidate", candidate, shared=True)

    turns = turns_of(data)
    candidate_turns = [t for t in turns if t["role"] == "candidate"]
    judged = [
        t["meta"].get("answer_kind")
        for before, t in itertools.pairwise(turns)
        if before["role"] == "candidate"
    ]
    assert set(judged) <= NON_ANSWER_KINDS, judged
    recorded = [n for n in data["coverage"]["non_answers"] if n["kind"] != "moved_on"]
    assert len(recorded) == len(candidate_turns)


def test_injection_is_an_alias_for_the_grader_injection_candidate() -> None:
    data = simulate_json("--brief", "churn-analysis", "--candidate", "injection")

    assert data["session"]["candidate"] == "grader-injection"


# --- a file of answers ------------------------------------------------------------------------


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
    assert session_rows(isolated_home) == 0


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


# --- bad command lines ------------------------------------------------------------------------


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
    assert session_rows(isolated_home) == 0


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
