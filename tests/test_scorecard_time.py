"""The scorer is pure: the same transcript gives the same card, to the byte. The time a card
was made is stamped where it is kept or shown (the store, `mockloop score`)."""

from __future__ import annotations

import json
from pathlib import Path

from scoring.heuristic import score_transcript
from scoring.rubrics import load_rubrics
from scoring.transcripts import load_transcript
from simulator.store.db import open_database
from simulator.store.scorecards import ScorecardStore

DATA = Path(__file__).parent / "data"


def test_the_scorer_gives_the_same_card_twice_to_the_byte() -> None:
    transcript = load_transcript(DATA / "transcripts" / "simulated_strong_shipper.json")
    rubric = load_rubrics()["system-design"]
    first = score_transcript(transcript, rubric).model_dump_json()
    second = score_transcript(transcript, rubric).model_dump_json()
    assert first == second
    assert json.loads(first)["created_at"] == ""


def test_a_stored_card_has_the_time_it_was_kept(tmp_path: Path) -> None:
    transcript = load_transcript(DATA / "transcripts" / "simulated_strong_shipper.json")
    card = score_transcript(transcript, load_rubrics()["system-design"])
    store = ScorecardStore(open_database(tmp_path / "m.db"))
    store.save_all([(card, None, "simulated_strong_shipper.json")])
    kept = store.db.execute("select created_at, card from scorecards").fetchone()
    assert kept[0].startswith("20") and kept[0].endswith("+00:00")
    assert json.loads(kept[1])["created_at"] == kept[0]
