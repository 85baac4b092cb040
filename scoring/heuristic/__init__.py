"""The offline scorer: deterministic, explainable, grounded in the candidate's own sentences."""

from scoring.heuristic.scorer import HEURISTIC_RATER, score_transcript

__all__ = ["HEURISTIC_RATER", "score_transcript"]
