"""Rubrics: YAML files with dimensions, anchored levels, red flags and scorer signals."""

from scoring.rubrics.loader import SHIPPED_RUBRICS, load_rubric_file, load_rubrics
from scoring.rubrics.models import RECOMMENDATIONS, Dimension, Recommendation, RedFlag, Rubric

__all__ = [
    "RECOMMENDATIONS",
    "SHIPPED_RUBRICS",
    "Dimension",
    "Recommendation",
    "RedFlag",
    "Rubric",
    "load_rubric_file",
    "load_rubrics",
]
