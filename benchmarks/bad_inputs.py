"""Bad input, answered as it should be: the bad-input table (tests/bad_input_table.py), every
case a file, id, path or home a user gets wrong, run by its own test
(tests/test_bad_inputs.py) in a temporary home and counted. A case counts when the command
gave one line on stderr starting "mockloop:", exit code 2, no traceback, and wrote nothing;
a case marked as a known bug counts as not answered. Target: every case.

Also prints how many commands the table reaches ("briefs new", "score", ...), so a table that
grows in one corner only shows. The cases run in two pytest processes side by side, each
building its own home with something to lose; about 20 s on two cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bad_input_table import CASES

TEST = "tests/test_bad_inputs.py::test_bad_input_is_one_line_exit_2_and_writes_nothing"
GROUPS = {"briefs", "rubrics", "transcripts"}  # commands whose second word is the command
SHARDS = 2 if (os.cpu_count() or 1) >= 2 else 1
# pytest's exit codes when it ran the tests: all passed, or some failed.
RAN = (0, 1)


def command(args: tuple[str, ...]) -> str:
    """The command a case runs: "score", or "briefs new" for a group's command."""
    return " ".join(args[:2]) if args[0] in GROUPS else args[0]


def answered(report: Path) -> set[str]:
    """The case names whose test passed, from a pytest JUnit XML report."""
    passed: set[str] = set()
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("name", "")
        outcome = {child.tag for child in case} & {"failure", "error", "skipped"}
        if not outcome and name.endswith("]") and "[" in name:
            passed.add(name[name.index("[") + 1 : -1])
    return passed


def run(names: list[str], scratch: Path) -> set[str]:
    """Run the cases in SHARDS pytest processes at once; the names of those that passed."""
    shards = [names[n::SHARDS] for n in range(SHARDS)]
    env = {**os.environ, "MOCKLOOP_HOME": str(scratch / "home")}
    env.pop("ANTHROPIC_API_KEY", None)
    env.pop("ANTHROPIC_BASE_URL", None)
    started = []
    for n, shard in enumerate(shards):
        report = scratch / f"shard-{n}.xml"
        args = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
            f"--basetemp={scratch / f'tmp-{n}'}", f"--junitxml={report}",
            *(f"{TEST}[{name}]" for name in shard),
        ]  # fmt: skip
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        started.append((process, report))
    passed: set[str] = set()
    for process, report in started:
        _, err = process.communicate()
        if process.returncode not in RAN or not report.exists():
            last = (err.strip().splitlines() or [f"exit code {process.returncode}"])[-1]
            sys.exit(f"pytest did not run the bad-input table: {last}")
        passed |= answered(report)
    return passed


def main() -> None:
    names = list(CASES)
    with tempfile.TemporaryDirectory(prefix="mockloop-bench-") as scratch:
        passed = run(names, Path(scratch))
    print(json.dumps({"figure": "bad-input cases answered in one line, exit 2, nothing written",
                      "value": len(passed & set(names)), "target": len(names),
                      "higher_is_better": True}))  # fmt: skip
    reached = {command(case.args) for case in CASES.values()}
    print(json.dumps({"figure": "commands the bad-input table reaches", "value": len(reached)}))


if __name__ == "__main__":
    main()
