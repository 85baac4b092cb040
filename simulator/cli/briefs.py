"""`mockloop briefs list|show|validate|new`."""

from __future__ import annotations

from pathlib import Path

import click

from simulator.cli.options import DASH_IS_STDOUT, briefs_dir_option
from simulator.cli.show import show

# Notes become one prompt: a few pages is plenty, and every byte is paid for.
MAX_NOTES_BYTES = 256 * 1024
TEMPLATE_PATH = Path(__file__).resolve().parent.parent / "content" / "brief_template.yaml"


@click.group()
def briefs() -> None:
    """List, show, validate and create product briefs."""


@briefs.command("list")
@briefs_dir_option
def list_briefs(briefs_dir: Path | None) -> None:
    """List the briefs you can practise on."""
    from simulator.content.loader import load_library

    library = load_library(briefs_dir)
    for brief in library.briefs.values():
        show(f"{brief.id:<28} {brief.title}")
        show(f"{'':<28} {brief.summary}")


@briefs.command("show")
@click.argument("brief_id")
@click.option(
    "--all", "show_all", is_flag=True, help="Also show hidden facts and strong-answer notes."
)
@briefs_dir_option
def show_brief(brief_id: str, show_all: bool, briefs_dir: Path | None) -> None:
    """Show a brief as the candidate reads it (--all: as the interviewer sees it)."""
    from simulator.content.loader import load_library

    brief = load_library(briefs_dir).brief(brief_id)
    show(brief.title, bold=True)
    show(brief.brief.strip())
    show("\nConstraints:")
    for constraint in brief.constraints:
        show(f"  - {constraint}")
    show("\nProbe areas:")
    for n, area in enumerate(brief.probe_areas, start=1):
        show(f"  {n}. {area.title} ({area.dimension}): {area.main_probe}")
    if not show_all:
        return
    show("\nHidden facts (revealed when asked):")
    for fact in brief.facts:
        show(f"  - {fact.id}: {fact.answer}")
    show("\nSlots the interviewer listens for (most important first):")
    show(f"  design: {', '.join(brief.design_slots)}")
    for area in brief.probe_areas:
        show(f"  {area.id}: {', '.join(area.slots)}")
    show("\nCurveballs:")
    for curveball in brief.curveballs:
        show(f"  - {curveball.text} (slots: {', '.join(curveball.slots)})")
    show("\nA strong answer covers:")
    for note in brief.strong_answer_notes:
        show(f"  - {note}")


@briefs.command("slots")
def list_slots() -> None:
    """The slots a brief's areas can name: what a complete answer fills, in plain words."""
    from scoring.reading.catalogue import slot_catalogue

    slots = slot_catalogue().slots
    for dimension in dict.fromkeys(s.dimension for s in slots):
        show(f"\n{dimension}", bold=True)
        for slot in (s for s in slots if s.dimension == dimension):
            show(f"  {slot.id:<22} {' '.join(slot.means.split())}")


@briefs.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@briefs_dir_option
def validate_briefs(files: tuple[Path, ...], briefs_dir: Path | None) -> None:
    """Check brief files (default: every brief mockloop can find). Exit 2 on the first error."""
    from scoring.content import ContentError, load_model
    from simulator.content.loader import load_library
    from simulator.content.models import Brief

    if files:
        for path in files:
            brief = load_model(path, Brief)
            if path.stem != brief.id:
                raise ContentError(f"{path}: id: brief id {brief.id!r} must match the file name")
            show(f"ok  {path} ({brief.id})")
        return
    library = load_library(briefs_dir)
    for brief_id, path in library.brief_files.items():
        show(f"ok  {path} ({brief_id})")


@briefs.command("new")
@click.argument("brief_id", required=False)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Where to write the template (default: MOCKLOOP_HOME/briefs/ID.yaml; {DASH_IS_STDOUT}).",
)
def new_brief(brief_id: str | None, out: Path | None) -> None:
    """Write a commented template for your own brief; fill it in, then `briefs validate` it.

    Refuses to overwrite a file and to reuse the id of a brief mockloop already has.
    """
    from scoring.ids import check_new_id
    from simulator.cli.errors import fail
    from simulator.cli.output import is_stdout, write_text_file
    from simulator.content.loader import brief_folders
    from simulator.paths import user_dir

    if brief_id is None:
        if out is None or is_stdout(out):
            fail("give the new brief's id, e.g. `mockloop briefs new my-brief`")
        brief_id = out.stem
    check_new_id(brief_id, "brief")  # before the id names a file
    if out is not None and out.is_dir():
        fail(f"{out}: is a folder; give a file name such as {out / (brief_id + '.yaml')}")
    if out is None:
        out = user_dir("briefs") / f"{brief_id}.yaml"
        out.parent.mkdir(parents=True, exist_ok=True)
    elif not is_stdout(out) and (out.suffix not in (".yaml", ".yml") or out.stem != brief_id):
        fail(f"{out}: a brief's file is named after its id: use {brief_id}.yaml")
    # A user's brief replaces a shipped one with the same id: a blank template must not.
    for folder in brief_folders():
        for existing in (folder / f"{brief_id}.yaml", folder / f"{brief_id}.yml"):
            if existing.exists():
                fail(f"brief id {brief_id!r} is taken ({existing}); choose another id")
    shown = f"{brief_id}.yaml" if is_stdout(out) else str(out)
    template = TEMPLATE_PATH.read_text(encoding="utf-8")
    text = template.replace("__BRIEF_PATH__", shown).replace("__BRIEF_ID__", brief_id)
    write_text_file(out, text, overwrite=False)
    if is_stdout(out):
        return  # standard output carries the template alone
    show(f"wrote {out}")
    show(
        "Fill in every ~ placeholder (the comments explain each field), then check it with "
        f"`mockloop briefs validate {out}`."
    )


@briefs.command("draft")
@click.argument("notes", type=click.Path(path_type=Path))
@click.option("--id", "brief_id", default=None, help="The id for the drafted brief.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=f"Where to write the draft (default: MOCKLOOP_HOME/drafts/ID.yaml; {DASH_IS_STDOUT}).",
)
@click.option("--model", default=None, help="Claude model (default: MOCKLOOP_MODEL or Haiku).")
def draft_brief_cmd(notes: Path, brief_id: str | None, out: Path | None, model: str | None) -> None:
    """Turn free-form notes into a brief YAML for you to review (needs ANTHROPIC_API_KEY)."""
    from scoring.ids import check_new_id
    from simulator.cli.errors import fail
    from simulator.cli.output import is_stdout, write_text_file
    from simulator.content.loader import load_library
    from simulator.engines.api_key import has_api_key
    from simulator.engines.select import claude_wanted
    from simulator.paths import home

    if not has_api_key():
        fail("briefs draft uses Claude: set ANTHROPIC_API_KEY (or write a brief from `briefs new`)")
    claude_wanted("claude")  # a malformed key: one line, exit 2
    if brief_id is not None:
        check_new_id(brief_id, "brief")
    text = _read_notes(notes)
    from simulator.engines.claude.brief_draft import DraftError, draft_brief
    from simulator.engines.claude.client import ClaudeClient
    from simulator.engines.claude.settings import ClaudeSettings

    client = ClaudeClient(ClaudeSettings.from_env(model=model))
    try:
        draft = draft_brief(client, text, brief_id=brief_id, source=notes.name)
    except DraftError as exc:
        fail(f"{notes}: {exc}")
    if draft.brief.id in load_library().briefs and out is None:
        fail(f"a brief with id {draft.brief.id!r} exists already; pass --id NEW-ID")
    target = out or home() / "drafts" / f"{draft.brief.id}.yaml"
    if not is_stdout(target):
        target.parent.mkdir(parents=True, exist_ok=True)
    write_text_file(target, draft.yaml_text, overwrite=False)
    cost = draft.record.dollars
    aside = is_stdout(target)  # standard output carries the draft alone
    if not aside:
        show(f"wrote {target} (a draft: review it, then `mockloop briefs validate {target}`)")
    show(
        f"{draft.record.input_tokens} input + {draft.record.output_tokens} output tokens"
        + (f", ${cost:.4f}" if cost is not None else ""),
        err=aside,
    )


def _read_notes(path: Path) -> str:
    from scoring.input_files import InputFileError, read_input
    from simulator.cli.errors import fail

    try:
        raw = read_input(path, limit=MAX_NOTES_BYTES, kind="notes file")
    except InputFileError as exc:
        fail(str(exc))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{path}: not valid UTF-8 text")
    if not text.strip():
        fail(f"{path}: the notes are empty")
    return text
