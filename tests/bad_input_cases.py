"""The bad-input table: (command, input file, expected message fragment), one table per kind
of input. The files live in tests/data/bad/; files over a size limit are made at test time
(HUGE); a case may instead ask for a named pipe or a link to /dev/zero as its input, or for a
broken MOCKLOOP_HOME or database. `check_bad_input` in tests/bad_input_helpers.py runs a case
and checks what it did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest

BAD = Path(__file__).resolve().parent / "data" / "bad"
SIMULATE = ("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")
BENCH_OUT = ("--perturb", "0", "--json", "{out}/bench.json", "--report", "{out}/bench.html")


# --- files over the size limits, made at test time ---------------------------------------------


def _repeat(line: str, over: int) -> bytes:
    return (line * (over // len(line) + 2)).encode()


TRANSCRIPT_LIMIT = 5 * 1024 * 1024
CONTENT_LIMIT = 1024 * 1024
CSV_LIMIT = 20 * 1024 * 1024
ANSWERS_LIMIT = 1024 * 1024
NOTES_LIMIT = 256 * 1024
HUGE: dict[str, Callable[[], bytes]] = {
    "huge.txt": lambda: _repeat("Candidate: I would cache the system prompt.\n", TRANSCRIPT_LIMIT),
    "huge.json": lambda: (
        b'{"id": "huge", "turns": ['
        + _repeat('{"role": "candidate", "text": "golden set"},', TRANSCRIPT_LIMIT)
        + b'{"role": "interviewer", "text": "ok"}]}'
    ),
    "huge.vtt": lambda: (
        b"WEBVTT\n\n"
        + _repeat("00:00:01.000 --> 00:00:02.000\nSam: I would cache it.\n\n", TRANSCRIPT_LIMIT)
    ),
    # Under the size limit, over the turn limit: a million tiny turns.
    "many-turns.txt": lambda: b"Q: a?\nA: b.\n" * 400_000,
    "many-turns.json": lambda: (
        b'{"id": "many", "turns": ['
        + b'{"role": "candidate", "text": "b"}, ' * 100_000
        + b'{"role": "interviewer", "text": "ok"}]}'
    ),
    "huge-brief.yaml": lambda: b"id: huge-brief\nnotes: |\n" + _repeat("  filler\n", CONTENT_LIMIT),
    "huge-rubric.yaml": lambda: (
        b"id: huge-rubric\nnotes: |\n" + _repeat("  filler\n", CONTENT_LIMIT)
    ),
    "huge-answers.txt": lambda: _repeat("I would cache the prompt.\n\n", CONTENT_LIMIT),
    "huge-ratings.csv": lambda: (
        b"transcript,rater,dimension,level\n"
        + _repeat("churn-analysis-vibes-only,priya,evaluation,2\n", CSV_LIMIT)
    ),
}


# --- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """`args` may use {file} (the input), {out} (an empty folder for outputs), {samples},
    {sample}, {session} (a finished session), {long} (a name of 300 characters) and {deep} (a
    path of 4,200 characters made of short names, ending in "/"); `expected` may use them too,
    and {home} (the MOCKLOOP_HOME of the run) and {tmp} (the test's folder). With `place`, the
    file is put at that path under MOCKLOOP_HOME instead (a user brief, persona, rubric or
    price table)."""

    args: tuple[str, ...]
    expected: str
    file: str | None = None  # under tests/data/bad/, a key of HUGE, or the name `made_as` makes
    place: str | None = None
    api: bool = False  # run against the fake Anthropic API (the claude engine)
    made_as: MadeAs = "copy"
    home: BrokenHome | None = None
    # Run in a child process with a timeout: a named pipe or a device read by mistake would
    # hang the test or fill the machine's memory instead of failing it.
    child: bool = False


# How the input is made: a copy of `file`, or a named pipe or a link to /dev/zero named `file`.
MadeAs = Literal["copy", "named-pipe", "link-to-dev-zero"]
# MOCKLOOP_HOME is a file, a link to a folder that does not exist, a device (/dev/null) or a
# name too long for the file system; or the home is whole and its database is random bytes.
BrokenHome = Literal["file", "dangling-link", "device", "name-too-long", "junk-database"]


def transcript(name: str, expected: str, *extra: str) -> Case:
    return Case(("score", "{file}", *extra), expected, f"transcripts/{name}")


def brief_file(name: str, expected: str) -> Case:
    return Case(("briefs", "validate", "{file}"), expected, f"briefs/{name}")


def user_brief(name: str, expected: str, *args: str) -> Case:
    return Case(args or SIMULATE, expected, f"briefs/{name}", place=f"briefs/{name}")


def persona(name: str, expected: str, kind: str = "candidates") -> Case:
    return Case(SIMULATE, expected, f"personas/{name}", place=f"personas/{kind}/{name}")


def rubric(name: str, expected: str, *, user: bool = False) -> Case:
    if user:
        return Case(("score", "{sample}"), expected, f"rubrics/{name}", place=f"rubrics/{name}")
    return Case(("rubrics", "validate", "{file}"), expected, f"rubrics/{name}")


def ratings(name: str, expected: str) -> Case:
    return Case(
        ("bench", "{samples}", "--human", "{file}", *BENCH_OUT), expected, f"ratings/{name}"
    )


def answers(name: str, expected: str) -> Case:
    return Case(("simulate", "--brief", "churn-analysis", "--answers", "{file}"), expected, name)


def prices(name: str, expected: str, *args: str) -> Case:
    command = args or ("score", "{sample}", "--engine", "claude", "--samples", "1")
    return Case(command, expected, f"config/{name}", place="prices.yaml", api=True)


# transcripts: every format, unreadable or wrong (tests/test_bad_inputs_transcripts.py)
TRANSCRIPTS: dict[str, Case] = {
    "transcript-empty-json": transcript("empty.json", "file is empty"),
    "transcript-blank-md": transcript("blank.md", "file is empty"),
    "transcript-binary-vtt": transcript("binary.vtt", "binary file"),
    "transcript-control-characters-md": transcript("control-characters.md", "binary file"),
    "transcript-latin1-txt": transcript("latin1.txt", "not valid UTF-8"),
    "transcript-utf16-txt": transcript("utf16.txt", "UTF-16"),
    "transcript-truncated-json": transcript("truncated.json", "invalid JSON at line 1"),
    "transcript-top-level-list-json": transcript("top-level-list.json", "got an array"),
    "transcript-turns-not-a-list-json": transcript("turns-not-a-list.json", "turns: Input should"),
    "transcript-missing-turns-json": transcript("missing-turns.json", "turns: Field required"),
    "transcript-unknown-role-json": transcript("unknown-role.json", "turns[1].role"),
    "transcript-text-not-a-string-json": transcript("text-not-a-string.json", "turns[1].text"),
    "transcript-no-candidate-json": transcript("no-candidate.json", "no candidate turns"),
    "transcript-no-candidate-md": transcript("export-marker-no-turns.md", "no candidate turns"),
    "transcript-no-labels-txt": transcript("no-labels.txt", "no speaker labels"),
    "transcript-three-speakers-txt": transcript("three-speakers.txt", "--candidate-label"),
    "transcript-unknown-label-txt": transcript(
        "three-speakers.txt", "no speaker matches", "--candidate-label", "Nobody"
    ),
    "transcript-no-cues-vtt": transcript("no-cues.vtt", "no speaker names"),
    "transcript-bad-timestamps-vtt": transcript("bad-timestamps.vtt", "no speaker names"),
    "transcript-forced-format-vtt": transcript(
        "no-labels.txt", "not a WebVTT file", "--input-format", "vtt"
    ),
    "transcript-unknown-extension": transcript("notes.rtf", "invalid JSON"),
    "transcript-huge-txt": Case(("score", "{file}"), "larger than the 5 MB limit", "huge.txt"),
    "transcript-huge-json": Case(("score", "{file}"), "larger than the 5 MB limit", "huge.json"),
    "transcript-huge-vtt-in-bench": Case(
        ("bench", "{file}", *BENCH_OUT), "larger than the 5 MB limit", "huge.vtt"
    ),
    "transcript-too-many-turns-txt": Case(
        ("score", "{file}"), "more turns than the 5,000-turn limit", "many-turns.txt"
    ),
    "transcript-too-many-turns-json-in-bench": Case(
        ("bench", "{file}", *BENCH_OUT), "5,000-turn limit", "many-turns.json"
    ),
    "transcript-in-bench-one-bad-of-many": Case(
        ("bench", "{samples}", "{file}", *BENCH_OUT),
        "turns[1].role",
        "transcripts/unknown-role.json",
    ),
    "transcript-second-of-two-in-score": Case(
        ("score", "{sample}", "{file}"), "invalid JSON", "transcripts/truncated.json"
    ),
    "transcripts-duplicate-ids-in-bench": Case(
        ("bench", "{file}", *BENCH_OUT), "same transcript id 'round-7'", "transcripts/same-id"
    ),
    "transcript-missing-file": Case(("score", "{out}/nope.json"), "no such file"),
    "transcript-is-a-folder": Case(("score", "{out}"), "is a folder, not a transcript"),
}

# briefs, personas, rubrics and the price table (tests/test_bad_inputs_content.py)
CONTENT: dict[str, Case] = {
    # briefs: given to `briefs validate`, and put in MOCKLOOP_HOME/briefs where every command
    # that reads briefs stops on them
    "brief-empty": brief_file("empty.yaml", "file is empty"),
    "brief-binary": brief_file("binary.yaml", "not valid UTF-8"),
    "brief-latin1": brief_file("latin1.yaml", "not valid UTF-8"),
    "brief-invalid-yaml": brief_file("invalid-yaml.yaml", "invalid YAML at line 3"),
    "brief-not-a-mapping": brief_file("list-not-mapping.yaml", "expected a mapping"),
    "brief-missing-field": brief_file("missing-main-probe.yaml", "probe_areas.0.main_probe"),
    "brief-wrong-type": brief_file("weight-as-text.yaml", "probe_areas.1.weight"),
    "brief-unknown-dimension": brief_file("unknown-dimension.yaml", "probe_areas.2.dimension"),
    "brief-duplicate-area-ids": brief_file("duplicate-area-ids.yaml", "duplicate id"),
    "brief-unknown-key": brief_file("unknown-key.yaml", "colour: Extra inputs"),
    "brief-id-traversal": brief_file("id-traversal.yaml", "id: String should match pattern"),
    "brief-id-not-file-name": brief_file("id-not-file-name.yaml", "must match the file name"),
    "brief-id-too-long": brief_file("id-too-long.yaml", "id: String should have at most 64"),
    "brief-huge": Case(
        ("briefs", "validate", "{file}"), "larger than the 1 MB limit", "huge-brief.yaml"
    ),
    "user-brief-missing-field-stops-simulate": user_brief(
        "missing-main-probe.yaml", "probe_areas.0.main_probe"
    ),
    "user-brief-binary-stops-simulate": user_brief("binary.yaml", "not valid UTF-8"),
    "user-brief-id-traversal-stops-probes": user_brief(
        "id-traversal.yaml", "match pattern", "probes", "churn-analysis", "--out", "{out}/g.md"
    ),
    "user-brief-shadowing-a-shipped-id": user_brief(
        "id-not-file-name.yaml", "must match the file name", "briefs", "list"
    ),
    # personas in MOCKLOOP_HOME/personas
    "persona-missing-fields": persona("candidate-missing-fields.yaml", "Field required"),
    "persona-unknown-dimension": persona("candidate-unknown-dimension.yaml", "charisma"),
    "persona-level-out-of-range": persona("candidate-level-out-of-range.yaml", "level must be 1-4"),
    "persona-levels-not-a-mapping": persona(
        "candidate-levels-not-a-mapping.yaml", "expected_levels"
    ),
    "persona-id-too-long": persona(
        "candidate-id-too-long.yaml", "id: String should have at most 64"
    ),
    "persona-interviewer-wrong-type": persona(
        "interviewer-hints-not-bool.yaml", "gives_hints", kind="interviewers"
    ),
    # rubrics: `rubrics validate FILE`, and in MOCKLOOP_HOME/rubrics (read by `score`)
    "rubric-empty": rubric("empty.yaml", "file is empty"),
    "rubric-duplicate-dimension-ids": rubric("duplicate-dimension-ids.yaml", "duplicate dimension"),
    "rubric-unknown-concept": rubric("unknown-concept.yaml", "unknown concept 'telepathy'"),
    "rubric-negative-weight": rubric("negative-weight.yaml", "dimensions.0.weight"),
    "rubric-missing-anchor": rubric("missing-anchor.yaml", "dimensions.1.anchors.3"),
    "rubric-huge": Case(("rubrics", "validate", "{file}"), "larger than", "huge-rubric.yaml"),
    "user-rubric-shadowing-a-shipped-id": rubric(
        "shadows-shipped-id.yaml", "duplicate rubric id 'system-design'", user=True
    ),
    "user-rubric-unknown-concept-stops-score": rubric(
        "unknown-concept.yaml", "unknown concept", user=True
    ),
    # config: the user's price table override in MOCKLOOP_HOME/prices.yaml
    "prices-bad-date": prices("prices-bad-date.yaml", "prices.yaml: date"),
    "prices-unknown-field": prices("prices-unknown-field.yaml", "prices.yaml: models"),
    "prices-not-a-mapping": prices("prices-not-a-mapping.yaml", "expected a mapping"),
    "prices-negative-stops-simulate": prices(
        "prices-negative.yaml", "prices.yaml: models", *SIMULATE, "--engine", "claude"
    ),
}

# human ratings for `bench`, answers for `simulate` (tests/test_bad_inputs_ratings_and_answers.py)
RATINGS_AND_ANSWERS: dict[str, Case] = {
    # human ratings for the bench
    "ratings-empty": ratings("empty.csv", "empty file"),
    "ratings-wrong-header": ratings("wrong-header.csv", "the header must be"),
    "ratings-semicolons": ratings("semicolons.csv", "the header must be"),
    "ratings-level-out-of-range": ratings("level-out-of-range.csv", "line 2: level '7'"),
    "ratings-level-unknown-name": ratings("level-unknown-name.csv", "level 'excellent'"),
    "ratings-unknown-dimension": ratings("unknown-dimension.csv", "unknown dimension 'charisma'"),
    "ratings-unknown-transcript": ratings("unknown-transcript.csv", "'round-99'"),
    "ratings-transcript-traversal": ratings("transcript-traversal.csv", "not on the bench"),
    "ratings-duplicate-rating": ratings("duplicate-rating.csv", "already rated"),
    "ratings-latin1": ratings("latin1.csv", "not valid UTF-8"),
    "ratings-binary": ratings("binary.csv", "binary.csv"),
    "ratings-empty-rater": ratings("empty-rater.csv", "the rater column is empty"),
    "ratings-extra-field": ratings("extra-field.csv", "expected 4 fields, got 5"),
    "ratings-huge": Case(
        ("bench", "{samples}", "--human", "{file}", *BENCH_OUT),
        "huge-ratings.csv",
        "huge-ratings.csv",
    ),
    # answers files for `simulate --answers`
    "answers-empty": answers("answers/empty.txt", "has no answers"),
    "answers-blank-lines-only": answers("answers/blank-lines-only.txt", "has no answers"),
    "answers-binary": answers("answers/binary.txt", "not valid UTF-8"),
    "answers-latin1": answers("answers/latin1.txt", "not valid UTF-8"),
    "answers-huge": answers("huge-answers.txt", "larger than the 1 MB limit"),
}

# ids and paths (tests/test_bad_inputs_paths.py)
PATHS: dict[str, Case] = {
    "briefs-new-id-traversal": Case(("briefs", "new", "../../x"), "invalid brief id '../../x'"),
    "briefs-new-id-with-slash": Case(("briefs", "new", "my/brief"), "invalid brief id"),
    "briefs-new-shipped-id": Case(("briefs", "new", "churn-analysis"), "is taken"),
    "briefs-new-out-in-missing-folder": Case(
        ("briefs", "new", "my-brief", "--out", "{out}/missing/my-brief.yaml"), "does not exist"
    ),
    "briefs-new-out-named-otherwise": Case(
        ("briefs", "new", "my-brief", "--out", "{out}/../../other.yaml"), "use my-brief.yaml"
    ),
    "export-session-traversal": Case(
        ("transcripts", "export", "../../etc/passwd"), "no session matches"
    ),
    "export-out-in-missing-folder": Case(
        ("transcripts", "export", "{session}", "--out", "{out}/missing/round.md"), "does not exist"
    ),
    "export-out-is-a-folder": Case(
        ("transcripts", "export", "{session}", "--out", "{out}"), "is a directory"
    ),
    "show-session-traversal": Case(("transcripts", "show", "../{session}"), "no session matches"),
    "resume-session-traversal": Case(("resume", "../../x"), "no session matches"),
    "simulate-brief-traversal": Case(
        ("simulate", "--brief", "../../etc/passwd", "--candidate", "strong-shipper"),
        "unknown brief '../../etc/passwd'",
    ),
    "simulate-candidate-traversal": Case(
        ("simulate", "--brief", "churn-analysis", "--candidate", "../strong-shipper"),
        "unknown candidate persona",
    ),
    "simulate-interviewer-traversal": Case(
        (*SIMULATE, "--interviewer", "../neutral"), "unknown interviewer"
    ),
    "score-rubric-traversal": Case(
        ("score", "{sample}", "--rubric", "../system-design"), "unknown rubric"
    ),
    "probes-brief-traversal": Case(("probes", "../churn-analysis"), "unknown brief"),
    "probes-out-in-missing-folder": Case(
        ("probes", "churn-analysis", "--out", "{out}/missing/guide.md"), "does not exist"
    ),
    "bench-report-in-missing-folder": Case(
        ("bench", "--synthetic", "3", "--report", "{out}/missing/r.html"), "does not exist"
    ),
    "bench-json-is-a-folder": Case(("bench", "--synthetic", "3", "--json", "{out}"), "is a folder"),
    "bench-unknown-rater": Case(("bench", "{samples}", "--rater", "gpt:../x"), "unknown rater"),
    "bench-unknown-gate": Case(
        ("bench", "{samples}", "--fail-under", "charisma=1"), "unknown metric 'charisma'"
    ),
}


# --- special files and broken homes ------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """Somewhere mockloop reads a file a user gives it: the command ({file} is where it is
    named), the file's name, its size limit, and `folder` when it is found under MOCKLOOP_HOME
    instead of named ("" for the home itself)."""

    args: tuple[str, ...]
    name: str
    limit: int
    folder: str | None = None
    api: bool = False
    folder_ok: bool = False  # a folder is a legitimate input (bench reads every file in it)

    @property
    def place(self) -> str | None:
        return None if self.folder is None else str(Path(self.folder) / self.name)


INPUTS: dict[str, Input] = {
    "transcript-for-score": Input(("score", "{file}"), "call.json", TRANSCRIPT_LIMIT),
    "transcript-for-bench": Input(
        ("bench", "{file}", "--perturb", "0", "--no-save"),
        "call.vtt",
        TRANSCRIPT_LIMIT,
        folder_ok=True,
    ),
    "answers": Input(
        ("simulate", "--brief", "churn-analysis", "--answers", "{file}"),
        "answers.txt",
        ANSWERS_LIMIT,
    ),
    "brief-to-validate": Input(("briefs", "validate", "{file}"), "my-brief.yaml", CONTENT_LIMIT),
    "brief-in-home": Input(SIMULATE, "my-brief.yaml", CONTENT_LIMIT, folder="briefs"),
    "persona-in-home": Input(
        SIMULATE, "my-persona.yaml", CONTENT_LIMIT, folder="personas/candidates"
    ),
    "rubric-to-validate": Input(("rubrics", "validate", "{file}"), "my-rubric.yaml", CONTENT_LIMIT),
    "rubric-in-home": Input(("score", "{sample}"), "my-rubric.yaml", CONTENT_LIMIT, "rubrics"),
    "ratings": Input(
        ("bench", "{samples}", "--human", "{file}", "--perturb", "0", "--no-save"),
        "ratings.csv",
        CSV_LIMIT,
    ),
    "notes-to-draft": Input(("briefs", "draft", "{file}"), "notes.md", NOTES_LIMIT, api=True),
    "price-table-in-home": Input(
        ("score", "{sample}", "--engine", "claude", "--samples", "1"),
        "prices.yaml",
        CONTENT_LIMIT,
        folder="",
        api=True,
    ),
}


def special_input(name: str, made_as: MadeAs, expected: str) -> Case:
    given = INPUTS[name]
    return Case(
        given.args,
        expected,
        given.name,
        given.place,
        api=given.api,
        made_as=made_as,
        child=True,
    )


def broken_home(home: BrokenHome, expected: str) -> Case:
    return Case(("history",), expected, home=home)


# named pipes, /dev/zero and broken homes (once separate tests: one table runs them all)
SPECIAL: dict[str, Case] = {
    **{
        f"{name}-named-pipe": special_input(name, "named-pipe", "{file}: is a named pipe, not a")
        for name in INPUTS
    },
    **{
        f"{name}-link-to-dev-zero": special_input(
            name, "link-to-dev-zero", "{file}: links to /dev/zero, which is a device, not a"
        )
        for name in INPUTS
    },
    "briefs-validate-dev-zero": Case(
        ("briefs", "validate", "/dev/zero"), "/dev/zero: is a device, not a", child=True
    ),
    "answers-dev-zero": Case(
        ("simulate", "--brief", "churn-analysis", "--answers", "/dev/zero"),
        "/dev/zero: is a device, not a",
        child=True,
    ),
    "briefs-draft-dev-zero": Case(
        ("briefs", "draft", "/dev/zero"), "/dev/zero: is a device, not a", api=True, child=True
    ),
    "home-is-a-file": broken_home(
        "file", "{home}: mockloop's folder is a file, not a folder; point MOCKLOOP_HOME at"
    ),
    "home-is-a-dangling-link": broken_home(
        "dangling-link",
        "{home}: mockloop's folder is a link to {tmp}/gone, which does not exist; "
        "create that folder",
    ),
    "home-is-a-device": broken_home("device", "/dev/null: mockloop's folder is a device"),
    "database-is-random-bytes": broken_home(
        "junk-database",
        "{home}/mockloop.db: mockloop's database is not a SQLite database; move it aside",
    ),
}

# --- names too long: an id over the one limit every kind of id shares, and a path the file
# system cannot take (a name over 255 bytes, a path over 4,096) ------------------------------

NAME_TOO_LONG = "the name is too long for the file system"


def long_id(kind: str, *args: str, api: bool = False) -> Case:
    return Case(args, f"{kind} id 'aaaaaaaaaaaaaaaaaaaa…' is 300 characters long", api=api)


LONG_NAMES: dict[str, Case] = {
    # ids: the ones that name a file, and the ones that are looked up
    "briefs-new-id-too-long": long_id("brief", "briefs", "new", "{long}"),
    "briefs-new-id-one-over-the-limit": Case(
        ("briefs", "new", "b" * 65), "is 65 characters long; an id has at most 64"
    ),
    "briefs-new-out-named-after-a-long-id": long_id(
        "brief", "briefs", "new", "--out", "{out}/{long}.yaml"
    ),
    "briefs-draft-id-too-long": long_id(
        "brief", "briefs", "draft", "{sample}", "--id", "{long}", api=True
    ),
    "briefs-show-id-too-long": long_id("brief", "briefs", "show", "{long}"),
    "probes-brief-id-too-long": long_id("brief", "probes", "{long}", "--out", "{out}/g.md"),
    "simulate-brief-id-too-long": long_id(
        "brief", "simulate", "--brief", "{long}", "--candidate", "strong-shipper"
    ),
    "simulate-candidate-id-too-long": long_id(
        "candidate persona", "simulate", "--brief", "churn-analysis", "--candidate", "{long}"
    ),
    "simulate-interviewer-id-too-long": long_id(
        "interviewer", *SIMULATE, "--interviewer", "{long}"
    ),
    "practice-brief-id-too-long": long_id("brief", "practice", "--brief", "{long}"),
    "score-rubric-id-too-long": long_id("rubric", "score", "{sample}", "--rubric", "{long}"),
    "rubrics-show-id-too-long": long_id("rubric", "rubrics", "show", "{long}"),
    "transcripts-show-session-too-long": long_id("session", "transcripts", "show", "{long}"),
    "transcripts-export-session-too-long": long_id(
        "session", "transcripts", "export", "{long}", "--out", "{out}/round.md"
    ),
    "resume-session-too-long": long_id("session", "resume", "{long}"),
    # paths the user names, to read
    "score-file-name-too-long": Case(("score", "{out}/{long}.json"), "File name too long"),
    "score-path-too-long": Case(("score", "{out}/{deep}call.json"), "File name too long"),
    "bench-folder-name-too-long": Case(
        ("bench", "{out}/{long}", *BENCH_OUT), f"{{out}}/{{long}}: {NAME_TOO_LONG}"
    ),
    "bench-file-in-a-folder-named-too-long": Case(
        ("bench", "{out}/{long}/call.vtt", *BENCH_OUT), NAME_TOO_LONG
    ),
    "bench-human-ratings-name-too-long": Case(
        ("bench", "{samples}", "--human", "{out}/{long}.csv", *BENCH_OUT), "File name too long"
    ),
    "answers-name-too-long": Case(
        ("simulate", "--brief", "churn-analysis", "--answers", "{out}/{long}.txt"),
        "File name too long",
    ),
    "briefs-validate-name-too-long": Case(
        ("briefs", "validate", "{out}/{long}.yaml"), "File name too long"
    ),
    "rubrics-validate-name-too-long": Case(
        ("rubrics", "validate", "{out}/{long}.yaml"), "File name too long"
    ),
    "briefs-draft-notes-name-too-long": Case(
        ("briefs", "draft", "{out}/{long}.md"), "File name too long", api=True
    ),
    "simulate-briefs-dir-name-too-long": Case(
        (*SIMULATE, "--briefs-dir", "{out}/{long}"), f"{{out}}/{{long}}: {NAME_TOO_LONG}"
    ),
    # paths the user names, to write
    "briefs-new-out-in-a-folder-named-too-long": Case(
        ("briefs", "new", "my-brief", "--out", "{out}/{long}/my-brief.yaml"), NAME_TOO_LONG
    ),
    "export-out-name-too-long": Case(
        ("transcripts", "export", "{session}", "--out", "{out}/{long}.md"), "File name too long"
    ),
    "probes-out-name-too-long": Case(
        ("probes", "churn-analysis", "--out", "{out}/{long}.md"), "File name too long"
    ),
    "bench-json-name-too-long": Case(
        ("bench", "--synthetic", "3", "--json", "{out}/{long}.json"), "File name too long"
    ),
    "bench-report-path-too-long": Case(
        ("bench", "--synthetic", "3", "--report", "{out}/{deep}r.html"), "File name too long"
    ),
    # mockloop's own folder
    "home-name-too-long": Case(
        ("history",), f"{{home}}: {NAME_TOO_LONG}; point MOCKLOOP_HOME at", home="name-too-long"
    ),
}
CASES: dict[str, Case] = {
    **TRANSCRIPTS,
    **CONTENT,
    **RATINGS_AND_ANSWERS,
    **PATHS,
    **SPECIAL,
    **LONG_NAMES,
}
KNOWN_BUGS: dict[str, str] = {}  # case name -> the open product bug it shows


def params(cases: dict[str, Case]) -> list[Any]:
    """The case names, as parameters; a known bug's case is expected to fail."""
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
        if name in KNOWN_BUGS
        else name
        for name in cases
    ]
