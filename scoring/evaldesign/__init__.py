"""The stage-2 evaluation-design exercise, the pure part: reading a candidate's eval
(`analysis`, with `styles`, `threshold` and the words in `vocabulary.yaml`), the report of a
check and its rule (`report`), and the report as a table or JSON (`render`); grading the
report and the candidate's note against the `eval-design` rubric (`grading`, each
dimension's rule in `readings`, the rubric in `eval-design.yaml` read by `rubric`, the note
read by `note`, the grade as text in `grade_render`). Running the eval is
`simulator.evaldesign` (a sandboxed process)."""

from scoring.evaldesign.analysis import analyse_eval
from scoring.evaldesign.grade_render import grade_json, render_grade
from scoring.evaldesign.grading import DimensionGrade, EvalDesignGrade, grade_eval_design
from scoring.evaldesign.readings import Evidence
from scoring.evaldesign.render import report_json, report_table
from scoring.evaldesign.report import (
    EvalAnalysis,
    EvalDesignReport,
    RunOutcome,
    Verdict,
    build_report,
)
from scoring.evaldesign.rubric import EvalDesignRubric, load_eval_design_rubric

__all__ = [
    "DimensionGrade",
    "EvalAnalysis",
    "EvalDesignGrade",
    "EvalDesignReport",
    "EvalDesignRubric",
    "Evidence",
    "RunOutcome",
    "Verdict",
    "analyse_eval",
    "build_report",
    "grade_eval_design",
    "grade_json",
    "load_eval_design_rubric",
    "render_grade",
    "report_json",
    "report_table",
]
