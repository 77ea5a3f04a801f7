"""`sym-div-to-inv`: `x / y` becomes `x * inv(y)`, and `x / (a * b)` becomes
`x * inv(a) * inv(b)`.

Fixed-point firmware has no cheap divider: the reciprocal becomes a lookup table and the
product one multiplier. Divisions by constants are left to canonicalization (`x * (1/c)`).

A divisor that is a product is split into its factors, one reciprocal table each (a factor
that repeats shares one, a constant factor becomes a constant). The error of a table of
1/y over [lo, hi] grows with the square of hi/lo, and the ends' ratio of a product is the
product of its factors' ratios: `1/(eps*r*r)` over eps, r in [1, 5] is one table over a
domain of ratio 125, or tables of ratio 5 whose errors add. What it costs is one table and
one multiplier per further distinct factor.

`lower-sym-to-fix` may turn reciprocals back into dividers (`choose_dividers`): a table
of 1/y has stored entries of at most `max_width` bits, a divider keeps every bit of its
operands. A divider is w subtract-and-select rows (large and slow), so it is chosen only
where the tables cannot meet an output's budget and it lowers that output's bound by at
least `DIVIDER_GAIN` (a few percent of bound is not worth thousands of LUTs). A
reciprocal that `sym-composite` fused into one table with the rest of its chain (`inv(r*r)`
of r) is offered too: the chain, un-fused, with a divider, against the composite's table.
"""

from collections import Counter
from collections.abc import Callable
from typing import TypeGuard

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.composite_tables import formula
from srcc.analysis.precision import Plan
from srcc.dialects.sym import (
    CompositeOp,
    ConstantOp,
    DivOp,
    InvOp,
    MulOp,
    YieldOp,
    constant_value,
)


def factors(value: SSAValue) -> list[SSAValue]:
    """The leaves of the product tree whose root is `value` (`[value]` if it is no product)."""
    owner = value.owner
    if isinstance(owner, MulOp):
        return factors(owner.lhs) + factors(owner.rhs)
    return [value]


def reciprocal_ops(divisor: SSAValue) -> list[Operation]:
    """Ops computing 1/divisor as a product of one reciprocal per distinct factor; the last
    one's result is it."""
    leaves = factors(divisor)
    scale = 1.0
    counts: Counter[SSAValue] = Counter()
    for leaf in leaves:
        value = constant_value(leaf)
        if value is None:
            counts[leaf] += 1
        else:
            scale *= value
    ops: list[Operation] = []
    terms: list[SSAValue] = []
    for factor, count in counts.items():
        inverse = InvOp(factor)
        ops.append(inverse)
        terms += [inverse.result] * count
    if scale != 1.0:
        ops.append(ConstantOp(1.0 / scale))
        terms.append(ops[-1].results[0])
    product = terms[0]
    for term in terms[1:]:
        ops.append(MulOp(product, term))
        product = ops[-1].results[0]
    return ops


def erase_if_dead(rewriter: PatternRewriter, value: SSAValue) -> None:
    """Erase the product tree of `value` (products, constants) as far as nothing else
    reads it."""
    owner = value.owner
    if isinstance(owner, MulOp | ConstantOp) and not value.uses:
        operands = list(owner.operands)
        rewriter.erase(owner)
        for operand in operands:
            erase_if_dead(rewriter, operand)


class DivToMulByInverse(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DivOp, rewriter: PatternRewriter, /) -> None:
        if constant_value(op.rhs) is not None:
            return
        divisor = op.rhs
        ops = reciprocal_ops(divisor)
        if constant_value(op.lhs) != 1.0:
            ops.append(MulOp(op.lhs, ops[-1].results[0]))
        for new in ops:
            new.location = op.location
        rewriter.replace(op, ops)
        erase_if_dead(rewriter, divisor)


class SymDivToInvPass(ModulePass):
    name = "sym-div-to-inv"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(DivToMulByInverse()).rewrite_module(op)


DIVIDER_GAIN = 0.1
"""The least fraction of the worst output's bound (over its budget) a divider must remove."""

PlanOf = Callable[[func.FuncOp], Plan]
"""The precision plan of a `sym` function (planning raises DiagnosticException where no
plan exists, e.g. an unbounded error)."""


Candidate = InvOp | CompositeOp
"""A reciprocal, or a composite whose chain holds one (`reciprocal_candidates`)."""


def reciprocal_candidates(function: func.FuncOp) -> list[Candidate]:
    """The reciprocals a divider could compute instead: those whose table the user left
    alone (no `sym.domain`, `sym.table_size`) and no guard keeps away from 0 (a divider
    has no bound where its divisor reaches 0); and the composites whose chain holds such
    a reciprocal (un-fused, the chain computes it with a divider)."""
    return [op for op in function.body.block.ops if _offered(op)]


def _offered(op: Operation) -> TypeGuard[Candidate]:
    if not isinstance(op, InvOp | CompositeOp):
        return False
    if op.domain is not None or op.table_size is not None or op.guard is not None:
        return False
    return isinstance(op, InvOp) or any(
        isinstance(inner, InvOp) and _offered(inner) for inner in op.body.block.ops
    )


def unfuse(composite: CompositeOp) -> list[InvOp]:
    """Replace `composite` by the ops of its chain, which read its argument; the
    reciprocals among them."""
    mapping: dict[SSAValue, SSAValue] = {composite.parameter: composite.arg}
    chain = [
        inner.clone(value_mapper=mapping)
        for inner in composite.body.block.ops
        if not isinstance(inner, YieldOp)
    ]
    Rewriter.insert_op(chain, InsertPoint.before(composite))
    composite.result.replace_all_uses_with(mapping[composite.returned])
    Rewriter.erase_op(composite)
    return [op for op in chain if isinstance(op, InvOp)]


def divide_instead(inverse: InvOp) -> list[DivOp]:
    """Compute what reads `inverse` = 1/y with dividers: `x * inv(y)` becomes `x / y`,
    `x * (inv(y) * inv(y))` becomes `x / (y * y)` (one division, one rounding), another
    `inv(y) * inv(y)` becomes `1 / (y * y)`, any other use `1 / y`; `inverse` is erased.
    The divisions made."""
    divisor = inverse.arg
    divisions: list[DivOp] = []
    one = ConstantOp(1.0)
    Rewriter.insert_op(one, InsertPoint.before(inverse))
    for use in list(inverse.result.uses):
        user = use.operation
        if user.parent is None:
            continue  # the other operand of a square, already replaced
        if isinstance(user, MulOp) and user.lhs is user.rhs:
            square = MulOp(divisor, divisor)
            readers = list(user.result.uses)
            if len(readers) == 1 and isinstance(readers[0].operation, MulOp):
                product, index = readers[0].operation, readers[0].index
                Rewriter.replace_op(user, square)
                division = DivOp(product.operands[1 - index], square.result)
                Rewriter.replace_op(product, division)
            else:
                division = DivOp(one.result, square.result)
                Rewriter.replace_op(user, [square, division])
        elif isinstance(user, MulOp):
            division = DivOp(user.operands[1 - use.index], divisor)
            Rewriter.replace_op(user, division)
        else:
            division = DivOp(one.result, divisor)
            Rewriter.insert_op(division, InsertPoint.before(user))
            user.operands[use.index] = division.result
        division.location = inverse.location
        divisions.append(division)
    Rewriter.erase_op(inverse)
    if not one.result.uses:
        Rewriter.erase_op(one)
    return divisions


def with_dividers(
    function: func.FuncOp, chosen: set[int]
) -> tuple[func.FuncOp, dict[int, list[DivOp]]]:
    """A copy of `function` whose `reciprocal_candidates` at the `chosen` positions are
    dividers, and the divisions each became."""
    copy = function.clone()
    candidates = reciprocal_candidates(copy)
    return copy, {i: _divide(candidates[i]) for i in sorted(chosen)}


def _divide(candidate: Candidate) -> list[DivOp]:
    """The divisions that compute `candidate`'s reciprocals (a composite un-fused first)."""
    reciprocals = unfuse(candidate) if isinstance(candidate, CompositeOp) else [candidate]
    return [division for inverse in reciprocals for division in divide_instead(inverse)]


def choose_dividers(
    function: func.FuncOp, divider: bool | None, plan_of: PlanOf
) -> tuple[func.FuncOp, Plan]:
    """The function to lower, with the reciprocals that dividers compute instead, and its
    plan, whose `dividers` say why each division is one. `divider` True: every candidate
    (`reciprocal_candidates`) and every division; False: no candidate; None: while an
    output misses its budget, the candidate whose divider lowers most the bound of the
    output furthest over its budget, if one lowers it by `DIVIDER_GAIN` (a budget the
    tables meet keeps them: they are cheaper; so does a table that bounds it about as
    well)."""
    tables = [_table(candidate) for candidate in reciprocal_candidates(function)]
    candidates = range(len(tables))
    if divider is not None:
        chosen, _ = with_dividers(function, set(candidates) if divider else set())
        plan = plan_of(chosen)
        if divider:
            divisions = (op for op in chosen.body.block.ops if isinstance(op, DivOp))
            plan.dividers.update(dict.fromkeys(divisions, "divider=True"))
        return chosen, plan
    best: tuple[func.FuncOp, Plan, dict[int, list[DivOp]]] = (function, plan_of(function), {})
    reasons: dict[int, str] = {}
    while _excess(best[1]) > 1.0:
        trials = [
            (index, _trial(function, {*best[2], index}, plan_of))
            for index in candidates
            if index not in best[2]
        ]
        worthwhile = _excess(best[1]) * (1.0 - DIVIDER_GAIN)
        improving = [(i, t) for i, t in trials if t and _excess(t[1]) < worthwhile]
        if not improving:
            break
        index, trial = min(improving, key=lambda it: _excess(it[1][1]))
        reasons[index] = _why(tables[index], best[1], trial[1])
        best = trial
    chosen, plan, groups = best
    plan.dividers.update({d: reasons[i] for i, group in groups.items() for d in group})
    return chosen, plan


def _trial(
    function: func.FuncOp, chosen: set[int], plan_of: PlanOf
) -> tuple[func.FuncOp, Plan, dict[int, list[DivOp]]] | None:
    """`function` with dividers for the `chosen` candidates, and its plan (None: none)."""
    trial, groups = with_dividers(function, chosen)
    try:
        return trial, plan_of(trial), groups
    except DiagnosticException:
        return None


def _excess(plan: Plan) -> float:
    """How far the output furthest over its budget is over it (bound / budget)."""
    return max(
        (bound / budget for bound, budget in zip(plan.output_bounds, plan.budgets)),
        default=0.0,
    )


def _table(candidate: Candidate) -> str:
    """The table a divider would replace, as its reason names it."""
    if isinstance(candidate, CompositeOp):
        return f"the composite table {formula(candidate).name}"
    return "a reciprocal table"


def _why(table: str, tables: Plan, dividers: Plan) -> str:
    """Why a divider replaced `table`: the worst output's bound with each, and its budget."""
    worst = max(
        range(len(tables.budgets)),
        key=lambda i: tables.output_bounds[i] / tables.budgets[i],
    )
    return (
        f"with {table}, output {worst}'s bound {tables.output_bounds[worst]:.3g} "
        f"misses its budget {tables.budgets[worst]:.3g}; with a divider it is "
        f"{dividers.output_bounds[worst]:.3g}"
    )
