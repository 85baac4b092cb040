"""Where the user's mockloop folder is: MOCKLOOP_HOME, else the platform's data folder.

The one rule for both packages: the scorer reads the user's rubrics and vocabulary there, the
simulator keeps its store and content there (`simulator.paths`)."""

from __future__ import annotations

import os
from pathlib import Path


def user_home() -> Path:
    """The user's mockloop folder, whether or not it exists."""
    override = os.environ.get("MOCKLOOP_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mockloop", appauthor=False))
