"""Expression strings (Python/sympy syntax, PySR's `^` included) → `sym` IR.

The text is parsed with Python's `ast` and turned into ops directly. PySR writes powers
as `x ^ 2`; `^` becomes `**` before parsing (both bind tighter than unary minus), and a
column map keeps every error caret and op location pointing into the user's text.

Names a user may call:

- every unary op of `sym` (`sin`, `log_abs`, `gauss`, ...);
- aliases: `Abs` → abs, `arcsin`/`arccos`/`arctan` → asin/acos/atan, `ln`, `safe_log` → log,
  `safe_sqrt` → sqrt;
- derived: `log10`, `log2`, `log1p` (and their `safe_` forms), `exp2`;
- binary: `pow(x, y)` and `safe_pow(x, y)` (= `x ** y`), `pow_abs(x, y)` = exp(y * log|x|);
- user operators: one-argument callables on sympy expressions, inlined at every call
  (they take precedence over the names above).

Constants: `pi` and `E` (as in sympy); an input of the same name wins. `max`/`min` are
rejected: `sym` has no such op. A constant exponent `c` gives, by value: `sym.powi` (integer
c; c = 0 gives 1, c = 1 the base), `sqrt` (0.5), `inv(sqrt)` (-0.5), else exp(c * log(x)).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping

import sympy
from xdsl.dialects.builtin import FileLineColLoc
from xdsl.ir import SSAValue

from srcc.dialects.sym import UNARY_OPS
from srcc.errors import SrccError
from srcc.frontends.builder import ModelBuilder, location
from srcc.frontends.sympy_expr import emit_sympy

UserFunction = Callable[[sympy.Expr], sympy.Expr]
Emit1 = Callable[[ModelBuilder, SSAValue, FileLineColLoc], SSAValue]

SOURCE_FILE = "<expr>"

UNARY_ALIASES: dict[str, str] = {
    "Abs": "abs",
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "ln": "log",
    "safe_log": "log",
    "safe_sqrt": "sqrt",
}
"""Other names of `sym` unary ops, as sympy, numpy and PySR spell them."""


def _log_base(base: float) -> Emit1:
    def emit(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
        return b.binary("div", b.unary("log", x, loc), b.constant(math.log(base), loc), loc)

    return emit


def _log1p(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
    return b.unary("log", b.binary("add", x, b.constant(1.0, loc), loc), loc)


def _exp2(b: ModelBuilder, x: SSAValue, loc: FileLineColLoc) -> SSAValue:
    return b.unary("exp", b.binary("mul", x, b.constant(math.log(2.0), loc), loc), loc)


DERIVED_UNARY: dict[str, Emit1] = {
    "log10": _log_base(10.0),
    "safe_log10": _log_base(10.0),
    "log2": _log_base(2.0),
    "safe_log2": _log_base(2.0),
    "log1p": _log1p,
    "safe_log1p": _log1p,
    "exp2": _exp2,
}
"""One-argument functions without an op of their own, built from other ops."""


POWER_FUNCTIONS = frozenset({"pow", "safe_pow"})
"""Two-argument spellings of `x ** y`."""

CONSTANTS: dict[str, float] = {"pi": math.pi, "E": math.e}
NON_FINITE_NAMES = frozenset({"nan", "NaN", "inf", "Inf", "oo", "zoo", "infinity"})
UNSUPPORTED_FUNCTIONS = frozenset({"max", "min", "Max", "Min"})
BINARY_OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "add",
    ast.Sub: "sub",
    ast.Mult: "mul",
    ast.Div: "div",
}

FOLDABLE_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
"""Operators evaluated at parse time between numbers in an exponent (`x ** (1/3)`)."""


class UserOperators:
    """User-defined one-argument operators, each applied once to a sympy dummy."""

    def __init__(self, functions: Mapping[str, UserFunction] | None = None):
        self.functions = dict(functions or {})
        self._bodies: dict[str, tuple[sympy.Dummy, sympy.Basic]] = {}
        for name, function in self.functions.items():
            if not callable(function):
                raise SrccError(f"user operator '{name}' is not callable")

    def __contains__(self, name: str) -> bool:
        return name in self.functions

    def body(self, name: str) -> tuple[sympy.Dummy, sympy.Basic]:
        """The dummy argument and the sympy expression of operator `name`."""
        if name not in self._bodies:
            self._bodies[name] = self._apply(name)
        return self._bodies[name]

    def _apply(self, name: str) -> tuple[sympy.Dummy, sympy.Basic]:
        dummy = sympy.Dummy(name)
        try:
            body = sympy.sympify(self.functions[name](dummy))
        except Exception as err:  # any failure of user code is a user error
            raise SrccError(f"user operator '{name}' fails on a sympy symbol: {err}") from err
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
    return _ExpressionEmitter(builder, text, operators, file, line, column).emit_all()


def _to_python(text: str) -> tuple[str, list[int]]:
    """Python text for `text` (`^` → `**`, one line, no indent) and, for every character of
    it and for its end, the index of the character of `text` it comes from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char == "^":
            chars += "**"
            origin += [index, index]
        else:
            chars.append(" " if char in "\t\r\n" else char)
            origin.append(index)
    origin.append(len(text))
    python = "".join(chars)
    indent = len(python) - len(python.lstrip(" "))
    return python[indent:], origin[indent:]


class _ExpressionEmitter:
    def __init__(
        self,
        builder: ModelBuilder,
        text: str,
        operators: UserOperators,
        file: str,
        line: int,
        column: int,
    ):
        self.builder = builder
        self.text = text
        self.operators = operators
        self.file = file
        self.line = line
        self.column = column
        self.python, self.origin = _to_python(text)
        self.encoded = None if self.python.isascii() else self.python.encode()

    def emit_all(self) -> SSAValue:
        if not self.python.strip():
            raise SrccError("empty expression", source=self.text, column=0)
        try:
            tree = ast.parse(self.python, mode="eval")
        except SyntaxError as err:
            offset = err.offset or 0
            char = offset - 1 if 0 < offset <= len(self.python) else len(self.python)
            raise self._error_at(f"syntax error: {err.msg}", char) from None
        return self._emit(tree.body)

    def _emit(self, node: ast.expr) -> SSAValue:
        if isinstance(node, ast.Constant):
            return self.builder.constant(self._number(node), self._loc(node))
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.UnaryOp):
            return self._unary_operator(node)
        if isinstance(node, ast.BinOp):
            return self._binary_operator(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Compare):
            raise self._error("comparisons are not supported", node)
        raise self._error("unsupported syntax", node)

    def _number(self, node: ast.Constant) -> float:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._error(f"unsupported constant {value!r}", node)
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise self._error(f"constant {self._source(node)} is not a finite number", node)
        return number

    def _name(self, node: ast.Name) -> SSAValue:
        value = self.builder.input(node.id)
        if value is not None:
            return value
        if node.id in CONSTANTS:
            return self.builder.constant(CONSTANTS[node.id], self._loc(node))
        if node.id in NON_FINITE_NAMES:
            raise self._error(f"'{node.id}' is not a finite number", node)
        hint = self.builder.unknown_input_hint()
        raise self._error(f"unknown variable '{node.id}' ({hint})", node)

    def _unary_operator(self, node: ast.UnaryOp) -> SSAValue:
        if isinstance(node.op, ast.UAdd):
            return self._emit(node.operand)
        if not isinstance(node.op, ast.USub):
            raise self._error("unsupported operator", node)
        if isinstance(node.operand, ast.Constant):
            return self.builder.constant(-self._number(node.operand), self._loc(node))
        return self.builder.unary("neg", self._emit(node.operand), self._loc(node))

    def _binary_operator(self, node: ast.BinOp) -> SSAValue:
        if isinstance(node.op, ast.Pow):
            return self._power(node.left, node.right, self._loc(node))
        op_name = BINARY_OPERATORS.get(type(node.op))
        if op_name is None:
            raise self._error_at("unsupported operator", self._operator_char(node))
        lhs = self._emit(node.left)
        rhs = self._emit(node.right)
        return self.builder.binary(op_name, lhs, rhs, self._loc(node))

    def _power(self, base: ast.expr, exponent: ast.expr, loc: FileLineColLoc) -> SSAValue:
        if isinstance(base, ast.Name) and base.id == "E" and self.builder.input("E") is None:
            return self.builder.unary("exp", self._emit(exponent), loc)
        base_value = self._emit(base)
        constant = _literal_value(exponent)
        if constant is None:
            return self.builder.variable_power(base_value, self._emit(exponent), loc)
        if not math.isfinite(constant):
            raise self._error("exponent is not a finite number", exponent)
        return self.builder.power(base_value, constant, loc)

    def _call(self, node: ast.Call) -> SSAValue:
        if not isinstance(node.func, ast.Name):
            raise self._error("only plain function names can be called", node.func)
        name = node.func.id
        if node.keywords:
            raise self._error(f"{name}() takes no keyword arguments", node.keywords[0].value)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self._error("unsupported syntax", arg)
        loc = self._loc(node)
        if name in self.operators:
            return self._inline(name, self._one_argument(node, name), loc, node)
        op_name = UNARY_ALIASES.get(name, name)
        if op_name in UNARY_OPS:
            return self.builder.unary(op_name, self._one_argument(node, name), loc)
        if name in DERIVED_UNARY:
            return DERIVED_UNARY[name](self.builder, self._one_argument(node, name), loc)
        if name in POWER_FUNCTIONS:
            self._check_arity(node, name, 2)
            return self._power(node.args[0], node.args[1], loc)
        if name == "pow_abs":
            return self._pow_abs(node, loc)
        if name in UNSUPPORTED_FUNCTIONS:
            raise self._error(f"{name}() is not supported (sym has no max or min op)", node.func)
        raise self._error(f"unknown function '{name}'", node.func)

    def _one_argument(self, node: ast.Call, name: str) -> SSAValue:
        self._check_arity(node, name, 1)
        return self._emit(node.args[0])

    def _pow_abs(self, node: ast.Call, loc: FileLineColLoc) -> SSAValue:
        """pow_abs(x, y) = exp(y * log|x|)."""
        self._check_arity(node, "pow_abs", 2)
        base = self._emit(node.args[0])
        exponent = self._emit(node.args[1])
        log_base = self.builder.unary("log_abs", base, loc)
        return self.builder.unary("exp", self.builder.binary("mul", exponent, log_base, loc), loc)

    def _check_arity(self, node: ast.Call, name: str, arity: int) -> None:
        if len(node.args) != arity:
            plural = "" if arity == 1 else "s"
            message = f"{name}() takes {arity} argument{plural}, got {len(node.args)}"
            raise self._error(message, node)

    def _inline(self, name: str, arg: SSAValue, loc: FileLineColLoc, node: ast.Call) -> SSAValue:
        try:
            dummy, body = self.operators.body(name)
        except SrccError as err:
            raise self._error(err.message, node.func) from None
        try:
            return emit_sympy(self.builder, body, loc, {dummy: arg})
        except SrccError as err:
            raise self._error(f"in user operator '{name}': {err.message}", node.func) from None

    def _char(self, byte_offset: int) -> int:
        """Character index in `self.python` of an `ast` column (a UTF-8 byte offset)."""
        if self.encoded is None:
            return byte_offset
        return len(self.encoded[:byte_offset].decode("utf-8", errors="ignore"))

    def _operator_char(self, node: ast.BinOp) -> int:
        start = self._char(node.left.end_col_offset or 0)
        gap = self.python[start : self._char(node.right.col_offset)]
        return start + len(gap) - len(gap.lstrip(" )"))

    def _source(self, node: ast.expr) -> str:
        start = self._char(node.col_offset)
        return self.python[start : self._char(node.end_col_offset or node.col_offset)]

    def _loc(self, node: ast.expr) -> FileLineColLoc:
        user_column = self.origin[self._char(node.col_offset)]
        return location(self.file, self.line, self.column + user_column)

    def _error(self, message: str, node: ast.expr) -> SrccError:
        return self._error_at(message, self._char(node.col_offset))

    def _error_at(self, message: str, char: int) -> SrccError:
        return SrccError(message, source=self.text, column=self.origin[char])


def _literal_value(node: ast.expr) -> float | None:
    """The value of a purely numeric expression (`2`, `-0.5`, `1/3`), else None."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            return None
        try:
            return float(node.value)
        except OverflowError:
            return math.inf
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _literal_value(node.operand)
        if value is None:
            return None
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in FOLDABLE_OPERATORS:
        return _fold(node.op, _literal_value(node.left), _literal_value(node.right))
    return None


def _fold(op: ast.operator, lhs: float | None, rhs: float | None) -> float | None:
    if lhs is None or rhs is None:
        return None
    if isinstance(op, ast.Add):
        return lhs + rhs
    if isinstance(op, ast.Sub):
        return lhs - rhs
    if isinstance(op, ast.Mult):
        return lhs * rhs
    if isinstance(op, ast.Div):
        return lhs / rhs if rhs != 0 else None
    return _fold_power(lhs, rhs)


def _fold_power(base: float, exponent: float) -> float | None:
    """`base ** exponent` if real (None if not, or 0 to a negative power)."""
    if (base < 0 and not exponent.is_integer()) or (base == 0 and exponent < 0):
        return None
    try:
        return base**exponent
    except OverflowError:
        return math.inf
