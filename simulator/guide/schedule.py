"""The guide's timing plan: the live interviewer's time plan in whole minutes."""

from __future__ import annotations

import math

from simulator.content.models import Brief
from simulator.guide.model import PhaseId, TimeSlot
from simulator.guide.wording import PhaseTitles
from simulator.interview.timing import TimePlan


def _minute(seconds: float) -> int:
    """Round half up: a boundary at 4.5 minutes shows as 5, the same way every time."""
    return math.floor(seconds / 60 + 0.5)


def time_slots(brief: Brief, plan: TimePlan, titles: PhaseTitles) -> list[TimeSlot]:
    """One row per phase and per probe area, in the order the round runs.

    Each boundary of the live plan is rounded to the nearest minute and every row lasts from
    its boundary to the next, so the rows add up to exactly the round's length and no
    boundary is more than half a minute from where the live interviewer puts it.
    """
    rows: list[tuple[PhaseId, str, str | None, float]] = [
        ("opening", titles.opening, None, plan.opening_end),
        ("design", titles.design, None, plan.design_end),
    ]
    end = plan.design_end
    for area in brief.probe_areas:
        end += plan.area_budgets[area.id]
        rows.append(("deep_dive", area.title, area.id, end))
    # The last area ends exactly where the wrap-up starts (floating-point sums may not).
    phase, title, area_id, _ = rows[-1]
    rows[-1] = (phase, title, area_id, plan.wrap_up_start)
    rows.append(("wrap_up", titles.wrap_up, None, plan.total))

    slots: list[TimeSlot] = []
    start = 0
    for phase, title, area_id, boundary in rows:
        stop = _minute(boundary)
        slots.append(
            TimeSlot(
                phase=phase,
                title=title,
                area_id=area_id,
                start_minute=start,
                minutes=stop - start,
            )
        )
        start = stop
    return slots
