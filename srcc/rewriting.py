"""Error-aware rewriting (`srcc.compile(rewrite="auto")`): the form of the model that the
planner gives the smaller error bound at the given widths, among algebraically equal ones.

Each candidate is the compile pipeline with a few `sym` rewriting passes inserted after
the simplification (`REWRITES`: factoring and Horner form, `inv(a)*inv(b)` against
`inv(a*b)`, `exp(a)*exp(b)` against `exp(a+b)`, sums and products reordered by the
magnitudes of their operands, `x/y` against `1 + (x - y)/y`); a candidate whose rewrites leave the
`sym` IR as another candidate left it is not planned again. Every remaining one is planned
and lowered as the plain pipeline is, and the winner (`best`) is the one with the least
bound where a budget is out of reach (a width cap binds), and the cheaper firmware
(estimated latency, DSPs, LUTs) among bounds within `BOUND_TIE` of the least or where every
budget is met; the first candidate among equals. A form the
lowering refuses (a joined table too wide, say) drops out, its error recorded; the
model as written compiles or the compile fails as without rewriting. The winner's
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
from xdsl.utils.exceptions import DiagnosticException

from srcc.errors import SrccError
from srcc.model import Model
from srcc.pipeline import run_pipeline

REWRITES: tuple[tuple[str, ...], ...] = (
    (),
    ("sym-factor",),
    ("sym-join-inv",),
    ("sym-merge-exp",),
    ("sym-reassociate",),
    ("sym-offset-ratio",),
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


BOUND_TIE = 0.02
"""Bounds within this fraction of the least count as equal: the cheaper form wins them."""


@dataclass
class Score:
    """What decides between forms: `excess`, the largest bound over budget (1 where every
    budget is met; the bound itself under a uniform precision, whose budgets are
    infinite), then the estimated cost."""

    excess: float
    latency_cycles: int
    dsp: int
    lut: int

    @staticmethod
    def of(model: Model) -> Score:
        excess = max(
            bound if math.isinf(budget) else max(bound / budget, 1.0)
            for bound, budget in zip(model.error_bound.tolist(), model.output_error)
        )
        cost = model.cost()
        return Score(excess, cost.latency_cycles, cost.dsp, cost.lut)

    def cost(self) -> tuple[int, int, int]:
        return self.latency_cycles, self.dsp, self.lut


def best(scores: Sequence[Score]) -> int:
    """The index of the cheapest among the scores whose excess is within `BOUND_TIE` of
    the least (the smaller excess, then the first, among equal costs)."""
    least = min(score.excess for score in scores)
    tied = [i for i, score in enumerate(scores) if score.excess <= least * (1.0 + BOUND_TIE)]
    return min(tied, key=lambda i: (scores[i].cost(), scores[i].excess, i))


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
    failed: dict[str, str] = {}
    plain = candidates[0]
    tried = [(plain, run(module.clone(), plain.pipeline))]  # fails as it would unrewritten
    for candidate in _distinct_forms(module, candidates, failed):
        if candidate is plain:
            continue
        try:
            tried.append((candidate, run(module.clone(), candidate.pipeline)))
        except SrccError as error:
            failed[candidate.label] = str(error)
    scores = [Score.of(model) for _, model in tried]
    chosen, model = tried[best(scores)]
    model.rewrite = {
        "chosen": chosen.label,
        "candidates": [_summary(c, m, s) for (c, m), s in zip(tried, scores)],
        **({"failed": failed} if failed else {}),
    }
    searched = time.perf_counter() - start - sum(model.timings.values())
    model.timings["rewrite"] = searched
    return model


def _distinct_forms(
    module: ModuleOp, candidates: Sequence[Candidate], failed: dict[str, str]
) -> list[Candidate]:
    """The first candidate of each distinct `sym` IR its rewrites make of `module`; those
    whose rewriting fails are left out, with their error in `failed`."""
    forms: dict[str, Candidate] = {}
    for candidate in candidates:
        rewritten = module.clone()
        try:
            run_pipeline(rewritten, candidate.sym_pipeline)
        except DiagnosticException as error:
            failed[candidate.label] = str(error)
            continue
        forms.setdefault(str(rewritten), candidate)
    return list(forms.values())


def _summary(candidate: Candidate, model: Model, score: Score) -> dict[str, Any]:
    return {
        "rewrites": candidate.label,
        "error_bound": model.error_bound.tolist(),
        "latency_cycles": score.latency_cycles,
        "dsp": score.dsp,
        "lut": score.lut,
    }
