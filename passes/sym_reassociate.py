"""`sym-reassociate`: sums and products of three or more operands are rebuilt as chains in
the order of their operands' magnitudes, smallest first: `(big + small1) + small2` becomes
`(small1 + small2) + big`, and `x*x*y`'s order follows |x| and |y| over their ranges.

In fixed point the order sets each partial result's range, hence its integer bits, and so
the fractional bits a width cap leaves it; adding the small terms first keeps them apart
from the large one's truncation. Magnitudes come from range analysis (the arguments'
`sym.range`); operands of equal magnitude keep their order, and a sum starts with a term
it adds, so canonicalization keeps the chain. Whether the reordered form is more accurate
at given widths is for the planner to say (`srcc.compile(rewrite="auto")`).
"""

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
)

from srcc.analysis.interval import Interval
from srcc.analysis.range_analysis import RangeAnalysis, op_range
from srcc.dialects.sym import AddOp, MulOp, SubOp
from srcc.passes.sym_terms import (
    is_product_root,
    is_sum_root,
    product,
    product_factors,
    signed_sum,
    signed_terms,
)


@dataclass
class ReorderByMagnitude(RewritePattern):
    """A sum or product root whose operands are out of magnitude order, rebuilt in order."""

    ranges: dict[SSAValue, Interval]
    """The analysis' intervals, extended to the values the rewrites make."""

    def magnitude(self, value: SSAValue) -> float:
        pending = [value]
        while pending:
            current = pending[-1]
            if current in self.ranges:
                pending.pop()
                continue
            operands = current.owner.operands
            missing = [operand for operand in operands if operand not in self.ranges]
            if missing:
                pending += missing
                continue
            self.ranges[current] = op_range(current.owner, [self.ranges[o] for o in operands])
            pending.pop()
        return self.ranges[value].magnitude

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /) -> None:
        ops: list[Operation] = []
        if isinstance(op, AddOp | SubOp) and is_sum_root(op):
            terms = signed_terms(op.result)
            ordered = sorted(terms, key=lambda term: self.magnitude(term[1]))
            added = next((term for term in ordered if not term[0]), ordered[0])
            ordered.remove(added)
            ordered.insert(0, added)
            if len(terms) < 3 or ordered == terms:
                return
            signed_sum(ordered, ops)
        elif isinstance(op, MulOp) and is_product_root(op):
            factors = product_factors(op.result)
            ordered = sorted(factors, key=self.magnitude)
            if len(factors) < 3 or ordered == factors:
                return
            product(ordered, ops)
        else:
            return
        for new in ops:
            new.location = op.location
        rewriter.replace(op, ops)


class SymReassociatePass(ModulePass):
    name = "sym-reassociate"

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in op.walk():
            if isinstance(function, func.FuncOp):
                pattern = ReorderByMagnitude(RangeAnalysis.of(function).ranges)
                walker = PatternRewriteWalker(GreedyRewritePatternApplier([pattern]))
                walker.rewrite_region(function.body)
