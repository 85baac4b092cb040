"""The held-out replay set (tests/data/replay/answers: ten candidates written by someone who
never saw the interviewer) replayed through whole rounds: the interviewer never asks for what
was just given, quotes only whole sentences of the last answer, answers every clarifying
question (or says to assume), and answers questions at the wrap-up."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from scoring.reading.catalogue import slot_book
from scoring.reading.read import read_answer
from simulator.content.loader import load_library
from simulator.engines.offline import OfflineEngine
from simulator.interview.analysis import QUOTE_MIN_WORDS
from simulator.simulation import AnswersPlayer, play, read_answers
from simulator.workspace import Workspace

ANSWERS = Path(__file__).resolve().parent / "data" / "replay" / "answers"
FILES = sorted(ANSWERS.glob("*.txt"))
LIBRARY = load_library()
QUOTE = re.compile(r"“([^”]+)”")
RECENT = 3  # answers within which a filled slot is never asked for again


def brief_of(path: Path) -> str:
    return next(b for b in sorted(LIBRARY.briefs, key=len, reverse=True) if path.stem.startswith(b))


@cache
def replayed(name: str, minutes: int = 60) -> tuple[dict[str, Any], ...]:
    path = ANSWERS / name
    with Workspace() as ws:
        runner = ws.new_round(
            brief_id=brief_of(path),
            interviewer_id="neutral",
            candidate=f"answers:{path.name}",
            mode="interview",
            minutes=minutes,
            seed=1,
            engine=OfflineEngine(),
        )
        play(runner, AnswersPlayer(read_answers(path)))
        return tuple(runner.state["turns"])


def exchanges(turns: tuple[dict[str, Any], ...]) -> list[tuple[int, dict[str, Any]]]:
    """(index, interviewer turn) for every interviewer turn that follows an answer."""
    return [(i, t) for i, t in enumerate(turns) if t["role"] == "interviewer" and i > 0]


def test_the_set_is_what_the_issue_asks_for() -> None:
    assert len(FILES) >= 8
    assert {brief_of(f) for f in FILES} == set(LIBRARY.briefs)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_no_follow_up_asks_for_a_slot_filled_in_the_last_three_answers(path: Path) -> None:
    turns = replayed(path.name)
    book = slot_book(LIBRARY.brief(brief_of(path)).slot_forms)
    for index, turn in exchanges(turns):
        slot = turn["meta"].get("slot")
        if not slot:
            continue
        answers = [t["text"] for t in turns[:index] if t["role"] == "candidate"][-RECENT:]
        heard = {s for a in answers for s in read_answer(a, book).slot_ids}
        assert slot not in heard, f"turn {index + 1} asks for {slot}, just given"


def test_every_quote_is_a_whole_sentence_of_the_last_answer() -> None:
    quoted = 0
    for path in FILES:
        turns = replayed(path.name)
        for index, turn in exchanges(turns):
            last = turns[index - 1]
            for quote in QUOTE.findall(turn["text"]):
                quoted += 1
                where = f"{path.stem} turn {index + 1}"
                assert last["role"] == "candidate"
                assert quote in last["text"], f"{where}: {quote!r} is not in the last answer"
                assert len(quote.split()) >= QUOTE_MIN_WORDS, f"{where}: a fragment"
    assert quoted >= 5, "the interviewer picks up the candidate's own words now and then"


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_every_clarifying_question_is_answered_or_met_with_assume(path: Path) -> None:
    turns = replayed(path.name)
    book = slot_book(LIBRARY.brief(brief_of(path)).slot_forms)
    for index, turn in exchanges(turns):
        meta = turn["meta"]
        if meta.get("phase") in ("wrap_up", "closed") or meta.get("move") == "wrap_up":
            continue
        asked = read_answer(turns[index - 1]["text"], book).asked("clarifying")
        if asked:
            assert meta.get("facts") or meta.get("assume") or meta.get("answered"), (
                f"turn {index + 1} ignores {asked[0].text!r}"
            )


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_a_question_at_the_wrap_up_gets_an_answer(path: Path) -> None:
    """In a short round the answers outlast the deep dives, so the wrap-up is reached with
    answers (and questions) still to come."""
    for minutes in (30, 20, 10):
        turns = replayed(path.name, minutes=minutes)
        moves = [t["meta"].get("move") for t in turns]
        if "wrap_up" in moves[:-1]:
            break
    assert "wrap_up" in moves
    start = moves.index("wrap_up")
    for index in range(start + 1, len(turns) - 1):
        answer, reply = turns[index], turns[index + 1]
        if answer["role"] == "candidate" and "?" in answer["text"]:
            assert reply["meta"]["move"] in ("answer_question", "close")
            assert reply["meta"].get("answered") == "true", f"turn {index + 2} answers nothing"
