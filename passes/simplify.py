"""
`simplify`: `canonicalize`, `sym-canonical-order` and `cse`, repeated until the module
stops changing.

`canonicalize` applies the ops' canonicalization patterns (`srcc.passes.canonicalization.sym`:
folding, identities, division by constants, power expansion) and removes dead ops;
`sym-canonical-order` sorts commutative operands so that `cse` merges `a * b` with `b * a`.
A merge can expose more patterns (`a * b - b * a` is `p - p`, then `0`), hence the rounds.
"""

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.transforms.canonicalize import CanonicalizePass
from xdsl.transforms.common_subexpression_elimination import CommonSubexpressionElimination

from srcc.passes.sym_canonical_order import SymCanonicalOrderPass

MAX_ROUNDS = 10
"""A bound on rounds; each pass runs to its own fixed point, so few are needed."""

ROUND: tuple[ModulePass, ...] = (
    CanonicalizePass(),
    SymCanonicalOrderPass(),
    CommonSubexpressionElimination(),
)


class SimplifyPass(ModulePass):
    name = "simplify"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for _ in range(MAX_ROUNDS):
            before = op.clone()
            for rewrite in ROUND:
                rewrite.apply(ctx, op)
            if op.is_structurally_equivalent(before):
                return
