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
"""

from collections import Counter

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from srcc.dialects.sym import ConstantOp, DivOp, InvOp, MulOp, constant_value


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
