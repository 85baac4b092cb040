"""WebVTT blocks are found where the webvtt library finds them, without a string per line, and
a cue of many lines reads the same as when the library parses it whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from webvtt import vtt as library
from webvtt.webvtt import WebVTT

import scoring.transcripts.vtt as vtt_format
import scoring.transcripts.vtt_blocks as vtt_blocks
from scoring.transcripts import parse_vtt

_LINE_END = re.compile(r"\r\n|\r|\n")
# The pieces the library's block rules turn on: line breaks of each kind, arrows, blanks.
pieces = st.sampled_from(["\r", "\n", "\r\n", "-->", "-", ">", "a", " ", "WEBVTT", "\u2028"])


@settings(max_examples=500, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join), st.integers(1, 4))
def test_blocks_are_the_libraries_blocks(text: str, chunk: int) -> None:
    expected = list(library._iter_blocks_of_lines(WebVTT._get_lines([text])))
    found = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vtt_blocks, "_CHUNK_CHARS", chunk)
        for block in vtt_blocks.blocks(text):
            lines = _LINE_END.split(text[block.start : block.end])
            head = _LINE_END.split(text[block.start : block.head_end])
            rest = list(vtt_blocks.lines_after(text, block, block.head_end))
            assert (head, head + rest, block.lines) == (lines[:2], lines, len(lines))
            found.append(lines)

    assert found == expected


def long_cue(lines: int, newline: str = "\n") -> str:
    body = [f"and point {n}" for n in range(lines)]
    body[lines // 2] = "<v Sam Park>Here is my answer"
    return newline.join(
        ["WEBVTT", "", "7", "00:01.000 --> 00:02.000", "<v Dana Lee>Why that design?", *body]
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_cue_of_many_lines_reads_as_the_library_reads_it_whole(
    newline: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = long_cue(3 * vtt_format._LONG_BLOCK_LINES, newline)
    read = parse_vtt(text, candidate_label="Sam Park")
    monkeypatch.setattr(vtt_format, "_LONG_BLOCK_LINES", 10**9)

    assert read == parse_vtt(text, candidate_label="Sam Park")
    assert [(t.speaker, t.start, t.end) for t in read.turns] == [
        ("Dana Lee", 1.0, 2.0),
        ("Sam Park", 1.0, 2.0),
    ]
    assert read.turns[1].text.startswith("Here is my answer and point 97 and point 98")
