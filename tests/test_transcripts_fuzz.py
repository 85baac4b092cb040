"""Fuzzing every importer: bad input gives a TranscriptError (one line, naming the file), never
any other exception."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.transcripts import (
    Transcript,
    TranscriptError,
    from_markdown,
    load_transcript,
    parse_json,
    parse_text,
    parse_vtt,
)

FUZZ = settings(max_examples=200, deadline=None)

# Fragments that reach deep into each parser rather than failing at its first check.
TEXT_PIECES = [
    "Interviewer:", "Candidate:", "Interviewee: ", "Q: ", "A: ", "Dana Lee: ", "Priya Raman: ",
    "[00:01:02] ", "(12:03) ", "99:99:99 ", "**", "：", "Note: ", "?", "\n", "\n\n", " ", "\t",
    "\r", "\u2028", "é", "李明", "Speaker 2: ",
]  # fmt: skip
VTT_PIECES = [
    "WEBVTT\n", "\n\n", "\n", "1\n", "00:00:01.000 --> 00:00:02.500", " --> ", "00:00.000",
    "99:99:99.999", "9999999999:59:59.999", " line:0 align:start", "<v Dana Lee>",
    "<v.loud Priya>", "</v>", "<v >", "<b>", "Dana Lee: ", "Priya Raman: ", "NOTE ",
    "STYLE\n::cue {}", "REGION\nid:r", "&amp;", "&#0;", "&#x110000;", "?", "text", "\ufeff",
]  # fmt: skip
MD_PIECES = [
    "<!-- mockloop:transcript v1 ", "<!-- mockloop:turn ", " -->", "\n", "> ", ">", "{", "}",
    '"id": "x"', '"role": "candidate"', '"text": 1', '"start": "a"', '"meta": {"a": 1}', ", ",
    "[", "]", "null", "1e999", "-", "NaN", '"turns": []', "# Title", "\r\n", "\\u0000",
]  # fmt: skip


def pieces(fragments: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(fragments) | st.text(max_size=6), max_size=30).map("".join)


def assert_only_transcript_errors(parse: Callable[[], Transcript], origin: str) -> None:
    try:
        parse()
    except TranscriptError as exc:
        message = str(exc)
        assert message.startswith(f"{origin}: ")
        assert len(message.splitlines()) == 1


@FUZZ
@given(st.text() | pieces(TEXT_PIECES), st.none() | st.sampled_from(["Priya", "Q", "nobody"]))
def test_text_parser_only_raises_transcript_errors(text: str, label: str | None) -> None:
    assert_only_transcript_errors(
        lambda: parse_text(text, candidate_label=label, origin="f.txt"), "f.txt"
    )


@FUZZ
@given(st.text() | pieces(VTT_PIECES) | pieces(VTT_PIECES).map("WEBVTT\n\n".__add__))
def test_vtt_parser_only_raises_transcript_errors(text: str) -> None:
    assert_only_transcript_errors(lambda: parse_vtt(text, origin="f.vtt"), "f.vtt")


@FUZZ
@given(
    st.text() | pieces(MD_PIECES) | pieces(MD_PIECES).map("<!-- mockloop:transcript v1 ".__add__)
)
def test_markdown_parser_only_raises_transcript_errors(text: str) -> None:
    assert_only_transcript_errors(lambda: from_markdown(text, origin="f.md"), "f.md")


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
transcript_like = st.fixed_dictionaries(
    {"id": json_values, "turns": st.lists(st.dictionaries(
        st.sampled_from(["role", "text", "speaker", "start", "end", "meta", "other"]),
        json_values | st.sampled_from(["candidate", "interviewer"]),
    ), max_size=4)},
    optional={"title": json_values, "source": json_values},
)  # fmt: skip


@FUZZ
@given(st.text() | json_values.map(json.dumps) | transcript_like.map(json.dumps))
def test_json_parser_only_raises_transcript_errors(text: str) -> None:
    assert_only_transcript_errors(lambda: parse_json(text, origin="f.json"), "f.json")


def test_deeply_nested_json_is_a_transcript_error() -> None:
    with pytest.raises(TranscriptError, match=r"^f\.json: invalid JSON"):
        parse_json("[" * 100_000, origin="f.json")


@pytest.fixture(scope="module")
def fuzz_dir() -> Iterator[Path]:
    # Module-scoped so hypothesis can reuse it across examples.
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.binary(max_size=300)
    | pieces(TEXT_PIECES + VTT_PIECES + MD_PIECES).map(lambda s: s.encode("utf-8", "replace")),
    extension=st.sampled_from([".txt", ".vtt", ".json", ".md", ".markdown", "", ".bin"]),
    fmt=st.none() | st.sampled_from(["txt", "vtt", "json", "md", "zip"]),
)
def test_load_transcript_on_random_bytes_only_raises_transcript_errors(
    fuzz_dir: Path, content: bytes, extension: str, fmt: str | None
) -> None:
    path = fuzz_dir / f"fuzzed{extension}"
    path.write_bytes(content)
    assert_only_transcript_errors(lambda: load_transcript(path, fmt=fmt), str(path))
