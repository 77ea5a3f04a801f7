"""Lower `sym` to `fix`: every value gets the format its precision plan chose.

Each `sym` op becomes the exact `fix` op of the same meaning followed, where the exact
result is wider than the planned format, by a `fix.cast` that truncates (AP_TRN) and wraps
(AP_WRAP): both free in hardware, and the plan guarantees the wrap never happens inside
the declared ranges; under `max_width` the computed outputs round to nearest (AP_RND) and
saturate where their format holds only their range (`Plan.modes`). Inputs are clamped to
their declared range (rounded inward) when their type could hold values outside it, so
nothing downstream leaves its analysed range.

The pass `lower-sym-to-fix` runs range analysis and planning itself. By default fractional
bits come from the error budget (`output_error`, absolute, one value per output or one for
all; default 2**-10 of each output's magnitude), capped by `max_width` (inputs, outputs,
constants, table entries) and `max_intermediate_width` (the rest; default `max_width`); `width` and
`int_bits` instead give every value one uniform type `ap_fixed<width, int_bits>`, as
hls4ml does. The facts a user fixed travel on the `sym` IR: an argument's `fix.format`
is its type; a function op's `sym.domain` and `sym.table_size` (from
`sym-table-override`) fix its table. `max_table_size`, `interpolate` and
`range_reduction` shape every other table.

The lowering records what it proved and chose: each used argument's own type
(`fix.format`), each result's type, error bound and budget (`fix.format`,
`fix.error_bound`, `fix.output_error` on the results), and each table's domain
(`fix.domain` on its `fix.lut`).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.dialects.builtin import ArrayAttr, DictionaryAttr, FloatAttr, StringAttr, f64
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.utils.exceptions import DiagnosticException, VerifyException

from srcc.analysis.fixed_format import quantise_nearest, wrap_into
from srcc.analysis.lut_tables import Table
from srcc.analysis.precision import (
    ErrorModel,
    Plan,
    Planner,
    TableOptions,
    default_budgets,
    fixed_inputs,
    table_function,
    table_too_wide,
    uniform_plan,
)
from srcc.analysis.range_analysis import RangeAnalysis, describe, input_ranges
from srcc.dialects import fix, sym
from srcc.passes.sym_div_to_inv import choose_dividers


def make_plan(
    function: func.FuncOp,
    uniform: fix.FixType | None = None,
    output_error: list[float] | None = None,
    max_width: int | None = None,
    table_options: TableOptions | None = None,
    max_intermediate_width: int | None = None,
) -> Plan:
    """Range analysis, error model and the choice of formats for one `sym` function."""
    model = ErrorModel(
        function,
        RangeAnalysis.of(function),
        table_options or TableOptions(),
        capped=uniform is None and max_width is not None,
    )
    if uniform is not None:
        if model.fixed_types:
            raise DiagnosticException(
                "a uniform precision gives every value one type, inputs too: fix the input "
                "types (input_precision) only with precision auto"
            )
        return uniform_plan(model, uniform)
    budgets = output_error if output_error is not None else default_budgets(model)
    return Planner(model, budgets, max_width, fixed_inputs(function), max_intermediate_width).plan()


@dataclass
class _Lowering:
    plan: Plan
    clamp_inputs: bool
    block: Block
    values: dict[SSAValue, SSAValue]
    constants: dict[tuple[Fraction, fix.FixType], SSAValue] = field(default_factory=dict)
    truths: dict[SSAValue, SSAValue] = field(default_factory=dict)

    def add(self, op: Operation) -> SSAValue:
        self.block.add_op(op)
        return op.results[0]

    def cast(
        self, value: SSAValue, fmt: fix.FixType, modes: fix.Modes = fix.DEFAULT_MODES
    ) -> SSAValue:
        if value.type == fmt:
            return value
        return self.add(fix.CastOp(value, fmt, *modes))

    def constant(self, value: Fraction, fmt: fix.FixType) -> SSAValue:
        return self.add(fix.ConstantOp.from_value(value, fmt))

    def input(self, arg: SSAValue, fmt: fix.FixType, declared: tuple[float, float]) -> SSAValue:
        if not self.clamp_inputs:
            return arg
        scale = Fraction(2) ** fmt.frac_bits
        # Within the type too: a type the user fixed may not reach the declared range.
        lowest, highest = fmt.value_of(fmt.min_raw), fmt.value_of(fmt.max_raw)
        lo = min(Fraction(math.ceil(Fraction(declared[0]) * scale)) / scale, highest)
        hi = max(Fraction(math.floor(Fraction(declared[1]) * scale)) / scale, lowest)
        value = arg
        if lo > fmt.min_value:
            value = self.cast(self.add(fix.MaxOp(value, self.constant(lo, fmt))), fmt)
        if hi < fmt.max_value:
            value = self.cast(self.add(fix.MinOp(value, self.constant(hi, fmt))), fmt)
        return value

    def lower(self, op: Operation) -> None:
        result = op.results[0]
        fmt = self.plan.formats[result]
        if isinstance(op, sym.ConstantOp):
            if op.result.uses and all(
                use.operation in self.plan.moduli and use.index == 1 for use in op.result.uses
            ):
                return
            # Only a uniform type can be too narrow for a constant: it then wraps, as an
            # ap_fixed constant does, and the plan already counts its outputs as unbounded.
            value = wrap_into(quantise_nearest(op.number, fmt.frac_bits), fmt)
            self.values[result] = self.constant(value, fmt)
            return
        # A divisor of mod is no value of the datapath: `modulo` builds it into its logic.
        read = op.operands[:1] if op in self.plan.moduli else op.operands
        operands = [self.values[v] for v in read]
        modes = self.plan.modes.get(result, fix.DEFAULT_MODES)
        if type(op) in _DISCRETE:
            self.values[result] = self.cast(_DISCRETE[type(op)](self, op, operands), fmt, modes)
            return
        if table_function(op) is not None:
            table = self.plan.tables[op]
            arg = operands[0]
            if table.turns is not None:
                arg = self.add(fix.MulOp(arg, self.constant(table.turns, turns_format(table))))
            exact = self.add(lut_op(arg, table))
        else:
            try:
                exact = self.add(_FIX_OPS[type(op)](*operands))
            except VerifyException as error:
                raise DiagnosticException(f"{describe(op)}: its exact result is {error}") from None
        self.values[result] = self.cast(exact, fmt, modes)

    def shared_constant(self, value: Fraction, fmt: fix.FixType) -> SSAValue:
        """A constant of the comparator and mux logic: one op per value and format."""
        key = (value, fmt)
        if key not in self.constants:
            self.constants[key] = self.constant(value, fmt)
        return self.constants[key]

    def truth(self, value: SSAValue) -> SSAValue:
        """1 where `value` > 0, else 0: one comparator against the constant 0 per value."""
        if value not in self.truths:
            zero = self.shared_constant(Fraction(0), _BIT)
            self.truths[value] = self.add(fix.GtOp(value, zero))
        return self.truths[value]

    def floor(self, value: SSAValue) -> SSAValue:
        """floor: the fractional bits dropped (AP_TRN)."""
        fmt = _fix_type(value)
        if fmt.frac_bits <= 0:
            return value
        return self.cast(
            value, fix.fix_type(max(fmt.int_bits, 1), max(fmt.int_bits, 1), fmt.signed)
        )

    def ceil(self, value: SSAValue) -> SSAValue:
        """ceil(x) = floor(x + 1 - ulp): one adder."""
        fmt = _fix_type(value)
        if fmt.frac_bits <= 0:
            return value
        almost_one = fix.fix_type(fmt.frac_bits, 0, False)
        return self.floor(
            self.add(fix.AddOp(value, self.constant(1 - Fraction(fmt.ulp), almost_one)))
        )

    def round(self, value: SSAValue) -> SSAValue:
        """Round to nearest, ties to even (AP_RND_CONV), with one more integer bit for the
        largest values, which round up."""
        fmt = _fix_type(value)
        if fmt.frac_bits <= 0:
            return value
        int_bits = max(fmt.int_bits, 1) + 1
        modes = (fix.RoundingMode.RND_CONV, fix.OverflowMode.WRAP)
        return self.cast(value, fix.fix_type(int_bits, int_bits, fmt.signed), modes)

    def modulo(self, value: SSAValue, divisor: Fraction) -> SSAValue:
        """value mod divisor (> 0), without a divider: the low bits for a power of two;
        else q = floor(value * r) with r ≈ 1/divisor close enough that q is off by at most
        one, value - q * divisor, and one correction each way (comparators and muxes)."""
        fmt = _fix_type(value)
        if (
            divisor.numerator == 1
            and divisor.denominator & (divisor.denominator - 1) == 0
            or (divisor.denominator == 1 and divisor.numerator & (divisor.numerator - 1) == 0)
        ):
            power = divisor.numerator.bit_length() - divisor.denominator.bit_length()
            low_bits = fix.fix_type(power + fmt.frac_bits, power, False)
            if low_bits.width < 1:
                return self.shared_constant(Fraction(0), _BIT)
            return self.cast(value, low_bits)
        magnitude = max(abs(fmt.min_value), fmt.max_value)
        reciprocal = _exact_constant(1 / divisor, math.ceil(math.log2(magnitude + 1)) + 1)
        modulus = self.shared_constant(*_exact_constant(divisor, None))
        quotient = self.floor(self.add(fix.MulOp(value, self.shared_constant(*reciprocal))))
        remainder = self.add(fix.SubOp(value, self.add(fix.MulOp(quotient, modulus))))
        zero = self.shared_constant(Fraction(0), _BIT)
        raised = self.add(fix.AddOp(remainder, modulus))
        remainder = self.add(fix.SelectOp(self.add(fix.GtOp(zero, remainder)), raised, remainder))
        lowered = self.add(fix.SubOp(remainder, modulus))
        below = self.add(fix.GtOp(modulus, remainder))
        return self.add(fix.SelectOp(below, remainder, lowered))

    def divide(self, dividend: SSAValue, divisor: SSAValue, op: Operation) -> SSAValue:
        """A divider: the dividend first widened (exactly) to the result's fractional bits,
        which the quotient keeps (`ap_fixed`'s `/`)."""
        fmt = _fix_type(dividend)
        bits = self.plan.formats[op.results[0]].frac_bits
        if bits > fmt.frac_bits:
            dividend = self.cast(
                dividend, fix.fix_type(fmt.int_bits + bits, fmt.int_bits, fmt.signed)
            )
        division = fix.DivOp(dividend, divisor)
        if op in self.plan.dividers:
            division.attributes[fix.DIVIDER_ATTR] = StringAttr(self.plan.dividers[op])
        return self.add(division)

    def modulo_by(self, value: SSAValue, divisor: SSAValue) -> SSAValue:
        """value mod divisor for a variable divisor, as Julia's `mod`: a divider's quotient
        truncated to an integer q (toward zero), r = value - q * divisor, then r + divisor
        where r is nonzero and its sign differs from the divisor's."""
        quotient = self.add(fix.DivOp(value, divisor))
        quotient_type = _fix_type(quotient)
        int_bits = max(quotient_type.int_bits, 1)
        toward_zero = (fix.RoundingMode.TRN_ZERO, fix.OverflowMode.WRAP)
        whole_type = fix.fix_type(int_bits, int_bits, quotient_type.signed)
        whole = self.cast(quotient, whole_type, toward_zero)
        remainder = self.add(fix.SubOp(value, self.add(fix.MulOp(whole, divisor))))
        zero = self.shared_constant(Fraction(0), _BIT)
        negative = self.add(fix.GtOp(zero, remainder))
        positive = self.add(fix.GtOp(remainder, zero))
        wrong_sign = self.add(fix.SelectOp(self.add(fix.GtOp(zero, divisor)), positive, negative))
        shifted = self.add(fix.AddOp(remainder, divisor))
        return self.add(fix.SelectOp(wrong_sign, shifted, remainder))


_BIT = fix.fix_type(1, 1, False)
"""`ap_ufixed<1,1>`: a comparison's 0 or 1."""


def _fix_type(value: SSAValue) -> fix.FixType:
    assert isinstance(value.type, fix.FixType)
    return value.type


def _exact_log2(value: Fraction) -> int | None:
    """k if value is 2**k, else None."""
    numerator, denominator = value.numerator, value.denominator
    if numerator == 1 and denominator & (denominator - 1) == 0:
        return 1 - denominator.bit_length()
    if denominator == 1 and numerator & (numerator - 1) == 0:
        return numerator.bit_length() - 1
    return None


def _exact_constant(value: Fraction, frac_bits: int | None) -> tuple[Fraction, fix.FixType]:
    """`value` rounded to `frac_bits` fractional bits (None: exactly, a binary fraction), and
    the narrowest unsigned format that holds it."""
    if frac_bits is not None:
        value = quantise_nearest(value, frac_bits)
    frac_bits = value.denominator.bit_length() - 1
    int_bits = max(math.floor(value).bit_length(), 1 - frac_bits) if value else 1
    return value, fix.fix_type(int_bits + frac_bits, int_bits, False)


def _lower_mod(lowering: _Lowering, op: Operation, operands: list[SSAValue]) -> SSAValue:
    if op not in lowering.plan.moduli:
        return lowering.modulo_by(*operands)
    divisor = lowering.plan.moduli[op]
    if sym.constant_value(op.operands[1]) > 0:  # type: ignore[operator]
        return lowering.modulo(operands[0], divisor)
    negated = lowering.add(fix.NegOp(operands[0]))
    return lowering.add(fix.NegOp(lowering.modulo(negated, divisor)))


def _lower_logical(combine: type[fix.MinOp | fix.MaxOp]) -> _Lower:
    def lower(lowering: _Lowering, op: Operation, operands: list[SSAValue]) -> SSAValue:
        return lowering.add(combine(*(lowering.truth(v) for v in operands)))

    return lower


_Lower = Callable[[_Lowering, Operation, list[SSAValue]], SSAValue]

_DISCRETE: dict[type[Operation], _Lower] = {
    sym.FloorOp: lambda lowering, op, args: lowering.floor(args[0]),
    sym.CeilOp: lambda lowering, op, args: lowering.ceil(args[0]),
    sym.RoundOp: lambda lowering, op, args: lowering.round(args[0]),
    sym.GreaterOp: lambda lowering, op, args: lowering.add(fix.GtOp(*args)),
    sym.LogicalAndOp: _lower_logical(fix.MinOp),
    sym.LogicalOrOp: _lower_logical(fix.MaxOp),
    sym.CondOp: lambda lowering, op, args: lowering.add(
        fix.SelectOp(lowering.truth(args[0]), args[1], lowering.shared_constant(Fraction(0), _BIT))
    ),
    sym.SelectOp: lambda lowering, op, args: lowering.add(
        fix.SelectOp(lowering.truth(args[0]), args[1], args[2])
    ),
    sym.ModOp: _lower_mod,
    sym.DivOp: lambda lowering, op, args: lowering.divide(args[0], args[1], op),
}
"""Ops that lower to comparators, muxes and bit slices, each by its own rule."""


_FIX_OPS: dict[type[Operation], type[Operation]] = {
    sym.AddOp: fix.AddOp,
    sym.SubOp: fix.SubOp,
    sym.MulOp: fix.MulOp,
    sym.NegOp: fix.NegOp,
    sym.AbsOp: fix.AbsOp,
    sym.ReluOp: fix.ReluOp,
    sym.SignOp: fix.SignOp,
    sym.MaxOp: fix.MaxOp,
    sym.MinOp: fix.MinOp,
}


def turns_format(table: Table) -> fix.FixType:
    """The format of a periodic table's constant ĉ ≈ 1/(2π): exact, in [-0.5, 0.5)."""
    assert table.turns is not None
    return fix.FixedType.from_bits(0, table.turns.denominator.bit_length() - 1)


def lut_op(arg: SSAValue, table: Table) -> fix.LutOp:
    if table.entry_format.width > fix.MAX_TABLE_ENTRY_WIDTH:
        width = table.entry_format.width
        raise DiagnosticException(table_too_wide(table.function, table.domain, width))
    lut = fix.LutOp(
        arg,
        table.entry_format,
        function=table.function,
        shift=table.shift,
        offset=table.offset,
        entries=table.entries,
        mode=fix.LutMode(table.mode),
        symmetry=fix.LutSymmetry(table.symmetry),
        interpolate=table.interpolate,
        max_error=table.max_error,
        lipschitz=min(table.lipschitz, sys.float_info.max),
    )
    lut.attributes[fix.DOMAIN_ATTR] = table.domain.to_attr()
    if table.guard:
        lut.attributes[fix.GUARD_ATTR] = FloatAttr(table.guard, f64)
    return lut


def lower_function(function: func.FuncOp, plan: Plan, clamp_inputs: bool = True) -> func.FuncOp:
    """A new `fix` function computing `function` in the formats of `plan`.

    Each argument has its input's own format, the type of its port in the HLS top function,
    which values enter by the input modes (`fix.modes`: nearest even and saturating unless
    the user chose); each result has its output's own format."""
    args = list(function.args)
    block = Block(arg_types=[plan.formats[a] for a in args])
    lowering = _Lowering(plan, clamp_inputs, block, {})
    for arg, new_arg, interval in zip(args, block.args, input_ranges(function)):
        new_arg.name_hint = arg.name_hint
        if arg.uses:
            declared = (interval.lo, interval.hi)
            lowering.values[arg] = lowering.input(new_arg, plan.formats[arg], declared)
    body_ops = list(function.body.block.ops)
    for op in body_ops[:-1]:
        lowering.lower(op)
    results = body_ops[-1].operands
    block.add_op(func.ReturnOp(*(lowering.values[v] for v in results)))
    return func.FuncOp(
        function.sym_name.data,
        builtin.FunctionType.from_lists(block.arg_types, [plan.formats[v] for v in results]),
        Region(block),
        arg_attrs=ArrayAttr(_input_facts(function, plan)),
        res_attrs=ArrayAttr(_output_facts(list(results), plan)),
    )


def _input_facts(function: func.FuncOp, plan: Plan) -> list[DictionaryAttr]:
    """Each argument's attributes, with its own type as `fix.format` if the firmware reads it."""
    facts = []
    for index, arg in enumerate(function.args):
        entries: dict[str, Attribute] = {}
        if function.arg_attrs is not None:
            entries.update(function.arg_attrs.data[index].data)  # type: ignore[attr-defined]
        entries.pop(fix.FORMAT_ATTR, None)
        if arg.uses:
            entries[fix.FORMAT_ATTR] = plan.formats[arg]
        facts.append(DictionaryAttr(entries))
    return facts


def _output_facts(results: list[SSAValue], plan: Plan) -> list[DictionaryAttr]:
    """Each output's type, its error bound and the budget it
    was planned for (none under a uniform type)."""
    facts = []
    for value, bound, budget, dominant in zip(
        results, plan.output_bounds, plan.budgets, plan.dominant
    ):
        entries: dict[str, Attribute] = {
            fix.FORMAT_ATTR: plan.formats[value],
            fix.ERROR_BOUND_ATTR: FloatAttr(bound, f64),
        }
        if math.isfinite(budget):
            entries[fix.OUTPUT_ERROR_ATTR] = FloatAttr(budget, f64)
        if dominant:
            entries[fix.DOMINANT_ATTR] = StringAttr(dominant)
        facts.append(DictionaryAttr(entries))
    return facts


@dataclass(frozen=True)
class LowerSymToFixPass(ModulePass):
    """Range analysis, precision planning and lowering of every `sym` function to `fix`."""

    name = "lower-sym-to-fix"

    output_error: tuple[int | float, ...] = ()
    """Absolute error budget per output, or one for every output; none: the default."""
    max_width: int | None = None
    """A cap on the width in bits of stored and interface values: inputs, outputs,
    constants, table entries."""
    max_intermediate_width: int | None = None
    """A cap on the width of the intermediates inside the datapath (None: `max_width`)."""
    width: int | None = None
    """With `int_bits`: every value in `ap_fixed<width, int_bits>` (uniform precision)."""
    int_bits: int | None = None
    max_table_size: int = 1024
    """Entries per table, a power of two."""
    interpolate: bool | None = None
    """Linear interpolation in every table (true), none (false), or where it pays."""
    range_reduction: bool = True
    """Tables of odd and even functions store half their domain; sin/cos a quarter wave."""
    divider: bool | None = None
    """Reciprocals (`sym.inv`, a division after `sym-div-to-inv`, also one fused into a
    `sym.composite`, whose chain is then un-fused) computed by dividers: all (true), none
    (false), or where the tables miss a budget and a divider lowers the bound
    (`sym_div_to_inv.choose_dividers`)."""

    def __post_init__(self) -> None:
        for name in ("max_width", "max_intermediate_width"):
            cap = getattr(self, name)
            if cap is not None and cap < 2:
                raise DiagnosticException(
                    f"{name} must be at least 2 bits (a sign and one more), got {cap}"
                )
        if (self.width is None) != (self.int_bits is None):
            raise DiagnosticException("width and int_bits go together: ap_fixed<width, int_bits>")
        if self.width is not None and self.width < 1:
            raise DiagnosticException(f"width must be at least 1 bit, got {self.width}")
        size = self.max_table_size
        if size < 2 or size & (size - 1):
            raise DiagnosticException(f"max_table_size must be a power of two >= 2, got {size}")
        if not all(0 < budget < math.inf for budget in self.output_error):
            raise DiagnosticException(
                f"output_error must be positive and finite, got {self.output_error}"
            )

    @property
    def uniform(self) -> fix.FixType | None:
        if self.width is None or self.int_bits is None:
            return None
        return fix.FixedType(self.width, self.int_bits)

    def table_options(self) -> TableOptions:
        return TableOptions(
            max_log2_cells=self.max_table_size.bit_length() - 1,
            interpolate=self.interpolate,
            symmetric=self.range_reduction,
        )

    def budgets(self, outputs: int) -> list[float] | None:
        if not self.output_error:
            return None
        if len(self.output_error) == 1:
            return [float(self.output_error[0])] * outputs
        if len(self.output_error) != outputs:
            raise DiagnosticException(
                f"output_error needs 1 or {outputs} values, got {len(self.output_error)}"
            )
        return [float(budget) for budget in self.output_error]

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in list(op.walk()):
            if not isinstance(function, func.FuncOp):
                continue
            outputs = len(function.function_type.outputs.data)
            plan_of = partial(
                make_plan,
                uniform=self.uniform,
                output_error=self.budgets(outputs),
                max_width=self.max_width,
                table_options=self.table_options(),
                max_intermediate_width=self.max_intermediate_width,
            )
            # A uniform type has no budget to miss: its divisions stay tables unless forced.
            divider = False if self.uniform is not None and self.divider is None else self.divider
            chosen, plan = choose_dividers(function, divider, plan_of)
            lowered = lower_function(chosen, plan, clamp_inputs=self.uniform is None)
            function.detach()
            op.body.block.add_op(lowered)
