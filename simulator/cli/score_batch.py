"""`mockloop score --batch` and `--resume-batch`: judging through the Message Batches API.

The batch id and the transcripts are stored before waiting, so Ctrl+C (or a crash) loses
nothing: `mockloop score --resume-batch [BATCH]` collects it later.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.show import notice, show

if TYPE_CHECKING:
    from scoring.rubrics.models import Rubric
    from scoring.scorecard import Scorecard
    from scoring.transcripts.model import Transcript
    from simulator.engines.claude.batches import BatchStore
    from simulator.engines.claude.judge import ClaudeJudge
    from simulator.workspace import Workspace


def run_batch(
    ws: Workspace,
    judge: ClaudeJudge,
    rubric: Rubric,
    transcripts: list[tuple[Path, Transcript]],
    *,
    samples: int | None,
    poll: float,
    resume: str | None,
) -> list[tuple[Scorecard, str]]:
    from scoring.judge import DEFAULT_SAMPLES, JudgeUnavailableError
    from simulator.cli.errors import fail
    from simulator.content.strong_answers import with_strong_answers
    from simulator.engines.claude.batches import BatchItem, BatchStore, submit, wait_and_collect
    from simulator.services.judging import judge_for_model
    from simulator.services.scoring import brief_of
    from simulator.store.scorecards import stamped

    store = BatchStore(ws.db)
    try:
        if resume is not None:
            batch_id = _stored(store, resume)
            row = store.get(batch_id)
            if row.rubric_id != rubric.id:
                fail(f"batch {batch_id} was judged against rubric {row.rubric_id}; use --rubric")
            judge = judge_for_model(judge, row.model)
        else:
            from simulator.cli.score import estimate_line

            items = [
                BatchItem(f"t{n}", str(path), transcript)
                for n, (path, transcript) in enumerate(transcripts)
            ]
            shown = estimate_line(judge, [t for _, t in transcripts], rubric, samples, batch=True)
            show(f"mockloop: {shown} (batch price)", err=True)
            batch_id = submit(
                judge, store, items, rubric, samples=samples or DEFAULT_SAMPLES, purpose="score"
            )
            show(
                f"mockloop: submitted batch {batch_id}; if you stop waiting, collect it with "
                f"`mockloop score --resume-batch {batch_id}`",
                err=True,
            )
        cards = wait_and_collect(
            judge,
            store,
            batch_id,
            rubric,
            poll_every=poll,
            on_wait=notice,
            matcher=ws.matcher,
        )
    except JudgeUnavailableError as exc:
        fail(f"the Claude judge is unavailable: {exc}", code=1)
    assert cards is not None
    by_key = {i.key: i for i in store.get(batch_id).items}
    scored: list[tuple[Scorecard, str]] = []
    for key, card in cards.items():
        if isinstance(card, str):
            show(f"mockloop: {by_key[key].source}: not scored: {card}", err=True)
        else:
            brief = brief_of(ws, by_key[key].transcript)
            scored.append((stamped(with_strong_answers(card, brief)), by_key[key].source))
    return scored


def _stored(store: BatchStore, wanted: str) -> str:
    from simulator.cli.errors import fail

    if wanted != "latest":
        try:
            return str(store.get(wanted).id)
        except LookupError as exc:
            fail(str(exc))
    pending = store.open(purpose="score")
    if not pending:
        fail("no batch waiting to be collected")
    return str(pending[0].id)
