"""Expression strings (Python/sympy syntax, PySR's `^` included) → `sym` IR.

The text is parsed by `expression_parser` (no recursion on its size or depth) and its tree
turned into ops directly, in the order of a post-order walk. Every op's location and every
error's caret point into the user's text.

Names a user may call:

- every unary op of `sym` (`sin`, `log_abs`, `gauss`, ...);
- aliases: `Abs` → abs, `arcsin`/`arccos`/`arctan` (and `arcsinh`...) → asin/acos/atan,
  `ln`, `safe_log` → log, `safe_sqrt` → sqrt, `safe_acosh` → acosh, PySR's old `logm` →
  log_abs and `sqrtm` → sqrt_abs;
- derived: `log10`, `log2`, `log1p` (and their `safe_` forms), `log10_abs`, `log2_abs`
  (`logm10`, `logm2`), `log1p_abs` = log(|x| + 1), `acosh_abs` = acosh(|x| + 1), `exp2`,
  and `log(x, b)` = log(x) / log(b);
- binary: `pow(x, y)` and `safe_pow(x, y)` (= `x ** y`), `pow_abs(x, y)` = exp(y * log|x|);
- user operators, inlined at every call (they take precedence over the names above):
  definitions `NAME(u)=EXPR`, whose body is parsed as any expression is (never evaluated as
  Python) and may use `u`, `pi`, `E` and the functions above; or, from the Python API, the
  caller's own one-argument callables, applied once to a sympy symbol.

Constants: `pi` and `E` (as in sympy); an input of the same name wins. `max`/`min` are
rejected: `sym` has no such op. A constant exponent `c` gives, by value: `sym.powi` (integer
c; c = 0 gives 1, c = 1 the base), `sqrt` (0.5), `inv(sqrt)` (-0.5), else exp(c * log(x)).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import sympy
from xdsl.dialects.builtin import FileLineColLoc
from xdsl.ir import SSAValue

from srcc.dialects.sym import UNARY_OPS
from srcc.errors import SrccError
from srcc.frontends.builder import ModelBuilder, Steps, emit_tree, location
from srcc.frontends.expression_parser import (
    Binary,
    Call,
    Name,
    Node,
    Number,
    Unary,
    parse_expression,
)
from srcc.frontends.sympy_expr import as_sympy, emit_sympy
from srcc.limits import MAX_EXPRESSION_LENGTH

UserFunction = Callable[[sympy.Expr], sympy.Expr]
UserFunctions = Mapping[str, UserFunction] | Sequence[str]
"""User operators: name -> the caller's callable on sympy expressions, or definition strings
`NAME(u)=EXPR` (the command line's `--operator`), which are parsed, never evaluated."""
Emit1 = Callable[[ModelBuilder, SSAValue, FileLineColLoc], SSAValue]

SOURCE_FILE = "<expr>"

UNARY_ALIASES: dict[str, str] = {
    "Abs": "abs",
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "arcsinh": "asinh",
    "arccosh": "acosh",
    "arctanh": "atanh",
    "ln": "log",
    "safe_log": "log",
    "safe_sqrt": "sqrt",
    "safe_acosh": "acosh",
    "logm": "log_abs",
    "sqrtm": "sqrt_abs",
}
"""Other names of `sym` unary ops, as sympy, numpy and PySR spell them."""


def _log_base(base: float) -> Emit1:
    def emit(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
        return b.binary("div", b.unary("log", x, loc), b.constant(math.log(base), loc), loc)

    return emit


def _log_abs_base(base: float) -> Emit1:
    def emit(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
        return b.binary("div", b.unary("log_abs", x, loc), b.constant(math.log(base), loc), loc)

    return emit


def _log1p(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
    return b.unary("log", b.binary("add", x, b.constant(1.0, loc), loc), loc)


def _abs_plus_one(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
    return b.binary("add", b.unary("abs", x, loc), b.constant(1.0, loc), loc)


def _log1p_abs(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
    return b.unary("log", _abs_plus_one(b, x, loc), loc)


def _acosh_abs(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
    return b.unary("acosh", _abs_plus_one(b, x, loc), loc)


def _exp2(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
    return b.unary("exp", b.binary("mul", x, b.constant(math.log(2.0), loc), loc), loc)


DERIVED_UNARY: dict[str, Emit1] = {
    "log10": _log_base(10.0),
    "safe_log10": _log_base(10.0),
    "log2": _log_base(2.0),
    "safe_log2": _log_base(2.0),
    "log1p": _log1p,
    "safe_log1p": _log1p,
    "log10_abs": _log_abs_base(10.0),
    "logm10": _log_abs_base(10.0),
    "log2_abs": _log_abs_base(2.0),
    "logm2": _log_abs_base(2.0),
    "log1p_abs": _log1p_abs,
    "acosh_abs": _acosh_abs,
    "exp2": _exp2,
}
"""One-argument functions without an op of their own, built from other ops."""


POWER_FUNCTIONS = frozenset({"pow", "safe_pow"})
"""Two-argument spellings of `x ** y`."""

CONSTANTS: dict[str, float] = {"pi": math.pi, "E": math.e}
NON_FINITE_NAMES = frozenset({"nan", "NaN", "inf", "Inf", "oo", "zoo", "infinity"})
UNSUPPORTED_FUNCTIONS = frozenset({"max", "min", "Max", "Min"})


OPERATOR_HEAD = re.compile(r"\s*([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*)\s*\)\s*=", re.ASCII)
"""The `NAME(u)=` that starts an operator definition."""


@dataclass(frozen=True)
class OperatorDefinition:
    """A user operator defined by text: `name(parameter) = body`."""

    name: str
    parameter: str
    text: str
    """The whole definition; the columns of `body`'s nodes index into it."""
    body: Node


def parse_operator(text: str) -> OperatorDefinition:
    """The definition `NAME(u)=EXPR`, its body parsed by the expression parser; its only
    variable is `u` (constants `pi` and `E` aside)."""
    head = OPERATOR_HEAD.match(text)
    if head is None:
        raise SrccError(f"operator definition {text!r} is not of the form NAME(u)=EXPR")
    name, parameter = head.groups()
    # The head blanked out, the parser's columns are the definition's: carets point into it.
    body_text = " " * head.end() + text[head.end() :]
    if not body_text.strip():
        raise SrccError(f"operator '{name}' has an empty body", source=text, column=head.end())
    try:
        body = parse_expression(body_text)
    except SrccError as err:
        message = f"operator '{name}': {err.message}"
        raise SrccError(message, source=text, column=err.column) from None
    for node in _names(body):
        if node.name != parameter and node.name not in CONSTANTS:
            message = f"operator '{name}' uses '{node.name}'; its only variable is '{parameter}'"
            raise SrccError(message, source=text, column=node.column)
    return OperatorDefinition(name, parameter, text, body)


def _names(tree: Node) -> list[Name]:
    """The variables of `tree` (not the called functions' names), without recursion."""
    found: list[Name] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, Name):
            found.append(node)
        elif isinstance(node, Unary):
            pending.append(node.operand)
        elif isinstance(node, Binary):
            pending += [node.lhs, node.rhs]
        elif isinstance(node, Call):
            pending += node.args
    return found


class UserOperators:
    """User-defined one-argument operators: parsed definitions, and callables each applied
    once to a sympy dummy."""

    def __init__(self, functions: UserFunctions | None = None):
        self.definitions: dict[str, OperatorDefinition] = {}
        self.functions: dict[str, UserFunction] = {}
        self._bodies: dict[str, tuple[sympy.Dummy, sympy.Basic]] = {}
        if isinstance(functions, Mapping):
            self._add_callables(functions)
        else:
            self._add_definitions([functions] if isinstance(functions, str) else functions or ())

    def _add_callables(self, functions: Mapping[str, UserFunction]) -> None:
        for name, function in functions.items():
            if not callable(function):
                raise SrccError(
                    f"user operator '{name}' is not callable (give a function of a sympy"
                    " expression, or definitions as 'NAME(u)=EXPR' strings)"
                )
        self.functions = dict(functions)

    def _add_definitions(self, texts: Sequence[str]) -> None:
        for text in texts:
            if not isinstance(text, str):
                raise SrccError(f"an operator definition must be a string, got {text!r}")
            definition = parse_operator(text)
            if definition.name in self.definitions:
                raise SrccError(f"operator '{definition.name}' is defined twice")
            self.definitions[definition.name] = definition

    def __contains__(self, name: str) -> bool:
        return name in self.functions or name in self.definitions

    def body(self, name: str) -> tuple[sympy.Dummy, sympy.Basic]:
        """The dummy argument and the sympy expression of callable operator `name`."""
        if name not in self._bodies:
            self._bodies[name] = self._apply(name)
        return self._bodies[name]

    def _apply(self, name: str) -> tuple[sympy.Dummy, sympy.Basic]:
        dummy = sympy.Dummy(name)
        try:
            result = self.functions[name](dummy)
        except Exception as err:  # any failure of user code is a user error
            raise SrccError(f"user operator '{name}' fails on a sympy symbol: {err}") from err
        body = as_sympy(result, f"user operator '{name}'")
        extra = body.free_symbols - {dummy}
        if extra:
            names = ", ".join(sorted(str(s) for s in extra))
            raise SrccError(
                f"user operator '{name}' uses variables other than its argument: {names}"
            )
        return dummy, body


def emit_expression(
    builder: ModelBuilder,
    text: str,
    operators: UserOperators,
    *,
    file: str = SOURCE_FILE,
    line: int = 1,
    column: int = 1,
) -> SSAValue:
    """Append the ops of expression `text`, which starts at `file:line:column`."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise SrccError(
            f"an expression of {len(text)} characters: the limit is {MAX_EXPRESSION_LENGTH}"
        )
    if not text.strip():
        raise SrccError("empty expression", source=text, column=0)
    tree = parse_expression(text)
    emitter = _ExpressionEmitter(builder, text, operators, location(file, line, column))
    return emit_tree(tree, emitter.visit)


class _ExpressionEmitter:
    """Ops for the nodes of one expression's tree: `visit` gives a leaf's value or the
    steps that build a node from its operands (see `emit_tree`).

    `start` is where `text` begins; each op is located at its node's column from there. An
    operator definition's body is emitted with `scope` (its parameter's value) in place of
    the model's inputs, and every op of it at the call's location, `start`."""

    def __init__(
        self,
        builder: ModelBuilder,
        text: str,
        operators: UserOperators,
        start: FileLineColLoc,
        scope: Mapping[str, SSAValue] | None = None,
    ):
        self.builder = builder
        self.text = text
        self.operators = operators
        self.start = start
        self.scope = scope

    def visit(self, node: Node) -> SSAValue | Steps[Node]:
        if isinstance(node, Number):
            return self.builder.constant(self._number(node), self._loc(node))
        if isinstance(node, Name):
            return self._name(node)
        if isinstance(node, Unary):
            return self._unary_operator(node)
        if isinstance(node, Binary):
            if node.op == "pow":
                return self._power(node.lhs, node.rhs, self._loc(node))
            return self._binary_operator(node)
        assert isinstance(node, Call)
        return self._call(node)

    def _number(self, node: Number) -> float:
        assert node.literal is not None
        if not math.isfinite(node.literal):
            raise self._error(f"constant {node.text} is not a finite number", node)
        return node.literal

    def _name(self, node: Name) -> SSAValue:
        value = self._variable(node.name, create=False)
        if value is not None:
            return value
        if node.name in CONSTANTS:
            return self.builder.constant(CONSTANTS[node.name], self._loc(node))
        if node.name in NON_FINITE_NAMES:
            raise self._error(f"'{node.name}' is not a finite number", node)
        value = self._variable(node.name)
        if value is not None:
            return value
        hint = self.builder.unknown_input_hint()
        raise self._error(f"unknown variable '{node.name}' ({hint})", node)

    def _unary_operator(self, node: Unary) -> SSAValue | Steps[Node]:
        if node.negate and isinstance(node.operand, Number):
            return self.builder.constant(-self._number(node.operand), self._loc(node))
        return self._sign(node)

    def _sign(self, node: Unary) -> Steps[Node]:
        value = yield node.operand
        return self.builder.unary("neg", value, self._loc(node)) if node.negate else value

    def _binary_operator(self, node: Binary) -> Steps[Node]:
        lhs = yield node.lhs
        rhs = yield node.rhs
        return self.builder.binary(node.op, lhs, rhs, self._loc(node))

    def _power(self, base: Node, exponent: Node, loc: FileLineColLoc) -> Steps[Node]:
        if isinstance(base, Name) and base.name == "E" and self._variable("E", False) is None:
            return self.builder.unary("exp", (yield exponent), loc)
        base_value = yield base
        constant = exponent.literal
        if constant is None:
            return self.builder.variable_power(base_value, (yield exponent), loc)
        if not math.isfinite(constant):
            raise self._error("exponent is not a finite number", exponent)
        return self.builder.power(base_value, constant, loc)

    def _call(self, node: Call) -> Steps[Node]:
        """Checks the call before any of its arguments is emitted."""
        name = node.name
        loc = self._loc(node)
        if name in self.operators:
            self._check_arity(node, 1)
            return self._inline(node, loc)
        op_name = UNARY_ALIASES.get(name, name)
        if op_name == "log" and len(node.args) == 2:
            return self._log_base(node, loc)
        if op_name in UNARY_OPS:
            self._check_arity(node, 1)
            return self._unary_function(node, lambda x: self.builder.unary(op_name, x, loc))
        if name in DERIVED_UNARY:
            self._check_arity(node, 1)
            derived = DERIVED_UNARY[name]
            return self._unary_function(node, lambda x: derived(self.builder, x, loc))
        if name in POWER_FUNCTIONS:
            self._check_arity(node, 2)
            return self._power(node.args[0], node.args[1], loc)
        if name == "pow_abs":
            self._check_arity(node, 2)
            return self._pow_abs(node, loc)
        if name in UNSUPPORTED_FUNCTIONS:
            raise self._error(f"{name}() is not supported (sym has no max or min op)", node)
        raise self._error(f"unknown function '{name}'", node)

    def _unary_function(self, node: Call, emit: Callable[[SSAValue], SSAValue]) -> Steps[Node]:
        return emit((yield node.args[0]))

    def _log_base(self, node: Call, loc: FileLineColLoc) -> Steps[Node]:
        """log(x, b) = log(x) / log(b), as sympy writes it."""
        log_x = self.builder.unary("log", (yield node.args[0]), loc)
        return self.builder.binary(
            "div", log_x, self.builder.unary("log", (yield node.args[1]), loc), loc
        )

    def _pow_abs(self, node: Call, loc: FileLineColLoc) -> Steps[Node]:
        """pow_abs(x, y) = exp(y * log|x|)."""
        base = yield node.args[0]
        exponent = yield node.args[1]
        log_base = self.builder.power_base(self.builder.unary("log_abs", base, loc))
        return self.builder.unary("exp", self.builder.binary("mul", exponent, log_base, loc), loc)

    def _check_arity(self, node: Call, arity: int) -> None:
        if len(node.args) != arity:
            plural = "" if arity == 1 else "s"
            message = f"{node.name}() takes {arity} argument{plural}, got {len(node.args)}"
            raise self._error(message, node)

    def _inline(self, node: Call, loc: FileLineColLoc) -> Steps[Node]:
        arg = yield node.args[0]
        definition = self.operators.definitions.get(node.name)
        try:
            if definition is not None:
                return self._definition(definition, arg, loc)
            dummy, body = self.operators.body(node.name)
        except SrccError as err:
            raise self._error(err.message, node) from None
        try:
            return emit_sympy(self.builder, body, loc, {dummy: arg})
        except SrccError as err:
            message = f"in user operator '{node.name}': {err.message}"
            raise self._error(message, node) from None

    def _definition(
        self, definition: OperatorDefinition, arg: SSAValue, loc: FileLineColLoc
    ) -> SSAValue:
        """The body of a user operator definition applied to `arg`; operators are not
        visible inside it, so definitions cannot recurse."""
        scope = {definition.parameter: arg}
        body = _ExpressionEmitter(self.builder, definition.text, UserOperators(), loc, scope)
        try:
            return emit_tree(definition.body, body.visit)
        except SrccError as err:
            raise SrccError(f"in user operator '{definition.name}': {err.message}") from None

    def _variable(self, name: str, create: bool = True) -> SSAValue | None:
        """The value of a variable: a user operator's argument, or an input (created on
        first use when `create` and the builder allows it)."""
        if self.scope is not None:
            return self.scope.get(name)
        return self.builder.input(name) if create else self.builder.known_input(name)

    def _loc(self, node: Node) -> FileLineColLoc:
        if self.scope is not None:
            return self.start
        start = self.start
        return location(start.filename.data, start.line.data, start.column.data + node.column)

    def _error(self, message: str, node: Node) -> SrccError:
        return SrccError(message, source=self.text, column=node.column)
