"""The scorecard: levels, quoted evidence, missed opportunities; export to Markdown or JSON."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown

from scoring.render import scorecard_markdown
from scoring.scorecard import Scorecard
from simulator.files import WriteError, write_output
from simulator.paths import home
from simulator.terminal import terminal_safe
from simulator.tui.screens.app_screen import AppScreen


def export_path(card: Scorecard, suffix: str) -> Path:
    folder = home() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{card.transcript_id}-scorecard.{suffix}"


class ScorecardScreen(AppScreen):
    BINDINGS = [
        Binding("m", "export('md')", "Export Markdown"),
        Binding("j", "export('json')", "Export JSON"),
        Binding("escape,h", "home", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, card: Scorecard) -> None:
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(terminal_safe(scorecard_markdown(self.card)), id="scorecard")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Scorecard"
        self.sub_title = self.card.recommendation.replace("_", " ")
        self.query_one(VerticalScroll).focus()

    def action_export(self, fmt: str) -> None:
        path = export_path(self.card, "md" if fmt == "md" else "json")
        text = scorecard_markdown(self.card) if fmt == "md" else self.card.model_dump_json(indent=2)
        try:
            write_output(path, text, overwrite=True)
        except WriteError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Saved {path}")

    def action_home(self) -> None:
        self.mockloop_app.go_home()
