"""Past sessions, a per-dimension trend across them, and resuming or reopening one."""

from __future__ import annotations

import math

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from scoring.scorecard import Scorecard
from simulator.store.scorecards import ScorecardStore
from simulator.tui.messages import SessionChosen
from simulator.tui.screens.app_screen import AppScreen

# One colour per dimension, readable on the light and the dark theme alike; the legend under
# the plot uses the same colours (plotext's own legend sits over the lines and cuts names).
TREND_COLOURS: list[tuple[int, int, int]] = [
    (0, 130, 200),
    (60, 180, 75),
    (230, 25, 75),
    (245, 130, 48),
    (145, 30, 180),
    (0, 128, 128),
    (240, 50, 230),
    (170, 110, 40),
]
MAX_SESSION_TICKS = 10


def session_ticks(sessions: int) -> list[float]:
    """Whole session numbers for the x axis (plotext would count in quarters), at most
    MAX_SESSION_TICKS of them, the last session always labelled."""
    step = max(1, math.ceil(sessions / MAX_SESSION_TICKS))
    ticks: list[float] = list(range(1, sessions + 1, step))
    if ticks[-1] != sessions:
        if len(ticks) > 1 and sessions - ticks[-1] < step / 2:
            ticks.pop()  # too close to the last session to label both
        ticks.append(sessions)
    return ticks


class TrendLegend(Static):
    """Each dimension's full name beside a stroke of its line's colour, packed into as few
    rows as the width allows."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[tuple[str, tuple[int, int, int]]] = []

    def show(self, entries: list[tuple[str, tuple[int, int, int]]]) -> None:
        self.entries = entries
        self.update(self._rows(self.size.width or 80))

    def on_resize(self) -> None:
        self.update(self._rows(self.size.width))

    def _rows(self, width: int) -> Text:
        rows: list[Text] = []
        for title, (r, g, b) in self.entries:
            entry = Text.assemble(("━━ ", Style(color=f"rgb({r},{g},{b})", bold=True)), title)
            if rows and rows[-1].cell_len + 3 + entry.cell_len <= width:
                rows[-1].append("   ")
                rows[-1].append_text(entry)
            else:
                rows.append(entry)
        return Text("\n").join(rows)


def trend_series(cards: list[Scorecard]) -> dict[str, list[int]]:
    """Per dimension, its level in each scored session, oldest first (1 when unscored)."""
    series: dict[str, list[int]] = {}
    for card in cards:
        for score in card.dimensions:
            series.setdefault(score.title, []).append(score.level or 1)
    return series


class HistoryScreen(AppScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("enter", "open", "Open / resume"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="sessions", cursor_type="row")
        yield Static("", id="trend-label")
        yield PlotextPlot(id="trend")
        yield TrendLegend(id="trend-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History"
        ws = self.mockloop_app.workspace
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
        legend = self.query_one(TrendLegend)
        ordered = sorted(self.cards.values(), key=lambda c: c.created_at)
        label = self.query_one("#trend-label", Static)
        plot.display = legend.display = len(ordered) >= 2
        if len(ordered) < 2:
            label.update("Trend per dimension appears after two scored sessions.")
            return
        label.update(f"Levels per dimension over your last {len(ordered)} scored sessions")
        plt = plot.plt
        plt.clear_data()
        plt.ylim(0.5, 4.5)
        plt.yticks([1, 2, 3, 4])
        ticks = session_ticks(len(ordered))
        plt.xticks(ticks, [str(int(n)) for n in ticks])
        plt.xlabel("scored session")
        series = list(trend_series(ordered).items())
        colours = [TREND_COLOURS[n % len(TREND_COLOURS)] for n in range(len(series))]
        for (_, levels), colour in zip(series, colours, strict=True):
            plt.plot(list(range(1, len(levels) + 1)), levels, color=colour)
        legend.show([(title, colour) for (title, _), colour in zip(series, colours, strict=True)])
        plot.refresh()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        session_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.post_message(SessionChosen(session_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()
