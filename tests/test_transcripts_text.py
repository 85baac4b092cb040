"""Plain-text transcripts: speaker labels, continuation lines and who is the candidate."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.transcripts import TranscriptError, load_transcript, parse_text

DATA = Path(__file__).parent / "data" / "transcripts"


def test_interviewer_and_candidate_labels_map_to_roles() -> None:
    t = load_transcript(DATA / "interviewer_candidate_labels.txt")
    assert [turn.role for turn in t.turns] == ["interviewer", "candidate"] * 3
    assert {turn.speaker for turn in t.turns} == {"Interviewer", "Candidate"}


def test_unlabelled_lines_continue_the_turn_and_keep_paragraphs() -> None:
    t = load_transcript(DATA / "interviewer_candidate_labels.txt")
    assert t.turns[1].text == (
        "I'd start with the input, because it's messy.\n"
        "The tickets come in as a pasted Zendesk export, so I'd parse them into ticket id, date,\n"
        "author and body before anything reaches the model.\n"
        "\n"
        "Monitoring alerts are most of the volume on big accounts, so I'd collapse those into one\n"
        "line per alert type."
    )
    # The blank line between turns is not part of either turn.
    assert t.turns[0].text.endswith("Where would you start?")


def test_q_and_a_labels_map_to_interviewer_and_candidate() -> None:
    t = load_transcript(DATA / "q_and_a.txt")
    labelled = t.turns[1:]
    assert [turn.speaker for turn in labelled] == ["Q", "A"] * 3
    assert [turn.role for turn in labelled] == ["interviewer", "candidate"] * 3
    assert labelled[3].text.endswith("more than three points.")


def test_lines_before_the_first_label_become_an_other_turn() -> None:
    t = load_transcript(DATA / "q_and_a.txt")
    assert t.turns[0].role == "other"
    assert t.turns[0].speaker is None
    assert t.turns[0].text == "Mock round: churn-risk analysis (practice notes, 14 May)"


def test_two_real_names_the_first_speaker_asking_more_questions_is_the_interviewer() -> None:
    t = load_transcript(DATA / "two_real_names.txt")
    roles = {turn.speaker: turn.role for turn in t.turns}
    assert roles == {"Dana Lee": "interviewer", "Priya Raman": "candidate"}


def test_bracketed_timestamps_become_start_seconds() -> None:
    t = load_transcript(DATA / "two_real_names.txt")
    assert [turn.start for turn in t.turns] == [4.0, 7.0, 12.0, 19.0, 62.0, 70.0]
    assert t.turns[3].text.endswith(
        "so it\ncan be cached, and the tickets in the user message as data."
    )


def test_three_speakers_need_a_candidate_label() -> None:
    path = DATA / "three_speakers.txt"
    with pytest.raises(TranscriptError) as caught:
        load_transcript(path)
    assert str(caught.value) == (
        f"{path}: cannot tell which speaker is the candidate "
        "(found: Dana Lee, Marcus Chen, Priya Raman); pass --candidate-label NAME"
    )


def test_candidate_label_names_the_candidate_and_everyone_else_interviews() -> None:
    t = load_transcript(DATA / "three_speakers.txt", candidate_label="Priya Raman")
    roles = {turn.speaker: turn.role for turn in t.turns}
    assert roles == {
        "Dana Lee": "interviewer",
        "Marcus Chen": "interviewer",
        "Priya Raman": "candidate",
    }


def test_candidate_label_matches_a_unique_first_name_in_any_case() -> None:
    t = load_transcript(DATA / "three_speakers.txt", candidate_label="priya")
    assert {turn.speaker for _, turn in t.candidate_turns()} == {"Priya Raman"}


def test_candidate_label_matching_no_speaker_lists_the_labels_found() -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_text("Dana Lee: Hi?\nPriya Raman: Hello.", candidate_label="Sam", origin="x.txt")
    assert str(caught.value) == (
        "x.txt: no speaker matches --candidate-label 'Sam' (found: Dana Lee, Priya Raman)"
    )


def test_two_names_with_equal_questions_are_not_guessed() -> None:
    text = "Dana Lee: Ready?\nPriya Raman: Yes. Shall we start?\nDana Lee: Sure.\n"
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, origin="transcripts/x.txt")
    assert str(caught.value) == (
        "transcripts/x.txt: cannot tell which speaker is the candidate "
        "(found: Dana Lee, Priya Raman); pass --candidate-label NAME"
    )


def test_first_speaker_asking_fewer_questions_is_not_clear_cut() -> None:
    text = "Dana Lee: Hello.\nPriya Raman: Hi, what is the brief? And the volume?\n"
    with pytest.raises(TranscriptError, match="cannot tell which speaker"):
        parse_text(text, origin="x.txt")


def test_role_labels_and_names_mix_and_extra_names_are_other() -> None:
    text = "Interviewer: Go ahead?\nCandidate: Sure.\nMarcus Chen: (joins late)\n"
    t = parse_text(text)
    assert [turn.role for turn in t.turns] == ["interviewer", "candidate", "other"]


def test_one_name_opposite_an_interviewer_label_is_the_candidate() -> None:
    t = parse_text("Interviewer: Where would you start?\nPriya: With the input.\n")
    assert [(turn.speaker, turn.role) for turn in t.turns] == [
        ("Interviewer", "interviewer"),
        ("Priya", "candidate"),
    ]


def test_markdown_bold_labels_are_read_like_plain_labels() -> None:
    t = parse_text("**Interviewer:** How?\n\n**Candidate:** Like this.\n")
    assert [(turn.role, turn.text) for turn in t.turns] == [
        ("interviewer", "How?"),
        ("candidate", "Like this."),
    ]


def test_note_and_prose_colons_do_not_start_a_turn() -> None:
    text = (
        "Interviewer: Go on?\n"
        "Candidate: Two things.\n"
        "Note: the cache key includes the prompt version.\n"
        "The trade-off is: latency against cost.\n"
        "See https://example.com for the numbers.\n"
    )
    t = parse_text(text)
    assert len(t.turns) == 2
    assert t.turns[1].text.count("\n") == 3


def test_consecutive_labels_by_one_speaker_merge_into_one_turn() -> None:
    t = parse_text("Q: Why?\nA: First part.\nA: Second part.\n")
    assert [turn.text for turn in t.turns] == ["Why?", "First part.\nSecond part."]


def test_interviewee_label_is_the_candidate() -> None:
    t = parse_text("Interviewer: Ready?\nInterviewee: Ready.\n")
    assert [turn.role for turn in t.turns] == ["interviewer", "candidate"]


def test_text_without_any_label_is_an_error_naming_the_file() -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_text("just some notes\nwithout speakers\n", origin="notes.txt")
    assert str(caught.value).startswith("notes.txt: no speaker labels found")
