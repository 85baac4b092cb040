"""The interviewer guide for a brief: the same guide as `mockloop probes`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown
from textual.worker import get_current_worker

from simulator.terminal import terminal_safe

if TYPE_CHECKING:
    from simulator.content.models import Brief

RUBRIC = "system-design"


class GuideScreen(Screen[None]):
    """Shown as soon as the key is pressed, with a loading indicator: building the guide (and
    loading what it needs) takes seconds, so it happens in a thread, and the app keeps
    answering keys meanwhile (Esc goes back at once)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, brief: Brief, minutes: int) -> None:
        super().__init__()
        self.brief = brief
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(id="guide")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Interviewer guide"
        self.sub_title = self.brief.title
        scroll = self.query_one(VerticalScroll)
        scroll.loading = True
        scroll.focus()
        self._build()

    @work(thread=True, exclusive=True)
    def _build(self) -> None:
        """Plain CPU work with no asyncio in it, hence a thread worker."""
        from scoring.rubrics import load_rubrics
        from simulator import guide

        text = guide.render_markdown(
            guide.build_guide(self.brief, load_rubrics()[RUBRIC], self.minutes)
        )
        if not get_current_worker().is_cancelled:  # not when the screen has closed
            self.app.call_from_thread(self._show, terminal_safe(text))

    def _show(self, text: str) -> None:
        """On the app's thread: fill the screen (unless it has closed meanwhile)."""
        if self.is_attached:
            self.run_worker(self._fill(text), exclusive=True, group="fill")

    async def _fill(self, text: str) -> None:
        await self.query_one("#guide", Markdown).update(text)  # mounted in batches
        self.query_one(VerticalScroll).loading = False
