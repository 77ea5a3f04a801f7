"""Property: simplification never changes an expression's value."""

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from srcc_strategies import VARIABLES, polynomials

import srcc

unary = st.sampled_from(["sin", "cos", "exp", "tanh", "atan", "abs", "gauss", "square", "cube"])


@st.composite
def expressions(draw: st.DrawFn) -> str:
    body = draw(polynomials)
    if draw(st.booleans()):
        return f"{draw(unary)}({body}) + {draw(polynomials)}"
    return body


def sympy_value(text: str, points: np.ndarray) -> np.ndarray:
    symbols = sympy.symbols(VARIABLES)
    gauss = sympy.Lambda(symbols[0], sympy.exp(-(symbols[0] ** 2)))
    square = sympy.Lambda(symbols[0], symbols[0] ** 2)
    cube = sympy.Lambda(symbols[0], symbols[0] ** 3)
    expr = sympy.sympify(text, locals={"gauss": gauss, "square": square, "cube": cube})
    fn = sympy.lambdify(symbols, expr, "numpy")
    with np.errstate(all="ignore"):
        return np.broadcast_to(fn(*points.T), (len(points),)).astype(float)


@settings(max_examples=150, deadline=None)
@given(expressions(), st.integers(0, 2**32 - 1))
def test_simplified_ir_matches_sympy(text: str, seed: int) -> None:
    program = srcc.parse(text, names=list(VARIABLES)).run("simplify")
    points = np.random.default_rng(seed).uniform(-2, 2, size=(64, len(VARIABLES)))
    ours = program.evaluate(points)[:, 0]
    reference = sympy_value(text, points)
    finite = np.isfinite(ours) & np.isfinite(reference)
    np.testing.assert_allclose(ours[finite], reference[finite], rtol=1e-9, atol=1e-9)
