"""`sym-merge-exp`: the exponentials of a product become one, `exp(a) * y * exp(b)` is
`exp(a + b) * y` and `exp(a) * inv(exp(b))` is `exp(a - b)`.

One table instead of two and one multiplier less; the table's argument is a sum whose
range is the sum of the ranges, so its output may span more. Whether that is more accurate
at given widths is for the planner to say (`srcc.compile(rewrite="auto")`). Only
exponentials that nothing else reads are merged.
"""

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from srcc.dialects.sym import ExpOp, InvOp, MulOp
from srcc.passes.sym_terms import (
    is_product_root,
    owned,
    product_factors,
    replace_product,
    signed_sum,
)


def exponent(leaf: SSAValue) -> tuple[bool, SSAValue] | None:
    """`(False, a)` for `exp(a)`, `(True, b)` for `inv(exp(b))` with the `exp` read only by
    the `inv`."""
    owner = leaf.owner
    if isinstance(owner, ExpOp):
        return False, owner.arg
    if isinstance(owner, InvOp) and isinstance(owner.arg.owner, ExpOp) and owner.arg.has_one_use():
        return True, owner.arg.owner.arg
    return None


class MergeExponentials(RewritePattern):
    """`exp(a) * exp(b)` is `exp(a + b)`, across a product."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp, rewriter: PatternRewriter, /) -> None:
        if not is_product_root(op):
            return
        leaves = product_factors(op.result)
        candidates = sorted(owned(leaves, ExpOp) + owned(leaves, InvOp))
        terms = {i: term for i in candidates if (term := exponent(leaves[i])) is not None}
        if len(terms) < 2:
            return
        ops: list[Operation] = []
        ops.append(ExpOp(signed_sum(list(terms.values()), ops)))
        replace_product(rewriter, op, leaves, list(terms), ops)


class SymMergeExpPass(ModulePass):
    name = "sym-merge-exp"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        walker = PatternRewriteWalker(GreedyRewritePatternApplier([MergeExponentials()]))
        walker.rewrite_module(op)
