"""Run every benchmark script and print one table of figures against their targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    rows: list[dict[str, object]] = []
    for script in sorted(HERE.glob("*.py")):
        if script.name.startswith("_") or script.name == "run_all.py":
            continue
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        if done.returncode != 0:
            rows.append(
                {
                    "figure": f"{script.name} FAILED",
                    "value": done.stderr.strip()[-200:],
                    "target": None,
                }
            )
            continue
        rows.extend(json.loads(line) for line in done.stdout.splitlines() if line.startswith("{"))
    missed = 0
    print(f"{'figure':<52} {'value':>10} {'target':>8}  ")
    for row in rows:
        target = row.get("target")
        value = row["value"]
        # A target is a ceiling unless the figure says higher is better (e.g. a cache-hit share).
        higher = bool(row.get("higher_is_better"))
        met = isinstance(value, (int, float)) and (value >= target if higher else value <= target)
        ok = "" if target is None else ("ok" if met else "MISSED")
        missed += ok == "MISSED"
        print(f"{row['figure']:<52} {value!s:>10} {'' if target is None else target:>8}  {ok}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
