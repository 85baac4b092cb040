"""Choosing an engine: auto = claude when ANTHROPIC_API_KEY is set, else offline."""

from __future__ import annotations

from simulator.engines.api_key import ApiKeyError, api_key, has_api_key
from simulator.engines.base import Engine


class EngineUnavailableError(RuntimeError):
    """The requested engine cannot run here; the message says why."""


def claude_wanted(choice: str) -> bool:
    """Whether `--engine choice` means Claude here; EngineUnavailableError when it is asked for
    and cannot run (no key, or a key that cannot be right)."""
    if choice == "offline" or (choice == "auto" and not has_api_key()):
        return False
    try:
        key = api_key()
    except ApiKeyError as exc:
        raise EngineUnavailableError(str(exc)) from None
    if key is None:
        raise EngineUnavailableError("the claude engine needs ANTHROPIC_API_KEY to be set")
    return True


def select_engine(
    choice: str = "auto", *, model: str | None = None, effort: str | None = None
) -> Engine:
    """The engine for `choice`; `model` and `effort` override the Claude model and the
    interviewer's effort (else MOCKLOOP_MODEL, MOCKLOOP_EFFORT)."""
    from simulator.engines.offline import OfflineEngine

    if not claude_wanted(choice):
        return OfflineEngine()
    try:
        from simulator.engines.claude import claude_engine
        from simulator.engines.claude.settings import EffortError
    except ImportError:
        if choice == "claude":
            raise EngineUnavailableError(
                "the claude engine is not available in this version; use --engine offline"
            ) from None
        return OfflineEngine()
    try:
        return claude_engine(model=model, effort=effort)
    except EffortError as exc:
        raise EngineUnavailableError(str(exc)) from None
