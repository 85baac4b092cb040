"""`mockloop score` of many files spreads them over the machine's cores: the cards are those of
each file scored alone, printed in file order, and every one is stored."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from scoring.cores import CHUNK
from tests.cli_helpers import mockloop

ROUNDS = sorted((Path(__file__).parent / "data" / "heldout-25" / "transcripts").glob("[ecst]*.txt"))
SAMPLES = sorted((Path(__file__).resolve().parent.parent / "transcripts" / "samples").iterdir())
FILES = [*ROUNDS, *SAMPLES, *ROUNDS[:8]]  # more than a chunk, some files twice


def _cards(*files: Path) -> list[dict[str, object]]:
    run = mockloop("score", "--format", "json", "--no-save", *files)
    assert run.code == 0, run.err
    cards = json.loads(run.out)
    cards = cards if isinstance(cards, list) else [cards]
    for card in cards:
        card.pop("created_at")  # stamped when made
    return cards


def test_many_files_give_the_cards_of_each_file_alone_in_file_order(isolated_home: Path) -> None:
    assert len(FILES) > CHUNK + 1
    alone = [card for path in dict.fromkeys(FILES) for card in _cards(path)]
    by_path = dict(zip(dict.fromkeys(FILES), alone, strict=True))

    assert _cards(*FILES) == [by_path[path] for path in FILES]


def test_many_files_are_all_stored(isolated_home: Path) -> None:
    run = mockloop("score", "--format", "json", *FILES)

    assert run.code == 0, run.err
    with sqlite3.connect(next(isolated_home.rglob("*.db"))) as db:
        sources = [row[0] for row in db.execute("select source from scorecards")]
    assert sorted(sources) == sorted(str(path) for path in FILES)
