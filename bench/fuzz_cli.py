"""Fuzz the `srcc` command at scale: the cases of tests/test_fuzz_cli.py, many more of them.

    python bench/fuzz_cli.py --count 5000 [--wild]

Draws random argument vectors (the real flags with random and garbage values), random
expressions with random ranges and precisions, and mutated halls of fame; runs each
in-process in a fresh directory and checks the property (exit code 0 or 1, no traceback,
nothing touched outside the output directory, within the time limit). Prints how many
cases ran, how many compiled or were refused, the commonest refusals, the time taken and
every case that broke the property. `--wild` draws beyond the test's grammar (which already
has any function of anything, ranges to 1e6, tiny and empty ranges): larger expressions,
powers of anything to anything, and ranges to 1e300 (srcc's width limits).
"""

import argparse
import collections
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_fuzz_cli import cases, check_case, wild_cases  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="cases to run")
    parser.add_argument(
        "--wild", action="store_true", help="larger expressions, any powers, ranges to 1e300"
    )
    args = parser.parse_args()
    codes: collections.Counter[int] = collections.Counter()
    refusals: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    start = time.perf_counter()

    @settings(
        max_examples=args.count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(wild_cases if args.wild else cases)
    def run(case: tuple[list[str], bytes]) -> None:
        try:
            code, error = check_case(*case)
        except Exception:  # a broken property is recorded, and the run goes on
            codes[-1] += 1
            failures.append(f"{case[0]!r}\n{traceback.format_exc(limit=-4)}")
        else:
            codes[code] += 1
            refusals[error[:60]] += bool(error)
        done = sum(codes.values())
        if done % 500 == 0:
            print(f"  {done} cases, {len(failures)} broke the property", flush=True)

    run()
    elapsed = time.perf_counter() - start
    total = sum(codes.values())
    print(
        f"ran {total} cases in {elapsed:.0f} s ({total / elapsed:.1f} per s): {codes[0]} exit 0, "
        f"{codes[1]} exit 1, {len(failures)} broke the property"
    )
    print("commonest refusals (first 60 characters):")
    for error, count in refusals.most_common(15):
        print(f"  {count:5}  {error}")
    for failure in failures:
        print("  " + failure)


if __name__ == "__main__":
    main()
