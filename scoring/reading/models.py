"""A Reading: what one answer says, as plain values (the interview state stores it as a dict).

Spans are character offsets into the answer as given, so a quote taken from a Reading is the
candidate's text, verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Literal

QuestionKind = Literal["clarifying", "check_in", "wrap_up"]
QuantityKind = Literal["tokens", "money", "duration", "percent", "count", "rate"]
QUANTITY_KINDS: tuple[QuantityKind, ...] = (
    "tokens",
    "money",
    "duration",
    "percent",
    "count",
    "rate",
)


@dataclass(frozen=True)
class Span:
    """A stretch of the answer: its text and where it is."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Question:
    text: str
    start: int
    end: int
    kind: QuestionKind


@dataclass(frozen=True)
class Quantity:
    """An amount the candidate states. Money is in US dollars, durations in seconds."""

    kind: QuantityKind
    low: float
    high: float
    unit: str  # tokens, words, USD, s, %, or the counted noun ("tickets")
    approx: bool
    text: str
    start: int
    end: int
    per: str = ""  # for money and counts: call, request, day, month, year...

    @property
    def value(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Decision:
    """A design choice the candidate commits to, with the reason they gave, if any."""

    kind: Literal["delivery", "model_tier", "output"]
    value: str
    sentence: Span
    reason: str = ""


@dataclass(frozen=True)
class SlotFill:
    """A slot filled by the candidate's own sentence."""

    slot: str
    sentence: Span


@dataclass(frozen=True)
class Reading:
    """One answer, read. Pure data: the same answer always reads the same."""

    words: int
    sentences: tuple[Span, ...] = ()
    questions: tuple[Question, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    decisions: tuple[Decision, ...] = ()
    slots: tuple[SlotFill, ...] = ()
    dismissed: tuple[SlotFill, ...] = ()  # slots the candidate rejected: never filled
    quoted: tuple[Span, ...] = ()  # material that is not the candidate's claim
    grader_aimed: tuple[Span, ...] = ()
    hedged: bool = False  # "not sure", "I think", "somehow" and little else

    def filled(self, slot: str) -> bool:
        return any(fill.slot == slot for fill in self.slots)

    @property
    def slot_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fill.slot for fill in self.slots))

    @property
    def dismissed_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fill.slot for fill in self.dismissed))

    def sentence_for(self, slot: str) -> Span | None:
        return next((f.sentence for f in self.slots if f.slot == slot), None)

    def asked(self, *kinds: QuestionKind) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not kinds or q.kind in kinds)

    def to_dict(self) -> dict[str, Any]:
        plain = _plain(self)
        assert isinstance(plain, dict)
        return plain

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reading:
        def spans(items: list[dict[str, Any]]) -> tuple[Span, ...]:
            return tuple(Span(**item) for item in items)

        def fills(items: list[dict[str, Any]]) -> tuple[SlotFill, ...]:
            return tuple(SlotFill(i["slot"], Span(**i["sentence"])) for i in items)

        return cls(
            words=data["words"],
            sentences=spans(data.get("sentences", [])),
            questions=tuple(Question(**q) for q in data.get("questions", [])),
            quantities=tuple(Quantity(**q) for q in data.get("quantities", [])),
            decisions=tuple(
                Decision(d["kind"], d["value"], Span(**d["sentence"]), d.get("reason", ""))
                for d in data.get("decisions", [])
            ),
            slots=fills(data.get("slots", [])),
            dismissed=fills(data.get("dismissed", [])),
            quoted=spans(data.get("quoted", [])),
            grader_aimed=spans(data.get("grader_aimed", [])),
            hedged=bool(data.get("hedged", False)),
        )


EMPTY_READING = Reading(words=0)


def _plain(value: Any) -> Any:
    """Dataclasses as dicts and tuples as lists, all the way down (like `asdict`, without its
    deep copies: every value here is immutable already)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value
