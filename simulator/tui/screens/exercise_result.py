"""A submitted eval-design exercise: when it was handed in, and what the check found."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from simulator.interview.clock import clock
from simulator.services.exercises import Exercise
from simulator.terminal import terminal_safe
from simulator.tui.screens.app_screen import AppScreen


class ExerciseResultScreen(AppScreen):
    BINDINGS = [Binding("escape", "home", "Home")]

    def __init__(self, exercise: Exercise, text: str, *, elapsed: float, by_clock: bool) -> None:
        super().__init__()
        self.exercise = exercise
        self.text = text
        self.elapsed = elapsed
        self.by_clock = by_clock

    def compose(self) -> ComposeResult:
        row = self.exercise.row
        how = "when the time ran out" if self.by_clock else "by you"
        heading = (
            f"Submitted {how} at {clock(self.elapsed)} of {clock(row.minutes * 60)}. "
            f"Exercise {row.id}: `mockloop exercise replay {row.id}` shows how it was written."
        )
        yield Header()
        with VerticalScroll(id="exercise-result"):
            yield Static(Text(terminal_safe(heading)), id="result-heading")
            yield Static(Text(terminal_safe(self.text)), id="result-report")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.exercise.sample.task.title
        self.sub_title = "Eval-design exercise submitted"

    def action_home(self) -> None:
        self.mockloop_app.go_home()
