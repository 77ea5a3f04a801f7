"""Fuzz the emulator against C simulation: thousands of random models, bit for bit.

    python bench/fuzz.py --count 2000 [--batch 50]

Draws random expressions x ranges x precision modes (the strategies of tests/
test_fuzz_csim.py), C-simulates each batch in one g++ build, and prints how many models
and vectors were checked and every mismatch found.
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from srcc_strategies import model_specs  # noqa: E402
from test_fuzz_csim import VECTORS, mismatching_models  # noqa: E402

from srcc import SrccError  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="models to check")
    parser.add_argument("--batch", type=int, default=50, help="models per g++ build")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    checked: list[int] = []
    failures: list[str] = []
    start = time.perf_counter()

    @settings(
        max_examples=args.count // args.batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(model_specs(), min_size=args.batch, max_size=args.batch), st.integers(0, 2**31))
    def batch(specs: list, seed: int) -> None:
        try:
            failures.extend(mismatching_models(specs, seed))
        except SrccError as error:
            failures.append(f"compile error: {error}")
        checked.append(len(specs))
        print(f"  {sum(checked)} models, {len(failures)} mismatching", flush=True)

    batch()
    elapsed = time.perf_counter() - start
    models = sum(checked)
    print(
        f"checked {models} models x {VECTORS} vectors = {models * VECTORS} vectors "
        f"in {elapsed:.0f} s: {len(failures)} mismatching models"
    )
    for failure in failures:
        print("  " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
