"""Nothing mockloop shows can drive the terminal: escape sequences from a transcript, an
answers file (and its name), a ratings CSV or a model's reply are shown as visible escapes
on every output path, while the words around them still show and JSON keeps the text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from scoring.rubrics import load_rubrics
from scoring.transcripts import export_transcript
from simulator.terminal import terminal_safe
from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from simulator.tui.widgets.turn_view import TurnView
from simulator.workspace import Workspace
from tests.cli_helpers import Run, mockloop, one_line_error
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.fakes.responders import default_reply, output_schema
from tests.tui_helpers import answer, open_round

# A window title set (OSC ... BEL), a screen clear, a colour, a C1 CSI and a bidi override.
HOSTILE = "\x1b]0;pwned\x07 \x1b[2J \x1b[31m \x9b6n \u202e"
DRIVES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SAMPLES = Path(__file__).resolve().parent.parent / "transcripts" / "samples"
DIMENSIONS = [d.id for d in load_rubrics()["system-design"].dimensions]


def assert_inert(run: Run, *words: str) -> None:
    """Nothing in the output can drive a terminal, the words still show, and the escapes
    show as text (so the gate ran, not only click's stripping of colours off a terminal)."""
    for stream in (run.out, run.err):
        assert not DRIVES.search(stream), repr(DRIVES.findall(stream))
    shown = run.out + run.err
    for word in words:
        assert word in shown, word
    assert "\\u001b]0;pwned\\u0007" in shown


def hostile_transcript(tmp_path: Path) -> Path:
    path = tmp_path / "round.json"
    turns = [
        {"role": "interviewer", "text": f"How do you keep the cost down?{HOSTILE}"},
        {
            "role": "candidate",
            "text": f"I cache the prompt prefix{HOSTILE} and batch the nightly runs, "
            "because 4,000 accounts at 2,000 tokens each is about 8M tokens a night.",
        },
    ]
    path.write_text(json.dumps({"id": f"round{HOSTILE}7", "turns": turns}), encoding="utf-8")
    return path


def test_escapes_are_made_visible_and_newlines_and_tabs_kept() -> None:
    assert terminal_safe("a\x1b[31mb\tc\nd\x9be\u202ef") == ("a\\u001b[31mb\tc\nd\\u009be\\u202ef")
    assert terminal_safe("a\nb\tc\rd", one_line=True) == "a\\nb\\tc\\u000dd"
    assert terminal_safe("plain words, “quotes”, 数字 and emoji 👍") == (
        "plain words, “quotes”, 数字 and emoji 👍"
    )


def test_json_through_the_gate_stays_the_same_json() -> None:
    value = {"text": f"cache{HOSTILE}", "id": "r\x00\x7f\u2028"}
    shown = terminal_safe(json.dumps(value, ensure_ascii=False, indent=2))
    assert not DRIVES.search(shown) and json.loads(shown) == value


def test_score_table_and_markdown_show_the_escapes_as_text(tmp_path: Path) -> None:
    path = hostile_transcript(tmp_path)
    for fmt in ("table", "md"):
        run = mockloop("score", path, "--format", fmt, "--no-save")
        assert run.code == 0, run.err
        assert_inert(run, "Scorecard", "round", "7")


def test_score_json_keeps_the_original_text(tmp_path: Path) -> None:
    run = mockloop("score", hostile_transcript(tmp_path), "--format", "json", "--no-save")
    assert run.code == 0, run.err
    assert not DRIVES.search(run.out)
    assert json.loads(run.out)["transcript_id"] == f"round{HOSTILE}7"


def test_an_error_line_naming_a_hostile_path_is_one_inert_line(tmp_path: Path) -> None:
    line = one_line_error(mockloop("score", tmp_path / f"nope{HOSTILE}.txt"))
    assert not DRIVES.search(line) and "nope" in line


def test_a_simulated_round_from_a_hostile_answers_file_is_inert_everywhere(
    tmp_path: Path,
) -> None:
    answers = tmp_path / f"answers{HOSTILE}.txt"
    answers.write_text(
        f"I would first ask how many accounts there are{HOSTILE}.\n\n"
        f"I cache the prompt prefix{HOSTILE} and batch the nightly runs.\n\n"
        "We label 200 examples and gate releases on them.\n",
        encoding="utf-8",
    )
    run = mockloop("simulate", "--brief", "churn-analysis", "--answers", answers, "--minutes", "20")
    assert run.code == 0, run.err
    assert_inert(run, "cache the prompt prefix", "answers ran out")
    with Workspace() as ws:
        session = ws.sessions.recent(limit=1)[0].id
    assert_inert(mockloop("transcripts", "show", session), "cache the prompt prefix")
    assert_inert(mockloop("transcripts", "export", session), "cache the prompt prefix")
    assert_inert(mockloop("history"), session)
    exported = mockloop("transcripts", "export", session, "--format", "json")
    assert not DRIVES.search(exported.out)
    texts = [t["text"] for t in json.loads(exported.out)["turns"]]
    assert any(HOSTILE.strip() in text for text in texts), "the JSON keeps the answer as given"
    kept = tmp_path / "kept.md"
    assert mockloop("transcripts", "export", session, "--out", kept).code == 0
    with Workspace() as ws:
        written = export_transcript(ws.sessions.transcript(session), "md")
    assert kept.read_text(encoding="utf-8") == written, "a file gets the export untouched"


def test_bench_tables_show_a_hostile_rater_name_as_text(tmp_path: Path) -> None:
    rater = f"priya{HOSTILE}"
    rows = [f"churn-analysis-vibes-only.md,{rater},{d},2" for d in DIMENSIONS]
    rows += [f"churn-analysis-strong-shipper,{rater},{d},3" for d in DIMENSIONS]
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("\n".join(["transcript,rater,dimension,level", *rows]) + "\n")
    run = mockloop("bench", SAMPLES, "--human", ratings, "--perturb", "0", "--no-save")
    assert run.code == 0, run.err
    assert_inert(run, "priya")


def test_a_model_reply_with_escapes_reaches_the_terminal_inert(fake_api: FakeAnthropic) -> None:
    def hostile_words(body: dict[str, Any]) -> Reply:
        reply = default_reply(body)
        if output_schema(body) is None and reply.text:  # spoken words, not structured output
            reply.text = f"{reply.text}{HOSTILE}"
        return reply

    fake_api.responder = hostile_words
    run = mockloop(
        "simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper",
        "--minutes", "20", "--engine", "claude",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert_inert(run, "Scorecard")


async def test_the_app_shows_a_hostile_answer_inert() -> None:
    app = MockloopApp(PracticeOptions(engine="offline", seed=1))
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, f"I cache the prompt prefix{HOSTILE} and batch the nightly runs.")
        sources = [message.source for message in screen.query(TurnView)]
        assert any("cache the prompt prefix" in source for source in sources)
        assert not any(DRIVES.search(source) for source in sources)
        reply = screen.query(TurnView).last()
        reply.update(f"model words{HOSTILE}")
        await pilot.pause()
        assert "model words" in reply.source and not DRIVES.search(reply.source)
