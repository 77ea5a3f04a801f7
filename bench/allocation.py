"""Where a formula's error comes from: the precision plan's account of its bound.

    python bench/allocation.py NAME [NAME ...] [--top 6]

Each corpus formula (bench/corpus.py) is planned as bench/vs_hls4ml.py compiles it (16-bit
interface, 32-bit intermediates, all the width spent on accuracy, the rewritten form, the
dividers the lowering chooses). Printed per value, the
largest first: the op that computes it, its range, its format, its share of the bound's
first-order account over the whole ranges (its own rounding, truncation or table error times
its gain to the output: `Plan.shares`; the bound itself is the tighter maximum over
sub-boxes) and whether a width cap binds it (`Plan.binding`: only a wider cap would give
it more bits).
"""

import argparse
from functools import partial

from corpus import corpus
from vs_hls4ml import (
    CAPPED,
    MAX_INTERMEDIATE_WIDTH,
    MAX_WIDTH,
    REWRITE,
    TIGHT_BUDGET,
    srcc_compile,
)
from xdsl.ir import BlockArgument, SSAValue

from srcc.analysis.range_analysis import RangeAnalysis
from srcc.passes.lower_sym_to_fix import make_plan
from srcc.passes.sym_div_to_inv import choose_dividers


def label(value: SSAValue) -> str:
    if isinstance(value, BlockArgument):
        return f"input {value.name_hint}"
    return value.owner.name


def story(name: str, top: int) -> str:
    formula = next(f for f in corpus() if f.name == name)
    model = srcc_compile(formula, **CAPPED, rewrite=REWRITE)
    budgets = [TIGHT_BUDGET] * len(formula.expressions)
    plan_of = partial(
        make_plan,
        output_error=budgets,
        max_width=MAX_WIDTH,
        max_intermediate_width=MAX_INTERMEDIATE_WIDTH,
    )
    function, plan = choose_dividers(model.reference, None, plan_of)
    ranges = RangeAnalysis.of(function)
    shares = sorted(plan.shares.items(), key=lambda item: -max(item[1]))
    total = sum(max(share) for _, share in shares)
    lines = [
        f"{name}: {'; '.join(formula.expressions)}: bound {max(plan.output_bounds):.3g},"
        f" first-order account over the whole ranges {total:.3g}"
    ]
    for value, share in shares[:top]:
        cap = "at its cap" if value in plan.binding else "below its cap"
        lines.append(
            f"  {label(value):14} {str(ranges[value]):28} {str(plan.formats[value]):20}"
            f" share {max(share):9.3g} ({max(share) / total:4.0%})  {cap}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+")
    parser.add_argument("--top", type=int, default=6)
    args = parser.parse_args()
    print("\n\n".join(story(name, args.top) for name in args.names))


if __name__ == "__main__":
    main()
