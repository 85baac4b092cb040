"""Plain-text rendering of turns and round summaries for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from simulator.cli.show import show
from simulator.interview.clock import clock

if TYPE_CHECKING:
    from simulator.interview.state import RoundCoverage
    from simulator.interview.turns import RoundTurn

WIDTH = 96


def turn_block(number: int, turn: RoundTurn, *, show_move: bool = True) -> str:
    """A numbered turn; an interviewer's move is named unless `show_move` is off (a candidate
    answering in interview mode, like a real interviewer's, never sees it)."""
    role = turn["role"]
    who = turn.get("speaker") or role.title()
    meta = turn.get("meta") or {}
    named = show_move and role == "interviewer" and meta.get("move")
    tag = f" [{meta['move'].replace('_', ' ')}]" if named else ""
    if meta.get("fallback_reason"):
        tag += f" [worded offline: {meta['fallback_reason']}]"
    head = f"{number:>3}  {clock(turn.get('start'))}  {who} ({role}){tag}"
    text = turn["text"] if turn["text"].strip() else "(no answer)"
    body = "\n".join(
        textwrap.fill(p, WIDTH, initial_indent="     ", subsequent_indent="     ")
        for p in text.split("\n")
        if p.strip()
    )
    return f"{head}\n{body}\n"


def echo_turns(turns: Sequence[RoundTurn], offset: int, *, show_moves: bool = True) -> None:
    for n, turn in enumerate(turns, start=offset + 1):
        color = "cyan" if turn["role"] == "interviewer" else None
        show(turn_block(n, turn, show_move=show_moves), fg=color)


def coverage_lines(coverage: RoundCoverage, titles: dict[str, str]) -> list[str]:
    lines = ["Probe areas:"]
    areas = coverage.get("areas", {})
    for area_id in [a for a in titles if a in areas]:
        entry = areas[area_id]
        concepts = ", ".join(entry.get("concepts", [])) or "-"
        lines.append(
            f"  {titles.get(area_id, area_id):<42} {entry['status']:<8} concepts: {concepts}"
        )
    curveballs = coverage.get("curveballs") or []
    lines.append(f"Curveballs fired: {', '.join(curveballs) if curveballs else 'none'}")
    non_answers = coverage.get("non_answers") or []
    if non_answers:
        moved = [n["area"] for n in non_answers if n["kind"] == "moved_on"]
        lines.append(
            f"Non-answers: {sum(1 for n in non_answers if n['kind'] != 'moved_on')}"
            + (f"; moved on without an answer from: {', '.join(moved)}" if moved else "")
        )
    return lines
