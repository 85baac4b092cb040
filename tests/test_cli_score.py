"""`mockloop score`: transcript files in, scorecards out (table, JSON, Markdown) and stored;
bad input is one line on stderr, exit code 2, and nothing stored."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.rubrics import RECOMMENDATIONS, load_rubrics
from scoring.transcripts import MAX_TRANSCRIPT_BYTES
from tests.cli_helpers import Run, mockloop

DATA = Path(__file__).parent / "data"
TRANSCRIPTS = DATA / "transcripts"
AMBIGUOUS = DATA / "scoring" / "ambiguous_two_speakers.txt"
# One file per importer: Markdown export, project JSON, plain text with labels, Zoom WebVTT.
EXAMPLES = {
    "markdown": TRANSCRIPTS / "exported_notes.md",
    "json": TRANSCRIPTS / "simulated_strong_shipper.json",
    "text": TRANSCRIPTS / "interviewer_candidate_labels.txt",
    "vtt": TRANSCRIPTS / "zoom_churn_interview.vtt",
}
SYSTEM_DESIGN = load_rubrics()["system-design"]
DIMENSION_IDS = [d.id for d in SYSTEM_DESIGN.dimensions]
DIMENSION_TITLES = [d.title for d in SYSTEM_DESIGN.dimensions]


def stored(home: Path, sql: str, *params: str) -> list[tuple[object, ...]]:
    """Rows from the user's database (none when it or the table does not exist yet)."""
    path = home / "mockloop.db"
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as conn:
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise


def scorecard_count(home: Path) -> int:
    return len(stored(home, "select id from scorecards"))


def assert_one_line_user_error(run: Run) -> None:
    assert run.code == 2, run
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("mockloop: ")
    assert "Traceback" not in run.err
    assert run.out == ""


def test_the_example_transcripts_exist() -> None:
    for path in EXAMPLES.values():
        assert path.is_file(), path


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_score_prints_a_table_with_every_dimension_and_the_overall_line(kind: str) -> None:
    run = mockloop("score", EXAMPLES[kind])

    assert run.code == 0, run.err
    assert run.out.startswith("Scorecard · ")
    for title in DIMENSION_TITLES:
        assert title in run.out
    assert re.search(r"^Overall: (strong no hire|no hire|hire|strong hire) \(", run.out, re.M)


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_score_json_has_dimensions_and_a_recommendation(kind: str) -> None:
    run = mockloop("score", "--format", "json", EXAMPLES[kind])

    assert run.code == 0, run.err
    card = json.loads(run.out)
    assert [d["dimension"] for d in card["dimensions"]] == DIMENSION_IDS
    assert all(d["level"] in (1, 2, 3, 4) for d in card["dimensions"])
    assert card["recommendation"] in RECOMMENDATIONS
    assert card["rubric_id"] == "system-design"
    assert card["engine"] == "offline"


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_score_markdown_has_a_section_per_dimension(kind: str) -> None:
    run = mockloop("score", "--format", "md", EXAMPLES[kind])

    assert run.code == 0, run.err
    assert run.out.startswith("# Scorecard: ")
    assert "- Recommendation: **" in run.out
    for title in DIMENSION_TITLES:
        assert re.search(rf"^## {re.escape(title)}: [1-4] ", run.out, re.M), title


def test_json_for_several_files_is_a_list_in_file_order() -> None:
    run = mockloop("score", "--format", "json", "--no-save", *EXAMPLES.values())

    assert run.code == 0, run.err
    cards = json.loads(run.out)
    assert isinstance(cards, list) and len(cards) == len(EXAMPLES)
    assert cards[1]["transcript_id"] == "sim-churn-strong-shipper-01"


def test_each_scored_file_is_stored_with_its_dimension_scores(isolated_home: Path) -> None:
    run = mockloop("score", *EXAMPLES.values())

    assert run.code == 0, run.err
    cards = stored(isolated_home, "select id, source, rubric_id, recommendation from scorecards")
    assert sorted(str(c[1]) for c in cards) == sorted(str(p) for p in EXAMPLES.values())
    for card_id, _, rubric_id, recommendation in cards:
        assert rubric_id == "system-design"
        assert recommendation in RECOMMENDATIONS
        dims = stored(
            isolated_home,
            "select dimension, level, status from dimension_scores where scorecard_id = ?",
            str(card_id),
        )
        assert sorted(str(d[0]) for d in dims) == sorted(DIMENSION_IDS)


def test_the_stored_card_is_the_printed_card(isolated_home: Path) -> None:
    run = mockloop("score", "--format", "json", EXAMPLES["vtt"])

    [(card_json, level)] = stored(isolated_home, "select card, weighted_level from scorecards")
    printed = json.loads(run.out)
    assert json.loads(str(card_json)) == printed
    assert level == printed["weighted_level"]


def test_no_save_stores_nothing(isolated_home: Path) -> None:
    run = mockloop("score", "--no-save", *EXAMPLES.values())

    assert run.code == 0, run.err
    assert scorecard_count(isolated_home) == 0
    assert stored(isolated_home, "select * from dimension_scores") == []


# -- bad input ------------------------------------------------------------------------------


def _empty(folder: Path) -> list[str]:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return [str(path)]


def _binary(folder: Path) -> list[str]:
    path = folder / "recording.txt"
    path.write_bytes(b"Interviewer: hi\x00\x01\x02\x03\nCandidate: \x00\xff\xfe")
    return [str(path)]


def _too_big(folder: Path) -> list[str]:
    path = folder / "huge.txt"
    body = b"Candidate: " + b"caching " * (MAX_TRANSCRIPT_BYTES // 8)
    path.write_bytes(body[: MAX_TRANSCRIPT_BYTES + 1])
    assert path.stat().st_size == MAX_TRANSCRIPT_BYTES + 1
    return [str(path)]


def _not_utf8(folder: Path) -> list[str]:
    path = folder / "latin1.txt"
    path.write_bytes("Interviewer: Où commencer?\nCandidate: Par le café.\n".encode("latin-1"))
    return [str(path)]


def _no_candidate(folder: Path) -> list[str]:
    path = folder / "monologue.txt"
    path.write_text(
        "Interviewer: How would you build it?\nInterviewer: Nothing? Let's stop there.\n",
        encoding="utf-8",
    )
    return [str(path)]


def _csv(folder: Path) -> list[str]:
    path = folder / "ratings.csv"
    path.write_text("speaker,text\nInterviewer,hi\nCandidate,hello\n", encoding="utf-8")
    return [str(path)]


def _no_speaker_labels(folder: Path) -> list[str]:
    path = folder / "essay.txt"
    path.write_text(
        "I think the system should cache the prompt and stream the answer.\n"
        "Then we would evaluate it on a golden set.\n",
        encoding="utf-8",
    )
    return [str(path)]


def _missing(folder: Path) -> list[str]:
    return [str(folder / "never-written.vtt")]


def _unknown_rubric(folder: Path) -> list[str]:
    return ["--rubric", "no-such-rubric", str(EXAMPLES["text"])]


def _one_bad_among_good(folder: Path) -> list[str]:
    return [str(EXAMPLES["json"]), str(EXAMPLES["vtt"]), *_empty(folder)]


BAD_INPUTS = {
    "empty file": _empty,
    "binary file": _binary,
    "over the size limit": _too_big,
    "invalid UTF-8": _not_utf8,
    "no candidate turns": _no_candidate,
    "unknown format (.csv)": _csv,
    "text without speaker labels": _no_speaker_labels,
    "missing file": _missing,
    "unknown rubric": _unknown_rubric,
    "one bad file among good ones": _one_bad_among_good,
}


@pytest.mark.parametrize("bad", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_nothing_is_stored(
    bad: str, tmp_path: Path, isolated_home: Path
) -> None:
    args = BAD_INPUTS[bad](tmp_path)

    run = mockloop("score", *args)

    assert_one_line_user_error(run)
    if bad != "unknown rubric":
        bad_file = Path(args[-1]).name
        assert bad_file in run.err, "the message names the file to fix"
    assert scorecard_count(isolated_home) == 0


def test_a_bad_file_through_the_installed_command_is_one_line_without_traceback(
    tmp_path: Path, isolated_home: Path
) -> None:
    [path] = _not_utf8(tmp_path)

    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "score", path],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"mockloop: {path}: is not valid UTF-8")
    assert scorecard_count(isolated_home) == 0


# -- who is the candidate -------------------------------------------------------------------


def _lines_of(speaker: str) -> list[str]:
    prefix = f"{speaker}: "
    return [
        line.removeprefix(prefix)
        for line in AMBIGUOUS.read_text(encoding="utf-8").splitlines()
        if line.startswith(prefix)
    ]


def test_an_ambiguous_two_speaker_transcript_asks_for_the_candidate_label() -> None:
    run = mockloop("score", AMBIGUOUS)

    assert_one_line_user_error(run)
    assert "--candidate-label" in run.err
    assert "Alex Kim" in run.err and "Jordan Park" in run.err


@pytest.mark.parametrize(
    ("label", "speaker"), [("Jordan", "Jordan Park"), ("alex kim", "Alex Kim")]
)
def test_candidate_label_decides_whose_words_are_scored(label: str, speaker: str) -> None:
    run = mockloop("score", "--candidate-label", label, "--format", "json", AMBIGUOUS)

    assert run.code == 0, run.err
    card = json.loads(run.out)
    theirs = _lines_of(speaker)
    quotes = [e["quote"] for d in card["dimensions"] for e in d["evidence"]]
    assert quotes, "the named speaker said things worth quoting"
    for quote in quotes:
        assert any(quote in line for line in theirs), quote


def test_a_candidate_label_nobody_has_is_refused(isolated_home: Path) -> None:
    run = mockloop("score", "--candidate-label", "Morgan", AMBIGUOUS)

    assert_one_line_user_error(run)
    assert "Morgan" in run.err
    assert scorecard_count(isolated_home) == 0


# -- simulate ends with the scorecard -------------------------------------------------------


def test_simulate_ends_with_the_scorecard_and_stores_it_with_the_session(
    isolated_home: Path,
) -> None:
    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")

    assert run.code == 0, run.err
    session_id = re.search(r"session (\S+)", run.err)
    assert session_id, run.err
    tail = run.out[run.out.rindex("Scorecard · ") :]
    for title in DIMENSION_TITLES:
        assert title in tail
    assert "Overall: " in tail
    last = tail.rstrip().splitlines()[-1]
    assert last.startswith(("Overall: ", "Red flag: ", "Grader-aimed text")), last
    rows = stored(isolated_home, "select session_id, rubric_id from scorecards")
    assert rows == [(session_id.group(1), "system-design")]
    sessions = stored(isolated_home, "select id from sessions where id = ?", session_id.group(1))
    assert len(sessions) == 1


def test_brief_checks_the_candidates_figures_for_a_plain_transcript(
    isolated_home: Path, tmp_path: Path
) -> None:
    answers = [
        "I'd stream the paragraph because the rep is about to call, and cache the instructions.",
        "Ninety days of tickets for an account is a few hundred tokens, so the input is tiny.",
    ]
    text = "".join(f"Interviewer: Go on.\n\nCandidate: {a}\n\n" for a in answers)
    path = tmp_path / "round.txt"
    path.write_text(text, "utf-8")

    plain = json.loads(mockloop("score", "--format", "json", "--no-save", path).out)
    checked = json.loads(
        mockloop("score", "--format", "json", "--no-save", "--brief", "churn-analysis", path).out
    )

    def figure_caps(card: dict[str, object]) -> list[str]:
        dims = card["dimensions"]
        assert isinstance(dims, list)
        return [c for d in dims for c in d["caps"] if "figure off" in c]

    assert figure_caps(plain) == []
    [named] = figure_caps(checked)
    assert "a few hundred tokens" in named and "12,000 to 150,000 tokens" in named


def test_an_unknown_brief_is_one_line_naming_the_known_ones(isolated_home: Path) -> None:
    run = mockloop("score", "--brief", "churn", EXAMPLES["text"])

    assert_one_line_user_error(run)
    assert "churn-analysis" in run.err
    assert scorecard_count(isolated_home) == 0
