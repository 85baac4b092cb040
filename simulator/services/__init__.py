"""The feature layer: what the CLI (`simulator.cli`) and the app (`simulator.tui`) both do.

Finding a rubric, scoring a transcript or a finished session, making a judge, ending a round.
Services raise typed errors and never exit or print: the CLI turns an error into one line and
an exit code (`simulator.cli.errors`), the app into a notice.
"""
