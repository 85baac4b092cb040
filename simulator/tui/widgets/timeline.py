"""The phase timeline: where the round is, and the elapsed and remaining time."""

from __future__ import annotations

from textual.widgets import Static

from simulator.interview.clock import clock
from simulator.interview.timing import TimePlan
from simulator.terminal import terminal_safe

PHASE_TITLES = {
    "opening": "Opening",
    "design": "Design",
    "deep_dive": "Deep dives",
    "wrap_up": "Wrap-up",
    "closed": "Done",
}


def timeline_text(plan: TimePlan, phase: str, elapsed: float, areas_done: int, areas: int) -> str:
    parts = []
    for name, _, _ in plan.phase_rows():
        title = PHASE_TITLES[name]
        if name == "deep_dive":
            title += f" {areas_done}/{areas}"
        parts.append(f"[b reverse] {title} [/]" if name == phase else f" {title} ")
    left = max(0.0, plan.total - elapsed)
    return terminal_safe("›".join(parts) + f"   {clock(elapsed)} elapsed · {clock(left)} left")


class Timeline(Static):
    """Redrawn by its screen every second and after every turn."""
