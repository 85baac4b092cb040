"""Where the crash suite kills: the kill-and-resume chains, the kills around scoring and the
exact points inside write transactions.

Kill points are spread over the round: as soon as the session row exists, a random delay after
the process starts, once N turns are committed (N spread from the opening to the wrap-up), a
seeded random few milliseconds after a turn appears (most likely while the next step's
checkpoints are written), and after the round closed but before its scorecard is stored. Then
exact points, by a process that kills itself there: inside a LangGraph checkpoint transaction,
inside the turn sync and inside a migration of a new database.
"""

from __future__ import annotations

import random

from tests.crash_helpers import AVERAGE, STRONG, TEST_MODE, WEAK, Kill, Round

# --- the chains -------------------------------------------------------------------------------


def at_turns(*counts: int) -> list[Kill]:
    return [Kill("turns", n) for n in counts]


def _jitter(seed: int, count: int, first: int, step: int) -> list[Kill]:
    """Kills a seeded random 0-25 ms after a turn appears: mid-step, during checkpoint writes."""
    rng = random.Random(seed)
    return [Kill("after", first + n * step, rng.uniform(0.0, 0.025)) for n in range(count)]


CHAINS: dict[str, tuple[Round, float, list[Kill]]] = {
    # Turn counts spread over the whole round (95 turns): opening, design, deep dives, wrap-up.
    "strong-by-turns": (
        STRONG,
        0.05,
        at_turns(1, 6, 25, 50, 75, 92),
    ),
    # A longer round (127 turns), killed later and later, resumed each time.
    "average-by-turns": (
        AVERAGE,
        0.05,
        at_turns(3, 10, 40, 70, 100, 124),
    ),
    # A few random milliseconds after a turn is committed: inside the next step's writes.
    "weak-mid-write": (WEAK, 0.01, _jitter(seed=11, count=6, first=2, step=6)),
    # Before the first turn, during start-up, then mid-write on a test-mode persona.
    "test-mode-early": (
        TEST_MODE,
        0.05,
        [Kill("session"), Kill("started", delay=0.35), *_jitter(seed=5, count=3, first=5, step=8)],
    ),
}
KILL_POINTS = sum(len(kills) for _, _, kills in CHAINS.values())

# --- killed while the scorecard is written ---------------------------------------------------

SCORING_KILLS: dict[str, tuple[Round, list[Kill]]] = {
    "simulate-killed-while-scoring": (STRONG, [Kill("scoring")]),
    "resume-killed-while-scoring": (AVERAGE, [Kill("turns", 40), Kill("scoring")]),
}

# --- killed inside a transaction, at an exact point --------------------------------------------

# A 39-turn round makes about 200 checkpoint transactions and 20 turn syncs.
INSIDE = [
    "checkpoint:3",
    "checkpoint:6",
    "checkpoint:60",
    "checkpoint:150",
    "sync:1",
    "sync:9",
    "sync:18",
]
MIGRATIONS_KILLED = ["migration:1", "migration:3", "migration:5"]
