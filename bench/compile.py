"""Compile throughput: a 5-output PySR hall of fame of 20 equations each, every equation
through the whole pipeline to a written HLS project.

    python bench/compile.py [--outputs 5] [--equations 20] [--rewrite auto]

Writes one hall_of_fame_output{i}.csv per output (PySR's format, 16 features, equations of
growing complexity like a real Pareto front), then for each complexity compiles the
5-output model (`complexity=c` from every file) and writes its project. Prints expressions
per second compiled (`srcc.compile`: frontend, pipeline, bounds, tables, the emulator) and
compiled and written (`Model.write` too: C++, test vectors, report, IR files), and the time
per stage. Target (issue 11): at least 100 expressions/s.
"""

import argparse
import random
import tempfile
import time
import warnings
from pathlib import Path

import srcc

TEMPLATES = [
    "x{a}",
    "x{a}*{c0}",
    "x{a}*{c0} + {c1}",
    "x{a}*{c0} + x{b}",
    "x{a}*{c0} + x{b}*{c1} + {c2}",
    "sin(x{a}*{c0} + {c1})",
    "sin(x{a}*{c0} + x{b} + {c1})",
    "sin(x{a}*{c0} + x{b}*{c1} + {c2})",
    "sin(x{a}*{c0} + x{b}*{c1} + x{c} + {c2})",
    "sin(x{a}*{c0} + x{b}*{c1} + x{c} + x{d} + {c2})",
    "sin(x{a}*{c0} + x{b}*{c1} + x{c} + x{d} - {c3}*x{d}^2 + {c2})",
    "x{a}*{c0} - exp(-(x{b}^2)) + {c1}",
    "x{a}*{c0} - exp(-(x{b}^2)) + x{c}*{c2} + {c1}",
    "x{a}*(exp(-(({c3}*x{d})^2)) - x{c} + 1)*{c0} - exp(-(x{b}^2)) + {c1}",
    "x{a}*(exp(-(({c3}*x{d})^2)) - x{c} + 1)*{c0} - exp(-(x{b}^2)) + x{c}*{c2} + {c1}",
    "tanh(x{a}*{c0} + x{b}*x{c}*{c1}) + {c2}",
    "tanh(x{a}*{c0} + x{b}*x{c}*{c1}) + cos(x{d}*{c3}) + {c2}",
    "x{a}*x{b}*{c0} + x{c}^3*{c1} - x{d}*{c2} + {c3}",
    "(x{a}*{c0} + x{b}) / (x{c}^2 + {c3}) + {c2}",
    "sin(x{a}*{c0} + x{b}) * tanh(x{c}*{c1}) + x{d}*{c2} + {c3}",
]


def write_halls_of_fame(directory: Path, outputs: int, equations: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for output in range(outputs):
        lines = ["Complexity,Loss,Equation"]
        for complexity, template in enumerate(TEMPLATES[:equations], start=1):
            a, b, c, d = rng.sample(range(16), 4)
            consts = {f"c{i}": round(rng.uniform(0.1, 2.0), 3) for i in range(4)}
            loss = 0.25 * 0.85**complexity
            equation = template.format(a=a, b=b, c=c, d=d, **consts)
            lines.append(f'{complexity},{loss:.5f},"{equation}"')
        path = directory / f"hall_of_fame_output{output}.csv"
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=int, default=5)
    parser.add_argument("--equations", type=int, default=20)
    parser.add_argument("--rewrite", choices=("none", "auto"), default="none")
    args = parser.parse_args()
    warnings.simplefilter("ignore", srcc.SrccWarning)
    stages: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        paths = write_halls_of_fame(root, args.outputs, args.equations, seed=1)
        compiling = 0.0
        start = time.perf_counter()
        for complexity in range(1, args.equations + 1):
            began = time.perf_counter()
            model = srcc.compile(
                [str(p) for p in paths], complexity=complexity, ranges=(-3, 3), rewrite=args.rewrite
            )
            compiling += time.perf_counter() - began
            model.write(root / f"prj{complexity}")
            for stage, seconds in model.timings.items():
                stages[stage] = stages.get(stage, 0.0) + seconds
        elapsed = time.perf_counter() - start
    expressions = args.outputs * args.equations
    print(
        f"{expressions} expressions ({args.equations} models of {args.outputs} outputs): "
        f"compiled in {compiling:.2f} s, {expressions / compiling:.1f} expressions/s; "
        f"compiled and written in {elapsed:.2f} s, {expressions / elapsed:.1f} expressions/s"
    )
    for stage, seconds in stages.items():
        print(f"  {stage:9} {seconds:7.3f} s  {100 * seconds / elapsed:5.1f} %")


if __name__ == "__main__":
    main()
