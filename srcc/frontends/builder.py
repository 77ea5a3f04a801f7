"""Build a `sym` model: one `func.func @model` whose arguments are the named inputs.

Every frontend goes through `ModelBuilder`, which creates ops directly (never via text)
and stamps each with the source location it came from, and walks its input with
`emit_tree`, which needs no Python recursion however deep the expression.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Generator, Hashable, Mapping, MutableMapping, Sequence
from typing import TypeVar

from xdsl.dialects.builtin import (
    ArrayAttr,
    DictionaryAttr,
    FileLineColLoc,
    FloatAttr,
    FunctionType,
    IntAttr,
    ModuleOp,
    StringAttr,
    UnitAttr,
    f64,
)
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.irdl import IRDLOperation

from srcc.dialects.sym import (
    BINARY_OPS,
    NAME_ATTR,
    POWER_BASE_ATTR,
    UNARY_OPS,
    ConstantOp,
    PowiOp,
)
from srcc.errors import SrccError
from srcc.limits import MAX_INPUTS
from srcc.names import check_input_name

DEFAULT_NAME = re.compile(r"x(0|[1-9][0-9]*)")
"""Input names accepted when the user gives none: `x0`, `x1`, ..."""


NodeT = TypeVar("NodeT", bound=Hashable)

Steps = Generator[NodeT, SSAValue, SSAValue]
"""How a node with operands is emitted: yield each operand node in turn, receive its
value, return the node's value (the shape of a recursive emitter, `lhs = yield node.lhs`)."""


def emit_tree(
    root: NodeT,
    visit: Callable[[NodeT], SSAValue | Steps[NodeT]],
    known: MutableMapping[NodeT, SSAValue] | None = None,
) -> SSAValue:
    """The value of `root`: `visit(node)` gives a leaf's value, or the steps that emit a
    node from its operands. Steps wait on an explicit stack while their operands are
    emitted, so ops come out in the order a recursive emitter would create them, without
    its recursion. `known` holds values already emitted (a DAG's shared nodes, or bound
    symbols) and receives every new one."""
    values: MutableMapping[NodeT, SSAValue] = {} if known is None else known
    waiting: list[tuple[NodeT, Steps[NodeT]]] = []
    node = root
    while True:
        value: SSAValue | None = values.get(node)
        if value is None:
            result = visit(node)
            if isinstance(result, SSAValue):
                value = values[node] = result
            else:
                waiting.append((node, result))
        while True:  # resume the innermost steps until one asks for another node
            if not waiting:
                assert value is not None
                return value
            parent, steps = waiting[-1]
            try:
                node = steps.send(value)  # type: ignore[arg-type]  # None starts the steps
                break
            except StopIteration as done:
                waiting.pop()
                value = values[parent] = done.value


def location(file: str, line: int, column: int) -> FileLineColLoc:
    """A `file:line:col` location (1-based line and column)."""
    return FileLineColLoc(StringAttr(file), IntAttr(line), IntAttr(column))


def natural_key(name: str) -> list[int | str]:
    """Sort key putting `x2` before `x10`: digit runs compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


class ModelBuilder:
    """Appends `sym` ops to the body of `@model` and assembles the module at the end.

    With `names`, the inputs are exactly those names, in that order. Without, inputs are
    created on first use: `x0, x1, ...` (using `x3` makes four inputs) and, if `free`, any
    other variable the expression names. Inputs are ordered: `x0, x1, ...` first, then as
    `order` names them (the ranges' order), then in natural order (`a2` before `a10`).
    """

    def __init__(
        self,
        names: Sequence[str] | None = None,
        *,
        free: bool = False,
        order: Sequence[str] = (),
    ):
        self._block = Block()
        self._inputs: dict[str, SSAValue] = {}
        self._fixed_names = names is not None
        self._free = free
        self._rank = {name: rank for rank, name in enumerate(order)}
        self._outputs: list[SSAValue] = []
        if names is not None and len(names) > MAX_INPUTS:
            raise SrccError(f"{len(names)} input names: more than the limit, {MAX_INPUTS}")
        for name in names or ():
            check_input_name(name)
            if name in self._inputs:
                raise SrccError(f"input name '{name}' is given twice")
            self._add_input(name, len(self._inputs))

    @property
    def input_names(self) -> list[str]:
        return sorted(self._inputs, key=lambda name: self._inputs[name].index)  # type: ignore[attr-defined]

    def known_input(self, name: str) -> SSAValue | None:
        """The argument for input `name` if it exists already (none is created)."""
        return self._inputs.get(name)

    def input(self, name: str) -> SSAValue | None:
        """The argument for input `name`, or None if there is no such input."""
        if name in self._inputs or self._fixed_names:
            return self._inputs.get(name)
        match = DEFAULT_NAME.fullmatch(name)
        if match is None:
            if not self._free:
                return None
            check_input_name(name)
            self._add_ordered(name)
            return self._inputs[name]
        if int(match.group(1)) >= MAX_INPUTS:
            raise SrccError(f"input {name}: a model has at most {MAX_INPUTS} inputs (the limit)")
        for index in range(int(match.group(1)) + 1):
            if f"x{index}" not in self._inputs:
                self._add_ordered(f"x{index}")
        return self._inputs[name]

    def unknown_input_hint(self) -> str:
        """What the user may write instead of an unknown variable."""
        if self._fixed_names:
            return f"inputs are {', '.join(self._inputs) or '(none)'}"
        return "without names, inputs are x0, x1, ..."

    def _sort_key(self, name: str) -> tuple[int, int, list[int | str]]:
        """PySR's `x0, x1, ...` first, by number; then names as `order` ranks them; then
        the others in natural order."""
        default = DEFAULT_NAME.fullmatch(name)
        if default is not None:
            return 0, int(default.group(1)), []
        rank = self._rank.get(name)
        return (1, rank, []) if rank is not None else (2, 0, natural_key(name))

    def _add_ordered(self, name: str) -> None:
        """A new input, at its place in the inputs' order."""
        if len(self._inputs) >= MAX_INPUTS:
            raise SrccError(f"input {name}: a model has at most {MAX_INPUTS} inputs (the limit)")
        key = self._sort_key(name)
        position = sum(1 for other in self._inputs if self._sort_key(other) < key)
        self._add_input(name, position)

    def constant(self, value: float, loc: FileLineColLoc) -> SSAValue:
        if not math.isfinite(value):
            raise ValueError(f"sym.constant must be finite, got {value}")
        properties = {"value": FloatAttr(float(value), f64)}
        return self._append(ConstantOp, [], loc, properties)

    def unary(self, op_name: str, arg: SSAValue, loc: FileLineColLoc) -> SSAValue:
        return self._append(UNARY_OPS[op_name], [arg], loc)

    def binary(self, op_name: str, lhs: SSAValue, rhs: SSAValue, loc: FileLineColLoc) -> SSAValue:
        return self._append(BINARY_OPS[op_name], [lhs, rhs], loc)

    def power(self, base: SSAValue, exponent: float, loc: FileLineColLoc) -> SSAValue:
        """`base ** exponent` for a constant exponent, in the cheapest exact form."""
        if exponent == int(exponent):
            return self.integer_power(base, int(exponent), loc)
        if exponent == 0.5:
            return self.unary("sqrt", base, loc)
        if exponent == -0.5:
            return self.unary("inv", self.unary("sqrt", base, loc), loc)
        return self.variable_power(base, self.constant(exponent, loc), loc)

    def integer_power(self, base: SSAValue, exponent: int, loc: FileLineColLoc) -> SSAValue:
        if exponent == 0:
            return self.constant(1.0, loc)
        if exponent == 1:
            return base
        return self._append(PowiOp, [base], loc, {"exponent": IntAttr(exponent)})

    def variable_power(self, base: SSAValue, exponent: SSAValue, loc: FileLineColLoc) -> SSAValue:
        """`base ** exponent` as exp(exponent * log(base)): real only for base > 0."""
        log_base = self.power_base(self.unary("log", base, loc))
        return self.unary("exp", self.binary("mul", exponent, log_base, loc), loc)

    @staticmethod
    def power_base(log_base: SSAValue) -> SSAValue:
        """Mark the log (or log_abs) of a power's base (`sym.power_base`), for diagnostics."""
        assert isinstance(log_base.owner, Operation)
        log_base.owner.attributes[POWER_BASE_ATTR] = UnitAttr()
        return log_base

    @property
    def has_outputs(self) -> bool:
        return bool(self._outputs)

    def output(self, value: SSAValue) -> None:
        self._outputs.append(value)

    def build(self) -> ModuleOp:
        """The module holding `@model`; the builder must not be used afterwards."""
        inputs = [f64] * len(self._inputs)
        func_type = FunctionType.from_lists(inputs, [f64] * len(self._outputs))
        arg_attrs = ArrayAttr(
            [DictionaryAttr({NAME_ATTR: StringAttr(name)}) for name in self.input_names]
        )
        self._block.add_op(ReturnOp(*self._outputs))
        func = FuncOp("model", func_type, Region(self._block), arg_attrs=arg_attrs)
        return ModuleOp([func])

    def _add_input(self, name: str, position: int) -> None:
        arg = self._block.insert_arg(f64, position)
        if SSAValue.is_valid_name(name):
            arg.name_hint = name
        self._inputs[name] = arg

    def _append(
        self,
        op_type: type[IRDLOperation],
        operands: list[SSAValue],
        loc: FileLineColLoc,
        properties: Mapping[str, Attribute] | None = None,
    ) -> SSAValue:
        op = op_type.create(
            operands=operands, result_types=[f64], properties=properties or {}, location=loc
        )
        self._block.add_op(op)
        return op.results[0]
