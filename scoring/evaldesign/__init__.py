"""The stage-2 evaluation-design exercise, the pure part: reading a candidate's eval
(`analysis`, with `styles`, `threshold` and the words in `vocabulary.yaml`), the report of a
check and its rule (`report`), and the report as a table or JSON (`render`). Running the eval
is `simulator.evaldesign` (a sandboxed process)."""

from scoring.evaldesign.analysis import analyse_eval
from scoring.evaldesign.render import report_json, report_table
from scoring.evaldesign.report import (
    EvalAnalysis,
    EvalDesignReport,
    RunOutcome,
    Verdict,
    build_report,
)

__all__ = [
    "EvalAnalysis",
    "EvalDesignReport",
    "RunOutcome",
    "Verdict",
    "analyse_eval",
    "build_report",
    "report_json",
    "report_table",
]
