"""`srcc sweep` / `srcc.sweep`: tasks on a LocalCluster and on a `dask scheduler` + `dask
worker` deployment, a failing task isolated, reuse of finished tasks, the plots, `--pick`."""

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from required_tools import require_fit_tools

import srcc
from srcc import sweeping
from srcc.cli import main
from srcc.errors import SrccError
from srcc.pareto import pareto_front, parse_rule
from srcc.sweeping import Setting, roc_auc, rtlsim_columns

require_fit_tools()

HALL = """Complexity,Loss,Equation
3,0.9,x0 * 0.5
5,0.1,(x0 * x1) + 0.25
6,0.01,sin(x0) * x1
7,0.5,asin(2*x0) + x1
"""
RANGES = {"x0": (-1.0, 1.0), "x1": (-2.0, 2.0)}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def hall(tmp_path: Path) -> Path:
    path = tmp_path / "hof.csv"
    path.write_text(HALL)
    return path


def _data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    X = np.column_stack([rng.uniform(-1, 1, 300), rng.uniform(-2, 2, 300)])
    return X, (np.sin(X[:, 0]) * X[:, 1] > 0).astype(float)


def _assert_png(path: Path) -> None:
    import matplotlib.image

    assert path.read_bytes()[:8] == PNG_SIGNATURE
    height, width, _ = matplotlib.image.imread(path).shape
    assert height > 100 and width > 100


def test_sweep_on_local_cluster(hall: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    X, y = _data()
    settings = [Setting("auto"), Setting("ap_fixed<12,4>")]
    result = srcc.sweep(
        hall,
        out,
        names=["x0", "x1"],
        ranges=RANGES,
        settings=settings,
        data=(X, y),
        workers=1,
        pick="max roc_auc where latency<=20",
    )
    rows = result.rows
    assert len(rows) == 8
    failed = [row for row in rows if row["failure"]]
    assert [row["equation"] for row in failed] == ["asin(2*x0) + x1"] * 2
    assert "undefined on its argument's range" in failed[0]["failure"]
    sine = next(r for r in rows if r["equation"] == "sin(x0) * x1" and r["precision"] == "auto")
    model = srcc.compile("sin(x0) * x1", ranges=RANGES)
    predicted = model.predict(X)[:, 0]
    assert sine["error_bound"] == model.error_bound[0]
    assert sine["loss"] == pytest.approx(np.mean((predicted - y) ** 2))
    assert sine["accuracy"] == np.mean((predicted > 0.5) == (y == 1))
    assert sine["roc_auc"] == roc_auc(predicted, y == 1)
    assert result.picked["roc_auc"] == max(r.get("roc_auc", 0) for r in rows)
    assert (out / "picked" / "report.json").is_file()
    table = (out / "sweep.csv").read_text().splitlines()
    assert len(table) == 9 and table[0].startswith("equation,complexity,precision")
    assert json.loads((out / "sweep.json").read_text()) == rows
    _assert_png(out / "pareto_error_latency.png")
    _assert_png(out / "pareto_error_luts.png")

    # A rerun finds every task done: it needs no cluster (this scheduler does not exist).
    again = srcc.sweep(
        hall,
        out,
        names=["x0", "x1"],
        ranges=RANGES,
        settings=settings,
        data=(X, y),
        scheduler="tcp://127.0.0.1:9",
    )
    assert again.rows == rows


def test_roc_auc_is_the_mann_whitney_statistic() -> None:
    scores = np.array([0.1, 0.4, 0.35, 0.8, 0.4])
    positive = np.array([False, False, True, True, True])
    # pairs (positive above negative): 0.35>0.1, 0.8>both, 0.4 vs 0.1 yes, 0.4 vs 0.4 half
    assert roc_auc(scores, positive) == pytest.approx((1 + 2 + 1.5) / 6)


@pytest.fixture
def dask_cluster(tmp_path: Path):
    """A `dask scheduler` and one `dask worker`, as subprocesses on localhost."""
    dask = str(Path(sys.executable).parent / "dask")
    scheduler_file = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    scheduler = subprocess.Popen(
        [
            dask,
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--scheduler-file",
            str(scheduler_file),
            *common,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        worker = subprocess.Popen(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", *common],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=tmp_path,
        )
        yield address
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def test_cli_sweep_on_dask_scheduler_and_worker(
    hall: Path, tmp_path: Path, dask_cluster: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = ["sweep", str(hall), "-o", str(out), "--names", "x0,x1", "--range", "x0=-1:1"]
    argv += ["--range", "x1=-2:2", "--precision", "auto", "--precision", "ap_fixed<10,4>"]
    argv += ["--scheduler", dask_cluster, "--pick", "min latency where error_bound<=0.01"]
    assert main(argv) == 0
    output = capsys.readouterr().out
    assert "8 rows, 2 failed" in output
    rows = json.loads((out / "sweep.json").read_text())
    picked = min(
        (r for r in rows if not r["failure"] and r["error_bound"] <= 0.01),
        key=lambda r: (r["latency_ns"], r["latency_ns"]),
    )
    assert f"picked {picked['equation']} at {picked['precision']}" in output
    report = json.loads((out / "picked" / "report.json").read_text())
    assert report["outputs"][0]["error_bound"] == picked["error_bound"]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("min latency where error<=0.01", "min latency_ns where loss<=0.01"),
        ("max accuracy where luts < 2e3 and dsp<=4", "max accuracy where lut<2000 and dsp<=4"),
        ("min error", "min loss"),
    ],
)
def test_pick_rules(rule: str, expected: str) -> None:
    assert str(parse_rule(rule, "loss")) == expected


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("fastest", "starts with min or max"),
        ("min speed", "unknown field 'speed'"),
        ("min latency where error", "expected a comparison at the end"),
        ("min latency where error != 1", "cannot read '!= 1'"),
        ("min latency or error<1", "expected 'where' at 'or'"),
        ("min latency where error<=__import__", "'__import__' is not a number"),
    ],
)
def test_pick_rule_errors(rule: str, message: str) -> None:
    with pytest.raises(SrccError, match="--pick") as caught:
        parse_rule(rule, "loss")
    assert message in str(caught.value)


def test_pareto_front_keeps_rows_no_other_beats() -> None:
    rows = [
        {"x": 1, "y": 5},
        {"x": 2, "y": 3},
        {"x": 3, "y": 4},
        {"x": 4, "y": 1},
        {"x": 1, "y": 6},
        {"x": 0, "y": 0, "failure": "rtlsim: 1 mismatches"},
    ]
    assert pareto_front(rows, "x", "y") == [rows[0], rows[1], rows[3]]


def test_cli_sweep_errors_write_nothing(hall: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    base = ["sweep", str(hall), "-o", str(out), "--names", "x0,x1", "--range=-1:1"]
    for extra, message in [
        (["--pick", "min speed"], "unknown field 'speed'"),
        (["--data", str(hall)], "--data needs --target"),
        (["--scheduler", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler"),
        (["--precision", "ap_fixed<16"], "precision"),
        (["--max-width", "0"], "max_width"),
        (["--clock", "0"], "clock period 0.0 ns is outside the limits"),
        (["--workers", "0"], "workers must be at least 1, got 0"),
    ]:
        assert main([*base, *extra]) == 1
        err = capsys.readouterr().err
        assert err.startswith("srcc: error:") and message in err, err
        assert not out.exists()


def test_sweep_csim_checks_each_model_bit_for_bit(tmp_path: Path) -> None:
    from required_tools import require_csim_tools

    require_csim_tools()
    hall = tmp_path / "hof.csv"
    hall.write_text("Complexity,Loss,Equation\n6,0.01,sin(x0) * x1\n")
    result = srcc.sweep(
        hall, tmp_path / "out", names=["x0", "x1"], ranges=RANGES, csim=True, workers=1
    )
    assert [row["csim"] for row in result.rows] == ["passed"]


def test_cli_sweep_rtlsim_runs_each_model_in_verilator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from required_tools import require_rtl_tools

    require_rtl_tools()
    hall = tmp_path / "hof.csv"
    hall.write_text("Complexity,Loss,Equation\n3,0.9,x0 * 0.5\n6,0.01,sin(x0) * x1\n")
    out = tmp_path / "out"
    argv = ["sweep", str(hall), "-o", str(out), "--names", "x0,x1", "--range", "x0=-1:1"]
    argv += ["--range", "x1=-2:2", "--rtlsim", "--workers", "1"]
    assert main(argv) == 0
    assert "2 rows, 0 failed" in capsys.readouterr().out
    rows = json.loads((out / "sweep.json").read_text())
    assert [r["equation"] for r in rows] == ["x0 * 0.5", "sin(x0) * x1"]
    for row in rows:
        assert (row["rtlsim_passed"], row["rtlsim_mismatches"]) == (True, 0)
        assert row["rtlsim_latency"] == row["latency_cycles"]
    assert rows[1]["rtlsim_latency"] > 0
    header = (out / "sweep.csv").read_text().splitlines()[0].split(",")
    assert {"rtlsim_passed", "rtlsim_latency", "rtlsim_mismatches"} <= set(header)


def test_rtlsim_mismatch_fails_the_row() -> None:
    from srcc.runtime.csim import Mismatch
    from srcc.runtime.rtlsim import RtlsimResult

    class Diverging:
        def rtlsim(self, X: np.ndarray, clock_ns: float) -> RtlsimResult:
            wrong = [Mismatch(7, 0, 12, 13)]
            return RtlsimResult(False, len(X), wrong, latency=3, mismatch_count=5)

    columns = rtlsim_columns(Diverging(), {"ranges": [[-1, 1]], "clock_ns": 5.0})
    assert columns == {
        "rtlsim_passed": False,
        "rtlsim_latency": None,
        "rtlsim_mismatches": 5,
        "failure": "rtlsim: 5 mismatches with the emulator in 1000 rows at latency 3,"
        " first row 7 output 0: got 12 expected 13",
    }


def test_sweep_synth_adds_what_yosys_measures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from required_tools import require_rtl_tools

    require_rtl_tools()
    plotted = []
    plot = sweeping.plot_front
    monkeypatch.setattr(sweeping, "plot_front", lambda *a: plotted.append(a[1]) or plot(*a))
    hall = tmp_path / "hof.csv"
    hall.write_text("Complexity,Loss,Equation\n6,0.01,sin(x0) * x1\n")
    out = tmp_path / "out"
    result = srcc.sweep(hall, out, names=["x0", "x1"], ranges=RANGES, synth=True, workers=1)
    [row] = result.rows
    assert row["failure"] == ""
    measured = sorted(key for key in row if key.startswith("measured_"))
    assert measured == [f"measured_{r}" for r in ("bram18", "carry", "dsp", "ff", "lut", "lutram")]
    assert row["measured_lut"] > 0 and row["measured_ff"] > 0
    assert parse_rule("min measured_lut", "error_bound").choose(result.rows) == row
    _assert_png(out / "pareto_error_luts.png")
    assert plotted == ["latency_ns", "measured_lut"]
