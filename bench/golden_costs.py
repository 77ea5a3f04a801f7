"""Estimated cost of the golden cases at two revisions: the sums of the latency and resource
estimates that tests/golden/*.txt record (each case's report.json) and the number of outputs
whose proven bound meets its budget, so a change to planning or to the cost model can be
compared on every example and benchmark formula at once.

    python bench/golden_costs.py OLD_REV [NEW_REV]   # NEW_REV defaults to the work tree
"""

import argparse
import json
import re
import subprocess
from pathlib import Path

GOLDEN = "tests/golden"
FIGURES = ("lut", "ff", "dsp", "bram18", "lutram_bits", "latency_cycles")
REPORT = re.compile(r"==== report\.json\n(\{.*?\n\})\n", re.S)
"""A case's report.json: from its header to the closing brace at the start of a line."""


def golden_texts(revision: str | None) -> dict[str, str]:
    """Each golden case's text at `revision` (None: the files in the work tree)."""
    if revision is None:
        return {path.name: path.read_text() for path in sorted(Path(GOLDEN).glob("*.txt"))}
    listing = ["git", "ls-tree", "--name-only", revision, f"{GOLDEN}/"]
    names = subprocess.check_output(listing, text=True).split()
    return {
        Path(name).name: subprocess.check_output(["git", "show", f"{revision}:{name}"], text=True)
        for name in names
    }


def totals(texts: dict[str, str]) -> dict[str, int]:
    """The cost figures summed over the cases, and how many outputs meet their budget."""
    sums = dict.fromkeys([*FIGURES, "budgets_met"], 0)
    for text in texts.values():
        match = REPORT.search(text)
        assert match is not None, "a golden case without report.json"
        report = json.loads(match.group(1))
        for figure in FIGURES:
            sums[figure] += report["cost"][figure]
        sums["budgets_met"] += sum(
            output["error_bound"] <= output["output_error"] for output in report["outputs"]
        )
    return sums


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new", nargs="?")
    args = parser.parse_args()
    old_texts, new_texts = golden_texts(args.old), golden_texts(args.new)
    old, new = totals(old_texts), totals(new_texts)
    print(f"{len(old_texts)} cases at {args.old}, {len(new_texts)} at {args.new or 'work tree'}")
    for figure in old:
        change = (new[figure] - old[figure]) / old[figure] if old[figure] else 0.0
        print(f"  {figure:15} {old[figure]:>10,} {new[figure]:>10,} {change:+7.1%}")


if __name__ == "__main__":
    main()
