"""Human ratings from a long-format CSV: names, level names, blanks, and every bad input as one
line that names the file (and the line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_helpers import SYSTEM_DESIGN, tiny_transcript

from scoring.bench.human import (
    HumanRatingsError,
    parse_level,
    read_human_ratings,
    transcript_names,
)
from scoring.bench.ratings import BenchTranscript

ITEMS = [
    BenchTranscript("round-1", tiny_transcript("round-1").transcript, names=("round-1.vtt",)),
    BenchTranscript("round-2", tiny_transcript("round-2").transcript, names=("round-2.md",)),
]
NAMES = transcript_names(ITEMS, keys=["sim-churn-analysis-strong-shipper-s1"])


def write(tmp_path: Path, text: str, name: str = "ratings.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_levels_by_number_or_name() -> None:
    assert [parse_level(t) for t in ("1", " 4 ", "no signal", "Generic", "SOLID", "strong")] == [
        1,
        4,
        1,
        2,
        3,
        4,
    ]
    assert parse_level("no_signal") == 1 and parse_level("") is None


@pytest.mark.parametrize("text", ["0", "5", "-1", "great", "3.5"])
def test_levels_outside_the_rubric_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="level"):
        parse_level(text)


def test_a_long_format_csv_reads_into_ratings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "transcript,rater,dimension,level\n"
        "round-1.vtt,priya,evaluation,3\n"
        "round-1,priya,communication,strong\n"
        "\n"
        "round-2.md,sam,evaluation,\n"
        "round-2,sam,communication,generic\n",
    )
    ratings = read_human_ratings(path, SYSTEM_DESIGN, NAMES)
    assert [(r.transcript, r.rater, r.dimension, r.level) for r in ratings] == [
        ("round-1", "priya", "evaluation", 3),
        ("round-1", "priya", "communication", 4),
        ("round-2", "sam", "evaluation", None),
        ("round-2", "sam", "communication", 2),
    ]


def test_simulated_transcripts_are_named_by_their_key_before_they_are_played(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "transcript,rater,dimension,level\nsim-churn-analysis-strong-shipper-s1,sam,evaluation,4\n",
    )
    (rating,) = read_human_ratings(path, SYSTEM_DESIGN, NAMES)
    assert rating.transcript == "sim-churn-analysis-strong-shipper-s1"


def test_columns_may_come_in_any_order_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "ratings.csv"
    path.write_bytes("\ufeffRater,Level,Transcript,Dimension\nsam,2,round-1,evaluation\n".encode())
    (rating,) = read_human_ratings(path, SYSTEM_DESIGN, NAMES)
    assert (rating.transcript, rating.rater, rating.level) == ("round-1", "sam", 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file; expected the header transcript,rater,dimension,level"),
        ("name,who,what,score\nround-1,sam,evaluation,2\n", "the header must be"),
        ("transcript,rater,dimension,level\n", "no ratings"),
        ("transcript,rater,dimension,level\nround-1,sam,evaluation\n", "line 2: expected 4 fields"),
        ("transcript,rater,dimension,level\nround-1,sam,vibes,2\n", "line 2: unknown dimension"),
        ("transcript,rater,dimension,level\nround-1,sam,evaluation,7\n", "outside the rubric"),
        ("transcript,rater,dimension,level\nround-1,,evaluation,2\n", "rater column is empty"),
        (
            "transcript,rater,dimension,level\nround-9,sam,evaluation,2\nround-8,sam,evaluation,2\n",
            "2 transcripts named in the file are not on the bench: 'round-9', 'round-8'",
        ),
        (
            "transcript,rater,dimension,level\nround-1,sam,evaluation,2\nround-1,sam,evaluation,3\n",
            "line 3: sam already rated evaluation of 'round-1' on line 2",
        ),
    ],
)
def test_bad_ratings_files_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(HumanRatingsError) as caught:
        read_human_ratings(path, SYSTEM_DESIGN, NAMES)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_unreadable_files_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(HumanRatingsError, match="no such file"):
        read_human_ratings(tmp_path / "missing.csv", SYSTEM_DESIGN, NAMES)
    with pytest.raises(HumanRatingsError, match="is a folder"):
        read_human_ratings(tmp_path, SYSTEM_DESIGN, NAMES)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"transcript,rater,dimension,level\nr\xe9sum\xe9,sam,evaluation,2\n")
    with pytest.raises(HumanRatingsError, match="not valid UTF-8"):
        read_human_ratings(latin, SYSTEM_DESIGN, NAMES)


def test_a_name_shared_by_two_transcripts_is_ambiguous(tmp_path: Path) -> None:
    items = [
        BenchTranscript("a", tiny_transcript("a").transcript, names=("round.md",)),
        BenchTranscript("b", tiny_transcript("b").transcript, names=("round.md",)),
    ]
    path = write(tmp_path, "transcript,rater,dimension,level\nround.md,sam,evaluation,2\n")
    with pytest.raises(HumanRatingsError, match="names several transcripts"):
        read_human_ratings(path, SYSTEM_DESIGN, transcript_names(items))
