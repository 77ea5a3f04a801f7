"""Rewrites and analyses of srcc, registered by name as in `xdsl.transforms`."""

from collections.abc import Callable

from xdsl.passes import ModulePass


def get_all_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    """srcc's passes by name, imported on first use."""

    def get_sym_canonical_order() -> type[ModulePass]:
        from srcc.passes.sym_canonical_order import SymCanonicalOrderPass

        return SymCanonicalOrderPass

    def get_sym_range_analysis() -> type[ModulePass]:
        from srcc.passes.sym_range_analysis import SymRangeAnalysisPass

        return SymRangeAnalysisPass

    def get_lower_sym_to_fix() -> type[ModulePass]:
        from srcc.passes.lower_sym_to_fix import LowerSymToFixPass

        return LowerSymToFixPass

    def get_sym_div_to_inv() -> type[ModulePass]:
        from srcc.passes.sym_div_to_inv import SymDivToInvPass

        return SymDivToInvPass

    def get_fix_cost_report() -> type[ModulePass]:
        from srcc.passes.fix_cost_report import FixCostReportPass

        return FixCostReportPass

    def get_fix_table_storage() -> type[ModulePass]:
        from srcc.passes.fix_table_storage import FixTableStoragePass

        return FixTableStoragePass

    def get_sym_table_override() -> type[ModulePass]:
        from srcc.passes.sym_table_override import SymTableOverridePass

        return SymTableOverridePass

    def get_sym_guard() -> type[ModulePass]:
        from srcc.passes.sym_guard import SymGuardPass

        return SymGuardPass

    def get_lower_fix_to_hw() -> type[ModulePass]:
        from srcc.passes.lower_fix_to_hw import LowerFixToHwPass

        return LowerFixToHwPass

    def get_sym_factor() -> type[ModulePass]:
        from srcc.passes.sym_factor import SymFactorPass

        return SymFactorPass

    def get_sym_merge_exp() -> type[ModulePass]:
        from srcc.passes.sym_merge_exp import SymMergeExpPass

        return SymMergeExpPass

    def get_sym_join_inv() -> type[ModulePass]:
        from srcc.passes.sym_join_inv import SymJoinInvPass

        return SymJoinInvPass

    def get_sym_reassociate() -> type[ModulePass]:
        from srcc.passes.sym_reassociate import SymReassociatePass

        return SymReassociatePass

    def get_sym_offset_ratio() -> type[ModulePass]:
        from srcc.passes.sym_offset_ratio import SymOffsetRatioPass

        return SymOffsetRatioPass

    def get_simplify() -> type[ModulePass]:
        from srcc.passes.simplify import SimplifyPass

        return SimplifyPass

    return {
        "sym-canonical-order": get_sym_canonical_order,
        "simplify": get_simplify,
        "fix-cost-report": get_fix_cost_report,
        "fix-table-storage": get_fix_table_storage,
        "sym-table-override": get_sym_table_override,
        "sym-div-to-inv": get_sym_div_to_inv,
        "sym-factor": get_sym_factor,
        "sym-merge-exp": get_sym_merge_exp,
        "sym-join-inv": get_sym_join_inv,
        "sym-reassociate": get_sym_reassociate,
        "sym-offset-ratio": get_sym_offset_ratio,
        "sym-guard": get_sym_guard,
        "sym-range-analysis": get_sym_range_analysis,
        "lower-sym-to-fix": get_lower_sym_to_fix,
        "lower-fix-to-hw": get_lower_fix_to_hw,
    }
