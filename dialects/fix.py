"""
The `fix` dialect: a fixed-point datapath with exactly the meaning of `ap_fixed`.

`!fix.fixed<W, I>` is `ap_fixed<W,I>` and `!fix.ufixed<W, I>` is `ap_ufixed<W,I>`: W bits,
I of them integer bits (sign included), F = W - I fractional bits; I may be negative or
larger than W. A value's raw integer r stands for r * 2**-F. The type is srcc's one
description of a fixed-point format: the analyses, the emitter and the runtime all use it.

Every op but `fix.cast` and `fix.lut` is exact: its result type is the `ap_fixed`
full-precision type of its operands. The type rules live in the `*_result_type` functions
below, which the verifiers and the lowering from `sym` both use.

    %c = fix.constant 0.75 : !fix.fixed<8, 2>
    %s = fix.add %x, %c : !fix.fixed<8, 2>, !fix.fixed<8, 2> -> !fix.fixed<9, 3>
    %p = fix.mul %s, %s : !fix.fixed<9, 3>, !fix.fixed<9, 3> -> !fix.fixed<18, 6>
    %q = fix.cast %p {round = "rnd", overflow = "sat"} : !fix.fixed<18, 6> -> !fix.fixed<12, 4>
"""

from __future__ import annotations

import math
import re
from abc import ABC
from collections.abc import Callable, Sequence
from enum import auto
from fractions import Fraction
from functools import lru_cache
from typing import ClassVar, Protocol

from xdsl.dialects.builtin import (
    ArrayAttr,
    BoolAttr,
    BytesAttr,
    DenseArrayBase,
    Float64Type,
    FloatAttr,
    IntAttr,
    IntegerAttr,
    IntegerType,
    StringAttr,
    f64,
    i1,
    i64,
)
from xdsl.ir import Attribute, Dialect, Operation, ParametrizedAttribute, SSAValue, TypeAttribute
from xdsl.irdl import (
    BaseAttr,
    IRDLOperation,
    irdl_attr_definition,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.parser import AttrParser, Parser
from xdsl.printer import Printer
from xdsl.traits import Commutative, ConstantLike, Pure
from xdsl.utils.exceptions import VerifyException
from xdsl.utils.str_enum import StrEnum

from srcc.dialects.sym import arg_attribute, float_literal


class _ApMode(StrEnum):
    """An `ap_fixed` mode: the value is its `fix` name, the member name its C++ name."""

    @property
    def cxx(self) -> str:
        """The `ap_fixed` template argument: `AP_RND_CONV`."""
        return f"AP_{self.name}"


class RoundingMode(_ApMode):
    """`fix.cast` rounding (ap_fixed's quantisation) modes."""

    TRN = auto()
    TRN_ZERO = auto()
    RND = auto()
    RND_ZERO = auto()
    RND_MIN_INF = auto()
    RND_INF = auto()
    RND_CONV = auto()


class OverflowMode(_ApMode):
    """`fix.cast` overflow modes."""

    WRAP = auto()
    SAT = auto()
    SAT_ZERO = auto()
    SAT_SYM = auto()


class LutMode(StrEnum):
    """What `fix.lut` does with a cell number outside its table."""

    CLAMP = auto()
    """Use the end cells."""
    WRAP = auto()
    """Take it modulo the table size (a periodic table)."""


class LutSymmetry(StrEnum):
    """Which part of its domain a `fix.lut` table stores (docs/ir.md)."""

    NONE = auto()
    EVEN = auto()
    ODD = auto()
    QUARTER = auto()


Modes = tuple[RoundingMode, OverflowMode]

DEFAULT_MODES: Modes = (RoundingMode.TRN, OverflowMode.WRAP)
"""`ap_fixed`'s own modes (a type without mode arguments): truncate and wrap, both free."""

INPUT_ROUNDING: Modes = (RoundingMode.RND_CONV, OverflowMode.SAT)
"""How floats enter the firmware, each input in its own type: round to nearest, ties to
even; saturate."""


MAX_WIDTH = 1024
"""The widest `fix` type, in bits, and the most integer or fractional bits (of either sign) a
type may have: `ap_fixed.h`'s default AP_INT_MAX_W (its C simulation stops on a wider type),
and a bound within which every value and every ulp is a float64. Types beyond it are refused."""
MAX_TABLE_ENTRY_WIDTH = 64
"""The widest entry of a `fix.lut` table, in bits: entries are stored as i64."""


def limit_problem(width: int, int_bits: int) -> str | None:
    """What makes `<width, int_bits>` exceed `MAX_WIDTH`, or None if nothing does."""
    for what, bits in (
        ("width", width),
        ("integer bits", int_bits),
        ("fractional bits", width - int_bits),
    ):
        if abs(bits) > MAX_WIDTH:
            return (
                f"{what} {bits} beyond srcc's limit of {MAX_WIDTH} "
                "(fix.MAX_WIDTH, ap_fixed's default AP_INT_MAX_W)"
            )
    return None


class Bounds(Protocol):
    """A closed interval [lo, hi]: the analysis `Interval`, `sym.IntervalAttr`."""

    @property
    def lo(self) -> float: ...

    @property
    def hi(self) -> float: ...


class TableStorage(StrEnum):
    """Where a `fix.lut` table is stored (its `fix.storage`)."""

    LUTRAM = auto()
    BRAM = auto()


FORMAT_ATTR = "fix.format"
"""On an argument: the input's own type, the argument's type (on a `sym` argument: the type
the user fixed). On a result: the output's type, the result's type."""
ERROR_BOUND_ATTR = "fix.error_bound"
"""On a result: the proven bound of |output - f| over the declared input ranges."""
DOMINANT_ATTR = "fix.dominated_by"
"""On a result: the op whose own error contributes most to its bound (`sym.floor`,
`input x0`); absent for an exact output."""
OUTPUT_ERROR_ATTR = "fix.output_error"
"""On a result: the error budget the precision was chosen for (none under a uniform type)."""
DOMAIN_ATTR = "fix.domain"
"""On a `fix.lut`: the interval (`#sym.interval`) its `max_error` holds over."""
GUARD_ATTR = "fix.guard"
"""On an even or odd `fix.lut` of a function singular at 0 (f64 g > 0): its `max_error`
holds against f(x) with |x| clamped to at least g, keeping x's sign."""
MODES_ATTR = "fix.modes"
"""On an argument whose type the user fixed: the rounding and overflow modes by which values
enter it (`["trn", "sat"]`); absent: `INPUT_ROUNDING`."""
STORAGE_ATTR = "fix.storage"
"""On a `fix.lut`: a `TableStorage` (none: the HLS tool decides)."""
DIVIDER_ATTR = "fix.divider"
"""On a `fix.div` that computes a division (not a `mod`): why a divider computes it
rather than a reciprocal table (`divider=True`, or the bounds that chose it)."""


class FixType(ParametrizedAttribute, TypeAttribute, ABC):
    """A fixed-point type: `width` bits, `int_bits` of them integer bits."""

    width_attr: IntAttr
    int_bits_attr: IntAttr

    SIGNED: ClassVar[bool]
    CXX_NAME: ClassVar[str]

    def __init__(self, width: int, int_bits: int):
        super().__init__(IntAttr(width), IntAttr(int_bits))

    @classmethod
    def from_bits(cls, int_bits: int, frac_bits: int) -> FixType:
        """The type of this signedness with `int_bits` integer and `frac_bits` fractional
        bits (cached: planners build the same few types many times)."""
        return fix_type(int_bits + frac_bits, int_bits, cls.SIGNED)

    @property
    def width(self) -> int:
        return self.width_attr.data

    @property
    def int_bits(self) -> int:
        return self.int_bits_attr.data

    @property
    def frac_bits(self) -> int:
        return self.width - self.int_bits

    @property
    def signed(self) -> bool:
        return self.SIGNED

    @property
    def min_raw(self) -> int:
        return -(1 << (self.width - 1)) if self.SIGNED else 0

    @property
    def max_raw(self) -> int:
        return (1 << (self.width - 1)) - 1 if self.SIGNED else (1 << self.width) - 1

    @property
    def ulp(self) -> float:
        """The step between neighbouring values, 2**-F."""
        return math.ldexp(1.0, -self.frac_bits)

    @property
    def min_value(self) -> float:
        return -math.ldexp(1.0, self.int_bits - 1) if self.SIGNED else 0.0

    @property
    def max_value(self) -> float:
        return math.ldexp(1.0, self.int_bits - self.SIGNED) - self.ulp

    def holds(self, interval: Bounds) -> bool:
        """Whether every value of `interval` lies within the type's range."""
        return self.min_value <= interval.lo and interval.hi <= self.max_value

    def cxx(self, modes: Modes = DEFAULT_MODES) -> str:
        """The C++ type, `ap_fixed<16,6>` or `ap_ufixed<8,2>`; with its modes when they are
        not ap_fixed's defaults, `ap_fixed<16,6,AP_RND_CONV,AP_SAT>`."""
        arguments = [str(self.width), str(self.int_bits)]
        if modes != DEFAULT_MODES:
            arguments += [mode.cxx for mode in modes]
        return f"{self.CXX_NAME}<{','.join(arguments)}>"

    def value_of(self, raw: int) -> Fraction:
        """The exact real number a raw integer stands for."""
        return Fraction(raw) * Fraction(2) ** -self.frac_bits

    def verify(self) -> None:
        if self.width < 1:
            raise VerifyException(f"{self.name} width must be at least 1, got {self.width}")
        problem = limit_problem(self.width, self.int_bits)
        if problem is not None:
            raise VerifyException(f"{self.name}<{self.width}, {self.int_bits}>: {problem}")

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> list[Attribute]:
        with parser.in_angle_brackets():
            width = parser.parse_integer(allow_boolean=False, context_msg=" (width)")
            parser.parse_punctuation(",")
            int_bits = parser.parse_integer(allow_boolean=False, context_msg=" (integer bits)")
        return [IntAttr(width), IntAttr(int_bits)]

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{self.width}, {self.int_bits}>")


@irdl_attr_definition
class FixedType(FixType):
    """`ap_fixed<W,I>`: two's complement, raw in [-2**(W-1), 2**(W-1))."""

    name = "fix.fixed"
    SIGNED = True
    CXX_NAME = "ap_fixed"

    # Redeclared so that they are dataclass fields (equality, hashing) of the definition.
    width_attr: IntAttr
    int_bits_attr: IntAttr


@irdl_attr_definition
class UFixedType(FixType):
    """`ap_ufixed<W,I>`: raw in [0, 2**W)."""

    name = "fix.ufixed"
    SIGNED = False
    CXX_NAME = "ap_ufixed"

    # Redeclared so that they are dataclass fields (equality, hashing) of the definition.
    width_attr: IntAttr
    int_bits_attr: IntAttr


FIX_TYPE = BaseAttr(FixedType) | BaseAttr(UFixedType)


@lru_cache(maxsize=65536)
def fix_type(width: int, int_bits: int, signed: bool = True) -> FixType:
    """`!fix.fixed<width, int_bits>` or `!fix.ufixed<width, int_bits>`; types are immutable,
    so one object serves every request (building one costs ~10 us, a cache hit ~0.2 us)."""
    return FixedType(width, int_bits) if signed else UFixedType(width, int_bits)


_CXX_TYPE = re.compile(
    r"^\s*(ap_u?fixed)\s*<\s*(-?\d+)\s*,\s*(-?\d+)\s*"
    r"(?:,\s*(AP_\w+)\s*)?(?:,\s*(AP_\w+)\s*)?>\s*$"
)


def parse_cxx_with_modes(text: str) -> tuple[FixType, Modes | None]:
    """The type (and modes) a user spells `ap_fixed<16,6>` or `ap_fixed<8,1,AP_TRN,AP_SAT>`
    (spaces allowed): the modes if any are given (a missing overflow mode is ap_fixed's
    AP_WRAP), else None; ValueError when `text` is not one."""
    match = _CXX_TYPE.match(text)
    if match is None:
        raise ValueError(
            f"{text!r} is not of the form ap_fixed<W,I>, ap_ufixed<W,I> or ap_fixed<W,I,Q,O>"
        )
    width, int_bits = int(match[2]), int(match[3])
    if width < 1:
        raise ValueError(f"{text!r} needs a width of at least 1")
    problem = limit_problem(width, int_bits)
    if problem is not None:
        raise ValueError(f"{text!r}: {problem}")
    type_ = fix_type(width, int_bits, match[1] == "ap_fixed")
    if match[4] is None:
        return type_, None
    round = RoundingMode(_mode_name(RoundingMode, match[4], text))
    overflow = OverflowMode(_mode_name(OverflowMode, match[5] or "AP_WRAP", text))
    return type_, (round, overflow)


def _mode_name(kind: type[_ApMode], spelling: str, text: str) -> str:
    """The `fix` name of the mode spelled `AP_TRN` in C++."""
    for mode in kind:
        if mode.cxx == spelling:
            return mode.value
    known = ", ".join(mode.cxx for mode in kind)
    raise ValueError(f"{text!r}: {spelling} is not a {kind.__name__} (one of {known})")


def parse_cxx(text: str) -> FixType:
    """The type a user spells `ap_fixed<16,6>` or `ap_ufixed<8,2>` (spaces allowed, no
    modes); ValueError when `text` is not one."""
    type_, modes = parse_cxx_with_modes(text)
    if modes is not None:
        raise ValueError(f"{text!r}: rounding and overflow modes are not taken here")
    return type_


def modes_attr(modes: Modes) -> ArrayAttr[StringAttr]:
    """The value of `fix.modes`: `["trn", "sat"]`."""
    return ArrayAttr([StringAttr(str(mode)) for mode in modes])


def input_modes(arg_attrs: Attribute | None, count: int) -> Modes:
    """How the inputs round and overflow: the `fix.modes` of the `count` arguments, which
    must agree, as one `--input-precision` sets them (INPUT_ROUNDING where absent)."""
    found = set()
    for index in range(count):
        attr = arg_attribute(arg_attrs, index, MODES_ATTR)
        if attr is None:
            found.add(INPUT_ROUNDING)
            continue
        if not isinstance(attr, ArrayAttr) or len(attr.data) != 2:
            raise VerifyException(f"{MODES_ATTR} must be [rounding, overflow], got {attr}")
        round, overflow = (item.data for item in attr.data)  # type: ignore[attr-defined]
        _check_choice(MODES_ATTR, "rounding", round, RoundingMode)
        _check_choice(MODES_ATTR, "overflow", overflow, OverflowMode)
        found.add((RoundingMode(round), OverflowMode(overflow)))
    if len(found) > 1:
        spelled = sorted(f"{r.cxx},{o.cxx}" for r, o in found)
        raise VerifyException(
            f"the inputs must share rounding and overflow modes; got {' and '.join(spelled)}"
        )
    return found.pop() if found else INPUT_ROUNDING


# The full-precision type rules (`ap_fixed`'s `RType`). In a signed/unsigned mix, the
# unsigned operand of add, sub, min and max counts one more integer bit; mul needs none.


def _aligned_int_bits(a: FixType, b: FixType) -> tuple[int, int]:
    return (
        a.int_bits + (b.signed and not a.signed),
        b.int_bits + (a.signed and not b.signed),
    )


def _sum_type(a: FixType, b: FixType, signed: bool) -> FixType:
    int_bits = max(_aligned_int_bits(a, b)) + 1
    return fix_type(max(a.frac_bits, b.frac_bits) + int_bits, int_bits, signed)


def add_result_type(a: FixType, b: FixType) -> FixType:
    return _sum_type(a, b, a.signed or b.signed)


def sub_result_type(a: FixType, b: FixType) -> FixType:
    return _sum_type(a, b, True)


def mul_result_type(a: FixType, b: FixType) -> FixType:
    return fix_type(a.width + b.width, a.int_bits + b.int_bits, a.signed or b.signed)


def neg_result_type(a: FixType) -> FixType:
    return fix_type(a.width + 1, a.int_bits + 1)


def abs_result_type(a: FixType) -> FixType:
    return fix_type(a.width + 1, a.int_bits + 1)


def relu_result_type(a: FixType) -> FixType:
    return a


def sign_result_type(a: FixType) -> FixType:
    return fix_type(2, 2)


def minmax_result_type(a: FixType, b: FixType) -> FixType:
    int_bits = max(_aligned_int_bits(a, b))
    return fix_type(max(a.frac_bits, b.frac_bits) + int_bits, int_bits, a.signed or b.signed)


def div_result_type(a: FixType, b: FixType) -> FixType:
    """`ap_fixed`'s quotient type: `<S2 + W1 + max(F2, 0), S2 + I1 + F2>`."""
    return fix_type(
        b.signed + a.width + max(b.frac_bits, 0),
        b.signed + a.int_bits + b.frac_bits,
        a.signed or b.signed,
    )


def truth_result_type(a: FixType, b: FixType) -> FixType:
    return fix_type(1, 1, False)


def shift_result_type(a: FixType, amount: int) -> FixType:
    return fix_type(a.width, a.int_bits + amount, a.signed)


def raw_decimal(raw: int, frac_bits: int) -> str:
    """The exact decimal text of raw * 2**-frac_bits, without building a Fraction."""
    if frac_bits <= 0:
        return f"{raw << -frac_bits}.0"
    if abs(raw) < 2**53 and frac_bits <= 1000:
        # raw * 2**-s is then exact in float64, and printing it with s decimals is exact.
        text = f"{raw * 2.0**-frac_bits:.{frac_bits}f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    sign = "-" if raw < 0 else ""
    # n / 2**s == n * 5**s / 10**s: the digits of n * 5**s, the point s places from the right.
    digits = str(abs(raw) * 5**frac_bits).rjust(frac_bits + 1, "0")
    whole, frac = digits[:-frac_bits], digits[-frac_bits:].rstrip("0")
    return f"{sign}{whole}.{frac or '0'}"


def exact_decimal(value: Fraction) -> str:
    """The exact decimal text of a binary fraction (every one has a finite expansion)."""
    scale = value.denominator.bit_length() - 1
    if value.denominator != 1 << scale:
        raise ValueError(f"{value} is not a binary fraction")
    return raw_decimal(value.numerator, scale)


def _parse_type(parser: Parser) -> FixType:
    pos = parser.pos
    type_ = parser.parse_type()
    if not isinstance(type_, FixType):
        parser.raise_error(f"expected a !fix.fixed or !fix.ufixed type, got {type_}", pos)
    return type_


def _parse_arrow_types(parser: Parser) -> tuple[FixType, FixType]:
    parser.parse_punctuation(":")
    source = _parse_type(parser)
    parser.parse_punctuation("->")
    return source, _parse_type(parser)


def _parse_trailing_attributes(parser: Parser, op: Operation) -> None:
    attributes = parser.parse_optional_attr_dict_with_keyword()
    if attributes is not None:
        op.attributes.update(attributes.data)


def _parse_keyword_dict(
    parser: Parser, fields: dict[str, Callable[[Parser], Attribute]]
) -> dict[str, Attribute]:
    """`{key = value, ...}` with exactly the keys of `fields`, in any order."""
    values: dict[str, Attribute] = {}

    def parse_entry() -> None:
        pos = parser.pos
        key = parser.parse_identifier(" (property name)")
        if key not in fields or key in values:
            parser.raise_error(f"unexpected or repeated property `{key}`", pos)
        parser.parse_punctuation("=")
        values[key] = fields[key](parser)

    parser.parse_comma_separated_list(parser.Delimiter.BRACES, parse_entry)
    missing = [key for key in fields if key not in values]
    if missing:
        parser.raise_error(f"missing properties: {', '.join(missing)}")
    return values


def _parse_str(parser: Parser) -> Attribute:
    return StringAttr(parser.parse_str_literal())


def _parse_int(parser: Parser) -> Attribute:
    return IntAttr(parser.parse_integer(allow_boolean=False))


def _parse_bool(parser: Parser) -> Attribute:
    return IntegerAttr(int(parser.parse_boolean()), i1)


def _parse_f64(parser: Parser) -> Attribute:
    return FloatAttr(float(parser.parse_number()), f64)


def _parse_entries(parser: Parser) -> Attribute:
    entries = parser.parse_comma_separated_list(
        parser.Delimiter.SQUARE, lambda: parser.parse_integer(allow_boolean=False)
    )
    return DenseArrayBase.from_list(i64, entries)


def _build(
    op: IRDLOperation,
    operands: Sequence[SSAValue | Operation],
    result_type: FixType,
    properties: dict[str, Attribute] | None = None,
) -> None:
    """`Operation`'s constructor for an op of one result and fixed operands: what
    `IRDLOperation`'s adds (matching each argument to a variadic definition) has nothing to
    do here, and the lowering builds many ops."""
    Operation.__init__(
        op,
        operands=[SSAValue.get(operand) for operand in operands],
        result_types=[result_type],
        properties=properties or {},
    )


def _check_result_type(op: Operation, expected: FixType) -> None:
    actual = op.results[0].type
    if actual != expected:
        raise VerifyException(f"{op.name} result type must be {expected}, got {actual}")


def _check_choice(op_name: str, what: str, value: str, choices: type[StrEnum]) -> None:
    if value not in [choice.value for choice in choices]:
        raise VerifyException(f"{op_name} {what} must be one of {', '.join(choices)}, got {value}")


@irdl_op_definition
class ConstantOp(IRDLOperation):
    """A fixed-point constant, held as its raw integer; printed as its exact value."""

    name = "fix.constant"

    raw = prop_def(IntAttr)
    result = result_def(FIX_TYPE)

    traits = traits_def(Pure(), ConstantLike())

    def __init__(self, raw: int, type_: FixType):
        _build(self, [], type_, {"raw": IntAttr(raw)})

    @classmethod
    def from_value(cls, value: Fraction | float | int, type_: FixType) -> ConstantOp:
        """The constant `value`, which must be exactly representable in `type_`."""
        scaled = Fraction(value) * Fraction(2) ** type_.frac_bits
        if scaled.denominator != 1 or not type_.min_raw <= scaled <= type_.max_raw:
            raise ValueError(f"{value} is not exactly representable in {type_.cxx()}")
        return cls(scaled.numerator, type_)

    @property
    def type(self) -> FixType:
        return self.result.type  # type: ignore[return-value]

    @property
    def value(self) -> Fraction:
        return self.type.value_of(self.raw.data)

    def verify_(self) -> None:
        type_ = self.type
        if not type_.min_raw <= self.raw.data <= type_.max_raw:
            raise VerifyException(
                f"fix.constant raw value {self.raw.data} is out of range for {type_}"
                f" ([{type_.min_raw}, {type_.max_raw}])"
            )

    @classmethod
    def parse(cls, parser: Parser) -> ConstantOp:
        start = parser.pos
        parser.parse_number()
        text = parser.lexer.input.content[start : parser.pos].strip()
        parser.parse_punctuation(":")
        type_ = _parse_type(parser)
        try:
            op = cls.from_value(Fraction(text), type_)
        except ValueError:
            parser.raise_error(f"{text} is not exactly representable in {type_}", start)
        _parse_trailing_attributes(parser, op)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(f" {exact_decimal(self.value)} : ")
        printer.print_attribute(self.type)
        printer.print_op_attributes(self.attributes, print_keyword=True)


class BinaryOp(IRDLOperation, ABC):
    """Two fixed-point operands, an exact fixed-point result."""

    RESULT_TYPE: ClassVar[Callable[[FixType, FixType], FixType]]

    lhs = operand_def(FIX_TYPE)
    rhs = operand_def(FIX_TYPE)
    result = result_def(FIX_TYPE)

    traits = traits_def(Pure())

    assembly_format = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)"

    def __init__(self, lhs: SSAValue | Operation, rhs: SSAValue | Operation):
        lhs_type = SSAValue.get(lhs).type
        rhs_type = SSAValue.get(rhs).type
        assert isinstance(lhs_type, FixType) and isinstance(rhs_type, FixType)
        _build(self, [lhs, rhs], self.RESULT_TYPE(lhs_type, rhs_type))

    def verify_(self) -> None:
        lhs_type, rhs_type = self.lhs.type, self.rhs.type
        assert isinstance(lhs_type, FixType) and isinstance(rhs_type, FixType)
        _check_result_type(self, self.RESULT_TYPE(lhs_type, rhs_type))


class UnaryOp(IRDLOperation, ABC):
    """One fixed-point operand, an exact fixed-point result."""

    RESULT_TYPE: ClassVar[Callable[[FixType], FixType]]

    arg = operand_def(FIX_TYPE)
    result = result_def(FIX_TYPE)

    traits = traits_def(Pure())

    assembly_format = "$arg attr-dict `:` type($arg) `->` type($result)"

    def __init__(self, arg: SSAValue | Operation):
        arg_type = SSAValue.get(arg).type
        assert isinstance(arg_type, FixType)
        _build(self, [arg], self.RESULT_TYPE(arg_type))

    def verify_(self) -> None:
        assert isinstance(self.arg.type, FixType)
        _check_result_type(self, self.RESULT_TYPE(self.arg.type))


@irdl_op_definition
class AddOp(BinaryOp):
    name = "fix.add"
    traits = traits_def(Pure(), Commutative())
    RESULT_TYPE = staticmethod(add_result_type)


@irdl_op_definition
class SubOp(BinaryOp):
    name = "fix.sub"
    RESULT_TYPE = staticmethod(sub_result_type)


@irdl_op_definition
class MulOp(BinaryOp):
    name = "fix.mul"
    traits = traits_def(Pure(), Commutative())
    RESULT_TYPE = staticmethod(mul_result_type)


@irdl_op_definition
class MinOp(BinaryOp):
    name = "fix.min"
    traits = traits_def(Pure(), Commutative())
    RESULT_TYPE = staticmethod(minmax_result_type)


@irdl_op_definition
class MaxOp(BinaryOp):
    name = "fix.max"
    traits = traits_def(Pure(), Commutative())
    RESULT_TYPE = staticmethod(minmax_result_type)


@irdl_op_definition
class DivOp(BinaryOp):
    """lhs / rhs as `ap_fixed`'s `/` computes it: the raw integers (lhs's shifted left by
    max(F2, 0) bits) divided, truncated toward zero; a divider. rhs must not be 0."""

    name = "fix.div"
    RESULT_TYPE = staticmethod(div_result_type)


@irdl_op_definition
class GtOp(BinaryOp):
    """1 where lhs > rhs, else 0, as `ap_ufixed<1,1>`: a comparator (both operands aligned
    to their common type first)."""

    name = "fix.gt"
    RESULT_TYPE = staticmethod(truth_result_type)


@irdl_op_definition
class SelectOp(IRDLOperation):
    """`lhs` where the 1-bit `condition` is 1, else `rhs`, in their common type: a
    multiplexer."""

    name = "fix.select"

    condition = operand_def(FIX_TYPE)
    lhs = operand_def(FIX_TYPE)
    rhs = operand_def(FIX_TYPE)
    result = result_def(FIX_TYPE)

    traits = traits_def(Pure())

    assembly_format = (
        "$condition `,` $lhs `,` $rhs attr-dict `:` type($condition) `,` type($lhs) `,` "
        "type($rhs) `->` type($result)"
    )

    def __init__(
        self,
        condition: SSAValue | Operation,
        lhs: SSAValue | Operation,
        rhs: SSAValue | Operation,
    ):
        lhs_type, rhs_type = SSAValue.get(lhs).type, SSAValue.get(rhs).type
        assert isinstance(lhs_type, FixType) and isinstance(rhs_type, FixType)
        _build(self, [condition, lhs, rhs], minmax_result_type(lhs_type, rhs_type))

    def verify_(self) -> None:
        lhs_type, rhs_type = self.lhs.type, self.rhs.type
        assert isinstance(lhs_type, FixType) and isinstance(rhs_type, FixType)
        if self.condition.type != fix_type(1, 1, False):
            raise VerifyException(
                f"fix.select condition must be !fix.ufixed<1, 1>, got {self.condition.type}"
            )
        _check_result_type(self, minmax_result_type(lhs_type, rhs_type))


@irdl_op_definition
class NegOp(UnaryOp):
    name = "fix.neg"
    RESULT_TYPE = staticmethod(neg_result_type)


@irdl_op_definition
class AbsOp(UnaryOp):
    name = "fix.abs"
    RESULT_TYPE = staticmethod(abs_result_type)


@irdl_op_definition
class ReluOp(UnaryOp):
    name = "fix.relu"
    RESULT_TYPE = staticmethod(relu_result_type)


@irdl_op_definition
class SignOp(UnaryOp):
    """-1, 0 or 1."""

    name = "fix.sign"
    RESULT_TYPE = staticmethod(sign_result_type)


@irdl_op_definition
class ShiftOp(IRDLOperation):
    """The same raw bits read with the binary point moved: the value times 2**amount."""

    name = "fix.shift"

    arg = operand_def(FIX_TYPE)
    amount = prop_def(IntAttr)
    result = result_def(FIX_TYPE)

    traits = traits_def(Pure())

    def __init__(self, arg: SSAValue | Operation, amount: int):
        arg_type = SSAValue.get(arg).type
        assert isinstance(arg_type, FixType)
        _build(self, [arg], shift_result_type(arg_type, amount), {"amount": IntAttr(amount)})

    def verify_(self) -> None:
        assert isinstance(self.arg.type, FixType)
        _check_result_type(self, shift_result_type(self.arg.type, self.amount.data))

    @classmethod
    def parse(cls, parser: Parser) -> ShiftOp:
        arg = parser.parse_unresolved_operand()
        parser.parse_punctuation(",")
        amount = parser.parse_integer(allow_boolean=False)
        source, result = _parse_arrow_types(parser)
        op = cls.create(
            operands=[parser.resolve_operand(arg, source)],
            properties={"amount": IntAttr(amount)},
            result_types=[result],
        )
        _parse_trailing_attributes(parser, op)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.arg)
        printer.print_string(f", {self.amount.data} : ")
        printer.print_attribute(self.arg.type)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)
        printer.print_op_attributes(self.attributes, print_keyword=True)


@irdl_op_definition
class CastOp(IRDLOperation):
    """Quantise to the result type: the only op besides `fix.lut` that loses information."""

    name = "fix.cast"

    arg = operand_def(FIX_TYPE)
    round = prop_def(StringAttr)
    overflow = prop_def(StringAttr)
    result = result_def(FIX_TYPE)

    traits = traits_def(Pure())

    def __init__(
        self,
        arg: SSAValue | Operation,
        type_: FixType,
        round: RoundingMode = RoundingMode.TRN,
        overflow: OverflowMode = OverflowMode.WRAP,
    ):
        properties = {"round": StringAttr(str(round)), "overflow": StringAttr(str(overflow))}
        _build(self, [arg], type_, properties)

    @property
    def round_mode(self) -> RoundingMode:
        return RoundingMode(self.round.data)

    @property
    def overflow_mode(self) -> OverflowMode:
        return OverflowMode(self.overflow.data)

    @property
    def modes(self) -> Modes:
        return self.round_mode, self.overflow_mode

    def verify_(self) -> None:
        _check_choice(self.name, "round", self.round.data, RoundingMode)
        _check_choice(self.name, "overflow", self.overflow.data, OverflowMode)

    @classmethod
    def parse(cls, parser: Parser) -> CastOp:
        arg = parser.parse_unresolved_operand()
        props = _parse_keyword_dict(parser, {"round": _parse_str, "overflow": _parse_str})
        source, result = _parse_arrow_types(parser)
        op = cls.create(
            operands=[parser.resolve_operand(arg, source)], properties=props, result_types=[result]
        )
        _parse_trailing_attributes(parser, op)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.arg)
        printer.print_string(
            f' {{round = "{self.round.data}", overflow = "{self.overflow.data}"}} : '
        )
        printer.print_attribute(self.arg.type)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)
        printer.print_op_attributes(self.attributes, print_keyword=True)


_LUT_FIELDS: dict[str, Callable[[Parser], Attribute]] = {
    "function": _parse_str,
    "shift": _parse_int,
    "offset": _parse_int,
    "mode": _parse_str,
    "symmetry": _parse_str,
    "interpolate": _parse_bool,
    "max_error": _parse_f64,
    "lipschitz": _parse_f64,
    "entries": _parse_entries,
}


@irdl_op_definition
class LutOp(IRDLOperation):
    """A table lookup indexed by a bit slice of the argument (semantics in docs/ir.md)."""

    name = "fix.lut"

    arg = operand_def(FIX_TYPE)
    function = prop_def(StringAttr)
    shift = prop_def(IntAttr)
    offset = prop_def(IntAttr)
    mode = prop_def(StringAttr)
    symmetry = prop_def(StringAttr)
    interpolate = prop_def(BoolAttr)
    max_error = prop_def(FloatAttr[Float64Type])
    lipschitz = prop_def(FloatAttr[Float64Type])
    entries = prop_def(DenseArrayBase[IntegerType])
    result = result_def(FIX_TYPE)

    traits = traits_def(Pure())

    def __init__(
        self,
        arg: SSAValue | Operation,
        type_: FixType,
        *,
        function: str,
        shift: int,
        offset: int,
        entries: Sequence[int],
        mode: LutMode = LutMode.CLAMP,
        symmetry: LutSymmetry = LutSymmetry.NONE,
        interpolate: bool = False,
        max_error: float = 0.0,
        lipschitz: float = 0.0,
    ):
        properties: dict[str, Attribute] = {
            "function": StringAttr(function),
            "shift": IntAttr(shift),
            "offset": IntAttr(offset),
            "mode": StringAttr(str(mode)),
            "symmetry": StringAttr(str(symmetry)),
            "interpolate": IntegerAttr(int(interpolate), i1),
            "max_error": FloatAttr(max_error, f64),
            "lipschitz": FloatAttr(lipschitz, f64),
            # Packed as they are: DenseArrayBase.from_list normalises each entry in Python.
            "entries": DenseArrayBase(i64, BytesAttr(i64.pack(entries))),
        }
        _build(self, [arg], type_, properties)

    @property
    def table(self) -> tuple[int, ...]:
        return self.entries.get_values()  # type: ignore[return-value]

    @property
    def lut_mode(self) -> LutMode:
        return LutMode(self.mode.data)

    @property
    def lut_symmetry(self) -> LutSymmetry:
        return LutSymmetry(self.symmetry.data)

    @property
    def interpolated(self) -> bool:
        return bool(self.interpolate.value.data)

    @property
    def index_shift(self) -> int:
        """k = F + shift: how many low bits of the argument lie below the table index."""
        assert isinstance(self.arg.type, FixType)
        return self.arg.type.frac_bits + self.shift.data

    def verify_(self) -> None:
        _check_choice(self.name, "mode", self.mode.data, LutMode)
        _check_choice(self.name, "symmetry", self.symmetry.data, LutSymmetry)
        self._verify_shape()
        self._verify_entries()
        for key in ("max_error", "lipschitz"):
            bound = self.properties[key].value.data  # type: ignore[attr-defined]
            if not 0.0 <= bound < float("inf"):
                raise VerifyException(f"fix.lut {key} must be finite and >= 0, got {bound}")

    def _verify_shape(self) -> None:
        symmetry, count = self.lut_symmetry, len(self.table)
        if self.entries.elt_type != i64:
            raise VerifyException("fix.lut entries must be an array<i64>")
        if symmetry is LutSymmetry.QUARTER and self.lut_mode is not LutMode.WRAP:
            raise VerifyException('fix.lut with symmetry "quarter" needs mode "wrap"')
        if not self.interpolated:
            if count < 1:
                raise VerifyException("fix.lut needs at least one entry")
            return
        if symmetry is LutSymmetry.QUARTER:
            raise VerifyException('fix.lut cannot interpolate with symmetry "quarter"')
        if count < 2:
            raise VerifyException("fix.lut with interpolation needs at least two entries")
        if self.index_shift <= 0:
            raise VerifyException(
                f"fix.lut interpolation needs argument bits below the index (k = F + shift > 0),"
                f" got k = {self.index_shift}"
            )

    def _verify_entries(self) -> None:
        result_type = self.result.type
        assert isinstance(result_type, FixType)
        negates = self.lut_symmetry in (LutSymmetry.ODD, LutSymmetry.QUARTER)
        if negates and not result_type.signed:
            raise VerifyException(
                f"fix.lut with symmetry {self.symmetry.data} needs a signed result type"
            )
        low = result_type.min_raw + negates
        for entry in self.table:
            if not low <= entry <= result_type.max_raw:
                raise VerifyException(
                    f"fix.lut entry {entry} is out of range for {result_type}"
                    f" ([{low}, {result_type.max_raw}])"
                )

    @classmethod
    def parse(cls, parser: Parser) -> LutOp:
        arg = parser.parse_unresolved_operand()
        props = _parse_keyword_dict(parser, _LUT_FIELDS)
        source, result = _parse_arrow_types(parser)
        op = cls.create(
            operands=[parser.resolve_operand(arg, source)], properties=props, result_types=[result]
        )
        _parse_trailing_attributes(parser, op)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.arg)
        fields = [
            f"function = {_quoted(self.function.data)}",
            f"shift = {self.shift.data}",
            f"offset = {self.offset.data}",
            f'mode = "{self.mode.data}"',
            f'symmetry = "{self.symmetry.data}"',
            f"interpolate = {'true' if self.interpolated else 'false'}",
            f"max_error = {float_literal(self.max_error.value.data)}",
            f"lipschitz = {float_literal(self.lipschitz.value.data)}",
            f"entries = [{', '.join(map(str, self.table))}]",
        ]
        printer.print_string(f" {{{', '.join(fields)}}} : ")
        printer.print_attribute(self.arg.type)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)
        printer.print_op_attributes(self.attributes, print_keyword=True)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


Fix = Dialect(
    "fix",
    [
        ConstantOp,
        AddOp,
        SubOp,
        MulOp,
        DivOp,
        NegOp,
        AbsOp,
        ReluOp,
        SignOp,
        MinOp,
        MaxOp,
        GtOp,
        SelectOp,
        ShiftOp,
        CastOp,
        LutOp,
    ],
    [FixedType, UFixedType],
)
