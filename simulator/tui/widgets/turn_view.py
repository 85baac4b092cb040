"""One turn of the conversation, rendered as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.await_complete import AwaitComplete
from textual.content import Content
from textual.widgets import Markdown

from simulator.interview.clock import clock
from simulator.terminal import terminal_safe

if TYPE_CHECKING:
    from simulator.interview.turns import RoundTurn


class TurnView(Markdown):
    """A turn's words pass the terminal gate: what a candidate pasted or a model replied
    cannot drive the terminal the app draws on. The role ("interviewer", "candidate") is its
    CSS class, and a hint adds "hint" (styles in app.tcss)."""

    def __init__(self, role: str, title: str, text: str = "") -> None:
        super().__init__(terminal_safe(text), classes=role)
        self.set_title(title)

    def set_title(self, title: str) -> None:
        """The turn's title as it is: a speaker's name is content, never markup."""
        self.border_title = Content(terminal_safe(title, one_line=True))

    def update(self, markdown: str) -> AwaitComplete:
        return super().update(terminal_safe(markdown))


def turn_title(turn: RoundTurn, *, show_move: bool = True) -> str:
    """Who spoke and when; for the interviewer, the move it made when `show_move` (coach
    mode: a real interviewer keeps "failure probe" or "depth follow up" to itself)."""
    meta = turn.get("meta") or {}
    who = "You" if turn["role"] == "candidate" else str(turn.get("speaker") or "Interviewer")
    move = str(meta.get("move", "")).replace("_", " ")
    tag = f" · {move}" if show_move and move and turn["role"] == "interviewer" else ""
    if meta.get("fallback_reason"):
        tag += " · worded offline"
    return f"{who} · {clock(turn.get('start'))}{tag}"
