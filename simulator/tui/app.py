"""The practice app: a Textual front end over the same agent, store and scorer as the CLI."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from scoring.content import ContentError
from simulator import paths
from simulator.engines.base import Engine
from simulator.engines.select import select_engine
from simulator.services.sessions import HUMAN, create_session
from simulator.store.sessions import SessionRow
from simulator.terminal import terminal_safe
from simulator.tui.daemon_thread import run_in_daemon_thread
from simulator.tui.messages import (
    ExerciseChosen,
    ExerciseRequested,
    RoundEnded,
    RoundRequested,
    ScorecardReady,
    SessionChosen,
)
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.home import HomeScreen
from simulator.workspace import Workspace

if TYPE_CHECKING:  # the rest loads on first use, so the home screen opens fast
    import aiosqlite
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
    from textual.notifications import SeverityLevel

    from scoring.scorecard import Scorecard
    from simulator.services.rounds import RoundScoring

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class MockloopApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "mockloop"
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", priority=True, show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f2", "toggle_theme", "Light/dark"),
    ]

    def __init__(
        self,
        options: PracticeOptions | None = None,
        *,
        resume: str | None = None,
        workspace: Workspace | None = None,
        light: bool = False,
    ) -> None:
        super().__init__()
        self.options = options or PracticeOptions()
        self.resume_id = resume
        self.workspace = workspace or Workspace()
        self.engine: Engine = select_engine(self.options.engine)
        self.light = light
        self._conn: aiosqlite.Connection | None = None
        self.checkpointer: AsyncSqliteSaver | None = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice (an error's text may quote a model, a file or an id) passes the
        terminal gate and is shown as it is: never read as Textual markup, so "[bold]" shows
        as typed and "[/]" cannot crash the app. `markup` is ignored (screens pass True)."""
        super().notify(
            terminal_safe(message), title=title, severity=severity, timeout=timeout, markup=False
        )

    def engine_label(self) -> str:
        model = f" · model {self.engine.model}" if self.engine.model else " · no model, no cost"
        return f"Engine: {self.engine.name}{model}"

    async def on_mount(self) -> None:
        self.theme = LIGHT_THEME if self.light else DARK_THEME
        await self.push_screen(HomeScreen(self.options))
        if self.resume_id:
            self.open_session(self.resume_id)
        else:
            self._warm_up()

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up(self) -> None:
        """Load the interview agent in the background while the candidate picks a brief."""
        import simulator.tui.screens.interview  # noqa: F401

    async def open_checkpointer(self) -> AsyncSqliteSaver:
        if self.checkpointer is None:
            import aiosqlite
            from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

            from simulator.store.opening import check_checkpoints

            check_checkpoints(paths.checkpoints_path())
            self._conn = await aiosqlite.connect(str(paths.checkpoints_path()))
            await self._conn.execute("PRAGMA journal_mode=WAL")
            await self._conn.execute("PRAGMA busy_timeout=10000")
            self.checkpointer = AsyncSqliteSaver(self._conn)
        return self.checkpointer

    async def on_unmount(self) -> None:
        if self._conn is not None:
            await self._conn.close()
        self.workspace.close()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("New round", "Back to the home screen to start a round", self.go_home)
        yield SystemCommand("History", "Past sessions and your progress", self.show_history)
        yield SystemCommand(
            "Interviewer guide",
            "The guide for the selected brief",
            lambda: self.show_guide(self.options.brief_id, self.options.minutes),
        )
        yield SystemCommand(
            "Light or dark theme", "Switch the colour theme", self.action_toggle_theme
        )
        yield from self._exercise_commands()

    def _exercise_commands(self) -> Iterable[SystemCommand]:
        """One command a work-sample task: the stage-2 exercise on it."""
        from simulator.services.exercises import EXERCISE_MINUTES
        from simulator.services.worksamples import work_sample_folders

        for task_id in work_sample_folders():
            yield SystemCommand(
                f"Eval-design exercise: {task_id}",
                f"Write an eval that catches the broken prompt ({EXERCISE_MINUTES} minutes)",
                partial(self.start_exercise, task_id),
            )

    def action_toggle_theme(self) -> None:
        self.theme = DARK_THEME if self.theme == LIGHT_THEME else LIGHT_THEME

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def show_history(self) -> None:
        from simulator.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def show_guide(self, brief_id: str, minutes: int) -> None:
        from simulator.tui.screens.guide import GuideScreen

        self.push_screen(GuideScreen(self.workspace.library.brief(brief_id), minutes))

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error becomes a notification, not a traceback over the screen; a
        round in progress stays saved and the typed answer stays in the box."""
        if self.is_headless or isinstance(error, (KeyboardInterrupt, SystemExit)):
            super()._handle_exception(error)  # tests must still see the failure
            return
        self.log.error(error)
        self.notify(f"Something went wrong: {error}", severity="error", timeout=10)

    @on(RoundRequested)
    def _round_requested(self, event: RoundRequested) -> None:
        self.start_round(event.options)

    @on(SessionChosen)
    def _session_chosen(self, event: SessionChosen) -> None:
        self.open_session(event.session_id)

    @on(RoundEnded)
    def _round_ended(self, event: RoundEnded) -> None:
        self.show_scorecard(event.session_id, replace=True)

    @on(ExerciseRequested)
    def _exercise_requested(self, event: ExerciseRequested) -> None:
        self.start_exercise(event.task_id)

    @on(ExerciseChosen)
    def _exercise_chosen(self, event: ExerciseChosen) -> None:
        self.open_exercise(event.exercise_id)

    def start_exercise(self, task_id: str) -> None:
        """A new eval-design exercise on the task (simulator.services.exercises)."""
        from simulator.services import exercises
        from simulator.tui.screens.eval_exercise import EvalExerciseScreen

        try:
            exercise = exercises.start(self.workspace, task_id)
        except (LookupError, ContentError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.push_screen(EvalExerciseScreen(exercise))

    def open_exercise(self, exercise_id: str) -> None:
        """An unfinished exercise, reopened as it was left."""
        from simulator.services import exercises
        from simulator.tui.screens.eval_exercise import EvalExerciseScreen

        try:
            exercise = exercises.resume(self.workspace, exercise_id)
        except (LookupError, ContentError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.push_screen(EvalExerciseScreen(exercise, resumed=True))

    def start_round(self, options: PracticeOptions) -> None:
        session = create_session(
            self.workspace,
            brief_id=options.brief_id,
            interviewer_id=options.interviewer_id,
            candidate=HUMAN,
            mode=options.mode,
            minutes=options.minutes,
            seed=options.seed if options.seed is not None else int(time.time()) % 100_000,
            engine=self.engine,
        )
        self._enter(session)

    def open_session(self, session_id: str) -> None:
        try:
            session = self.workspace.sessions.find(session_id)
        except LookupError as exc:
            self.notify(str(exc), severity="error")
            return
        if session.status == "finished":
            self.show_scorecard(session.id)
        elif session.candidate != HUMAN:
            self.notify("That session is a simulation; continue it with `mockloop resume`.")
        else:
            self._enter(session)

    @work(exclusive=True, group="enter")
    async def _enter(self, session: SessionRow) -> None:
        from simulator.tui.live_round import LiveRound
        from simulator.tui.screens.interview import InterviewScreen

        live = LiveRound(
            self.workspace.setup_for(session),
            self.engine_for(session),
            await self.open_checkpointer(),
            self.workspace.sessions,
            session.id,
        )
        await self.push_screen(InterviewScreen(session, live))

    def engine_for(self, session: SessionRow) -> Engine:
        """A round keeps the engine and model it started with: resuming a Claude round after
        changing MOCKLOOP_MODEL still talks to the model that asked the first questions
        (offline when no API key is set, as `mockloop resume` does)."""
        if (session.engine, session.model) == (self.engine.name, self.engine.model):
            return self.engine
        if self.options.engine == "offline":  # the user asked for no model calls at all
            return self.engine
        choice = "offline" if session.engine == "offline" else "auto"
        return select_engine(choice, model=session.model)

    def show_scorecard(self, session_id: str, *, replace: bool = False) -> None:
        """The round's scorecard, got as the plain round gets it (`simulator.services.rounds`); a
        Claude judge scores in the background, with a notice."""
        from simulator.services.rounds import NOTHING_TO_SCORE, round_scoring

        if self.is_judging(session_id):
            self.notify("Claude is still scoring that round; its scorecard opens when done.")
            return
        scoring = round_scoring(self.workspace, session_id, self.engine_for, self._notice)
        if scoring.nothing_to_score:
            self.notify(NOTHING_TO_SCORE)
            self.go_home()
        elif scoring.stored is None and scoring.judge is not None:
            self._start_judge(scoring, scoring.judge.model, replace)
        else:
            self._present(scoring.score(self.workspace, self.notify), replace)

    def _start_judge(self, scoring: RoundScoring, model: str, replace: bool) -> None:
        from simulator.tui.screens.interview import InterviewScreen

        origin = self.screen
        if isinstance(origin, InterviewScreen):
            origin.show_scoring(model)
        self.notify(scoring.judging_notice())
        self.run_worker(
            self._judge(scoring, origin, replace),
            name=judge_worker_name(scoring.session_id),
            group="judge",
            description=f"Claude ({model}) scoring session {scoring.session_id}",
        )

    def is_judging(self, session_id: str) -> bool:
        """Whether Claude is scoring the session in the background."""
        name = judge_worker_name(session_id)
        return any(w.name == name and not w.is_finished for w in self.workers)

    async def _judge(self, scoring: RoundScoring, origin: Screen[object], replace: bool) -> None:
        """Claude scores the round in a daemon thread, with a workspace (a database connection)
        of that thread's own, while this worker awaits the card on the app's loop. Not a
        thread worker: quitting would wait for the judge's model calls (see
        `run_in_daemon_thread`). Textual cancels this worker when the app exits; a round left
        unscored is scored when it is next opened."""

        def score() -> Scorecard:
            with Workspace(self.workspace.briefs_dir) as ws:
                return scoring.score(ws, self._notice)

        try:
            card = await run_in_daemon_thread(score, name=f"judge-{scoring.session_id}")
        except Exception as exc:
            self.notify(f"Could not score the round ({exc}); open it again from History")
            return
        self.post_message(ScorecardReady(scoring.session_id, card, origin, replace=replace))

    def _notice(self, message: str) -> None:
        """A notice from the judge's thread, shown on the app's thread (unless the app has
        closed meanwhile)."""
        if not self.is_running:
            return
        with contextlib.suppress(RuntimeError, ScreenStackError):
            self.call_from_thread(self.notify, message)

    @on(ScorecardReady)
    def _scorecard_ready(self, event: ScorecardReady) -> None:
        """Show the card where it was asked for; if the candidate has moved on (a new round,
        another screen), say where to find it instead of taking the screen away."""
        if not self.screen_stack:
            return
        if self.screen is event.origin:
            self._present(event.card, event.replace)
        else:
            self.notify(
                f"The scorecard of session {event.session_id} is ready: History (F3) opens it."
            )

    def _present(self, card: Scorecard, replace: bool) -> None:
        from simulator.tui.screens.interview import InterviewScreen
        from simulator.tui.screens.scorecard import ScorecardScreen

        if replace and isinstance(self.screen, InterviewScreen):
            self.switch_screen(ScorecardScreen(card))
        else:
            self.push_screen(ScorecardScreen(card))


def judge_worker_name(session_id: str) -> str:
    return f"judge {session_id}"
