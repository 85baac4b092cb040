"""Scoring: a transcript offline (with its brief), by a judge, and a finished session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring.judge.protocol import JudgeClient
    from scoring.rubrics.models import Rubric
    from scoring.scorecard import Scorecard
    from scoring.transcripts.model import Transcript
    from simulator.content.models import Brief
    from simulator.engines.claude.calls import UsageTotals
    from simulator.workspace import Workspace

Notice = Callable[[str], None]


def brief_of(ws: Workspace, transcript: Transcript) -> Brief | None:
    """The brief the transcript says it was run on, if the library knows it."""
    return ws.library.briefs.get(str(transcript.source.get("brief", "")))


def score_with_brief(ws: Workspace, transcript: Transcript, rubric: Rubric) -> Scorecard:
    """Score offline; the candidate's figures are checked against the rules of thumb every
    model call obeys, and a transcript from a known brief also gets credit for ties to it, its
    token counts and prices are checked against the brief's figures, and its card shows the
    brief's strong answers where a level fell short."""
    from scoring.heuristic import score_transcript
    from simulator.content.strong_answers import with_strong_answers
    from simulator.interview.analysis import entity_words
    from simulator.interview.ballpark import figure_check
    from simulator.store.scorecards import stamped

    # Without a known brief, the figures meet the rules of thumb alone and nothing ties back.
    brief = brief_of(ws, transcript)
    card = score_transcript(
        transcript,
        rubric,
        matcher=ws.matcher,
        entity_words=entity_words(brief) if brief is not None else frozenset(),
        figures=figure_check(brief, ws.prices),
    )
    return stamped(with_strong_answers(card, brief))


def judge_one(
    ws: Workspace,
    transcript: Transcript,
    rubric: Rubric,
    judge: JudgeClient,
    samples: int | None = None,
) -> Scorecard:
    """A model's scorecard (k samples, median), with the brief's strong answers where a level
    fell short when the brief is known; raises JudgeUnavailableError."""
    from scoring.judge import DEFAULT_SAMPLES, judge_transcript
    from simulator.content.strong_answers import with_strong_answers
    from simulator.store.scorecards import stamped

    card = judge_transcript(
        transcript, rubric, judge, samples=samples or DEFAULT_SAMPLES, matcher=ws.matcher
    )
    return stamped(with_strong_answers(card, brief_of(ws, transcript)))


def score_session(
    ws: Workspace,
    session_id: str,
    transcript: Transcript,
    *,
    judge: JudgeClient | None = None,
    on_notice: Notice,
) -> Scorecard:
    """Score a finished session and store the scorecard with it: by the model judge when one
    is given (offline, and said so, if it cannot be reached), else offline."""
    from simulator.services.rubrics import DEFAULT_RUBRIC, rubric_by_id
    from simulator.store.scorecards import ScorecardStore

    rubric = rubric_by_id(DEFAULT_RUBRIC)
    card = None
    if judge is not None:
        from scoring.judge import JudgeUnavailableError

        try:
            card = judge_one(ws, transcript, rubric, judge)
        except JudgeUnavailableError as exc:
            on_notice(f"the Claude judge is unavailable ({exc}); scored offline")
        if card is not None and not card.scored:
            on_notice(f"the Claude judge scored nothing ({card.unscored_reason()}); scored offline")
            card = None
    if card is None:
        card = score_with_brief(ws, transcript, rubric)
    ScorecardStore(ws.db).save_all([(card, session_id, f"session {session_id}")])
    return card


def session_usage(ws: Workspace, session_id: str) -> UsageTotals:
    """Tokens and dollars of every model call made for the session (zero when offline)."""
    from simulator.engines.claude.calls import CallLog

    return CallLog(ws.db).totals(session_id=session_id)
