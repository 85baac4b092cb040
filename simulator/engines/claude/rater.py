"""The Claude judge as a bench rater: `mockloop bench --rater claude[:MODEL] [--batch]`.

Importing this module registers the "claude" factory with scoring.bench.raters. With
`--batch` every transcript of a run goes out in one Message Batch (half price); the batch is
stored, so a bench killed while it waits picks the same batch up when run again.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from scoring.bench.raters import Levels, Rater, RaterError, RaterOptions, register_rater
from scoring.judge import DEFAULT_SAMPLES, JudgeUnavailableError, add_usage, judge_transcript
from scoring.rubrics.models import Rubric
from scoring.scorecard import Scorecard, Usage
from scoring.transcripts.model import Transcript
from simulator.engines.claude.batches import BatchItem, BatchStore, submit, wait_and_collect
from simulator.engines.claude.judge import ClaudeJudge, make_judge
from simulator.terminal import terminal_safe

BATCH_POLL_SECONDS = 30.0
BENCH = "bench"


def _levels(card: Scorecard) -> Levels:
    return {d.dimension: d.level for d in card.dimensions}


@dataclass
class ClaudeRater:
    judge: ClaudeJudge
    samples: int = DEFAULT_SAMPLES
    batch: bool = False
    options: RaterOptions = field(default_factory=RaterOptions)
    usage: Usage = field(default_factory=Usage)
    name: str = ""
    identity: str = ""
    uses_batches: bool = False

    def __post_init__(self) -> None:
        self.name = self.judge.rater
        self.identity = f"{self.judge.rater}:{self.judge.prompt_version}:k{self.samples}"
        self.uses_batches = self.batch

    def _add(self, card: Scorecard) -> None:
        if card.usage is not None:
            self.usage = add_usage([self.usage, card.usage])

    def rate(self, transcript: Transcript, rubric: Rubric) -> Levels:
        try:
            card = judge_transcript(
                transcript, rubric, self.judge, samples=self.samples, matcher=self.options.matcher
            )
        except JudgeUnavailableError as exc:
            raise RaterError(f"{self.name}: {exc}") from None
        self._add(card)
        return _levels(card)

    def rate_all(self, transcripts: Sequence[Transcript], rubric: Rubric) -> list[Levels]:
        if not self.batch:
            return [self.rate(t, rubric) for t in transcripts]
        store = BatchStore(self.judge.client.log.db)
        items = [BatchItem(f"t{n}", t.id, t) for n, t in enumerate(transcripts)]
        batch_id = self._open_batch(store, items, rubric)
        verb = "resumed"
        if batch_id is None:
            verb = "submitted"
            try:
                batch_id = submit(
                    self.judge, store, items, rubric, samples=self.samples, purpose=BENCH
                )
            except JudgeUnavailableError as exc:
                raise RaterError(f"{self.name}: {exc}") from None
        print(terminal_safe(f"mockloop: {self.name}: batch {batch_id} {verb}"), file=sys.stderr)
        cards = wait_and_collect(
            self.judge,
            store,
            batch_id,
            rubric,
            poll_every=BATCH_POLL_SECONDS,
            on_wait=lambda m: print(terminal_safe(f"mockloop: {m}"), file=sys.stderr),
            matcher=self.options.matcher,
        )
        assert cards is not None  # no timeout: waits until the batch ends
        levels: list[Levels] = []
        for item in items:
            card = cards[item.key]
            if isinstance(card, str):
                raise RaterError(f"{self.name}: {item.transcript.id}: {card}")
            self._add(card)
            levels.append(_levels(card))
        return levels

    def _open_batch(self, store: BatchStore, items: list[BatchItem], rubric: Rubric) -> str | None:
        """A stored, uncollected batch of exactly this work (a bench run that was killed)."""
        for row in store.open(purpose=BENCH):
            same = (
                row.model == self.judge.model
                and row.prompt_version == self.judge.prompt_version
                and row.rubric_id == rubric.id
                and row.samples == self.samples
                and row.items == items
            )
            if same:
                return row.id
        return None


def claude_rater(argument: str, options: RaterOptions) -> Rater:
    from simulator.engines.select import EngineUnavailableError, claude_wanted

    try:
        claude_wanted("claude")
    except EngineUnavailableError as exc:
        raise RaterError(f"the claude rater: {exc}") from None
    return ClaudeRater(make_judge(model=argument or None), batch=options.batch, options=options)


register_rater("claude", claude_rater, spec_help="claude:MODEL")
