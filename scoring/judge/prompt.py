"""The judge's request: a cache-friendly layout of instructions, rubric and transcript.

Layout (every byte before the last breakpoint is the same for every sample of a transcript,
and the instructions and rubric are the same for every transcript):

    system[0]  the judge prompt file (instructions)
    system[1]  the rubric                             <- cache breakpoint
    user[0]    the transcript as delimited data       <- cache breakpoint
    user[1]    the task sentence

The answer is JSON bound to the rubric's output schema (see schema.py); nothing in the request
depends on one model's API beyond Messages-shaped blocks.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from scoring.judge.prompt_file import PromptFile, read_prompt_file
from scoring.judge.protocol import Block, JudgeCall, JudgeReply, Message
from scoring.judge.schema import output_schema
from scoring.rubrics.models import Rubric
from scoring.transcripts.model import Transcript

PROMPT_PATH = Path(__file__).with_name("prompts") / "judge.md"
CACHE = {"type": "ephemeral"}
# Adaptive thinking spends from the same budget as the scorecard (2,000-3,000 tokens of JSON):
# room for both, and still under the size a non-streamed request may ask for.
MAX_TOKENS = 16_000
_DELIMITERS = re.compile(r"<(/?)(transcript|turn)\b", re.I)
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.:-]+")


def judge_prompt() -> PromptFile:
    return read_prompt_file(PROMPT_PATH)


def judge_prompt_version() -> str:
    return judge_prompt().version


def render_rubric(rubric: Rubric) -> str:
    lines = [f'<rubric id="{rubric.id}" version="{rubric.version}">', rubric.title, ""]
    lines.append("Dimensions (rate every one, 1-4):")
    for d in rubric.dimensions:
        lines += ["", f"{d.id}: {d.title} (weight {d.weight:g})", " ".join(d.description.split())]
        lines += [f"  {n}: {' '.join(d.anchors.for_level(n).split())}" for n in (1, 2, 3, 4)]
    if rubric.red_flags:
        lines += ["", "Red flags (report by id when the candidate's own words show one):"]
        for f in rubric.red_flags:
            dims = ", ".join(f.dimensions)
            lines.append(f"- {f.id}: {' '.join(f.description.split())} (caps {dims} at {f.cap})")
    lines.append("</rubric>")
    return "\n".join(lines)


def _neutralise(text: str) -> str:
    """Keep the candidate from closing the data block: tags that look like ours lose their <."""
    return _DELIMITERS.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def render_transcript(transcript: Transcript) -> str:
    """The transcript as data, one <turn> per turn with its 1-based id and the speaker's role."""
    safe_id = _ID_CHARS.sub("-", transcript.id)[:80]
    lines = [f'<transcript id="{safe_id}" turns="{len(transcript.turns)}">']
    for number, turn in enumerate(transcript.turns, start=1):
        lines.append(f'<turn id="{number}" role="{turn.role}">\n{_neutralise(turn.text)}\n</turn>')
    lines.append("</transcript>")
    return "\n".join(lines)


def build_call(
    transcript: Transcript, rubric: Rubric, *, max_tokens: int = MAX_TOKENS
) -> JudgeCall:
    prompt = judge_prompt()
    system: tuple[Block, ...] = (
        {"type": "text", "text": prompt.text},
        {"type": "text", "text": render_rubric(rubric), "cache_control": CACHE},
    )
    user = {
        "role": "user",
        "content": [
            {"type": "text", "text": render_transcript(transcript), "cache_control": CACHE},
            {"type": "text", "text": prompt.snippets.get("task", "Rate the candidate.")},
        ],
    }
    return JudgeCall(
        system=system,
        messages=(user,),
        output_schema=output_schema(rubric),
        max_tokens=max_tokens,
        scope=transcript.id,
    )


def retry_call(call: JudgeCall, reply: JudgeReply, problems: str) -> JudgeCall:
    """The same request plus the failed answer and what was wrong with it, appended at the end
    (so the cached prefix still applies, and the request still ends with the user's turn)."""
    note = (
        f"That scorecard could not be used: {problems}. Answer again with a complete, corrected "
        "scorecard for every dimension."
    )
    messages: tuple[Message, ...]
    if reply.text.strip():
        messages = (
            *call.messages,
            {"role": "assistant", "content": [{"type": "text", "text": reply.text}]},
            {"role": "user", "content": [{"type": "text", "text": note}]},
        )
    else:
        last = dict(call.messages[-1])
        last["content"] = [
            *last["content"],
            {"type": "text", "text": f"Your answer was empty. {note}"},
        ]
        messages = (*call.messages[:-1], last)
    return replace(call, messages=messages, purpose="judge-retry")
