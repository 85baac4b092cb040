"""Rubrics: YAML files with dimensions, anchored levels, red flags and scorer signals."""

from scoring.rubrics.dimensions import SHIPPED_RUBRICS, known_dimension_ids
from scoring.rubrics.loader import load_rubric_file, load_rubrics
from scoring.rubrics.models import RECOMMENDATIONS, Dimension, Recommendation, RedFlag, Rubric

__all__ = [
    "RECOMMENDATIONS",
    "SHIPPED_RUBRICS",
    "Dimension",
    "Recommendation",
    "RedFlag",
    "Rubric",
    "known_dimension_ids",
    "load_rubric_file",
    "load_rubrics",
]
