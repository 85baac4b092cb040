"""WebVTT transcripts from Zoom ("Name: text" cues) and Teams (<v Name> voice tags)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.transcripts import TranscriptError, load_transcript, parse_text, parse_vtt

DATA = Path(__file__).parent / "data" / "transcripts"
ZOOM = DATA / "zoom_churn_interview.vtt"
TEAMS = DATA / "teams_extraction_interview.vtt"


def test_zoom_export_reads_as_alternating_interviewer_and_candidate_turns() -> None:
    t = load_transcript(ZOOM)
    assert len(t.turns) == 18
    assert [turn.speaker for turn in t.turns] == ["Dana Lee", "Priya Raman"] * 9
    assert [turn.role for turn in t.turns] == ["interviewer", "candidate"] * 9


def test_zoom_cues_by_one_speaker_join_into_one_turn() -> None:
    long_answer = load_transcript(ZOOM).turns[5]
    assert long_answer.text.startswith("Okay, so that shapes it. First, a preprocessing step")
    assert "parse the pasted export into tickets" in long_answer.text  # cue 11 → cue 12
    assert long_answer.text.endswith("they see words in two or three seconds.")
    assert "\n" not in long_answer.text
    assert "Priya Raman:" not in long_answer.text


def test_zoom_cue_times_become_turn_start_and_end_seconds() -> None:
    t = load_transcript(ZOOM)
    assert (t.turns[0].start, t.turns[0].end) == (2.14, 7.07)
    # The long answer runs from its first cue (00:01:23.495) to its last (00:02:26.653).
    assert (t.turns[5].start, t.turns[5].end) == (83.495, 146.653)


def test_zoom_transcript_id_and_source_come_from_the_file() -> None:
    t = load_transcript(ZOOM)
    assert t.id == "zoom_churn_interview"
    assert t.source == {"format": "vtt", "file": "zoom_churn_interview.vtt"}


def test_teams_voice_tags_name_the_speakers() -> None:
    t = load_transcript(TEAMS)
    assert [turn.speaker for turn in t.turns] == ["Dana Lee", "Sam Okafor"] * 4
    assert [turn.role for turn in t.turns] == ["interviewer", "candidate"] * 4
    assert all("<v" not in turn.text and "</v>" not in turn.text for turn in t.turns)


def test_teams_multi_line_cues_and_entities_read_as_plain_text() -> None:
    t = load_transcript(TEAMS)
    assert t.turns[3].text == (
        "I'd define a JSON schema with the fields and use the tool-use or structured output "
        "mode, so the response is validated by the SDK, and I'd validate again with pydantic "
        "on our side. Fields that aren't in the email should be null, never guessed."
    )
    assert "order numbers & product names" in t.turns[5].text
    assert (t.turns[3].start, t.turns[3].end) == (29.092, 46.132)


def test_a_cue_without_a_name_continues_the_previous_speaker() -> None:
    vtt = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\nDana Lee: Where would you start?\n\n"
        "00:00:03.000 --> 00:00:04.000\nPriya Raman: With the input,\n\n"
        "00:00:04.000 --> 00:00:05.500\nbecause it is messy.\n"
    )
    t = parse_vtt(vtt)
    assert [(turn.speaker, turn.text) for turn in t.turns] == [
        ("Dana Lee", "Where would you start?"),
        ("Priya Raman", "With the input, because it is messy."),
    ]
    assert t.turns[1].end == 5.5


def test_two_voices_in_one_cue_become_two_turns() -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana Lee>Ready?</v>\n<v Priya Raman>Yes.</v>\n"
    )
    t = parse_vtt(vtt)
    assert [(turn.speaker, turn.role, turn.text) for turn in t.turns] == [
        ("Dana Lee", "interviewer", "Ready?"),
        ("Priya Raman", "candidate", "Yes."),
    ]


def test_candidate_label_settles_roles_in_vtt_too() -> None:
    t = load_transcript(ZOOM, candidate_label="Dana Lee")
    assert {turn.speaker for _, turn in t.candidate_turns()} == {"Dana Lee"}


def test_vtt_and_text_share_the_same_role_rules() -> None:
    vtt = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\nDana Lee: Ready?\n\n"
        "00:00:03.000 --> 00:00:04.000\nPriya Raman: Yes, shall we?\n"
    )
    text = "Dana Lee: Ready?\nPriya Raman: Yes, shall we?\n"
    with pytest.raises(TranscriptError) as from_vtt:
        parse_vtt(vtt, origin="x")
    with pytest.raises(TranscriptError) as from_text:
        parse_text(text, origin="x")
    assert str(from_vtt.value) == str(from_text.value)
    assert str(from_vtt.value).endswith("pass --candidate-label NAME")


def test_vtt_without_speaker_names_is_an_error_naming_the_file() -> None:
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n"
    with pytest.raises(TranscriptError) as caught:
        parse_vtt(vtt, origin="call.vtt")
    message = str(caught.value)
    assert message.startswith("call.vtt: no speaker names in 1 cue(s)")
    assert "\n" not in message


def test_text_without_the_webvtt_header_is_not_read_as_vtt() -> None:
    with pytest.raises(TranscriptError, match=r"^call\.vtt: not a WebVTT file"):
        parse_vtt("Dana Lee: hi\n", origin="call.vtt")
