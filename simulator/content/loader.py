"""Finding and loading content: shipped briefs and personas plus the user's own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from scoring.content import ContentError, load_model
from scoring.ids import overlong_id
from simulator.content.models import Brief, CandidatePersona, InterviewerPersona
from simulator.paths import shipped_dir, user_dir

M = TypeVar("M", bound=BaseModel)


def _yaml_files(folders: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")))
    return files


def _load_all(files: list[Path], model: type[M], kind: str) -> dict[str, M]:
    items: dict[str, M] = {}
    origin: dict[str, Path] = {}
    for path in files:
        item = load_model(path, model)
        item_id = str(getattr(item, "id"))  # noqa: B009 - every content model has an id
        if path.stem != item_id:
            raise ContentError(f"{path}: id: {kind} id {item_id!r} must match the file name")
        if item_id in items:
            raise ContentError(
                f"{path}: id: duplicate {kind} id {item_id!r} (also in {origin[item_id]})"
            )
        items[item_id] = item
        origin[item_id] = path
    return items


@dataclass
class Library:
    """Everything an interview needs, loaded once and validated up front."""

    briefs: dict[str, Brief]
    interviewers: dict[str, InterviewerPersona]
    candidates: dict[str, CandidatePersona]
    brief_files: dict[str, Path] = field(default_factory=dict)

    def brief(self, brief_id: str) -> Brief:
        return _pick(self.briefs, brief_id, "brief")

    def interviewer(self, persona_id: str) -> InterviewerPersona:
        return _pick(self.interviewers, persona_id, "interviewer")

    def candidate(self, persona_id: str) -> CandidatePersona:
        for persona in self.candidates.values():
            if persona_id in persona.aliases:
                return persona
        return _pick(self.candidates, persona_id, "candidate persona")


class UnknownIdError(LookupError):
    """An id the user typed names nothing; the message lists what exists."""


def _pick(items: dict[str, M], item_id: str, kind: str) -> M:
    if (problem := overlong_id(item_id, kind)) is not None:
        raise UnknownIdError(problem)
    try:
        return items[item_id]
    except KeyError:
        known = ", ".join(sorted(items)) or "none"
        raise UnknownIdError(f"unknown {kind} {item_id!r} (known: {known})") from None


def brief_folders(extra: Path | None = None) -> list[Path]:
    folders = [shipped_dir("briefs"), user_dir("briefs")]
    if extra is not None:
        if not extra.is_dir():
            raise ContentError(f"{extra}: briefs folder not found")
        folders.append(extra)
    return folders


def _layered(
    folders: list[Path], model: type[M], kind: str
) -> tuple[dict[str, M], dict[str, Path]]:
    """Shipped content first; a user's file with the same id replaces the shipped one (so a
    copied brief can be edited in place). Within one folder, ids must be unique."""
    items: dict[str, M] = {}
    files: dict[str, Path] = {}
    for folder in folders:
        paths = _yaml_files([folder])
        layer = _load_all(paths, model, kind)
        items.update(layer)
        files.update({p.stem: p for p in paths})
    return items, files


def load_library(briefs_dir: Path | None = None) -> Library:
    """Load shipped content plus the user's own (MOCKLOOP_HOME/briefs, /personas, `briefs_dir`)."""
    briefs, brief_files = _layered(brief_folders(briefs_dir), Brief, "brief")
    personas = [shipped_dir("personas"), user_dir("personas")]
    interviewers, _ = _layered(
        [p / "interviewers" for p in personas], InterviewerPersona, "interviewer"
    )
    candidates, _ = _layered(
        [p / "candidates" for p in personas], CandidatePersona, "candidate persona"
    )
    return Library(briefs, interviewers, candidates, brief_files)
