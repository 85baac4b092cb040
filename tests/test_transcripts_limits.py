"""The turn limit: a transcript of more than MAX_TURNS turns is refused in one line, and the
importers stop reading at the first turn past it instead of building every turn first."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

import scoring.transcripts.text as text_format
from scoring.transcripts import (
    MAX_TRANSCRIPT_BYTES,
    Transcript,
    TranscriptError,
    Turn,
    load_transcript,
    to_json,
    to_markdown,
)
from scoring.transcripts.limits import MAX_TURNS, JoinedText, lines_of


def dialogue_txt(turns: int) -> str:
    pair = "Dana Lee: Why?\nSam Park: Because.\n"
    return pair * (turns // 2) + ("Dana Lee: Why?\n" if turns % 2 else "")


def dialogue_vtt(turns: int) -> str:
    cues = [
        f"00:{n // 60 % 60:02d}:{n % 60:02d}.000 --> 00:{n // 60 % 60:02d}:{n % 60:02d}.500\n"
        f"{'Dana Lee: Why?' if n % 2 == 0 else 'Sam Park: Because.'}\n"
        for n in range(turns)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def dialogue(turns: int) -> Transcript:
    roles = ("interviewer", "candidate")
    return Transcript(
        id="long", turns=[Turn(role=roles[n % 2], text=f"turn {n}") for n in range(turns)]
    )


WRITERS: dict[str, Callable[[int], str]] = {
    "txt": dialogue_txt,
    "vtt": dialogue_vtt,
    "json": lambda turns: to_json(dialogue(turns)),
    "md": lambda turns: to_markdown(dialogue(turns)),
}


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_transcript_of_exactly_the_limit_loads(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"long.{fmt}"
    path.write_text(WRITERS[fmt](MAX_TURNS), encoding="utf-8")

    assert len(load_transcript(path, candidate_label="Sam Park").turns) == MAX_TURNS


@pytest.mark.parametrize("fmt", WRITERS)
def test_one_turn_past_the_limit_is_one_line_naming_the_limit(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"long.{fmt}"
    path.write_text(WRITERS[fmt](MAX_TURNS + 1), encoding="utf-8")

    with pytest.raises(TranscriptError) as caught:
        load_transcript(path, candidate_label="Sam Park")

    assert str(caught.value) == (
        f"{path}: file has more turns than the 5,000-turn limit for a transcript"
    )


TINY = {
    "txt": (b"", b"Q: a?\nA: b.\n", b""),
    "vtt": (
        b"WEBVTT\n\n",
        b"00:01.000 --> 00:02.000\nQ: a?\n\n00:02.000 --> 00:03.000\nA: b\n\n",
        b"",
    ),
    "json": (b'{"id": "x", "turns": [', b'{"role": "candidate", "text": "b"}, ', b"{}]}"),
    "md": (
        b'<!-- mockloop:transcript v1 {"id": "x"} -->\n',
        b'<!-- mockloop:turn {"role": "candidate"} -->\n> b\n'
        b'<!-- mockloop:turn {"role": "interviewer"} -->\n> q\n',
        b"",
    ),
}


@pytest.mark.parametrize("fmt", TINY)
def test_a_file_of_tiny_turns_up_to_the_size_limit_is_refused_at_once(
    fmt: str, tmp_path: Path
) -> None:
    head, unit, tail = TINY[fmt]
    path = tmp_path / f"tiny.{fmt}"
    path.write_bytes(head + unit * ((MAX_TRANSCRIPT_BYTES - 100) // len(unit)) + tail)

    started = time.perf_counter()
    with pytest.raises(TranscriptError, match="5,000-turn limit"):
        load_transcript(path)

    # It took 20 s and 1.8 GB before the limit; stopping early takes well under a second.
    assert time.perf_counter() - started < 10


def test_plain_text_stops_reading_lines_soon_after_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tiny.txt"
    path.write_bytes(b"Q: a?\nA: b.\n" * 400_000)
    read: list[str] = []

    def counting_split_label(line: str) -> object:
        read.append(line)
        return split_label(line)

    split_label = text_format.split_label
    monkeypatch.setattr(text_format, "split_label", counting_split_label)

    with pytest.raises(TranscriptError, match="5,000-turn limit"):
        load_transcript(path)

    assert len(read) <= text_format.MAX_RUNS + 1  # of 800,000 lines


@pytest.mark.parametrize(
    "text", ["", "\n", "a", "a\n", "a\r\nb\rc\n\nd", "x\u2028y\x0cz\x85", "\r\r\n\n", "end\r"]
)
def test_lines_are_split_as_splitlines_splits_them(text: str) -> None:
    assert list(lines_of(text)) == text.splitlines()


@pytest.mark.parametrize("pieces", [0, 1, 255, 256, 257, 1000])
def test_joined_text_is_the_pieces_joined(pieces: int) -> None:
    joined = JoinedText("\n")
    words = [f"w{n}" for n in range(pieces)]
    for word in words:
        joined.add(word)

    assert joined.text() == "\n".join(words)
    assert bool(joined) == bool(words)


# One long turn of short lines, under the size limit: a Markdown export's quoted block and one
# WebVTT cue. Each line was a Python string of about 50 bytes, in a list or two, so a 5 MB file
# of them grew the process by 90 to 115 MB (17 and 22 times its size).
ONE_LONG_TURN = {
    "md": (
        b'<!-- mockloop:transcript v1 {"id": "x"} -->\n'
        b'<!-- mockloop:turn {"role": "interviewer"} -->\n> why?\n'
        b'<!-- mockloop:turn {"role": "candidate"} -->\n> b\n',
        b"> a\n",
        "b" + "\na" * 100_000,
    ),
    "vtt": (
        b"WEBVTT\n\n00:01.000 --> 00:02.000\nQ: why?\n\n00:02.000 --> 00:03.000\nA: b\n",
        b"a\n",
        "b" + " a" * 100_000,
    ),
}
MEMORY_MULTIPLE = 10


@pytest.mark.parametrize("fmt", ONE_LONG_TURN)
def test_one_turn_of_many_short_lines_loads_in_a_small_multiple_of_the_file_size(
    fmt: str, tmp_path: Path
) -> None:
    head, line, expected = ONE_LONG_TURN[fmt]
    path = tmp_path / f"long-turn.{fmt}"
    path.write_bytes(head + line * 100_000)
    size = path.stat().st_size

    tracemalloc.start()
    try:
        transcript = load_transcript(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [turn.role for turn in transcript.turns] == ["interviewer", "candidate"]
    assert transcript.turns[1].text == expected
    assert peak < MEMORY_MULTIPLE * size, f"{peak / size:.1f} times the file's size"
