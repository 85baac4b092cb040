"""The shared concept vocabulary and the matcher that finds concepts and depth signals."""

from scoring.vocabulary.matcher import (
    DEPTH_KINDS,
    Hit,
    Matcher,
    Sentence,
    default_matcher,
    default_vocabulary,
    split_sentences,
)
from scoring.vocabulary.models import DIMENSION_IDS, Concept, Vocabulary

__all__ = [
    "DEPTH_KINDS",
    "DIMENSION_IDS",
    "Concept",
    "Hit",
    "Matcher",
    "Sentence",
    "Vocabulary",
    "default_matcher",
    "default_vocabulary",
    "split_sentences",
]
