"""Offline interviewer: each Move worded from the persona's templates, varied by the seed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simulator.engines.base import PhraseRequest, seeded_rng

_CHUNK = re.compile(r"\S+\s*|\s+")


class OfflineEngine:
    name = "offline"
    model: str | None = None

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        text = self.render(request)
        for match in _CHUNK.finditer(text):
            yield match.group(0)

    def render(self, request: PhraseRequest) -> str:
        move = request.move
        persona = request.interviewer
        rng = seeded_rng(request.seed, persona.id, request.turn_number, move.kind)
        template = rng.choice(persona.phrases[move.kind])
        brief = request.brief
        area_titles = {a.id: a.title for a in brief.probe_areas}
        facts = {f.id: f.answer for f in brief.facts}
        values = {
            "brief_title": brief.title,
            "brief": brief.brief.strip(),
            "minutes": request.minutes,
            "minutes_left": max(0, round(request.minutes_left)),
            "fact": " ".join(facts[f] for f in move.fact_ids),
            "quote": move.quote,
            "probe": move.probe,
            "concept": request.concept_label,
            "ack": rng.choice(persona.acknowledgements),
            "area": area_titles.get(
                (move.left_area_id if move.kind == "move_on" else move.area_id) or "",
                "the high-level design",
            ),
            "next_area": area_titles.get(move.area_id or "", ""),
            "hint": move.hint,
        }
        return template.format(**values).strip()
