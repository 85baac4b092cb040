"""The bench: rate many transcripts with several raters and measure how consistent a rubric is.

Raters (``raters``), the statistics (``stats``), perturbed copies (``perturb``), a run
(``run``) and its result as tables, JSON and an HTML report.
"""

from scoring.bench.raters import Rater, RaterError, RaterOptions, make_rater, register_rater
from scoring.bench.ratings import BenchTranscript, Rating, RatingTable
from scoring.bench.results import BenchResult
from scoring.bench.run import BenchInputError, BenchPlan, run_bench

__all__ = [
    "BenchInputError",
    "BenchPlan",
    "BenchResult",
    "BenchTranscript",
    "Rater",
    "RaterError",
    "RaterOptions",
    "Rating",
    "RatingTable",
    "make_rater",
    "register_rater",
    "run_bench",
]
