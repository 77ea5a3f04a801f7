"""
The `sym` dialect: real-valued symbolic-regression expressions.

A model is a `func.func` whose arguments are the inputs and whose results are the
outputs. Every value is an `f64` standing for a real number; each op is one operator
of the expression language (PySR's operators included). Arguments carry their user
name as the argument attribute `sym.name` and, once known, their range as
`sym.range = #sym.interval<lo, hi>`.

Each op carries its float64 semantics (`evaluate`, numpy arrays in and out), which the
constant folder and the reference evaluator both use, so the two can never disagree.

    %0 = sym.constant 1.5
    %1 = sym.mul %x, %0
    %2 = sym.sin %1
    %3 = sym.powi %2, 3
"""

from __future__ import annotations

import math
from abc import ABC
from collections.abc import Callable, Sequence
from enum import Enum
from typing import ClassVar

import numpy as np
from xdsl.dialects.builtin import Float64Type, FloatAttr, FloatData, IntAttr, IntegerAttr, f64
from xdsl.ir import (
    Attribute,
    BlockArgument,
    Dialect,
    Operation,
    ParametrizedAttribute,
    Region,
    SSAValue,
)
from xdsl.irdl import (
    IRDLOperation,
    irdl_attr_definition,
    irdl_op_definition,
    lazy_traits_def,
    operand_def,
    prop_def,
    region_def,
    result_def,
    traits_def,
)
from xdsl.parser import AttrParser, Parser
from xdsl.pattern_rewriter import RewritePattern
from xdsl.printer import Printer
from xdsl.traits import (
    Commutative,
    ConstantLike,
    HasCanonicalizationPatternsTrait,
    HasParent,
    IsolatedFromAbove,
    IsTerminator,
    Pure,
)
from xdsl.utils.exceptions import VerifyException

Array = np.ndarray

NAME_ATTR = "sym.name"
RANGE_ATTR = "sym.range"
DOMAIN_ATTR = "sym.domain"
"""On a unary op: an interval its argument is clamped into first (the domain of the op's
lookup table, when the user narrows it)."""
TABLE_SIZE_ATTR = "sym.table_size"
"""On a unary op that lowers to a table: the entries the user fixed (a power of two)."""
GUARD_ATTR = "sym.guard"
"""On a unary op singular at 0 (`Singularity`): eps > 0, the argument is kept at least eps
away from 0 (after any `sym.domain` clamp), see `guarded`."""
POWER_BASE_ATTR = "sym.power_base"
"""On a `sym.log` or `sym.log_abs` (a unit attribute): it is the log of a power's base,
x ** y = exp(y * log x) or pow_abs(x, y) = exp(y * log|x|), so a domain error speaks of the
power."""


@irdl_attr_definition
class IntervalAttr(ParametrizedAttribute):
    """The closed interval [lo, hi] of finite floats: `#sym.interval<-1.0, 2.5>`. An input's
    declared range, a value's analysed range (`sym.range`) and a clamp (`sym.domain`)."""

    name = "sym.interval"

    lo_attr: FloatData
    hi_attr: FloatData

    def __init__(self, lo: float, hi: float):
        super().__init__(FloatData(float(lo)), FloatData(float(hi)))

    @property
    def lo(self) -> float:
        return self.lo_attr.data

    @property
    def hi(self) -> float:
        return self.hi_attr.data

    def verify(self) -> None:
        if not (math.isfinite(self.lo) and math.isfinite(self.hi) and self.lo <= self.hi):
            raise VerifyException(
                f"{self.name} needs finite bounds lo <= hi, got [{self.lo}, {self.hi}]"
            )

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            lo = parser.parse_number(context_msg=" (lower bound)")
            parser.parse_punctuation(",")
            hi = parser.parse_number(context_msg=" (upper bound)")
        return [FloatData(float(lo)), FloatData(float(hi))]

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{float_literal(self.lo)}, {float_literal(self.hi)}>")


def _with_errstate(fn: Callable[..., Array]) -> Callable[..., Array]:
    """Outside an op's domain the value is NaN, silently: range analysis reports domains."""

    def wrapped(*args: Array) -> Array:
        with np.errstate(all="ignore"):
            return fn(*args)

    return wrapped


@irdl_op_definition
class ConstantOp(IRDLOperation):
    """A real constant, held as a float64."""

    name = "sym.constant"

    value = prop_def(FloatAttr)
    result = result_def(Float64Type)

    traits = traits_def(Pure(), ConstantLike())

    def __init__(self, value: float):
        super().__init__(properties={"value": FloatAttr(float(value), f64)}, result_types=[f64])

    @property
    def number(self) -> float:
        return float(self.value.value.data)

    def verify_(self) -> None:
        if not np.isfinite(self.number):
            raise VerifyException(f"sym.constant must be finite, got {self.number}")

    @classmethod
    def parse(cls, parser: Parser) -> ConstantOp:
        value = parser.parse_float()
        attrs = parser.parse_optional_attr_dict()
        op = cls(value)
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_string(float_literal(self.number))
        printer.print_op_attributes(self.attributes)


# The patterns live with the passes, imported on first use: a dialect does not import
# passes when it loads (as xDSL's arith and `xdsl.transforms.canonicalization_patterns`).
# Each pattern matches its own op types; the first that applies wins, folding before all.
class UnaryOpHasCanonicalizationPatterns(HasCanonicalizationPatternsTrait):
    @classmethod
    def get_canonicalization_patterns(cls) -> tuple[RewritePattern, ...]:
        from srcc.passes.canonicalization import sym

        return (
            sym.FoldConstantOperands(),
            sym.NegIdentities(),
            sym.EvenOddFunctions(),
            sym.PowersAsPowi(),
            sym.InvIdentities(),
        )


class BinaryOpHasCanonicalizationPatterns(HasCanonicalizationPatternsTrait):
    @classmethod
    def get_canonicalization_patterns(cls) -> tuple[RewritePattern, ...]:
        from srcc.passes.canonicalization import sym

        return (
            sym.FoldConstantOperands(),
            sym.AddIdentities(),
            sym.SubIdentities(),
            sym.MulIdentities(),
            sym.DivIdentities(),
            sym.ProductSigns(),
            sym.DivToMulByReciprocal(),
        )


class PowiOpHasCanonicalizationPatterns(HasCanonicalizationPatternsTrait):
    @classmethod
    def get_canonicalization_patterns(cls) -> tuple[RewritePattern, ...]:
        from srcc.passes.canonicalization import sym

        return (sym.FoldConstantOperands(), sym.PowiIdentities(), sym.ExpandPowi())


class Singularity(Enum):
    """Where a function has no finite value near 0, and how a guard (`sym.guard`) keeps its
    argument away: `POSITIVE` (log: x <= 0) and `NONNEGATIVE` (sqrt: x < 0) clamp the
    argument to at least eps; `NONZERO` (log_abs, inv: x = 0) moves it to eps or -eps,
    keeping its sign (0 goes to eps)."""

    POSITIVE = "positive"
    NONNEGATIVE = "nonnegative"
    NONZERO = "nonzero"


def guarded(arg: Array, eps: float, singularity: Singularity) -> Array:
    """The argument a guard of `eps` passes on (see `Singularity`)."""
    if singularity is Singularity.NONZERO:
        return np.where(arg >= 0.0, np.maximum(arg, eps), np.minimum(arg, -eps))
    return np.maximum(arg, eps)


class UnaryOp(IRDLOperation, ABC):
    """One real argument, one real result."""

    NUMPY_FN: ClassVar[Callable[[Array], Array]]
    SINGULARITY: ClassVar[Singularity | None] = None
    """Where the function is singular or undefined around 0, if it is: such an op may carry
    a guard (`sym.guard`)."""

    @property
    def domain(self) -> IntervalAttr | None:
        """The clamp of the argument, if the op carries `sym.domain`."""
        domain = self.attributes.get(DOMAIN_ATTR)
        assert domain is None or isinstance(domain, IntervalAttr)
        return domain

    @property
    def table_size(self) -> int | None:
        """The entries of the op's table, if the user fixed them (`sym.table_size`)."""
        size = self.attributes.get(TABLE_SIZE_ATTR)
        return size.value.data if isinstance(size, IntegerAttr) else None

    @property
    def guard(self) -> float | None:
        """The eps of the op's guard, if it carries `sym.guard`."""
        guard = self.attributes.get(GUARD_ATTR)
        return guard.value.data if isinstance(guard, FloatAttr) else None

    def evaluate(self, arg: Array) -> Array:
        domain = self.domain
        if domain is not None:
            arg = np.clip(arg, domain.lo, domain.hi)
        eps = self.guard
        if eps is not None:
            assert self.SINGULARITY is not None
            arg = guarded(arg, eps, self.SINGULARITY)
        return self.NUMPY_FN(arg)

    def verify_(self) -> None:
        domain = self.attributes.get(DOMAIN_ATTR)
        if domain is not None and not isinstance(domain, IntervalAttr):
            raise VerifyException(
                f"{self.name} {DOMAIN_ATTR} must be a #sym.interval, got {domain}"
            )
        if GUARD_ATTR in self.attributes:
            self._verify_guard()

    def _verify_guard(self) -> None:
        eps = self.guard
        if self.SINGULARITY is None:
            raise VerifyException(f"{self.name} is nowhere singular: it takes no {GUARD_ATTR}")
        if eps is None or not (0.0 < eps < math.inf):
            raise VerifyException(
                f"{self.name} {GUARD_ATTR} must be a positive finite f64, "
                f"got {self.attributes[GUARD_ATTR]}"
            )

    arg = operand_def(Float64Type)
    result = result_def(Float64Type)

    traits = traits_def(Pure(), UnaryOpHasCanonicalizationPatterns())

    assembly_format = "$arg attr-dict"

    def __init__(self, arg: SSAValue | Operation):
        super().__init__(operands=[arg], result_types=[f64])


class BinaryOp(IRDLOperation, ABC):
    """Two real arguments, one real result."""

    NUMPY_FN: ClassVar[Callable[[Array, Array], Array]]

    def evaluate(self, lhs: Array, rhs: Array) -> Array:
        return self.NUMPY_FN(lhs, rhs)

    lhs = operand_def(Float64Type)
    rhs = operand_def(Float64Type)
    result = result_def(Float64Type)

    traits = traits_def(Pure(), BinaryOpHasCanonicalizationPatterns())

    assembly_format = "$lhs `,` $rhs attr-dict"

    def __init__(self, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        super().__init__(operands=[lhs, rhs], result_types=[f64])


@irdl_op_definition
class AddOp(BinaryOp):
    name = "sym.add"
    traits = traits_def(Pure(), Commutative())
    NUMPY_FN = staticmethod(np.add)


@irdl_op_definition
class SubOp(BinaryOp):
    name = "sym.sub"
    NUMPY_FN = staticmethod(np.subtract)


@irdl_op_definition
class MulOp(BinaryOp):
    name = "sym.mul"
    traits = traits_def(Pure(), Commutative())
    NUMPY_FN = staticmethod(np.multiply)


@irdl_op_definition
class DivOp(BinaryOp):
    name = "sym.div"
    NUMPY_FN = staticmethod(_with_errstate(np.divide))


def _binary(
    op_name: str, fn: Callable[[Array, Array], Array], doc: str, commutative: bool = False
) -> type[BinaryOp]:
    traits = traits_def(Pure(), Commutative()) if commutative else BinaryOp.traits
    cls = type(
        "".join(part.capitalize() for part in op_name.split("_")) + "Op",
        (BinaryOp,),
        {
            "name": f"sym.{op_name}",
            "NUMPY_FN": staticmethod(_with_errstate(fn)),
            "__doc__": doc,
            "traits": traits,
        },
    )
    return irdl_op_definition(cls)


def _truth(values: Array) -> Array:
    return np.where(values, 1.0, 0.0)


MaxOp = _binary("max", np.maximum, "the larger of a and b: a comparator and a mux", True)
MinOp = _binary("min", np.minimum, "the smaller of a and b: a comparator and a mux", True)
ModOp = _binary(
    "mod",
    np.mod,
    "a - b*floor(a/b), the divisor's sign (Julia): low bits for b = 2**k, else a constant "
    "multiplier, a floor and two comparator-mux corrections; a divider for a variable b",
)
CondOp = _binary(
    "cond", lambda a, b: np.where(a > 0.0, b, 0.0), "b where a > 0, else 0: a comparator, a mux"
)
GreaterOp = _binary("greater", lambda a, b: _truth(a > b), "1 where a > b, else 0: a comparator")
LogicalOrOp = _binary(
    "logical_or",
    lambda a, b: _truth((a > 0.0) | (b > 0.0)),
    "1 where a > 0 or b > 0, else 0: two comparators against 0 and an OR",
    True,
)
LogicalAndOp = _binary(
    "logical_and",
    lambda a, b: _truth((a > 0.0) & (b > 0.0)),
    "1 where a > 0 and b > 0, else 0: two comparators against 0 and an AND",
    True,
)


@irdl_op_definition
class SelectOp(IRDLOperation):
    """`a` where `condition` > 0, else `b` (a branch of `Piecewise`): a comparator, a mux."""

    name = "sym.select"

    condition = operand_def(Float64Type)
    lhs = operand_def(Float64Type)
    rhs = operand_def(Float64Type)
    result = result_def(Float64Type)

    traits = traits_def(Pure())

    assembly_format = "$condition `,` $lhs `,` $rhs attr-dict"

    def __init__(
        self,
        condition: SSAValue | Operation,
        lhs: SSAValue | Operation,
        rhs: SSAValue | Operation,
    ):
        super().__init__(operands=[condition, lhs, rhs], result_types=[f64])

    def evaluate(self, condition: Array, lhs: Array, rhs: Array) -> Array:
        return np.where(condition > 0.0, lhs, rhs)


@irdl_op_definition
class PowiOp(IRDLOperation):
    """`arg ** exponent` for an integer exponent other than 0 and 1."""

    name = "sym.powi"

    arg = operand_def(Float64Type)
    exponent = prop_def(IntAttr)
    result = result_def(Float64Type)

    traits = traits_def(Pure(), PowiOpHasCanonicalizationPatterns())

    def __init__(self, arg: SSAValue | Operation, exponent: int):
        super().__init__(
            operands=[arg], properties={"exponent": IntAttr(exponent)}, result_types=[f64]
        )

    @classmethod
    def parse(cls, parser: Parser) -> PowiOp:
        arg = parser.resolve_operand(parser.parse_unresolved_operand(), f64)
        parser.parse_punctuation(",")
        exponent = parser.parse_integer()
        attrs = parser.parse_optional_attr_dict()
        op = cls(arg, exponent)
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.arg)
        printer.print_string(f", {self.exponent.data}")
        printer.print_op_attributes(self.attributes)

    def verify_(self) -> None:
        if self.exponent.data in (0, 1):
            raise VerifyException(f"sym.powi exponent must not be 0 or 1, got {self.exponent.data}")

    def evaluate(self, arg: Array) -> Array:
        with np.errstate(all="ignore"):
            return np.power(arg, float(self.exponent.data))


def _unary(
    op_name: str,
    fn: Callable[[Array], Array],
    doc: str,
    singularity: Singularity | None = None,
) -> type[UnaryOp]:
    cls = type(
        "".join(part.capitalize() for part in op_name.split("_")) + "Op",
        (UnaryOp,),
        {
            "name": f"sym.{op_name}",
            "NUMPY_FN": staticmethod(_with_errstate(fn)),
            "SINGULARITY": singularity,
            "__annotations__": {"SINGULARITY": ClassVar[Singularity | None]},
            "__doc__": doc,
        },
    )
    return irdl_op_definition(cls)


def _gauss(u: Array) -> Array:
    return np.exp(-np.square(u))


def _elementwise(fn: Callable[[float], float]) -> Callable[[Array], Array]:
    """A numpy function from a scalar `math` one (numpy has no erf or gamma): NaN where
    `fn` is undefined, inf where it overflows."""

    def scalar(x: float) -> float:
        try:
            return fn(x)
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf

    vectorized = np.frompyfunc(scalar, 1, 1)

    def apply(x: Array) -> Array:
        return np.asarray(vectorized(np.asarray(x, dtype=float)), dtype=float)

    return apply


def _atanh_clip(x: Array) -> Array:
    """PySR's atanh((x + 1) mod 2 - 1); numpy's mod, like Julia's, takes the divisor's sign."""
    return np.arctanh(np.mod(x + 1.0, 2.0) - 1.0)


NegOp = _unary("neg", np.negative, "-x")
SinOp = _unary("sin", np.sin, "sin(x), x in radians")
CosOp = _unary("cos", np.cos, "cos(x), x in radians")
TanOp = _unary("tan", np.tan, "tan(x), x in radians")
ExpOp = _unary("exp", np.exp, "e**x")
LogOp = _unary("log", np.log, "natural logarithm, defined for x > 0", Singularity.POSITIVE)
SqrtOp = _unary("sqrt", np.sqrt, "square root, defined for x >= 0", Singularity.NONNEGATIVE)
AbsOp = _unary("abs", np.abs, "|x|")
SinhOp = _unary("sinh", np.sinh, "hyperbolic sine")
CoshOp = _unary("cosh", np.cosh, "hyperbolic cosine")
TanhOp = _unary("tanh", np.tanh, "hyperbolic tangent")
AsinOp = _unary("asin", np.arcsin, "arcsine, defined on [-1, 1]")
AcosOp = _unary("acos", np.arccos, "arccosine, defined on [-1, 1]")
AtanOp = _unary("atan", np.arctan, "arctangent")
SquareOp = _unary("square", np.square, "x**2 (PySR `square`)")
CubeOp = _unary("cube", lambda x: x * x * x, "x**3 (PySR `cube`)")
InvOp = _unary("inv", np.reciprocal, "1/x (PySR `inv`)", Singularity.NONZERO)
SignOp = _unary("sign", np.sign, "-1, 0 or 1 (PySR `sign`)")
ReluOp = _unary("relu", lambda x: np.maximum(x, 0.0), "max(x, 0) (PySR `relu`)")
LogAbsOp = _unary(
    "log_abs", lambda x: np.log(np.abs(x)), "log|x| (PySR `log_abs`)", Singularity.NONZERO
)
SqrtAbsOp = _unary("sqrt_abs", lambda x: np.sqrt(np.abs(x)), "sqrt|x| (PySR `sqrt_abs`)")
GaussOp = _unary("gauss", _gauss, "exp(-x**2)")
FloorOp = _unary("floor", np.floor, "the largest integer <= x: the fractional bits dropped")
CeilOp = _unary("ceil", np.ceil, "the smallest integer >= x: one adder (x + 1 - ulp), then floor")
RoundOp = _unary("round", np.round, "the nearest integer, ties to even: one rounding adder")
ErfOp = _unary("erf", _elementwise(math.erf), "the error function")
ErfcOp = _unary("erfc", _elementwise(math.erfc), "the complementary error function 1 - erf(x)")
GammaOp = _unary("gamma", _elementwise(math.gamma), "the gamma function, poles at 0, -1, -2, ...")
AsinhOp = _unary("asinh", np.arcsinh, "inverse hyperbolic sine")
AcoshOp = _unary("acosh", np.arccosh, "inverse hyperbolic cosine, defined for x >= 1")
AtanhOp = _unary("atanh", np.arctanh, "inverse hyperbolic tangent, defined on (-1, 1)")
AtanhClipOp = _unary(
    "atanh_clip", _atanh_clip, "atanh((x + 1) mod 2 - 1) (PySR `atanh_clip`), poles at odd x"
)


@irdl_op_definition
class CompositeOp(UnaryOp):
    """f(arg) for the one-argument function f that its body computes: a chain of `sym` ops
    of one value (its block argument) that lowers to one table (`sym-composite`).

        %f = sym.composite %x {
        ^bb0(%u: f64):
          %0 = sym.exp %u
          %1 = sym.constant -1.0
          %2 = sym.add %0, %1
          %3 = sym.inv %2
          sym.yield %3
        }
    """

    name = "sym.composite"

    body = region_def("single_block")

    traits = traits_def(Pure(), IsolatedFromAbove())

    assembly_format = "$arg $body attr-dict"

    def __init__(self, arg: SSAValue | Operation, body: Region):
        IRDLOperation.__init__(self, operands=[arg], result_types=[f64], regions=[body])

    @property
    def parameter(self) -> BlockArgument:
        """The body's argument: where `arg` stands inside it."""
        return self.body.block.args[0]

    @property
    def returned(self) -> SSAValue:
        """The body's value, which `sym.yield` returns."""
        last = self.body.block.last_op
        assert isinstance(last, YieldOp)
        return last.value

    def evaluate(self, arg: Array) -> Array:
        domain = self.domain
        if domain is not None:
            arg = np.clip(arg, domain.lo, domain.hi)
        values: dict[SSAValue, Array] = {self.parameter: arg}
        for op in self.body.block.ops:
            if isinstance(op, YieldOp):
                break
            if isinstance(op, ConstantOp):
                values[op.result] = np.full(np.shape(arg), op.number)
            else:
                values[op.results[0]] = op.evaluate(*(values[v] for v in op.operands))
        return values[self.returned]

    def verify_(self) -> None:
        super().verify_()
        block = self.body.block
        if len(block.args) != 1 or block.args[0].type != f64:
            raise VerifyException("sym.composite's body takes one f64 argument")
        if not isinstance(block.last_op, YieldOp):
            raise VerifyException("sym.composite's body ends with sym.yield")
        for op in block.ops:
            if not isinstance(op, YieldOp | ConstantOp | PowiOp | UnaryOp | BinaryOp):
                raise VerifyException(f"sym.composite's body holds arithmetic only, not {op.name}")


@irdl_op_definition
class YieldOp(IRDLOperation):
    """The value of a `sym.composite` body."""

    name = "sym.yield"

    value = operand_def(Float64Type)

    traits = lazy_traits_def(lambda: (HasParent(CompositeOp), IsTerminator(), Pure()))

    assembly_format = "$value attr-dict"

    def __init__(self, value: SSAValue | Operation):
        super().__init__(operands=[value])


UNARY_OPS: dict[str, type[UnaryOp]] = {
    cls.name.removeprefix("sym."): cls
    for cls in (
        NegOp,
        SinOp,
        CosOp,
        TanOp,
        ExpOp,
        LogOp,
        SqrtOp,
        AbsOp,
        SinhOp,
        CoshOp,
        TanhOp,
        AsinOp,
        AcosOp,
        AtanOp,
        SquareOp,
        CubeOp,
        InvOp,
        SignOp,
        ReluOp,
        LogAbsOp,
        SqrtAbsOp,
        GaussOp,
        FloorOp,
        CeilOp,
        RoundOp,
        ErfOp,
        ErfcOp,
        GammaOp,
        AsinhOp,
        AcoshOp,
        AtanhOp,
        AtanhClipOp,
    )
}
"""Every unary op by its short name (`"sin"`, `"log_abs"`, ...)."""

BINARY_OPS: dict[str, type[BinaryOp]] = {
    cls.name.removeprefix("sym."): cls
    for cls in (
        AddOp,
        SubOp,
        MulOp,
        DivOp,
        MaxOp,
        MinOp,
        ModOp,
        CondOp,
        GreaterOp,
        LogicalOrOp,
        LogicalAndOp,
    )
}
"""Every binary op by its short name (`"add"`, `"greater"`, ...)."""


def float_literal(value: float) -> str:
    """The shortest text that parses back to exactly `value`, in MLIR float syntax."""
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}e{exponent}" if exponent else mantissa


def constant_value(value: SSAValue) -> float | None:
    """The float a value is known to hold, if it is the result of a `sym.constant`."""
    owner = value.owner
    if isinstance(owner, ConstantOp):
        return owner.number
    return None


def arg_attribute(func_arg_attrs: Attribute | None, index: int, key: str) -> Attribute | None:
    """Argument attribute `key` of argument `index`, given a `func.func`'s `arg_attrs`."""
    if func_arg_attrs is None:
        return None
    return func_arg_attrs.data[index].data.get(key)  # type: ignore[union-attr]


Sym = Dialect(
    "sym",
    [
        ConstantOp,
        PowiOp,
        SelectOp,
        CompositeOp,
        YieldOp,
        *BINARY_OPS.values(),
        *UNARY_OPS.values(),
    ],
    [IntervalAttr],
)
