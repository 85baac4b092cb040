"""Scorecards as text: a terminal table and Markdown."""

from __future__ import annotations

from scoring.scorecard import Scorecard

LEVEL_NAMES = {1: "no signal", 2: "generic", 3: "solid", 4: "strong"}


def level_text(level: int | None) -> str:
    return "unscored" if level is None else f"{level} {LEVEL_NAMES[level]}"


def scorecard_table(card: Scorecard) -> str:
    lines = [
        f"Scorecard · {card.transcript_id} · rubric {card.rubric_id} {card.rubric_version} · "
        f"rater {card.rater}",
        f"{'dimension':<28} {'level':<12} rationale",
    ]
    for d in card.dimensions:
        lines.append(f"{d.title[:28]:<28} {level_text(d.level):<12} {d.rationale}")
        for e in d.evidence[:1]:
            lines.append(f"{'':<41}turn {e.turn}: “{_clip(e.quote, 90)}”")
        for cap in d.caps:
            lines.append(f"{'':<41}{cap}")
    lines.append(
        f"Overall: {card.recommendation.replace('_', ' ')} ({card.recommendation_reason}); "
        f"confidence {card.confidence:.2f}"
    )
    if card.confidence_note:
        lines.append(card.confidence_note)
    for flag in card.red_flags:
        lines.append(f"Red flag: {flag.description} (turn {flag.evidence.turn})")
    if card.injection:
        turns = ", ".join(str(f.evidence.turn) for f in card.injection)
        lines.append(f"Grader-aimed text flagged and ignored: turn {turns}")
    return "\n".join(lines)


def scorecard_markdown(card: Scorecard) -> str:
    out = [
        f"# Scorecard: {card.transcript_id}",
        "",
        f"- Recommendation: **{card.recommendation.replace('_', ' ')}**",
        f"- Why: {card.recommendation_reason}",
        f"- Confidence: {card.confidence:.2f}"
        + (f" ({card.confidence_note})" if card.confidence_note else ""),
        f"- Rubric: {card.rubric_id} {card.rubric_version}; rater: {card.rater} ({card.engine})",
        "",
    ]
    for d in card.dimensions:
        out += [f"## {d.title}: {level_text(d.level)}", "", d.rationale, ""]
        for e in d.evidence:
            out.append(f"> “{e.quote}” (turn {e.turn})")
            out.append("")
        for cap in d.caps:
            out.append(f"- {cap}")
        if d.caps:
            out.append("")  # else the next line joins the last cap's item
        if d.missed:
            out.append("What a stronger answer would have said:")
            out.append("")
            out += [f"- {m}" for m in d.missed]
            out.append("")
    if card.red_flags or card.injection:
        out.append("## Flags")
        out.append("")
        for flag in [*card.red_flags, *card.injection]:
            out.append(f"- {flag.description}: “{flag.evidence.quote}” (turn {flag.evidence.turn})")
        out.append("")
    return "\n".join(out)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
