"""HLS C++ from a `fix`-level `func.func`: the firmware of an srcc model.

`emit_hls(function, top, target)` returns three files:

- `firmware/<top>_types.h`: `N_IN`, `N_OUT`, one typedef per port named after it (`G_t`, `y0_t`:
  an input's type with the inputs' rounding and overflow modes, an output's with the default
  ones), one typedef per distinct fixed-point type of the other values (a cast's destination
  type carries the cast's modes), and two bit-reinterpreting helpers in namespace `srcc`;
- `firmware/<top>.h`: the top function's declaration, one parameter per port,
  `void <top>(const G_t G, const m1_t m1, y0_t &y0, y1_t &y1)`;
- `firmware/<top>.cpp`: one statement per op, named after the op (`t3_mul`), one inlined
  function per `fix.lut` holding its table as a `static const` array of raw integers.

Ports are named as the Verilog module's (`srcc.names.port_names`: an input's `sym.name` or
`x<i>`, outputs `y<j>`), made unique C++ identifiers that are no C++ keyword, library name or
name the emitter defines (a suffix `_1` where one would be). Each input has its own type and
each output its own, so no port shares another's integer or fractional bits.

Every op but `fix.cast` and `fix.lut` is exact, so each result is assigned to a variable of
exactly its `fix` type and nothing rounds; a cast is an assignment into a type carrying its
modes. Constants are typed values: a `double` literal when the value is exactly a double
(`ap_fixed * 0.31` would not compile), else built from the raw bits. A table's index is a bit
slice (`.range(hi, lo)`) of the argument's raw bits; clamping, wrapping, symmetry and linear
interpolation (docs/ir.md) are `ap_int`/`ap_uint` arithmetic.

The top function is pipelined with II=1 and every port, input by value and output by
reference, uses the `ap_vld` protocol (a valid strobe beside the data), so a new row can enter
every cycle.

Pragma spellings per target (`vitis`: Vitis HLS 2022+; `vivado`: Vivado HLS 2019/2020):

- table storage: `BIND_STORAGE variable=t type=rom_1p impl=lutram` (vitis),
  `RESOURCE variable=t core=ROM_1P_LUTRAM` (vivado);
- interfaces: `INTERFACE mode=ap_vld port=G` (vitis), `INTERFACE ap_vld port=G` (vivado);
- pipelining: `PIPELINE II=1` on both.

`RESOURCE` is deprecated in Vitis HLS; `type=`/`mode=` are its 2022 keyword syntax. A table
goes where its `fix.storage` attribute says (`lutram` or `bram`, recorded by the
`fix-table-storage` pass); a table without one gets no storage pragma, so the HLS tool
decides. An interpolating table reads two neighbouring entries per row, so it uses a
dual-port ROM (`rom_2p`, `ROM_2P_*`) to keep II=1. The inputs' typedefs round and overflow by
the inputs' modes (`fix.modes`, which they share; by default `INPUT_ROUNDING`, nearest even and
saturating).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import IO

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, StringAttr
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.utils.target import Target

from srcc.dialects import fix
from srcc.dialects.fix import (
    DEFAULT_MODES,
    INPUT_ROUNDING,
    FixType,
    LutMode,
    LutSymmetry,
    Modes,
)
from srcc.errors import SrccError
from srcc.names import CXX_KEYWORDS, LIBRARY_TYPEDEFS, TOP_SCOPE_NAMES, port_names

TARGETS = ("vitis", "vivado")

VALUE_TYPEDEF = re.compile(r"u?fixed_[0-9]+_m?[0-9]+(?:_[a-z_]+)?_t")
"""The names `type_name` gives: no port's typedef may be one."""
RESERVED_PREFIX = re.compile(r"(?i:ap_|hls_)")
"""The HLS libraries' names, which a port or value must not hide."""
_OP_KINDS: dict[type[Operation], str] = {
    fix.ConstantOp: "const",
    fix.AddOp: "add",
    fix.SubOp: "sub",
    fix.MulOp: "mul",
    fix.MinOp: "min",
    fix.MaxOp: "max",
    fix.GtOp: "gt",
    fix.DivOp: "div",
    fix.SelectOp: "select",
    fix.NegOp: "neg",
    fix.AbsOp: "abs",
    fix.ReluOp: "relu",
    fix.SignOp: "sign",
    fix.ShiftOp: "shift",
    fix.CastOp: "cast",
    fix.LutOp: "lut",
}

TYPES_HELPERS = """\
namespace srcc {

// The value of type T whose raw bits are `raw` (two's complement, cut to T's width).
template <typename T, int W, bool S>
T from_raw(const ap_int_base<W, S>& raw) {
#pragma HLS INLINE
    ap_int<T::width> bits = raw;
    T value;
    value.range() = bits.range();
    return value;
}

// The same raw bits read as another fixed-point type of the same width (`fix.shift`).
template <typename T, typename F>
T reinterpret(const F& x) {
#pragma HLS INLINE
    T value;
    value.range() = x.range();
    return value;
}

}  // namespace srcc
"""


def type_name(type_: FixType, modes: Modes = DEFAULT_MODES) -> str:
    """The typedef name: `fixed_12_2_t`, `ufixed_8_m3_t`, `fixed_12_2_rnd_sat_t`."""
    kind = "fixed" if type_.signed else "ufixed"
    int_bits = f"m{-type_.int_bits}" if type_.int_bits < 0 else str(type_.int_bits)
    suffix = "" if modes == DEFAULT_MODES else f"_{modes[0]}_{modes[1]}"
    return f"{kind}_{type_.width}_{int_bits}{suffix}_t"


def raw_type(type_: FixType) -> str:
    """The integer type holding a value's raw bits: `ap_int<W>` or `ap_uint<W>`."""
    return f"{'ap_int' if type_.signed else 'ap_uint'}<{type_.width}>"


def int_type(low: int, high: int) -> tuple[str, int, bool]:
    """The narrowest `ap_int`/`ap_uint` holding every integer of [low, high]: spelling,
    width, signedness."""
    if low >= 0:
        width = max(high.bit_length(), 1)
        return f"ap_uint<{width}>", width, False
    width = max((-low - 1).bit_length(), high.bit_length()) + 1
    return f"ap_int<{width}>", width, True


def int_literal(value: int, cxx_type: str) -> str:
    """`value` as an expression of the integer type `cxx_type`, exactly, for any size."""
    if -(2**31) < value < 2**31:
        return f"{cxx_type}({value})"
    if -(2**63) < value < 2**63:
        return f"{cxx_type}({value}LL)"
    return f'{cxx_type}("{value}", 10)'


def cxx_identifier(text: str) -> str:
    """`text` as a C++ identifier: other characters become `_`, with no `__` (which C++
    reserves), no `_` at either end, and `v` before a leading digit."""
    name = re.sub(r"_+", "_", re.sub(r"\W", "_", text, flags=re.ASCII)).strip("_")
    return name if name and not name[0].isdigit() else f"v{name}"


class _Names:
    """Unique C++ identifiers: a wanted name gets a suffix when taken or reserved. Each name
    comes with the forms the emitter derives from it (`{}_t`, `lut_{}`), which must be free
    too."""

    def __init__(self, reserved: Iterable[str]):
        self.taken = set(reserved) | CXX_KEYWORDS

    def fresh(self, wanted: str, forms: tuple[str, ...] = ("{}",)) -> str:
        base = cxx_identifier(wanted)
        if any(RESERVED_PREFIX.match(form.format(base)) for form in forms):
            base = f"v_{base}"
        name, count = base, 1
        while not self._free(name, forms):
            name, count = f"{base}_{count}", count + 1
        self.taken.update(form.format(name) for form in forms)
        return name

    def _free(self, name: str, forms: tuple[str, ...]) -> bool:
        return not any(
            spelled in self.taken
            or VALUE_TYPEDEF.fullmatch(spelled)
            or LIBRARY_TYPEDEFS.fullmatch(spelled)
            for spelled in (form.format(name) for form in forms)
        )


PORT_FORMS = ("{}", "{}_t")
"""A port's parameter and its typedef."""
VALUE_FORMS = ("{}", "lut_{}")
"""A value's variable and, for a table's result, its helper function."""


@dataclass(frozen=True)
class Port:
    """A parameter of the top function: its name, and its type (`<name>_t`)."""

    name: str
    type: FixType

    @property
    def typedef(self) -> str:
        return f"{self.name}_t"


def _ports(function: func.FuncOp, names: _Names) -> tuple[list[Port], list[Port]]:
    _, input_names, output_names = port_names(function)
    inputs = [
        Port(names.fresh(name, PORT_FORMS), _fix_type(arg))
        for name, arg in zip(input_names, function.args, strict=True)
    ]
    output_types = function.function_type.outputs.data
    outputs = [
        Port(names.fresh(name, PORT_FORMS), _checked_fix_type(type_))
        for name, type_ in zip(output_names, output_types, strict=True)
    ]
    return inputs, outputs


def _top_names(top: str) -> _Names:
    return _Names({top, *TOP_SCOPE_NAMES})


def hls_ports(function: func.FuncOp, top: str = "model") -> tuple[list[Port], list[Port]]:
    """The input and output parameters of the top function `emit_hls` writes, in order."""
    return _ports(function, _top_names(top))


@dataclass
class _Emission:
    """What the statements of the top function need: value names and their typedefs."""

    names: dict[SSAValue, str]
    port_typedefs: dict[SSAValue, str]
    typedefs: dict[tuple[FixType, Modes], str]
    helpers: list[str]
    target: str

    def typedef(self, type_: FixType, modes: Modes = DEFAULT_MODES) -> str:
        key = (type_, modes)
        if key not in self.typedefs:
            self.typedefs[key] = type_name(type_, modes)
        return self.typedefs[key]

    def converted(self, value: SSAValue, typedef: str) -> str:
        """`value` as an expression of type `typedef`."""
        name = self.names[value]
        return name if self.value_type(value) == typedef else f"{typedef}({name})"

    def value_type(self, value: SSAValue) -> str:
        """The typedef of the variable holding `value`."""
        owner = value.owner
        modes = DEFAULT_MODES
        if isinstance(owner, fix.CastOp):
            modes = owner.modes
        elif not isinstance(owner, Operation):
            return self.port_typedefs[value]
        return self.typedef(_fix_type(value), modes)


def _fix_type(value: SSAValue) -> FixType:
    return _checked_fix_type(value.type)


def _checked_fix_type(type_: Attribute) -> FixType:
    if not isinstance(type_, FixType):
        raise SrccError(f"the HLS emitter needs fix types, got {type_}")
    return type_


def _constant_statement(op: fix.ConstantOp, declared: str, emission: _Emission) -> str:
    value = op.value
    try:
        exact_double = Fraction(float(value)) == value
    except OverflowError:
        exact_double = False
    if exact_double:
        return f"const {declared} = {float(value)!r};"
    bits = int_literal(op.raw.data, raw_type(op.type))
    return f"const {declared} = srcc::from_raw<{emission.value_type(op.result)}>({bits});"


def _minmax_expression(op: fix.MinOp | fix.MaxOp, a: str, b: str) -> str:
    pick_b = "<" if isinstance(op, fix.MinOp) else ">"
    return f"({b} {pick_b} {a}) ? {b} : {a}"


def _expression(op: Operation, args: list[str], result: str) -> str:
    """The right-hand side of the statement of an op (not constant or lut)."""
    if isinstance(op, fix.AddOp | fix.SubOp | fix.MulOp | fix.DivOp):
        symbol = {fix.AddOp: "+", fix.SubOp: "-", fix.MulOp: "*", fix.DivOp: "/"}[type(op)]
        return f"{args[0]} {symbol} {args[1]}"
    if isinstance(op, fix.MinOp | fix.MaxOp):
        return _minmax_expression(op, args[0], args[1])
    if isinstance(op, fix.GtOp):
        return f"({args[0]} > {args[1]}) ? {result}(1) : {result}(0)"
    if isinstance(op, fix.SelectOp):
        return f"({args[0]} != 0) ? {args[1]} : {args[2]}"
    a = args[0]
    unary: dict[type[Operation], str] = {
        fix.NegOp: f"-{a}",
        fix.AbsOp: f"({a} < 0) ? {result}(-{a}) : {result}({a})",
        fix.ReluOp: f"({a} > 0) ? {result}({a}) : {result}(0)",
        fix.SignOp: f"({a} > 0) ? {result}(1) : ({a} < 0) ? {result}(-1) : {result}(0)",
        fix.ShiftOp: f"srcc::reinterpret<{result}>({a})",
        fix.CastOp: a,
    }
    return unary[type(op)]


def _statement(op: Operation, emission: _Emission) -> str:
    result = emission.value_type(op.results[0])
    declared = f"{result} {emission.names[op.results[0]]}"
    if isinstance(op, fix.ConstantOp):
        return _constant_statement(op, declared, emission)
    args = [emission.names[operand] for operand in op.operands]
    if isinstance(op, fix.MinOp | fix.MaxOp):
        # Both operands in the result type first: ap_fixed compares signed with unsigned wrongly.
        args = [emission.converted(operand, result) for operand in op.operands]
    if isinstance(op, fix.GtOp):
        common = emission.typedef(fix.minmax_result_type(*map(_fix_type, op.operands)))
        args = [emission.converted(operand, common) for operand in op.operands]
    if isinstance(op, fix.SelectOp):
        condition, *data = op.operands
        args = [args[0], *(emission.converted(operand, result) for operand in data)]
    if isinstance(op, fix.LutOp):
        helper_name = f"lut_{emission.names[op.results[0]]}"
        helper = _LutEmitter(op, emission, helper_name).function()
        emission.helpers.append(helper)
        return f"{declared} = {helper_name}({args[0]});"
    return f"{declared} = {_expression(op, args, result)};"


class _LutEmitter:
    """The inlined C++ function of one `fix.lut`: docs/ir.md's steps in integer arithmetic.

    Each intermediate is declared with the narrowest integer type for its exact range, computed
    here from the argument type, so no step can overflow and no clamp is emitted that cannot
    trigger."""

    def __init__(self, op: fix.LutOp, emission: _Emission, name: str):
        self.op = op
        self.emission = emission
        self.name = name
        self.arg_type = _fix_type(op.arg)
        self.result_type = _fix_type(op.result)
        self.table = list(op.table)
        self.k = op.index_shift
        self.symmetry = op.lut_symmetry
        self.lines: list[str] = []

    def function(self) -> str:
        op = self.op
        arg_c = self.emission.value_type(op.arg)
        result_c = self.emission.value_type(op.result)
        header = (
            f"// fix.lut {op.function.data}: {len(self.table)} entries, cells 2^{op.shift.data}"
            f" wide from cell {op.offset.data}, {op.mode.data}, symmetry {self.symmetry}"
            f"{', interpolated' if op.interpolated else ''}"
        )
        self._body()
        body = "\n".join(f"    {line}" for line in self.lines)
        return (
            f"{header}\nstatic {result_c} {self.name}({arg_c} x) {{\n"
            f"#pragma HLS INLINE\n{self._table()}\n{body}\n"
            f"    return srcc::from_raw<{result_c}>(y);\n}}\n"
        )

    def _table(self) -> str:
        entries = ", ".join(_entry_literal(entry) for entry in self.table)
        size = len(self.table)
        element = raw_type(self.result_type)
        table = f"    static const {element} table[{size}] = {{{entries}}};"
        storage = self.op.attributes.get(fix.STORAGE_ATTR)
        if not isinstance(storage, StringAttr):
            return table
        pragma = _storage_pragma("table", storage.data, self.op.interpolated, self.emission.target)
        return f"{table}\n{pragma}"

    def emit(self, line: str) -> None:
        self.lines.append(line)

    def _body(self) -> None:
        source, low, high = self._folded_argument()
        j_low, j_high = self._cells(source, low, high)
        if self.op.interpolated:
            self._interpolate(j_low, j_high)
        elif self.symmetry is LutSymmetry.QUARTER:
            self._quarter(j_low, j_high)
        else:
            index = self._index("j", j_low, j_high, len(self.table))
            self.emit(f"ap_int<{self.result_type.width + 1}> y = table[{index}];")
        if self.symmetry is LutSymmetry.ODD:
            self.emit("if (x < 0) y = -y;")

    def _folded_argument(self) -> tuple[str, int, int]:
        """Step 1: u, the raw bits the index is sliced from, and its range."""
        arg = self.arg_type
        cxx, _, _ = int_type(arg.min_raw, arg.max_raw)
        self.emit(f"{cxx} r = x.range();")
        if self.symmetry not in (LutSymmetry.EVEN, LutSymmetry.ODD) or not arg.signed:
            return "r", arg.min_raw, arg.max_raw
        high = -arg.min_raw
        u_type = int_type(0, high)[0]
        self.emit(f"{u_type} u = (r < 0) ? {u_type}(-r) : {u_type}(r);")
        return "u", 0, high

    def _cells(self, source: str, low: int, high: int) -> tuple[int, int]:
        """Step 2: the cell number j = q - offset (and frac, the bits below the index)."""
        k, offset = self.k, self.op.offset.data
        if k > 0:
            q_low, q_high = low >> k, high >> k
            self._slice_index(source, low, high)
        else:
            q_low, q_high = low << -k, high << -k
            q_type = int_type(q_low, q_high)[0]
            self.emit(f"{q_type} q = {q_type}({source}) << {-k};")
        j_low, j_high = q_low - offset, q_high - offset
        j_type = int_type(j_low, j_high)[0]
        if offset == 0:
            self.emit(f"{j_type} j = q;")
        else:
            offset_type = int_type(min(offset, 0), max(offset, 0))[0]
            self.emit(f"{j_type} j = q - {int_literal(offset, offset_type)};")
        return j_low, j_high

    def _slice_index(self, source: str, low: int, high: int) -> None:
        """q = floor(u / 2**k) as the bits of u above k, and frac as the bits below."""
        k = self.k
        _, width, signed = int_type(low, high)
        kind = "ap_int" if signed else "ap_uint"
        if width <= k:
            # Every bit of u lies below the index: extend it so that q is its sign.
            self.emit(f"{kind}<{k + 1}> wide = {source};")
            source, width = "wide", k + 1
        self.emit(f"{kind}<{width - k}> q = {source}.range({width - 1}, {k});")
        if self.op.interpolated:
            self.emit(f"ap_uint<{k}> frac = {source}.range({k - 1}, 0);")

    def _index(self, j: str, low: int, high: int, cells: int) -> str:
        """Step 3: j clamped to [0, cells - 1], or j mod cells; declares and returns `index`."""
        index_type = int_type(0, cells - 1)[0]
        if 0 <= low and high <= cells - 1:
            expression = f"{index_type}({j})"
        elif self.op.lut_mode is LutMode.CLAMP:
            expression = self._clamped(j, low, high, cells, index_type)
        elif cells == 1:
            expression = f"{index_type}(0)"
        elif cells & (cells - 1) == 0:
            # j mod 2**b is j's low b bits (two's complement): sign-extend a narrower j first.
            bits = cells.bit_length() - 1
            source = j if int_type(low, high)[1] >= bits else f"ap_int<{bits}>({j})"
            expression = f"{index_type}({source}.range({bits - 1}, 0))"
        else:
            self.emit(f"ap_int<{int_type(min(low, 0), high)[1]}> rem = {j} % {cells};")
            expression = f"(rem < 0) ? {index_type}(rem + {cells}) : {index_type}(rem)"
        self.emit(f"{index_type} index = {expression};")
        return "index"

    @staticmethod
    def _clamped(j: str, low: int, high: int, cells: int, index_type: str) -> str:
        expression = f"{index_type}({j})"
        if high > cells - 1:
            expression = f"({j} > {cells - 1}) ? {index_type}({cells - 1}) : {expression}"
        if low < 0:
            expression = f"({j} < 0) ? {index_type}(0) : {expression}"
        return expression

    def _quarter(self, j_low: int, j_high: int) -> None:
        quarter = len(self.table)
        index = self._index("j", j_low, j_high, 4 * quarter)
        half = 2 * quarter
        p_type = int_type(0, quarter - 1)[0]
        bits = quarter.bit_length() - 1
        if quarter > 1 and quarter == 1 << bits:
            self.emit(f"ap_uint<2> quadrant = {index}.range({bits + 1}, {bits});")
            self.emit(f"{p_type} p = {index}.range({bits - 1}, 0);")
        else:
            self.emit(f"ap_uint<2> quadrant = {index} / {quarter};")
            self.emit(f"{p_type} p = {index} % {quarter};")
        self.emit(f"{p_type} folded = quadrant[0] ? {p_type}({quarter - 1} - p) : p;")
        width = self.result_type.width + 1
        self.emit(f"ap_int<{width}> y = table[folded];")
        self.emit(f"if ({index} >= {half}) y = -y;")

    def _interpolate(self, j_low: int, j_high: int) -> None:
        cells = len(self.table) - 1
        index = self._index("j", j_low, j_high, cells)
        entry_bits, k = self.result_type.width + 1, self.k
        self.emit(f"ap_int<{entry_bits}> left = table[{index}];")
        self.emit(f"ap_int<{entry_bits}> right = table[{index} + 1];")
        self.emit(f"ap_int<{entry_bits + 1}> step = right - left;")
        self.emit(f"ap_int<{entry_bits + k + 2}> scaled = step * frac;")
        self.emit(f"ap_int<{entry_bits + 1}> y = left + ap_int<{entry_bits + 1}>(scaled >> {k});")
        if self.op.lut_mode is LutMode.CLAMP and j_low < 0:
            self.emit("if (j < 0) y = table[0];")
        if self.op.lut_mode is LutMode.CLAMP and j_high > cells - 1:
            self.emit(f"if (j > {cells - 1}) y = table[{cells}];")


def _entry_literal(value: int) -> str:
    if -(2**31) < value < 2**31:
        return str(value)
    return f"{value}LL" if value > -(2**63) else f"({value + 1}LL - 1)"


def _storage_pragma(variable: str, storage: str, dual_port: bool, target: str) -> str:
    known = [choice.value for choice in fix.TableStorage]
    if storage not in known:
        raise SrccError(f"unknown table storage {storage!r} (one of {', '.join(known)})")
    ports = "2p" if dual_port else "1p"
    if target == "vitis":
        return f"#pragma HLS BIND_STORAGE variable={variable} type=rom_{ports} impl={storage}"
    return f"#pragma HLS RESOURCE variable={variable} core=ROM_{ports.upper()}_{storage.upper()}"


def _port_pragmas(target: str, ports: Iterable[Port]) -> list[str]:
    interface = "mode=ap_vld" if target == "vitis" else "ap_vld"
    return [
        "#pragma HLS PIPELINE II=1",
        *(f"#pragma HLS INTERFACE {interface} port={port.name}" for port in ports),
    ]


def _name_values(function: func.FuncOp, names: _Names, inputs: list[Port]) -> dict[SSAValue, str]:
    values: dict[SSAValue, str] = {arg: port.name for arg, port in zip(function.args, inputs)}
    for index, op in enumerate(function.body.block.ops):
        if op.results:
            values[op.results[0]] = names.fresh(f"t{index}_{_value_kind(op)}", VALUE_FORMS)
    return values


def _value_kind(op: Operation) -> str:
    """What a value's name says it is: the op (`mul`), or a table's function (`sin`)."""
    if isinstance(op, fix.LutOp):
        return cxx_identifier(op.function.data).strip("_")[:24] or "lut"
    return _OP_KINDS[type(op)]


def _check_ops(function: func.FuncOp) -> None:
    for op in function.body.block.ops:
        if type(op) not in _OP_KINDS and not isinstance(op, func.ReturnOp):
            raise SrccError(f"the HLS emitter cannot print {op.name}")


def _body(function: func.FuncOp, emission: _Emission, outputs: list[Port]) -> list[str]:
    lines = []
    for op in function.body.block.ops:
        if isinstance(op, func.ReturnOp):
            lines += [
                f"{port.name} = {emission.names[value]};"
                for port, value in zip(outputs, op.arguments, strict=True)
            ]
        else:
            lines.append(_statement(op, emission))
    return lines


def _typedef_order(item: tuple[tuple[FixType, Modes], str]) -> tuple[bool, int, int, bool, str]:
    (type_, modes), name = item
    return (not type_.signed, type_.width, type_.int_bits, modes != DEFAULT_MODES, name)


def _types_header(
    top: str, function: func.FuncOp, emission: _Emission, ports: tuple[list[Port], list[Port]]
) -> str:
    inputs, outputs = ports
    input_modes = fix.input_modes(function.arg_attrs, len(function.args))
    guard = f"{cxx_identifier(top).upper()}_TYPES_H_"
    typedefs = [
        f"typedef {type_.cxx(modes)} {name};"
        for (type_, modes), name in sorted(emission.typedefs.items(), key=_typedef_order)
    ]
    lines = [
        f"// Types of `{top}`, generated by srcc.",
        f"#ifndef {guard}",
        f"#define {guard}",
        "",
        "#include <ap_fixed.h>",
        "#include <ap_int.h>",
        "",
        f"#define N_IN {len(inputs)}",
        f"#define N_OUT {len(outputs)}",
        "",
        _input_comment(input_modes),
        *(f"typedef {port.type.cxx(input_modes)} {port.typedef};" for port in inputs),
        *(f"typedef {port.type.cxx()} {port.typedef};" for port in outputs),
        "",
        *typedefs,
        "",
        TYPES_HELPERS,
        f"#endif  // {guard}",
    ]
    return "\n".join(lines) + "\n"


def _input_comment(modes: Modes) -> str:
    how = "round to nearest (ties to even) and saturate"
    if modes != INPUT_ROUNDING:
        how = f"enter by {modes[0].cxx} and {modes[1].cxx}"
    return f"// Inputs {how}, as srcc's Model.predict does."


def top_signature(top: str, ports: tuple[list[Port], list[Port]]) -> str:
    """`void <top>(const G_t G, y0_t &y0)`: the top function's declaration."""
    inputs, outputs = ports
    parameters = [f"const {port.typedef} {port.name}" for port in inputs]
    parameters += [f"{port.typedef} &{port.name}" for port in outputs]
    return f"void {top}({', '.join(parameters)})"


def _top_header(top: str, signature: str) -> str:
    guard = f"{cxx_identifier(top).upper()}_H_"
    return (
        f"// The firmware `{top}`, generated by srcc.\n#ifndef {guard}\n#define {guard}\n\n"
        f'#include "{top}_types.h"\n\n{signature};\n\n#endif  // {guard}\n'
    )


def _source(
    top: str, signature: str, ports: list[Port], emission: _Emission, body: list[str]
) -> str:
    pragmas = "\n".join(_port_pragmas(emission.target, ports))
    statements = "\n".join(f"    {line}" for line in body)
    helpers = "".join(f"{helper}\n" for helper in emission.helpers)
    return (
        f"// The firmware `{top}`, generated by srcc from its fix IR.\n"
        f'#include "{top}.h"\n\n{helpers}'
        f"{signature} {{\n{pragmas}\n{statements}\n}}\n"
    )


def emit_hls(function: func.FuncOp, top: str = "model", target: str = "vitis") -> dict[str, str]:
    """The firmware files of a `fix`-level function: relative path -> text."""
    if target not in TARGETS:
        raise SrccError(f"unknown HLS target {target!r}; expected one of {', '.join(TARGETS)}")
    if cxx_identifier(top) != top or top in CXX_KEYWORDS:
        raise SrccError(f"the top function name {top!r} is not a C++ identifier")
    _check_ops(function)
    if not function.args or not function.function_type.outputs.data:
        raise SrccError("the firmware needs at least one input and one output")
    names = _top_names(top)
    ports = _ports(function, names)
    inputs, outputs = ports
    port_typedefs = {arg: port.typedef for arg, port in zip(function.args, inputs)}
    emission = _Emission(_name_values(function, names, inputs), port_typedefs, {}, [], target)
    body = _body(function, emission, outputs)
    signature = top_signature(top, ports)
    return {
        f"firmware/{top}_types.h": _types_header(top, function, emission, ports),
        f"firmware/{top}.h": _top_header(top, signature),
        f"firmware/{top}.cpp": _source(top, signature, [*inputs, *outputs], emission, body),
    }


def print_files(files: dict[str, str], write: Callable[[str], object]) -> None:
    """All files, each after a `// ==== path ====` line (what `srcc-opt -t hls` prints)."""
    for path, text in files.items():
        write(f"// ==== {path} ====\n{text}")


@dataclass(frozen=True)
class HlsTarget(Target):
    """`srcc-opt -t hls` (or `-t 'hls{target=vivado top=name}'`): the firmware files of the
    module's first function, each after a `// ==== path ====` line."""

    name = "hls"

    target: str = "vitis"
    top: str = "model"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        function = next((op for op in module.ops if isinstance(op, func.FuncOp)), None)
        if function is None:
            raise SrccError("the module has no func.func to emit")
        print_files(emit_hls(function, self.top, self.target), output.write)
