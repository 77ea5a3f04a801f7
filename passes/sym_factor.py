"""`sym-factor`: a factor common to terms of a sum is taken out, `a*x + b*x*y + c` becomes
`x*(a + b*y) + c`.

The factor is the base most terms have (the first met among equals), taken out with the
power all of those terms have; rounds go on until no two terms of a sum share a base. On
a polynomial this is Horner's form (`c0 + x*(c1 + x*(c2 + ...))`); on `u**12 - u**6` it is
`u**6 * (u**6 - 1)`. Fewer multiplications, and in fixed point a difference of two large
correlated terms becomes a small factor the error model sees as one: whether the factored
form is more accurate at given widths is for the planner to say (`srcc.compile(rewrite=
"auto")` compiles both and keeps the better). Terms are monomials as `sym_terms.monomial`
reads them; a term without the factor is left as it is.
"""

from collections import Counter

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

from srcc.dialects.sym import AddOp, SubOp
from srcc.passes.sym_terms import Term, is_sum_root, power_product, product, signed_sum, sum_terms


def shared_base(terms: list[Term]) -> SSAValue | None:
    """The base most terms have (at least two), the first met among equals."""
    counts: Counter[SSAValue] = Counter()
    for term in terms:
        counts.update(dict.fromkeys(term.powers, 1))
    most = max(counts.values(), default=0)
    if most < 2:
        return None
    return next(base for base, count in counts.items() if count == most)


def common_powers(terms: list[Term]) -> Counter[SSAValue]:
    """The bases every one of `terms` has, each to the least power among them."""
    common = Counter(terms[0].powers)
    for term in terms[1:]:
        common &= term.powers
    return common


class FactorSum(RewritePattern):
    """`x*a + x*b + c` is `x*(a + b) + c`, at the top of a sum."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: AddOp | SubOp, rewriter: PatternRewriter, /) -> None:
        if not is_sum_root(op):
            return
        terms = sum_terms(op.result)
        base = shared_base(terms)
        if base is None:
            return
        group = [term for term in terms if base in term.powers]
        common = common_powers(group)
        ops: list[Operation] = []
        inner = signed_sum(
            [
                (term.negative, power_product(term.coefficient, term.powers - common, ops))
                for term in group
            ],
            ops,
        )
        factored = product([power_product(1.0, common, ops), inner], ops)
        outer = [
            (False, factored) if term is group[0] else (term.negative, term.value)
            for term in terms
            if term is group[0] or base not in term.powers
        ]
        if len(outer) > 1:
            signed_sum(outer, ops)
        for new in ops:
            new.location = op.location
        rewriter.replace(op, ops)


class SymFactorPass(ModulePass):
    name = "sym-factor"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        walker = PatternRewriteWalker(GreedyRewritePatternApplier([FactorSum()]))
        walker.rewrite_module(op)
