"""The round's time box: phases and per-area budgets, scaled to the round's length."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.content.models import Brief

# Shares of the round (a 60-minute round: 5 opening, 9 design, 39 deep dives, 7 wrap-up).
OPENING_SHARE = 5 / 60
DESIGN_SHARE = 9 / 60
WRAP_UP_SHARE = 7 / 60
MIN_MINUTES = 10
MAX_MINUTES = 180


@dataclass(frozen=True)
class TimePlan:
    """Phase boundaries in seconds from the start, and each probe area's budget."""

    total: float
    opening_end: float
    design_end: float
    wrap_up_start: float
    area_budgets: dict[str, float]

    def phase_rows(self) -> list[tuple[str, float, float]]:
        """(phase, start, end) in seconds, for timelines and guides."""
        return [
            ("opening", 0.0, self.opening_end),
            ("design", self.opening_end, self.design_end),
            ("deep_dive", self.design_end, self.wrap_up_start),
            ("wrap_up", self.wrap_up_start, self.total),
        ]


def plan_time(brief: Brief, minutes: int) -> TimePlan:
    total = minutes * 60.0
    opening_end = total * OPENING_SHARE
    design_end = opening_end + total * DESIGN_SHARE
    wrap_up_start = total * (1 - WRAP_UP_SHARE)
    deep = wrap_up_start - design_end
    weights = sum(area.weight for area in brief.probe_areas)
    budgets = {area.id: deep * area.weight / weights for area in brief.probe_areas}
    return TimePlan(total, opening_end, design_end, wrap_up_start, budgets)
