"""
Canonicalization patterns of the `sym` dialect.

Every rewrite is sound in the real-valued semantics (`x * 0` is `0`, `x - x` is `0`) and
leads to one canonical form:

- Ops of constants are folded, by the op's own `evaluate`, when the result is finite.
- Negations float towards the root, where they cancel or turn `add` into `sub`:
  `neg a * b` is `neg (a * b)`, `x + neg y` is `x - y`, `sin(neg x)` is `neg sin(x)`.
- Powers are merged (`square x` is `powi x, 2`, nested powers multiply their exponents,
  `inv (powi x, n)` is `powi x, -n`, `x ** -1` is `inv x`), then expanded into
  multiplications by repeated squaring: `x ** 5` is three multiplications, `x ** -n` is
  `inv` of `x ** n`.
- `x / c` is `x * (1/c)`: a multiplier is cheaper than a divider.
- `x + x` is `x * 2.0`; constants of a chain of `add` or `mul` merge:
  `(x * c1) * c2` is `x * (c1 * c2)`.
"""

import math

import numpy as np
from xdsl.ir import Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from srcc.dialects.sym import (
    AbsOp,
    AddOp,
    AsinhOp,
    AsinOp,
    AtanhClipOp,
    AtanhOp,
    AtanOp,
    BinaryOp,
    ConstantOp,
    CoshOp,
    CosOp,
    CubeOp,
    DivOp,
    ErfOp,
    GaussOp,
    InvOp,
    LogAbsOp,
    MulOp,
    NegOp,
    PowiOp,
    SignOp,
    SinhOp,
    SinOp,
    SqrtAbsOp,
    SquareOp,
    SubOp,
    TanhOp,
    TanOp,
    UnaryOp,
    constant_value,
)

EVEN_OPS: tuple[type[UnaryOp], ...] = (CosOp, CoshOp, AbsOp, GaussOp, LogAbsOp, SqrtAbsOp)
"""f(-x) = f(x)."""

ODD_OPS: tuple[type[UnaryOp], ...] = (
    SinOp,
    TanOp,
    SinhOp,
    TanhOp,
    AsinOp,
    AtanOp,
    SignOp,
    InvOp,
    ErfOp,
    AsinhOp,
    AtanhOp,
    AtanhClipOp,
)
"""f(-x) = -f(x)."""

POWER_OPS: tuple[type[Operation], ...] = (PowiOp, InvOp, SquareOp, CubeOp)
"""Ops that merge a power operand into themselves."""


def fold(op: UnaryOp | BinaryOp | PowiOp, *operands: float) -> float | None:
    """What `op` computes from constant operands, by its own `evaluate`; None if not finite."""
    with np.errstate(all="ignore"):
        value = float(op.evaluate(*(np.float64(operand) for operand in operands)))
    return value if np.isfinite(value) else None


def negated(value: SSAValue) -> SSAValue | None:
    """`x` if `value` is `neg x`."""
    owner = value.owner
    return owner.arg if isinstance(owner, NegOp) else None


def constant_operand(op: BinaryOp) -> tuple[SSAValue, float] | None:
    """The other operand and the constant, if either operand of a commutative op is one."""
    lhs, rhs = op.operands
    for constant, other in ((rhs, lhs), (lhs, rhs)):
        if (value := constant_value(constant)) is not None:
            return other, value
    return None


def negated_operand(op: BinaryOp) -> tuple[SSAValue, SSAValue] | None:
    """The other operand and `y`, if either operand of a commutative op is `neg y`."""
    lhs, rhs = op.operands
    for negation, other in ((rhs, lhs), (lhs, rhs)):
        if (inner := negated(negation)) is not None:
            return other, inner
    return None


def as_power(value: SSAValue) -> tuple[SSAValue, int] | None:
    """`(x, n)` if `value` is `powi x, n` or `inv x` (n = -1)."""
    owner = value.owner
    if isinstance(owner, PowiOp):
        return owner.arg, owner.exponent.data
    if isinstance(owner, InvOp):
        return owner.arg, -1
    return None


def replace_by_value(rewriter: PatternRewriter, op: Operation, value: SSAValue) -> None:
    rewriter.replace(op, [], [value])


def replace_by_power(
    rewriter: PatternRewriter, op: Operation, base: SSAValue, exponent: int
) -> None:
    """Replace `op` by `base ** exponent` in canonical form."""
    if exponent == 1:
        replace_by_value(rewriter, op, base)
    elif exponent == -1:
        rewriter.replace(op, InvOp(base))
    else:
        rewriter.replace(op, PowiOp(base, exponent))


def merge_constants(rewriter: PatternRewriter, op: AddOp | MulOp) -> None:
    """`(x op c1) op c2` is `x op (c1 op c2)` when that constant is finite."""
    if (outer := constant_operand(op)) is None:
        return
    inner_op = outer[0].owner
    if not isinstance(inner_op, type(op)) or (inner := constant_operand(inner_op)) is None:
        return
    if (merged := fold(op, inner[1], outer[1])) is not None:
        constant = ConstantOp(merged)
        rewriter.replace(op, [constant, type(op)(inner[0], constant)])


def feeds_a_power(value: SSAValue) -> bool:
    """Whether `value` is an operand of a power op, directly or through negations."""
    pending = [value]
    while pending:
        for use in pending.pop().uses:
            if isinstance(use.operation, POWER_OPS):
                return True
            if isinstance(use.operation, NegOp):
                pending.append(use.operation.result)
    return False


def multiplication_chain(base: SSAValue, exponent: int) -> list[Operation]:
    """Ops computing `base ** exponent` (exponent >= 2), most significant bit first."""
    ops: list[Operation] = []
    value = base
    for bit in bin(exponent)[3:]:
        ops.append(MulOp(value, value))
        value = ops[-1].results[0]
        if bit == "1":
            ops.append(MulOp(base, value))
            value = ops[-1].results[0]
    return ops


class FoldConstantOperands(RewritePattern):
    """An op of constants becomes the constant it computes, when that is finite."""

    @op_type_rewrite_pattern
    def match_and_rewrite(
        self, op: UnaryOp | BinaryOp | PowiOp, rewriter: PatternRewriter, /
    ) -> None:
        operands = [constant_value(operand) for operand in op.operands]
        if any(operand is None for operand in operands):
            return
        if (value := fold(op, *operands)) is not None:
            rewriter.replace(op, ConstantOp(value))


class AddIdentities(RewritePattern):
    """`x + 0`, `x + neg y`, `x + x`, `(x + c1) + c2`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: AddOp, rewriter: PatternRewriter, /) -> None:
        if (split := constant_operand(op)) is not None and split[1] == 0.0:
            replace_by_value(rewriter, op, split[0])
        elif (negation := negated_operand(op)) is not None:
            rewriter.replace(op, SubOp(*negation))
        elif op.lhs is op.rhs:
            two = ConstantOp(2.0)
            rewriter.replace(op, [two, MulOp(op.lhs, two)])
        else:
            merge_constants(rewriter, op)


class SubIdentities(RewritePattern):
    """`x - 0`, `0 - x`, `x - x`, `x - neg y`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: SubOp, rewriter: PatternRewriter, /) -> None:
        if constant_value(op.rhs) == 0.0:
            replace_by_value(rewriter, op, op.lhs)
        elif constant_value(op.lhs) == 0.0:
            rewriter.replace(op, NegOp(op.rhs))
        elif op.lhs is op.rhs:
            rewriter.replace(op, ConstantOp(0.0))
        elif (inner := negated(op.rhs)) is not None:
            rewriter.replace(op, AddOp(op.lhs, inner))


class MulIdentities(RewritePattern):
    """`x * 1`, `x * 0`, `x * -1`, `(x * c1) * c2`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp, rewriter: PatternRewriter, /) -> None:
        if (split := constant_operand(op)) is None:
            return
        other, value = split
        if value == 1.0:
            replace_by_value(rewriter, op, other)
        elif value == 0.0:
            rewriter.replace(op, ConstantOp(0.0))
        elif value == -1.0:
            rewriter.replace(op, NegOp(other))
        else:
            merge_constants(rewriter, op)


class DivIdentities(RewritePattern):
    """`x / 1`, `x / -1`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DivOp, rewriter: PatternRewriter, /) -> None:
        value = constant_value(op.rhs)
        if value == 1.0:
            replace_by_value(rewriter, op, op.lhs)
        elif value == -1.0:
            rewriter.replace(op, NegOp(op.lhs))


class ProductSigns(RewritePattern):
    """`neg a * neg b` is `a * b`; `neg a * b` is `neg (a * b)`; the same for `/`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp | DivOp, rewriter: PatternRewriter, /) -> None:
        lhs, rhs = negated(op.lhs), negated(op.rhs)
        if lhs is not None and rhs is not None:
            rewriter.replace(op, type(op)(lhs, rhs))
        elif lhs is not None:
            product = type(op)(lhs, op.rhs)
            rewriter.replace(op, [product, NegOp(product)])
        elif rhs is not None:
            product = type(op)(op.lhs, rhs)
            rewriter.replace(op, [product, NegOp(product)])


class DivToMulByReciprocal(RewritePattern):
    """`x / c` is `x * (1/c)` when c is non-zero and 1/c is finite."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DivOp, rewriter: PatternRewriter, /) -> None:
        divisor = constant_value(op.rhs)
        if divisor is None or divisor == 0.0 or not math.isfinite(1.0 / divisor):
            return
        reciprocal = ConstantOp(1.0 / divisor)
        rewriter.replace(op, [reciprocal, MulOp(op.lhs, reciprocal)])


class NegIdentities(RewritePattern):
    """`neg neg x`, `neg c`, `neg (a - b)`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: NegOp, rewriter: PatternRewriter, /) -> None:
        owner = op.arg.owner
        if isinstance(owner, NegOp):
            replace_by_value(rewriter, op, owner.arg)
        elif isinstance(owner, ConstantOp):
            rewriter.replace(op, ConstantOp(-owner.number))
        elif isinstance(owner, SubOp):
            rewriter.replace(op, SubOp(owner.rhs, owner.lhs))


class EvenOddFunctions(RewritePattern):
    """`f(neg x)` is `f(x)` for even f, `neg f(x)` for odd f."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: UnaryOp, rewriter: PatternRewriter, /) -> None:
        if (inner := negated(op.arg)) is None:
            return
        if isinstance(op, EVEN_OPS):
            rewriter.replace(op, type(op)(inner))
        elif isinstance(op, ODD_OPS):
            value = type(op)(inner)
            rewriter.replace(op, [value, NegOp(value)])


class PowersAsPowi(RewritePattern):
    """`square x` is `powi x, 2`; `cube x` is `powi x, 3`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: SquareOp | CubeOp, rewriter: PatternRewriter, /) -> None:
        rewriter.replace(op, PowiOp(op.arg, 2 if isinstance(op, SquareOp) else 3))


class InvIdentities(RewritePattern):
    """`inv (x ** n)` is `x ** -n`: `inv inv x` is `x`, `inv powi x, 2` is `powi x, -2`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: InvOp, rewriter: PatternRewriter, /) -> None:
        if (inner := as_power(op.arg)) is not None:
            replace_by_power(rewriter, op, inner[0], -inner[1])


class PowiIdentities(RewritePattern):
    """Powers of powers multiply exponents; `powi x, -1` is `inv x`; `(neg x) ** n`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: PowiOp, rewriter: PatternRewriter, /) -> None:
        exponent = op.exponent.data
        if (inner := as_power(op.arg)) is not None:
            replace_by_power(rewriter, op, inner[0], inner[1] * exponent)
        elif exponent == -1:
            rewriter.replace(op, InvOp(op.arg))
        elif (base := negated(op.arg)) is not None:
            value = PowiOp(base, exponent)
            rewriter.replace(op, [value] if exponent % 2 == 0 else [value, NegOp(value)])


class ExpandPowi(RewritePattern):
    """`x ** n` becomes a multiplication chain, inverted when n < 0.

    A power that feeds another power waits: the two merge first (`(-x ** 2) ** 3` is
    `-x ** 6`, three multiplications, not `x ** 2` cubed).
    """

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: PowiOp, rewriter: PatternRewriter, /) -> None:
        if feeds_a_power(op.result):
            return
        exponent = op.exponent.data
        ops = multiplication_chain(op.arg, abs(exponent)) if abs(exponent) > 1 else []
        if exponent < 0:
            ops.append(InvOp(ops[-1] if ops else op.arg))
        rewriter.replace(op, ops)
