"""A simulated candidate played by Claude: the persona's level and habits, its own words.

Test modes (empty, gibberish, off-topic, repeat, grader injection) stay offline: they are
fixed inputs, and a model would only make them less exact. If a call fails, the offline
candidate answers that turn, so a simulated round always completes.
"""

from __future__ import annotations

from typing import Any

from scoring.judge.prompt_file import PromptFile, read_prompt_file
from simulator.content.models import Brief, CandidatePersona
from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient, ClaudeError
from simulator.engines.claude.layout import CACHE, PROMPTS
from simulator.engines.claude.messages import redact, refusal_of, text_of
from simulator.engines.offline.candidate import SimulatedCandidate
from simulator.interview.moves import Move
from simulator.interview.speech import FALLBACK_ENGINE
from simulator.interview.turns import RoundTurn, TurnMeta
from simulator.simulation import PlayedAnswer

EXAMPLES_PER_SLOT = 1


def candidate_prompt() -> PromptFile:
    return read_prompt_file(PROMPTS / "candidate.md")


def persona_text(persona: CandidatePersona, brief: Brief) -> str:
    context = brief.context.model_dump()
    examples: list[str] = []
    for slot, answers in persona.answers.items():
        for answer in answers[:EXAMPLES_PER_SLOT]:
            examples.append(f"- ({slot}) {' '.join(answer.format(**context).split())}")
    return (
        f'<persona name="{persona.title}" group="{persona.group}">\n'
        f"{' '.join(persona.description.split())}\n\n"
        "Example answers in this persona's voice:\n" + "\n".join(examples) + "\n</persona>\n\n"
        f'<brief title="{brief.title}">\n{brief.brief.strip()}\n</brief>'
    )


class ClaudeCandidate:
    """Player interface of simulator.simulation: `answer(move, turns) -> str`."""

    def __init__(
        self,
        persona: CandidatePersona,
        brief: Brief,
        seed: int,
        client: ClaudeClient,
        session_id: str,
    ) -> None:
        self.persona = persona
        self.brief = brief
        self.client = client
        self.session_id = session_id
        self.offline = SimulatedCandidate(persona, brief, seed)
        self.fallbacks: list[str] = []
        self.stopped = ""

    @property
    def model(self) -> str:
        return self.client.settings.model

    def params(self, turns: list[RoundTurn]) -> dict[str, Any]:
        persona = persona_text(self.persona, self.brief)
        system = [
            {"type": "text", "text": candidate_prompt().text},
            {"type": "text", "text": persona, "cache_control": CACHE},
        ]
        messages: list[dict[str, Any]] = []
        for turn in turns:
            role = "user" if turn["role"] == "interviewer" else "assistant"
            text = turn["text"].strip() or "(silence)"
            if messages and messages[-1]["role"] == role:
                messages[-1]["content"][0]["text"] += f"\n\n{text}"
            else:
                messages.append({"role": role, "content": [{"type": "text", "text": text}]})
        if messages:
            messages[-1]["content"][-1]["cache_control"] = CACHE
        return {
            "model": self.model,
            "max_tokens": self.client.settings.candidate_max_tokens,
            "system": system,
            "messages": messages,
            "output_config": {"effort": self.client.settings.effort},
        }

    def answer(self, move: Move, turns: list[RoundTurn]) -> PlayedAnswer:
        if self.persona.mode != "normal" or move.kind == "close":
            return PlayedAnswer(self.offline.answer(move, turns), {"engine": "offline"})
        if self.stopped:
            return self._fallback(move, turns, self.stopped)
        record = CallRecord(
            purpose="candidate",
            model=self.model,
            prompt_version=candidate_prompt().version,
            session_id=self.session_id,
        )
        try:
            message = self.client.create(self.params(turns), record)
        except ClaudeError as exc:
            if exc.spend_limit:
                self.stopped = str(exc)
            return self._fallback(move, turns, str(exc))
        except Exception as exc:  # the simulated round always completes
            return self._fallback(move, turns, redact(f"{type(exc).__name__}: {exc}"))
        if message.stop_reason == "refusal":
            why = refusal_of(message)
            return self._fallback(
                move,
                turns,
                "the model declined to answer (stop reason refusal)" + (f": {why}" if why else ""),
            )
        text = text_of(message).strip()
        if not text:
            return self._fallback(move, turns, f"empty reply (stop reason {message.stop_reason})")
        meta: TurnMeta = {
            "engine": "claude",
            "model": self.model,
            "effort": self.client.settings.effort,
        }
        return PlayedAnswer(text, meta)

    def _fallback(self, move: Move, turns: list[RoundTurn], reason: str) -> PlayedAnswer:
        """The offline persona answers this turn, marked like an interviewer turn worded
        offline."""
        self.fallbacks.append(reason)
        meta: TurnMeta = {"engine": FALLBACK_ENGINE, "fallback_reason": reason}
        return PlayedAnswer(self.offline.answer(move, turns), meta)
