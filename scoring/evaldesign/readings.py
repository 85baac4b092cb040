"""What the check's report and the note show on each dimension of the `eval-design` rubric:
a level 1-4 and the evidence for it, before caps (`scoring.evaldesign.grading` applies those
and computes the overall). The numbers the rules use are the rubric's `rules`.

- **catches the regression**: 1 misses it, does not run, or fails on the good version as
  much as on the broken; 2 fails on both, more tests on the broken (it sees the regression
  with a wrong bar); 3 passes on the good and fails on the broken; 4 the same with
  `failing_tests_for_4` or more tests failing on the broken;
- **cases**: 1 reads no edge or adversarial item; 2 reads some, not all three kinds; 3 reads
  all three; 4 reads `share_of_each_kind_for_4` of each kind in `tests_for_4` or more tests;
- **eval style**: 1 none recognised or only styles that do not fit the task's kind; 2 only an
  acceptable one; 3 the right one (`styles_by_kind`); 4 the right one with the kind's
  refinement (in a failing test's name or the threshold) or a note sentence on why that style;
- **threshold and CI**: 1 neither; 2 one of a threshold and where it runs (code or note);
  3 both; 4 both, the threshold in the code, and a note sentence on why that number;
- **upkeep**: 1 nothing; 2 an intent in the note, or an eval that reads every item (new items
  join on their own); 3 a note sentence with a trigger and an action; 4 that and a cadence or
  an owner.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel

from scoring.evaldesign.note import NoteFindings
from scoring.evaldesign.report import EvalDesignReport, RunOutcome
from scoring.evaldesign.rubric import DimensionId, Rules, StyleFit
from scoring.evaldesign.vocabulary import matches_stem

NAMES_SHOWN = 3  # failing tests named in one piece of evidence


class Evidence(BaseModel):
    source: Literal["report", "note"]
    text: str  # a fact from the check's report, or a sentence of the note as written


class Reading(NamedTuple):
    level: int
    evidence: list[Evidence]
    context: str = ""  # said after the anchor: what the level is measured against


def read_dimensions(
    report: EvalDesignReport,
    task_kind: str,
    fit: StyleFit,
    findings: NoteFindings,
    rules: Rules,
) -> dict[DimensionId, Reading]:
    """Each dimension's level and evidence, before caps."""
    return {
        "catches_regression": _catching(report, rules),
        "case_coverage": _cases(report, rules),
        "eval_style": _style(report, fit, findings, task_kind),
        "threshold_ci": _threshold_ci(report, findings),
        "upkeep": _upkeep(report, findings),
    }


def _catching(report: EvalDesignReport, rules: Rules) -> Reading:
    if report.stopped is not None:
        return Reading(1, [_fact(report.stopped)])
    facts = [_fact(run_fact(report.good)), _fact(run_fact(report.broken))]
    if not report.passes_on_good:
        # More tests fail on the broken version: it sees the regression, with a wrong bar.
        sees = report.fails_on_broken and report.broken.failed > report.good.failed
        return Reading(2 if sees else 1, facts)
    if not report.fails_on_broken:
        return Reading(1, facts)
    return Reading(4 if report.broken.failed >= rules.failing_tests_for_4 else 3, facts)


def _cases(report: EvalDesignReport, rules: Rules) -> Reading:
    kinds = {k.label: k for k in report.kinds}
    read = {label for label, k in kinds.items() if k.read}
    tests = report.good.tests or report.tests_written
    kinds_read = ", ".join(f"{k.label} {k.read}/{k.total}" for k in report.kinds)
    facts = [_fact(f"reads {kinds_read} items")]
    if not read & {"edge", "adversarial"}:
        return Reading(1, facts)
    if len(read) < len(kinds):
        return Reading(2, facts)
    share = rules.share_of_each_kind_for_4
    if tests >= rules.tests_for_4 and all(k.read >= share * k.total for k in report.kinds):
        return Reading(4, [*facts, _fact(f"in {tests} tests")])
    return Reading(3, [*facts, _fact(f"in {_count(tests, 'test')}")])


def _style(report: EvalDesignReport, fit: StyleFit, findings: NoteFindings, kind: str) -> Reading:
    facts = [_fact(f"{s.label} ({_lines(s.lines)}: {s.reason})") for s in report.styles] or [
        _fact("no eval style recognised")
    ]
    context = f"For {_article(kind)} {kind} task: {fit.best}."
    found = {s.style for s in report.styles}
    if not found & set(fit.right):
        return Reading(2 if found & set(fit.acceptable) else 1, facts, context)
    refined = [_fact(text) for text in _refinements(report, fit)]
    choice = [_quote(s) for s in findings.sentences_for("style_choice")]
    return Reading(4 if refined or choice else 3, [*facts, *refined, *choice], context)


def _threshold_ci(report: EvalDesignReport, findings: NoteFindings) -> Reading:
    code_threshold = (
        [_fact(f"threshold in the code: {report.threshold.text} (line {report.threshold.line})")]
        if report.threshold is not None
        else []
    )
    code_ci = [_fact(f"a marker of its own: {m}") for m in report.ci.markers]
    code_ci += [_fact(note) for note in report.ci.notes]
    note_threshold = [_quote(s) for s in findings.sentences_for("threshold_stated")]
    note_ci = [_quote(s) for s in findings.sentences_for("ci_stated")]
    threshold, ci = code_threshold + note_threshold, code_ci + note_ci
    # One sentence may state both: it is quoted once.
    evidence = _unique([*threshold, *ci])
    if not threshold and not ci:
        return Reading(1, [_fact("no threshold, and nothing says where the eval runs")])
    if not threshold or not ci:
        return Reading(2, evidence)
    reasons = [_quote(s) for s in findings.sentences_for("threshold_reason")]
    if code_threshold and reasons:
        return Reading(4, _unique([*evidence, *reasons]))
    return Reading(3, evidence)


def _upkeep(report: EvalDesignReport, findings: NoteFindings) -> Reading:
    plan = [_quote(s) for s in findings.sentences_for("upkeep_plan")]
    cadence = [_quote(s) for s in findings.sentences_for("upkeep_cadence")]
    if plan and cadence:
        return Reading(4, _unique([*plan, *cadence]))
    if plan:
        return Reading(3, plan)
    evidence = [_quote(s) for s in findings.sentences_for("upkeep_intent")]
    read = sum(k.read for k in report.kinds)
    total = sum(k.total for k in report.kinds)
    if total and read == total:
        evidence.append(
            _fact(
                f"reads every item of the dataset ({read} of {total}), so a newly labelled item "
                "joins the suite without a code change"
            )
        )
    return Reading(2 if evidence else 1, evidence)


def _refinements(report: EvalDesignReport, fit: StyleFit) -> list[str]:
    """Where the eval shows the kind's refinement: a test that fails on the broken version and
    whose name says it (its failing test names are all the report has of its tests), or the
    threshold's text."""
    stems = fit.refinement.stems
    names = [
        name
        for name in dict.fromkeys(f.split(":", 1)[0] for f in report.broken.failing)
        if matches_stem(name, stems)
    ]
    found = []
    if names:
        shown = ", ".join(names[:NAMES_SHOWN]) + (" …" if len(names) > NAMES_SHOWN else "")
        verb = "fails" if len(names) == 1 else "fail"
        found.append(f"{fit.refinement.label}: {shown} {verb} on the broken version")
    if report.threshold is not None and matches_stem(report.threshold.text, stems):
        found.append(f"{fit.refinement.label}: the threshold {report.threshold.text}")
    return found


def run_fact(run: RunOutcome) -> str:
    """One run as a fact: "fails on the broken version: 2 of 2 tests"."""
    where = f"the {run.version} version"
    if run.verdict == "passed":
        return f"passes on {where}: {run.passed} of {_count(run.tests, 'test')}"
    if run.verdict == "failed":
        first = f" ({run.failing[0]})" if run.failing and run.version == "good" else ""
        return f"fails on {where}: {run.failed} of {_count(run.tests, 'test')}{first}"
    return f"does not run on {where}: {run.verdict}: {run.detail}"


def _fact(text: str) -> Evidence:
    return Evidence(source="report", text=text)


def _quote(sentence: str) -> Evidence:
    return Evidence(source="note", text=sentence)


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    return [e for n, e in enumerate(evidence) if e not in evidence[:n]]


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _lines(lines: list[int]) -> str:
    return f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
