"""The float64 reference evaluator of `sym` IR, vectorised over rows with numpy."""

from collections.abc import Sequence

import numpy as np
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Operation, SSAValue
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects.sym import BinaryOp, ConstantOp, PowiOp, UnaryOp


def evaluate(func_op: FuncOp, X: np.ndarray) -> np.ndarray:
    """
    The outputs of a `sym` function on each row of `X` (rows x inputs, inputs in
    argument order), as a rows x outputs float64 array.
    """
    values, returned = _run(func_op, X)
    return np.stack([values[operand] for operand in returned], axis=1)


def evaluate_arguments(
    func_op: FuncOp, X: np.ndarray, ops: Sequence[Operation]
) -> list[np.ndarray]:
    """The first operand of each of `ops` (ops of the function) on each row of `X`."""
    values, _ = _run(func_op, X)
    return [values[op.operands[0]] for op in ops]


def _run(func_op: FuncOp, X: np.ndarray) -> tuple[dict[SSAValue, np.ndarray], Sequence[SSAValue]]:
    """Every value of the function on each row of `X`, and the returned values."""
    X = np.asarray(X, dtype=np.float64)
    block = func_op.body.block
    if X.ndim != 2 or X.shape[1] != len(block.args):
        raise ValueError(
            f"expected a rows x {len(block.args)} array for @{func_op.sym_name.data}, "
            f"got shape {X.shape}"
        )
    values: dict[SSAValue, np.ndarray] = {arg: X[:, arg.index] for arg in block.args}
    for op in block.ops:
        if isinstance(op, ConstantOp):
            values[op.result] = np.full(X.shape[0], op.number)
        elif isinstance(op, UnaryOp | BinaryOp | PowiOp):
            values[op.results[0]] = op.evaluate(*(values[operand] for operand in op.operands))
        elif isinstance(op, ReturnOp):
            return values, op.arguments
        else:
            raise DiagnosticException(f"cannot evaluate `{op.name}`: not a `sym` op")
    raise DiagnosticException(f"@{func_op.sym_name.data} has no `func.return`")
