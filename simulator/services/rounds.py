"""The end of a round: the candidate ending it early, and getting its scorecard.

The practice app and the plain `mockloop practice` round both come here, so a round is ended
and scored the same way wherever it was played: the stored scorecard, else scored now - by the
Claude judge when the round ran on Claude, else offline - and nothing when nothing was said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring.scorecard import Scorecard
    from scoring.transcripts.model import Transcript
    from simulator.engines.base import Engine
    from simulator.engines.claude.judge import ClaudeJudge
    from simulator.store.sessions import SessionRow, SessionStore
    from simulator.workspace import Workspace

ENDED_BY_CANDIDATE = "ended by the candidate"
NOTHING_TO_SCORE = "No answers in this session, so there is nothing to score."

OnNotice = Callable[[str], None]


def end_early(sessions: SessionStore, session_id: str) -> None:
    """The candidate ended the round before the interviewer did: it is finished (no longer
    offered for resuming) and is scored on what was said."""
    sessions.finish(session_id, ENDED_BY_CANDIDATE)


@dataclass(frozen=True)
class RoundScoring:
    """How a finished round gets its scorecard. `score` is slow with a judge (k model calls):
    the app calls it off its UI thread, with a workspace of that thread's own."""

    session_id: str
    stored: Scorecard | None
    transcript: Transcript | None
    judge: ClaudeJudge | None = None  # when the round ran on Claude and has answers

    @property
    def nothing_to_score(self) -> bool:
        return self.stored is None and not has_answers(self.transcript)

    def judging_notice(self) -> str:
        """What to say while the judge scores (only asked when there is one)."""
        from scoring.judge import DEFAULT_SAMPLES

        assert self.judge is not None
        return f"Claude ({self.judge.model}) is scoring the round, {DEFAULT_SAMPLES} samples…"

    def score(self, ws: Workspace, on_notice: OnNotice) -> Scorecard:
        """The stored scorecard, or the round scored and stored now."""
        from simulator.services.scoring import score_session

        if self.stored is not None:
            return self.stored
        assert self.transcript is not None  # a round with nothing to score is never scored
        if self.judge is not None:
            try:
                return score_session(
                    ws, self.session_id, self.transcript, judge=self.judge, on_notice=on_notice
                )
            except Exception as exc:  # the round is saved; never lose the scorecard
                on_notice(f"Claude could not score the round ({exc}); scored offline")
        return score_session(ws, self.session_id, self.transcript, on_notice=on_notice)


def has_answers(transcript: Transcript | None) -> bool:
    return transcript is not None and any(
        t.role == "candidate" and t.text.strip() for t in transcript.turns
    )


def round_scoring(
    ws: Workspace,
    session_id: str,
    engine_for: Callable[[SessionRow], Engine],
    on_notice: OnNotice,
) -> RoundScoring:
    """How the session gets its scorecard; `engine_for` gives the engine the round ran on,
    asked for only when the round still has to be scored."""
    from simulator.services.judging import judge_for_round
    from simulator.store.scorecards import ScorecardStore

    card = ScorecardStore(ws.db).for_session(session_id)
    if card is not None:
        return RoundScoring(session_id, card, None)
    transcript = ws.sessions.transcript(session_id)
    if not has_answers(transcript):
        return RoundScoring(session_id, None, transcript)
    engine = engine_for(ws.sessions.get(session_id))
    return RoundScoring(session_id, None, transcript, judge_for_round(engine, on_notice))
