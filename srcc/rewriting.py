"""Error-aware rewriting (`srcc.compile(rewrite="auto")`): the form of the model that the
planner gives the smaller error bound at the given widths, among algebraically equal ones.

Each candidate is the compile pipeline with a few `sym` rewriting passes inserted after
the simplification (`REWRITES`: factoring and Horner form, `inv(a)*inv(b)` against
`inv(a*b)`, `exp(a)*exp(b)` against `exp(a+b)`, sums and products reordered by the
magnitudes of their operands); a candidate whose rewrites leave the
`sym` IR as another candidate left it is not planned again. Every remaining one is planned
and lowered as the plain pipeline is, and the winner is the one with the least
`score`: the bound where a budget is out of reach (a width cap binds), else the cheaper
firmware (estimated latency, DSPs, LUTs), the first candidate among equals. The winner's
pipeline is the model's pipeline, so `srcc-opt -p` replays it. Models of more than
`MAX_OPS` ops are compiled as they are: the search would multiply their compile time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from xdsl.dialects.builtin import ModuleOp

from srcc.model import Model
from srcc.pipeline import run_pipeline

REWRITES: tuple[tuple[str, ...], ...] = (
    (),
    ("sym-factor",),
    ("sym-join-inv",),
    ("sym-merge-exp",),
    ("sym-reassociate",),
    ("sym-factor", "sym-join-inv", "sym-merge-exp"),
    ("sym-factor", "sym-join-inv", "sym-merge-exp", "sym-reassociate"),
)
"""The rewriting passes of each candidate form; the first is the model as written."""

MAX_OPS = 300
"""Above this many ops in the input IR, no search (the candidates' compiles add up)."""

MODES = ("none", "auto")


@dataclass
class Candidate:
    """One form: its rewriting passes, the pipeline up to the lowering and the whole one."""

    rewrites: tuple[str, ...]
    sym_pipeline: str
    pipeline: str

    @property
    def label(self) -> str:
        return ",".join(self.rewrites) or "none"


def score(model: Model) -> tuple[float, float, int, int, int]:
    """Smaller is better: the largest bound over budget (1 where every budget is met; the
    bound itself under a uniform precision, whose budgets are infinite), the sum of those,
    then the estimated latency, DSPs and LUTs."""
    excess = [
        bound if math.isinf(budget) else max(bound / budget, 1.0)
        for bound, budget in zip(model.error_bound.tolist(), model.output_error)
    ]
    cost = model.cost()
    return max(excess), sum(excess), cost.latency_cycles, cost.dsp, cost.lut


def op_count(module: ModuleOp) -> int:
    return sum(1 for _ in module.walk())


def choose(
    module: ModuleOp,
    candidates: Sequence[Candidate],
    run: Callable[[ModuleOp, str], Model],
) -> Model:
    """The model of the best candidate form of `module` (the input IR, left as it is), with
    what was tried recorded in `Model.rewrite`."""
    start = time.perf_counter()
    if op_count(module) > MAX_OPS:
        model = run(module, candidates[0].pipeline)
        model.rewrite = {"chosen": "none", "skipped": f"more than {MAX_OPS} ops"}
        return model
    forms: dict[str, Candidate] = {}
    for candidate in candidates:
        rewritten = module.clone()
        run_pipeline(rewritten, candidate.sym_pipeline)
        forms.setdefault(str(rewritten), candidate)
    tried = [(candidate, run(module.clone(), candidate.pipeline)) for candidate in forms.values()]
    scores = [score(model) for _, model in tried]
    best = min(range(len(tried)), key=scores.__getitem__)
    chosen, model = tried[best]
    model.rewrite = {
        "chosen": chosen.label,
        "candidates": [_summary(c, m, s) for (c, m), s in zip(tried, scores)],
    }
    searched = time.perf_counter() - start - sum(model.timings.values())
    model.timings["rewrite"] = searched
    return model


def _summary(
    candidate: Candidate, model: Model, score: tuple[float, float, int, int, int]
) -> dict[str, Any]:
    return {
        "rewrites": candidate.label,
        "error_bound": model.error_bound.tolist(),
        "latency_cycles": score[2],
        "dsp": score[3],
        "lut": score[4],
    }
