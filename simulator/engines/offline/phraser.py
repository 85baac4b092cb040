"""Offline interviewer: each Move worded from the persona's templates, varied by the seed.

What the policy decided to say first (a reply to the candidate's own question, the facts
they asked for, "assume the rest") comes before the move's own words. A template that reads a
quote back is only used when the move carries a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from simulator.engines.base import PhraseRequest, seeded_rng

_CHUNK = re.compile(r"\S+\s*|\s+")
_SPACES = re.compile(r"[ \t]{2,}")

if TYPE_CHECKING:
    from scoring.reading.catalogue import SlotBook
    from scoring.reading.models import Reading


class OfflineEngine:
    name = "offline"
    model: str | None = None

    def read(self, text: str, book: SlotBook, *, session_id: str, wrap_up: bool) -> Reading | None:
        """Offline, the reading is scoring's own (the analysis makes it)."""
        return None

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        text = self.render(request)
        for match in _CHUNK.finditer(text):
            yield match.group(0)

    def render(self, request: PhraseRequest) -> str:
        move = request.move
        persona = request.interviewer
        rng = seeded_rng(request.seed, persona.id, request.turn_number, move.kind)
        templates = persona.phrases[move.kind]
        usable = [t for t in templates if move.quote or "{quote}" not in t] or templates
        if move.reply:  # the reply leads in already: no second lead-in after it
            usable = [t for t in usable if _bare(t)] or usable
        template = rng.choice(usable)
        brief = request.brief
        area_titles = {a.id: a.title for a in brief.probe_areas}
        facts = {f.id: " ".join(f.answer.split()) for f in brief.facts}
        fact_text = " ".join(facts[f] for f in move.fact_ids if f in facts)
        values = {
            "brief_title": brief.title,
            "brief": brief.brief.strip(),
            "minutes": request.minutes,
            "minutes_left": max(0, round(request.minutes_left)),
            "fact": fact_text,
            "quote": move.quote,
            "probe": move.probe,
            "concept": request.concept_label,
            # A reply to the candidate's check-in already acknowledges the answer.
            "ack": ""
            if move.reply
            else _ack(move.ack, persona.acknowledgements, persona.praise, rng),
            "answer": move.reply,
            "area": area_titles.get(
                (move.left_area_id if move.kind == "move_on" else move.area_id) or "",
                "the high-level design",
            ),
            "next_area": area_titles.get(move.area_id or "", ""),
            "hint": move.hint,
        }
        words = template.format(**values).strip()
        assume = ""
        if move.assume_rest:
            from simulator.interview.policy import policy_wording

            some = fact_text or move.reply  # facts said (or said again) first: "for the rest"
            assume = " ".join(policy_wording().assume["rest" if some else "none"].split())
        if move.plain:
            words = move.probe  # said as it is, after any reply
        elif move.kind == "answer_question" and move.probe:
            words = f"{move.reply} {assume} {move.probe}"  # mid-round: answer, then go on
            assume = ""
        first: list[str] = []
        if move.reply and move.kind not in ("answer_question",):
            first.append(move.reply)
        if fact_text and move.kind != "answer_fact":
            first.append(fact_text)
        if move.kind == "answer_fact":
            words = f"{words} {assume}".strip()  # the facts first, then "assume the rest"
        elif assume:
            first.append(assume)
        text = " ".join([*first, words]) if first else words
        return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _bare(template: str) -> bool:
    """A template that says nothing of its own around the acknowledgement and the probe."""
    return not template.replace("{ack}", "").replace("{probe}", "").strip()


def _ack(level: str, neutral: list[str], praise: list[str], rng: object) -> str:
    """Nothing after a non-answer or a hedge; praise only when the policy says it is earned."""
    choice = getattr(rng, "choice")  # noqa: B009 - the seeded Random's own choice
    if level == "positive" and praise:
        return str(choice(praise))
    if level in ("neutral", "positive"):
        return str(choice(neutral))
    return ""
