"""`srcc report`: a project's report.json as text."""

from __future__ import annotations

from typing import Any

from srcc.analysis.schedule import CostReport


def _inputs(report: dict[str, Any]) -> list[str]:
    lines = ["inputs (each rounded to nearest and saturated into its port's type)"]
    for entry in report["inputs"]:
        lo, hi = entry["range"]
        lines.append(
            f"  {entry['name']:12} [{lo:g}, {hi:g}]  {entry['type']:16} port {entry['port_type']}"
        )
    return lines


def _outputs(report: dict[str, Any]) -> list[str]:
    lines = ["outputs"]
    for index, entry in enumerate(report["outputs"]):
        lines.append(
            f"  y{index}  {entry['type']:16} port {entry['port_type']:16}"
            f" error bound {entry['error_bound']:.3g}  (budget {entry['output_error']:.3g})"
        )
        if entry.get("dominated_by"):
            lines.append(f"        mostly from {entry['dominated_by']}")
    return lines


def _tables(report: dict[str, Any]) -> list[str]:
    if not report["tables"]:
        return []
    lines = [
        "tables",
        f"  {'function':9} {'domain':>22} {'entries':>7} {'entry type':>16} "
        f"{'bits':>7} {'max error':>10}  layout, storage",
    ]
    for table in report["tables"]:
        lo, hi = table["domain"]
        layout = table["symmetry"] + (", interpolated" if table["interpolate"] else "")
        layout += f", {table['storage']}" if table.get("storage") else ""
        lines.append(
            f"  {table['function']:9} {f'[{lo:.4g}, {hi:.4g}]':>22} {table['entries']:7d} "
            f"{table['entry_type']:>16} {table['memory_bits']:7d} {table['max_error']:10.3g}"
            f"  {layout}"
        )
    return lines


def _dividers(report: dict[str, Any]) -> list[str]:
    if not report.get("dividers"):
        return []
    lines = ["dividers (divisions computed by a divider, not a reciprocal table)"]
    for divider in report["dividers"]:
        lines.append(
            f"  {divider['dividend_type']} / {divider['divisor_type']} -> "
            f"{divider['quotient_type']}  {divider['delay_ns']:.3g} ns, {divider['lut']} LUT"
        )
        lines.append(f"        {divider['why']}")
    return lines


def _guards(report: dict[str, Any]) -> list[str]:
    if not report.get("guards"):
        return []
    lines = [
        "guards (the error bounds hold for inputs whose guarded arguments are all outside"
        " the excluded regions)"
    ]
    for guard in report["guards"]:
        lo, hi = guard["excluded"]
        opening = "(" if lo == -guard["eps"] else "["
        lines.append(f"  {guard['operator']}")
        lines.append(f"    argument in {opening}{lo:.4g}, {hi:.4g}) returns {guard['returns']}")
    return lines


_RESOURCE_ROWS = (("LUT", "lut"), ("FF", "ff"), ("DSP", "dsp"), ("BRAM18", "bram18"))
"""Resources both the estimate and the synthesis report: label, key in both sections."""


def _rewrite(report: dict[str, Any]) -> list[str]:
    """The form `rewrite="auto"` chose, and the bound and cost of each candidate."""
    if "rewrite" not in report:
        return []
    rewrite = report["rewrite"]
    if "skipped" in rewrite:
        return [f"rewrite none (no search: {rewrite['skipped']})"]
    lines = [f"rewrite {rewrite['chosen']}, chosen among:"]
    for candidate in rewrite["candidates"]:
        bounds = ", ".join(f"{bound:.3g}" for bound in candidate["error_bound"])
        lines.append(
            f"  {candidate['rewrites']}: error bound {bounds}; {candidate['latency_cycles']}"
            f" cycles, {candidate['dsp']} DSP, {candidate['lut']} LUT"
        )
    lines += [f"  {label}: refused ({error})" for label, error in rewrite.get("failed", {}).items()]
    return lines


def render_measured(report: dict[str, Any]) -> list[str]:
    """The synthesis result (`srcc synth`) beside the estimate, with any disagreement on
    where the tables went; nothing if the project was never synthesized."""
    measured, estimated = report.get("measured"), report["cost"]
    if not measured:
        return []
    levels = measured["logic_levels"]
    lines = [
        f"Measured: {measured['tool']} ({measured['version']}), synth_xilinx -family"
        f" {measured['family']} for {measured['part']}, out of context",
        f"  {'':14} {'estimated':>9} {'measured':>9}",
        f"  {'latency':14} {estimated['latency_cycles']:>9} {len(levels) - 1:>9}",
    ]
    lines += [
        f"  {label:14} {estimated[key]:>9} {measured[key]:>9}" for label, key in _RESOURCE_ROWS
    ]
    lines += [
        f"  {'CARRY4':14} {'':>9} {measured['carry']:>9}",
        f"  {'LUTRAM cells':14} {'':>9} {measured['lutram']:>9}",
        f"  logic levels per stage: {' '.join(map(str, levels))}",
    ]
    if (estimated["bram18"] > 0) != (measured["bram18"] > 0):
        lines.append(
            f"  note: the estimate puts {estimated['bram18']} BRAM18 where Yosys mapped"
            f" {measured['bram18']}: a table it calls block RAM went to LUTs, or the reverse"
        )
    return lines


def render_report(report: dict[str, Any]) -> str:
    """The pipeline, types, proven error bounds, guards, tables, dividers, the latency and resource
    estimate, then what synthesis measured (after `srcc synth`)."""
    pipeline = (
        [
            f"pipeline {report['pipeline']}",
            "  (`srcc-opt ir/sym.mlir -p PIPELINE` replays it: the result is ir/fix.mlir)",
        ]
        if report.get("pipeline")
        else []
    )
    sections = [
        pipeline,
        _rewrite(report),
        _inputs(report),
        _outputs(report),
        _guards(report),
        _tables(report),
        _dividers(report),
    ]
    text = "\n".join(line for section in sections for line in [*section, ""] if section)
    measured = render_measured(report)
    estimate = CostReport.from_dict(report["cost"]).table()
    return text + estimate + ("\n\n" + "\n".join(measured) if measured else "")
