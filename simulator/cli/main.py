"""`mockloop`: the entry point. Subcommands load lazily so `--help` stays fast."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

COMMANDS: dict[str, tuple[str, str]] = {
    "practice": ("simulator.cli.practice", "practice"),
    "resume": ("simulator.cli.practice", "resume"),
    "serve": ("simulator.cli.serve", "serve"),
    "simulate": ("simulator.cli.simulate", "simulate"),
    "score": ("simulator.cli.score", "score"),
    "probes": ("simulator.cli.probes", "probes"),
    "bench": ("simulator.cli.bench", "bench"),
    "rubrics": ("simulator.cli.score", "rubrics"),
    "history": ("simulator.cli.history", "history"),
    "briefs": ("simulator.cli.briefs", "briefs"),
    "transcripts": ("simulator.cli.transcripts", "transcripts"),
    "worksample": ("simulator.cli.worksample", "worksample"),
    "evaldesign": ("simulator.cli.evaldesign", "evaldesign"),
    "exercise": ("simulator.cli.exercise", "exercise"),
}
SUMMARIES = {
    "practice": "Practise a mock system-design round in the terminal.",
    "resume": "Continue an unfinished session at the same turn.",
    "serve": "Run the practice app in a browser tab (textual-serve, 127.0.0.1).",
    "simulate": "Run a whole simulated round and print the transcript.",
    "score": "Score transcript files against a rubric.",
    "probes": "Write an interviewer guide (probe script) for a brief.",
    "bench": "Measure a rubric's consistency across raters (agreement, bias, CI gate).",
    "rubrics": "List, show and validate rubrics.",
    "history": "List past sessions.",
    "briefs": "List, show, validate and create product briefs.",
    "transcripts": "List, show and export session transcripts.",
    "worksample": "Stage-1 work samples: list, show, export, grade outputs.",
    "evaldesign": "Stage 2: check that an eval catches the broken prompt.",
    "exercise": "Eval-design exercises done in the app: list, replay.",
}


# Commands that only read mockloop's store: they still read a store from a newer mockloop,
# after a one-line warning, where every other command refuses it (see store_access).
READ_ONLY_COMMANDS = frozenset({"history", "transcripts"})


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attr = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name in READ_ONLY_COMMANDS:
            from simulator.cli.show import show
            from simulator.store_access import only_reading

            ctx.with_resource(only_reading(lambda message: show(f"mockloop: {message}", err=True)))
        return name, command, rest

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES[name]) for name in COMMANDS])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mockloop")
def cli() -> None:
    """mockloop: practise and score system-design interviews for LLM application engineers.

    Runs offline by default; set ANTHROPIC_API_KEY to use Claude.
    """


def main(argv: list[str] | None = None) -> Any:
    from simulator.cli.errors import run_guarded

    return run_guarded(cli, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
