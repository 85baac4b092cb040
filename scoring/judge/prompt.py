"""The judge's request: a cache-friendly layout of instructions, rubric and transcript.

Layout (every byte before the last breakpoint is the same for every sample of a transcript,
and the instructions and rubric are the same for every transcript):

    system[0]  the judge prompt file (instructions)
    system[1]  the rubric                             <- cache breakpoint
    user[0]    the transcript as delimited data       <- cache breakpoint
    user[1]    the task sentence
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from scoring.judge.prompt_file import PromptFile, read_prompt_file
from scoring.judge.protocol import Block, JudgeCall, JudgeReply
from scoring.judge.schema import TOOL_NAME, tool_definition
from scoring.rubrics.models import Rubric
from scoring.transcripts.model import Transcript

PROMPT_PATH = Path(__file__).with_name("prompts") / "judge.md"
CACHE = {"type": "ephemeral"}
MAX_TOKENS = 6000
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
        tool=tool_definition(rubric),
        max_tokens=max_tokens,
        scope=transcript.id,
    )


def retry_call(call: JudgeCall, reply: JudgeReply, problems: str) -> JudgeCall:
    """The same request plus the failed answer and what was wrong with it (appended at the end,
    so the cached prefix still applies)."""
    note = (
        f"That scorecard could not be used: {problems}. Call {TOOL_NAME} again with a "
        "complete, corrected scorecard for every dimension."
    )
    if isinstance(reply.tool_input, dict) and reply.tool_use_id:
        tool_use = {
            "type": "tool_use",
            "id": reply.tool_use_id,
            "name": TOOL_NAME,
            "input": reply.tool_input,
        }
        result = {
            "type": "tool_result",
            "tool_use_id": reply.tool_use_id,
            "is_error": True,
            "content": note,
        }
        messages = (
            *call.messages,
            {"role": "assistant", "content": [tool_use]},
            {"role": "user", "content": [result]},
        )
    else:
        shown = (
            reply.tool_input if isinstance(reply.tool_input, str) else json.dumps(reply.tool_input)
        )
        text = f"Your previous output was not a JSON object ({shown[:300]!r}). {note}"
        last = dict(call.messages[-1])
        last["content"] = [*last["content"], {"type": "text", "text": text}]
        messages = (*call.messages[:-1], last)
    return JudgeCall(
        system=call.system,
        messages=messages,
        tool=call.tool,
        max_tokens=call.max_tokens,
        scope=call.scope,
        purpose="judge-retry",
    )
