"""The interviewer guide as Markdown: something to print or keep open beside the call."""

from __future__ import annotations

from simulator.guide.model import (
    AreaGuide,
    CurveballPlan,
    FollowUp,
    InterviewerGuide,
    ScoringSheet,
    SignalQuestion,
    TimeSlot,
)

RECOMMENDATION_TITLES = {
    "strong_hire": "Strong hire",
    "hire": "Hire",
    "no_hire": "No hire",
    "strong_no_hire": "Strong no hire",
}


def render_markdown(guide: InterviewerGuide) -> str:
    """The whole guide, top to bottom in the order the round runs."""
    parts = [
        f"# Interviewer guide: {guide.brief_title}",
        f"Brief `{guide.brief_id}` · {guide.minutes}-minute round · rubric "
        f"`{guide.rubric_id}` {guide.rubric_version}",
        _timing(guide.timing, guide.minutes),
        _opening(guide),
        _facts(guide),
        _design(guide),
        "## Probe areas",
        *(_area(area) for area in guide.areas),
        _curveballs(guide.curveball_plan),
        _wrap_up(guide),
        "## What a strong answer covers\n\n" + _bullets(guide.strong_answer_notes),
        _scoring_sheet(guide.scoring_sheet),
    ]
    return "\n\n".join(parts) + "\n"


def _timing(slots: list[TimeSlot], minutes: int) -> str:
    rows = [
        "## Timing plan",
        "",
        "| Starts | Minutes | Phase |",
        "|---:|---:|---|",
    ]
    for slot in slots:
        title = slot.title if slot.area_id is None else f"Deep dive: {slot.title}"
        rows.append(f"| {_clock(slot.start_minute)} | {slot.minutes} | {_cell(title)} |")
    rows.append(f"| {_clock(minutes)} | **{sum(s.minutes for s in slots)}** | **Total** |")
    return "\n".join(rows)


def _opening(guide: InterviewerGuide) -> str:
    opening = guide.opening
    slot = guide.timing[0]
    return "\n\n".join(
        [
            f"## Opening ({_minutes(slot.minutes)})",
            _numbered(opening.steps),
            f"**The brief: {opening.brief_title}**",
            _quote(opening.brief_text),
            "**Constraints**\n\n" + _bullets(opening.constraints),
        ]
    )


def _facts(guide: InterviewerGuide) -> str:
    lines = ["## Hidden facts: reveal only when asked", "", guide.fact_rule, ""]
    for fact in guide.facts:
        asked = ", ".join(f"“{k}”" for k in fact.asked_with)
        lines.append(f"- **{fact.id}** (asked with {asked}): {fact.answer}")
    return "\n".join(lines)


def _design(guide: InterviewerGuide) -> str:
    design = guide.design
    return "\n\n".join(
        [
            f"## High-level design ({_minutes(design.minutes)})",
            _numbered(design.steps),
            _bullets(design.follow_ups),
        ]
    )


def _area(area: AreaGuide) -> str:
    end = area.start_minute + area.minutes
    parts = [
        f"### {area.number}. {area.title}",
        f"*{area.dimension_title}* (`{area.dimension}`) · minutes {area.start_minute}–{end} "
        f"({_minutes(area.minutes)})",
        f"**Main probe:** {area.main_probe}",
        "**Follow-ups**\n\n" + _follow_ups(area.follow_ups),
    ]
    if area.signal_questions:
        parts.append(_signal_questions(area.signal_questions))
    parts += [
        "**What each level sounds like**\n\n"
        + "\n".join(f"- **{a.level}**: {a.sounds_like}" for a in area.levels),
        "**Red flags**\n\n"
        + (
            "\n".join(
                f"- {f.description} *Caps this dimension at {f.caps_at}.*" for f in area.red_flags
            )
            or "- none in the rubric for this dimension"
        ),
        f"**Coach hint** (coach mode, or if they are stuck): {area.coach_hint}",
        f"**Strong answer:** {area.strong_answer}",
    ]
    return "\n\n".join(parts)


def _follow_ups(lines: list[FollowUp]) -> str:
    """One bullet per follow-up; a strong-answer sentence is quoted under the first line that
    needs it only (one sentence often covers two techniques)."""
    quoted: set[str] = set()
    bullets = []
    for line in lines:
        text = f"- *{line.trigger[0].upper()}{line.trigger[1:]}:* {line.ask}"
        if line.strong_version and line.strong_version not in quoted:
            quoted.add(line.strong_version)
            text += f"\n  Strong here: {line.strong_version}"
        bullets.append(text)
    return "\n".join(bullets)


def _signal_questions(questions: list[SignalQuestion]) -> str:
    blocks = []
    for q in questions:
        blocks.append(
            f"**Signal question: {q.title}.** {q.ask}\n\n"
            f"- Tests: {q.tests}\n- Listen for: {q.listen_for}\n- Worry if: {q.worry_if}"
        )
    return "\n\n".join(blocks)


def _curveballs(plan: CurveballPlan) -> str:
    parts = ["## Curveballs", plan.when]
    for n, curveball in enumerate(plan.curveballs, start=1):
        parts += [
            f"### Curveball {n}: {curveball.id.replace('_', ' ')} (`{curveball.dimension}`)",
            _quote(curveball.text),
            f"**Strong answer:** {curveball.strong_answer}",
        ]
    return "\n\n".join(parts)


def _wrap_up(guide: InterviewerGuide) -> str:
    wrap = guide.wrap_up
    parts = [
        f"## Wrap-up ({_minutes(wrap.minutes)}, from minute {wrap.start_minute})",
        _numbered(wrap.steps),
    ]
    if wrap.signal_questions:
        parts.append(_signal_questions(wrap.signal_questions))
    return "\n\n".join(parts)


def _scoring_sheet(sheet: ScoringSheet) -> str:
    rows = [
        "## Scoring sheet",
        "",
        sheet.note,
        "",
        "| Dimension | Weight | Probed in | Level (1–4) | Evidence (quote, minute) |",
        "|---|---:|---|---|---|",
    ]
    for row in sheet.rows:
        probed = ", ".join(row.probed_in) or "throughout"
        rows.append(
            f"| {_cell(row.title)} (`{row.dimension_id}`) | {row.weight:g} | {probed} | "
            f"{row.level if row.level is not None else ''} | {_cell(row.evidence)} |"
        )
    rows += ["", "Recommendation (weighted mean of the levels, by the weights above):", ""]
    for rule in sheet.recommendation_rules:
        title = RECOMMENDATION_TITLES.get(rule.recommendation, rule.recommendation)
        rows.append(
            f"- **{title}**: weighted level at least {rule.min_weighted_level:g}, "
            f"no dimension below {rule.min_level_everywhere}, "
            f"at most {rule.max_red_flags} red flag{'s' if rule.max_red_flags != 1 else ''}"
        )
    rows.append("- **Strong no hire**: anything below the no-hire line")
    return "\n".join(rows)


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def _minutes(count: int) -> str:
    return f"{count} min"


def _cell(text: str) -> str:
    """Table cells stay on one line, with pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


def _quote(text: str) -> str:
    return "> " + text
