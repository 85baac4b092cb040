"""Speaker labels at the start of a line, where numbers that are not digits (², ½, Ⅻ) and
combining marks meet the label pattern: never an exception, a label only when it names
someone, and a file with such a line is read by `mockloop score`."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.transcripts import parse_text, parse_vtt
from scoring.transcripts.labels import role_of_label, split_label
from tests.cli_helpers import mockloop

# Numbers of every kind Unicode has: decimal digits of other scripts (Nd), superscripts,
# subscripts, circled and Ethiopic numbers, fractions (No), Roman numerals (Nl); combining
# marks (Mn, Me, Mc), a joiner; and the letters, labels and punctuation a label is made of.
NUMBERS = "0129٣३１²³¹⁰₂①፩½¼⅓ⅫⅠⅰↂ"
MARKS = "\u0301\u0308\u20dd\u0bbe\u200d"
PIECES = [
    *NUMBERS, *MARKS, "A", "a", "Q", "Ω", "李", "ʰ", " ", "\t", ":", "：", "[", "]", "(", ")",
    "**", "-", ".", "'", "’", "Speaker", "Dana", "Lee", "de", "Note", "00:01", "12:03:04.5",
    "x", "answer",
]  # fmt: skip
LINES = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def name_words_are_sensible(speaker: str) -> bool:
    """A name's words start with a letter; a later word may be a speaker number."""
    first, *rest = speaker.split(" ")
    return first[:1].isalpha() and all(w[:1].isalpha() or w.isdecimal() for w in rest)


@settings(max_examples=500, deadline=None)
@given(LINES, st.sampled_from(["", "\n", ": x", " : x", "： x"]))
def test_the_label_parser_never_raises_and_a_label_names_someone(line: str, end: str) -> None:
    label = split_label(line + end)

    if label is not None:
        assert label.speaker == " ".join(label.speaker.split()) != ""
        assert name_words_are_sensible(label.speaker), label
        assert label.speaker.split(" ")[0] in line
        assert label.text == label.text.strip()
        assert label.start is None or (math.isfinite(label.start) and label.start >= 0)
        role_of_label(label.speaker)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_role_words_are_found_whatever_surrounds_them(speaker: str) -> None:
    assert role_of_label(speaker) in (None, "interviewer", "candidate")


@pytest.mark.parametrize("number", ["²", "³", "①", "፩", "½", "Ⅻ", "ⅰ", "²³"])
def test_a_number_that_is_not_a_digit_before_a_colon_is_prose(number: str) -> None:
    assert split_label(f"{number}: x") is None
    assert split_label(f"[00:01:02] {number}: x") is None
    assert split_label(f"Speaker {number}: x") is None


@pytest.mark.parametrize("mark", list(MARKS))
def test_a_combining_mark_at_the_start_of_a_line_is_prose(mark: str) -> None:
    assert split_label(f"{mark}Dana: x") is None


@pytest.mark.parametrize(
    ("line", "speaker"),
    [("Speaker ٣: hello", "Speaker ٣"), ("Speaker 2: hello", "Speaker 2"), ("李明: 你好", "李明")],
)
def test_decimal_speaker_numbers_of_any_script_and_names_without_case_are_labels(
    line: str, speaker: str
) -> None:
    label = split_label(line)
    assert label is not None and label.speaker == speaker


QUESTION = "Interviewer: How would you test it?"
ANSWER = "Candidate: A golden set of 50 labelled tickets, run on every prompt change."


def test_a_superscript_line_in_a_text_transcript_continues_the_turn() -> None:
    t = parse_text(f"{QUESTION}\n²: x\n{ANSWER}\n", origin="f.txt")

    assert [turn.role for turn in t.turns] == ["interviewer", "candidate"]
    assert t.turns[0].text == "How would you test it?\n²: x"


def test_a_superscript_line_in_a_vtt_cue_continues_the_speaker() -> None:
    vtt = (
        "WEBVTT\n\n"
        f"00:00:01.000 --> 00:00:03.000\n{QUESTION}\n\n"
        "00:00:03.000 --> 00:00:04.000\n²: x\n\n"
        f"00:00:04.000 --> 00:00:09.000\n{ANSWER}\n"
    )
    t = parse_vtt(vtt, origin="f.vtt")

    assert [turn.role for turn in t.turns] == ["interviewer", "candidate"]
    assert t.turns[0].text.endswith("²: x")


@pytest.mark.parametrize("suffix", [".txt", ".vtt"])
def test_score_reads_a_file_with_number_lines(suffix: str, tmp_path: Path) -> None:
    lines = [QUESTION, "²: x", "½: half", "Ⅻ: twelve", "\u0301: mark", ANSWER]
    if suffix == ".txt":
        text = "\n".join(lines) + "\n"
    else:
        cues = [
            f"00:00:{n:02}.000 --> 00:00:{n + 1:02}.000\n{line}" for n, line in enumerate(lines)
        ]
        text = "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
    path = tmp_path / f"call{suffix}"
    path.write_text(text, encoding="utf-8")

    run = mockloop("score", path, "--format", "json")

    assert run.code == 0, run.err
    assert "Traceback" not in run.err
