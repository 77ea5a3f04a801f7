"""Hypothesis strategies shared by the property tests: random expressions and ranges."""

from hypothesis import strategies as st

VARIABLES = ("x0", "x1", "x2")

constants = st.sampled_from([0.0, 1.0, 2.0, 0.5, 0.3, 1.7, 3.0, 0.125]).map(repr)
leaves = st.one_of(st.sampled_from(VARIABLES), constants)


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(["+", "-", "*"]), children).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    )
    power = st.tuples(children, st.integers(2, 4)).map(lambda t: f"({t[0]})**{t[1]}")
    negated = children.map(lambda c: f"-({c})")
    by_constant = st.tuples(children, st.sampled_from(["3.0", "0.7", "-2.5"])).map(
        lambda t: f"({t[0]}) / {t[1]}"
    )
    return st.one_of(binary, power, negated, by_constant)


polynomials = st.recursive(leaves, _combine, max_leaves=8)
"""Polynomials and rationals with constant denominators: no lookup tables needed."""


@st.composite
def ranges(draw: st.DrawFn) -> dict[str, tuple[float, float]]:
    """A range per variable: random ends on a coarse grid, some straddling zero."""
    result = {}
    for name in VARIABLES:
        lo = draw(st.integers(-16, 12)) / 4
        width = draw(st.integers(1, 24)) / 4
        result[name] = (lo, lo + width)
    return result


def _with_functions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    bounded = st.sampled_from(["sin", "cos", "tanh", "atan", "gauss"])
    wrapped = st.tuples(bounded, children).map(lambda t: f"{t[0]}({t[1]})")
    exp_of_leaf = st.sampled_from(VARIABLES).map(lambda v: f"exp({v})")
    return st.one_of(_combine(children), wrapped, exp_of_leaf)


expressions = st.recursive(leaves, _with_functions, max_leaves=6)
"""Expressions with lookup-table functions whose domains never need care."""

precisions = st.sampled_from(["auto", "ap_fixed<16,6>", "ap_fixed<20,8>"])


@st.composite
def model_specs(draw: st.DrawFn) -> tuple[str, dict[str, tuple[float, float]], str]:
    """An expression, ranges for its inputs, and a precision mode."""
    return draw(expressions), draw(ranges()), draw(precisions)
