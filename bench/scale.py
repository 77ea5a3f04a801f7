"""Compile time against model size: op count (100 to 10,000) and input count (10 to 2000).

    python bench/scale.py [--quick] [--plot bench/results/scale.png] [--rewrite auto]

Two families of expression strings, each compiled by `srcc.compile` and written as an HLS
project at growing sizes:

- ops: a sum of mixed terms, `c*xa*xb` and `c*sin(xa)` over 16 inputs (a large SR model);
- inputs: a weighted sum of n inputs, `c0*x0 + c1*x1 + ...`.

Prints the seconds of each stage (`Model.timings`) at each size, the growth exponent of
each stage and of the whole pipeline (least squares of log time against log size), and
draws both on a log-log plot (PNG; needs matplotlib: `pip install -e '.[bench]'`). Then
times the named cases of issue 11, each on its own: a 1000-input linear sum, a 2000-term
mixed expression, a 10,000-term sum, 500-deep `sin(sin(...(x0)))` and `sin(x1500)`. A
size or case that fails to compile is printed with its error and left out of the fits.

Targets (issue 11): whole-pipeline exponent (compile and write) at most 1.2; the
1000-input sum and the 2000-term mixed expression each compiled in under 5 s, sin(x1500)
in under 1 s.
"""

from __future__ import annotations

import argparse
import math
import random
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

import srcc

WRITE_STAGES = ("vectors", "emit", "write")
"""`Model.write`'s stages; the others (the frontend, then each pass) are `srcc.compile`'s."""
EXPONENT_TARGET = 1.2
MIXED_INPUTS = 16


def linear_sum(inputs: int, rng: random.Random) -> str:
    return " + ".join(f"{rng.uniform(0.1, 2.0):.3f}*x{i}" for i in range(inputs))


def mixed_terms(terms: int, rng: random.Random) -> str:
    """Products of two inputs and sines of one, alternately, each with its weight."""
    parts = []
    for index in range(terms):
        a, b = rng.sample(range(MIXED_INPUTS), 2)
        weight = rng.uniform(0.1, 2.0)
        parts.append(f"{weight:.3f}*x{a}*x{b}" if index % 2 else f"{weight:.3f}*sin(x{a})")
    return " + ".join(parts)


def nested_sine(depth: int) -> str:
    return "sin(" * depth + "x0" + ")" * depth


@dataclass
class Run:
    """One compilation: its size, op count and seconds per stage, or why it failed."""

    size: int
    ops: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    @property
    def compile_seconds(self) -> float:
        """What `srcc.compile` took (the targets of issue 11 are stated for it)."""
        return sum(t for stage, t in self.seconds.items() if stage not in WRITE_STAGES)


def compile_and_write(text: str, size: int, scratch: Path, rewrite: str) -> Run:
    run = Run(size)
    start = time.perf_counter()
    try:
        model = srcc.compile(text, ranges=(-1.0, 1.0), rewrite=rewrite)
        model.write(scratch / f"prj{size}_{time.monotonic_ns()}")
    except Exception as error:  # a failed size is reported, not fatal
        run.error = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        run.seconds = {"failed": time.perf_counter() - start}
        return run
    run.ops = len(model.reference.body.block.ops) - 1
    run.seconds = dict(model.timings)
    return run


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """The slope of log(seconds) against log(size), least squares."""
    if len(sizes) < 2:
        return math.nan
    return float(np.polyfit(np.log(sizes), np.log(np.maximum(seconds, 1e-6)), 1)[0])


@dataclass
class Family:
    name: str
    axis: str
    """What the x axis counts: the compiled model's ops, or its inputs."""
    sizes: list[int]
    build: Callable[[int, random.Random], str]
    runs: list[Run] = field(default_factory=list)

    def x(self, run: Run) -> int:
        return run.ops if self.axis == "ops" else run.size

    @property
    def compiled(self) -> list[Run]:
        return [run for run in self.runs if not run.error]

    @property
    def stages(self) -> list[str]:
        """Every stage timed, in pipeline order."""
        return list(dict.fromkeys(stage for run in self.compiled for stage in run.seconds))


def measure(family: Family, scratch: Path, rewrite: str) -> None:
    for size in family.sizes:
        family.runs.append(
            compile_and_write(family.build(size, random.Random(size)), size, scratch, rewrite)
        )
    stages = family.stages
    widths = [max(len(stage), 8) for stage in stages]
    print(f"\n{family.name}: seconds per stage against {family.axis}")
    header = " ".join(f"{stage:>{w}}" for stage, w in zip(stages, widths))
    print(f"{family.axis:>8} {header} {'total':>8}")
    for run in family.runs:
        if run.error:
            print(f"{run.size:>8} failed after {run.total:.2f} s: {run.error}")
            continue
        cells = " ".join(f"{run.seconds.get(s, 0.0):{w}.3f}" for s, w in zip(stages, widths))
        print(f"{family.x(run):>8} {cells} {run.total:8.3f}")


def print_exponents(family: Family) -> None:
    runs = family.compiled
    xs = [family.x(run) for run in runs]
    fits = {s: exponent(xs, [run.seconds.get(s, 0.0) for run in runs]) for s in family.stages}
    totals = [run.total for run in runs]
    stages = ", ".join(f"{s} {fit:.2f}" for s, fit in fits.items())
    print(
        f"growth exponent against {family.axis} ({len(runs)} sizes): {stages}; "
        f"whole pipeline {exponent(xs, totals):.2f} (target <= {EXPONENT_TARGET}), "
        f"{exponent(xs[-2:], totals[-2:]):.2f} between the two largest sizes"
    )


def pyplot() -> Any:
    """matplotlib's pyplot (imported here: only the plot needs it)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SystemExit(
            "bench/scale.py: the plot needs matplotlib: pip install -e '.[bench]'"
        ) from None
    return plt


def plot(plt: Any, families: list[Family], path: Path) -> None:
    figure, axes = plt.subplots(1, len(families), figsize=(6 * len(families), 4.5))
    for axis, family in zip(np.atleast_1d(axes), families):
        runs = family.compiled
        xs = [family.x(run) for run in runs]
        for stage in (*family.stages, "total"):
            ys = [run.total if stage == "total" else run.seconds.get(stage, 0.0) for run in runs]
            style: dict[str, Any] = {"linewidth": 2.5, "color": "black"} if stage == "total" else {}
            axis.loglog(xs, np.maximum(ys, 1e-4), marker="o", label=stage, **style)
        axis.set_xlabel(family.axis)
        axis.set_ylabel("seconds")
        axis.set_title(family.name)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    print(f"\nplot written to {path}")


NAMED_CASES: list[tuple[str, Callable[[], str], float | None]] = [
    ("1000-input linear sum", lambda: linear_sum(1000, random.Random(1)), 5.0),
    ("2000-term mixed expression", lambda: mixed_terms(2000, random.Random(2)), 5.0),
    ("10,000-term sum", lambda: mixed_terms(10_000, random.Random(3)), None),
    ("500-deep sin(sin(...(x0)))", lambda: nested_sine(500), None),
    ("sin(x1500)", lambda: "sin(x1500)", 1.0),
]


def named_cases(scratch: Path, rewrite: str) -> None:
    print("\nnamed cases: srcc.compile (the targets), then Model.write")
    for label, build, target in NAMED_CASES:
        run = compile_and_write(build(), 0, scratch, rewrite)
        if run.error:
            print(f"  {label:28} FAILED after {run.total:.2f} s: {run.error}")
            continue
        verdict = "" if target is None else (" ok" if run.compile_seconds < target else " MISSED")
        goal = "" if target is None else f" (target < {target:g} s{verdict})"
        stages = ", ".join(f"{s} {t:.2f}" for s, t in run.seconds.items())
        print(
            f"  {label:28} compile {run.compile_seconds:6.2f} s{goal}, write "
            f"{run.total - run.compile_seconds:.2f} s; {run.ops} ops; {stages}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, smaller sizes")
    parser.add_argument("--plot", type=Path, default=Path("bench/results/scale.png"))
    parser.add_argument("--rewrite", choices=("none", "auto"), default="none")
    args = parser.parse_args()
    plt = pyplot()
    warnings.simplefilter("ignore", srcc.SrccWarning)
    terms = [30, 100, 300, 1000] if args.quick else [30, 100, 300, 1000, 3400]
    inputs = [10, 30, 100, 300] if args.quick else [10, 30, 100, 300, 1000, 2000]
    families = [
        Family("mixed terms over 16 inputs", "ops", terms, mixed_terms),
        Family("weighted sum of n inputs", "inputs", inputs, linear_sum),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        for family in families:
            measure(family, Path(scratch), args.rewrite)
        print()
        for family in families:
            print_exponents(family)
        plot(plt, families, args.plot)
        named_cases(Path(scratch), args.rewrite)


if __name__ == "__main__":
    main()
