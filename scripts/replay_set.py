#!/usr/bin/env python3
"""Replay the held-out candidates' answers (tests/data/replay/answers/BRIEF-STYLE.txt) through
`mockloop simulate --answers` and write each round as a plain numbered transcript for a grader
who has not read the code (no move names, no reasons: only what was said).

    python scripts/replay_set.py OUT_DIR [--engine offline] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "tests" / "data" / "replay" / "answers"
BRIEFS = ("churn-analysis", "support-email-extraction", "ticket-triage", "event-log-email-summary")


def brief_of(path: Path) -> str:
    return next(b for b in BRIEFS if path.stem.startswith(b))


def replay(path: Path, seed: int, engine: str, home: str) -> dict:
    command = [
        sys.executable, "-m", "simulator.cli.main", "simulate", "--brief", brief_of(path),
        "--answers", str(path), "--minutes", "60", "--seed", str(seed), "--engine", engine,
        "--json",
    ]  # fmt: skip
    env = {**os.environ, "MOCKLOOP_HOME": home}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return json.loads(done.stdout)


def as_text(data: dict) -> str:
    lines = []
    for number, turn in enumerate(data["transcript"]["turns"], start=1):
        who = "Interviewer" if turn["role"] == "interviewer" else "Candidate"
        minute = (turn.get("start") or 0) / 60
        lines.append(f"[{number}] {who} (minute {minute:.0f}):\n{turn['text']}\n")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--engine", default="offline")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        for path in sorted(ANSWERS.glob("*.txt")):
            data = replay(path, args.seed, args.engine, home)
            (args.out / f"{path.stem}.txt").write_text(as_text(data), encoding="utf-8")
            (args.out / f"{path.stem}.json").write_text(json.dumps(data, indent=1), "utf-8")
            print(f"{path.stem}: {len(data['transcript']['turns'])} turns", file=sys.stderr)


if __name__ == "__main__":
    main()
