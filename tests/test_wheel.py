"""The wheel ships everything: installed from a built wheel into a fresh virtual environment,
`mockloop` finds its briefs, personas, rubrics and vocabulary and runs a round."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_built_wheel_runs_from_a_fresh_virtual_environment(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    wheel = next(dist.glob("mockloop-*.whl"))
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)  # this environment's pip installs into it (no ensurepip)
    python = fresh / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    # The dependencies come from this environment; mockloop itself only from the wheel.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(site.getsitepackages()),
        "MOCKLOOP_HOME": str(tmp_path / "home"),
    }
    show = "import simulator, scoring; print(simulator.__file__, scoring.__file__)"
    where = subprocess.run(
        [str(python), "-c", show],
        cwd=tmp_path, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert str(REPO) not in where and str(fresh) in where

    mockloop = str(fresh / "bin" / "mockloop")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [mockloop, *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    briefs = run("briefs", "list")
    assert briefs.returncode == 0, briefs.stderr
    assert "churn-analysis" in briefs.stdout and "ticket-triage" in briefs.stdout
    rubrics = run("rubrics", "list")
    assert rubrics.returncode == 0 and "system-design" in rubrics.stdout
    round_ = run("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")
    assert round_.returncode == 0, round_.stderr
    assert "Scorecard" in round_.stdout and "covered" in round_.stdout
