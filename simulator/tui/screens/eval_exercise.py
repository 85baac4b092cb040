"""The stage-2 eval-design exercise: the task, the good and the broken prompt side by side, a
code editor for the candidate's pytest eval, a short note, a 45-minute clock, Ctrl+R to run
the check and Ctrl+E to submit. Everything typed is saved as it is typed (at most half a
second is ever lost), with the keystroke timeline an interviewer replays."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from rich.text import Text  # text from the task files and the candidate's eval, never markup
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static, TextArea

from simulator.interview.clock import clock
from simulator.services import exercises
from simulator.services.exercises import Draft, Exercise
from simulator.store.exercises import TimelineEvent
from simulator.terminal import terminal_safe
from simulator.tui.daemon_thread import run_in_daemon_thread
from simulator.tui.screens.app_screen import AppScreen
from simulator.tui.screens.confirm import Confirm
from simulator.tui.widgets.code_editor import RecordingEditor

if TYPE_CHECKING:
    from textual.timer import Timer

    from scoring.evaldesign import EvalDesignReport

SAVE_EVERY = 0.5  # seconds: the most typing a crash can take away
CLOCK_SAVE_EVERY = 5.0  # seconds: the clock is saved this often while nothing is typed
NOTE_PLACEHOLDER = (
    "Your note: how this eval runs in CI, the threshold it holds the prompt to, and how the "
    "suite is kept up to date"
)


class EvalExerciseScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+r", "check", "Run the check", priority=True),
        Binding("ctrl+e", "submit", "Submit", priority=True),
        Binding("ctrl+n", "switch_field", "Code/note", priority=True),
        Binding("ctrl+b", "toggle_prompts", "Prompts", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True, show=False),
    ]

    def __init__(self, exercise: Exercise, *, resumed: bool = False) -> None:
        super().__init__()
        self.exercise = exercise
        self.resumed = resumed
        self.limit = exercise.row.minutes * 60.0
        self.base_elapsed = exercise.row.elapsed
        self.opened_at = time.monotonic()
        self.last_saved = self.opened_at
        self.checking = False
        self.submitting = False
        self.submitted = False
        self.save_failed = False
        self._save_timer: Timer | None = None
        self.verdict = exercises.verdict(exercise.row.report)
        # Held here, not queried: the last save runs on unmount, when the screen's widgets
        # have already left the DOM.
        self._editor = RecordingEditor(exercise.row.code, clock=self.elapsed, id="code")
        self._note = TextArea(exercise.row.note, id="note", placeholder=NOTE_PLACEHOLDER)

    @property
    def editor(self) -> RecordingEditor:
        return self._editor

    @property
    def note(self) -> TextArea:
        return self._note

    def elapsed(self) -> float:
        """Seconds on the exercise's clock: the time saved before it was opened, plus the time
        since (so the clock stops while the app is closed), never past the limit."""
        return min(self.limit, self.base_elapsed + time.monotonic() - self.opened_at)

    def compose(self) -> ComposeResult:
        sample = self.exercise.sample
        yield Header()
        yield Static(id="exercise-status", markup=False)
        yield Static(Text(terminal_safe(sample.task.summary.strip())), id="task-summary")
        with Horizontal(id="prompts"):
            for version, title in (("good", "Good prompt"), ("broken", "Broken prompt")):
                with VerticalScroll(id=f"{version}-prompt", classes="prompt") as box:
                    box.border_title = title
                    yield Static(Text(terminal_safe(sample.prompts[version].strip())))
        with Horizontal(id="work"):
            yield self._editor
            with VerticalScroll(id="check-panel") as panel:
                panel.border_title = "Check (Ctrl+R)"
                yield Static(id="check-report")
        yield self._note
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.exercise.sample.task.title
        self.sub_title = "Eval-design exercise"
        self.editor.border_title = exercises.EVAL_FILE
        self.note.border_title = "Note"
        panel = self.query_one("#check-panel")
        panel.display = False
        if self.exercise.row.report is not None:
            from scoring.evaldesign import EvalDesignReport

            self._show_report(EvalDesignReport.model_validate(self.exercise.row.report))
        editor = self.editor
        editor.move_cursor(editor.document.end)
        editor.focus()
        if self.resumed:
            editor.recorded.append(TimelineEvent(self.base_elapsed, "resume"))
            self.save()
            self.notify("Resumed: your eval, your note and the clock are as you left them.")
        self.set_interval(1.0, self._tick)
        self._show_status()

    def on_unmount(self) -> None:
        """Leaving or quitting mid-exercise: what was typed since the last save is saved."""
        self.save()

    def _tick(self) -> None:
        if self.submitting:
            return
        if self.elapsed() >= self.limit:
            self._time_is_up()
            return
        if time.monotonic() - self.last_saved >= CLOCK_SAVE_EVERY:
            self.save()
        self._show_status()

    def _show_status(self) -> None:
        elapsed = self.elapsed()
        state = "submitting…" if self.submitting else "checking…" if self.checking else ""
        state = state or f"last check: {self.verdict}"
        line = (
            f"{clock(math.ceil(self.limit - elapsed))} left · {clock(elapsed)} of "
            f"{clock(self.limit)} · "
            f"{state}"
        )
        self.query_one("#exercise-status", Static).update(terminal_safe(line, one_line=True))

    @on(TextArea.Changed)
    def _schedule_save(self) -> None:
        """Saved at most SAVE_EVERY seconds after the first change since the last save, even
        while the candidate keeps typing."""
        if self._save_timer is None and not self.submitted:
            self._save_timer = self.set_timer(SAVE_EVERY, self._timed_save)

    def _timed_save(self) -> None:
        self._save_timer = None
        self.save()

    def draft(self) -> Draft:
        return Draft(
            code=self.editor.text,
            note=self.note.text,
            elapsed=self.elapsed(),
            events=tuple(self.editor.recorded),
        )

    def save(self) -> bool:
        """Store the code, the note, the clock and the events recorded since the last save.
        A save that fails keeps the events for the next one and says so once."""
        if self.submitted:
            return True
        draft = self.draft()
        try:
            exercises.save(self.mockloop_app.workspace, self.exercise.id, draft)
        except Exception as exc:  # the work stays in the editor and is saved again shortly
            if not self.save_failed:
                self.notify(f"Could not save your work ({exc}); trying again", severity="error")
            self.save_failed = True
            return False
        self.save_failed = False
        self.editor.forget_saved(len(draft.events))
        self.last_saved = time.monotonic()
        return True

    def action_save(self) -> None:
        if self.save():
            self.notify("Saved. Everything you type is saved as you go.")

    def action_switch_field(self) -> None:
        (self.note if self.editor.has_focus else self.editor).focus()

    def action_toggle_prompts(self) -> None:
        prompts = self.query_one("#prompts")
        prompts.display = not prompts.display

    def action_check(self) -> None:
        """As Ctrl+S on the interview screen: the keys typed before Ctrl+R may still wait in
        the editor's queue, so the check starts after the editor has handled them."""
        self.editor.call_later(self._start_check)

    def _start_check(self) -> None:
        if self.submitting:
            return
        if self.checking:
            self.notify("The check is still running.")
            return
        self.save()
        self.checking = True
        panel = self.query_one("#check-panel")
        panel.display = True
        panel.loading = True
        self._show_status()
        self._run_check(self.editor.text)

    @work(exclusive=True, group="check")
    async def _run_check(self, code: str) -> None:
        """The check runs the eval in the sandbox (about a second) in a daemon thread: the
        editor stays usable, and quitting never waits for it."""
        sample = self.exercise.sample
        try:
            report = await run_in_daemon_thread(
                lambda: exercises.check(sample, code), name=f"check-{self.exercise.id}"
            )
        except Exception as exc:
            self.notify(f"Could not run the check: {exc}", severity="error", timeout=8)
            return
        finally:
            self.checking = False
            self.query_one("#check-panel").loading = False
            self._show_status()
        if self.submitting or self.submitted:
            return
        draft = self.draft()
        exercises.record_check(self.mockloop_app.workspace, self.exercise.id, draft, report)
        self.editor.forget_saved(len(draft.events))
        self.last_saved = time.monotonic()
        self._show_report(report)

    def _show_report(self, report: EvalDesignReport) -> None:
        from scoring.evaldesign import report_table

        self.verdict = exercises.verdict(report.model_dump(mode="json"))
        self.query_one("#check-panel").display = True
        self.query_one("#check-report", Static).update(Text(terminal_safe(report_table(report))))
        self._show_status()

    @work
    async def action_submit(self) -> None:
        if self.submitting:
            return
        question = "Submit your eval and your note now? They cannot be changed afterwards."
        if await self.app.push_screen_wait(Confirm(question)):
            self._submit(by_clock=False)

    def _time_is_up(self) -> None:
        """At zero the exercise is submitted as it stands, as a round ends at its time."""
        if isinstance(self.app.screen, Confirm):
            self.app.screen.dismiss(False)
        self.notify("Time is up: your eval is submitted as it stands.", timeout=6)
        self._submit(by_clock=True)

    @work(exclusive=True, group="submit")
    async def _submit(self, *, by_clock: bool) -> None:
        if self.submitting:
            return
        self.submitting = True
        self.save()
        elapsed = self.elapsed()
        self.editor.read_only = True
        self.note.read_only = True
        self._show_status()
        sample, code, note = self.exercise.sample, self.editor.text, self.note.text
        try:
            assessment = await run_in_daemon_thread(
                lambda: exercises.assess(sample, code, note), name=f"submit-{self.exercise.id}"
            )
        except Exception as exc:  # still unsubmitted and saved: the candidate can try again
            self.notify(f"Could not submit: {exc}", severity="error", timeout=8)
            self.submitting = False
            self.editor.read_only = self.note.read_only = False
            self._show_status()
            return
        draft = Draft(code, note, elapsed, tuple(self.editor.recorded))
        exercises.submit(self.mockloop_app.workspace, self.exercise.id, draft, assessment)
        self.submitted = True
        from simulator.tui.screens.exercise_result import ExerciseResultScreen

        result = ExerciseResultScreen(
            self.exercise, assessment.text, elapsed=elapsed, by_clock=by_clock
        )
        # Not awaited: the switch removes this screen, which waits for this very worker.
        if self.app.screen is self:
            self.app.switch_screen(result)
        else:  # a dialog or the palette is open over the exercise: the result goes on top
            self.app.push_screen(result)
