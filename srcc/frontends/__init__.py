"""Frontends: build `sym` IR straight from strings, sympy and PySR halls of fame.

`build_module` takes any of them and returns a `builtin.module` holding `func.func @model`:

- an expression string (`"sin(x0) + x1^2"`, see `expression`) or a sympy expression,
  or a list of them: one output each;
- a text file (`.txt`, `.expr`): one expression per non-blank line, one output each;
- a PySR hall of fame (see `pysr`): the path of a CSV file (a string ending in `.csv`, or
  a `PathLike`), a DataFrame like `PySRRegressor.equations_`, or a list of either: one
  output each;
- a fitted `PySRRegressor` or pyoperon `SymbolicRegressor` (see `regressors`).

A string is a file only by its suffix, never because a file of that name exists: `x0` is
the expression `x0` even beside a file named `x0` (which is then named in any error).

Inputs are `names`, in that order. Without names, a PySR hall of fame's inputs are
`x0 ... xN` (N being the highest index used); an expression's are its free variables
(`x0 ... xN` first, then in the order of `order`, the ranges' names, then in natural order).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import sympy
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import SSAValue

from srcc.errors import SrccError
from srcc.frontends.builder import ModelBuilder, location
from srcc.frontends.expression import UserFunctions, UserOperators, emit_expression
from srcc.frontends.files import read_text
from srcc.frontends.pysr import build_pysr_module
from srcc.frontends.regressors import is_fitted_regressor, regressor_halls
from srcc.frontends.sympy_expr import SOURCE_FILE, as_sympy, emit_sympy

__all__ = ["UserFunctions", "build_module"]


def build_module(
    source: Any,
    *,
    names: Sequence[str] | None = None,
    functions: UserFunctions | None = None,
    select: str = "best",
    complexity: int | Sequence[int] | None = None,
    order: Sequence[str] = (),
) -> ModuleOp:
    """The `sym` model of `source`. `functions` are user operators (definitions
    `NAME(u)=EXPR`, or name → callable from a sympy expression to a sympy expression);
    `select`/`complexity` pick PySR equations; `order` ranks an expression's free variables
    when no `names` are given."""
    if is_fitted_regressor(source):
        halls, names = regressor_halls(source, names)
        return build_pysr_module(
            halls, names=names, functions=functions, select=select, complexity=complexity
        )
    items = list(source) if isinstance(source, list | tuple) else [source]
    if len(items) == 1 and _is_expression_file(items[0]):
        return _build_expression_file(os.fspath(items[0]), names, functions, order)
    if not items:
        raise SrccError("nothing to compile: the list of expressions is empty")
    kinds = {_kind(item) for item in items}
    if len(kinds) > 1:
        raise SrccError("cannot mix expressions and halls of fame in one model")
    if kinds == {"hall"}:
        return build_pysr_module(
            items, names=names, functions=functions, select=select, complexity=complexity
        )
    return _build_expressions(items, names, functions, order)


EXPRESSION_FILE_SUFFIXES = (".txt", ".expr")
HALL_OF_FAME_SUFFIX = ".csv"


def _is_expression_file(item: object) -> bool:
    return isinstance(item, str | os.PathLike) and os.fspath(item).endswith(
        EXPRESSION_FILE_SUFFIXES
    )


def _build_expression_file(
    path: str,
    names: Sequence[str] | None,
    functions: UserFunctions | None,
    order: Sequence[str],
) -> ModuleOp:
    lines = read_text(path).splitlines()
    builder = ModelBuilder(names, free=True, order=order)
    operators = UserOperators(functions)
    for number, text in enumerate(lines, start=1):
        if text.strip():
            builder.output(emit_expression(builder, text, operators, file=path, line=number))
    if not builder.has_outputs:
        raise SrccError(f"{path} holds no expression")
    return builder.build()


def _kind(item: object) -> str:
    if isinstance(item, str):
        return "hall" if item.strip().endswith(HALL_OF_FAME_SUFFIX) else "expression"
    if isinstance(item, os.PathLike) or (hasattr(item, "columns") and hasattr(item, "to_dict")):
        return "hall"
    if isinstance(item, sympy.Basic | int | float):
        return "expression"
    raise SrccError(f"cannot compile a {type(item).__name__}")


def _build_expressions(
    items: list[Any],
    names: Sequence[str] | None,
    functions: UserFunctions | None,
    order: Sequence[str],
) -> ModuleOp:
    builder = ModelBuilder(names, free=True, order=order)
    operators = UserOperators(functions)
    for index, item in enumerate(items):
        if isinstance(item, str):
            value = _emit_text(builder, item, operators, index + 1)
        else:
            expression = as_sympy(item, f"output {index}")
            value = emit_sympy(builder, expression, location(SOURCE_FILE, index + 1, 1))
        builder.output(value)
    return builder.build()


def _emit_text(builder: ModelBuilder, text: str, operators: UserOperators, line: int) -> SSAValue:
    """An expression string's ops; an error says so when a file of that name exists, as
    the user may have meant it (files are named by suffix only)."""
    try:
        return emit_expression(builder, text, operators, line=line)
    except SrccError as error:
        if os.path.isfile(text):
            error.message += (
                f" (read as an expression: a file is read only when its name ends in"
                f" {HALL_OF_FAME_SUFFIX} or {', '.join(EXPRESSION_FILE_SUFFIXES)})"
            )
        raise
