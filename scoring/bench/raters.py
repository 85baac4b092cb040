"""Raters for the bench: a small protocol and factories registered by prefix.

A rater spec is ``PREFIX`` or ``PREFIX:ARGUMENT`` (``offline``, ``offline:plain``,
``claude:claude-sonnet-4-5``). ``offline`` is built in; the Claude rater lives with the Claude
engine in ``simulator`` and registers itself with ``register_rater("claude", factory)`` when
its module is imported, so ``scoring`` never imports ``simulator``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from scoring.cores import map_on_cores
from scoring.heuristic import HEURISTIC_RATER, score_transcript
from scoring.rubrics.models import Rubric
from scoring.scorecard import Usage
from scoring.transcripts.model import Transcript
from scoring.vocabulary.matcher import Matcher, default_matcher

Levels = dict[str, int | None]
EntityWords = Callable[[Transcript], frozenset[str]]
Progress = Callable[[int], None]


class RaterError(ValueError):
    """A rater spec that cannot be used; the message is one line."""


@dataclass(frozen=True)
class RaterOptions:
    """What every factory is given besides its argument.

    ``batch`` asks a model rater to use a batch API (cheaper, slower); a rater that has none
    ignores it. ``entity_words`` names the brief's entities a transcript can tie back to.
    """

    batch: bool = False
    matcher: Matcher | None = None
    entity_words: EntityWords | None = None


@runtime_checkable
class Rater(Protocol):
    """Gives every dimension of a rubric a level (1-4, or None when it cannot say).

    ``name`` is the label in tables (unique within a run); ``identity`` names the scorer and
    version precisely (e.g. ``offline:heuristic-1``); ``usage`` accumulates tokens and
    dollars over every call; ``uses_batches`` says whether the batch option did anything.
    """

    name: str
    identity: str
    usage: Usage
    uses_batches: bool

    def rate(self, transcript: Transcript, rubric: Rubric) -> Levels: ...


@runtime_checkable
class BulkRater(Rater, Protocol):
    """A rater that prefers the whole set at once (e.g. one Message Batches request)."""

    def rate_all(self, transcripts: Sequence[Transcript], rubric: Rubric) -> list[Levels]: ...


@runtime_checkable
class SpreadRater(Rater, Protocol):
    """A rater that spreads many transcripts over the machine's cores itself."""

    def rate_many(
        self, transcripts: Sequence[Transcript], rubric: Rubric, progress: Progress | None = None
    ) -> list[Levels]: ...


RaterFactory = Callable[[str, RaterOptions], Rater]
_FACTORIES: dict[str, RaterFactory] = {}
_SPEC_HELP: dict[str, str] = {}


def register_rater(prefix: str, factory: RaterFactory, *, spec_help: str | None = None) -> None:
    """Make ``prefix`` and ``prefix:ARGUMENT`` rater specs build raters with ``factory``."""
    _FACTORIES[prefix] = factory
    _SPEC_HELP[prefix] = spec_help or prefix


def registered_prefixes() -> list[str]:
    return list(_FACTORIES)


def known_specs() -> str:
    return ", ".join(_SPEC_HELP[p] for p in _FACTORIES)


def split_spec(spec: str) -> tuple[str, str]:
    prefix, _, argument = spec.strip().partition(":")
    return prefix.strip().lower(), argument.strip()


def make_rater(spec: str, options: RaterOptions | None = None) -> Rater:
    """Build the rater a spec names; RaterError (one line) when no factory knows it."""
    prefix, argument = split_spec(spec)
    factory = _FACTORIES.get(prefix)
    if factory is None:
        raise RaterError(f"unknown rater {spec!r} (known: {known_specs()})")
    return factory(argument, options or RaterOptions())


@dataclass
class OfflineRater:
    """The heuristic scorer as a rater: deterministic, free, no tokens.

    ``offline`` credits answers that tie back to the brief's entities (as `mockloop score`
    does); ``offline:plain`` reads the transcript alone, without the brief (an answer still
    ties to what the interviewer said of the product).
    """

    name: str
    matcher: Matcher | None = None
    entity_words: EntityWords | None = None
    identity: str = HEURISTIC_RATER
    usage: Usage = field(default_factory=Usage)
    uses_batches: bool = False

    def rate(self, transcript: Transcript, rubric: Rubric) -> Levels:
        return self._levels(transcript, self._entities(transcript), rubric, self.matcher)

    def rate_many(
        self, transcripts: Sequence[Transcript], rubric: Rubric, progress: Progress | None = None
    ) -> list[Levels]:
        """Each transcript's levels, in order, scored on every usable core (`cores`)."""
        matcher = self.matcher or default_matcher()
        items = [(t, self._entities(t)) for t in transcripts]  # worked out here, once

        def levels(item: tuple[Transcript, frozenset[str]]) -> Levels:
            return self._levels(item[0], item[1], rubric, matcher)

        return map_on_cores(levels, items, progress)

    def _entities(self, transcript: Transcript) -> frozenset[str]:
        return self.entity_words(transcript) if self.entity_words else frozenset()

    @staticmethod
    def _levels(
        transcript: Transcript, entities: frozenset[str], rubric: Rubric, matcher: Matcher | None
    ) -> Levels:
        card = score_transcript(transcript, rubric, matcher=matcher, entity_words=entities)
        return {d.dimension: d.level for d in card.dimensions}


OFFLINE_VARIANTS = ("", "plain")


def offline_rater(argument: str, options: RaterOptions) -> Rater:
    if argument not in OFFLINE_VARIANTS:
        raise RaterError(
            f"unknown offline rater variant {argument!r} (use offline or offline:plain)"
        )
    if argument == "plain":
        return OfflineRater(
            name="offline:plain", matcher=options.matcher, identity=f"{HEURISTIC_RATER}:plain"
        )
    return OfflineRater(name="offline", matcher=options.matcher, entity_words=options.entity_words)


register_rater("offline", offline_rater, spec_help="offline, offline:plain")
