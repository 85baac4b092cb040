"""k judge samples -> one Scorecard: median level per dimension, verified evidence, red flags
by majority, grader-aimed text flagged, the recommendation computed in code."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.evidence import locate_quote, quote_is_verbatim
from scoring.judge.parse import Sample
from scoring.judge.schema import DimensionJudgement, Quote
from scoring.recommend import recommend
from scoring.rubrics.models import Dimension, Rubric
from scoring.scorecard import DimensionScore, Evidence, FlagHit, Scorecard, Usage
from scoring.transcripts.model import Transcript

MAX_QUOTES = 3


@dataclass(frozen=True)
class Rater:
    rater: str
    engine: str
    prompt_version: str


class _Verifier:
    """Turns (turn, quote) pairs into verified Evidence, counting what it had to drop."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.dropped = 0

    def __call__(self, quotes: list[Quote]) -> list[Evidence]:
        kept: list[Evidence] = []
        for q in quotes:
            found = locate_quote(self.transcript, q.turn, q.quote)
            if found is None or not quote_is_verbatim(self.transcript, found):
                self.dropped += 1
                continue
            if all((e.turn, e.start) != (found.turn, found.start) for e in kept):
                kept.append(found)
        return kept


def _grounded(j: DimensionJudgement, evidence: list[Evidence]) -> int:
    """A level above 1 stands only on at least one verified quote."""
    return j.level if j.level == 1 or evidence else 1


def _dimension(
    dim: Dimension,
    judgements: list[tuple[DimensionJudgement, list[Evidence]]],
    problems: list[str],
    caps: list[tuple[int, str]],
) -> DimensionScore:
    if not judgements:
        why = problems[0] if problems else "no sample of the judge could be read"
        return DimensionScore(
            dimension=dim.id,
            title=dim.title,
            weight=dim.weight,
            level=None,
            status="unscored",
            rationale=f"Unscored: {why}",
        )
    levels = [_grounded(j, ev) for j, ev in judgements]
    median = statistics.median_low(levels)
    chosen, first = next(
        (j, ev) for (j, ev), lvl in zip(judgements, levels, strict=True) if lvl == median
    )
    evidence = list(first)
    for (_, more), lvl in zip(judgements, levels, strict=True):
        if lvl == median:
            evidence += [e for e in more if e not in evidence]
    applied: list[str] = []
    if chosen.level != median and not evidence:
        applied.append(f"level {chosen.level} had no verifiable quote: counted as 1")
    level = median
    for cap, why in sorted(caps):
        if level > cap:
            level = cap
            applied.append(f"capped at {cap}: {why}")
    spread = ", ".join(str(n) for n in levels)
    note = f" (median of {len(levels)} samples: {spread})" if len(levels) > 1 else ""
    return DimensionScore(
        dimension=dim.id,
        title=dim.title,
        weight=dim.weight,
        level=level,
        status="scored" if evidence else "no_evidence",
        evidence=evidence[:MAX_QUOTES],
        rationale=f"{' '.join(chosen.rationale.split())}{note}",
        missed=[] if level >= 4 else [m for m in chosen.missed if m.strip()],
        caps=applied,
    )


def aggregate(
    transcript: Transcript,
    rubric: Rubric,
    samples: list[Sample],
    *,
    rater: Rater,
    usage: Usage,
    failures: Sequence[str] = (),
    detected_injection: Sequence[FlagHit] = (),
) -> Scorecard:
    """One scorecard from the samples that came back (failures say why others did not)."""
    verify = _Verifier(transcript)
    flags = _red_flags(rubric, samples, verify)
    caps: dict[str, list[tuple[int, str]]] = {}
    for flag in flags:
        rule = next(f for f in rubric.red_flags if f.id == flag.id)
        for dim_id in rule.dimensions:
            caps.setdefault(dim_id, []).append((rule.cap, flag.description))
    scores: list[DimensionScore] = []
    agreement: list[float] = []
    for dim in rubric.dimensions:
        judged = [
            (s.levels[dim.id], verify(s.levels[dim.id].evidence))
            for s in samples
            if dim.id in s.levels
        ]
        problems = [
            why if s.refused else f"the judge's answer failed validation twice ({why})"
            for s in samples
            if (why := s.problems.get(dim.id))
        ]
        if not samples:
            problems = list(failures)
        score = _dimension(dim, judged, problems, caps.get(dim.id, []))
        scores.append(score)
        if judged and score.level is not None:
            levels = [_grounded(j, ev) for j, ev in judged]
            agreement.append(levels.count(statistics.median_low(levels)) / len(levels))
    injection = _grader_aimed(samples, verify, detected_injection)
    by_dimension = {s.dimension: s.level for s in scores}
    outcome, reason, mean = recommend(
        by_dimension, rubric, len(flags), aimed_at_grader=bool(injection)
    )
    scored = sum(1 for s in scores if s.level is not None)
    agree = statistics.fmean(agreement) if agreement else 0.0
    return Scorecard(
        transcript_id=transcript.id,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rater=rater.rater,
        engine=rater.engine,
        prompt_version=rater.prompt_version,
        dimensions=scores,
        weighted_level=mean,
        recommendation=outcome,
        recommendation_reason=reason,
        confidence=round(0.5 * scored / len(scores) + 0.5 * agree, 2),
        red_flags=flags,
        injection=injection,
        dropped_quotes=verify.dropped,
        candidate_words=transcript.candidate_word_count(),
        usage=usage,
    )


def _red_flags(rubric: Rubric, samples: list[Sample], verify: _Verifier) -> list[FlagHit]:
    """A red flag counts when most samples report it with a quote that checks out."""
    found: list[FlagHit] = []
    for rule in rubric.red_flags:
        backed: list[Evidence] = []
        for sample in samples:
            mine = [f for f in sample.red_flags if f.id == rule.id]
            quotes = [Quote(turn=f.turn, quote=f.quote) for f in mine]
            evidence = verify(quotes)
            if evidence:
                backed.append(evidence[0])
        if backed and 2 * len(backed) > len(samples):
            description = " ".join(rule.description.split())
            found.append(FlagHit(id=rule.id, description=description, evidence=backed[0]))
    return found


def _grader_aimed(
    samples: list[Sample], verify: _Verifier, detected: Sequence[FlagHit]
) -> list[FlagHit]:
    """Any sample's verified report, plus what the offline reading detects, once per span."""
    hits = list(detected)
    for sample in samples:
        for item in sample.grader_aimed:
            for evidence in verify([Quote(turn=item.turn, quote=item.quote)]):
                if all(
                    (h.evidence.turn, h.evidence.start) != (evidence.turn, evidence.start)
                    for h in hits
                ):
                    why = " ".join(item.why.split()) or "text aimed at the grader"
                    hits.append(
                        FlagHit(
                            id="grader_injection",
                            description=f"{why}: ignored",
                            evidence=evidence,
                        )
                    )
    return sorted(hits, key=lambda h: (h.evidence.turn, h.evidence.start))
