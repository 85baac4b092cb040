"""Choosing an engine: auto = claude when ANTHROPIC_API_KEY is set, else offline."""

from __future__ import annotations

import os

from simulator.engines.base import Engine


class EngineUnavailableError(RuntimeError):
    """The requested engine cannot run here; the message says why."""


def select_engine(choice: str = "auto", *, model: str | None = None) -> Engine:
    """The engine for `choice`; `model` overrides the Claude model (else MOCKLOOP_MODEL)."""
    from simulator.engines.offline import OfflineEngine

    has_key = bool(os.environ.get("ANTHROPIC_API_KEY"))
    if choice == "offline" or (choice == "auto" and not has_key):
        return OfflineEngine()
    if not has_key:
        raise EngineUnavailableError("the claude engine needs ANTHROPIC_API_KEY to be set")
    try:
        from simulator.engines.claude import claude_engine
    except ImportError:
        if choice == "claude":
            raise EngineUnavailableError(
                "the claude engine is not available in this version; use --engine offline"
            ) from None
        return OfflineEngine()
    return claude_engine(model=model)
