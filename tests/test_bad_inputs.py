"""Bad input, everywhere a user can hand mockloop a file, an id or a path.

One table: (command, input file, expected message fragment), in tests/bad_input_cases.py. The
files live in tests/data/bad/ (transcripts in every format, briefs, personas, rubrics, human
ratings for the bench, a price table override, answers files); files over a size limit are
generated at test time. Every case must give exactly one line on stderr starting with
"mockloop: ", exit code 2, no traceback, nothing on stdout, and no partial write: the database
rows are unchanged, no output file appears, no `*.part` file is left behind, and no model call
is made. The cases run in tests/test_bad_inputs_transcripts.py, test_bad_inputs_content.py,
test_bad_inputs_ratings_and_answers.py and test_bad_inputs_paths.py; this file checks the
corpus.
"""

from __future__ import annotations

from tests.bad_input_cases import BAD, CASES, HUGE


def test_the_corpus_has_a_file_for_every_kind_of_input() -> None:
    corpus = [p for p in BAD.rglob("*") if p.is_file()]
    kinds = {p.relative_to(BAD).parts[0] for p in corpus}
    assert len(corpus) >= 30
    assert kinds == {"transcripts", "briefs", "personas", "rubrics", "ratings", "config", "answers"}
    suffixes = {p.suffix for p in (BAD / "transcripts").rglob("*") if p.is_file()}
    assert {".json", ".md", ".txt", ".vtt"} <= suffixes
    used = {c.file for c in CASES.values() if c.file and c.file not in HUGE}
    unused = [
        str(p.relative_to(BAD))
        for p in corpus
        if str(p.relative_to(BAD)) not in used and p.parent.name != "same-id"
    ]
    assert unused == [], "every corpus file is in the table"
