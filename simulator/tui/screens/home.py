"""Home: choose a brief, an interviewer, the mode and the length; or a task for the eval-design
exercise; resume an unfinished round or exercise."""

from __future__ import annotations

from rich.text import Text  # a title from a user's YAML is shown as it is, never as markup
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Label, Markdown, Select

from simulator.interview.clock import clock
from simulator.services.exercises import exercise_tasks, unfinished
from simulator.services.sessions import HUMAN
from simulator.terminal import terminal_safe
from simulator.tui.messages import (
    ExerciseChosen,
    ExerciseRequested,
    RoundRequested,
    SessionChosen,
)
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.app_screen import AppScreen

LENGTHS = (20, 30, 45, 60, 90)


class HomeScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start round", priority=True),
        Binding("f3", "history", "History"),
        Binding("f4", "guide", "Interviewer guide"),
        Binding("f5", "exercise", "Eval exercise"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, options: PracticeOptions) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        library = self.mockloop_app.workspace.library
        o = self.options
        yield Header()
        with Horizontal(id="home"):
            with VerticalScroll(id="choices"):
                yield Label("Brief")
                yield Select(
                    [(Text(b.title), b.id) for b in library.briefs.values()],
                    value=o.brief_id, allow_blank=False, id="brief",
                )  # fmt: skip
                yield Label("Interviewer")
                yield Select(
                    [(Text(p.title), p.id) for p in library.interviewers.values()],
                    value=o.interviewer_id, allow_blank=False, id="interviewer",
                )  # fmt: skip
                yield Label("Mode")
                yield Select(
                    [("Interview (no help)", "interview"), ("Coach (hints on Ctrl+T)", "coach")],
                    value=o.mode, allow_blank=False, id="mode",
                )  # fmt: skip
                yield Label("Length")
                yield Select(
                    [(f"{m} minutes", m) for m in sorted({*LENGTHS, o.minutes})],
                    value=o.minutes, allow_blank=False, id="minutes",
                )  # fmt: skip
                yield Label(self.mockloop_app.engine_label(), id="engine", markup=False)
                yield Button("Start round (Ctrl+S)", variant="primary", id="start")
                yield Label("Eval-design exercise: task")
                tasks = exercise_tasks()
                yield Select(
                    [(Text(t.title), t.id) for t in tasks],
                    value=tasks[0].id if tasks else Select.NULL, allow_blank=not tasks,
                    id="exercise-task",
                )  # fmt: skip
                yield Button("Start exercise (F5)", id="start-exercise")
            with VerticalScroll(id="preview-scroll"):
                yield Markdown(id="preview")
        # The whole width: a session id, a brief id and a phase fit whole even at 80 columns.
        with Vertical(id="unfinished-box"):
            yield Label("Unfinished sessions (Enter to resume)")
            yield DataTable(id="unfinished", cursor_type="row")
        with Vertical(id="unfinished-exercises-box"):
            yield Label("Unfinished eval-design exercises (Enter to resume)")
            yield DataTable(id="unfinished-exercises", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "mockloop"
        self.sub_title = "system-design practice for LLM application engineers"
        self.query_one("#unfinished", DataTable).add_columns("session", "brief", "phase")
        self.query_one("#unfinished-exercises", DataTable).add_columns("exercise", "task", "left")
        self._preview(self.options.brief_id)
        self.query_one("#start", Button).focus()

    def on_screen_resume(self) -> None:
        """Listed afresh each time home shows: a round finished or started since then (say,
        one resumed from this list and ended) is listed as it is now."""
        table = self.query_one("#unfinished", DataTable)
        table.clear()
        for row in self.mockloop_app.workspace.sessions.recent(status="active", limit=20):
            if row.candidate == HUMAN:
                table.add_row(row.id, row.brief_id, row.phase, key=row.id)
        self.query_one("#unfinished-box").display = table.row_count > 0
        self._list_exercises()

    def _list_exercises(self) -> None:
        table = self.query_one("#unfinished-exercises", DataTable)
        table.clear()
        for row in unfinished(self.mockloop_app.workspace):
            table.add_row(row.id, row.task_id, clock(row.minutes * 60 - row.elapsed), key=row.id)
        self.query_one("#unfinished-exercises-box").display = table.row_count > 0

    def _preview(self, brief_id: str) -> None:
        brief = self.mockloop_app.workspace.library.brief(brief_id)
        areas = "\n".join(f"{n}. {a.title}" for n, a in enumerate(brief.probe_areas, start=1))
        self.query_one("#preview", Markdown).update(
            terminal_safe(
                f"# {brief.title}\n\n{brief.brief.strip()}\n\n## You will be probed on\n\n{areas}"
            )
        )

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        if event.select.id == "brief":
            self.options.brief_id = str(event.value)
            self._preview(self.options.brief_id)
        elif event.select.id == "interviewer":
            self.options.interviewer_id = str(event.value)
        elif event.select.id == "mode":
            self.options.mode = str(event.value)
        elif event.select.id == "minutes":
            self.options.minutes = int(str(event.value))

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.post_message(RoundRequested(self.options))

    @on(DataTable.RowSelected, "#unfinished")
    def _resume(self, event: DataTable.RowSelected) -> None:
        self.post_message(SessionChosen(str(event.row_key.value)))

    @on(Button.Pressed, "#start-exercise")
    def action_exercise(self) -> None:
        task = self.query_one("#exercise-task", Select).value
        if task is Select.NULL:
            self.notify("No work-sample task to practise on.", severity="warning")
            return
        self.post_message(ExerciseRequested(str(task)))

    @on(DataTable.RowSelected, "#unfinished-exercises")
    def _resume_exercise(self, event: DataTable.RowSelected) -> None:
        self.post_message(ExerciseChosen(str(event.row_key.value)))

    def action_history(self) -> None:
        self.mockloop_app.show_history()

    def action_guide(self) -> None:
        self.mockloop_app.show_guide(self.options.brief_id, self.options.minutes)
