"""The interviewer guide for a brief."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from simulator.content.models import Brief


def guide_markdown(brief: Brief, minutes: int) -> str:
    """The brief's probe areas as an interviewer would prepare them."""
    lines = [f"# Interviewer guide: {brief.title}", "", brief.brief.strip(), ""]
    lines += ["## Facts to reveal only when asked", ""]
    lines += [f"- {fact.answer}" for fact in brief.facts]
    for n, area in enumerate(brief.probe_areas, start=1):
        lines += ["", f"## {n}. {area.title}", "", f"**Ask:** {area.main_probe}", ""]
        lines += [f"- {follow}" for follow in area.follow_ups]
        lines += ["", f"**Strong answer:** {area.strong_answer}"]
    lines += ["", "## Curveballs", ""] + [f"- {c.text}" for c in brief.curveballs]
    return "\n".join(lines)


class GuideScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, brief: Brief, minutes: int) -> None:
        super().__init__()
        self.brief = brief
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(guide_markdown(self.brief, self.minutes))
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Interviewer guide"
        self.query_one(VerticalScroll).focus()
