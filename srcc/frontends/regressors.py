"""Fitted regressors as halls of fame: `srcc.compile(regressor)` for PySR and pyoperon.

Both are recognised by what they hold, not by their class (neither package is imported):

- a fitted `PySRRegressor` has `equations_`, its hall of fame as a DataFrame (a list of
  them for several outputs); its inputs are `feature_names_in_` (PySR's `x0, x1, ...`
  unless the data had column names).
- a fitted pyoperon `SymbolicRegressor` has `pareto_front_` and `get_model_string`: its
  front becomes a hall of fame (complexity: the tree's length; loss: its mean squared
  error on the training data), written with the names `feature_names_in_` if the data had
  column names, else `x0, x1, ...` (not pyoperon's 1-based `X1, X2, ...`).

The equation is then picked as in any hall of fame (`select`, `complexity`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

EQUATION_DECIMALS = 8
"""Decimals of the constants in a pyoperon model's string."""


def is_fitted_regressor(item: object) -> bool:
    return hasattr(item, "equations_") or (
        hasattr(item, "pareto_front_") and hasattr(item, "get_model_string")
    )


def regressor_halls(regressor: Any, names: Sequence[str] | None) -> tuple[list[Any], list[str]]:
    """The regressor's hall(s) of fame, one per output, and the input names they use
    (`names` if given)."""
    if hasattr(regressor, "equations_"):
        halls = regressor.equations_
        halls = list(halls) if isinstance(halls, list | tuple) else [halls]
        return halls, _names(regressor, names)
    input_names = _names(regressor, names)
    front: dict[int, Any] = {}  # by length, the most accurate (NSGA-II's front may repeat one)
    for solution in sorted(regressor.pareto_front_, key=lambda s: s["mean_squared_error"]):
        front.setdefault(int(solution["length"]), solution)
    hall = {
        "complexity": list(front),
        "loss": [float(s["mean_squared_error"]) for s in front.values()],
        "equation": [
            regressor.get_model_string(s["tree"], EQUATION_DECIMALS, input_names)
            for s in front.values()
        ],
    }
    return [hall], input_names


def _names(regressor: Any, names: Sequence[str] | None) -> list[str]:
    if names is not None:
        return list(names)
    fitted = getattr(regressor, "feature_names_in_", None)
    if fitted is not None:
        return [str(name) for name in fitted]
    return [f"x{i}" for i in range(int(regressor.n_features_in_))]
