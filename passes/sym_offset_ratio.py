"""`sym-offset-ratio`: a ratio of close values is computed from their difference,
`x * inv(y)` becomes `1 + (x - y) * inv(y)` where x and y share terms, and `inv(c + w)`
becomes `(1 - w * inv(c + w)) / c`.

`f*(c + vr)/(c + vs)` is `f*(1 + (vr - vs)/(c + vs))`: the reciprocal table's error is
then scaled by |vr - vs| instead of |c + vr|, and the 1 is exact. Shared terms are the same
values with the same sign (`c` above); they cancel in `x - y`, which must keep a variable
term and share none with y, so rounds end. The reciprocal stays one table, read
twice if it was. Whether the offset form is more accurate at given widths is for the
planner to say (`srcc.compile(rewrite="auto")`).
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

from srcc.dialects.sym import AddOp, ConstantOp, InvOp, MulOp, SubOp, constant_value
from srcc.passes.sym_terms import (
    is_product_root,
    product_factors,
    replace_product,
    signed_sum,
    signed_terms,
)

SignedTerm = tuple[bool, SSAValue]


def difference(x: list[SignedTerm], y: list[SignedTerm]) -> list[SignedTerm]:
    """The terms of `x - y`, terms both have cancelled."""
    left = Counter(x) - Counter(y)
    right = Counter(y) - Counter(x)
    kept = []
    for term in x:
        if left[term]:
            left[term] -= 1
            kept.append(term)
    for negative, term in y:
        if right[(negative, term)]:
            right[(negative, term)] -= 1
            kept.append((not negative, term))
    return kept


def variable(terms: list[SignedTerm]) -> bool:
    return any(constant_value(term) is None for _, term in terms)


def shared(terms: list[SignedTerm], divisor: list[SignedTerm]) -> int:
    """How many of `terms` the divisor has too (same value, same sign)."""
    return len(terms) - sum((Counter(terms) - Counter(divisor)).values())


def close_partner(
    leaves: list[SSAValue], reciprocal: int, divisor: list[SignedTerm]
) -> tuple[int, list[SignedTerm]] | None:
    """The leaf sharing the most terms with the divisor, and its difference from it."""
    best: tuple[int, int, list[SignedTerm]] | None = None
    for index, leaf in enumerate(leaves):
        if index == reciprocal or constant_value(leaf) is not None:
            continue
        terms = signed_terms(leaf)
        common = shared(terms, divisor)
        if common and (best is None or common > best[0]):
            best = common, index, difference(terms, divisor)
    return None if best is None else (best[1], best[2])


def offset_ratio(leaves: list[SSAValue], ops: list[Operation]) -> list[int] | None:
    """Append the ops of the first rewritable ratio among `leaves` (a product's); the
    positions of the leaves its last op replaces, or None."""
    for index, leaf in enumerate(leaves):
        if not isinstance(leaf.owner, InvOp):
            continue
        divisor = signed_terms(leaf.owner.arg)
        partner = close_partner(leaves, index, divisor)
        if partner is not None:
            other, terms = partner
            if variable(terms) and not shared(terms, divisor):
                quotient = MulOp(signed_sum(terms, ops), leaf)
                ops += [quotient, ConstantOp(1.0)]
                ops.append(AddOp(ops[-1].results[0], quotient.result))
                return sorted([index, other])
            continue
        constants = [(n, t) for n, t in divisor if constant_value(t) is not None]
        rest = [term for term in divisor if term not in constants]
        if len(constants) == 1 and rest and constant_value(constants[0][1]) != 0.0:
            negative, term = constants[0]
            offset = -constant_value(term) if negative else constant_value(term)
            quotient = MulOp(signed_sum(rest, ops), leaf)
            ops += [quotient, ConstantOp(1.0)]
            ops.append(SubOp(ops[-1].results[0], quotient.result))
            if offset != 1.0:
                ops.append(ConstantOp(1.0 / offset))
                ops.append(MulOp(ops[-2].results[0], ops[-1].results[0]))
            return [index]
    return None


class OffsetRatio(RewritePattern):
    """`x * inv(y)` is `1 + (x - y) * inv(y)` for x and y sharing terms; `inv(c + w)` is
    `(1 - w * inv(c + w)) / c`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp, rewriter: PatternRewriter, /) -> None:
        if not is_product_root(op):
            return
        leaves = product_factors(op.result)
        ops: list[Operation] = []
        replaced = offset_ratio(leaves, ops)
        if replaced is not None:
            replace_product(rewriter, op, leaves, replaced, ops)


class SymOffsetRatioPass(ModulePass):
    name = "sym-offset-ratio"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        walker = PatternRewriteWalker(GreedyRewritePatternApplier([OffsetRatio()]))
        walker.rewrite_module(op)
