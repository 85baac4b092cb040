"""What the app's screens tell the app: small messages that bubble up from a screen to the
app, which handles them with `@on`. Kept apart from the screens so the app can name them
without loading a screen (the interview screen loads LangGraph)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.screen import Screen

    from scoring.scorecard import Scorecard
    from simulator.tui.options import PracticeOptions


class RoundRequested(Message):
    """The candidate asked to start a round with these choices (home screen)."""

    def __init__(self, options: PracticeOptions) -> None:
        super().__init__()
        self.options = options


class SessionChosen(Message):
    """A session picked to resume (an unfinished round) or to reopen (its scorecard)."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class RoundEnded(Message):
    """The round on the interview screen is over, closed by the interviewer or ended by the
    candidate: its scorecard takes the interview's place."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class ScorecardReady(Message):
    """The Claude judge has scored a round in the background. `origin` is the screen the
    card was asked from; `replace`: the card takes that screen's place."""

    def __init__(
        self, session_id: str, card: Scorecard, origin: Screen[object], *, replace: bool
    ) -> None:
        super().__init__()
        self.session_id = session_id
        self.card = card
        self.origin = origin
        self.replace = replace


class ExerciseRequested(Message):
    """The candidate asked for a new eval-design exercise on a work-sample task (home screen,
    command palette)."""

    def __init__(self, task_id: str) -> None:
        super().__init__()
        self.task_id = task_id


class ExerciseChosen(Message):
    """An unfinished eval-design exercise picked to resume."""

    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id
