"""The shared concept vocabulary and the matcher that finds concepts and depth signals."""

from scoring.vocabulary.loader import default_vocabulary
from scoring.vocabulary.matcher import DEPTH_KINDS, Hit, Matcher, default_matcher
from scoring.vocabulary.models import Concept, Vocabulary
from scoring.vocabulary.text_index import Sentence, split_sentences

__all__ = [
    "DEPTH_KINDS",
    "Concept",
    "Hit",
    "Matcher",
    "Sentence",
    "Vocabulary",
    "default_matcher",
    "default_vocabulary",
    "split_sentences",
]
