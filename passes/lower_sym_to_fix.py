"""Lower `sym` to `fix`: every value gets the format its precision plan chose.

Each `sym` op becomes the exact `fix` op of the same meaning followed, where the exact
result is wider than the planned format, by a `fix.cast` that truncates (AP_TRN) and wraps
(AP_WRAP): both free in hardware, and the plan guarantees the wrap never happens inside
the declared ranges. Inputs are clamped to their declared range (rounded inward) when
their type could hold values outside it, so nothing downstream leaves its analysed range.

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
(`fix.format`), each result's type before widening into output_t, its error bound and its
budget (`fix.format`, `fix.error_bound`, `fix.output_error` on the results), and each
table's domain (`fix.domain` on its `fix.lut`).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from fractions import Fraction

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.dialects.builtin import ArrayAttr, DictionaryAttr, FloatAttr, f64
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


def make_plan(
    function: func.FuncOp,
    uniform: fix.FixType | None = None,
    output_error: list[float] | None = None,
    max_width: int | None = None,
    table_options: TableOptions | None = None,
    max_intermediate_width: int | None = None,
) -> Plan:
    """Range analysis, error model and the choice of formats for one `sym` function."""
    model = ErrorModel(function, RangeAnalysis.of(function), table_options or TableOptions())
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
            # Only a uniform type can be too narrow for a constant: it then wraps, as an
            # ap_fixed constant does, and the plan already counts its outputs as unbounded.
            value = wrap_into(quantise_nearest(op.number, fmt.frac_bits), fmt)
            self.values[result] = self.constant(value, fmt)
            return
        operands = [self.values[v] for v in op.operands]
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
        self.values[result] = self.cast(exact, fmt)


_FIX_OPS: dict[type[Operation], type[Operation]] = {
    sym.AddOp: fix.AddOp,
    sym.SubOp: fix.SubOp,
    sym.MulOp: fix.MulOp,
    sym.NegOp: fix.NegOp,
    sym.AbsOp: fix.AbsOp,
    sym.ReluOp: fix.ReluOp,
    sym.SignOp: fix.SignOp,
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


def common_format(formats: list[fix.FixType]) -> fix.FixType:
    """The narrowest signed format holding every value of each of `formats` (all signed)."""
    return fix.FixedType.from_bits(
        max(f.int_bits for f in formats), max(f.frac_bits for f in formats)
    )


def lower_function(function: func.FuncOp, plan: Plan, clamp_inputs: bool = True) -> func.FuncOp:
    """A new `fix` function computing `function` in the formats of `plan`.

    Its arguments share one type (input_t) and its results another (output_t), as the HLS
    top function's arrays require: each input is rounded into its own format by the input
    modes (nearest even, saturating, unless the user chose), each output widened exactly into
    output_t."""
    args = list(function.args)
    used = [a for a in args if a.uses] or args
    input_t = common_format([plan.formats[a] for a in used])
    block = Block(arg_types=[input_t] * len(args))
    lowering = _Lowering(plan, clamp_inputs, block, {})
    modes = fix.input_modes(function.arg_attrs, len(args))
    for arg, new_arg, interval in zip(args, block.args, input_ranges(function)):
        new_arg.name_hint = arg.name_hint
        if not arg.uses:
            continue
        fmt = plan.formats[arg]
        rounded = lowering.cast(new_arg, fmt, modes)
        lowering.values[arg] = lowering.input(rounded, fmt, (interval.lo, interval.hi))
    body_ops = list(function.body.block.ops)
    for op in body_ops[:-1]:
        lowering.lower(op)
    results = body_ops[-1].operands
    output_t = common_format([plan.formats[v] for v in results])
    outputs = [lowering.cast(lowering.values[v], output_t) for v in results]
    block.add_op(func.ReturnOp(*outputs))
    return func.FuncOp(
        function.sym_name.data,
        builtin.FunctionType.from_lists(block.arg_types, [v.type for v in outputs]),
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
    """Each output's type before widening into output_t, its error bound and the budget it
    was planned for (none under a uniform type)."""
    facts = []
    for value, bound, budget in zip(results, plan.output_bounds, plan.budgets):
        entries: dict[str, Attribute] = {
            fix.FORMAT_ATTR: plan.formats[value],
            fix.ERROR_BOUND_ATTR: FloatAttr(bound, f64),
        }
        if math.isfinite(budget):
            entries[fix.OUTPUT_ERROR_ATTR] = FloatAttr(budget, f64)
        facts.append(DictionaryAttr(entries))
    return facts


@dataclass(frozen=True)
class LowerSymToFixPass(ModulePass):
    """Range analysis, precision planning and lowering of every `sym` function to `fix`."""

    name = "lower-sym-to-fix"

    output_error: tuple[int | float, ...] = ()
    """Absolute error budget per output, or one for every output; none: the default."""
    max_width: int | None = None
    """A cap on the width in bits of stored and interface values: inputs, input_t,
    outputs, output_t, constants, table entries."""
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
            plan = make_plan(
                function,
                self.uniform,
                self.budgets(outputs),
                self.max_width,
                self.table_options(),
                self.max_intermediate_width,
            )
            lowered = lower_function(function, plan, clamp_inputs=self.uniform is None)
            function.detach()
            op.body.block.add_op(lowered)
