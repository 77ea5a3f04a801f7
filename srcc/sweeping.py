"""`srcc.sweep`: every equation of a hall of fame under every setting, as Dask tasks.

Each (equation, setting) is one task: `run_task` takes a JSON string (the equation, input
names and ranges, precision, max width, clock, whether to C-simulate, to co-simulate and to
synthesize the RTL) and the data arrays, compiles with `srcc.compile`, and returns its row
as a JSON string; strings and arrays are all that cross between processes. A task that
fails becomes a row whose `failure` says why. Finished rows are kept in
OUT/tasks/<key>.json, so a rerun into the same OUT only runs what is missing. Tasks run on
a `distributed.LocalCluster` or, given a scheduler address, on an existing cluster
(`dask scheduler` + `dask worker`).

OUT receives sweep.csv and sweep.json (one row per task), the Pareto plots of error
against estimated latency and LUTs (measured by Yosys when synthesized), and, with a pick
rule, the chosen project (OUT/picked).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from srcc.driver import Ranges, resolve_ranges
from srcc.errors import SrccError
from srcc.extras import require
from srcc.pareto import parse_rule, plot_front

CSIM_ROWS = 1000
CONNECT_TIMEOUT_S = 10
LATENCY_PLOT = "pareto_error_latency.png"
LUT_PLOT = "pareto_error_luts.png"
PICKED = "picked"
FIRST_COLUMNS = ("equation", "complexity", "precision", "max_width", "clock_ns", "failure")


@dataclass(frozen=True)
class Setting:
    """How one equation is compiled in a sweep."""

    precision: str = "auto"
    max_width: int | None = None
    clock_ns: float = 5.0


@dataclass
class SweepResult:
    rows: list[dict[str, Any]]
    directory: Path
    error_field: str
    """The column the plots and a rule's `error` use: `loss` with data, else `error_bound`."""
    picked: dict[str, Any] | None = None


def settings_grid(
    precisions: Sequence[str], max_widths: Sequence[int | None], clocks: Sequence[float]
) -> list[Setting]:
    return [Setting(p, w, c) for p in precisions for w in max_widths for c in clocks]


def sweep(
    hall: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    names: Sequence[str],
    ranges: Ranges = None,
    settings: Sequence[Setting] = (Setting(),),
    data: tuple[Any, Any] | None = None,
    csim: bool = False,
    rtlsim: bool = False,
    synth: bool = False,
    scheduler: str | None = None,
    workers: int | None = None,
    pick: str | None = None,
    progress: bool = False,
) -> SweepResult:
    """Compile every equation of the hall of fame (a PySR CSV) under every setting.

    `names` and `ranges` are the inputs' (as `srcc.compile` takes them; ranges not given
    are calibrated on X); `data` = (X, y) adds the loss of the firmware's predictions on
    it, and accuracy and ROC AUC when y holds only 0 and 1; `csim` C-simulates each
    compiled model on `CSIM_ROWS` points and `rtlsim` simulates its Verilog (Verilator) on
    them, a mismatch with the emulator failing the row; `synth` adds the resources Yosys
    measures of its Verilog (`measured_lut`, ...), which the LUT plot then shows."""
    from srcc.frontends.pysr import read_hall_of_fame

    for module in ("distributed", "tqdm", "matplotlib"):
        require(module, "srcc sweep")
    equations = read_hall_of_fame(os.fspath(hall), os.fspath(hall))
    _check_settings(settings)
    if workers is not None and workers < 1:
        raise SrccError(f"workers must be at least 1, got {workers}")
    error_field = "loss" if data is not None else "error_bound"
    rule = parse_rule(pick, error_field) if pick is not None else None
    if data is not None:
        data = (np.asarray(data[0], dtype=np.float64), np.asarray(data[1], dtype=np.float64))
    bounds = resolve_ranges(list(names), ranges, None if data is None else data[0])
    directory = Path(output)
    fingerprint = _fingerprint(data)
    specs = [
        _spec(c.equation, c.complexity, names, bounds, setting, csim, rtlsim, synth, fingerprint)
        for c in equations
        for setting in settings
    ]
    rows = _run(specs, directory, data, scheduler, workers, progress)
    result = SweepResult(rows, directory, error_field)
    _write_tables(rows, directory)
    plot_front(rows, "latency_ns", error_field, directory / LATENCY_PLOT, "error vs latency")
    luts = "measured_lut" if synth else "lut"
    plot_front(rows, luts, error_field, directory / LUT_PLOT, "error vs LUTs")
    if rule is not None:
        result.picked = rule.choose(rows)
        write_picked(result.picked, directory / PICKED)
    return result


def _check_settings(settings: Sequence[Setting]) -> None:
    """Bad settings are the user's error, before any task runs."""
    from srcc.driver import compile_passes
    from srcc.names import check_clock

    if not settings:
        raise SrccError("no settings to sweep")
    for setting in settings:
        compile_passes(precision=setting.precision, max_width=setting.max_width)
        check_clock(setting.clock_ns)


def _spec(
    equation: str,
    complexity: int,
    names: Sequence[str],
    ranges: Sequence[tuple[float, float]],
    setting: Setting,
    csim: bool,
    rtlsim: bool,
    synth: bool,
    fingerprint: str,
) -> str:
    return json.dumps(
        {
            "equation": equation,
            "complexity": complexity,
            "names": list(names),
            "ranges": [list(r) for r in ranges],
            "precision": setting.precision,
            "max_width": setting.max_width,
            "clock_ns": setting.clock_ns,
            "csim": csim,
            "rtlsim": rtlsim,
            "synth": synth,
            "data": fingerprint,
        },
        sort_keys=True,
    )


def _fingerprint(data: tuple[Any, Any] | None) -> str:
    if data is None:
        return ""
    digest = hashlib.sha256()
    for array in data:
        digest.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
    return digest.hexdigest()[:16]


def _run(
    specs: list[str],
    directory: Path,
    data: tuple[Any, Any] | None,
    scheduler: str | None,
    workers: int | None,
    progress: bool,
) -> list[dict[str, Any]]:
    """Each spec's row: from OUT/tasks if a run finished it, else from a Dask task."""
    tasks = directory / "tasks"
    keys = [hashlib.sha256(spec.encode()).hexdigest()[:20] for spec in specs]
    rows: dict[str, dict[str, Any]] = {}
    for key in keys:
        done = tasks / f"{key}.json"
        if done.is_file():
            rows[key] = json.loads(done.read_text())
    pending = {key: spec for key, spec in zip(keys, specs) if key not in rows}
    if pending:
        for key, row in _compute(pending, data, scheduler, workers, progress):
            _make_directory(tasks)  # once a task is done: a sweep that cannot start writes nothing
            (tasks / f"{key}.json").write_text(json.dumps(row))
            rows[key] = row
    return [rows[key] for key in keys]


def _compute(
    pending: dict[str, str],
    data: tuple[Any, Any] | None,
    scheduler: str | None,
    workers: int | None,
    progress: bool,
) -> Any:
    """(key, row) of each pending task as it finishes, on the cluster."""
    distributed = require("distributed", "srcc sweep")
    tqdm = require("tqdm", "srcc sweep").tqdm
    with _client(distributed, scheduler, workers) as client:
        arrays = [None, None] if data is None else client.scatter(list(data), broadcast=True)
        futures = {
            client.submit(run_task, spec, *arrays, key=f"srcc-sweep-{key}", pure=False): key
            for key, spec in pending.items()
        }
        with tqdm(total=len(futures), disable=not progress, unit="task") as bar:
            for future in distributed.as_completed(futures):
                yield futures[future], json.loads(future.result())
                bar.update()


def _make_directory(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SrccError(f"cannot create {path}: {error.strerror}") from None


@contextmanager
def _client(distributed: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a new LocalCluster closed after."""
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except OSError as error:
            raise SrccError(f"cannot reach the Dask scheduler {scheduler}: {error}") from None
        with client:
            yield client
        return
    with (
        distributed.LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # a failing task is a row; dask's own logs are noise
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def run_task(spec_text: str, X: Any = None, y: Any = None) -> str:
    """One sweep task (see the module docstring): its row as a JSON string."""
    spec = json.loads(spec_text)
    row = {key: spec[key] for key in (*FIRST_COLUMNS, "names", "ranges") if key in spec}
    start = time.perf_counter()
    try:
        row["failure"] = ""
        row.update(_measure(spec, X, y))
    # Any failure, a bug included, ends this task's row, not the sweep.
    except Exception as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        row["failure"] = f"{type(error).__name__}: {message}"
    row["seconds"] = round(time.perf_counter() - start, 4)
    return json.dumps(row)


def _measure(spec: dict[str, Any], X: Any, y: Any) -> dict[str, Any]:
    model, warning = compile_row(spec)
    cost = model.cost(spec["clock_ns"])
    row: dict[str, Any] = {
        "output_type": model.output_formats[0].cxx(),
        "widest": max(t.width for t in model.value_types),
        "latency_cycles": cost.latency_cycles,
        "latency_ns": round(cost.latency_ns, 4),
        "ii": cost.ii,
        "lut": cost.lut,
        "ff": cost.ff,
        "dsp": cost.dsp,
        "bram18": cost.bram18,
        "lutram_bits": cost.lutram_bits,
        "error_bound": float(model.error_bound[0]),
        "warning": warning,
    }
    if X is not None:
        row.update(data_metrics(model, X, y))
    if spec["csim"]:
        result = model.csim(_uniform_sample(spec["ranges"]))
        row["csim"] = "passed" if result.passed else f"FAILED: {len(result.mismatches)} mismatches"
    if spec["rtlsim"]:
        row.update(rtlsim_columns(model, spec))
    if spec["synth"]:
        synthesis = model.synth(clock_ns=spec["clock_ns"])
        row.update({f"measured_{name}": n for name, n in synthesis.resources.items()})
    return row


def rtlsim_columns(model: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """The Verilog, simulated by Verilator on the sample csim uses, against the emulator:
    whether it passed, the latency measured in clocks, and a mismatch as the row's failure."""
    result = model.rtlsim(_uniform_sample(spec["ranges"]), clock_ns=spec["clock_ns"])
    columns: dict[str, Any] = {
        "rtlsim_passed": result.passed,
        "rtlsim_latency": result.measured_latency,
        "rtlsim_mismatches": result.mismatch_count,
    }
    if not result.passed:
        first = result.mismatches[0]
        columns["failure"] = (
            f"rtlsim: {result.mismatch_count} mismatches with the emulator in {result.rows} rows"
            f" at latency {result.latency}, first row {first.row} output {first.output}:"
            f" got {first.got} expected {first.expected}"
        )
    return columns


def compile_row(spec: dict[str, Any]) -> tuple[Any, str]:
    """The model a row describes, and the budget warning its compilation gave, if any."""
    import srcc

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", srcc.SrccWarning)
        model = srcc.compile(
            spec["equation"],
            names=spec["names"],
            ranges=dict(zip(spec["names"], map(tuple, spec["ranges"]))),
            precision=spec["precision"],
            max_width=spec["max_width"],
        )
    return model, "; ".join(str(w.message) for w in caught)


def data_metrics(model: Any, X: Any, y: Any) -> dict[str, Any]:
    """The firmware's loss on (X, y), how far it strays from the float reference there,
    and accuracy (threshold 0.5) and ROC AUC when y is a 0/1 class label."""
    predicted = model.predict(X)[:, 0]
    metrics: dict[str, Any] = {
        "loss": float(np.mean((predicted - y) ** 2)),
        "firmware_error": float(np.max(np.abs(predicted - model.evaluate(X)[:, 0]))),
    }
    labels = np.unique(y)
    if len(labels) == 2 and set(labels.tolist()) == {0.0, 1.0}:
        metrics["accuracy"] = float(np.mean((predicted > 0.5) == (y == 1.0)))
        metrics["roc_auc"] = roc_auc(predicted, y == 1.0)
    return metrics


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """The probability that a positive scores above a negative (ties count half): the
    Mann-Whitney form of the area under the ROC curve."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    _, starts, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for start, count in zip(starts, counts):
        ranks[order[start : start + count]] = start + (count + 1) / 2
    positives = int(positive.sum())
    negatives = len(scores) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    return float(
        (ranks[positive].sum() - positives * (positives + 1) / 2) / (positives * negatives)
    )


def _uniform_sample(ranges: Sequence[Sequence[float]]) -> np.ndarray:
    rng = np.random.default_rng(0)
    lo, hi = np.array(ranges, dtype=np.float64).T
    return rng.uniform(lo, hi, size=(CSIM_ROWS, len(ranges)))


def write_picked(row: dict[str, Any], directory: Path) -> Path:
    """The chosen row's HLS project."""
    model, _ = compile_row(row)
    return model.write(directory, clock_ns=row["clock_ns"], force=True)


def _write_tables(rows: list[dict[str, Any]], directory: Path) -> None:
    _make_directory(directory)
    columns = list(FIRST_COLUMNS)
    for row in rows:
        columns += [key for key in row if key not in columns and key not in ("names", "ranges")]
    with open(directory / "sweep.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (directory / "sweep.json").write_text(json.dumps(rows, indent=1) + "\n")
