"""The project's JSON: exactly Transcript.model_dump(mode="json"), errors with field paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.transcripts import (
    Transcript,
    TranscriptError,
    Turn,
    export_transcript,
    load_transcript,
    parse_json,
    to_json,
)

DATA = Path(__file__).parent / "data" / "transcripts"

# JSON has no infinity, so model_dump(mode="json") writes null for it: only finite times
# can round-trip.
finite_times = st.none() | st.floats(allow_nan=False, allow_infinity=False)
turns = st.builds(
    Turn,
    role=st.sampled_from(["interviewer", "candidate", "other"]),
    text=st.text(),
    speaker=st.none() | st.text(),
    start=finite_times,
    end=finite_times,
    meta=st.dictionaries(st.text(), st.text(), max_size=3),
)
transcripts = st.builds(
    Transcript,
    id=st.text(),
    title=st.none() | st.text(),
    turns=st.lists(turns, max_size=5),
    source=st.dictionaries(st.text(), st.text(), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(transcripts)
def test_json_round_trip_is_exact(t: Transcript) -> None:
    assert parse_json(to_json(t)) == t


@settings(max_examples=50, deadline=None)
@given(transcripts)
def test_json_export_is_exactly_the_model_dump(t: Transcript) -> None:
    assert json.loads(export_transcript(t, "json")) == t.model_dump(mode="json")


def test_the_json_corpus_file_keeps_its_id_title_and_meta() -> None:
    t = load_transcript(DATA / "simulated_strong_shipper.json")
    assert t.id == "sim-churn-strong-shipper-01"
    assert t.title == "Churn-risk analysis — simulated strong shipper"
    assert [turn.role for turn in t.turns] == ["interviewer", "candidate"] * 2
    assert t.turns[2].meta == {"probe": "cost_latency.cheapest_model"}
    assert t.turns[3].start == 106.5
    assert t.source == {
        "brief": "churn-analysis",
        "persona": "strong-shipper",
        "engine": "offline",
        "format": "json",
        "file": "simulated_strong_shipper.json",
    }


def json_error(text: str) -> str:
    with pytest.raises(TranscriptError) as caught:
        parse_json(text, origin="t.json")
    message = str(caught.value)
    assert message.startswith("t.json: ")
    assert "\n" not in message
    return message


def test_a_bad_role_is_reported_with_its_field_path() -> None:
    doc = {"id": "x", "turns": [{"role": "candidate", "text": "a"}, {"role": "judge", "text": "b"}]}
    assert json_error(json.dumps(doc)) == (
        "t.json: turns[1].role: Input should be 'interviewer', 'candidate' or 'other'"
    )


def test_missing_fields_and_extra_fields_are_reported_with_how_many_more() -> None:
    doc = {"turns": [{"role": "candidate", "text": "a", "mood": "calm"}]}
    assert json_error(json.dumps(doc)) == "t.json: id: Field required (and 1 more problem)"


def test_json_syntax_errors_give_line_and_column() -> None:
    assert json_error('{\n  "id": "x",\n  "turns": [,]\n}') == (
        "t.json: invalid JSON at line 3 column 13: Expecting value"
    )


def test_json_that_is_not_an_object_is_an_error() -> None:
    assert "expected a JSON object with 'id' and 'turns', got an array" in json_error("[]")
