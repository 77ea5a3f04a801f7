"""docs/operators.md is exactly what `python -m srcc.operators_doc` generates, and the table
covers every operator the registries hold."""

from pathlib import Path

from srcc.dialects.sym import BINARY_OPS, UNARY_OPS
from srcc.frontends.expression import DERIVED_UNARY
from srcc.operators_doc import render

DOC = Path(__file__).parent.parent / "docs" / "operators.md"


def test_committed_file_is_the_generators_output() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/operators.md is stale: run `python -m srcc.operators_doc > docs/operators.md`"
    )


def test_every_operator_has_a_row() -> None:
    rows = [
        line.split(" | ")[0].removeprefix("| ") for line in render().splitlines() if line[:1] == "|"
    ]
    names = {row.strip("`") for row in rows if row.startswith("`")}
    assert names == {*BINARY_OPS, *UNARY_OPS, *DERIVED_UNARY}
