"""One practice app, as textual-serve runs it for a browser tab: its screen goes to the page
through Textual's web driver (chosen by textual-serve through TEXTUAL_DRIVER), so there is no
terminal to check for, unlike `mockloop practice`."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m simulator.web.app_process")
    parser.add_argument("--engine", default="auto", choices=["auto", "offline", "claude"])
    parser.add_argument("--briefs-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    from simulator.tui.app import MockloopApp
    from simulator.tui.options import PracticeOptions
    from simulator.workspace import Workspace

    options = PracticeOptions(engine=args.engine)
    MockloopApp(options, workspace=Workspace(args.briefs_dir)).run()


if __name__ == "__main__":
    main()
