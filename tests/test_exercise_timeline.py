"""Rebuilding an eval from its keystroke timeline (simulator/services/exercises.py): every
edit replayed the way Textual's editor applies it gives the same text, and a change made
outside a single edit (an undo, a redo) is recorded as one replacement that replays too."""

from __future__ import annotations

import random

import pytest
from textual.widgets.text_area import Document

from simulator.services.exercises import replay, text_change
from simulator.store.exercises import Location, TimelineEvent


def edit(start: Location, end: Location, text: str, t: float = 1.0) -> TimelineEvent:
    return TimelineEvent(t, "edit", start, end, text)


STARTER = TimelineEvent(0.0, "start", inserted='"""Docs."""\n\n\ndef test_x(cases):\n    pass\n')


@pytest.mark.parametrize(
    "edits",
    [
        [edit((4, 4), (4, 8), "assert cases")],  # a selection replaced
        [edit((1, 0), (1, 0), "import re\n")],  # a line inserted
        [edit((0, 11), (3, 0), "")],  # lines joined
        [edit((5, 0), (5, 0), "x = 1\r\ny = 2\r\n")],  # a paste with Windows line ends
        [edit((5, 0), (5, 0), "a\u2028b")],  # a Unicode line separator
        [edit((5, 0), (5, 0), "tab\x0c")],  # a form feed at the end of what was pasted
        [edit((4, 8), (4, 4), "")],  # a range given end first
    ],
)
def test_replay_matches_the_editors_document(edits: list[TimelineEvent]) -> None:
    document = Document(STARTER.inserted)
    for e in edits:
        document.replace_range(e.start, e.end, e.inserted)

    assert replay([STARTER, *edits]) == document.text


def test_only_edits_change_the_code() -> None:
    events = [
        STARTER,
        TimelineEvent(5.0, "check", inserted="Misses the regression"),
        TimelineEvent(6.0, "resume"),
        TimelineEvent(9.0, "submit", inserted="Catches the regression"),
    ]
    assert replay(events) == STARTER.inserted


def test_an_empty_timeline_is_an_empty_file() -> None:
    assert replay([]) == ""


def test_a_whole_text_change_replays_to_the_new_text() -> None:
    rng = random.Random(7)
    alphabet = "ab\n "
    for _ in range(500):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        after = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        change = text_change(before, after, 1.0)
        if before == after:
            assert change is None
            continue
        assert change is not None
        assert replay([TimelineEvent(0.0, "start", inserted=before), change]) == after
        assert change.deleted + change.inserted  # never an empty event


def test_a_change_keeps_what_is_common_at_both_ends() -> None:
    change = text_change("def f():\n    pass\n", "def f():\n    return 1\n", 2.5)

    assert change == TimelineEvent(2.5, "edit", (1, 4), (1, 8), "return 1", "pass")
