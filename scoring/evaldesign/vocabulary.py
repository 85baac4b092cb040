"""The words the eval analysis looks for (vocabulary.yaml beside this file), loaded once, and
how a name in the eval is matched against them."""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from scoring.content import load_model

VOCABULARY_PATH = Path(__file__).resolve().with_name("vocabulary.yaml")
_WORD_BREAK = re.compile(r"[_.\W]+|(?<=[a-z0-9])(?=[A-Z])")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StyleWords(Strict):
    label: str
    names: list[str] = []
    modules: list[str] = []
    stems: list[str] = []
    expected_names: list[str] = []
    calls: list[str] = []
    text: list[str] = []


class ThresholdWords(Strict):
    words: list[str]
    stems: list[str]
    aggregate_calls: list[str]


class CiWords(Strict):
    words: list[str]
    builtin_markers: list[str]


class Vocabulary(Strict):
    styles: dict[str, StyleWords]
    threshold: ThresholdWords
    ci: CiWords


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return load_model(VOCABULARY_PATH, Vocabulary)


def words_of(identifier: str) -> list[str]:
    """An identifier's words, lower case: "llm_judge" -> llm, judge; "cosineSim" -> cosine,
    sim; "rapidfuzz.fuzz.ratio" -> rapidfuzz, fuzz, ratio."""
    return [w.lower() for w in _WORD_BREAK.split(identifier) if w]


def matches_stem(identifier: str, stems: list[str]) -> bool:
    return any(word.startswith(stem.lower()) for word in words_of(identifier) for stem in stems)


def matches_word(identifier: str, words: list[str]) -> bool:
    wanted = {w.lower() for w in words}
    return any(word in wanted for word in words_of(identifier))


def matches_name(identifier: str, names: list[str]) -> bool:
    """The whole identifier, or its last dotted part, is one of `names` (case ignored)."""
    wanted = {n.lower() for n in names}
    return identifier.lower() in wanted or identifier.rsplit(".", 1)[-1].lower() in wanted


def matches_module(module: str, modules: list[str]) -> bool:
    """`module` is one of `modules`, or inside one ("rapidfuzz.fuzz" is in "rapidfuzz")."""
    return any(module == m or module.startswith(m + ".") for m in modules)


def dotted_name(node: ast.AST) -> str:
    """`a.b.c` for a name or an attribute chain; a call in the chain is skipped
    (`SequenceMatcher(None, a, b).ratio` -> `SequenceMatcher.ratio`); "" otherwise."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return ".".join(reversed(parts))
        else:
            return ".".join(reversed(parts))
