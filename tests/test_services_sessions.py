"""Starting a round (`simulator.services.sessions`), as the CLI and the app both do: the ids
are checked before anything is written, and the row names the engine that will run it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.content.loader import UnknownIdError
from simulator.engines.offline import OfflineEngine
from simulator.services.sessions import HUMAN, create_session
from simulator.workspace import Workspace


@pytest.fixture
def workspace() -> Iterator[Workspace]:
    with Workspace() as ws:
        yield ws


def start(ws: Workspace, **choices: str) -> None:
    create_session(
        ws,
        brief_id=choices.get("brief_id", "churn-analysis"),
        interviewer_id=choices.get("interviewer_id", "neutral"),
        candidate=HUMAN,
        mode="interview",
        minutes=60,
        seed=1,
        engine=OfflineEngine(),
    )


@pytest.mark.parametrize(
    ("choices", "named"),
    [
        ({"brief_id": "no-such-brief"}, "no-such-brief"),
        ({"interviewer_id": "no-such-interviewer"}, "no-such-interviewer"),
    ],
    ids=["unknown-brief", "unknown-interviewer"],
)
def test_an_unknown_id_is_refused_and_nothing_is_written(
    workspace: Workspace, choices: dict[str, str], named: str
) -> None:
    with pytest.raises(UnknownIdError, match=named):
        start(workspace, **choices)
    assert workspace.sessions.recent() == []


def test_an_offline_round_records_its_engine_and_no_model_or_prompt_version(
    workspace: Workspace,
) -> None:
    start(workspace)
    [row] = workspace.sessions.recent()
    assert (row.engine, row.model, row.prompt_version) == ("offline", None, None)
    assert (row.brief_id, row.interviewer_id, row.candidate, row.status) == (
        "churn-analysis",
        "neutral",
        HUMAN,
        "active",
    )
