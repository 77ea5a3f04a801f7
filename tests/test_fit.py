"""`srcc fit` / `srcc.fit`: a small seeded search, its hall of fame, and the hardware
objective's cost model."""

import csv
import sys

import numpy as np
import pytest
from required_tools import require_fit_tools

import srcc
from srcc.analysis.device_model import ULTRASCALE_PLUS
from srcc.cli import main
from srcc.fitting import HALL_OF_FAME_COLUMNS, TreeCost, fit

require_fit_tools()

SMALL = {"generations": 8, "population": 60, "max_length": 12}


def _data(rows: int = 400) -> tuple[np.ndarray, np.ndarray]:
    X = np.random.default_rng(0).uniform(-2, 2, size=(rows, 2))
    return X, 1.5 * X[:, 0] * X[:, 1] + 0.5


@pytest.fixture(scope="module")
def data_csv(tmp_path_factory: pytest.TempPathFactory) -> str:
    X, y = _data()
    path = tmp_path_factory.mktemp("fit") / "data.csv"
    np.savetxt(path, np.column_stack([X, y]), delimiter=",", header="a,b,y", comments="")
    return str(path)


def test_fit_is_reproducible_and_finds_the_product() -> None:
    X, y = _data()
    first = fit(X, y, names=["a", "b"], operators=["+", "*"], seed=4, **SMALL)
    second = fit(X, y, names=["a", "b"], operators=["+", "*"], seed=4, **SMALL)
    assert first.rows == second.rows
    losses = [row["Loss"] for row in first.rows]
    assert losses == sorted(losses, reverse=True)
    assert losses[-1] < 1e-8  # 1.5*a*b + 0.5 found, constants exact to the printed digits
    assert first.dropped == []


def test_hall_of_fame_compiles_as_pysr_dataframe_and_columns_are_srcc_estimates() -> None:
    X, y = _data()
    hall = fit(X, y, operators=["+", "*"], seed=4, **SMALL)
    model = srcc.compile(hall, calibrate=X, select="accuracy")
    best = hall.rows[-1]
    cost = model.cost(5.0)
    assert (best["latency_cycles"], best["LUT"], best["DSP"]) == (
        cost.latency_cycles,
        cost.lut,
        cost.dsp,
    )
    assert best["error_bound"] == model.error_bound[0]
    assert np.abs(model.predict(X)[:, 0] - y).max() <= model.error_bound[0] + 1e-6


def test_cli_fit_writes_pysr_hall_of_fame_that_srcc_compile_reads(
    data_csv: str, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    hof = tmp_path / "hof.csv"
    argv = ["fit", data_csv, "--target", "y", "-o", str(hof), "--operators", "+,*", "--seed", "4"]
    assert main([*argv, "--generations", "8", "--population", "60", "--max-length", "12"]) == 0
    with open(hof, newline="") as file:
        rows = list(csv.reader(file))
    assert tuple(rows[0]) == HALL_OF_FAME_COLUMNS
    assert (
        main(["compile", str(hof), "--names", "a,b", "--range=-2:2", "-o", str(tmp_path / "p")])
        == 0
    )
    assert "wrote" in capsys.readouterr().out


def _trees():
    import pyoperon as operon

    a, b = operon.Node.Variable(1.0), operon.Node.Variable(2.0)
    product = operon.Tree([a, b, operon.Node.Mul()]).UpdateNodes()
    # sin(b*2) + b*2: two paths from the weighted b, one through sin
    both = operon.Tree([b, b, operon.Node.Sin(), operon.Node.Add()]).UpdateNodes()
    return operon.NodeType, product, both


def test_latency_objective_prices_the_slowest_path() -> None:
    X, y = _data()
    hall = fit(X, y, operators=["+", "*"], objective="latency", seed=4, **SMALL)
    assert hall.rows[-1]["Loss"] < 1e-8
    cost = TreeCost.priced("latency", ["+", "*", "sin"], "auto", 5.0)
    node_type, product, both = _trees()
    mul = srcc.compile("x0 * x1", ranges=(-4, 4)).cost(5.0).latency_ns
    add, sin = cost.node_cost[node_type.Add], cost.node_cost[node_type.Sin]
    assert cost.node_cost[node_type.Mul] == mul
    assert cost(product) == pytest.approx((cost.weight_cost + mul) / 5.0)  # a's weight is 1
    assert cost(both) == pytest.approx((cost.weight_cost + sin + add) / 5.0)


def test_resources_objective_sums_lut_equivalents() -> None:
    cost = TreeCost.priced("resources", ["+", "*", "sin"], "auto", 5.0)
    node_type, product, both = _trees()
    report = srcc.compile("x0 * x1", ranges=(-4, 4)).cost(5.0)
    mul = (
        report.lut
        + ULTRASCALE_PLUS.dsp_lut_equivalent * report.dsp
        + report.lutram_bits / 64
        + report.bram18 * 288
    )
    add, sin = cost.node_cost[node_type.Add], cost.node_cost[node_type.Sin]
    assert cost.node_cost[node_type.Mul] == mul
    assert cost(both) == pytest.approx(2 * cost.weight_cost + sin + add)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--target", "z"], "no column 'z'"),
        (["--target", "y", "--operators", "+,cube"], "operator 'cube' is not one pyoperon"),
        (["--target", "y", "--objective", "speed"], "invalid choice: 'speed'"),
        (["--target", "y", "--generations", "0"], "generations must be at least 1, got 0"),
        (["--target", "y", "--max-length", "1"], "max_length must be at least 2, got 1"),
    ],
)
def test_cli_fit_errors(data_csv: str, tmp_path, argv: list[str], message: str, capsys) -> None:
    hof = tmp_path / "hof.csv"
    assert main(["fit", data_csv, "-o", str(hof), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("srcc: error:") and message in err and len(err.splitlines()) == 1
    assert not hof.exists()


@pytest.mark.parametrize(
    ("module", "command"),
    [("pyoperon", "fit"), ("distributed", "sweep"), ("matplotlib", "sweep")],
)
def test_a_missing_extra_is_one_error_line(
    module: str, command: str, data_csv: str, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    monkeypatch.setitem(sys.modules, f"{module}.sklearn", None)
    hof = tmp_path / "hof.csv"
    hof.write_text("Complexity,Loss,Equation\n1,1.0,a\n")
    argv = {
        "fit": ["fit", data_csv, "--target", "y", "-o", str(tmp_path / "out.csv")],
        "sweep": ["sweep", str(hof), "-o", str(tmp_path / "out"), "--names", "a", "--range=0:1"],
    }[command]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"srcc: error: srcc {command} needs {module} (")
    assert "pip install 'srcc[fit]'" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out").exists()
