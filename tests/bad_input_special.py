"""The bad-input table's special inputs: a named pipe or a link to /dev/zero at every place a
user hands mockloop a file, a broken MOCKLOOP_HOME or database, and ids and paths too long
for the limit or the file system. The table itself is `CASES` in tests/bad_input_table.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.bad_input_cases import (
    ANSWERS_LIMIT,
    BENCH_OUT,
    CONTENT_LIMIT,
    CSV_LIMIT,
    NOTES_LIMIT,
    SIMULATE,
    TRANSCRIPT_LIMIT,
    BrokenHome,
    Case,
    MadeAs,
)

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
