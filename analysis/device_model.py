"""The device model: delay and resources of the building blocks of a `fix` datapath on one
FPGA family. ESTIMATES, data-sheet-level approximations; nothing here runs a vendor tool.

Building blocks (w: the width in bits):

- adder (also subtractor, negation): one LUT level + routing + a carry chain of w bits;
  w LUTs.
- comparator: the same delay as an adder; `comparator_luts_per_bit` x w LUTs.
- logic level (a mux, a mirror): one LUT level + routing; `mux_luts_per_bit` x w LUTs.
- multiplier by a constant: a shift-add tree over the nonzero digits of the constant's
  canonical signed digit (CSD) form: digits - 1 adders of width w, ceil(log2(digits))
  adder levels deep, one more adder (a negation) when every digit is negative; no DSP.
- multiplier of two variables: DSP48E2 tiles of 27 x 18 signed bits, ceil over the tiling
  in the better orientation; a cascade of n tiles takes the multiply delay plus (n - 1)
  cascade hops. Products whose operands both have at most `lut_multiplier_max_bits` bits
  go to LUTs (Vitis HLS binds such small products to fabric): about wa * wb LUTs, one LUT
  level of partial products then ceil(log2(min(wa, wb))) adder levels of width wa + wb.
- table of `entries` x w bits: LUTRAM up to `lutram_max_entries` entries and
  `lutram_max_bits` bits, else block RAM (`table_storage`, the one rule that the
  `fix-table-storage` pass records on every `fix.lut`). A LUT ROM takes
  `rom_lut_fraction` x w * ceil(entries / 64) LUTs (64 bits per LUT6) and is read in one
  LUT level plus one 4:1 mux level per factor 4 beyond 64 entries. A block RAM is BRAM18
  blocks in their best aspect ratio, read in one full cycle: the address is registered
  inside the block and the data arrive `bram_clock_to_out_ns` into the next stage.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from srcc.dialects import fix


@dataclass(frozen=True)
class DeviceModel:
    """Delay and resource figures of one FPGA family, all approximations."""

    lut_ns: float
    """LUT6 logic delay."""
    route_ns: float
    """One net hop between two cells."""
    carry_ns_per_bit: float
    """CARRY8 ripple per bit."""
    dsp_multiply_ns: float
    """DSP48E2 A/B -> P through the multiplier, no internal register."""
    dsp_cascade_ns: float
    """Each further DSP48E2 of a cascaded product (PCIN -> P through the post-adder)."""
    bram_clock_to_out_ns: float
    """Block RAM clock to data out, without the optional output register."""
    dsp_port_bits: tuple[int, int]
    """DSP48E2 signed multiplier: 27 x 18 bits."""
    lut_multiplier_max_bits: int
    """Products whose operands both have at most this many bits are built from LUTs."""
    rom_bits_per_lut: int
    """A LUT6 holds a 64 x 1 ROM."""
    lutram_max_entries: int
    """Tables with more entries than this go to block RAM."""
    lutram_max_bits: int
    """Tables with more bits than this go to block RAM."""
    bram18_shapes: tuple[tuple[int, int], ...]
    """The (depth, width) aspect ratios of a BRAM18 (18 Kbit) block."""
    comparator_luts_per_bit: float = 0.5
    """LUTs per bit of a comparator (two bits per LUT6)."""
    mux_luts_per_bit: float = 1.0
    """LUTs per bit of one logic level (a 2:1 mux, a mirror)."""
    rom_lut_fraction: float = 1.0
    """The share of a LUT ROM's 64-entry LUT6s that synthesis keeps (logic minimisation
    merges the bits of smooth tables)."""
    dsp_lut_equivalent: int = 100
    """LUTs one DSP48E2 is worth when a constant product may go either way (a rule of
    thumb of silicon area; the shift-add tree wins when it needs at most this many)."""


ULTRASCALE_PLUS = DeviceModel(
    lut_ns=0.10,
    route_ns=0.40,
    carry_ns_per_bit=0.015,
    dsp_multiply_ns=2.30,
    dsp_cascade_ns=1.20,
    bram_clock_to_out_ns=1.60,
    dsp_port_bits=(27, 18),
    lut_multiplier_max_bits=10,
    rom_bits_per_lut=64,
    lutram_max_entries=1024,
    lutram_max_bits=32 * 1024,
    bram18_shapes=((16384, 1), (8192, 2), (4096, 4), (2048, 9), (1024, 18), (512, 36)),
    comparator_luts_per_bit=0.25,
    mux_luts_per_bit=0.25,
    rom_lut_fraction=2.65,
)
"""Xilinx UltraScale+ (e.g. VU9P, speed grade -2), data-sheet-level figures (DS923, UG574,
UG579), rounded: LUT6 ~0.1 ns; a net hop 0.3-0.5 ns (0.4 used); CARRY8 ~0.12 ns per 8 bits
(0.015 ns/bit); DSP48E2 unregistered multiply 1.5-2.5 ns (2.3 used, plus 1.2 ns per cascaded
DSP); BRAM clock-to-out 1.0-1.8 ns (1.6 used). Calibration: a 16-bit add (0.74 ns) or a
16 x 16 multiply (2.7 ns) fits one 5 ns cycle with room to spare, as on a VU9P; about five
chained 16-bit adds fill one. The 10-bit fabric-multiplier threshold and the LUTRAM limits
(1024 entries, 32 Kbit) are rules of thumb of Vitis HLS binding, not data-sheet figures.
The three LUT factors are fitted to Yosys (`bench/calibrate.py`, docs/benchmarks.md):
synthesis merges a saturation's comparator and mux into few LUTs (0.25 LUT per bit each),
and builds a `case` ROM from about 2.65 times the LUT6s that 64 entries per LUT would
take."""


@dataclass(frozen=True)
class OpCost:
    """Delay and resources of one op. `registered`: a BRAM read splits the op in two,
    `delay_ns` before the block's address register, `after_ns` after it."""

    delay_ns: float = 0.0
    after_ns: float = 0.0
    registered: bool = False
    dsp: int = 0
    lut: int = 0
    bram18: int = 0
    lutram_bits: int = 0

    @property
    def total_ns(self) -> float:
        return self.delay_ns + self.after_ns

    def then(self, other: OpCost) -> OpCost:
        """`self` followed by `other`: delays in series, resources summed."""
        if self.registered and other.registered:
            raise ValueError("two block RAM reads in one op")
        if self.registered:
            before, after = self.delay_ns, self.after_ns + other.total_ns
        elif other.registered:
            before, after = self.delay_ns + other.delay_ns, other.after_ns
        else:
            before, after = self.delay_ns + other.delay_ns, 0.0
        return OpCost(
            delay_ns=before,
            after_ns=after,
            registered=self.registered or other.registered,
            dsp=self.dsp + other.dsp,
            lut=self.lut + other.lut,
            bram18=self.bram18 + other.bram18,
            lutram_bits=self.lutram_bits + other.lutram_bits,
        )


FREE = OpCost()


def chain(*costs: OpCost) -> OpCost:
    """Costs in series."""
    total = FREE
    for cost in costs:
        total = total.then(cost)
    return total


# Building blocks.


def _luts(count: float) -> int:
    return math.ceil(count - 1e-9)


def logic_level(width: int, device: DeviceModel = ULTRASCALE_PLUS) -> OpCost:
    """One LUT level per bit (a mux, a mirror): LUT delay plus a net hop."""
    return OpCost(
        delay_ns=device.lut_ns + device.route_ns, lut=_luts(width * device.mux_luts_per_bit)
    )


def carry_delay(width: int, device: DeviceModel = ULTRASCALE_PLUS) -> float:
    return device.lut_ns + device.route_ns + device.carry_ns_per_bit * width


def adder(width: int, device: DeviceModel = ULTRASCALE_PLUS) -> OpCost:
    return OpCost(delay_ns=carry_delay(width, device), lut=width)


def comparator(width: int, device: DeviceModel = ULTRASCALE_PLUS) -> OpCost:
    return OpCost(
        delay_ns=carry_delay(width, device), lut=_luts(width * device.comparator_luts_per_bit)
    )


def csd_digits(value: int) -> list[int]:
    """Canonical signed digits (non-adjacent form) of `value`, least significant first."""
    digits = []
    while value:
        digit = 2 - value % 4 if value % 2 else 0
        digits.append(digit)
        value = (value - digit) // 2
    return digits


def constant_multiplier(raw: int, width: int, device: DeviceModel = ULTRASCALE_PLUS) -> OpCost:
    """Shift-add tree of a product by the constant whose raw integer is `raw`."""
    nonzero = [digit for digit in csd_digits(raw) if digit]
    if not nonzero:
        return FREE
    negate = all(digit < 0 for digit in nonzero)
    adders = len(nonzero) - 1 + negate
    depth = math.ceil(math.log2(len(nonzero))) + negate
    return OpCost(delay_ns=depth * carry_delay(width, device), lut=adders * width)


def dsp_tiles(width_a: int, width_b: int, device: DeviceModel = ULTRASCALE_PLUS) -> int:
    """DSP48E2 count of a signed width_a x width_b product: ceil over the 27 x 18 tiling."""
    long, short = device.dsp_port_bits
    return min(
        math.ceil(width_a / long) * math.ceil(width_b / short),
        math.ceil(width_a / short) * math.ceil(width_b / long),
    )


def multiplier(width_a: int, width_b: int, device: DeviceModel = ULTRASCALE_PLUS) -> OpCost:
    """A product of two variables of these signed widths, in LUTs or DSPs."""
    if max(width_a, width_b) <= device.lut_multiplier_max_bits:
        levels = math.ceil(math.log2(min(width_a, width_b))) if min(width_a, width_b) > 1 else 0
        delay = device.lut_ns + device.route_ns + levels * carry_delay(width_a + width_b, device)
        return OpCost(delay_ns=delay, lut=width_a * width_b)
    tiles = dsp_tiles(width_a, width_b, device)
    delay = device.route_ns + device.dsp_multiply_ns + (tiles - 1) * device.dsp_cascade_ns
    return OpCost(delay_ns=delay, dsp=tiles)


def bram18_blocks(entries: int, width: int, device: DeviceModel = ULTRASCALE_PLUS) -> int:
    """BRAM18 blocks of an entries x width ROM, in the block's best aspect ratio."""
    return min(
        math.ceil(entries / depth) * math.ceil(width / bits) for depth, bits in device.bram18_shapes
    )


def table_storage(
    entries: int, width: int, device: DeviceModel = ULTRASCALE_PLUS
) -> fix.TableStorage:
    """Where a table of entries x width bits goes: LUTRAM, or block RAM when it has more
    entries or bits than LUTRAM takes."""
    too_large = entries > device.lutram_max_entries or entries * width > device.lutram_max_bits
    return fix.TableStorage.BRAM if too_large else fix.TableStorage.LUTRAM


def table_read(
    entries: int, width: int, storage: fix.TableStorage, device: DeviceModel = ULTRASCALE_PLUS
) -> OpCost:
    """Reading one entry of an entries x width ROM stored in `storage`."""
    if storage == fix.TableStorage.BRAM:
        return OpCost(
            after_ns=device.bram_clock_to_out_ns,
            registered=True,
            bram18=bram18_blocks(entries, width, device),
        )
    luts_per_bit = math.ceil(entries / device.rom_bits_per_lut)
    levels = 1 + math.ceil(math.log(luts_per_bit, 4)) if luts_per_bit > 1 else 1
    return OpCost(
        delay_ns=levels * (device.lut_ns + device.route_ns),
        lut=_luts(width * luts_per_bit * device.rom_lut_fraction),
        lutram_bits=entries * width,
    )


def shift_add_is_cheaper(
    raw: int, width: int, operand_width: int, device: DeviceModel = ULTRASCALE_PLUS
) -> bool:
    """Whether the product of a variable of `operand_width` signed bits by the constant
    whose raw integer is `raw` (result `width` bits) costs fewer LUT-equivalents as a
    canonical-signed-digit shift-add tree than as a multiplier (a DSP counting
    `dsp_lut_equivalent` LUTs)."""
    tree = constant_multiplier(raw, width, device)
    product = multiplier(operand_width, raw.bit_length() + 1, device)
    return tree.lut <= product.lut + product.dsp * device.dsp_lut_equivalent
