"""`srcc.parse`: `sym` IR of a model, on which pass pipelines run as in `srcc-opt`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from xdsl.dialects import builtin, func
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects import sym
from srcc.errors import SrccError
from srcc.frontends import build_module
from srcc.frontends.expression import UserFunctions
from srcc.pipeline import run_pipeline


class Program:
    """`sym` IR of one model, on which pass pipelines run as in `srcc-opt`."""

    def __init__(self, module: builtin.ModuleOp):
        self.module = module

    @property
    def function(self) -> func.FuncOp:
        return next(op for op in self.module.ops if isinstance(op, func.FuncOp))

    @property
    def input_names(self) -> list[str]:
        return [
            sym.arg_attribute(self.function.arg_attrs, i, sym.NAME_ATTR).data
            for i in range(len(self.function.args))
        ]

    @property
    def num_outputs(self) -> int:
        return len(self.function.function_type.outputs.data)

    def run(self, pipeline: str) -> Program:
        """Apply a pipeline (`"simplify,cse"`) in place; returns self for chaining."""
        run_pipeline(self.module, pipeline)
        return self

    def evaluate(self, X: np.ndarray) -> np.ndarray:
        """float64 value of every output, rows x outputs, for inputs rows x inputs."""
        from srcc.runtime.evaluate import evaluate

        return evaluate(self.function, as_rows(X, len(self.function.args)))

    def __str__(self) -> str:
        return str(self.module)


def parse(
    source: Any,
    *,
    names: Sequence[str] | None = None,
    functions: UserFunctions | None = None,
    select: str = "best",
    complexity: int | Sequence[int] | None = None,
    order: Sequence[str] = (),
) -> Program:
    """Build `sym` IR from an expression string, sympy expression(s) or PySR hall of fame.
    Without `names`, an expression's inputs are its free variables, ranked by `order`."""
    module = build_module(
        source,
        names=names,
        functions=functions,
        select=select,
        complexity=complexity,
        order=order,
    )
    return Program(module)


def as_rows(X: Any, columns: int) -> np.ndarray:
    try:
        rows = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise SrccError(f"expected numeric inputs (rows x {columns}): {error}") from None
    if rows.ndim == 1:
        rows = rows.reshape(-1, columns) if columns > 1 else rows.reshape(-1, 1)
    if rows.ndim != 2 or rows.shape[1] != columns:
        raise SrccError(f"expected inputs of shape (rows, {columns}), got {np.shape(X)}")
    return rows


def diagnostic_to_error(error: DiagnosticException) -> SrccError:
    """A pass's diagnostic, as the one-line user error it is."""
    return SrccError(str(error).strip().splitlines()[0])
