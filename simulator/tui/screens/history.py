"""Past sessions, a per-dimension trend across them, and resuming or reopening one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from scoring.scorecard import Scorecard
from simulator.store.scorecards import ScorecardStore

if TYPE_CHECKING:
    from simulator.tui.app import MockloopApp


def trend_series(cards: list[Scorecard]) -> dict[str, list[int]]:
    """Per dimension, its level in each scored session, oldest first (1 when unscored)."""
    series: dict[str, list[int]] = {}
    for card in cards:
        for score in card.dimensions:
            series.setdefault(score.title, []).append(score.level or 1)
    return series


class HistoryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("enter", "open", "Open / resume"),
        Binding("q", "app.quit", "Quit"),
    ]
    DEFAULT_CSS = """
    HistoryScreen DataTable { height: 1fr; }
    HistoryScreen PlotextPlot { height: 1fr; min-height: 10; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="sessions", cursor_type="row")
        yield Static("", id="trend-label")
        yield PlotextPlot(id="trend")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History"
        app: MockloopApp = self.app  # type: ignore[assignment]
        ws = app.workspace
        self.cards = ScorecardStore(ws.db).latest_by_session()
        table = self.query_one(DataTable)
        table.add_columns("session", "brief", "mode", "status", "overall", "level")
        for row in ws.sessions.recent(limit=200):
            card = self.cards.get(row.id)
            overall = card.recommendation.replace("_", " ") if card else "-"
            level = f"{card.weighted_level:.2f}" if card else "-"
            table.add_row(row.id, row.brief_id, row.mode, row.status, overall, level, key=row.id)
        table.focus()
        self._draw_trend()

    def _draw_trend(self) -> None:
        plot = self.query_one(PlotextPlot)
        ordered = sorted(self.cards.values(), key=lambda c: c.created_at)
        label = self.query_one("#trend-label", Static)
        plot.display = len(ordered) >= 2
        if len(ordered) < 2:
            label.update("Trend per dimension appears after two scored sessions.")
            return
        else:
            label.update(f"Levels per dimension over your last {len(ordered)} scored sessions")
        plt = plot.plt
        plt.clear_data()
        plt.ylim(0.5, 4.5)
        plt.yticks([1, 2, 3, 4])
        for title, levels in trend_series(ordered).items():
            plt.plot(list(range(1, len(levels) + 1)), levels, label=title[:18])
        plot.refresh()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        session_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        app: MockloopApp = self.app  # type: ignore[assignment]
        app.open_session(session_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()
