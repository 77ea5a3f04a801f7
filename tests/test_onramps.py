"""On-ramps: `srcc.compile` of a fitted PySRRegressor (a duck-typed stand-in: PySR needs
Julia) and of a fitted pyoperon regressor; `srcc.hls4ml.convert_from_symbolic_expression`."""

import inspect

import numpy as np
import pandas as pd
import pytest
from required_tools import require_csim_tools, require_fit_tools

import srcc
from srcc.errors import SrccError
from srcc.hls4ml import convert_from_symbolic_expression

require_fit_tools()


class FittedPySR:
    """What srcc reads of a fitted `PySRRegressor`: `equations_`, `feature_names_in_`."""

    def __init__(self, equations, names):
        self.equations_ = equations
        self.feature_names_in_ = np.array(names, dtype=object)


def _equations(rows):
    return pd.DataFrame(rows, columns=["complexity", "loss", "score", "equation", "sympy_format"])


HALL = [
    (1, 4.0, 0.0, "pt", "pt"),
    (3, 0.5, 1.04, "pt * eta", "pt*eta"),
    (5, 0.49, 0.01, "(pt * eta) + 0.1", "pt*eta + 0.1"),
]
RANGES = {"pt": (0.0, 4.0), "eta": (-2.5, 2.5)}


def test_compile_accepts_a_fitted_pysr_regressor() -> None:
    model = srcc.compile(FittedPySR(_equations(HALL), ["pt", "eta"]), ranges=RANGES)
    direct = srcc.compile("pt * eta", names=["pt", "eta"], ranges=RANGES)
    assert model.input_names == ["pt", "eta"]
    assert model.ir["fix"] == direct.ir["fix"]  # PySR's `best` rule picks complexity 3


def test_compile_accepts_a_multi_output_pysr_regressor() -> None:
    halls = [_equations(HALL), _equations([(2, 1.0, 0.0, "eta * 2", "2*eta")])]
    model = srcc.compile(FittedPySR(halls, ["pt", "eta"]), ranges=RANGES, complexity=[5, 2])
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    assert np.allclose(model.evaluate(X), [[2.1, 4.0], [-2.9, -2.0]])


def test_compile_accepts_a_fitted_pyoperon_regressor() -> None:
    from pyoperon.sklearn import SymbolicRegressor

    rng = np.random.default_rng(0)
    X = rng.uniform(-2, 2, size=(300, 2))
    y = 1.5 * X[:, 0] * X[:, 1] + 0.5
    regressor = SymbolicRegressor(
        allowed_symbols="add,mul,constant,variable",
        objectives=["r2", "length"],
        optimizer_iterations=10,
        generations=8,
        population_size=60,
        max_length=12,
        random_state=4,
    )
    regressor.fit(X, y)
    model = srcc.compile(regressor, calibrate=X, select="accuracy")
    assert model.input_names == ["x0", "x1"]
    best = min(regressor.pareto_front_, key=lambda s: s["mean_squared_error"])
    operon = regressor.evaluate_model(best["tree"], X)
    assert np.abs(model.evaluate(X)[:, 0] - operon).max() < 1e-5
    assert np.abs(model.predict(X)[:, 0] - model.evaluate(X)[:, 0]).max() <= model.error_bound[0]

    regressor.fit(pd.DataFrame(X, columns=["pt", "eta"]), y)
    assert srcc.compile(regressor, calibrate=X).input_names == ["pt", "eta"]


def test_hls4ml_signature_is_hls4mls() -> None:
    from hls4ml.converters import convert_from_symbolic_expression as original

    ours = inspect.signature(convert_from_symbolic_expression).parameters
    for name, parameter in inspect.signature(original).parameters.items():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            continue
        assert ours[name].default == parameter.default, name
        assert ours[name].kind == parameter.kind, name


LUT = {"sin_lut": {"math_func": "sin", "table_size": 512, "range_start": -4, "range_end": 4}}


def test_hls4ml_predict_is_srccs_model_and_build_csims(tmp_path) -> None:
    converted = convert_from_symbolic_expression(
        "2.2 - x0/11 + 7*sin_lut(x1)",
        n_symbols=3,
        lut_functions=LUT,
        output_dir=str(tmp_path / "prj"),
        precision="ap_fixed<18,8>",
    )
    model = srcc.compile(
        "2.2 - x0/11 + 7*sin(x1)",
        names=["x0", "x1", "x2"],
        ranges=(-64.0, 64.0 - 2.0**-11),
        precision="ap_fixed<18,8>",
        luts={"sin": {"size": 512, "range": (-4.0, 4.0)}},
    )
    X = np.random.default_rng(2).uniform(-64, 64, size=(2000, 3))
    assert np.array_equal(converted.predict(X), model.predict(X))
    assert converted.model.ir["fix"] == model.ir["fix"]
    assert model.tables[0]["domain"] == [-4.0, 4.0]
    converted.compile()
    assert (tmp_path / "prj" / "firmware" / "myproject.cpp").is_file()
    with pytest.raises(SrccError, match="synthesis needs vivado_hls on PATH"):
        converted.build()
    require_csim_tools()
    np.save(tmp_path / "tb.npy", X[:200])
    converted.input_data_tb = str(tmp_path / "tb.npy")
    results = converted.build(synth=False)["CSimResults"]
    assert results == {"testbench_passed": True, "rows": 1000, "input_data_tb_passed": True}


def test_hls4ml_errors() -> None:
    with pytest.raises(SrccError, match="compiler 'quartus'"):
        convert_from_symbolic_expression("x0", compiler="quartus")
    with pytest.raises(SrccError, match="needs ranges="):
        convert_from_symbolic_expression("x0", precision="auto")
    with pytest.raises(SrccError, match="unknown math_func 'sine'"):
        convert_from_symbolic_expression(
            "f(x0)", lut_functions={"f": {**LUT["sin_lut"], "math_func": "sine"}}
        )
