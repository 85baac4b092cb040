"""A Move: what the interviewer does next, decided by the policy, phrased by an engine."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from simulator.content.models import MoveKind

Phase = Literal["opening", "design", "deep_dive", "wrap_up", "closed"]
Ack = Literal["", "neutral", "positive"]


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    phase: Phase
    reason: str
    area_id: str | None = None
    probe: str = ""
    quote: str = ""
    concept_id: str | None = None
    fact_ids: tuple[str, ...] = field(default_factory=tuple)
    curveball_id: str | None = None
    hint: str = ""
    left_area_id: str | None = None
    slot_id: str | None = None  # the slot a follow-up asks for
    deeper_slot: str | None = None  # the filled slot whose trade-off or failure it asks about
    ack: Ack = ""  # how the last answer is acknowledged
    stretch: bool = False  # every area is done: a deeper question while time remains
    assume_rest: bool = False  # some of the candidate's questions have no fact: "assume"
    reply: str = ""  # said first: a reply to the candidate's own question or check-in
    plain: bool = False  # the probe is said as it is, with no stock lead-in

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fact_ids"] = list(self.fact_ids)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Move:
        return cls(**{**data, "fact_ids": tuple(data.get("fact_ids", ()))})
