"""Loading the concept vocabulary: the shipped file with the user's own concepts merged in.

A team adds a concept, or rewords a shipped one, without changing code: a YAML file in
MOCKLOOP_HOME/vocabulary/ holds a `concepts:` list written like the shipped
`concepts.yaml`. A concept whose id is shipped replaces the shipped one where it stands; a
new id is added after the shipped ones; the depth signals stay the shipped ones. Every
concept's `dimensions` must be dimensions of a rubric (shipped, or the user's own in
MOCKLOOP_HOME/rubrics), so a new dimension takes a rubric and a concept, and nothing else.

The vocabulary is read again when a file changes (or MOCKLOOP_HOME moves); otherwise the
same object is handed out, so the matcher compiled from it is built once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.content import ContentError, load_model
from scoring.home import user_home
from scoring.vocabulary.models import Concept, Vocabulary

VOCABULARY_PATH = Path(__file__).with_name("concepts.yaml")
USER_VOCABULARY = "vocabulary"  # the folder under MOCKLOOP_HOME
USER_RUBRICS = "rubrics"

# A vocabulary is named by its user files (path, size, modification time) and the dimension
# ids the rubrics define: the same names, the same vocabulary.
VocabularyKey = tuple[tuple[tuple[str, int, int], ...], frozenset[str]]


class UserConcepts(BaseModel):
    """A user's vocabulary file: concepts only."""

    model_config = ConfigDict(extra="forbid")

    concepts: list[Concept] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> UserConcepts:
        seen: set[str] = set()
        for index, concept in enumerate(self.concepts):
            if concept.id in seen:
                raise ValueError(f"concepts.{index}.id: duplicate concept id {concept.id!r}")
            seen.add(concept.id)
        return self


def vocabulary_key() -> VocabularyKey:
    """What the vocabulary is made of right now: the user's files and the known dimensions."""
    from scoring.rubrics.dimensions import file_stamps, known_dimension_ids

    home = user_home()
    return file_stamps([home / USER_VOCABULARY]), known_dimension_ids([home / USER_RUBRICS])


def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary with MOCKLOOP_HOME/vocabulary/*.yaml merged in, every concept's
    dimensions checked against the rubrics. A bad file is a one-line ContentError."""
    return vocabulary_for(vocabulary_key())


@lru_cache(maxsize=8)
def vocabulary_for(key: VocabularyKey) -> Vocabulary:
    stamps, known = key
    vocabulary = load_model(VOCABULARY_PATH, Vocabulary)
    concepts = list(vocabulary.concepts)
    sources = {c.id: f"{VOCABULARY_PATH}: concepts.{n}" for n, c in enumerate(concepts)}
    added: dict[str, Path] = {}
    for name, _, _ in stamps:
        path = Path(name)
        for index, concept in enumerate(load_model(path, UserConcepts).concepts):
            if concept.id in added:
                raise ContentError(
                    f"{path}: concepts.{index}.id: duplicate concept id {concept.id!r} "
                    f"(also in {added[concept.id]})"
                )
            added[concept.id] = path
            shipped = [n for n, c in enumerate(concepts) if c.id == concept.id]
            if shipped:
                concepts[shipped[0]] = concept
            else:
                concepts.append(concept)
            sources[concept.id] = f"{path}: concepts.{index}"
    merged = vocabulary.model_copy(update={"concepts": concepts}) if added else vocabulary
    _check_dimensions(merged, sources, known)
    merged.set_sources(sources)
    return merged


def _check_dimensions(
    vocabulary: Vocabulary, sources: dict[str, str], known: frozenset[str]
) -> None:
    from scoring.rubrics.dimensions import unknown_dimension

    for concept in vocabulary.concepts:
        for index, dimension_id in enumerate(concept.dimensions):
            if dimension_id not in known:
                where = f"{sources[concept.id]}.dimensions.{index}"
                raise ContentError(unknown_dimension(where, dimension_id, known))
