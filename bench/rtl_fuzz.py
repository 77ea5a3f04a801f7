"""Fuzz the Verilog against the emulator: random models co-simulated with Verilator, bit
for bit, at the latency the schedule reports.

    python bench/rtl_fuzz.py --count 200 [--batch 50] [--clock 2.5] [--seed 0]

Draws random expressions x ranges x precision modes (tests/srcc_strategies.py), lowers each
to Verilog, builds each batch into one Verilator binary, streams 1000 vectors per model
(a tenth outside the declared ranges, where saturation and wraps happen) and prints the
mismatching models (must be none) and the build and run times.
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from srcc_strategies import model_specs  # noqa: E402
from test_fuzz_csim import VECTORS, compile_spec, vectors  # noqa: E402

from srcc.runtime.rtlsim import Design, rtlsim_many  # noqa: E402


def mismatching_models(
    specs: list, seed: int, clock_ns: float, multipliers: str, seconds: dict[str, float]
) -> list[str]:
    """Co-simulate every spec in one Verilator build; the ones that differ anywhere.
    `seconds` accumulates the time spent compiling to Verilog and building + simulating."""
    began = time.perf_counter()
    models = [compile_spec(spec) for spec in specs]
    points = [vectors(model, seed + i) for i, model in enumerate(models)]
    designs = [Design(m.rtl(clock_ns, multipliers), m.firmware) for m in models]
    inputs = [np.stack(m.quantize_inputs(X), axis=1) for m, X in zip(models, points)]
    expected = [m.predict_raw(X) for m, X in zip(models, points)]
    built = time.perf_counter()
    seconds["compile"] = seconds.get("compile", 0.0) + built - began
    results = rtlsim_many(designs, inputs, expected)
    seconds["verilator"] = seconds.get("verilator", 0.0) + time.perf_counter() - built
    return [
        f"{spec}: {result.mismatch_count} mismatches, latency {result.latency}"
        f" (measured {result.measured_latency}), first {result.mismatches[:2]}"
        for spec, result, rows in zip(specs, results, expected)
        if not result.passed or (varies(rows) and result.measured_latency != result.latency)
    ]


def varies(rows: np.ndarray) -> bool:
    """Whether the outputs take more than one value (else every delay matches them)."""
    return len(np.unique(rows, axis=0)) > 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="models to check")
    parser.add_argument("--batch", type=int, default=50, help="models per Verilator build")
    parser.add_argument("--clock", type=float, default=2.5, help="clock period in ns")
    parser.add_argument(
        "--constant-multipliers", default="auto", choices=["auto", "dsp", "shift-add"]
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    checked: list[int] = []
    failures: list[str] = []
    seconds: dict[str, float] = {}
    start = time.perf_counter()

    @settings(
        max_examples=args.count // args.batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],  # each example is a Verilator build: no shrinking
    )
    @given(st.lists(model_specs(), min_size=args.batch, max_size=args.batch), st.integers(0, 2**31))
    def batch(specs: list, seed: int) -> None:
        before = dict(seconds)
        failures.extend(
            mismatching_models(specs, seed, args.clock, args.constant_multipliers, seconds)
        )
        checked.append(len(specs))
        print(
            f"  {sum(checked)} models, {len(failures)} mismatching; batch of {len(specs)}:"
            f" compiled to Verilog in {seconds['compile'] - before.get('compile', 0.0):.1f} s,"
            f" Verilator build + simulation"
            f" {seconds['verilator'] - before.get('verilator', 0.0):.1f} s",
            flush=True,
        )

    batch()
    elapsed = time.perf_counter() - start
    models = sum(checked)
    builds = len(checked)
    print(
        f"co-simulated {models} models x {VECTORS} vectors = {models * VECTORS} vectors"
        f" at {args.clock:g} ns in {builds} Verilator builds, {elapsed:.0f} s: compile"
        f" {seconds['compile']:.0f} s, Verilator {seconds['verilator']:.0f} s"
        f" ({seconds['verilator'] / builds:.1f} s per build of {args.batch} models);"
        f" {len(failures)} mismatching models"
    )
    for failure in failures:
        print("  " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
