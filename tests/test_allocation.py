"""The precision plan's account of its bound: each value's share, and the values a cap binds."""

import warnings

import pytest

import srcc
from srcc.passes.lower_sym_to_fix import make_plan


def plan_of(text: str, budget: float, **caps: int) -> tuple[srcc.Model, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", srcc.SrccWarning)
        model = srcc.compile(text, ranges=(0.0, 1.0), output_error=budget, **caps)
    plan = make_plan(
        model.reference,
        output_error=[budget],
        max_width=caps.get("max_width"),
        max_intermediate_width=caps.get("max_intermediate_width"),
    )
    return model, plan


def test_shares_scale_with_gain() -> None:
    # x0 and x1 arrive in one format; x0's rounding reaches the output 8 times over.
    model, plan = plan_of("8*x0 + x1", 1e-9, max_width=16)
    x0, x1 = model.reference.args
    assert plan.formats[x0] == plan.formats[x1]
    assert plan.shares[x0][0] == pytest.approx(8 * plan.shares[x1][0], rel=1e-6)


def test_out_of_reach_budget_pins_every_value_feeding_it_at_its_cap() -> None:
    model, plan = plan_of("x0*x1 + x0", 1e-9, max_width=16, max_intermediate_width=24)
    ops = list(model.reference.body.ops)[:-1]
    assert {*model.reference.args, *(op.results[0] for op in ops)} <= plan.binding
    assert max(fmt.width for fmt in plan.formats.values()) == 24


def test_reachable_budget_binds_nothing() -> None:
    _, plan = plan_of("x0*x1 + x0", 1e-2, max_width=16, max_intermediate_width=24)
    assert plan.binding == set()
