"""A negation written as a bare "n't" in a pattern's alternation (`\\b(not|n\\W?t)\\b`) never
matches "doesn't", for no word boundary comes before its n, and without the boundary
(`|n\\W?t\\b`) it matches every word that ends in "nt" ("account", "important"): a guard
that was meant to see a denial misses it, or sees one in any such word. Each shipped pattern
writes the contraction with its stem (`(do|does|is|...)n\\W?t`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PATTERN_FILES = sorted(
    p
    for folder in ("scoring", "simulator")
    for p in (ROOT / folder).rglob("*.yaml")
    if "tests" not in p.parts
)
# "n\W?t" starting an alternative ("(n\W?t", "|n\W?t", "(?:n\W?t"), not after its stem
# ("does(n\W?t| not)")
BARE_CONTRACTION = re.compile(r"(?:^|\||(?<![a-z])\((?:\?:)?)n\\W\?t")


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def test_the_pattern_files_are_found() -> None:
    names = {p.name for p in PATTERN_FILES}
    assert {"system-design.yaml", "behavioral.yaml", "slots.yaml", "concepts.yaml"} <= names


@pytest.mark.parametrize("path", PATTERN_FILES, ids=lambda p: p.name)
def test_no_pattern_writes_a_contraction_without_its_stem(path: Path) -> None:
    bare = [s for s in strings(yaml.safe_load(path.read_text())) if BARE_CONTRACTION.search(s)]
    assert bare == []


def test_why_the_stem_is_needed() -> None:
    """The stemmed form sees the denial and nothing in "account"; the bare form sees neither."""
    stemmed, bare = re.compile(r"\b(not|(?:do|does|is)n\W?t)\b"), re.compile(r"\b(not|n\W?t)\b")
    assert stemmed.search("it doesn't") and not stemmed.search("an account")
    assert not bare.search("it doesn't")
    assert re.search(r"n\W?t\b", "an account")  # and without the boundary, any "-nt" word
