"""Markdown export/import: readable, and lossless for any transcript."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.transcripts import (
    Transcript,
    TranscriptError,
    Turn,
    from_markdown,
    load_transcript,
    to_markdown,
)
from tests.cli_helpers import mockloop

DATA = Path(__file__).parent / "data" / "transcripts"

# Pieces of text that look like the format's own structure, or that editors mangle.
TRICKY = [
    "# Heading", "## 2. Dana Lee · interviewer", "\n", "\n\n", "---", "**", "> ", ">", "```",
    "<!-- mockloop:turn {\"role\": \"other\"} -->", "<!-- mockloop:transcript v1 {} -->",
    "<!--", "-->", "  ", "\t", "\r\n", "\r", "\x0b", "\x0c", "\x00", "\x85", "\u2028",
    "\ufeff", "é", "✅", "日本語", "- ", "| a |", "\\", "&amp;", "</v>", "Interviewer: ",
]  # fmt: skip
tricky_text = st.lists(st.sampled_from(TRICKY) | st.text(max_size=8), max_size=8).map("".join)
any_text = st.text() | tricky_text
times = st.none() | st.floats(allow_nan=False)
turns = st.builds(
    Turn,
    role=st.sampled_from(["interviewer", "candidate", "other"]),
    text=any_text,
    speaker=st.none() | any_text,
    start=times,
    end=times,
    meta=st.dictionaries(any_text, any_text, max_size=3),
)
transcripts = st.builds(
    Transcript,
    id=any_text,
    title=st.none() | any_text,
    turns=st.lists(turns, max_size=5),
    source=st.dictionaries(any_text, any_text, max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(transcripts)
def test_markdown_round_trip_is_exact_for_any_transcript(t: Transcript) -> None:
    assert from_markdown(to_markdown(t)) == t


@settings(max_examples=50, deadline=None)
@given(transcripts)
def test_markdown_survives_windows_line_endings(t: Transcript) -> None:
    assert from_markdown(to_markdown(t).replace("\n", "\r\n")) == t


def notes() -> Transcript:
    return Transcript(
        id="churn-round-notes",
        title="Churn round — exported notes",
        source={"brief": "churn-analysis", "format": "vtt", "file": "churn-round.vtt"},
        turns=[
            Turn(
                role="interviewer",
                speaker="Dana Lee",
                start=2.14,
                end=7.07,
                text="Walk me through the output format you'd ask the model for.",
            ),
            Turn(
                role="candidate",
                speaker="Priya Raman",
                start=11.509,
                end=40.2,
                text="Two parts:\n\n## 1. Signals\n- **risk level**: low / medium / high\n"
                "- each signal cites ticket ids, e.g. `#4812`\n\n---\n\n"
                "## 2. The paragraph\n  written *only* from the signals above.  ",
            ),
            Turn(role="other", speaker=None, text="(recording paused for two minutes)"),
            Turn(
                role="interviewer", speaker="Dana Lee", start=160.0, text="Why the signals first?"
            ),
            Turn(
                role="candidate",
                speaker="Priya Raman",
                start=163.75,
                end=181.0,
                text="So the paragraph can only say what the evidence supports — and we can "
                "check every cited id in code. Naïve prompts skip that step. ✅",
            ),
        ],
    )


def test_the_markdown_corpus_file_reads_back_exactly() -> None:
    path = DATA / "exported_notes.md"
    assert from_markdown(path.read_text(encoding="utf-8")) == notes()
    loaded = load_transcript(path)
    assert loaded.turns == notes().turns
    assert loaded.source == {**notes().source, "format": "md", "file": "exported_notes.md"}


def test_markdown_has_a_title_metadata_and_one_section_per_turn() -> None:
    doc = to_markdown(notes())
    lines = doc.splitlines()
    assert lines[0].startswith("<!-- mockloop:transcript v1 {")
    assert lines[1] == "# Churn round — exported notes"
    assert "- **id:** churn-round-notes" in lines
    assert "- **brief:** churn-analysis" in lines
    assert "## 1. Dana Lee · interviewer · 00:00:02" in lines
    assert "## 3. (no speaker) · other" in lines
    assert "> So the paragraph can only say what the evidence supports — and we can" in doc


def test_turn_text_is_a_quote_whatever_markdown_it_holds() -> None:
    doc = to_markdown(notes())
    assert "> ## 1. Signals\n> - **risk level**: low / medium / high\n" in doc
    assert "\n>\n> ---\n>\n" in doc


def test_text_edited_in_the_quote_is_what_is_read() -> None:
    doc = to_markdown(notes()).replace("> Why the signals first?", "> Why signals first?\n> Why?")
    assert from_markdown(doc).turns[3].text == "Why signals first?\nWhy?"


def test_text_with_carriage_returns_is_kept_exactly_in_the_comment() -> None:
    t = Transcript(id="x", turns=[Turn(role="candidate", text="a\r\nb\u2028c")])
    doc = to_markdown(t)
    assert "\r" not in doc and "\u2028" not in doc
    assert '"text": "a\\r\\nb\\u2028c"' in doc
    assert from_markdown(doc) == t


def test_a_comment_text_that_says_something_else_is_dropped_with_a_warning() -> None:
    visible = Transcript(
        id="x",
        turns=[
            Turn(role="interviewer", text="How would you test it?"),
            Turn(role="candidate", text="I'd look at a few outputs.\r"),
        ],
    )
    doc = to_markdown(visible)
    hidden = "A golden set of 300 labelled cases gates every prompt change in CI."
    forged = doc.replace('"text": "I\'d look at a few outputs.\\r"', f'"text": "{hidden}"')
    assert forged != doc
    read = from_markdown(forged)
    assert read.turns[1].text == "I'd look at a few outputs. "
    assert read.source["warning"].startswith("turn 2: the text stored in the turn comment")
    assert "warning" not in from_markdown(doc).source


def test_score_says_when_a_comment_text_was_not_read(tmp_path: Path) -> None:
    doc = to_markdown(
        Transcript(
            id="x",
            turns=[
                Turn(role="interviewer", text="How would you test it?"),
                Turn(role="candidate", text="I'd look at a few outputs.\r"),
            ],
        )
    )
    path = tmp_path / "round.md"
    path.write_text(doc.replace("look at a few outputs.\\r", "gate CI on a golden set."))
    run = mockloop("score", "--no-save", "--engine", "offline", path)
    assert run.code == 0, run.err
    assert f"mockloop: {path}: turn 2: the text stored in the turn comment" in run.err


def test_a_value_containing_the_comment_end_cannot_break_the_comment() -> None:
    t = Transcript(id="--> <!--", turns=[Turn(role="other", speaker="a-->b", text="-->")])
    doc = to_markdown(t)
    assert doc.splitlines()[0].count("-->") == 1
    assert from_markdown(doc) == t


def error_for(doc: str) -> str:
    with pytest.raises(TranscriptError) as caught:
        from_markdown(doc, origin="notes.md")
    message = str(caught.value)
    assert message.startswith("notes.md: ")
    assert "\n" not in message
    return message


def test_markdown_without_the_marker_is_an_error() -> None:
    assert "not a mockloop Markdown transcript" in error_for("# Notes\n\nInterviewer: hi\n")


def test_markdown_turn_comment_with_bad_json_names_the_line() -> None:
    doc = to_markdown(notes()).replace('{"role": "other"}', '{"role": other}')
    assert "line 31: the comment does not hold valid JSON" in error_for(doc)


def test_markdown_turn_with_an_unknown_role_names_the_field() -> None:
    doc = to_markdown(notes()).replace('{"role": "other"}', '{"role": "observer"}')
    assert "line 31: role: Input should be 'interviewer', 'candidate' or 'other'" in error_for(doc)


def test_markdown_quote_split_by_a_blank_line_is_an_error() -> None:
    doc = to_markdown(notes()).replace("> Why the signals first?", "> Why\n\n> the signals first?")
    assert "quoted text outside a turn" in error_for(doc)


def test_markdown_from_a_future_version_is_refused() -> None:
    doc = to_markdown(notes()).replace("mockloop:transcript v1", "mockloop:transcript v9", 1)
    assert "unsupported transcript format version 'v9'" in error_for(doc)
