"""Streaming one interviewer turn: deltas out as they come, a reset when a retry starts the
turn over, and the offline phraser when the engine cannot word the move at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from simulator.engines.base import Engine, EngineEvent, PhraseError, PhraseRequest
from simulator.interview.turns import TurnMeta

Write = Callable[[dict[str, Any]], None]
FALLBACK_ENGINE = "offline (fallback)"


@dataclass
class Spoken:
    text: str
    engine: str
    meta: TurnMeta = field(default_factory=TurnMeta)


def speak_move(engine: Engine, request: PhraseRequest, write: Write) -> Spoken:
    """Word the move with `engine`, streaming through `write`; never raises PhraseError.

    What reaches `write`: {"delta"} chunks, {"reset": True} when the chunks streamed so far
    for this turn are void (a retry or the fallback starts again), {"notice", "warning"}
    status lines (warnings: retries, cuts, the fallback).
    The returned text is exactly what the last uninterrupted stream said.
    """
    turn = request.turn_number
    chunks: list[str] = []
    meta: TurnMeta = {}

    def notice(message: str, warning: bool = True) -> None:
        write({"notice": message, "warning": warning, "turn": turn})

    request = replace(request, on_notice=notice)
    try:
        for item in engine.phrase(request):
            if isinstance(item, EngineEvent):
                if item.reset:
                    chunks.clear()
                    write({"reset": True, "turn": turn})
                if item.notice:
                    notice(item.notice, item.warning)
                meta.update(item.meta)
                continue
            chunks.append(item)
            write({"delta": item, "turn": turn})
    except PhraseError as exc:
        from simulator.engines.offline import OfflineEngine

        if chunks:
            write({"reset": True, "turn": turn})
        reason = str(exc) or type(exc).__name__
        notice(f"{engine.name} could not phrase this turn ({reason}); worded offline instead")
        text = OfflineEngine().render(request)
        write({"delta": text, "turn": turn})
        return Spoken(text, FALLBACK_ENGINE, {"fallback_reason": reason})
    return Spoken("".join(chunks).strip(), engine.name, meta)
