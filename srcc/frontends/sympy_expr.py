"""sympy expressions → `sym` IR, one output per expression.

Symbols are inputs, matched by name. sympy's n-ary `Add`/`Mul` become chains, with
negated terms as `sym.sub` and negative powers as `sym.div`; numeric subexpressions
(`pi`, `sqrt(2)`) become one `sym.constant`. Powers follow `ModelBuilder.power`.
The walk is `emit_tree`'s: no recursion on the expression's depth, and each distinct
subexpression is emitted once.
"""

from __future__ import annotations

import cmath
import numbers
from collections.abc import Mapping

import sympy
from xdsl.dialects.builtin import FileLineColLoc
from xdsl.ir import SSAValue

from srcc.errors import SrccError
from srcc.frontends.builder import ModelBuilder, Steps, emit_tree

SYMPY_UNARY: dict[type, str] = {
    sympy.sin: "sin",
    sympy.cos: "cos",
    sympy.tan: "tan",
    sympy.exp: "exp",
    sympy.log: "log",
    sympy.Abs: "abs",
    sympy.sinh: "sinh",
    sympy.cosh: "cosh",
    sympy.tanh: "tanh",
    sympy.asin: "asin",
    sympy.acos: "acos",
    sympy.atan: "atan",
    sympy.sign: "sign",
    sympy.erf: "erf",
    sympy.erfc: "erfc",
    sympy.gamma: "gamma",
    sympy.asinh: "asinh",
    sympy.acosh: "acosh",
    sympy.atanh: "atanh",
}
"""sympy function classes with a `sym` op of their own, by that op's name."""

SOURCE_FILE = "<sympy>"
"""The file of sympy expressions' locations; the line is the output's number."""


def emit_sympy(
    builder: ModelBuilder,
    expr: sympy.Basic,
    loc: FileLineColLoc,
    bindings: Mapping[sympy.Symbol, SSAValue] | None = None,
) -> SSAValue:
    """Append the ops computing `expr`; `bindings` gives symbols a value ahead of inputs."""
    emitter = _SympyEmitter(builder, loc)
    return emit_tree(expr, emitter.visit, dict(bindings or {}))


class _SympyEmitter:
    def __init__(self, builder: ModelBuilder, loc: FileLineColLoc):
        self.builder = builder
        self.loc = loc

    def visit(self, expr: sympy.Basic) -> SSAValue | Steps[sympy.Basic]:
        if isinstance(expr, sympy.Symbol):
            return self._symbol(expr)
        if expr.is_number:
            return self.builder.constant(_number(expr), self.loc)
        if isinstance(expr, sympy.Add):
            return self._add(expr)
        if isinstance(expr, sympy.Mul):
            return self._mul(expr)
        if isinstance(expr, sympy.Pow):
            return self._pow(*expr.args)
        op_name = SYMPY_UNARY.get(type(expr))
        if op_name is not None:
            return self._unary(op_name, expr.args[0])
        if isinstance(expr, sympy.Max) and len(expr.args) == 2 and sympy.S.Zero in expr.args:
            (arg,) = (a for a in expr.args if a != sympy.S.Zero)
            return self._unary("relu", arg)
        kind = "function" if isinstance(expr, sympy.Function) else "expression"
        raise SrccError(f"unsupported sympy {kind} '{_func_name(expr)}'")

    def _symbol(self, symbol: sympy.Symbol) -> SSAValue:
        value = self.builder.input(symbol.name)
        if value is None:
            hint = self.builder.unknown_input_hint()
            raise SrccError(f"unknown variable '{symbol.name}' ({hint})")
        return value

    def _unary(self, op_name: str, arg: sympy.Basic) -> Steps[sympy.Basic]:
        return self.builder.unary(op_name, (yield arg), self.loc)

    def _add(self, expr: sympy.Add) -> Steps[sympy.Basic]:
        plus = [t for t in expr.args if not t.could_extract_minus_sign()]
        minus = [-t for t in expr.args if t.could_extract_minus_sign()]
        if plus:
            total = yield plus[0]
            plus = plus[1:]
        else:
            total = self.builder.unary("neg", (yield minus.pop(0)), self.loc)
        for term in plus:
            total = self.builder.binary("add", total, (yield term), self.loc)
        for term in minus:
            total = self.builder.binary("sub", total, (yield term), self.loc)
        return total

    def _mul(self, expr: sympy.Mul) -> Steps[sympy.Basic]:
        coeff, factors = expr.as_coeff_mul()
        numer: list[SSAValue] = []
        denom: list[SSAValue] = []
        negate = False
        if isinstance(coeff, sympy.Rational):
            negate = coeff.p == -1
            if coeff.p not in (1, -1):
                numer.append(self.builder.constant(float(coeff.p), self.loc))
            if coeff.q != 1:
                denom.append(self.builder.constant(float(coeff.q), self.loc))
        elif coeff != 1:
            numer.append(self.builder.constant(_number(coeff), self.loc))
        for factor in factors:
            base, exponent = factor.as_base_exp()
            if exponent.is_number and exponent.could_extract_minus_sign():
                denom.append((yield base**-exponent))
            else:
                numer.append((yield factor))
        product = self._product(numer) if numer else self.builder.constant(1.0, self.loc)
        if denom:
            product = self.builder.binary("div", product, self._product(denom), self.loc)
        return self.builder.unary("neg", product, self.loc) if negate else product

    def _product(self, values: list[SSAValue]) -> SSAValue:
        product = values[0]
        for value in values[1:]:
            product = self.builder.binary("mul", product, value, self.loc)
        return product

    def _pow(self, base: sympy.Basic, exponent: sympy.Basic) -> Steps[sympy.Basic]:
        base_value = yield base
        if exponent.is_number:
            return self.builder.power(base_value, _number(exponent), self.loc)
        return self.builder.variable_power(base_value, (yield exponent), self.loc)


def as_sympy(value: object, what: str) -> sympy.Basic:
    """`value` if a sympy expression, a Python number as one; text is never parsed (sympy's
    `sympify` would evaluate it as Python)."""
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, numbers.Integral):
        return sympy.Integer(int(value))
    if isinstance(value, numbers.Real):
        return sympy.Float(float(value))
    raise SrccError(f"{what} gives a {type(value).__name__}, not a sympy expression or number")


def _number(expr: sympy.Basic) -> float:
    """The finite real value of a numeric expression, or an SrccError."""
    try:
        value = complex(sympy.N(expr))
    except (TypeError, ValueError, OverflowError) as err:
        raise SrccError(f"constant {expr} is not a finite real number") from err
    if value.imag != 0 or not cmath.isfinite(value):
        raise SrccError(f"constant {expr} is not a finite real number")
    return value.real


def _func_name(expr: sympy.Basic) -> str:
    return getattr(expr.func, "__name__", type(expr).__name__)
