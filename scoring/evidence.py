"""Evidence checks: a quote counts only if it is, verbatim, in a candidate turn."""

from __future__ import annotations

from scoring.scorecard import Evidence
from scoring.transcripts.model import Transcript


def quote_is_verbatim(transcript: Transcript, evidence: Evidence) -> bool:
    """True when the quote is exactly the candidate's text at that turn and span."""
    if not 1 <= evidence.turn <= len(transcript.turns):
        return False
    turn = transcript.turns[evidence.turn - 1]
    if turn.role != "candidate" or not evidence.quote.strip():
        return False
    return turn.text[evidence.start : evidence.end] == evidence.quote


def locate_quote(transcript: Transcript, turn_number: int, quote: str) -> Evidence | None:
    """Find a quote in the given candidate turn (for judges that return text, not spans)."""
    if not 1 <= turn_number <= len(transcript.turns) or not quote.strip():
        return None
    turn = transcript.turns[turn_number - 1]
    if turn.role != "candidate":
        return None
    start = turn.text.find(quote)
    if start < 0:
        return None
    return Evidence(turn=turn_number, start=start, end=start + len(quote), quote=quote)
