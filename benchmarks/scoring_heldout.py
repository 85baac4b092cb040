"""The offline scorer against people: the held-out transcripts in tests/data/heldout/, written
by helpers that never saw the scorer and graded per dimension by two more, from the rubric's
text alone, before the scorer was run on them (their briefs are beside the data). The second
set, tests/data/heldout-2/, was written and graded the same way after the scorer's method had
been shaped on the first: it shows whether that method holds on rounds nobody tuned for. The
third, tests/data/heldout-3/, was written while the method changed on the first two, and
measured once it was graded; the fourth, tests/data/heldout-4/ (two writers, twenty rounds),
the same way while it changed on the first three; the fifth, tests/data/heldout-5/ (two
writers, sixteen rounds), after it had changed on all four; the sixth, tests/data/heldout-6/
(two writers, twelve rounds), after the last change of that day; the seventh and eighth,
tests/data/heldout-7/ and -8/ (two writers and sixteen rounds each), while it changed on the
first six, each measured once after the last change; the ninth, tests/data/heldout-9/ (two
writers, sixteen rounds), after it had changed on all eight; the tenth, tests/data/heldout-10/
(two writers, sixteen rounds), after it had changed on all nine; the eleventh,
tests/data/heldout-11/ (two writers, sixteen rounds), after it had changed on all ten; the
twelfth, tests/data/heldout-12/ (two writers, sixteen rounds), after it had changed on all
eleven; the thirteenth, tests/data/heldout-13/ (two writers, sixteen rounds), at the start of
a session, before that day's changes; the fourteenth, tests/data/heldout-14/ (two writers,
sixteen rounds), during that session, measured once after its last change; the fifteenth,
tests/data/heldout-15/ (two writers, sixteen rounds), the same way after the fourteenth had
been measured and used; the sixteenth and seventeenth, tests/data/heldout-16/ and -17/ (two
writers and sixteen rounds each), after the session's last change; the eighteenth,
tests/data/heldout-18/, at the start of the next session, before its changes; the nineteenth
and twentieth, tests/data/heldout-19/ and -20/ (two writers and sixteen rounds each), written
during it and kept unread until its changes were in, the twentieth after the last; the
twenty-first, tests/data/heldout-21/ (two writers, sixteen rounds, six of them behavioural),
written at the start of the next session and measured once after its changes; the
twenty-second, tests/data/heldout-22/ (two writers, sixteen rounds), written during it and
measured once after its last change but the mends that set itself showed; the twenty-third,
tests/data/heldout-23/ (two writers, sixteen rounds), written and graded at the start of the
next session and measured once after its first two changes; the twenty-fourth,
tests/data/heldout-24/ (two writers, sixteen rounds), written during it and measured once
after its last change but the mend that set itself showed; the twenty-fifth,
tests/data/heldout-25/ (two writers, sixteen rounds), written and graded during the next
session, which changed no level, and measured once; the twenty-sixth, tests/data/heldout-26/
(two writers, sixteen rounds), written and graded at the start of the next session and measured
once after its first changes; the twenty-seventh, tests/data/heldout-27/ (two writers, sixteen
rounds), written during it and measured once after its last change; the twenty-eighth,
tests/data/heldout-28/ (two writers, sixteen rounds), written and graded at the start of the
next session and measured once after its change; the twenty-ninth, tests/data/heldout-29/ (two
writers, sixteen rounds), written during it and measured once after that change; the
thirtieth, tests/data/heldout-30/ (two writers, sixteen rounds), written and graded at its end,
after its last change, and measured once; the thirty-first, tests/data/heldout-31/ (two writers,
sixteen rounds), written and graded at the start of the next session and measured once after
its first change; the thirty-second, tests/data/heldout-32/ (two writers, sixteen rounds),
written and graded during it and measured once after its last change to the levels but one
mend; the thirty-third, tests/data/heldout-33/ (two writers, sixteen rounds), written and graded
at its end and measured once after its last change but one mend; the thirty-fourth,
tests/data/heldout-34/ (two writers, sixteen rounds), written and graded at the start of the
next session and measured once, with three versions named beforehand; the thirty-fifth,
tests/data/heldout-35/ (two writers, sixteen rounds), written and graded during it and measured
once after its first changes; the thirty-sixth, tests/data/heldout-36/ (two writers, sixteen
rounds), written and graded during it and measured once after its later changes; the
thirty-seventh, tests/data/heldout-37/ (two writers, sixteen rounds), written and graded near
its end and measured once after its last change but one mend; the thirty-eighth,
tests/data/heldout-38/ (two writers, sixteen rounds), written and graded at its end, after its
last change, and measured once; the thirty-ninth, tests/data/heldout-39/ (two writers, sixteen
rounds), written and graded at the start of the next session and measured once before its
changes; the fortieth, tests/data/heldout-40/ (two writers, sixteen rounds), written and graded
during it and measured once after its last change; the forty-first, tests/data/heldout-41/ (two
writers, sixteen rounds), written and graded near its end and measured once; the forty-second,
tests/data/heldout-42/ (two writers, sixteen rounds), written and graded at the start of the
next session and measured once before its changes; the forty-third, tests/data/heldout-43/ (two
writers, sixteen rounds), written and graded with it, kept unread and measured once after the
session's last change; the forty-fourth, tests/data/heldout-44/ (two writers, sixteen rounds),
written and graded near its end to decide one change named beforehand, and measured once with
and without it.

Prints, per set, rank agreement with the raters' mean level over (transcript, dimension) and
over transcripts, hire / no-hire agreement with the raters' call, and how many of the
candidates both raters call strong hire get strong hire; then the same over every set's rounds
pooled. Targets are the scorecards issue's (for the first set; the others are reported against
the same lines).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml

from scoring.bench.stats import spearman

HELDOUT = ROOT / "tests" / "data" / "heldout"
SETS = {
    "": HELDOUT,
    " (second set)": ROOT / "tests" / "data" / "heldout-2",
    " (third set)": ROOT / "tests" / "data" / "heldout-3",
    " (fourth set)": ROOT / "tests" / "data" / "heldout-4",
    " (fifth set)": ROOT / "tests" / "data" / "heldout-5",
    " (sixth set)": ROOT / "tests" / "data" / "heldout-6",
    " (seventh set)": ROOT / "tests" / "data" / "heldout-7",
    " (eighth set)": ROOT / "tests" / "data" / "heldout-8",
    " (ninth set)": ROOT / "tests" / "data" / "heldout-9",
    " (tenth set)": ROOT / "tests" / "data" / "heldout-10",
    " (eleventh set)": ROOT / "tests" / "data" / "heldout-11",
    " (twelfth set)": ROOT / "tests" / "data" / "heldout-12",
    " (thirteenth set)": ROOT / "tests" / "data" / "heldout-13",
    " (fourteenth set)": ROOT / "tests" / "data" / "heldout-14",
    " (fifteenth set)": ROOT / "tests" / "data" / "heldout-15",
    " (sixteenth set)": ROOT / "tests" / "data" / "heldout-16",
    " (seventeenth set)": ROOT / "tests" / "data" / "heldout-17",
    " (eighteenth set)": ROOT / "tests" / "data" / "heldout-18",
    " (nineteenth set)": ROOT / "tests" / "data" / "heldout-19",
    " (twentieth set)": ROOT / "tests" / "data" / "heldout-20",
    " (twenty-first set)": ROOT / "tests" / "data" / "heldout-21",
    " (twenty-second set)": ROOT / "tests" / "data" / "heldout-22",
    " (twenty-third set)": ROOT / "tests" / "data" / "heldout-23",
    " (twenty-fourth set)": ROOT / "tests" / "data" / "heldout-24",
    " (twenty-fifth set)": ROOT / "tests" / "data" / "heldout-25",
    " (twenty-sixth set)": ROOT / "tests" / "data" / "heldout-26",
    " (twenty-seventh set)": ROOT / "tests" / "data" / "heldout-27",
    " (twenty-eighth set)": ROOT / "tests" / "data" / "heldout-28",
    " (twenty-ninth set)": ROOT / "tests" / "data" / "heldout-29",
    " (thirtieth set)": ROOT / "tests" / "data" / "heldout-30",
    " (thirty-first set)": ROOT / "tests" / "data" / "heldout-31",
    " (thirty-second set)": ROOT / "tests" / "data" / "heldout-32",
    " (thirty-third set)": ROOT / "tests" / "data" / "heldout-33",
    " (thirty-fourth set)": ROOT / "tests" / "data" / "heldout-34",
    " (thirty-fifth set)": ROOT / "tests" / "data" / "heldout-35",
    " (thirty-sixth set)": ROOT / "tests" / "data" / "heldout-36",
    " (thirty-seventh set)": ROOT / "tests" / "data" / "heldout-37",
    " (thirty-eighth set)": ROOT / "tests" / "data" / "heldout-38",
    " (thirty-ninth set)": ROOT / "tests" / "data" / "heldout-39",
    " (fortieth set)": ROOT / "tests" / "data" / "heldout-40",
    " (forty-first set)": ROOT / "tests" / "data" / "heldout-41",
    " (forty-second set)": ROOT / "tests" / "data" / "heldout-42",
    " (forty-third set)": ROOT / "tests" / "data" / "heldout-43",
    " (forty-fourth set)": ROOT / "tests" / "data" / "heldout-44",
}
RATERS = ("X", "Y")
HIRE = {"strong_hire", "hire"}


def graded(folder: Path = HELDOUT) -> dict[str, list[dict[str, Any]]]:
    """Transcript stem -> each rater's grade of it."""
    grades: dict[str, list[dict[str, Any]]] = {}
    for rater in RATERS:
        for path in sorted((folder / f"grades-{rater}").glob("*.yaml")):
            grades.setdefault(path.stem, []).append(yaml.safe_load(path.read_text("utf-8")))
    return grades


def scored(rubric: str, files: list[Path]) -> list[dict[str, Any]]:
    """The offline scorecards of `files`, in their order (`mockloop score`, nothing stored)."""
    if not files:
        return []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "MOCKLOOP_HOME": home}
        env.pop("ANTHROPIC_API_KEY", None)
        out = subprocess.run(
            [sys.executable, "-m", "simulator.cli.main", "score", "--no-save",
             "--engine", "offline", "--rubric", rubric, "--format", "json", *map(str, files)],
            capture_output=True, text=True, env=env, cwd=ROOT, check=True,
        ).stdout  # fmt: skip
    cards = json.loads(out)
    return cards if isinstance(cards, list) else [cards]


def cards_of(folders: Iterable[Path]) -> dict[Path, dict[str, Any]]:
    """Each set's transcript -> its scorecard: every set's rounds in one `mockloop score` per
    rubric (one start, and the files spread over the cores)."""
    files = [f for folder in folders for f in sorted((folder / "transcripts").glob("*.txt"))]
    behavioural = [f for f in files if f.stem.startswith("behavioral")]
    design = [f for f in files if not f.stem.startswith("behavioral")]
    return {
        **dict(zip(design, scored("system-design", design), strict=True)),
        **dict(zip(behavioural, scored("behavioral", behavioural), strict=True)),
    }


@dataclass
class Compared:
    """The scorer's cards beside the raters' grades, for one set or several pooled."""

    cells: list[tuple[float, float]] = field(default_factory=list)  # (raters' mean, ours)
    overall: list[tuple[float, float]] = field(default_factory=list)
    rounds: int = 0
    agree: int = 0
    strong: int = 0
    strong_hit: int = 0

    def __add__(self, other: Compared) -> Compared:
        return Compared(
            self.cells + other.cells,
            self.overall + other.overall,
            self.rounds + other.rounds,
            self.agree + other.agree,
            self.strong + other.strong,
            self.strong_hit + other.strong_hit,
        )

    def figures(self) -> dict[str, float | None]:
        return {
            "rank agreement over (transcript, dimension)": spearman(*zip(*self.cells, strict=True)),
            "rank agreement over transcripts": spearman(*zip(*self.overall, strict=True)),
            "hire / no-hire agreement (%)": round(100 * self.agree / self.rounds, 1),
            "raters' strong hires scored strong hire (%)": round(
                100 * self.strong_hit / self.strong, 1
            ),
        }


def compared(folder: Path = HELDOUT, cards: dict[Path, dict[str, Any]] | None = None) -> Compared:
    """The set's cards (`cards`, or scored now) beside its raters' grades."""
    grades = graded(folder)
    cards = cards if cards is not None else cards_of([folder])
    out = Compared()
    for stem, by_rater in sorted(grades.items()):
        card = cards[folder / "transcripts" / f"{stem}.txt"]
        levels = {d["dimension"]: d["level"] for d in card["dimensions"]}
        expected = {
            dim: sum(g["levels"][dim] for g in by_rater) / len(by_rater)
            for dim in by_rater[0]["levels"]
        }
        out.cells += [(expected[d], levels[d]) for d in expected if levels.get(d) is not None]
        out.overall.append((sum(expected.values()) / len(expected), card["weighted_level"]))
        calls = {g["recommendation"] for g in by_rater}
        call = by_rater[0]["recommendation"]
        out.rounds += 1
        out.agree += (call in HIRE) == (card["recommendation"] in HIRE)
        if calls == {"strong_hire"}:
            out.strong += 1
            out.strong_hit += card["recommendation"] == "strong_hire"
    return out


def measure(folder: Path = HELDOUT) -> dict[str, float | None]:
    return compared(folder).figures()


TARGETS = {
    "rank agreement over (transcript, dimension)": 0.75,
    "rank agreement over transcripts": 0.9,
    "hire / no-hire agreement (%)": 90.0,
    "raters' strong hires scored strong hire (%)": 50.0,
}


def main() -> None:
    pooled = Compared()
    cards = cards_of(SETS.values())
    for label, folder in [*SETS.items(), (" (every set pooled)", None)]:
        if folder is None:
            found = pooled.figures()
        else:
            here = compared(folder, cards)
            pooled += here
            found = here.figures()
        for name, value in found.items():
            print(json.dumps({"figure": f"scorer vs held-out raters{label}: {name}",
                              "value": None if value is None else round(value, 3),
                              "target": TARGETS[name], "higher_is_better": True}))  # fmt: skip


if __name__ == "__main__":
    main()
