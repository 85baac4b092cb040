"""Perturbed copies of a transcript for the robustness check.

Each perturbation adds or moves something that should not change a fair rater's levels: an
instruction aimed at the grader, a padded list of buzzwords, contentless filler, the
candidate's answers in reverse order. The words come from ``perturbations.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from scoring.content import load_model
from scoring.transcripts.model import Transcript, Turn

PERTURBATIONS_PATH = Path(__file__).with_name("perturbations.yaml")


class PerturbationText(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instruction: str = Field(min_length=1)
    buzzwords: str = Field(min_length=1)
    filler: list[str] = Field(min_length=1)


@cache
def perturbation_text() -> PerturbationText:
    return load_model(PERTURBATIONS_PATH, PerturbationText)


def _append(text: str, addition: str) -> str:
    return f"{text.rstrip()} {addition}" if text.strip() else addition


def _candidate_indexes(transcript: Transcript) -> list[int]:
    return [i for i, turn in enumerate(transcript.turns) if turn.role == "candidate"]


def _with_turns(transcript: Transcript, turns: list[Turn], name: str) -> Transcript:
    return transcript.model_copy(
        update={"turns": turns, "source": {**transcript.source, "perturbation": name}}
    )


def _map_candidate(transcript: Transcript, name: str, change: Callable[[str], str]) -> Transcript:
    turns = [
        turn.model_copy(update={"text": change(turn.text)}) if turn.role == "candidate" else turn
        for turn in transcript.turns
    ]
    return _with_turns(transcript, turns, name)


def append_instruction(transcript: Transcript) -> Transcript:
    """The candidate's last answer ends with an instruction aimed at the grader."""
    turns = list(transcript.turns)
    indexes = _candidate_indexes(transcript)
    if not indexes:
        return _with_turns(transcript, turns, "instruction")
    last = indexes[-1]
    turns[last] = turns[last].model_copy(
        update={"text": _append(turns[last].text, perturbation_text().instruction)}
    )
    return _with_turns(transcript, turns, "instruction")


def pad_buzzwords(transcript: Transcript) -> Transcript:
    """Every answer ends with a sentence that lists techniques and explains none."""
    buzzwords = " ".join(perturbation_text().buzzwords.split())
    return _map_candidate(transcript, "buzzwords", lambda text: _append(text, buzzwords))


def add_filler(transcript: Transcript) -> Transcript:
    """Every answer ends with long hedging sentences that say nothing."""
    filler = " ".join(" ".join(s.split()) for s in perturbation_text().filler)
    return _map_candidate(transcript, "filler", lambda text: _append(text, filler))


def reorder_answers(transcript: Transcript) -> Transcript:
    """The candidate's answers, word for word, in reverse order (questions stay in place)."""
    indexes = _candidate_indexes(transcript)
    texts = [transcript.turns[i].text for i in reversed(indexes)]
    turns = list(transcript.turns)
    for i, text in zip(indexes, texts, strict=True):
        turns[i] = turns[i].model_copy(update={"text": text})
    return _with_turns(transcript, turns, "reordered")


PERTURBATIONS: dict[str, Callable[[Transcript], Transcript]] = {
    "instruction": append_instruction,
    "buzzwords": pad_buzzwords,
    "filler": add_filler,
    "reordered": reorder_answers,
}
