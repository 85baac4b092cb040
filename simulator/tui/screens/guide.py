"""The interviewer guide for a brief: the same guide as `mockloop probes`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from scoring.rubrics import load_rubrics
from simulator.content.models import Brief
from simulator.guide import build_guide, render_markdown
from simulator.terminal import terminal_safe

RUBRIC = "system-design"


class GuideScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, brief: Brief, minutes: int) -> None:
        super().__init__()
        self.brief = brief
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        guide = build_guide(self.brief, load_rubrics()[RUBRIC], self.minutes)
        yield Header()
        with VerticalScroll():
            yield Markdown(terminal_safe(render_markdown(guide)), id="guide")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Interviewer guide"
        self.sub_title = self.brief.title
        self.query_one(VerticalScroll).focus()
