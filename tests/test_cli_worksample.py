"""`mockloop worksample list|show|export|grade`, run through click's CliRunner on the group:
the three shipped tasks, the candidate's copy (never the broken prompt or the recorded
outputs), grading from a file, and one line with exit 2 for every user mistake."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from simulator.cli.worksample import worksample
from simulator.files import WriteError
from simulator.services.worksamples import list_work_samples, work_sample

TASKS = ("event-log-email-summary", "support-email-extraction", "ticket-triage")
NOTES = Path(__file__).parent / "data" / "worksample-grade" / "notes"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(worksample, [str(a) for a in args])


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mockloop: ")
    return lines[0]


def recorded(task_id: str, version: str, tmp_path: Path) -> Path:
    """A prompt's recorded outputs as a candidate's outputs file."""
    sample = work_sample(task_id)
    path = tmp_path / f"{task_id}-{version}.jsonl"
    rows = (json.dumps({"id": i, "output": o}) for i, o in sample.outputs[version].items())
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# --- list and show -------------------------------------------------------------------------


def test_list_shows_the_three_tasks_with_their_items_per_label() -> None:
    result = run("list")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list(TASKS)
    assert [line.split()[1] for line in lines] == ["summary", "extraction", "triage"]
    assert all("positive" in line and "edge" in line and "adversarial" in line for line in lines)


def test_each_shipped_dataset_has_at_least_40_labelled_items() -> None:
    entries = {e.task_id: e for e in list_work_samples()}

    assert set(TASKS) <= set(entries)
    for task_id in TASKS:
        sample = entries[task_id].sample
        assert sample is not None, entries[task_id].problem
        assert len(sample.items) >= 40
        assert {item.label for item in sample.items} == {"positive", "edge", "adversarial"}


def test_a_users_broken_work_sample_is_listed_with_its_problem(isolated_home: Path) -> None:
    folder = isolated_home / "worksamples" / "my-task"
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text("id: my-task\n", encoding="utf-8")

    result = run("list")

    assert result.exit_code == 0
    assert any(
        line.startswith("my-task") and "cannot be read" in line
        for line in result.output.splitlines()
    )


def test_show_prints_the_task_its_format_categories_counts_and_datasheet() -> None:
    result = run("show", "ticket-triage")

    assert result.exit_code == 0, result.output
    sample = work_sample("ticket-triage")
    for category in sample.task.categories:
        assert f"  - {category}" in result.output
    assert "Output: Only a JSON object" in result.output
    assert "Items: 42 (24 positive, 10 edge, 8 adversarial)" in result.output
    assert "Datasheet: This is the stage-1 work sample for triage." in result.output
    assert "broken" not in result.output.split("Datasheet:")[0].lower()


def test_show_lists_an_extractions_fields() -> None:
    result = run("show", "support-email-extraction")

    assert "order_date (date, may be null): The date the order was placed" in result.output
    assert "requested_actions (list): " in result.output


@pytest.mark.parametrize("version", ["good", "broken"])
def test_show_prompt_prints_that_prompt(version: str) -> None:
    result = run("show", "ticket-triage", "--prompt", version)

    assert result.exit_code == 0
    assert result.output.strip() == work_sample("ticket-triage").prompts[version].strip()


def test_an_unknown_task_is_one_line_that_lists_the_tasks() -> None:
    line = one_line_error(run("show", "ticket-triag"))

    assert "unknown work-sample task 'ticket-triag'" in line
    assert "ticket-triage" in line


# --- export --------------------------------------------------------------------------------


def test_export_writes_the_candidates_copy_only(tmp_path: Path) -> None:
    out = tmp_path / "candidate"

    result = run("export", "support-email-extraction", "--out", out)

    assert result.exit_code == 0, result.output
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == ["README.md", "dataset.jsonl", "task.yaml"]
    sample = work_sample("support-email-extraction")
    rows = [json.loads(line) for line in (out / "dataset.jsonl").read_text().splitlines()]
    assert [set(row) for row in rows] == [{"id", "label", "input", "expected"}] * len(rows)
    assert [row["id"] for row in rows] == [item.id for item in sample.items]
    assert rows[0]["expected"] == sample.items[0].expected
    task = yaml.safe_load((out / "task.yaml").read_text())
    assert "broken" not in task
    assert [f["name"] for f in task["fields"]] == [f.name for f in sample.task.fields]
    readme = (out / "README.md").read_text()
    assert "mockloop worksample grade support-email-extraction outputs.jsonl" in readme
    everything = "".join(p.read_text() for p in out.rglob("*") if p.is_file())
    assert sample.task.broken.split(".")[0] not in everything
    assert sample.prompts["good"][:200] not in everything


def test_the_good_prompt_is_exported_only_on_request(tmp_path: Path) -> None:
    out = tmp_path / "candidate"

    result = run("export", "ticket-triage", "--out", out, "--with-good-prompt")

    assert result.exit_code == 0, result.output
    prompts = work_sample("ticket-triage").prompts
    assert (out / "prompts" / "good.md").read_text() == prompts["good"]
    assert not (out / "prompts" / "broken.md").exists()
    assert "prompts/good.md" in (out / "README.md").read_text()


def test_export_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    out = tmp_path / "candidate"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")

    line = one_line_error(run("export", "ticket-triage", "--out", out))

    assert "folder is not empty; use --force" in line
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_force_replaces_the_exported_files_and_leaves_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "candidate"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "dataset.jsonl").write_text("old", encoding="utf-8")

    result = run("export", "ticket-triage", "--out", out, "--force")

    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "dataset.jsonl").read_text().startswith('{"id": "tt-001"')
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md",
        "dataset.jsonl",
        "notes.txt",
        "task.yaml",
    ]


def test_export_into_a_file_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("x", encoding="utf-8")

    line = one_line_error(run("export", "ticket-triage", "--out", target))

    assert "is a file, not a folder" in line
    assert target.read_text() == "x"


def test_export_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "out.txt").write_text("x", encoding="utf-8")

    line = one_line_error(run("export", "ticket-triage", "--out", tmp_path / "out.txt" / "sub"))

    assert "cannot create it" in line


def test_export_to_a_folder_it_cannot_write_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(path: Path, text: str, *, overwrite: bool) -> None:
        raise WriteError(f"{path}: cannot write (Read-only file system)")

    monkeypatch.setattr("simulator.services.worksamples.write_output", read_only)

    line = one_line_error(run("export", "ticket-triage", "--out", tmp_path / "new"))

    assert "cannot write (Read-only file system)" in line


def test_export_of_an_unknown_task_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "candidate"

    one_line_error(run("export", "nope", "--out", out))

    assert not out.exists()


# --- grade ---------------------------------------------------------------------------------


def test_grade_shows_the_broken_triage_prompts_overconfidence(tmp_path: Path) -> None:
    result = run("grade", "ticket-triage", recorded("ticket-triage", "broken", tmp_path))

    assert result.exit_code == 0, result.output
    assert "42 items, 42 with a usable output; problems: none" in result.output
    assert "Overconfident: 6 of 6 wrong answers at >= 0.9 (100.0%)" in result.output
    assert "tt-009 (positive): Billing and invoices at 0.96, expected Bug report" in result.output
    for label in ("positive", "edge", "adversarial"):
        assert any(line.startswith(label) for line in result.output.splitlines())


@pytest.mark.parametrize("task_id", TASKS)
def test_grade_as_json_has_the_kinds_metrics_and_per_label(task_id: str, tmp_path: Path) -> None:
    result = run("grade", task_id, recorded(task_id, "good", tmp_path), "--format", "json")

    assert result.exit_code == 0, result.output
    graded = json.loads(result.output)
    kind = work_sample(task_id).task.kind
    assert graded[kind] is not None
    assert [g["label"] for g in graded["by_label"]] == ["positive", "edge", "adversarial"]
    assert graded["note"] is None


@pytest.mark.parametrize(
    ("task_id", "detail"),
    [
        ("support-email-extraction", "order_date: '24 February', expected '2025-02-24'"),
        ("ticket-triage", "Confusions (expected -> given):"),
        ("event-log-email-summary", "es-040 (adversarial): states forbidden confirms-discount"),
    ],
)
def test_grade_table_for_each_kind_names_the_failed_items(
    task_id: str, detail: str, tmp_path: Path
) -> None:
    result = run("grade", task_id, recorded(task_id, "broken", tmp_path))

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{task_id} (")
    assert detail in result.output


def test_grade_with_a_note_reports_its_levels_and_sentences(tmp_path: Path) -> None:
    outputs = recorded("ticket-triage", "good", tmp_path)

    table = run("grade", "ticket-triage", outputs, "--note", NOTES / "strong.md")
    as_json = run(
        "grade", "ticket-triage", outputs, "--note", NOTES / "strong.md", "--format", "json"
    )

    assert table.exit_code == 0, table.output
    assert "Failure-mode note (worksample-note" in table.output
    assert "Heuristic, offline" in table.output
    assert "Reached for evals: level 4" in table.output
    assert '"It still fails on tt-029 and tt-032."' in table.output
    note = json.loads(as_json.output)["note"]
    assert {d["id"]: d["level"] for d in note["dimensions"]}["evals"] == 4
    assert note["item_ids_mentioned"] == ["tt-029", "tt-032", "tt-036"]


def test_malformed_lines_are_graded_and_listed_not_refused(tmp_path: Path) -> None:
    outputs = recorded("ticket-triage", "good", tmp_path)
    lines = outputs.read_text().splitlines()
    lines[0] = '{"id": "tt-001", "output": "Billing and invoices, 0.97"}'
    lines[1] = "not json"
    lines.append(lines[2])
    outputs.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run("grade", "ticket-triage", outputs)

    assert result.exit_code == 0, result.output
    assert "1 line is not a JSON object" in result.output
    assert "1 malformed output" in result.output
    assert "1 id given twice" in result.output
    assert "1 item with no output" in result.output
    assert (
        "line 1, tt-001: malformed output (not JSON: Billing and invoices, 0.97)" in result.output
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.jsonl", "no such file"),
        (lambda tmp: tmp, "is a folder"),
        (lambda tmp: _bytes(tmp, b"\xff\xfe\x00bad"), "not UTF-8 text"),
    ],
    ids=["missing", "folder", "not-utf8"],
)
def test_an_outputs_file_that_cannot_be_read_is_one_line(
    tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]

    line = one_line_error(run("grade", "ticket-triage", path))

    assert message in line


def test_a_note_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    outputs = recorded("ticket-triage", "good", tmp_path)

    line = one_line_error(run("grade", "ticket-triage", outputs, "--note", tmp_path / "no.md"))

    assert "no.md: no such file" in line


def test_grade_of_an_unknown_task_is_one_line(tmp_path: Path) -> None:
    one_line_error(run("grade", "nope", tmp_path / "x.jsonl"))


def test_a_users_own_work_sample_is_graded_too(isolated_home: Path, tmp_path: Path) -> None:
    shipped = work_sample("ticket-triage").folder
    mine = isolated_home / "worksamples" / "my-triage"
    shutil.copytree(shipped, mine)
    task = (mine / "task.yaml").read_text().replace("id: ticket-triage", "id: my-triage")
    (mine / "task.yaml").write_text(task, encoding="utf-8")

    result = run("grade", "my-triage", recorded("ticket-triage", "good", tmp_path))

    assert result.exit_code == 0, result.output
    assert result.output.startswith("my-triage (triage)")


def _bytes(folder: Path, data: bytes) -> Path:
    path = folder / "outputs.jsonl"
    path.write_bytes(data)
    return path
