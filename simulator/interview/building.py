"""Building on what the candidate said: once an answer fills a slot, the next question is that
slot's deeper one (a trade-off or a failure mode of what they chose), with their own sentence
read back, rather than a stock question that may ask for what they already said. Pure.

Each filled slot gets its deeper question at most once in a round.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.reading.models import SlotFill
from scoring.reading.topics import bears_on
from simulator.content.models import MoveKind, ProbeArea
from simulator.interview.analysis import Analysis, quotable
from simulator.interview.moves import Ack, Move, Phase
from simulator.interview.policy_context import PolicyContext, settled
from simulator.interview.state import InterviewState


def fresh_fills(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, slots: Sequence[str]
) -> list[SlotFill]:
    """The last answer's fills of `slots` (in their order) whose deeper question is still to
    ask and not already answered by what was said."""
    if analysis.kind != "answer":
        return []
    done = set(state.get("deeper_asked", []))
    order = {slot: i for i, slot in enumerate(slots)}
    fills = [
        f
        for f in analysis.read.slots
        if f.slot in order
        and f.slot not in done
        and bears_on(f.sentence.text, f.slot)
        and not settled(ctx, f.slot, state, analysis)
    ]
    return sorted(fills, key=lambda f: order[f.slot])


def _best(fills: list[SlotFill]) -> SlotFill:
    """The first fill whose sentence can be read back, else the first."""
    return next((f for f in fills if quotable(f.sentence.text)), fills[0])


def build_on(
    state: InterviewState,
    analysis: Analysis,
    ctx: PolicyContext,
    slots: Sequence[str],
    area_id: str | None,
    ack: Ack = "",
    *,
    phase: Phase = "deep_dive",
    curveball_id: str | None = None,
) -> Move | None:
    """The deeper question on a slot the last answer filled, with its sentence read back."""
    fills = fresh_fills(state, analysis, ctx, slots)
    if not fills:
        return None
    fill = _best(fills)
    return Move(
        "depth_follow_up",
        phase,
        f"building on what they said: {fill.slot}",
        area_id,
        probe=ctx.deeper[fill.slot],
        quote=quotable(fill.sentence.text),
        deeper_slot=fill.slot,
        curveball_id=curveball_id,
        ack=ack,
    )


def enter_on(
    state: InterviewState,
    analysis: Analysis | None,
    ctx: PolicyContext,
    slots: Sequence[str],
    kind: MoveKind,
    *,
    area_id: str | None,
    left: str | None,
    reason: str,
    ack: Ack = "",
    stretch: bool = False,
) -> Move | None:
    """Open a part the candidate has already talked about through what they said: the last
    answer's sentence read back when it is there, else a pointer to an earlier answer."""
    if analysis is not None and (fills := fresh_fills(state, analysis, ctx, slots)):
        fill = _best(fills)
        quote = quotable(fill.sentence.text)
        lead = f"You said: “{quote}”" if quote else ctx.wording.earlier
        slot = fill.slot
    else:
        done = set(state.get("deeper_asked", [])) | set(state.get("dismissed_slots", []))
        filled = state.get("filled_slots", {})
        earlier = [s for s in slots if s in filled and s not in done]
        earlier = [s for s in earlier if not settled(ctx, s, state, analysis)]
        if not earlier:
            return None
        slot, lead = earlier[0], ctx.wording.earlier
    return Move(
        kind,
        "deep_dive",
        f"{reason}, through what they said about {slot}",
        area_id,
        probe=f"{lead} {ctx.deeper[slot]}",
        left_area_id=left,
        deeper_slot=slot,
        ack=ack,
        stretch=stretch,
    )


def ask_for(
    ctx: PolicyContext,
    area: ProbeArea,
    slot: str,
    reason: str,
    ack: Ack,
    *,
    stretch: bool = False,
    aside: bool = False,
) -> Move:
    """A follow-up asking for one slot of an area, worded for the brief (`aside`: the
    candidate set it aside earlier, so what doing without it costs)."""
    return Move(
        "depth_follow_up",
        "deep_dive",
        reason,
        area.id,
        probe=ctx.ask_about(slot, area, aside=(slot,) if aside else ()),
        slot_id=slot,
        ack=ack,
        stretch=stretch,
    )
