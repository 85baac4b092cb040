"""Finding and loading content: shipped briefs and personas plus the user's own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from scoring.content import ContentError, load_model
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


def load_library(briefs_dir: Path | None = None) -> Library:
    """Load shipped content plus the user's own (MOCKLOOP_HOME/briefs, /personas, `briefs_dir`)."""
    brief_files = _yaml_files(brief_folders(briefs_dir))
    personas = [shipped_dir("personas"), user_dir("personas")]
    briefs = _load_all(brief_files, Brief, "brief")
    return Library(
        briefs=briefs,
        interviewers=_load_all(
            _yaml_files(p / "interviewers" for p in personas), InterviewerPersona, "interviewer"
        ),
        candidates=_load_all(
            _yaml_files(p / "candidates" for p in personas), CandidatePersona, "candidate persona"
        ),
        brief_files={p.stem: p for p in brief_files},
    )
