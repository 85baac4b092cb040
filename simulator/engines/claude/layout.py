"""The interviewer's request, laid out for the prompt cache.

    system[0]  the interviewer prompt file          (the same for every session)
    system[1]  persona, brief, round length         (the same all session)   <- breakpoint
    user       [answers since the last question +] <move> for turn 1
    assistant  turn 1 as it was said
    ...                                            (the conversation only grows)
    user       [answers] + <move> for this turn                               <- breakpoint

Past moves are replayed byte for byte from the turn's meta ("directive"), so every request
is the previous one plus new messages at the end, even after a resume. Nothing in it carries
a timestamp, an id or a counter that changes between calls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scoring.judge.prompt_file import PromptFile, read_prompt_file
from simulator.content.models import Brief, InterviewerPersona
from simulator.engines.base import PhraseRequest
from simulator.interview.turns import RoundTurn

PROMPTS = Path(__file__).with_name("prompts")
CACHE = {"type": "ephemeral"}
_TAGS = re.compile(r"<(/?)(candidate_answer|move)\b", re.I)


def interviewer_prompt() -> PromptFile:
    return read_prompt_file(PROMPTS / "interviewer.md")


def _neutralise(text: str) -> str:
    """The candidate cannot close the answer block or forge a move: our tags lose their <."""
    return _TAGS.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def setting_text(brief: Brief, persona: InterviewerPersona, minutes: int) -> str:
    """The session's stable context: who you are, what the candidate reads, how long."""
    areas = "\n".join(f"- {a.title}" for a in brief.probe_areas)
    constraints = "\n".join(f"- {' '.join(c.split())}" for c in brief.constraints)
    examples = "\n".join(f"- {a}" for a in persona.acknowledgements[:4])
    return (
        f'<interviewer_persona name="{persona.title}">\n'
        f"{' '.join(persona.description.split())}\n"
        f"Gives hints: {'yes, in coach mode' if persona.gives_hints else 'no'}.\n"
        f"Typical acknowledgements:\n{examples}\n"
        "</interviewer_persona>\n\n"
        f'<brief id="{brief.id}" title="{brief.title}">\n'
        f"{brief.brief.strip()}\n\n"
        f"Constraints:\n{constraints}\n\n"
        f"Areas the round will cover, in order:\n{areas}\n"
        "</brief>\n\n"
        f'<round minutes="{minutes}"/>'
    )


def system_blocks(request: PhraseRequest, prompt: PromptFile) -> list[dict[str, Any]]:
    setting = setting_text(request.brief, request.interviewer, request.minutes)
    return [
        {"type": "text", "text": prompt.text},
        {"type": "text", "text": setting, "cache_control": CACHE},
    ]


def directive(request: PhraseRequest, prompt: PromptFile) -> str:
    """The <move> for this turn: the policy's decision and its material, nothing else."""
    move = request.move
    brief = request.brief
    titles = {a.id: a.title for a in brief.probe_areas}
    area = titles.get(move.area_id or "", "")
    attrs = [f'kind="{move.kind}"', f'phase="{move.phase}"']
    if area:
        attrs.append(f'area="{area}"')
    attrs.append(f'minutes_left="{max(0, round(request.minutes_left))}"')
    lines = [f"<move {' '.join(attrs)}>", f"What to do: {prompt.snippets.get(move.kind, '')}"]
    if move.kind == "move_on" and move.left_area_id:
        lines.append(f"Leaving: {titles.get(move.left_area_id, move.left_area_id)}")
    if move.probe:
        lines.append(f"Probe: {' '.join(move.probe.split())}")
    if move.quote:
        lines.append(f'Quote of the candidate: "{_neutralise(" ".join(move.quote.split()))}"')
    if request.concept_label:
        lines.append(f"Concept: {request.concept_label}")
    facts = {f.id: f.answer for f in brief.facts}
    for fact_id in move.fact_ids:
        lines.append(f"Fact to reveal: {' '.join(facts.get(fact_id, '').split())}")
    if move.curveball_id:
        text = next((c.text for c in brief.curveballs if c.id == move.curveball_id), "")
        lines.append(f"Curveball: {' '.join(text.split())}")
    if move.hint:
        lines.append(f"Hint: {' '.join(move.hint.split())}")
    lines.append("</move>")
    return "\n".join(lines)


def replayed_directive(turn: RoundTurn) -> str:
    """A past turn's move: exactly as sent, or a stable stand-in for a turn worded offline."""
    meta = turn.get("meta") or {}
    stand_in = f'<move kind="{meta.get("move", "")}">(worded offline)</move>'
    return str(meta.get("directive") or stand_in)


def _answer(number: int, text: str) -> str:
    body = _neutralise(text.strip()) or "(no answer)"
    return f'<candidate_answer turn="{number}">\n{body}\n</candidate_answer>'


def messages(history: Iterable[RoundTurn], current: str) -> list[dict[str, Any]]:
    """The conversation so far as alternating user/assistant messages, then this move."""
    out: list[dict[str, Any]] = []
    pending: list[str] = []
    for number, turn in enumerate(history, start=1):
        if turn["role"] == "candidate":
            pending.append(_answer(number, turn["text"]))
        elif turn["role"] == "interviewer":
            out.append(_user([*pending, replayed_directive(turn)]))
            out.append({"role": "assistant", "content": [_text(turn["text"] or "(silence)")]})
            pending = []
    last = _user([*pending, current])
    last["content"][-1]["cache_control"] = CACHE
    out.append(last)
    return out


def _text(text: str) -> dict[str, Any]:
    return {"type": "text", "text": text}


def _user(parts: list[str]) -> dict[str, Any]:
    return {"role": "user", "content": [_text("\n\n".join(parts))]}
