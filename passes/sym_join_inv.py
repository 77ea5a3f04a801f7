"""`sym-join-inv`: the reciprocals of a product become one, `inv(a) * y * inv(b)` is
`inv(a * b) * y`: the reverse of `sym-div-to-inv`'s split of `x / (a * b)`.

One table instead of two and one multiplier less, but the table's domain is the product's,
whose ends' ratio is the product of the factors' ratios (a table of 1/y grows its error
with the square of that ratio). Which form is more accurate at given widths is for the
planner to say (`srcc.compile(rewrite="auto")`). Only reciprocals that nothing else reads
are joined.
"""

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from srcc.dialects.sym import InvOp, MulOp
from srcc.passes.sym_terms import is_product_root, owned, product, product_factors, replace_product


class JoinReciprocals(RewritePattern):
    """`inv(a) * inv(b)` is `inv(a * b)`, across a product."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp, rewriter: PatternRewriter, /) -> None:
        if not is_product_root(op):
            return
        leaves = product_factors(op.result)
        merged = owned(leaves, InvOp)
        if len(merged) < 2:
            return
        ops: list[Operation] = []
        divisors = [leaves[i].owner.operands[0] for i in merged]
        ops.append(InvOp(product(divisors, ops)))
        replace_product(rewriter, op, leaves, merged, ops)


class SymJoinInvPass(ModulePass):
    name = "sym-join-inv"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        walker = PatternRewriteWalker(GreedyRewritePatternApplier([JoinReciprocals()]))
        walker.rewrite_module(op)
