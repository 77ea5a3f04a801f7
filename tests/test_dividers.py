"""Divisions computed by a divider or a reciprocal table, chosen by error and cost: the
table where it meets the budget, a divider where the table misses it and the divider lowers
the bound; `divider=True/False` (`--divider`/`--no-divider`) force either. The dividers'
bounds hold against dense samples. (Bit equality of chosen dividers with g++ and Verilator:
tests/test_discrete_ops.py, tests/test_rtlsim.py.)"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from srcc_strategies import VARIABLES, polynomials, ranges

import srcc
from srcc.cli import main
from srcc.errors import SrccError

RANGES = {"x0": (-4.0, 4.0), "x1": (-3.0, 5.0)}
RATIO = "(x0 + 0.3) / (x1 + 4.5)"
OUT_OF_REACH = {"max_width": 16, "max_intermediate_width": 32, "output_error": 1e-9}


def _compile(
    expression: str, ranges: dict[str, tuple[float, float]] = RANGES, **options: object
) -> srcc.Model:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # out-of-reach budgets warn
        # Without sym-composite: a chain of one value would take the reciprocal in its table.
        options.setdefault("composite", False)
        return srcc.compile(expression, ranges=ranges, names=list(ranges), **options)  # type: ignore[arg-type]


def _op_names(model: srcc.Model) -> set[str]:
    return {op.name for op in model.firmware.body.block.ops}


def _measured(model: srcc.Model, rows: int = 20000) -> float:
    rng = np.random.default_rng(5)
    X = np.column_stack([rng.uniform(lo, hi, rows) for lo, hi in RANGES.values()])
    return float(np.abs(model.predict(X) - model.evaluate(X)).max())


def test_a_budget_the_table_meets_keeps_the_table():
    model = _compile(RATIO, output_error=1e-3)
    assert "fix.lut" in _op_names(model) and "fix.div" not in _op_names(model)
    assert model.dividers == []
    assert model.error_bound[0] <= 1e-3


def test_an_out_of_reach_budget_takes_the_divider_with_the_smaller_bound():
    table = _compile(RATIO, divider=False, **OUT_OF_REACH)
    chosen = _compile(RATIO, **OUT_OF_REACH)
    assert "fix.div" not in _op_names(table)
    assert "fix.div" in _op_names(chosen) and "fix.lut" not in _op_names(chosen)
    assert chosen.error_bound[0] < table.error_bound[0]
    assert _measured(chosen) < _measured(table)
    (divider,) = chosen.dividers
    assert divider["why"] == (
        f"with a reciprocal table, output 0's bound {table.error_bound[0]:.3g} misses its "
        f"budget 1e-09; with a divider it is {chosen.error_bound[0]:.3g}"
    )
    assert divider["lut"] > 0 and divider["delay_ns"] > 0


def test_a_budget_a_divider_meets_takes_only_the_dividers_it_needs():
    """1/(exp(u) - 1): its reciprocal table misses the default budget, a divider meets it;
    the division inside u stays a table."""
    model = srcc.compile(
        "1/(exp(a/(k*T)) - 1)", ranges={"a": (0.5, 3), "k": (1, 2), "T": (1, 3)}, composite=False
    )
    assert len(model.dividers) == 1
    assert "fix.lut" in _op_names(model)
    assert model.error_bound[0] <= model.output_error[0]


GRAVITATION = {"G": (1.0, 2.0), "r": (1.0, 3.0)}


def test_a_composite_table_that_misses_the_budget_gives_way_to_a_divider():
    """G/r**2: sym-composite fuses inv(r)*inv(r) into one table of r, whose 16-bit entries
    bound the result worse than r*r and a divider; the default un-fuses the chain and
    divides, as divider=True does."""
    options = {"ranges": GRAVITATION, "composite": True, **OUT_OF_REACH}
    fused = _compile("G/r**2", divider=False, **options)
    chosen = _compile("G/r**2", **options)
    forced = _compile("G/r**2", divider=True, **options)
    assert [t["function"] for t in fused.tables] == ["inv(u)*inv(u)"]
    assert "fix.div" in _op_names(chosen) and "fix.lut" not in _op_names(chosen)
    assert chosen.error_bound[0] == forced.error_bound[0] < fused.error_bound[0]
    (divider,) = chosen.dividers
    assert divider["why"] == (
        "with the composite table inv(u)*inv(u), output 0's bound 0.000267 misses its budget "
        "1e-09; with a divider it is 0.000183"
    )


def test_a_composite_table_that_bounds_better_than_a_divider_stays():
    """x0/(exp(x1) + 1): the table of 1/(exp(u) + 1) holds values in (0, 1); un-fused,
    the table of exp holds values up to 149 with the same 16 bits, which the divider keeps."""
    fused = _compile("x0 / (exp(x1) + 1)", composite=True, divider=False, **OUT_OF_REACH)
    chosen = _compile("x0 / (exp(x1) + 1)", composite=True, **OUT_OF_REACH)
    unfused = _compile("x0 / (exp(x1) + 1)", divider=True, **OUT_OF_REACH)
    assert [t["function"] for t in chosen.tables] == ["inv(exp(u) + 1.0)"]
    assert "fix.div" not in _op_names(chosen) and chosen.dividers == []
    assert chosen.error_bound[0] == fused.error_bound[0] < unfused.error_bound[0]


def test_divider_true_divides_everything_and_says_so():
    model = _compile("x0 / (x1 + 4.5) + 1 / (x1 + 3.5)", divider=True)
    assert "fix.lut" not in _op_names(model)
    assert [d["why"] for d in model.dividers] == ["divider=True", "divider=True"]


def test_a_uniform_precision_keeps_tables_unless_forced():
    uniform = _compile(RATIO, precision="ap_fixed<16,6>")
    assert "fix.div" not in _op_names(uniform)
    forced = _compile(RATIO, precision="ap_fixed<16,6>", divider=True)
    assert "fix.div" in _op_names(forced)


@pytest.mark.parametrize(
    ("flag", "pipeline"),
    [
        ([], "simplify,sym-div-to-inv,sym-composite,lower-sym-to-fix,fix-table-storage"),
        (["--divider"], "simplify,sym-composite,lower-sym-to-fix{divider=true},fix-table-storage"),
        (
            ["--no-divider"],
            "simplify,sym-div-to-inv,sym-composite,lower-sym-to-fix{divider=false},"
            "fix-table-storage",
        ),
    ],
)
def test_divider_flags_from_the_command_line(
    flag: list[str], pipeline: str, capsys: pytest.CaptureFixture[str]
):
    argv = ["compile", RATIO, "--range=-3:5", *flag, "--print-pipeline"]
    assert main(argv) == 0
    assert capsys.readouterr().out.split() == [pipeline]


def test_report_lists_the_dividers_and_why(tmp_path, capsys: pytest.CaptureFixture[str]):
    argv = ["compile", RATIO, "--range=-3:5", "--max-width=16", "--max-intermediate-width=32"]
    argv.append("--no-composite")
    assert main([*argv, "--output-error=1e-9", "-o", str(tmp_path / "p")]) == 0
    capsys.readouterr()
    assert main(["report", str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    assert "dividers (divisions computed by a divider, not a reciprocal table)" in out
    assert "misses its budget 1e-09; with a divider it is" in out


@pytest.mark.parametrize("divider", ["yes", 1.5])
def test_a_divider_that_is_no_bool_is_refused(divider: object):
    with pytest.raises(SrccError, match="divider must be True, False or None"):
        srcc.compile(RATIO, ranges=RANGES, divider=divider)  # type: ignore[arg-type]


@given(
    numerator=polynomials,
    denominator=polynomials,
    offset=st.sampled_from(["0.5", "1.5", "4"]),
    input_ranges=ranges(),
    divider=st.sampled_from([None, True]),
)
@settings(max_examples=20, deadline=None)
def test_divider_bounds_hold_on_dense_samples(
    numerator: str,
    denominator: str,
    offset: str,
    input_ranges: dict[str, tuple[float, float]],
    divider: bool | None,
):
    """A denominator that stays clear of 0 ((p)**2 + c), under a budget out of reach:
    whatever dividers are chosen, the bound holds."""
    expression = f"({numerator}) / (({denominator})**2 + {offset})"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = srcc.compile(
                expression,
                ranges=input_ranges,
                names=list(VARIABLES),
                divider=divider,
                **OUT_OF_REACH,
            )
    except SrccError as error:
        # A divisor whose error reaches 0 over the whole range: no finite bound.
        assert "too narrow" in str(error) or "error beyond float64" in str(error)
        return
    rng = np.random.default_rng(7)
    names = model.input_names
    X = np.column_stack([rng.uniform(*input_ranges[n], 4000) for n in names])
    ends = np.array(np.meshgrid(*[input_ranges[n] for n in names])).reshape(len(names), -1).T
    X = np.vstack([X, ends])
    error = np.abs(model.predict(X) - model.evaluate(X)).max(axis=0)
    assert np.all(error <= model.error_bound)


def test_a_cube_in_the_denominator_stays_within_a_percent_of_the_range():
    """G*m1*m2/r**3, r in [1, 5]: one table of 1/r over [1, 5] (ratio 5), not of 1/r**3
    over [1, 125] (ratio 125), whose error was 18% of the output range at 16 bits. Measured
    here: 0.043, 0.04% of the range [0.008, 125]; bound 0.129."""
    ranges = {"G": (1.0, 5.0), "m1": (1.0, 5.0), "m2": (1.0, 5.0), "r": (1.0, 5.0)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = srcc.compile("G*m1*m2/r**3", ranges=ranges, names=list(ranges), max_width=16)
    (table,) = model.tables
    # sym-composite: 1/r**3 is one table over r's own range, [1, 5].
    assert (table["function"], table["domain"]) == ("inv(u)*inv(u)*inv(u)", [1.0, 5.0])
    rng = np.random.default_rng(11)
    X = np.column_stack([rng.uniform(lo, hi, 50000) for lo, hi in ranges.values()])
    reference = model.evaluate(X)[:, 0]
    error = np.abs(model.predict(X)[:, 0] - reference).max()
    assert error <= model.error_bound[0]
    assert error <= 0.001 * (125 - 1 / 125)


def test_a_divider_flag_with_a_value_is_one_error_line(capsys: pytest.CaptureFixture[str]):
    assert main(["compile", RATIO, "--range=-3:5", "--divider=yes"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "srcc: error: argument --divider/--no-divider: ignored explicit argument 'yes' "
        "(see srcc compile --help)"
    ]
