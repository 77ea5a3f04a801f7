"""Fuzz: for random expressions, ranges and precision modes, the emulator and the C
simulation of the emitted HLS C++ (g++, real ap_fixed.h) agree bit for bit.

CI runs a modest number; `python bench/fuzz.py --count 2000` runs thousands."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from srcc_strategies import VARIABLES, model_specs

import srcc
from srcc.runtime.csim import csim_outputs_many

VECTORS = 1000


def compile_spec(spec: tuple[str, dict, str]) -> srcc.Model:
    text, box, precision = spec
    return srcc.compile(text, ranges=box, names=list(VARIABLES), precision=precision)


def vectors(model: srcc.Model, seed: int) -> np.ndarray:
    """Points in the ranges, and a tenth outside them, where saturation and wraps happen."""
    bounds = np.array(model.ranges)
    span = bounds[:, 1] - bounds[:, 0]
    rng = np.random.default_rng(seed)
    inside = rng.uniform(bounds[:, 0], bounds[:, 1], size=(VECTORS * 9 // 10, len(bounds)))
    outside = rng.uniform(
        bounds[:, 0] - span, bounds[:, 1] + span, size=(VECTORS // 10, len(bounds))
    )
    return np.concatenate([inside, outside])


def mismatching_models(specs: list[tuple[str, dict, str]], seed: int) -> list[str]:
    """Compile every spec, C-simulate all of them in one g++ build, and list the ones whose
    C simulation differs from `predict_raw` anywhere."""
    models = [compile_spec(spec) for spec in specs]
    points = [vectors(model, seed + i) for i, model in enumerate(models)]
    inputs = [np.stack(m.quantize_inputs(X), axis=1) for m, X in zip(models, points)]
    simulated = csim_outputs_many([m.firmware for m in models], inputs)
    return [
        f"{spec}: {int(np.sum(got != model.predict_raw(X)))} mismatches"
        for spec, model, X, got in zip(specs, models, points, simulated)
        if not np.array_equal(got, model.predict_raw(X))
    ]


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(model_specs(), min_size=8, max_size=8), st.integers(0, 2**31))
def test_emulator_matches_c_simulation(specs: list, seed: int) -> None:
    assert mismatching_models(specs, seed) == []
