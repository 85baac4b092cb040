"""The Claude interviewer: streams the wording of the policy's move, adapted to the answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from simulator.engines.base import EngineEvent, PhraseError, PhraseRequest
from simulator.engines.claude import layout
from simulator.engines.claude.calls import CallRecord, UsageTotals
from simulator.engines.claude.client import ClaudeClient, ClaudeError, StreamOutcome
from simulator.engines.claude.messages import redact
from simulator.engines.claude.settings import ClaudeSettings
from simulator.engines.claude.tokens import approx, estimate_input_tokens
from simulator.interview.turns import TurnMeta

_SENTENCE_END = re.compile(r"[.?!…][\"”’)]*(?=\s|$)")

if TYPE_CHECKING:
    from scoring.reading.catalogue import SlotBook
    from scoring.reading.models import Reading
    from simulator.content.models import Brief, CandidatePersona
    from simulator.engines.claude.candidate import ClaudeCandidate


def complete_sentences(text: str) -> str:
    """Text cut off at max_tokens, trimmed back to its last finished sentence."""
    ends = list(_SENTENCE_END.finditer(text))
    return text[: ends[-1].end()].strip() if ends else ""


class ClaudeEngine:
    """Engine protocol: `phrase` streams; PhraseError sends the turn to the offline phraser."""

    name = "claude"

    def __init__(self, settings: ClaudeSettings, client: ClaudeClient | None = None) -> None:
        self.settings = settings
        self.client = client or ClaudeClient(settings)
        self.model: str | None = settings.model
        self.stopped = ""  # set after a spend-limit error: no more calls this process
        self._reader: Any = None

    @property
    def prompt_version(self) -> str:
        return layout.interviewer_prompt().version

    def request_params(self, request: PhraseRequest) -> tuple[dict[str, Any], str]:
        """The Messages request for this turn and the move directive it ends with."""
        prompt = layout.interviewer_prompt()
        move = layout.directive(request, prompt)
        params = {
            "model": self.settings.model,
            "max_tokens": self.settings.interviewer_max_tokens,
            "system": layout.system_blocks(request, prompt),
            "messages": layout.messages(request.history, move),
            "output_config": {"effort": self.settings.effort},
        }
        return params, move

    def phrase(self, request: PhraseRequest) -> Iterator[str | EngineEvent]:
        if self.stopped:
            raise PhraseError(self.stopped)
        params, move = self.request_params(request)
        estimate = estimate_input_tokens(params)
        yield EngineEvent(notice=f"{approx(estimate)} input tokens (estimate)")
        record = CallRecord(
            purpose="interviewer",
            model=self.settings.model,
            prompt_version=self.prompt_version,
            session_id=request.session_id or None,
            estimated_input_tokens=estimate,
        )
        outcome = StreamOutcome()
        try:
            yield from self.client.stream(params, record, outcome, on_notice=request.on_notice)
        except ClaudeError as exc:
            if exc.spend_limit:
                self.stopped = str(exc)
            raise PhraseError(str(exc)) from None
        except Exception as exc:  # whatever else goes wrong, the round goes on offline
            raise PhraseError(redact(f"{type(exc).__name__}: {exc}")) from None
        if outcome.stop_reason == "refusal":
            why = f": {outcome.refusal}" if outcome.refusal else ""
            raise PhraseError(f"the model declined to answer (stop reason refusal{why})")
        text = outcome.text.strip()
        if outcome.stop_reason == "max_tokens":
            text = complete_sentences(text)
            yield EngineEvent(reset=True, notice="The reply was cut at max_tokens; trimmed.")
            if text:
                yield text
        if not text:
            raise PhraseError(f"empty reply (stop reason {outcome.stop_reason})")
        yield EngineEvent(meta=self._meta(move, outcome))

    def _meta(self, move: str, outcome: StreamOutcome) -> TurnMeta:
        meta: TurnMeta = {
            "directive": move,
            "prompt_version": self.prompt_version,
            "effort": self.settings.effort,
        }
        record = outcome.record
        if record is not None:
            meta.update(
                {
                    "input_tokens": str(record.input_tokens),
                    "output_tokens": str(record.output_tokens),
                    "thinking_tokens": str(record.thinking_tokens),
                    "cache_read_tokens": str(record.cache_read_tokens),
                    "cache_write_tokens": str(record.cache_write_tokens),
                    "latency_ms": f"{record.latency_ms:.0f}",
                }
            )
            if record.dollars is not None:
                meta["dollars"] = f"{record.dollars:.6f}"
        if outcome.first_token_ms is not None:
            meta["first_token_ms"] = f"{outcome.first_token_ms:.0f}"
        if outcome.stop_reason:
            meta["stop_reason"] = outcome.stop_reason
        return meta

    def read(self, text: str, book: SlotBook, *, session_id: str, wrap_up: bool) -> Reading | None:
        """The model's reading of an answer (None: the offline reading is used instead)."""
        if self.stopped or not text.strip():
            return None
        from simulator.engines.claude.reading import ClaudeReader

        if self._reader is None:
            self._reader = ClaudeReader(self.client)
        return self._reader.read(text, book, session_id=session_id, wrap_up=wrap_up)

    def session_usage(self, session_id: str) -> UsageTotals:
        """Every call made for the session so far (interviewer and simulated candidate)."""
        return self.client.log.totals(session_id=session_id)

    def candidate(
        self, persona: CandidatePersona, brief: Brief, seed: int, session_id: str
    ) -> ClaudeCandidate:
        """A Claude-played candidate persona for `simulate` (test modes stay offline)."""
        from simulator.engines.claude.candidate import ClaudeCandidate

        return ClaudeCandidate(persona, brief, seed, self.client, session_id)
