"""Fixed-point formats for every `sym` value, and the error bound they guarantee.

The error model follows each value's distance from its real counterpart: for a value v
computed as v̂, a bound E_v >= |v̂ - v| over the declared input ranges.

- input: arrives as the common input type (round-to-nearest-even), is rounded again into
  its own format, then clamped to the declared range (clamp bounds rounded inward), so
  E = half an ulp of each rounding, or one ulp when a range end is not on the grid;
- constant: the exact distance between c and its quantised value;
- add/sub: E_a + E_b, plus the cast's truncation (one ulp of the result, when the result
  keeps fewer fractional bits than the exact sum);
- mul: |a|max E_b + |b|max E_a + E_a E_b, plus the cast's truncation;
- neg, abs, relu: E_a (they are 1-Lipschitz and exact in fixed point);
- sign: 0 when the computed argument cannot change sign, else 2;
- a function lowered to a lookup table (sin, exp, log, inv, ...): the table's proven error
  over its whole domain plus a sound bound of how far f moves under the argument's error
  (`lut_tables.propagate`); for a quarter-wave sin/cos table indexed by u = x * ĉ in
  turns, 2π times the error of u (from x's error and ĉ's distance to 1/(2π)).
  Table size follows the value's fractional bits: the smallest power of two whose
  sampling error is within one ulp, capped; interpolation where a plain table cannot
  get there; a quarter-wave table where it needs fewer bits.

Casts truncate (AP_TRN, free in hardware) and wrap (AP_WRAP, free): integer bits come
from each value's range widened by its error bound, so no value can overflow inside the
declared ranges. Fractional bits are chosen to meet each output's error budget at the
smallest cost found: first one uniform count, then each value's count lowered greedily,
most expensive first, while every budget still holds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from xdsl.dialects import func
from xdsl.ir import Operation, SSAValue
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects import sym
from srcc.dialects.fix import FixedType, FixType
from srcc.passes.fixed_format import int_bits_for, quantise_nearest
from srcc.passes.interval import Interval
from srcc.passes.lut_tables import (
    PERIODIC,
    Table,
    cells_for_error,
    design_quarter_wave,
    design_table,
    propagate,
    sampling_error,
    turns_constant,
    turns_error,
)
from srcc.passes.range_analysis import RangeAnalysis, clamped_argument, describe

MIN_FRAC_BITS = -16
MAX_FRAC_BITS = 40
GREEDY_SPAN = 15
"""How far below the uniform choice the greedy search looks for each value."""
_SAFETY = 1.0 + 1e-9
"""Absorbs float64 rounding in the bound's own arithmetic."""


def _full_frac_bits(op: Operation, frac: dict[SSAValue, int]) -> int:
    """Fractional bits of the op's exact fixed-point result."""
    operand_bits = [frac[v] for v in op.operands]
    if isinstance(op, sym.MulOp):
        return sum(operand_bits)
    if isinstance(op, sym.SignOp):
        return 0
    return max(operand_bits)


TABLE_FUNCTIONS = frozenset(
    "sin cos tan exp log log_abs sqrt sqrt_abs inv sinh cosh tanh asin acos atan gauss".split()
)
"""Unary ops that lower to lookup tables."""


@dataclass(frozen=True)
class TableOptions:
    """How tables are designed: size cap, interpolation, symmetry, per-function overrides."""

    max_log2_cells: int = 10
    interpolate: bool | None = None
    """None: interpolate only the tables whose plain form cannot meet their target."""
    symmetric: bool = True
    sizes: tuple[tuple[str, int], ...] = ()
    """(function, log2 cells) the user fixed."""
    domains: tuple[tuple[str, Interval], ...] = ()
    """(function, domain) the user fixed; the argument is clamped into it."""

    def size(self, function: str) -> int | None:
        return dict(self.sizes).get(function)

    def domain(self, function: str) -> Interval | None:
        return dict(self.domains).get(function)


def table_function(op: Operation) -> str | None:
    """The function name if `op` lowers to a lookup table."""
    name = op.name.removeprefix("sym.")
    return name if name in TABLE_FUNCTIONS else None


@dataclass
class ErrorModel:
    """Error bounds of one `sym` function under a choice of fractional bits per value."""

    function: func.FuncOp
    ranges: RangeAnalysis
    table_options: TableOptions = field(default_factory=TableOptions)
    ops: list[Operation] = field(init=False)

    def __post_init__(self) -> None:
        self.ops = [op for op in self.function.body.block.ops if not isinstance(op, func.ReturnOp)]
        self._steps = [(op, op.results[0], _step_kind(op)) for op in self.ops]

    def table_domain(self, op: Operation) -> Interval:
        function = table_function(op)
        assert function is not None
        fixed = self.table_options.domain(function)
        return fixed if fixed is not None else clamped_argument(op, self.ranges[op.operands[0]])

    def table(self, op: Operation, frac: dict[SSAValue, int]) -> Table:
        """The table of a function op when its argument and result have these bits."""
        function = table_function(op)
        assert function is not None
        options = self.table_options
        domain = self.table_domain(op)
        arg_bits, out_bits = frac[op.operands[0]], frac[op.results[0]]
        target = math.ldexp(1.0, -out_bits)
        interpolate = options.interpolate
        if interpolate is None:
            interpolate = self._plain_falls_short(function, domain, target)
        log2_cells = options.size(function)
        if log2_cells is None:
            # Sized for a fine argument grid, so one search serves every argument width;
            # design_table then never makes cells narrower than the argument's ulp.
            log2_cells = cells_for_error(
                function,
                domain,
                target,
                options.max_log2_cells,
                interpolate=interpolate,
                symmetric=options.symmetric,
            )
        plain = design_table(
            function,
            domain,
            arg_bits,
            log2_cells,
            out_bits,
            interpolate=interpolate,
            symmetric=options.symmetric,
        )
        periodic = self._quarter_wave(function, domain, out_bits)
        if periodic is not None and periodic.memory_bits < plain.memory_bits:
            return periodic
        return plain

    def _quarter_wave(self, function: str, domain: Interval, out_bits: int) -> Table | None:
        """The smallest quarter-wave table of sin/cos meeting one ulp of the output, when
        range reduction is on, the domain spans more than a quarter period (so it can save
        entries) and the user fixed nothing about the table."""
        options = self.table_options
        fixed = options.size(function) is not None or options.domain(function) is not None
        if function not in PERIODIC or not options.symmetric or fixed:
            return None
        if domain.magnitude <= math.pi / 2:
            return None
        target = math.ldexp(1.0, -out_bits)
        turns = turns_constant(domain.magnitude, target)
        for log2_cells in range(2, options.max_log2_cells + 3):
            table = design_quarter_wave(function, log2_cells, out_bits, turns)
            if table.max_error <= target:
                return table
        return None

    def _plain_falls_short(self, function: str, domain: Interval, target: float) -> bool:
        """Whether the largest plain table still misses `target`: interpolation pays then."""
        largest = self.table_options.max_log2_cells
        error = sampling_error(
            function, domain, MAX_FRAC_BITS, largest, symmetric=self.table_options.symmetric
        )
        return error > target

    def _table_error(self, op: Operation, frac: dict[SSAValue, int], errors: dict) -> float:
        table = self.table(op, frac)
        arg_error = errors[op.operands[0]]
        if table.turns is not None:
            magnitude = self.table_domain(op).magnitude
            moved = min(2 * math.pi * turns_error(magnitude, arg_error, table.turns), 2.0)
        else:
            moved = propagate(table.function, table.domain, arg_error)
        return table.max_error + moved

    @property
    def values(self) -> list[SSAValue]:
        return [*self.function.args, *(op.results[0] for op in self.ops)]

    @property
    def outputs(self) -> list[SSAValue]:
        return list(self.function.body.block.last_op.operands)

    def errors(self, frac: dict[SSAValue, int]) -> dict[SSAValue, float]:
        """E_v for every value, given every value's fractional bits."""
        # input_t is the common format of the inputs the firmware reads (lower_function).
        used = [arg for arg in self.function.args if arg.uses]
        common = max((frac[arg] for arg in used), default=0)
        errors = {arg: self._input_error(arg, frac[arg], common) for arg in self.function.args}
        for op, result, kind in self._steps:
            if kind is _CONSTANT:
                errors[result] = constant_error(op.number, frac[result])
            elif kind is _TABLE:
                errors[result] = self._table_error(op, frac, errors) * _SAFETY
            else:
                propagated = kind(self, op, errors)
                errors[result] = (propagated + self._cast_error(op, frac)) * _SAFETY
        return errors

    def _input_error(self, arg: SSAValue, frac_bits: int, common_frac_bits: int) -> float:
        """Rounding into input_t, then into the input's own format, then the clamp."""
        rounding = math.ldexp(1.0, -frac_bits - 1)
        if common_frac_bits > frac_bits:
            rounding += math.ldexp(1.0, -common_frac_bits - 1)
        interval = self.ranges[arg]
        scale = 2.0**frac_bits
        on_grid = (interval.lo * scale).is_integer() and (interval.hi * scale).is_integer()
        return rounding if on_grid else max(rounding, math.ldexp(1.0, -frac_bits))

    def _cast_error(self, op: Operation, frac: dict[SSAValue, int]) -> float:
        if frac[op.results[0]] >= _full_frac_bits(op, frac):
            return 0.0
        return math.ldexp(1.0, -frac[op.results[0]])

    def tables(self, frac: dict[SSAValue, int]) -> dict[Operation, Table]:
        return {op: self.table(op, frac) for op in self.ops if table_function(op) is not None}

    def formats(
        self, frac: dict[SSAValue, int], errors: dict[SSAValue, float]
    ) -> dict[SSAValue, FixType]:
        """Each value's format: integer bits hold its range widened by its error (and a
        table's entries, which may reach beyond when the user widened its domain)."""
        formats = {
            v: FixedType.from_bits(int_bits_for(self.ranges[v].widen(errors[v]), frac[v]), frac[v])
            for v in self.values
        }
        for op in self.ops:
            if table_function(op) is not None:
                entries = self.table(op, frac).entry_format
                fmt = formats[op.results[0]]
                formats[op.results[0]] = FixedType.from_bits(
                    max(fmt.int_bits, entries.int_bits), fmt.frac_bits
                )
        return formats


_CONSTANT = "constant"
_TABLE = "table"


def _step_kind(op: Operation) -> Any:
    """How `errors` treats an op: a constant, a table, or its `_PROPAGATE` rule."""
    if isinstance(op, sym.ConstantOp):
        return _CONSTANT
    if table_function(op) is not None:
        return _TABLE
    if type(op) not in _PROPAGATE:
        raise DiagnosticException(f"{describe(op)} has no fixed-point lowering")
    return _PROPAGATE[type(op)]


@lru_cache(maxsize=65536)
def constant_error(value: float, frac_bits: int) -> float:
    """|c - ĉ| for c quantised to nearest with `frac_bits` fractional bits."""
    return float(abs(quantise_nearest(value, frac_bits) - Fraction(value))) * _SAFETY


def _add(model: ErrorModel, op: Operation, errors: dict[SSAValue, float]) -> float:
    return errors[op.operands[0]] + errors[op.operands[1]]


def _mul(model: ErrorModel, op: Operation, errors: dict[SSAValue, float]) -> float:
    a, b = op.operands
    ea, eb = errors[a], errors[b]
    return model.ranges[a].magnitude * eb + model.ranges[b].magnitude * ea + ea * eb


def _lipschitz_one(model: ErrorModel, op: Operation, errors: dict[SSAValue, float]) -> float:
    return errors[op.operands[0]]


def _sign(model: ErrorModel, op: Operation, errors: dict[SSAValue, float]) -> float:
    arg = op.operands[0]
    computed = model.ranges[arg].widen(errors[arg])
    can_flip = computed.contains(0.0) and errors[arg] > 0.0
    return 2.0 if can_flip else 0.0


_PROPAGATE: dict[type[Operation], Callable[[ErrorModel, Operation, dict], float]] = {
    sym.AddOp: _add,
    sym.SubOp: _add,
    sym.MulOp: _mul,
    sym.NegOp: _lipschitz_one,
    sym.AbsOp: _lipschitz_one,
    sym.ReluOp: _lipschitz_one,
    sym.SignOp: _sign,
}


@dataclass
class Plan:
    """The chosen formats, the error bound of every value and of every output, the tables."""

    formats: dict[SSAValue, FixType]
    errors: dict[SSAValue, float]
    output_bounds: list[float]
    budgets: list[float]
    tables: dict[Operation, Table] = field(default_factory=dict)


def _cost_weights(model: ErrorModel) -> dict[SSAValue, int]:
    """How much one bit of a value costs: more when it feeds multipliers or fills a table."""
    weights = dict.fromkeys(model.values, 1)
    for op in model.ops:
        if isinstance(op, sym.MulOp):
            for operand in op.operands:
                weights[operand] += 4
        if table_function(op) is not None:
            weights[op.results[0]] += 2**model.table_options.max_log2_cells // 64
    return weights


@dataclass
class Planner:
    """Chooses fractional bits per value to meet per-output error budgets."""

    model: ErrorModel
    budgets: list[float]
    max_width: int | None = None
    fixed_inputs: dict[SSAValue, FixType] = field(default_factory=dict)
    targets: list[float] = field(init=False, default_factory=list)

    def plan(self) -> Plan:
        self.targets = self._reachable_targets()
        frac = self._uniform()
        frac = self._greedy(frac)
        return self._finish(frac)

    def _reachable_targets(self) -> list[float]:
        """The budgets, loosened to just above the best bound reachable where a budget is
        out of reach (a width cap or a table-size cap binds), so the search still
        minimises cost; the plan then reports the budget as missed."""
        _, best = self._bounds(self._assign(MAX_FRAC_BITS))
        return [max(budget, bound * 1.01) for budget, bound in zip(self.budgets, best)]

    def _bounds(self, frac: dict[SSAValue, int]) -> tuple[dict[SSAValue, float], list[float]]:
        errors = self.model.errors(frac)
        return errors, [errors[v] for v in self.model.outputs]

    def _meets(self, frac: dict[SSAValue, int]) -> bool:
        _, bounds = self._bounds(frac)
        return all(b <= target for b, target in zip(bounds, self.targets))

    def _cap(self, value: SSAValue, frac_bits: int) -> int:
        if value in self.fixed_inputs:
            return self.fixed_inputs[value].frac_bits
        if self.max_width is None:
            return frac_bits
        interval = self.model.ranges[value]
        int_bits = int_bits_for(interval, frac_bits)
        return max(MIN_FRAC_BITS, min(frac_bits, self.max_width - int_bits))

    def _assign(self, frac_bits: int) -> dict[SSAValue, int]:
        return {v: self._cap(v, frac_bits) for v in self.model.values}

    def _uniform(self) -> dict[SSAValue, int]:
        """The fewest uniform fractional bits meeting the targets (bisection: the bound
        shrinks as bits grow)."""
        lo, hi = MIN_FRAC_BITS, MAX_FRAC_BITS
        while lo < hi:
            mid = (lo + hi) // 2
            if self._meets(self._assign(mid)):
                hi = mid
            else:
                lo = mid + 1
        return self._assign(hi)

    def _greedy(self, frac: dict[SSAValue, int]) -> dict[SSAValue, int]:
        weights = _cost_weights(self.model)
        order = sorted(
            (v for v in self.model.values if v not in self.fixed_inputs),
            key=lambda v: -weights[v],
        )
        for value in order:
            frac[value] = self._lowest_meeting(frac, value)
        return frac

    def _lowest_meeting(self, frac: dict[SSAValue, int], value: SSAValue) -> int:
        """Binary search for the fewest fractional bits of one value that keep the budgets
        (within GREEDY_SPAN bits of where the uniform search left it)."""
        hi = frac[value]
        lo = max(MIN_FRAC_BITS, hi - GREEDY_SPAN)
        while lo < hi:
            mid = (lo + hi) // 2
            frac[value] = mid
            if self._meets(frac):
                hi = mid
            else:
                lo = mid + 1
        frac[value] = hi
        return hi

    def _finish(self, frac: dict[SSAValue, int]) -> Plan:
        while True:
            errors, bounds = self._bounds(frac)
            formats = self.model.formats(frac, errors)
            formats.update(self.fixed_inputs)
            too_wide = self._too_wide(formats)
            if not too_wide:
                return Plan(formats, errors, bounds, self.budgets, self.model.tables(frac))
            for value in too_wide:
                frac[value] -= formats[value].width - self.max_width
                if frac[value] < MIN_FRAC_BITS:
                    raise DiagnosticException(
                        f"max_width={self.max_width} is too narrow: a value in "
                        f"{self.model.ranges[value]} needs {formats[value].int_bits} integer "
                        "bits once its error is counted; raise max_width"
                    )

    def _too_wide(self, formats: dict[SSAValue, FixType]) -> list[SSAValue]:
        if self.max_width is None:
            return []
        return [
            v
            for v, fmt in formats.items()
            if fmt.width > self.max_width and v not in self.fixed_inputs
        ]


def uniform_plan(model: ErrorModel, fmt: FixType) -> Plan:
    """Every value in one format, as hls4ml does; a value that can overflow has no bound."""
    frac = dict.fromkeys(model.values, fmt.frac_bits)
    errors = model.errors(frac)
    for value in model.values:
        if not fmt.holds(model.ranges[value].widen(errors[value])):
            errors[value] = math.inf
    errors = _propagate_overflow(model, errors)
    bounds = [errors[v] for v in model.outputs]
    formats = dict.fromkeys(model.values, fmt)
    return Plan(formats, errors, bounds, [math.inf] * len(bounds), model.tables(frac))


def _propagate_overflow(model: ErrorModel, errors: dict[SSAValue, float]) -> dict:
    for op in model.ops:
        if any(math.isinf(errors[v]) for v in op.operands):
            errors[op.results[0]] = math.inf
    return errors


def default_budgets(model: ErrorModel) -> list[float]:
    """2**-10 of each output's largest magnitude (never 0)."""
    return [math.ldexp(max(model.ranges[v].magnitude, 2.0**-20), -10) for v in model.outputs]
