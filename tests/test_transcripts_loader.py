"""load_transcript: format sniffing, ids and sources, and one-line errors for bad files."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from scoring.transcripts import (
    MAX_TRANSCRIPT_BYTES,
    Transcript,
    TranscriptError,
    Turn,
    export_transcript,
    load_transcript,
)

DATA = Path(__file__).parent / "data" / "transcripts"
SAMPLES = Path(__file__).parent.parent / "transcripts" / "samples"
DIALOGUE = "Interviewer: Where would you start?\nCandidate: With the input.\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def load_error(path: Path, **options: str) -> str:
    """The error message, checked to be one line that starts with the path."""
    with pytest.raises(TranscriptError) as caught:
        load_transcript(path, **options)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message and "\r" not in message
    return message


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("zoom_churn_interview.vtt", "vtt"),
        ("teams_extraction_interview.vtt", "vtt"),
        ("interviewer_candidate_labels.txt", "txt"),
        ("q_and_a.txt", "txt"),
        ("two_real_names.txt", "txt"),
        ("simulated_strong_shipper.json", "json"),
        ("exported_notes.md", "md"),
    ],
)
def test_every_corpus_file_loads_with_its_format_and_file_name(name: str, fmt: str) -> None:
    t = load_transcript(DATA / name)
    assert t.source["format"] == fmt
    assert t.source["file"] == name
    assert t.candidate_turns()


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_every_demo_sample_loads_with_candidate_turns(path: Path) -> None:
    assert len(load_transcript(path).candidate_turns()) >= 5


def test_text_and_vtt_transcripts_take_the_file_stem_as_id(tmp_path: Path) -> None:
    assert load_transcript(write(tmp_path, "round-3.txt", DIALOGUE)).id == "round-3"


@pytest.mark.parametrize(
    ("name", "source", "fmt"),
    [
        ("renamed.txt", "zoom_churn_interview.vtt", "vtt"),
        ("renamed.txt", "simulated_strong_shipper.json", "json"),
        ("renamed.txt", "exported_notes.md", "md"),
        ("no-extension", "zoom_churn_interview.vtt", "vtt"),
    ],
)
def test_content_decides_the_format_over_the_extension(
    tmp_path: Path, name: str, source: str, fmt: str
) -> None:
    path = tmp_path / name
    shutil.copy(DATA / source, path)
    assert load_transcript(path).source["format"] == fmt


def test_hand_written_markdown_notes_read_as_labelled_text(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.md", "# Notes\n\n**Interviewer:** Why?\n\n**Candidate:** Cost.\n")
    t = load_transcript(path)
    assert t.source["format"] == "txt"
    assert [turn.role for turn in t.turns] == ["other", "interviewer", "candidate"]


def test_fmt_option_overrides_sniffing(tmp_path: Path) -> None:
    path = write(tmp_path, "call.log", DIALOGUE)
    assert load_transcript(path, fmt="text").source["format"] == "txt"


def test_a_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + DIALOGUE.encode())
    assert load_transcript(path).turns[0].speaker == "Interviewer"


def test_windows_line_endings_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", DIALOGUE.replace("\n", "\r\n"))
    assert load_transcript(path).turns[1].text == "With the input."


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_an_exported_transcript_loads_back_with_its_turns(tmp_path: Path, fmt: str) -> None:
    t = Transcript(
        id="round-1",
        title="Round 1",
        turns=[
            Turn(role="interviewer", speaker="Dana", text="Why?", start=1.5),
            Turn(role="candidate", speaker="Priya", text="# Because\n\n  cost.  ", meta={"k": "v"}),
        ],
        source={"brief": "churn-analysis"},
    )
    path = write(tmp_path, f"export.{fmt}", export_transcript(t, fmt))  # type: ignore[arg-type]
    loaded = load_transcript(path)
    assert loaded.model_copy(update={"source": t.source}) == t
    assert loaded.source == {"brief": "churn-analysis", "format": fmt, "file": path.name}


def test_export_to_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export_transcript(Transcript(id="x", turns=[]), "pdf")  # type: ignore[arg-type]


# Errors: one line, starting with the path, saying what to do.


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", b"Candidate: a\n" + b"x" * MAX_TRANSCRIPT_BYTES)
    assert "larger than the 5 MB limit" in load_error(path)


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    padding = b" " * (MAX_TRANSCRIPT_BYTES - len(DIALOGUE))
    path = write(tmp_path, "big.txt", DIALOGUE.encode() + padding)
    assert load_transcript(path).candidate_turns()


@pytest.mark.parametrize("content", [b"", b"  \n\n\t", codecs.BOM_UTF8])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    assert load_error(write(tmp_path, "empty.txt", content)).endswith("file is empty")


def test_a_file_with_nul_bytes_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "audio.vtt", b"WEBVTT\n\x00\x01\x02 Candidate: a")
    assert "looks like a binary file" in load_error(path)


def test_a_file_of_mostly_control_characters_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "blob.txt", b"Candidate: a\n" + bytes(range(1, 9)) * 20)
    assert "looks like a binary file (mostly non-text)" in load_error(path)


def test_invalid_utf8_names_the_byte_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", "Candidate: café\n".encode("latin-1"))
    assert load_error(path) == (
        f"{path}: is not valid UTF-8 (byte 0xe9 at offset 14); save it as UTF-8"
    )


def test_utf16_is_named_as_such(tmp_path: Path) -> None:
    path = write(tmp_path, "teams.txt", DIALOGUE.encode("utf-16"))
    assert "UTF-16" in load_error(path)


def test_an_unknown_extension_without_a_recognisable_header_is_refused(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "notes.docx", DIALOGUE))
    assert "unknown transcript format (extension '.docx')" in message
    assert "--input-format" in message


def test_an_unknown_fmt_option_is_refused(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "a.txt", DIALOGUE), fmt="pdf")
    assert "unknown format 'pdf'; choose one of json, md, vtt, txt" in message


def test_a_transcript_without_candidate_turns_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "monologue.txt", "Interviewer: Hello?\nInterviewer: Anyone?\n")
    assert load_error(path) == (
        f"{path}: no candidate turns (speakers: Interviewer); pass --candidate-label NAME"
    )


def test_json_without_candidate_turns_is_refused(tmp_path: Path) -> None:
    t = Transcript(id="x", turns=[Turn(role="interviewer", text="Hello?")])
    path = write(tmp_path, "x.json", export_transcript(t, "json"))
    assert "no candidate turns" in load_error(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nope.vtt").endswith("no such file")


def test_a_directory_is_not_a_transcript(tmp_path: Path) -> None:
    folder = tmp_path / "calls.vtt"
    folder.mkdir()
    assert "is a folder, not a transcript" in load_error(folder)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.json", '{"id": "x", "turns": [{"role": "boss", "text": "a"}]}', "turns[0].role"),
        ("bad.json", "{not json", "invalid JSON at line 1 column 2"),
        ("bad.vtt", "Dana: hi\n", "not a WebVTT file"),
        ("bad.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n", "no speaker names"),
        ("bad.md", "<!-- mockloop:transcript v1 {} -->\n", "line 1: id: Field required"),
        ("bad.txt", "no labels at all\n", "no speaker labels found"),
        ("two.txt", "Dana Lee: Hi.\nPriya Raman: Hi.\n", "cannot tell which speaker"),
    ],
)
def test_unreadable_content_in_every_format_is_a_one_line_error(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    assert expected in load_error(write(tmp_path, name, content))


def test_a_candidate_label_matching_nobody_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "three.txt"
    shutil.copy(DATA / "three_speakers.txt", path)
    assert load_error(path, candidate_label="Sam") == (
        f"{path}: no speaker matches --candidate-label 'Sam' "
        "(found: Dana Lee, Marcus Chen, Priya Raman)"
    )


def test_a_path_with_a_newline_still_gives_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "odd\nname.txt"
    with pytest.raises(TranscriptError) as caught:
        load_transcript(path)
    assert "\n" not in str(caught.value)
