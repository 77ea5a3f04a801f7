"""The seed paper's loop on a synthetic jet-tagging data set, with srcc's public API.

16 jet-substructure-like features, 5 classes (g, q, W, Z, t), no download. For each class,
one expression fitted one-vs-rest with the latency objective (`srcc.fit`), swept over
precisions on one Dask cluster (`srcc.sweep`), and the equation and precision picked by a
rule; then each pick is compiled, C-simulated bit for bit against the emulator, and the
five firmware outputs are scored together (accuracy of their argmax). Writes OUT/ (data,
each class's hall of fame and sweep, pareto.png) and prints a summary.

    python examples/jet_tagging/jet_tagging.py --out out/jet_tagging

Needs `pip install -e '.[fit,csim]'` and g++.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from pathlib import Path

import numpy as np

import srcc
from srcc.sweeping import Setting

CLASSES = ("g", "q", "W", "Z", "t")
FEATURES = 16
ROWS_PER_CLASS = 1000
PRECISIONS = ("auto", "ap_fixed<16,6>", "ap_fixed<12,4>", "ap_fixed<10,3>")
RULE = "min latency where roc_auc>=0.95"
"""Per class: the fastest firmware (estimated) that separates it with a ROC AUC of 0.95."""


def jet_data(seed: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Features shaped like jet substructure: a mass-like, a multiplicity-like and an
    N-subjettiness-like group, each class shifting a few of them, with noise features."""
    rng = np.random.default_rng(seed)
    means = rng.normal(0.0, 1.0, size=(len(CLASSES), FEATURES)) * (rng.random(FEATURES) < 0.5)
    labels = np.repeat(np.arange(len(CLASSES)), ROWS_PER_CLASS)
    X = means[labels] + rng.normal(0.0, 1.0, size=(len(labels), FEATURES))
    mass = np.array([0.0, -0.5, 1.0, 1.3, 2.0])[labels]
    X[:, 0] = mass + 0.4 * rng.normal(size=len(labels))  # mass-like: separates W/Z/t
    X[:, 1] = np.tanh(X[:, 0]) * X[:, 2] + 0.3 * rng.normal(size=len(labels))
    X[:, 3] = np.cos(1.5 * X[:, 4]) * (labels == 0) + 0.3 * rng.normal(size=len(labels))
    order = rng.permutation(len(labels))
    names = [f"j{i}" for i in range(FEATURES)]
    return np.clip(X[order], -4, 4), labels[order].astype(float), names


def write_csv(path: Path, X: np.ndarray, labels: np.ndarray, names: list[str]) -> None:
    header = ",".join([*names, "label"])
    np.savetxt(path, np.column_stack([X, labels]), delimiter=",", header=header, comments="")


def fit_sweep_pick(
    X: np.ndarray, labels: np.ndarray, names: list[str], out: Path, scheduler: str, args
) -> list[dict]:
    picks = []
    for index, name in enumerate(CLASSES):
        target = (labels == index).astype(float)
        start = time.perf_counter()
        hall = srcc.fit(
            X,
            target,
            names=names,
            operators=["+", "-", "*", "sin", "cos", "square"],
            objective="latency",
            generations=args.generations,
            population=args.population,
            max_length=16,
            seed=args.seed + index,
        )
        fitted = time.perf_counter() - start
        directory = out / f"class_{name}"
        directory.mkdir(parents=True, exist_ok=True)
        hall.to_csv(directory / "hall_of_fame.csv")
        result = srcc.sweep(
            directory / "hall_of_fame.csv",
            directory / "sweep",
            names=names,
            settings=[Setting(precision) for precision in PRECISIONS],
            data=(X, target),
            scheduler=scheduler,
            pick=RULE,
        )
        picked = result.picked
        print(
            f"{name}: {len(hall.rows)} equations in {fitted:.0f} s, {len(result.rows)} tasks;"
            f" picked AUC {picked['roc_auc']:.3f}, {picked['latency_ns']:.1f} ns,"
            f" {picked['lut']} LUT at {picked['precision']}: {picked['equation']}"
        )
        picks.append({"class": name, "rows": result.rows, **picked})
    return picks


def compile_and_csim(picks: list[dict], X: np.ndarray, labels: np.ndarray) -> None:
    """Each pick as firmware, C-simulated on 1000 rows; the five outputs scored together."""
    outputs = []
    for pick in picks:
        model = srcc.compile(
            pick["equation"],
            names=pick["names"],
            ranges=dict(zip(pick["names"], map(tuple, pick["ranges"]))),
            precision=pick["precision"],
        )
        verdict = "passed" if model.csim(X[:1000]).passed else "FAILED"
        print(f"{pick['class']}: csim {verdict} on 1000 rows")
        outputs.append(model.predict(X)[:, 0])
    accuracy = np.mean(np.argmax(np.stack(outputs, axis=1), axis=1) == labels)
    print(f"5-class accuracy of the firmware (argmax of the five outputs): {accuracy:.3f}")


def plot(picks: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from srcc.pareto import pareto_front

    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=120)
    for pick, colour in zip(picks, plt.cm.tab10.colors):
        rows = [r | {"auc_loss": 1 - r["roc_auc"]} for r in pick["rows"] if not r["failure"]]
        axes.scatter(
            [r["latency_ns"] for r in rows],
            [r["auc_loss"] for r in rows],
            s=8,
            color=colour,
            alpha=0.3,
        )
        front = pareto_front(rows, "latency_ns", "auc_loss")
        axes.step(
            [r["latency_ns"] for r in front],
            [r["auc_loss"] for r in front],
            where="post",
            marker="o",
            color=colour,
            label=f"{pick['class']} vs rest",
        )
        axes.scatter(
            [pick["latency_ns"]],
            [1 - pick["roc_auc"]],
            s=120,
            marker="*",
            color=colour,
            edgecolor="black",
            zorder=3,
        )
    axes.set_xlabel("estimated latency (ns)")
    axes.set_ylabel("1 - ROC AUC (one vs rest, firmware outputs)")
    axes.set_yscale("log")
    axes.set_title("Synthetic jet tagging: Pareto fronts (star: picked)")
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="out/jet_tagging")
    parser.add_argument("--generations", type=int, default=30)
    parser.add_argument("--population", type=int, default=300)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", help="also save the plot here (default OUT/pareto.png)")
    args = parser.parse_args()
    from distributed import LocalCluster

    start = time.perf_counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    X, labels, names = jet_data(args.seed)
    write_csv(out / "data.csv", X, labels, names)
    with LocalCluster(
        n_workers=args.workers,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    ) as cluster:
        picks = fit_sweep_pick(X, labels, names, out, cluster.scheduler_address, args)
    compile_and_csim(picks, X, labels)
    for path in (out / "pareto.png", *([Path(args.plot)] if args.plot else [])):
        plot(picks, path)
    print(f"wrote {out} in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
