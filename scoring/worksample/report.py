"""A work-sample grade as text for a terminal: the headline, per label, the kind's detail,
the failed items, the problems with the file, and the note's levels with their sentences."""

from __future__ import annotations

from collections.abc import Iterator

from scoring.worksample.extraction import ExtractionGrade
from scoring.worksample.grade import WorkSampleGrade
from scoring.worksample.note import NoteGrade
from scoring.worksample.submission import PROBLEM_WORDS
from scoring.worksample.summary import SummaryGrade
from scoring.worksample.triage import OVERCONFIDENT, TriageGrade

PLAIN = frozenset({"ece", "brier"})  # shown as numbers, not percentages
COUNTS = frozenset({"items_with_forbidden", "items_with_invented_numbers"})
HEADS = {
    "item_accuracy": "items exact",
    "field_accuracy": "fields right",
    "micro_f1": "micro F1",
    "accuracy": "accuracy",
    "ece": "ECE",
    "brier": "Brier",
    "overconfident": "overconf.",
    "pass_rate": "passing",
    "required_recall": "req. facts",
    "items_with_forbidden": "forbidden",
    "items_with_invented_numbers": "inv. numbers",
}
LIST_AT_MOST = 40  # lines of failed items shown; the JSON has all of them


def metric(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    if name in COUNTS:
        return str(int(value))
    if name in PLAIN:
        return f"{value:.3f}"
    return f"{value:.1%}"


def grade_table(grade: WorkSampleGrade) -> str:
    """The grade as aligned plain text, ending with a newline."""
    return "\n".join(_lines(grade)) + "\n"


def _lines(grade: WorkSampleGrade) -> Iterator[str]:
    yield f"{grade.task} ({grade.kind}): {grade.title}"
    problems = ", ".join(_counted(n, PROBLEM_WORDS[k]) for k, n in grade.problem_counts.items())
    usable = f"{grade.items} items, {grade.usable} with a usable output"
    yield f"{usable}; problems: {problems or 'none'}"
    yield ""
    names = list(grade.headline())
    yield _row(["", "items", *(HEADS[n] for n in names)], first=12)
    yield _row(["all", str(grade.items), *(metric(n, v) for n, v in grade.headline().items())], 12)
    for label in grade.by_label:
        values = (metric(n, label.metrics.get(n)) for n in names)
        yield _row([label.label, str(label.items), *values], first=12)
    if grade.extraction is not None:
        yield from _extraction(grade.extraction)
    if grade.triage is not None:
        yield from _triage(grade.triage)
    if grade.summary is not None:
        yield from _summary(grade.summary)
    if grade.problems:
        yield ""
        yield "Problems with the outputs file:"
        for p in grade.problems[:LIST_AT_MOST]:
            where = f"line {p.line}" if p.line is not None else ""
            where = ", ".join(x for x in (where, p.id or "") if x)
            yield f"  {where}: {PROBLEM_WORDS[p.kind]} ({p.detail})"
        yield from _more(len(grade.problems))
    if grade.note is not None:
        yield from _note(grade.note)


def _row(cells: list[str], first: int) -> str:
    return f"{cells[0]:<{first}}" + "".join(f"{c:>13}" for c in cells[1:])


def _more(count: int) -> Iterator[str]:
    if count > LIST_AT_MOST:
        yield f"  ... and {count - LIST_AT_MOST} more (--format json lists them all)"


def _extraction(grade: ExtractionGrade) -> Iterator[str]:
    yield ""
    yield (
        f"Micro precision {metric('p', grade.micro_precision)}, recall "
        f"{metric('r', grade.micro_recall)}, F1 {metric('f', grade.micro_f1)}; macro F1 "
        f"{metric('f', grade.macro_f1)}"
    )
    yield "(a null expected and a null given is a true negative: it counts for accuracy, not F1)"
    yield ""
    yield _row(["field", "accuracy", "precision", "recall", "F1", "TP/FP/FN/TN"], first=20)
    for f in grade.fields:
        counts = f"{f.true_positives}/{f.false_positives}/{f.false_negatives}/{f.true_negatives}"
        cells = [f.field, *(metric("x", v) for v in (f.accuracy, f.precision, f.recall, f.f1))]
        yield _row([*cells, counts], first=20)
    if grade.failures:
        yield ""
        yield f"Items not exactly right ({len(grade.failures)}):"
        for miss in grade.failures[:LIST_AT_MOST]:
            if miss.malformed or not miss.fields:
                yield f"  {miss.id} ({miss.label}): {miss.malformed or 'no output'}"
                continue
            wrong = "; ".join(f"{m.field}: {m.got!r}, expected {m.expected!r}" for m in miss.fields)
            yield f"  {miss.id} ({miss.label}): {wrong}"
        yield from _more(len(grade.failures))


def _triage(grade: TriageGrade) -> Iterator[str]:
    yield ""
    yield f"Accuracy {metric('a', grade.accuracy)} ({grade.correct}/{grade.items})"
    yield (
        f"Calibration on {grade.with_confidence} confidences: ECE {metric('ece', grade.ece)}, "
        f"Brier {metric('brier', grade.brier)}"
    )
    yield (
        f"Overconfident: {len(grade.overconfident_ids)} of {grade.wrong_with_confidence} wrong "
        f"answers at >= {OVERCONFIDENT} ({metric('o', grade.overconfident)})"
    )
    if grade.no_confidence_ids:
        yield f"No usable confidence: {', '.join(grade.no_confidence_ids)}"
    yield ""
    yield _row(["category", "expected", "given", "right", "recall", "precision"], first=28)
    for c in grade.classes:
        cells = [c.category, str(c.expected), str(c.predicted), str(c.correct)]
        yield _row([*cells, metric("r", c.recall), metric("p", c.precision)], first=28)
    yield ""
    yield "Calibration bins (confidence, items, mean confidence, accuracy):"
    for b in grade.bins:
        if b.count:
            conf, acc = metric("ece", b.mean_confidence), metric("a", b.accuracy)
            yield f"  {b.low:.1f}-{b.high:.1f}  {b.count:>4}  {conf:>7}  {acc:>7}"
    if grade.confusions:
        yield ""
        yield "Confusions (expected -> given):"
        for pair in grade.confusions[:LIST_AT_MOST]:
            ids = ", ".join(pair.ids)
            yield f"  {pair.count:>3}  {pair.expected} -> {pair.predicted}: {ids}"
    if grade.misses:
        yield ""
        yield f"Wrong answers ({len(grade.misses)}):"
        for m in grade.misses[:LIST_AT_MOST]:
            at = f" at {m.confidence:.2f}" if m.confidence is not None else ""
            why = f" ({m.malformed})" if m.malformed else ""
            yield f"  {m.id} ({m.label}): {m.got}{at}, expected {m.expected}{why}"
        yield from _more(len(grade.misses))


def _summary(grade: SummaryGrade) -> Iterator[str]:
    yield ""
    passing = f"{grade.passing_items}/{grade.items}"
    yield f"Passing items {passing} (every required fact, no forbidden one)"
    yield (
        f"Required facts stated {grade.required_stated}/{grade.required_facts}; forbidden facts "
        f"stated {grade.forbidden_stated}, on {grade.items_with_forbidden} items"
    )
    yield (
        f"Numbers found nowhere in the input: {grade.invented_numbers}, on "
        f"{grade.items_with_invented_numbers} items"
    )
    yield "(a cheap check: a figure the summary worked out itself is listed too)"
    if grade.failures:
        yield ""
        yield f"Items to look at ({len(grade.failures)}):"
        for f in grade.failures[:LIST_AT_MOST]:
            parts = [f.malformed or ""]
            if f.missing_facts:
                parts.append(f"missing {', '.join(f.missing_facts)}")
            if f.forbidden_stated:
                parts.append(f"states forbidden {', '.join(f.forbidden_stated)}")
            if f.invented_numbers:
                parts.append(f"numbers not in the input: {', '.join(f.invented_numbers)}")
            yield f"  {f.id} ({f.label}): {'; '.join(p for p in parts if p) or 'no output'}"
        yield from _more(len(grade.failures))


def _note(note: NoteGrade) -> Iterator[str]:
    yield ""
    yield f"Failure-mode note ({note.rubric} {note.version}), weighted level {note.weighted_level}"
    yield f"  {note.method}"
    if note.item_ids_mentioned:
        yield f"  Items named: {', '.join(note.item_ids_mentioned)}"
    for d in note.dimensions:
        yield f"  {d.title}: level {d.level} ({d.rationale})"
        for sentence in d.evidence:
            yield f'    "{_clip(sentence)}"'
        if d.next_level:
            yield f"    {d.next_level}"
    for sentence in note.aimed_at_grader:
        yield f'  Aimed at the grader, not read: "{_clip(sentence)}"'


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_PLURALS = {"line is": "lines are", "line ": "lines ", "item ": "items ", "id ": "ids "}


def _counted(count: int, words: str) -> str:
    """ "1 item with no output", "41 items with no output"."""
    if count != 1:
        for one, many in _PLURALS.items():
            if words.startswith(one):
                words = many + words[len(one) :]
                break
        else:
            words = words + "s" if words.endswith("output") else words
    return f"{count} {words}"
