"""The answer reading from Claude: structured output from the cheapest model at low effort,
every span checked to be verbatim in the answer; None (the offline reading is used, and said
so) when the call fails or the model declines."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from scoring.judge.prompt_file import read_prompt_file
from scoring.reading.catalogue import SlotBook, slot_catalogue
from scoring.reading.decisions import find_decisions
from scoring.reading.models import (
    QUANTITY_KINDS,
    Decision,
    Quantity,
    Question,
    QuestionKind,
    Reading,
    SlotFill,
    Span,
)
from scoring.vocabulary.matcher import normalize
from scoring.vocabulary.text_index import split_sentences
from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient, ClaudeError
from simulator.engines.claude.layout import CACHE, PROMPTS
from simulator.engines.claude.messages import text_of
from simulator.engines.claude.structured import json_format

MAX_TOKENS = 3_000  # a reading is short JSON; low-effort thinking comes first


class ReadQuestion(BaseModel):
    text: str
    kind: Literal["clarifying", "check_in", "wrap_up"]


class ReadAmount(BaseModel):
    text: str
    kind: Literal["tokens", "money", "duration", "percent", "count", "rate"]
    low: float
    high: float
    unit: str
    approx: bool
    per: str


def reading_model(book: SlotBook) -> type[BaseModel]:
    """The answer's model: slot ids are part of the type."""
    slot_ids = tuple(book.ids)
    said = create_model(
        "SlotSentence",
        slot=(Literal[slot_ids], ...),  # type: ignore[arg-type]
        sentence=(str, ...),
    )
    return create_model(
        "AnswerReading",
        questions=(list[ReadQuestion], ...),
        amounts=(list[ReadAmount], ...),
        slots=(list[said], ...),  # type: ignore[valid-type]
        dismissed=(list[said], ...),  # type: ignore[valid-type]
        quoted=(list[str], Field(...)),
        hedged=(bool, ...),
    )


def reading_prompt() -> str:
    prompt = read_prompt_file(PROMPTS / "reading.md")
    slots = "\n".join(f"- {s.id}: {' '.join(s.means.split())}" for s in slot_catalogue().slots)
    return prompt.text.replace("{slots}", slots)


class ClaudeReader:
    """Reads answers with the engine's client; `read` returns None to fall back offline."""

    def __init__(self, client: ClaudeClient) -> None:
        self.client = client
        self.version = read_prompt_file(PROMPTS / "reading.md").version
        self.failures: list[str] = []

    def params(self, text: str, book: SlotBook, *, wrap_up: bool) -> dict[str, Any]:
        note = "\nThe interviewer has asked for the candidate's questions." if wrap_up else ""
        return {
            "model": self.client.settings.model,
            "max_tokens": MAX_TOKENS,
            "system": [{"type": "text", "text": reading_prompt(), "cache_control": CACHE}],
            "messages": [
                {"role": "user", "content": f"<answer>\n{text}\n</answer>{note}"},
            ],
            "output_config": {
                "effort": self.client.settings.effort,
                "format": json_format(reading_model(book).model_json_schema()),
            },
        }

    def read(
        self, text: str, book: SlotBook, *, session_id: str, wrap_up: bool = False
    ) -> Reading | None:
        record = CallRecord(
            purpose="reading",
            model=self.client.settings.model,
            prompt_version=self.version,
            session_id=session_id or None,
        )
        try:
            message = self.client.create(self.params(text, book, wrap_up=wrap_up), record)
        except ClaudeError as exc:
            self.failures.append(str(exc))
            return None
        if message.stop_reason in ("refusal", "max_tokens"):
            self.failures.append(f"the reading stopped early ({message.stop_reason})")
            return None
        try:
            data = reading_model(book).model_validate(json.loads(text_of(message)))
        except (ValueError, ValidationError) as exc:
            self.failures.append(f"the reading was not valid ({type(exc).__name__})")
            return None
        return verified(text, data.model_dump())


def verified(text: str, data: dict[str, Any]) -> Reading:
    """The model's reading with every span found verbatim in the answer (others dropped)."""
    source = normalize(text)
    sentences = [Span(s.text, s.start, s.end) for s in split_sentences(source)]

    def span(quote: str) -> Span | None:
        at = source.find(normalize(quote).strip()) if quote.strip() else -1
        return (
            Span(source[at : at + len(quote.strip())], at, at + len(quote.strip()))
            if at >= 0
            else None
        )

    def sentence_of(quote: str) -> Span | None:
        found = span(quote)
        if found is None:
            return None
        return next((s for s in sentences if s.start <= found.start < s.end), found)

    questions: list[Question] = []
    for item in data["questions"]:
        where = span(item["text"])
        if where is not None:
            kind: QuestionKind = item["kind"]
            questions.append(Question(where.text, where.start, where.end, kind))
    quantities: list[Quantity] = []
    for item in data["amounts"]:
        where = span(item["text"])
        if where is not None and item["kind"] in QUANTITY_KINDS:
            low, high = sorted((float(item["low"]), float(item["high"])))
            quantities.append(
                Quantity(
                    item["kind"],
                    low,
                    high,
                    item["unit"],
                    bool(item["approx"]),
                    where.text,
                    where.start,
                    where.end,
                    item["per"],
                )
            )
    fills = _fills(data["slots"], sentence_of)
    dismissed = [
        d for d in _fills(data["dismissed"], sentence_of) if d.slot not in {f.slot for f in fills}
    ]
    decisions: list[Decision] = []
    for sentence in sentences:
        decisions.extend(find_decisions(sentence, sentence.text.lower(), False))
    quoted = [s for q in data["quoted"] if (s := span(q)) is not None]
    return Reading(
        words=len(source.split()),
        sentences=tuple(sentences),
        questions=tuple(questions),
        quantities=tuple(quantities),
        decisions=tuple(decisions),
        slots=tuple(fills),
        dismissed=tuple(dismissed),
        quoted=tuple(quoted),
        hedged=bool(data["hedged"]) and not fills,
    )


def _fills(items: list[dict[str, Any]], sentence_of: Any) -> list[SlotFill]:
    fills: list[SlotFill] = []
    for item in items:
        sentence = sentence_of(item["sentence"])
        if sentence is not None and all(f.slot != item["slot"] for f in fills):
            fills.append(SlotFill(item["slot"], sentence))
    return fills
