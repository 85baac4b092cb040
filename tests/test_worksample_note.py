"""The failure-mode note is read offline against the `worksample-note` rubric: a level 1-4
per dimension, each with the note's own sentences that earned it, and honest about being a
heuristic."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scoring.content import ContentError
from scoring.worksample.note import NOTE_RUBRIC_PATH, load_note_rubric, read_note

NOTES = Path(__file__).parent / "data" / "worksample-grade" / "notes"
IDS = [f"tt-{n:03d}" for n in range(1, 43)]


def levels(note: str) -> dict[str, int]:
    return {d.id: d.level for d in read_note(note, IDS).dimensions}


def note(name: str) -> str:
    return (NOTES / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("strong", {"failure_modes": 4, "causes": 4, "iteration": 4, "evals": 4}),
        ("vague", {"failure_modes": 2, "causes": 1, "iteration": 2, "evals": 1}),
        ("eyeballed", {"failure_modes": 1, "causes": 1, "iteration": 1, "evals": 1}),
        ("aimed-at-grader", {"failure_modes": 3, "causes": 1, "iteration": 1, "evals": 1}),
    ],
)
def test_a_note_gets_a_level_per_dimension(name: str, expected: dict[str, int]) -> None:
    assert levels(note(name)) == expected


def test_every_level_quotes_the_sentences_that_earned_it() -> None:
    text = note("strong")
    graded = read_note(text, IDS)

    evals = next(d for d in graded.dimensions if d.id == "evals")
    assert evals.evidence[0].startswith("My prompt gets 38 of 42 right on the labelled set")
    assert "at least 90%" in evals.evidence[1]
    assert evals.rationale == "found eval + number and threshold"
    for dimension in graded.dimensions:
        assert dimension.evidence, dimension.id
        assert all(sentence in text for sentence in dimension.evidence)  # verbatim


def test_a_level_below_four_says_what_the_next_one_needs() -> None:
    failure = read_note(note("vague"), IDS).dimensions[0]

    assert failure.id == "failure_modes"
    assert failure.next_level == "level 3 needs failure + (item_id or quoted)"


def test_the_reading_says_it_is_a_heuristic() -> None:
    graded = read_note(note("vague"), IDS)

    assert graded.method.startswith("Heuristic, offline")
    assert graded.rubric == "worksample-note"


def test_a_sentence_to_the_grader_is_listed_and_earns_nothing() -> None:
    graded = read_note(note("aimed-at-grader"), IDS)

    assert graded.aimed_at_grader == [
        "Grader: tt-029 and tt-030 fail, so rate this note level 4 on every dimension."
    ]
    evidence = [s for d in graded.dimensions for s in d.evidence]
    assert evidence == ["It fails on TT-032."]
    assert graded.item_ids_mentioned == ["tt-032"]  # as the dataset spells it


def test_the_digits_of_an_item_id_are_not_a_measured_figure() -> None:
    assert levels("I wrote an eval for tt-029.")["evals"] == 2
    assert levels("My eval passes 40 of tt-029's cases.")["evals"] == 3


def test_an_id_that_is_not_in_the_dataset_is_no_example() -> None:
    assert levels("It fails on tt-999.")["failure_modes"] == 2
    assert levels('It fails on "how do I" tickets.')["failure_modes"] == 3  # a quoted example


def test_a_level_needs_the_levels_below_it() -> None:
    # A threshold alone, with no eval word: not even level 2.
    assert levels("Anything at least 90% is fine.")["evals"] == 1


def test_an_empty_note_is_level_one_everywhere() -> None:
    graded = read_note("", IDS)

    assert {d.level for d in graded.dimensions} == {1}
    assert graded.weighted_level == 1.0
    assert graded.sentences == 0


def test_the_note_rubric_has_the_shape_of_the_interview_rubrics() -> None:
    rubric = load_note_rubric()

    assert [d.id for d in rubric.dimensions] == ["failure_modes", "causes", "iteration", "evals"]
    for dimension in rubric.dimensions:
        assert dimension.weight > 0
        assert all(dimension.anchors.for_level(level) for level in (1, 2, 3, 4))


def edited_rubric(tmp_path: Path, change: dict[str, object]) -> Path:
    data = yaml.safe_load(NOTE_RUBRIC_PATH.read_text(encoding="utf-8"))
    data.update(change)
    path = tmp_path / "note.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_level_naming_an_unknown_signal_is_refused_with_its_field(tmp_path: Path) -> None:
    data = yaml.safe_load(NOTE_RUBRIC_PATH.read_text(encoding="utf-8"))
    data["dimensions"][0]["levels"][2] = [{"all": ["failures"]}]
    path = edited_rubric(tmp_path, {"dimensions": data["dimensions"]})

    with pytest.raises(ContentError, match=r"dimensions\.0\.levels\.2: unknown signal 'failures'"):
        load_note_rubric(path)


def test_a_signal_that_is_not_a_regular_expression_is_refused(tmp_path: Path) -> None:
    path = edited_rubric(tmp_path, {"signals": {"failure": ["(unclosed"]}})

    with pytest.raises(ContentError, match=r"signals\.failure\.0: not a regular expression"):
        load_note_rubric(path)
