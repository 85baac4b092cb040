"""The bad-input table's cases by kind of input: (command, input file, expected message
fragment). The files live in tests/data/bad/; files over a size limit are made at test time
(HUGE); the special inputs (named pipes, /dev/zero, broken homes, names too long) are in
tests/bad_input_special.py, and the whole table is tests/bad_input_table.py.
`check_bad_input` in tests/bad_input_helpers.py runs a case and checks what it did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
