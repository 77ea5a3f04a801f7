"""PySR halls of fame → `sym` IR: pick one equation per output and build it.

A hall of fame is a CSV file as PySR writes it (`Complexity,Loss,Equation`; one file per
output, `hall_of_fame_output{i}.csv`, for several outputs), a DataFrame shaped like
`PySRRegressor.equations_` (`complexity`, `loss`, `equation`, maybe `score`) or the same
columns as a dict of lists. Column names are matched case-insensitively; pandas is never
imported.

Selection, per output: `complexity=N`, or `select="accuracy"` (lowest loss) or
`select="best"` (PySR's rule: among equations whose loss is at most 1.5 times the lowest,
the highest score, where score = -Δlog(loss)/Δcomplexity between consecutive equations
sorted by complexity, 0 for the first).
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import SSAValue

from srcc.errors import SrccError, quoted
from srcc.frontends.builder import ModelBuilder
from srcc.frontends.expression import UserFunctions, UserOperators, emit_expression
from srcc.frontends.files import read_text

REQUIRED_COLUMNS = ("complexity", "loss", "equation")
BEST_LOSS_FACTOR = 1.5

HallOfFame = str | os.PathLike[str] | Any
"""A CSV path, a DataFrame-like object (`columns`, `to_dict("list")`) or a dict of columns."""


@dataclass(frozen=True)
class Candidate:
    """One equation of a hall of fame and where it came from."""

    complexity: int
    loss: float
    equation: str
    score: float | None
    file: str
    line: int
    column: int
    """1-based column of the equation's first character in `file:line`."""
    where: str
    """How error messages name the row: `hof.csv:4`, `<dataframe> row 2`."""


def build_pysr_module(
    sources: HallOfFame | Sequence[HallOfFame],
    *,
    names: Sequence[str] | None = None,
    functions: UserFunctions | None = None,
    select: str = "best",
    complexity: int | Sequence[int] | None = None,
) -> ModuleOp:
    """`@model` with one output per hall of fame; `complexity` may give one per output."""
    halls = list(sources) if isinstance(sources, list | tuple) else [sources]
    complexities = _per_output(complexity, len(halls))
    builder = ModelBuilder(names)
    operators = UserOperators(functions)
    for index, (hall, wanted) in enumerate(zip(halls, complexities, strict=True)):
        label = _label(hall, index, len(halls))
        chosen = select_candidate(read_hall_of_fame(hall, label), select, wanted, label)
        builder.output(_emit_candidate(builder, chosen, operators))
    return builder.build()


def read_hall_of_fame(hall: HallOfFame, label: str) -> list[Candidate]:
    """The equations of a CSV file, DataFrame or dict of columns, in their stored order."""
    if isinstance(hall, str | os.PathLike):
        return read_csv(os.fspath(hall))
    if hasattr(hall, "columns") and hasattr(hall, "to_dict"):
        return read_columns(hall.to_dict("list"), label)
    if isinstance(hall, Mapping):
        return read_columns(hall, label)
    raise SrccError(f"not a hall of fame: {type(hall).__name__}")


def read_csv(path: str) -> list[Candidate]:
    lines = read_text(path).splitlines()
    numbered = [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        raise SrccError("empty file", where=path)
    header = [name.strip().lower() for name in _csv_fields(numbered[0][1])]
    index = _column_indices(header, path)
    candidates = [_csv_candidate(path, number, line, index) for number, line in numbered[1:]]
    if not candidates:
        raise SrccError("no equations (only a header)", where=path)
    return _unique_complexities(candidates)


def read_columns(table: Mapping[Any, Sequence[Any]], label: str) -> list[Candidate]:
    """The equations of a table given as its columns (a DataFrame's `to_dict("list")`)."""
    columns = {str(name).strip().lower(): values for name, values in table.items()}
    _column_indices(list(columns), label)
    scores = columns.get("score")
    candidates = [
        Candidate(
            complexity=_integer(columns["complexity"][row], f"{label} row {row}"),
            loss=_loss(columns["loss"][row], f"{label} row {row}"),
            equation=str(columns["equation"][row]),
            score=None if scores is None else _score(scores[row], f"{label} row {row}"),
            file=label,
            line=row + 1,
            column=1,
            where=f"{label} row {row}",
        )
        for row in range(len(columns["equation"]))
    ]
    if not candidates:
        raise SrccError("no equations", where=label)
    return _unique_complexities(candidates)


def select_candidate(
    candidates: Sequence[Candidate], select: str, complexity: int | None, label: str
) -> Candidate:
    """The equation picked by `complexity` if given, else by the `select` rule."""
    if complexity is not None:
        for candidate in candidates:
            if candidate.complexity == complexity:
                return candidate
        available = ", ".join(str(c) for c in sorted({c.complexity for c in candidates}))
        raise SrccError(
            f"no equation of complexity {complexity}; available: {available}", where=label
        )
    if select == "accuracy":
        return min(candidates, key=lambda c: c.loss)
    if select == "best":
        return _best(candidates)
    raise SrccError(f"unknown selection '{select}': use 'best', 'accuracy' or complexity=N")


def pysr_scores(candidates: Sequence[Candidate]) -> list[float]:
    """PySR's score of each candidate (given in complexity order)."""
    scores = [0.0]
    for previous, current in zip(candidates, candidates[1:], strict=False):
        if current.loss <= 0.0:
            scores.append(math.inf)
        elif previous.loss <= 0.0:
            scores.append(-math.inf)
        else:
            step = current.complexity - previous.complexity
            scores.append(-math.log(current.loss / previous.loss) / step)
    return scores


def _best(candidates: Sequence[Candidate]) -> Candidate:
    ordered = sorted(candidates, key=lambda c: c.complexity)
    if all(c.score is not None for c in ordered):
        scores = [float(c.score) for c in ordered]  # type: ignore[arg-type]
    else:
        scores = pysr_scores(ordered)
    threshold = BEST_LOSS_FACTOR * min(c.loss for c in ordered)
    eligible = [(s, c) for s, c in zip(scores, ordered, strict=True) if c.loss <= threshold]
    best_score = max(s for s, _ in eligible)
    return next(c for s, c in eligible if s == best_score)


def _emit_candidate(builder: ModelBuilder, chosen: Candidate, operators: UserOperators) -> SSAValue:
    try:
        return emit_expression(
            builder,
            chosen.equation,
            operators,
            file=chosen.file,
            line=chosen.line,
            column=chosen.column,
        )
    except SrccError as err:
        err.where = chosen.where
        raise


def _csv_fields(line: str) -> list[str]:
    """The fields of one CSV line. A field may be as long as the line: the csv module's
    default limit (128 KiB) is shorter than a 10,000-term equation."""
    previous_limit = csv.field_size_limit(max(csv.field_size_limit(), len(line)))
    try:
        return next(csv.reader([line]))
    finally:
        csv.field_size_limit(previous_limit)


def _column_indices(header: list[str], where: str) -> dict[str, int]:
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        found = ", ".join(header) or "none"
        raise SrccError(f"missing column(s) {', '.join(missing)} (found: {found})", where=where)
    return {name: header.index(name) for name in (*REQUIRED_COLUMNS, "score") if name in header}


def _csv_candidate(path: str, number: int, line: str, index: dict[str, int]) -> Candidate:
    where = f"{path}:{number}"
    fields = _csv_fields(line)
    if len(fields) <= max(index.values()):
        raise SrccError(
            f"expected {max(index.values()) + 1} fields, got {len(fields)}", where=where
        )
    equation = fields[index["equation"]]
    return Candidate(
        complexity=_integer(fields[index["complexity"]], where),
        loss=_loss(fields[index["loss"]], where),
        equation=equation,
        score=_score(fields[index["score"]], where) if "score" in index else None,
        file=path,
        line=number,
        column=max(line.find(equation), 0) + 1,
        where=where,
    )


def _integer(value: object, where: str) -> int:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if not number.is_integer() or number < 0:
        raise SrccError(f"complexity {quoted(value)} is not a whole number >= 0", where=where)
    return int(number)


def _real(value: object, where: str) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise SrccError(f"{quoted(value)} is not a number", where=where) from None


def _loss(value: object, where: str) -> float:
    loss = _real(value, where)
    if not (math.isfinite(loss) and loss >= 0.0):
        raise SrccError(f"loss {quoted(value)} is not a finite number >= 0", where=where)
    return loss


def _score(value: object, where: str) -> float:
    """PySR's score: +inf where the loss fell to 0, never NaN."""
    score = _real(value, where)
    if math.isnan(score):
        raise SrccError("the score is NaN", where=where)
    return score


def _unique_complexities(candidates: list[Candidate]) -> list[Candidate]:
    """`candidates`, if no two have the same complexity (selection would be ambiguous)."""
    seen: dict[int, Candidate] = {}
    for candidate in candidates:
        first = seen.setdefault(candidate.complexity, candidate)
        if first is not candidate:
            raise SrccError(
                f"complexity {candidate.complexity} appears twice (also at {first.where})",
                where=candidate.where,
            )
    return candidates


def _per_output(complexity: int | Sequence[int] | None, outputs: int) -> list[int | None]:
    if complexity is None or isinstance(complexity, int):
        return [complexity] * outputs
    if len(complexity) != outputs:
        raise SrccError(f"{len(complexity)} complexities given for {outputs} outputs")
    return list(complexity)


def _label(hall: HallOfFame, index: int, count: int) -> str:
    if isinstance(hall, str | os.PathLike):
        return os.fspath(hall)
    return "<dataframe>" if count == 1 else f"<dataframe {index}>"
